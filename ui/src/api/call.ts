/** The single place that invokes backend commands; every `api/*` wrapper goes through `call`. */
import { getBackend, type CommandArgs } from '../lib/backend';
import { BackendError, toIpcError } from './errors';

/** Runs `cmd` on the installed backend; rejects with a `BackendError`. */
export async function call<T>(cmd: string, args?: CommandArgs): Promise<T> {
  try {
    return await getBackend().invoke<T>(cmd, args);
  } catch (err) {
    throw new BackendError(toIpcError(err));
  }
}
