import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { getQueueState, type QueueState } from '../../api/queue';

/** How often the queue is looked at again while the page is visible. */
export const QUEUE_POLL_MS = 2500;

export type QueueLoad = {
  state: QueueState | null;
  /** The last look failed (the state shown, if any, is the one before). */
  error: IpcError | null;
  /** When the state on screen was read (ms since the epoch), for "updated at". */
  readAt: number | null;
  /** Looks again now (after an action of this window). */
  refresh: () => void;
};

/**
 * The queue as of now: asks `queue_state` when `enabled` turns on, after `refresh()`, and every `pollMs` while
 * the page is visible, so a counter sees new tickets without touching anything. `queue_state` is a quiet read
 * in the shell (`run_as_quiet`): it needs the session but does not count as activity, so the idle lock still
 * runs out. An older answer arriving after a newer one is dropped.
 */
export function useQueueState(enabled: boolean, pollMs: number = QUEUE_POLL_MS): QueueLoad {
  const [state, setState] = useState<QueueState | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [readAt, setReadAt] = useState<number | null>(null);
  const lookRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let asked = 0;
    let answered = 0;

    const look = () => {
      const mine = ++asked;
      getQueueState().then(
        (next) => {
          if (!live || mine < answered) return;
          answered = mine;
          setState(next);
          setError(null);
          setReadAt(Date.now());
        },
        (err: unknown) => {
          if (!live || mine < answered) return;
          answered = mine;
          setError(toIpcError(err));
        },
      );
    };
    const tick = () => {
      if (!document.hidden) look();
    };

    lookRef.current = look;
    look();
    const timer = setInterval(tick, pollMs);
    return () => {
      live = false;
      lookRef.current = () => undefined;
      clearInterval(timer);
    };
  }, [enabled, pollMs]);

  const refresh = useCallback(() => lookRef.current(), []);
  return { state, error, readAt, refresh };
}
