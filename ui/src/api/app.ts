/** App-wide state from the backend: first-start detection, the signed-in user, the outbox, the date. */
import type { AppStatus } from '../generated/AppStatus';
import type { Lang } from '../generated/Lang';
import { call } from './call';

export type { AppStatus };

/** `get_app_status`: what the status bar and the first-start check need. Cheap; polled every few seconds. */
export function getAppStatus(): Promise<AppStatus> {
  return call<AppStatus>('get_app_status');
}

/** `set_language`: messages that come from Rust (errors) follow the UI's language. */
export function setLanguage(lang: Lang): Promise<void> {
  return call<null>('set_language', { lang }).then(() => undefined);
}
