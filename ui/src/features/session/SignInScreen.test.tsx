import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';

import type { SessionView } from '../../generated/SessionView';
import { setLang } from '../../i18n';
import { setBackend } from '../../lib/backend';
import { createMockBackend, type MockBackend } from '../../lib/mockBackend';
import { LockScreen } from './LockScreen';
import { SignInScreen } from './SignInScreen';

function demoOffice(): MockBackend {
  const backend = createMockBackend({ withDemoOffice: true });
  setBackend(backend);
  return backend;
}

function type(testId: string, value: string) {
  fireEvent.input(screen.getByTestId(testId), { target: { value } });
}

function signInWith(username: string, secret: string) {
  type('signin-username', username);
  type('signin-secret', secret);
  fireEvent.click(screen.getByTestId('signin-submit'));
}

describe('sign-in screen', () => {
  it('shows the office, focuses the username and labels the secret as password or PIN', async () => {
    demoOffice();
    render(<SignInScreen onSignedIn={vi.fn()} />);
    expect(document.activeElement).toBe(screen.getByTestId('signin-username'));
    expect((await screen.findByTestId('signin-office')).textContent).toBe('องค์การบริหารส่วนตำบลตัวอย่าง (ข้อมูลจำลอง)');
    const secret = screen.getByTestId<HTMLInputElement>('signin-secret');
    expect(secret.type).toBe('password');
    expect(screen.getByLabelText('รหัสผ่าน หรือ PIN 6 หลัก')).toBe(secret);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('เข้าสู่ระบบ');
  });

  it('signs in with the password and hands over the session', async () => {
    const backend = demoOffice();
    const onSignedIn = vi.fn<(session: SessionView) => void>();
    render(<SignInScreen onSignedIn={onSignedIn} />);
    signInWith(' clerk ', 'demo1234');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(onSignedIn.mock.calls[0]?.[0]).toMatchObject({
      user: { username: 'clerk', role: 'clerk' },
      areas: ['queue', 'requests', 'sync', 'settings'],
    });
    expect(backend.calls.find((c) => c.cmd === 'sign_in')?.args).toEqual({ username: 'clerk', secret: 'demo1234' });
  });

  it('signs in with a 6-digit PIN in the same field', async () => {
    demoOffice();
    const onSignedIn = vi.fn();
    render(<SignInScreen onSignedIn={onSignedIn} />);
    signInWith('finance', '246801');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(expect.objectContaining({ hasPin: true })));
  });

  it('says a wrong secret in the alert region, with the tries left, and clears the field', async () => {
    demoOffice();
    const onSignedIn = vi.fn();
    render(<SignInScreen onSignedIn={onSignedIn} />);
    signInWith('clerk', 'wrong password');
    const alert = await screen.findByTestId('error-message');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.dataset.code).toBe('signInFailed');
    expect(alert.textContent).toContain('ชื่อผู้ใช้หรือรหัสผ่าน/PIN ไม่ถูกต้อง (ลองได้อีก 4 ครั้งก่อนบัญชีถูกล็อก)');
    expect(screen.getByTestId<HTMLInputElement>('signin-secret').value).toBe('');
    expect(document.activeElement).toBe(screen.getByTestId('signin-secret'));
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('locks the account after 5 wrong PINs: even the right one is refused for a while', async () => {
    const backend = demoOffice();
    const onSignedIn = vi.fn();
    render(<SignInScreen onSignedIn={onSignedIn} />);
    for (let i = 1; i <= 4; i += 1) {
      signInWith('clerk', '111111');
      await waitFor(() =>
        expect(screen.getByTestId('error-message').textContent).toContain(`ลองได้อีก ${String(5 - i)} ครั้ง`),
      );
    }
    signInWith('clerk', '111111');
    await waitFor(() =>
      expect(screen.getByTestId('error-message').textContent).toContain(
        'บัญชีถูกล็อกเพราะใส่รหัสผิดหลายครั้ง โปรดลองใหม่ในอีก 5 นาที',
      ),
    );
    signInWith('clerk', '135790');
    await waitFor(() => expect(backend.calls.filter((c) => c.cmd === 'sign_in')).toHaveLength(6));
    // The answer has come back once the field is cleared.
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('signin-secret').value).toBe(''));
    expect(screen.getByTestId('error-message').textContent).toContain('บัญชีถูกล็อก');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('asks for both fields when one is empty', async () => {
    demoOffice();
    render(<SignInScreen onSignedIn={vi.fn()} />);
    fireEvent.click(screen.getByTestId('signin-submit'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('โปรดกรอกชื่อผู้ใช้และรหัสผ่านหรือ PIN');
    expect(document.activeElement).toBe(screen.getByTestId('signin-username'));
  });
});

describe('demo accounts box', () => {
  it('lists the demo office accounts with translated roles, passwords and PINs, and says they are made up', async () => {
    demoOffice();
    render(<SignInScreen onSignedIn={vi.fn()} />);
    const box = await screen.findByTestId('signin-demo-accounts');
    expect(box.textContent).toContain('ข้อมูลสมมุติ');
    expect(box.textContent).toContain('ไม่แสดงสำหรับสำนักงานจริง');
    const clerk = within(box).getByTestId('signin-demo-clerk');
    expect(clerk.textContent).toContain('นายสมชาย บริการดี');
    expect(clerk.textContent).toContain('เจ้าหน้าที่');
    expect(clerk.textContent).toContain('demo1234');
    expect(clerk.textContent).toContain('135790');
    expect(within(box).getByTestId('signin-demo-palad').textContent).toContain('หัวหน้างาน');
    expect(within(box).getByTestId('signin-demo-admin').textContent).toContain('864200');
    expect(within(box).getByTestId('signin-demo-finance').textContent).toContain('246801');
  });

  it('fills in the username from a clicked row and moves on to the secret', async () => {
    demoOffice();
    render(<SignInScreen onSignedIn={vi.fn()} />);
    fireEvent.click(await screen.findByTestId('signin-demo-palad'));
    expect(screen.getByTestId<HTMLInputElement>('signin-username').value).toBe('palad');
    expect(document.activeElement).toBe(screen.getByTestId('signin-secret'));
  });

  it('is never shown for a real office', async () => {
    const backend = createMockBackend();
    await backend.invoke('setup_office', {
      setup: {
        name: 'องค์การบริหารส่วนตำบลนางรอง',
        code: '6310105',
        address: '1 หมู่ 1',
        taxId: '0994000123451',
        logoBase64: null,
        counters: [{ number: 1, name: 'งานทะเบียน', location: '' }],
        admin: { username: 'somsri', displayName: 'สมศรี ใจดี', password: 'correct horse' },
      },
    });
    await backend.invoke('sign_out');
    setBackend(backend);
    render(<SignInScreen onSignedIn={vi.fn()} />);
    expect((await screen.findByTestId('signin-office')).textContent).toBe('องค์การบริหารส่วนตำบลนางรอง');
    expect(screen.queryByTestId('signin-demo-accounts')).toBeNull();
  });

  it('speaks English too', async () => {
    setLang('en');
    demoOffice();
    render(<SignInScreen onSignedIn={vi.fn()} />);
    const box = await screen.findByTestId('signin-demo-accounts');
    expect(box.textContent).toContain('never shown for a real office');
    expect(within(box).getByTestId('signin-demo-palad').textContent).toContain('Supervisor');
    expect(screen.getByTestId('signin-submit').textContent).toBe('Sign in');
  });
});

describe('lock screen', () => {
  const clerk = { id: 'user-demo-clerk', username: 'clerk', displayName: 'นายสมชาย บริการดี', role: 'clerk' } as const;

  it('says whose screen is locked and unlocks with their PIN', async () => {
    const backend = demoOffice();
    const onSignedIn = vi.fn();
    render(<LockScreen user={clerk} onSignedIn={onSignedIn} onSwitchUser={vi.fn()} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('หน้าจอถูกล็อก');
    expect(screen.getByTestId('lock-user').textContent).toContain('นายสมชาย บริการดี (เจ้าหน้าที่)');
    expect(document.activeElement).toBe(screen.getByTestId('lock-secret'));
    type('lock-secret', '135790');
    fireEvent.click(screen.getByTestId('lock-submit'));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(backend.calls.find((c) => c.cmd === 'sign_in')?.args).toEqual({ username: 'clerk', secret: '135790' });
  });

  it('shows a wrong secret in the alert region, and offers another user', async () => {
    demoOffice();
    const onSwitchUser = vi.fn();
    render(<LockScreen user={clerk} onSignedIn={vi.fn()} onSwitchUser={onSwitchUser} />);
    type('lock-secret', '000001');
    fireEvent.click(screen.getByTestId('lock-submit'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('ไม่ถูกต้อง');
    fireEvent.click(screen.getByTestId('lock-switch-user'));
    expect(onSwitchUser).toHaveBeenCalledOnce();
  });
});
