import { describe, expect, it, vi } from 'vitest';

import type { Backend } from '../lib/backend';
import { setBackend } from '../lib/backend';
import { createMockBackend } from '../lib/mockBackend';
import { getAppStatus } from './app';
import { browseAudit, getAuditChainStatus } from './audit';
import { revealCitizen, searchCitizens } from './citizens';
import { BackendError, toIpcError } from './errors';
import { createDemoOffice, getOfficeOverview } from './office';
import {
  getPrintRoutes,
  listPrinters,
  listPrintJobs,
  onPrintJobsChanged,
  printTestPage,
  refreshPrintJobs,
  reprintJob,
  setPrintRoute,
} from './printing';
import { getSession, lockSession, onSignInRequired, openArea, signIn, signOut, touchSession } from './session';
import { changeOwnPassword, createUser, resetUserPassword, setOwnPin, setUserActive, setUserRole } from './users';

describe('api wrappers', () => {
  it('call the snake_case commands', async () => {
    const backend = createMockBackend();
    setBackend(backend);
    expect((await getAppStatus()).needsSetup).toBe(true);
    expect((await createDemoOffice()).session).toEqual({ active: null, locked: null });
    expect((await signIn('admin', 'demo1234')).user.role).toBe('admin');
    expect((await getOfficeOverview()).counters.length).toBeGreaterThan(0);
    expect(backend.calls.map((c) => c.cmd)).toEqual([
      'get_app_status',
      'create_demo_office',
      'sign_in',
      'get_office_overview',
    ]);
  });

  it('pass their arguments with camelCase names', async () => {
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'admin' });
    setBackend(backend);
    await openArea('settings');
    await touchSession();
    await createUser({ username: 'somchai', displayName: 'สมชาย', role: 'clerk', password: 'first pass' });
    await resetUserPassword('user-demo-clerk', 'temporary 1');
    await setUserActive('user-demo-finance', false);
    await setUserRole('user-demo-finance', 'supervisor');
    await setOwnPin('demo1234', null);
    await changeOwnPassword('demo1234', 'another one');
    await lockSession();
    expect((await getSession()).locked?.username).toBe('admin');
    await signOut();
    expect(backend.calls.map((c) => [c.cmd, c.args])).toEqual([
      ['open_area', { area: 'settings' }],
      ['touch_session', undefined],
      ['create_user', { input: { username: 'somchai', displayName: 'สมชาย', role: 'clerk', password: 'first pass' } }],
      ['reset_user_password', { userId: 'user-demo-clerk', newPassword: 'temporary 1' }],
      ['set_user_active', { userId: 'user-demo-finance', active: false }],
      ['set_user_role', { userId: 'user-demo-finance', role: 'supervisor' }],
      ['set_own_pin', { currentPassword: 'demo1234', pin: null }],
      ['change_own_password', { current: 'demo1234', newPassword: 'another one' }],
      ['lock_session', undefined],
      ['get_session', undefined],
      ['sign_out', undefined],
    ]);
  });

  it('call the printing commands with camelCase arguments, and tell listeners about prints', async () => {
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'palad' });
    setBackend(backend);
    const listener = vi.fn();
    const off = onPrintJobsChanged(listener);
    expect((await listPrinters()).map((p) => p.name)).toEqual(['Office-A4', 'Finance-A5']);
    expect(await getPrintRoutes()).toHaveLength(6);
    const route = { kind: 'report', destination: null, paper: 'a4', cut: true, openDrawer: false } as const;
    expect(await setPrintRoute(route)).toContainEqual(route);
    const test = await printTestPage('report');
    expect(test.status).toBe('failed');
    expect(test.reason).toBe('ยังไม่ได้เลือกเครื่องพิมพ์สำหรับรายงาน (ตั้งค่า → เครื่องพิมพ์)');
    expect((await listPrintJobs(true)).map((j) => j.id)).toContain(test.id);
    const again = await reprintJob('job-demo-4');
    expect(again).toMatchObject({ status: 'sent', reprintOf: 'job-demo-4', userName: 'นางสาวพรทิพย์ ปลัดสาธิต' });
    expect((await refreshPrintJobs()).map((j) => j.id)).toEqual([test.id, 'job-demo-3']);
    expect(listener.mock.calls.map(([job]) => (job as { id: string }).id)).toEqual([test.id, again.id]);
    off();
    expect(backend.calls.map((c) => [c.cmd, c.args])).toEqual([
      ['list_printers', undefined],
      ['get_print_routes', undefined],
      ['set_print_route', { route }],
      ['print_test_page', { kind: 'report' }],
      ['list_print_jobs', { problemsOnly: true }],
      ['reprint_job', { id: 'job-demo-4' }],
      ['refresh_print_jobs', undefined],
    ]);
  });

  it('page through the audit log by sequence number', async () => {
    setBackend(createMockBackend({ withDemoOffice: true, signedInAs: 'palad' }));
    const page = await browseAudit({
      from: null,
      to: null,
      actorId: null,
      entity: null,
      action: null,
      beforeSeq: null,
      limit: 2,
    });
    expect(page.entries.map((e) => typeof e.seq)).toEqual(['number', 'number']);
    expect(typeof page.nextBeforeSeq).toBe('number');
    expect((await getAuditChainStatus()).entries).toBeGreaterThan(2);
    const older = await browseAudit({
      from: null,
      to: null,
      actorId: null,
      entity: null,
      action: null,
      beforeSeq: page.nextBeforeSeq,
      limit: 2,
    });
    expect(older.entries[0]?.seq).toBeLessThan(page.entries[1]?.seq ?? 0);
  });

  it('search citizens masked and reveal one', async () => {
    setBackend(createMockBackend({ withDemoOffice: true, signedInAs: 'clerk' }));
    const [first] = await searchCitizens('บุญมี');
    expect(first).toMatchObject({ thaiIdMasked: '3-3101-xxxxx-xx-3', phoneMasked: '08x-xxx-5601' });
    expect(await revealCitizen(first?.id ?? '')).toMatchObject({ thaiId: '3-3101-00815-90-3', phone: '0812345601' });
  });

  it('tell the app when a command needs someone signed in', async () => {
    setBackend(createMockBackend({ withDemoOffice: true }));
    const listener = vi.fn();
    const off = onSignInRequired(listener);
    const err: unknown = await getOfficeOverview().catch((e: unknown) => e);
    expect(toIpcError(err).code).toBe('signInRequired');
    expect(listener).toHaveBeenCalledWith(
      { code: 'signInRequired', message: 'โปรดเข้าสู่ระบบก่อน' },
      'get_office_overview',
    );
    off();
    await getOfficeOverview().catch(() => undefined);
    expect(listener).toHaveBeenCalledOnce();
  });

  it('reject with a BackendError carrying the IpcError code and message', async () => {
    const backend = createMockBackend();
    backend.failNext('get_app_status', { code: 'storage', message: 'ดิสก์เต็ม' });
    setBackend(backend);
    const err: unknown = await getAppStatus().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(toIpcError(err)).toEqual({ code: 'storage', message: 'ดิสก์เต็ม' });
  });

  it('keep the sign-in codes', () => {
    expect(toIpcError({ code: 'signInFailed', message: 'x' }).code).toBe('signInFailed');
    expect(toIpcError({ code: 'signInRequired', message: 'x' }).code).toBe('signInRequired');
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
    expect(toIpcError({ code: 'toString', message: 'x' }).code).toBe('internal');
  });
});
