import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';

import { setLang } from '../../i18n';
import { setBackend } from '../../lib/backend';
import { createMockBackend } from '../../lib/mockBackend';
import { SettingsArea } from './SettingsArea';

/** The demo office with `username` signed in; renders Settings for them. */
function renderFor(username: string) {
  const backend = createMockBackend({ withDemoOffice: true, signedInAs: username });
  setBackend(backend);
  const session = backend.activeSession();
  if (!session) throw new Error('not signed in');
  const onSession = vi.fn();
  render(<SettingsArea session={session} onSession={onSession} />);
  return { backend, session, onSession };
}

function type(testId: string, value: string) {
  fireEvent.input(screen.getByTestId(testId), { target: { value } });
}

describe('SettingsArea', () => {
  it('shows the office as the backend has it', async () => {
    renderFor('clerk');
    const office = await screen.findByTestId('settings-office');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('ตั้งค่า');
    expect(within(office).getByTestId('settings-office-name').textContent).toBe('องค์การบริหารส่วนตำบลตัวอย่าง (ข้อมูลจำลอง)');
    expect(within(office).getByTestId('settings-office-code').textContent).toBe('6310101');
    expect(within(office).getByTestId('settings-office-taxid').textContent).toBe('0-9940-00123-45-1');
    expect(within(office).getByTestId('settings-office-logo').textContent).toBe('ไม่มีตราสัญลักษณ์');
  });

  it('lists departments with their services, prefixes, times and documents', async () => {
    renderFor('clerk');
    const departments = await screen.findByTestId('settings-departments');
    expect(within(departments).getByTestId('settings-department-FINANCE').textContent).toContain('กองคลัง');
    const service = within(departments).getByTestId('settings-service-ELDERLY');
    expect(service.textContent).toContain('ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ');
    expect(service.textContent).toContain('E');
    expect(service.textContent).toContain('15 นาที');
    expect(
      within(service)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['บัตรประจำตัวประชาชน', 'ทะเบียนบ้าน', 'สมุดบัญชีเงินฝากธนาคาร']);
  });

  it('lists counters with the services they serve, and the staff with translated roles', async () => {
    renderFor('clerk');
    const counters = await screen.findByTestId('settings-counters');
    expect(within(counters).getByTestId('settings-counter-2').textContent).toContain('ชำระภาษีที่ดินและสิ่งปลูกสร้าง');
    const users = screen.getByTestId('settings-users');
    expect(within(users).getByTestId('settings-user-finance').textContent).toContain('เจ้าหน้าที่การเงิน');
    expect(within(users).getByTestId('settings-user-admin').textContent).toContain('ผู้ดูแลระบบ');
  });

  it('uses English names and role names in English', async () => {
    setLang('en');
    renderFor('clerk');
    const departments = await screen.findByTestId('settings-departments');
    expect(departments.textContent).toContain('Finance Division');
    expect(screen.getByTestId('settings-user-palad').textContent).toContain('Supervisor');
  });

  it('has the language switch', async () => {
    renderFor('clerk');
    fireEvent.click(screen.getByTestId('lang-option-en'));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Settings'));
    expect(localStorage.getItem('sala.lang')).toBe('en');
  });

  it('shows a backend error in the alert region and retries', async () => {
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'clerk' });
    backend.failNext('get_office_overview', { code: 'notPermitted', message: 'ไม่มีสิทธิ์ดูข้อมูลนี้' });
    setBackend(backend);
    const session = backend.activeSession();
    if (!session) throw new Error('not signed in');
    render(<SettingsArea session={session} onSession={vi.fn()} />);
    expect((await screen.findByRole('alert')).textContent).toContain('ไม่มีสิทธิ์ดูข้อมูลนี้');
    fireEvent.click(screen.getByTestId('settings-retry'));
    expect(await screen.findByTestId('settings-users')).toBeTruthy();
  });

  it('shows user management and sign-in security to the administrator only', async () => {
    renderFor('admin');
    expect(await screen.findByTestId('users-section')).toBeTruthy();
    expect(await screen.findByTestId('policy-section')).toBeTruthy();
    await screen.findByTestId('settings-office');
    // The administrator manages the staff list; the read-only copy is not repeated.
    expect(screen.queryByTestId('settings-users')).toBeNull();
    expect(screen.getByTestId('account-section')).toBeTruthy();
  });

  it('shows a clerk their own account and the office, but no user management or security', async () => {
    renderFor('clerk');
    await screen.findByTestId('settings-office');
    expect(screen.getByTestId('account-section').textContent).toContain('นายสมชาย บริการดี');
    expect(screen.queryByTestId('users-section')).toBeNull();
    expect(screen.queryByTestId('policy-section')).toBeNull();
  });
});

