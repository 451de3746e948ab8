import { useEffect, useRef } from 'preact/hooks';

import { touchSession } from '../api/session';

/** The window tells the backend about activity at most this often. */
export const TOUCH_INTERVAL_MS = 30_000;

/** What counts as the user being at the computer. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * Locks the screen after `idleLockMinutes` without a key press, click, wheel or touch while `userId` is signed
 * in: calls `onIdle` once when the time runs out.
 *
 * Activity also goes to the backend (`touch_session`), which keeps its own idle clock: at most once every
 * `TOUCH_INTERVAL_MS`, plus one trailing touch at the end of an interval with activity, so the backend's clock
 * never lags the window's and the window, not the backend, is what locks first.
 */
export function useIdleLock(userId: string | null, idleLockMinutes: number, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;

  useEffect(() => {
    if (userId === null) return;
    const idleMs = idleLockMinutes * 60_000;
    let lastTouch = Date.now();
    let trailing: ReturnType<typeof setTimeout> | null = null;
    let idleTimer: ReturnType<typeof setTimeout>;

    const stop = () => {
      clearTimeout(idleTimer);
      if (trailing !== null) clearTimeout(trailing);
      trailing = null;
      for (const name of ACTIVITY_EVENTS) document.removeEventListener(name, onActivity, true);
    };
    const fire = () => {
      stop();
      onIdleRef.current();
    };
    const touch = () => {
      trailing = null;
      lastTouch = Date.now();
      // A `signInRequired` answer reaches the app through `onSignInRequired`; nothing else needs handling.
      touchSession().catch(() => undefined);
    };
    function onActivity() {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(fire, idleMs);
      const since = Date.now() - lastTouch;
      if (since >= TOUCH_INTERVAL_MS) touch();
      else trailing ??= setTimeout(touch, TOUCH_INTERVAL_MS - since);
    }

    idleTimer = setTimeout(fire, idleMs);
    for (const name of ACTIVITY_EVENTS) document.addEventListener(name, onActivity, { capture: true, passive: true });
    return stop;
  }, [userId, idleLockMinutes]);
}
