import { useEffect } from 'preact/hooks';

import { toggleFullscreen } from '../../api/board';

/**
 * F11 toggles the window's full screen, as in a browser: the desktop webview has no such key of its own, and
 * staff need it to move the board to another monitor or to leave it. In a plain browser the browser's own F11
 * still works (the key is not swallowed) and the mock's command does nothing.
 */
export function useFullscreenKey(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F11') return;
      toggleFullscreen().catch((err: unknown) => {
        console.warn('board: could not toggle full screen', err);
      });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
