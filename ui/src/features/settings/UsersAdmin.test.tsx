import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';

import type { SessionView } from '../../generated/SessionView';
import type { UserAccount } from '../../generated/UserAccount';
import { setBackend } from '../../lib/backend';
import { createMockBackend, type MockBackend } from '../../lib/mockBackend';
import { SettingsArea } from './SettingsArea';

function renderAsAdmin(): { backend: MockBackend; onSession: ReturnType<typeof vi.fn> } {
  const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'admin' });
  setBackend(backend);
  const session = backend.activeSession();
  if (!session) throw new Error('not signed in');
  const onSession = vi.fn<(session: SessionView) => void>();
  render(<SettingsArea session={session} onSession={onSession} />);
  return { backend, onSession };
}

function type(testId: string, value: string) {
  fireEvent.input(screen.getByTestId(testId), { target: { value } });
}

async function accounts(backend: MockBackend): Promise<UserAccount[]> {
  return backend.invoke<UserAccount[]>('list_user_accounts');
}

describe('users (administrator)', () => {
  it('lists every account with role, state, PIN, must-change and lock', async () => {
    renderAsAdmin();
    const row = await screen.findByTestId('user-row-clerk');
    expect(within(row).getByRole('rowheader').textContent).toBe('นายสมชาย บริการดี');
    expect(screen.getByTestId<HTMLSelectElement>('user-role-clerk').value).toBe('clerk');
    expect(screen.getByTestId('user-state-clerk').textContent).toBe('ใช้งานได้');
    expect(screen.getByTestId('user-pin-clerk').textContent).toBe('ใช่');
    expect(screen.getByTestId('user-must-change-clerk').textContent).toBe('ไม่');
    expect(screen.getByTestId('user-locked-clerk').textContent).toBe('ไม่ถูกล็อก');
    expect(screen.getAllByTestId(/^user-row-/).map((r) => r.dataset.testid)).toEqual([
      'user-row-admin',
      'user-row-palad',
      'user-row-finance',
      'user-row-clerk',
    ]);
  });

  it('shows until when a locked-out account is locked, in B.E.', async () => {
    const backend = createMockBackend({
      withDemoOffice: true,
      now: () => new Date('2026-11-24T02:05:00Z'),
    });
    for (let i = 0; i < 5; i += 1) {
      await backend.invoke('sign_in', { username: 'clerk', secret: '000001' }).catch(() => undefined);
    }
    await backend.invoke('sign_in', { username: 'admin', secret: 'demo1234' });
    setBackend(backend);
    const session = backend.activeSession();
    if (!session) throw new Error('not signed in');
    render(<SettingsArea session={session} onSession={vi.fn()} />);
    // 09:05 in Bangkok plus the default 5 minutes.
    expect((await screen.findByTestId('user-locked-clerk')).textContent).toBe('24 พฤศจิกายน 2569 เวลา 09:10 น.');
  });

  it('creates a user who must change the password at the first sign-in', async () => {
    const { backend } = renderAsAdmin();
    await screen.findByTestId('user-row-clerk');
    type('user-new-username', 'somying');
    type('user-new-name', 'นางสาวสมหญิง ตั้งใจ');
    fireEvent.change(screen.getByTestId('user-new-role'), { target: { value: 'finance' } });
    type('user-new-password', 'first pass 1');
    fireEvent.click(screen.getByTestId('user-new-submit'));

    const row = await screen.findByTestId('user-row-somying');
    expect(screen.getByTestId('users-saved').textContent).toContain('somying');
    expect(screen.getByTestId<HTMLSelectElement>('user-role-somying').value).toBe('finance');
    expect(within(row).getByTestId('user-must-change-somying').textContent).toBe('ใช่');
    expect(backend.calls.find((c) => c.cmd === 'create_user')?.args).toEqual({
      input: { username: 'somying', displayName: 'นางสาวสมหญิง ตั้งใจ', role: 'finance', password: 'first pass 1' },
    });
    expect(screen.getByTestId<HTMLInputElement>('user-new-username').value).toBe('');
    expect(backend.calls.filter((c) => c.cmd === 'list_user_accounts')).toHaveLength(2);
  });

  it('checks the create form before calling, and shows the backend refusing a taken name', async () => {
    const { backend } = renderAsAdmin();
    await screen.findByTestId('user-row-clerk');
    type('user-new-username', 'clerk');
    type('user-new-name', 'ซ้ำ');
    type('user-new-password', 'short');
    fireEvent.click(screen.getByTestId('user-new-submit'));
    expect(screen.getByTestId('user-new-error-password').textContent).toBe('รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร');
    expect(backend.calls.some((c) => c.cmd === 'create_user')).toBe(false);

    type('user-new-password', 'long enough');
    fireEvent.click(screen.getByTestId('user-new-submit'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('มีชื่อผู้ใช้ "clerk" อยู่แล้ว');
    expect(screen.getByTestId<HTMLInputElement>('user-new-username').value).toBe('clerk');
  });

  it('resets a password inline: must change, PIN cleared', async () => {
    const { backend } = renderAsAdmin();
    fireEvent.click(await screen.findByTestId('user-reset-clerk'));
    const field = screen.getByTestId('user-reset-password-clerk');
    expect(document.activeElement).toBe(field);
    type('user-reset-password-clerk', 'short');
    fireEvent.click(screen.getByTestId('user-reset-confirm-clerk'));
    expect(screen.getByTestId('user-reset-error-clerk').textContent).toBe('รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร');

    type('user-reset-password-clerk', 'temporary 1');
    fireEvent.click(screen.getByTestId('user-reset-confirm-clerk'));
    await waitFor(() => expect(screen.getByTestId('user-must-change-clerk').textContent).toBe('ใช่'));
    expect(screen.getByTestId('user-pin-clerk').textContent).toBe('ไม่');
    expect(screen.queryByTestId('user-reset-password-clerk')).toBeNull();
    expect(screen.getByTestId('users-saved').textContent).toContain('นายสมชาย บริการดี');
    const clerk = (await accounts(backend)).find((a) => a.username === 'clerk');
    expect(clerk).toMatchObject({ mustChangePassword: true, hasPin: false });
  });

  it('deactivates after a confirm step, and reactivates', async () => {
    const { backend } = renderAsAdmin();
    fireEvent.click(await screen.findByTestId('user-toggle-finance'));
    expect(screen.getByTestId('user-toggle-panel-finance').textContent).toContain('นางมาลี รักษ์การเงิน');
    expect(document.activeElement).toBe(screen.getByTestId('user-toggle-confirm-finance'));
    fireEvent.click(screen.getByTestId('user-toggle-cancel-finance'));
    expect(backend.calls.some((c) => c.cmd === 'set_user_active')).toBe(false);

    fireEvent.click(screen.getByTestId('user-toggle-finance'));
    fireEvent.click(screen.getByTestId('user-toggle-confirm-finance'));
    await waitFor(() => expect(screen.getByTestId('user-state-finance').textContent).toBe('ปิดใช้งาน'));
    expect(screen.getByTestId('user-toggle-finance').textContent).toBe('เปิดใช้งานอีกครั้ง');
    await expect(backend.invoke('sign_in', { username: 'finance', secret: 'demo1234' })).rejects.toMatchObject({
      code: 'signInFailed',
    });
    await backend.invoke('sign_in', { username: 'admin', secret: 'demo1234' });

    fireEvent.click(screen.getByTestId('user-toggle-finance'));
    fireEvent.click(screen.getByTestId('user-toggle-confirm-finance'));
    await waitFor(() => expect(screen.getByTestId('user-state-finance').textContent).toBe('ใช้งานได้'));
  });

  it("refuses to deactivate one's own account (the backend says why)", async () => {
    renderAsAdmin();
    fireEvent.click(await screen.findByTestId('user-toggle-admin'));
    fireEvent.click(screen.getByTestId('user-toggle-confirm-admin'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('ไม่สามารถปิดใช้งานบัญชีของตนเองได้');
    expect(screen.getByTestId('user-state-admin').textContent).toBe('ใช้งานได้');
  });

  it('changes a role from the row', async () => {
    const { backend } = renderAsAdmin();
    fireEvent.change(await screen.findByTestId('user-role-clerk'), { target: { value: 'supervisor' } });
    await waitFor(() => expect(screen.getByTestId('users-saved').textContent).toContain('หัวหน้างาน'));
    expect(backend.calls.find((c) => c.cmd === 'set_user_role')?.args).toEqual({
      userId: 'user-demo-clerk',
      role: 'supervisor',
    });
    expect(screen.getByTestId<HTMLSelectElement>('user-role-clerk').value).toBe('supervisor');
  });
});

describe('sign-in security (administrator)', () => {
  it('shows the policy and saves a change', async () => {
    const { backend, onSession } = renderAsAdmin();
    const max = await screen.findByTestId<HTMLInputElement>('policy-max-failures');
    expect(max.value).toBe('5');
    expect(screen.getByTestId<HTMLInputElement>('policy-lock-minutes').value).toBe('5');
    expect(screen.getByTestId<HTMLInputElement>('policy-idle-minutes').value).toBe('10');
    expect(document.getElementById('field-policy-idle-minutes-hint')?.textContent).toBe('ระหว่าง 1 ถึง 240');
    expect(max.max).toBe('10');
    type('policy-max-failures', '3');
    type('policy-idle-minutes', '15');
    fireEvent.click(screen.getByTestId('policy-save'));
    expect((await screen.findByTestId('policy-saved')).textContent).toBe('บันทึกการตั้งค่าความปลอดภัยแล้ว');
    expect(backend.calls.find((c) => c.cmd === 'set_security_policy')?.args).toEqual({
      policy: { maxFailures: 3, lockMinutes: 5, idleLockMinutes: 15 },
    });
    // The session's idle-lock time follows at once.
    await waitFor(() => expect(onSession).toHaveBeenCalledWith(expect.objectContaining({ idleLockMinutes: 15 })));
  });

  it('shows the backend refusing a value out of range', async () => {
    renderAsAdmin();
    await screen.findByTestId('policy-max-failures');
    type('policy-max-failures', '50');
    fireEvent.click(screen.getByTestId('policy-save'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('ต้องอยู่ระหว่าง 3 ถึง 10');
    expect(screen.queryByTestId('policy-saved')).toBeNull();
  });

  it('asks for whole numbers before calling the backend', async () => {
    const { backend } = renderAsAdmin();
    await screen.findByTestId('policy-lock-minutes');
    type('policy-lock-minutes', '2.5');
    fireEvent.click(screen.getByTestId('policy-save'));
    expect(screen.getByTestId('policy-lock-minutes-error').textContent).toBe('ต้องเป็นจำนวนเต็ม');
    expect(document.activeElement).toBe(screen.getByTestId('policy-lock-minutes'));
    expect(backend.calls.some((c) => c.cmd === 'set_security_policy')).toBe(false);
  });
});