describe('my account', () => {
  it('checks that the new password is typed twice the same before calling the backend', () => {
    const { backend } = renderFor('clerk');
    type('account-password-current', 'demo1234');
    type('account-password-new', 'new password 1');
    type('account-password-confirm', 'new password 2');
    expect(screen.getByTestId('account-password-error-confirm').textContent).toBe('รหัสผ่านทั้งสองช่องไม่ตรงกัน');
    fireEvent.click(screen.getByTestId('account-password-submit'));
    expect(backend.calls.some((c) => c.cmd === 'change_own_password')).toBe(false);
    expect(document.activeElement).toBe(screen.getByTestId('account-password-confirm'));
  });

  it('changes the password, says so, and the new one signs in', async () => {
    const { backend, onSession } = renderFor('clerk');
    type('account-password-current', 'demo1234');
    type('account-password-new', 'new password 1');
    type('account-password-confirm', 'new password 1');
    fireEvent.click(screen.getByTestId('account-password-submit'));
    expect((await screen.findByTestId('account-saved')).textContent).toBe('เปลี่ยนรหัสผ่านเรียบร้อยแล้ว');
    expect(onSession).toHaveBeenCalledOnce();
    expect(backend.calls.find((c) => c.cmd === 'change_own_password')?.args).toEqual({
      current: 'demo1234',
      newPassword: 'new password 1',
    });
    expect(screen.getByTestId<HTMLInputElement>('account-password-current').value).toBe('');
    await backend.invoke('sign_out');
    await expect(backend.invoke('sign_in', { username: 'clerk', secret: 'new password 1' })).resolves.toBeTruthy();
  });

  it('shows a wrong current password in the alert region', async () => {
    renderFor('clerk');
    type('account-password-current', 'not it at all');
    type('account-password-new', 'new password 1');
    type('account-password-confirm', 'new password 1');
    fireEvent.click(screen.getByTestId('account-password-submit'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('รหัสผ่านปัจจุบันไม่ถูกต้อง');
  });

  it('sets a new PIN and removes it, confirming with the password', async () => {
    const { backend, onSession } = renderFor('clerk');
    expect(screen.getByTestId('pin-status').textContent).toBe('ตั้ง PIN ไว้แล้ว');
    type('pin-current-password', 'demo1234');
    type('pin-new', '12345');
    fireEvent.click(screen.getByTestId('pin-submit'));
    expect(screen.getByTestId('pin-error-new').textContent).toBe('PIN ต้องเป็นตัวเลข 6 หลัก');
    expect(backend.calls.some((c) => c.cmd === 'set_own_pin')).toBe(false);

    type('pin-new', '975135');
    fireEvent.click(screen.getByTestId('pin-submit'));
    expect((await screen.findByTestId('account-saved')).textContent).toBe('ตั้ง PIN เรียบร้อยแล้ว');
    expect(backend.calls.find((c) => c.cmd === 'set_own_pin')?.args).toEqual({
      currentPassword: 'demo1234',
      pin: '975135',
    });
    expect(onSession).toHaveBeenLastCalledWith(expect.objectContaining({ hasPin: true }));

    type('pin-current-password', 'demo1234');
    fireEvent.click(screen.getByTestId('pin-remove'));
    await waitFor(() => expect(screen.getByTestId('account-saved').textContent).toBe('ลบ PIN เรียบร้อยแล้ว'));
    expect(backend.calls.filter((c) => c.cmd === 'set_own_pin').at(-1)?.args).toEqual({
      currentPassword: 'demo1234',
      pin: null,
    });
    expect(onSession).toHaveBeenLastCalledWith(expect.objectContaining({ hasPin: false }));
  });

  it('shows a PIN the backend finds too easy in the alert region', async () => {
    renderFor('clerk');
    type('pin-current-password', 'demo1234');
    type('pin-new', '123456');
    fireEvent.click(screen.getByTestId('pin-submit'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('เดาง่ายเกินไป');
  });
});
