import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { setBackend } from '../lib/backend';
import { createMockBackend, type MockBackend } from '../lib/mockBackend';
import { App } from './App';

afterEach(() => {
  vi.useRealTimers();
});

function demo(signedInAs?: string): MockBackend {
  const backend = createMockBackend(
    signedInAs === undefined ? { withDemoOffice: true } : { withDemoOffice: true, signedInAs },
  );
  setBackend(backend);
  return backend;
}

function type(testId: string, value: string) {
  fireEvent.input(screen.getByTestId(testId), { target: { value } });
}

function navIds(): string[] {
  return screen.getAllByTestId(/^nav-/).map((el) => el.dataset.testid ?? '');
}

function commands(backend: MockBackend, cmd: string) {
  return backend.calls.filter((c) => c.cmd === cmd);
}

/** With fake timers: moves the clock and lets promises and renders settle. */
async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('who sees what', () => {
  it('starts on the sign-in screen when nobody is signed in', async () => {
    demo();
    render(<App />);
    expect(await screen.findByTestId('signin-screen')).toBeTruthy();
    expect(screen.queryByTestId('shell')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('signin-username')));
  });

  it('gives a clerk the queue, requests, sync and settings, in that order, and no tax or reports', async () => {
    demo('clerk');
    render(<App />);
    expect(await screen.findByTestId('area-queue')).toBeTruthy();
    expect(navIds()).toEqual(['nav-queue', 'nav-requests', 'nav-sync', 'nav-settings']);
    // Alt+3 is the tax area, closed to clerks: nothing happens. Alt+2 still opens requests.
    fireEvent.keyDown(document, { key: '3', code: 'Digit3', altKey: true });
    fireEvent.keyDown(document, { key: '4', code: 'Digit4', altKey: true });
    expect(screen.queryByTestId('area-tax')).toBeNull();
    expect(screen.queryByTestId('area-reports')).toBeNull();
    expect(screen.getByTestId('area-queue')).toBeTruthy();
    fireEvent.keyDown(document, { key: '2', code: 'Digit2', altKey: true });
    expect(await screen.findByTestId('area-requests')).toBeTruthy();
    expect(screen.getByTestId('nav-requests').textContent).toContain('Alt+2');
  });

  it('gives finance staff the queue, requests and tax, and the supervisor everything', async () => {
    demo('finance');
    const { unmount } = render(<App />);
    await screen.findByTestId('area-queue');
    expect(navIds()).toEqual(['nav-queue', 'nav-requests', 'nav-tax', 'nav-sync', 'nav-settings']);
    unmount();
    demo('palad');
    render(<App />);
    await screen.findByTestId('area-queue');
    expect(navIds()).toEqual(['nav-queue', 'nav-requests', 'nav-tax', 'nav-reports', 'nav-sync', 'nav-settings']);
  });

  it('lands an administrator on sync, since the queue is not theirs', async () => {
    demo('admin');
    render(<App />);
    expect(await screen.findByTestId('area-sync')).toBeTruthy();
    expect(navIds()).toEqual(['nav-sync', 'nav-settings']);
  });

  it('asks the core when an area opens, and shows its refusal instead of the area', async () => {
    const backend = demo('clerk');
    render(<App />);
    await screen.findByTestId('area-queue');
    expect(commands(backend, 'open_area').map((c) => c.args)).toEqual([{ area: 'queue' }]);
    backend.failNext('open_area', { code: 'notPermitted', message: 'คุณไม่มีสิทธิ์รับและดำเนินการคำร้อง' });
    fireEvent.click(screen.getByTestId('nav-requests'));
    const denied = await screen.findByTestId('area-denied');
    expect(denied.textContent).toContain('คุณไม่มีสิทธิ์รับและดำเนินการคำร้อง');
    expect(screen.queryByTestId('citizen-lookup')).toBeNull();
    fireEvent.click(screen.getByTestId('nav-settings'));
    expect(await screen.findByTestId('account-section')).toBeTruthy();
    expect(screen.queryByTestId('area-denied')).toBeNull();
  });
});

