import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { getQueueState, type QueueState } from '../../api/queue';

/** What counts as someone using the window: the idle lock's list (`app/useIdleLock.ts`). */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/** How often the queue is looked at again while someone uses the window. */
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
 * the page is visible, but only if someone used the window since the last look. `queue_state` runs as the
 * signed-in user and counts as activity, so a blind poll would keep the idle lock from ever running out (the
 * same rule as the status bar's print failures, `app/usePrintFailures.ts`). An older answer arriving after a
 * newer one is dropped.
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
    let active = false;

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
    const onActivity = () => {
      active = true;
    };
    const tick = () => {
      if (!active || document.hidden) return;
      active = false;
      look();
    };

    lookRef.current = look;
    look();
    const timer = setInterval(tick, pollMs);
    for (const name of ACTIVITY_EVENTS) document.addEventListener(name, onActivity, { capture: true, passive: true });
    return () => {
      live = false;
      lookRef.current = () => undefined;
      clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) document.removeEventListener(name, onActivity, true);
    };
  }, [enabled, pollMs]);

  const refresh = useCallback(() => lookRef.current(), []);
  return { state, error, readAt, refresh };
}
