/** The single place that invokes backend commands; every `api/*` wrapper goes through `call`. */
import { getBackend, type CommandArgs } from '../lib/backend';
import { BackendError, toIpcError, type IpcError } from './errors';

/** Told when a command was refused because nobody is signed in (or the screen locked meanwhile). */
export type SignInRequiredListener = (error: IpcError, cmd: string) => void;

const signInRequiredListeners = new Set<SignInRequiredListener>();

/**
 * Calls `listener` whenever any command rejects with `signInRequired` (nobody signed in, the session went
 * idle and locked, or the account was deactivated meanwhile), so the app can re-read the session and show
 * the sign-in or lock screen. Returns the function that removes the listener.
 */
export function onSignInRequired(listener: SignInRequiredListener): () => void {
  signInRequiredListeners.add(listener);
  return () => {
    signInRequiredListeners.delete(listener);
  };
}

/** Runs `cmd` on the installed backend; rejects with a `BackendError`. */
export async function call<T>(cmd: string, args?: CommandArgs): Promise<T> {
  try {
    return await getBackend().invoke<T>(cmd, args);
  } catch (err) {
    const error = toIpcError(err);
    if (error.code === 'signInRequired') {
      for (const listener of [...signInRequiredListeners]) listener(error, cmd);
    }
    throw new BackendError(error);
  }
}
