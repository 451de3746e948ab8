/**
 * The one seam between the UI and the Rust side (STYLE R15).
 *
 * `Backend` is what `src/api/*` calls; nothing else in the UI invokes commands. Inside the Tauri window the
 * backend is `tauriBackend`; in a plain browser (`npm run dev`) and in tests it is the in-memory mock from
 * `mockBackend.ts`. `main.tsx` picks one at start-up with `setBackend`.
 */
import { invoke as tauriInvoke } from '@tauri-apps/api/core';

/** Arguments of a command: a JSON object with camelCase keys (Tauri's default). */
export type CommandArgs = Record<string, unknown>;

/** Something that can run backend commands. */
export type Backend = {
  /** `tauri` in the desktop app, `mock` in a browser or a test. */
  readonly kind: 'tauri' | 'mock';
  /** Runs the snake_case command `cmd`; rejects with the command's error value (an `IpcError` for our commands). */
  invoke<T>(cmd: string, args?: CommandArgs): Promise<T>;
};

/** The real backend: Tauri IPC to the Rust commands. */
export const tauriBackend: Backend = {
  kind: 'tauri',
  invoke: <T>(cmd: string, args?: CommandArgs) => tauriInvoke<T>(cmd, args),
};

/** Whether the page runs inside a Tauri window. */
export function isTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

let current: Backend | null = null;

/** Installs the backend every `api/*` call goes to. */
export function setBackend(backend: Backend): void {
  current = backend;
}

/** The installed backend. Throws if start-up (or a test) forgot to install one. */
export function getBackend(): Backend {
  if (!current) throw new Error('No backend installed: call setBackend() first');
  return current;
}
