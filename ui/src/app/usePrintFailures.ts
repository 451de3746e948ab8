import { useEffect, useState } from 'preact/hooks';

import { onPrintJobsChanged, refreshPrintJobs } from '../api/printing';
import { ACTIVITY_EVENTS } from './useIdleLock';

/** How often the print failures are looked at again. */
export const PRINT_POLL_MS = 60_000;

/**
 * How many of the user's print jobs failed (everyone's, for those who manage printers), for the status bar.
 *
 * Asks `refresh_print_jobs` when `enabled` turns on (signed in, screen not locked), after every test page or
 * reprint from this window, and then every `pollMs`, but only if someone used the window since the last look:
 * the command runs as the signed-in user and counts as activity, so a blind poll would keep the core's idle
 * lock from ever running out. A failed look keeps the last count (a `signInRequired` reaches the app through
 * `onSignInRequired`).
 */
export function usePrintFailures(enabled: boolean, pollMs: number = PRINT_POLL_MS): number {
  const [count, setCount] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let asked = 0;
    let answered = 0;
    let active = false;

    const look = () => {
      const mine = ++asked;
      refreshPrintJobs().then(
        (jobs) => {
          // An older answer arriving after a newer one must not put an old count back.
          if (!live || mine < answered) return;
          answered = mine;
          setCount(jobs.filter((job) => job.status === 'failed').length);
        },
        () => undefined,
      );
    };
    const onActivity = () => {
      active = true;
    };
    const tick = () => {
      if (!active) return;
      active = false;
      look();
    };

    look();
    const timer = setInterval(tick, pollMs);
    const stopListening = onPrintJobsChanged(look);
    for (const name of ACTIVITY_EVENTS) document.addEventListener(name, onActivity, { capture: true, passive: true });
    return () => {
      live = false;
      clearInterval(timer);
      stopListening();
      for (const name of ACTIVITY_EVENTS) document.removeEventListener(name, onActivity, true);
    };
  }, [enabled, pollMs]);

  return count;
}