describe('signing in and out', () => {
  it('signs in from the demo box and shows the user in the status bar', async () => {
    const backend = demo();
    render(<App />);
    fireEvent.click(await screen.findByTestId('signin-demo-clerk'));
    type('signin-secret', '135790');
    fireEvent.click(screen.getByTestId('signin-submit'));
    expect(await screen.findByTestId('area-queue')).toBeTruthy();
    expect(screen.getByTestId('status-user').textContent).toBe('นายสมชาย บริการดี (เจ้าหน้าที่)');
    expect(commands(backend, 'sign_in')).toHaveLength(1);
  });

  it('signs out to the sign-in screen', async () => {
    const backend = demo('clerk');
    render(<App />);
    await screen.findByTestId('area-queue');
    fireEvent.click(screen.getByTestId('signout-button'));
    expect(await screen.findByTestId('signin-screen')).toBeTruthy();
    expect(screen.queryByTestId('shell')).toBeNull();
    expect(commands(backend, 'sign_out')).toHaveLength(1);
    expect(backend.activeSession()).toBeNull();
  });
});

describe('locking the screen', () => {
  it('locks by hand; unlocking with the PIN finds the work as it was', async () => {
    const backend = demo('clerk');
    render(<App />);
    await screen.findByTestId('area-queue');
    fireEvent.click(screen.getByTestId('nav-requests'));
    fireEvent.click(await screen.findByTestId('intake-find-citizen'));
    await screen.findByTestId('citizen-search');
    type('citizen-search', '0812');
    fireEvent.submit(screen.getByTestId('citizen-search'));
    expect(await screen.findByTestId('citizen-result')).toBeTruthy();

    fireEvent.click(screen.getByTestId('lock-button'));
    const lock = await screen.findByTestId('lock-screen');
    expect(commands(backend, 'lock_session')).toHaveLength(1);
    expect(within(lock).getByTestId('lock-user').textContent).toContain('นายสมชาย บริการดี');
    const shell = screen.getByTestId('shell');
    expect(shell.hidden).toBe(true);
    expect(shell.hasAttribute('inert')).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('lock-secret')));

    type('lock-secret', '135790');
    fireEvent.click(screen.getByTestId('lock-submit'));
    await waitFor(() => expect(screen.queryByTestId('lock-screen')).toBeNull());
    expect(screen.getByTestId('shell').hidden).toBe(false);
    expect(screen.getByTestId<HTMLInputElement>('citizen-search').value).toBe('0812');
    expect(screen.getByTestId('citizen-result')).toBeTruthy();
  });

  it('lets another user sign in from the lock screen, with a fresh shell', async () => {
    demo('clerk');
    render(<App />);
    await screen.findByTestId('area-queue');
    fireEvent.click(screen.getByTestId('nav-settings'));
    await screen.findByTestId('area-settings');
    fireEvent.click(screen.getByTestId('lock-button'));
    fireEvent.click(await screen.findByTestId('lock-switch-user'));
    // The way back is offered; then someone else signs in.
    fireEvent.click(await screen.findByTestId('signin-back-to-lock'));
    fireEvent.click(await screen.findByTestId('lock-switch-user'));
    type('signin-username', 'finance');
    type('signin-secret', '246801');
    fireEvent.click(screen.getByTestId('signin-submit'));
    expect(await screen.findByTestId('area-queue')).toBeTruthy();
    expect(navIds()).toContain('nav-tax');
    expect(screen.getByTestId('status-user').textContent).toContain('นางมาลี รักษ์การเงิน');
    expect(screen.getAllByTestId('shell')).toHaveLength(1);
  });

  it('picks up a lock made by the backend with the next status poll', async () => {
    const backend = demo('clerk');
    render(<App pollMs={20} />);
    await screen.findByTestId('area-queue');
    await backend.invoke('lock_session');
    expect(await screen.findByTestId('lock-screen')).toBeTruthy();
  });

  it('re-reads the session when a command says sign-in is required', async () => {
    const backend = demo('clerk');
    render(<App pollMs={60_000} />);
    await screen.findByTestId('area-queue');
    await backend.invoke('lock_session');
    fireEvent.click(screen.getByTestId('nav-settings'));
    expect(await screen.findByTestId('lock-screen')).toBeTruthy();
    expect(commands(backend, 'get_session').length).toBeGreaterThan(0);
  });

  it('locks after the configured idle minutes; activity postpones it and reaches the backend', async () => {
    vi.useFakeTimers();
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'admin' });
    await backend.invoke('set_security_policy', { policy: { maxFailures: 5, lockMinutes: 5, idleLockMinutes: 2 } });
    await backend.invoke('sign_in', { username: 'clerk', secret: 'demo1234' });
    setBackend(backend);
    render(<App />);
    await advance(0);
    fireEvent.click(screen.getByTestId('nav-requests'));
    await advance(0);
    fireEvent.click(screen.getByTestId('intake-find-citizen'));
    type('citizen-search', 'บุญ');
    await advance(250);
    expect(screen.getByTestId('citizen-result').textContent).toContain('นายบุญมี ศรีสุข');

    await advance(60_000);
    fireEvent.keyDown(document, { key: 'Shift', code: 'ShiftLeft' });
    expect(commands(backend, 'touch_session')).toHaveLength(1);
    fireEvent.pointerDown(document.body);
    expect(commands(backend, 'touch_session')).toHaveLength(1);
    await advance(119_000);
    expect(screen.queryByTestId('lock-screen')).toBeNull();
    // The activity within the 30 s went to the backend at the end of those 30 s, once.
    expect(commands(backend, 'touch_session')).toHaveLength(2);
    expect(commands(backend, 'lock_session')).toHaveLength(0);

    await advance(1_000);
    expect(screen.getByTestId('lock-screen')).toBeTruthy();
    expect(commands(backend, 'lock_session')).toHaveLength(1);
    expect(screen.getByTestId('shell').hidden).toBe(true);

    type('lock-secret', '135790');
    fireEvent.click(screen.getByTestId('lock-submit'));
    await advance(0);
    expect(screen.queryByTestId('lock-screen')).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>('citizen-search').value).toBe('บุญ');
    expect(screen.getByTestId('citizen-result')).toBeTruthy();
  });
});

