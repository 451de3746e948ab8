import { describe, expect, it } from 'vitest';

import type { Backend } from '../lib/backend';
import { setBackend } from '../lib/backend';
import { createMockBackend } from '../lib/mockBackend';
import { getAppStatus } from './app';
import { BackendError, toIpcError } from './errors';
import { createDemoOffice, getOfficeOverview } from './office';

describe('api wrappers', () => {
  it('call the snake_case commands', async () => {
    const backend = createMockBackend();
    setBackend(backend);
    expect((await getAppStatus()).needsSetup).toBe(true);
    expect((await createDemoOffice()).needsSetup).toBe(false);
    expect((await getOfficeOverview()).counters.length).toBeGreaterThan(0);
    expect(backend.calls.map((c) => c.cmd)).toEqual(['get_app_status', 'create_demo_office', 'get_office_overview']);
  });

  it('reject with a BackendError carrying the IpcError code and message', async () => {
    const backend = createMockBackend();
    backend.failNext('get_app_status', { code: 'storage', message: 'ดิสก์เต็ม' });
    setBackend(backend);
    const err: unknown = await getAppStatus().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(toIpcError(err)).toEqual({ code: 'storage', message: 'ดิสก์เต็ม' });
  });

  it('turn anything else a backend throws into an internal error', async () => {
    const broken: Backend = {
      kind: 'tauri',
      invoke: () => Promise.reject(new Error('command get_app_status not found')),
    };
    setBackend(broken);
    const err: unknown = await getAppStatus().catch((e: unknown) => e);
    expect(toIpcError(err)).toEqual({ code: 'internal', message: 'command get_app_status not found' });
    expect(toIpcError('plain text')).toEqual({ code: 'internal', message: 'plain text' });
    expect(toIpcError({ code: 'bogus', message: 'x' }).code).toBe('internal');
  });
});
