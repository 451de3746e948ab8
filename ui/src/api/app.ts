/** App-wide state from the backend: first-start detection, the signed-in user, the outbox, the date. */
import type { AppStatus } from '../generated/AppStatus';
import { call } from './call';

export type { AppStatus };

/** `get_app_status`: what the status bar and the first-start check need. Cheap; polled every few seconds. */
export function getAppStatus(): Promise<AppStatus> {
  return call<AppStatus>('get_app_status');
}