describe('must change password', () => {
  it('asks a user with a reset password for a new one before anything else', async () => {
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'admin' });
    await backend.invoke('reset_user_password', { userId: 'user-demo-clerk', newPassword: 'temporary 1' });
    await backend.invoke('sign_out');
    setBackend(backend);
    render(<App />);
    await screen.findByTestId('signin-screen');
    type('signin-username', 'clerk');
    type('signin-secret', 'temporary 1');
    fireEvent.click(screen.getByTestId('signin-submit'));

    const screenEl = await screen.findByTestId('change-password-screen');
    expect(screenEl.textContent).toContain('นายสมชาย บริการดี');
    expect(screen.queryByTestId('shell')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('cp-current')));

    type('cp-current', 'temporary 1');
    type('cp-new', 'my own secret');
    type('cp-confirm', 'my own secreT');
    fireEvent.click(screen.getByTestId('cp-submit'));
    expect(screen.getByTestId('cp-error-confirm').textContent).toBe('รหัสผ่านทั้งสองช่องไม่ตรงกัน');
    expect(commands(backend, 'change_own_password')).toHaveLength(0);

    type('cp-confirm', 'my own secret');
    fireEvent.click(screen.getByTestId('cp-submit'));
    expect(await screen.findByTestId('area-queue')).toBeTruthy();
    expect(commands(backend, 'change_own_password')[0]?.args).toEqual({
      current: 'temporary 1',
      newPassword: 'my own secret',
    });
  });
});
