import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import { getAppStatus, type AppStatus } from '../api/app';
import { toIpcError, type IpcError } from '../api/errors';
import { getSession, type SessionState } from '../api/session';

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
  /** Replaces the session part of the status (after a sign-in, a lock, a sign-out). */
  setSession: (session: SessionState) => void;
  /** Re-reads the session from the backend (after a command said `signInRequired`). */
  reloadSession: () => void;
};

/**
 * The backend's `AppStatus`, fetched at once and then every `STATUS_POLL_MS`. The poll also picks up a
 * session that the backend locked because it went idle.
 *
 * Every local change (a status or session a command returned) bumps a generation counter, and an answer to
 * a request made before that change is dropped: a poll that was under way while the user signed in must not
 * put the old session back on screen.
 */
export function useAppStatus(pollMs: number = STATUS_POLL_MS): AppStatusState {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const generation = useRef(0);

  const refresh = useCallback(() => {
    const asked = generation.current;
    getAppStatus().then(
      (next) => {
        if (generation.current !== asked) return;
        setStatus(next);
        setError(null);
      },
      (err: unknown) => {
        if (generation.current === asked) setError(toIpcError(err));
      },
    );
  }, []);

  const replace = useCallback((next: AppStatus) => {
    generation.current += 1;
    setStatus(next);
    setError(null);
  }, []);

  const setSession = useCallback((session: SessionState) => {
    generation.current += 1;
    setStatus((current) => (current ? { ...current, session } : current));
  }, []);

  const reloadSession = useCallback(() => {
    const asked = generation.current;
    getSession().then(
      (session) => {
        if (generation.current !== asked) return;
        generation.current += 1;
        setStatus((current) => (current ? { ...current, session } : current));
      },
      // The next poll tries again.
      () => undefined,
    );
  }, []);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, pollMs);
    return () => clearInterval(timer);
  }, [refresh, pollMs]);

  return { status, error, refresh, replace, setSession, reloadSession };
}
