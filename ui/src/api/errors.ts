/**
 * Backend failures as the UI sees them: always an `IpcError` (`{ code, message }`), whatever was thrown.
 *
 * Our Rust commands reject with an `IpcError` whose message is already in the user's language. Anything
 * else (Tauri's own "command not found" string, a JS exception) becomes `internal` with its text.
 */
import type { ErrorCode } from '../generated/ErrorCode';
import type { IpcError } from '../generated/IpcError';

export type { ErrorCode, IpcError };

/** Every code, as a record so that a code added on the Rust side is a compile error here until listed. */
const KNOWN_CODES: Record<ErrorCode, true> = {
  notFound: true,
  validation: true,
  conflict: true,
  notPermitted: true,
  signInRequired: true,
  signInFailed: true,
  schemaTooNew: true,
  storage: true,
  internal: true,
};

/** The error every `api/*` function rejects with: an `Error` that is also an `IpcError`. */
export class BackendError extends Error implements IpcError {
  readonly code: ErrorCode;

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'BackendError';
    this.code = error.code;
  }
}

/** Whether `value` has the `IpcError` shape with a known code. */
export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof message === 'string' && typeof code === 'string' && Object.hasOwn(KNOWN_CODES, code);
}

/** Turns anything a command rejected with into an `IpcError`. */
export function toIpcError(value: unknown): IpcError {
  if (value instanceof BackendError) return { code: value.code, message: value.message };
  if (isIpcError(value)) return { code: value.code, message: value.message };
  if (value instanceof Error) return { code: 'internal', message: value.message };
  return { code: 'internal', message: typeof value === 'string' ? value : JSON.stringify(value) };
}
