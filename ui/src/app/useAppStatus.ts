import { useCallback, useEffect, useState } from 'preact/hooks';

import { getAppStatus, type AppStatus } from '../api/app';
import { toIpcError, type IpcError } from '../api/errors';

/** How often the status is refreshed. */
export const STATUS_POLL_MS = 5000;

export type AppStatusState = {
  /** The latest status, `null` until the first answer. */
  status: AppStatus | null;
  /** The latest refresh failed with this error (the previous `status`, if any, stays shown). */
  error: IpcError | null;
  /** Fetches now. */
  refresh: () => void;
  /** Replaces the status with one a command returned (setup returns the new status). */
  replace: (status: AppStatus) => void;
};

/** The backend's `AppStatus`, fetched at once and then every `STATUS_POLL_MS`. */
export function useAppStatus(pollMs: number = STATUS_POLL_MS): AppStatusState {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const refresh = useCallback(() => {
    getAppStatus().then(
      (next) => {
        setStatus(next);
        setError(null);
      },
      (err: unknown) => setError(toIpcError(err)),
    );
  }, []);

  const replace = useCallback((next: AppStatus) => {
    setStatus(next);
    setError(null);
  }, []);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, pollMs);
    return () => clearInterval(timer);
  }, [refresh, pollMs]);

  return { status, error, refresh, replace };
}
