import { act, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { setLang } from '../i18n';
import { setBackend } from '../lib/backend';
import { createMockBackend, type MockBackend } from '../lib/mockBackend';
import { App } from './App';

const TODAY = new Date(2026, 10, 24, 9, 5); // 24 Nov 2026 (2569 BE), local time

/** The demo office with the supervisor signed in (the one role that opens all six areas). */
function withOffice(signedInAs = 'palad'): MockBackend {
  const backend = createMockBackend({ withDemoOffice: true, signedInAs, now: () => TODAY });
  setBackend(backend);
  return backend;
}

async function renderShell() {
  render(<App />);
  return screen.findByTestId('area-queue');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('App shell', () => {
  it('opens on the queue area with the six areas in order, in Thai', async () => {
    withOffice();
    await renderShell();
    const labels = ['nav-queue', 'nav-requests', 'nav-tax', 'nav-reports', 'nav-sync', 'nav-settings'].map(
      (id) => screen.getByTestId(id).querySelector('.nav-label')?.textContent,
    );
    expect(labels).toEqual(['คิว', 'คำร้อง', 'ภาษี', 'รายงาน', 'ซิงก์', 'ตั้งค่า']);
    expect(screen.getByTestId('nav-queue').getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('คิว');
  });

  it('renders each area with its Thai heading when its nav button is clicked', async () => {
    withOffice();
    await renderShell();
    const headings = { requests: 'คำร้อง', tax: 'ภาษี', reports: 'รายงาน', sync: 'ซิงก์', settings: 'ตั้งค่า' };
    for (const [id, heading] of Object.entries(headings)) {
      fireEvent.click(screen.getByTestId(`nav-${id}`));
      const area = await screen.findByTestId(`area-${id}`);
      expect(area.querySelector('h1')?.textContent).toBe(heading);
    }
  });

  it('switches areas with Alt+1 … Alt+6 and shows the hint', async () => {
    withOffice();
    await renderShell();
    expect(screen.getByTestId('nav-sync').textContent).toContain('Alt+5');
    fireEvent.keyDown(document, { key: '5', code: 'Digit5', altKey: true });
    expect(await screen.findByTestId('area-sync')).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('ซิงก์');
    fireEvent.keyDown(document, { key: '6', code: 'Digit6', altKey: true });
    expect(await screen.findByTestId('area-settings')).toBeTruthy();
    fireEvent.keyDown(document, { key: '1', code: 'Digit1', ctrlKey: true, altKey: true });
    expect(screen.queryByTestId('area-queue')).toBeNull();
  });

  it('switches the nav labels to English and back with the top-bar toggle', async () => {
    withOffice();
    await renderShell();
    const toggle = screen.getByTestId('lang-toggle');
    expect(toggle.textContent).toBe('EN');
    fireEvent.click(toggle);
    await waitFor(() => expect(screen.getByTestId('nav-requests').textContent).toContain('Requests'));
    expect(screen.getByTestId('lang-toggle').textContent).toBe('ไทย');
    expect(localStorage.getItem('sala.lang')).toBe('en');
    fireEvent.click(screen.getByTestId('lang-toggle'));
    await waitFor(() => expect(screen.getByTestId('nav-requests').textContent).toContain('คำร้อง'));
  });

  it('starts in the language remembered from last time', async () => {
    setLang('en');
    withOffice();
    await renderShell();
    expect(screen.getByTestId('nav-queue').textContent).toContain('Queue');
  });
});

describe('status bar', () => {
  it('shows today in B.E., the outbox count, the user, the office and the connection', async () => {
    const backend = withOffice();
    backend.patchStatus({ outboxPending: 12 });
    await renderShell();
    expect(screen.getByTestId('status-date').textContent).toBe('24 พฤศจิกายน 2569');
    expect(screen.getByTestId('status-outbox').textContent).toBe('รอส่ง 12 รายการ');
    expect(screen.getByTestId('status-user').textContent).toBe('นางสาวพรทิพย์ ปลัดสาธิต (หัวหน้างาน)');
    expect(screen.getByTestId('status-office').textContent).toBe('องค์การบริหารส่วนตำบลตัวอย่าง (ข้อมูลจำลอง)');
    expect(screen.getByTestId('status-online').textContent).toBe('ออฟไลน์ · ยังไม่ได้ตั้งค่าการซิงก์');
  });

  it('says online when the sync endpoint answers', async () => {
    const backend = withOffice();
    backend.patchStatus({ syncEndpoint: 'https://sync.example.go.th', online: true });
    await renderShell();
    expect(screen.getByTestId('status-online').textContent).toBe('ออนไลน์');
  });

  it('refreshes the status every 5 seconds', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const backend = withOffice();
    await renderShell();
    expect(screen.getByTestId('status-outbox').textContent).toBe('รอส่ง 0 รายการ');
    backend.patchStatus({ outboxPending: 4 });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5000);
    });
    await waitFor(() => expect(screen.getByTestId('status-outbox').textContent).toBe('รอส่ง 4 รายการ'));
    const statusCalls = backend.calls.filter((c) => c.cmd === 'get_app_status').length;
    expect(statusCalls).toBe(2);
  });

  it('keeps the last values but says so when a refresh fails', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const backend = withOffice();
    await renderShell();
    backend.failNext('get_app_status', { code: 'storage', message: 'อ่านฐานข้อมูลไม่สำเร็จ' });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5000);
    });
    expect(await screen.findByTestId('status-stale')).toBeTruthy();
    expect(screen.getByTestId('status-office').textContent).toContain('องค์การบริหารส่วนตำบลตัวอย่าง');
  });
});

describe('start-up errors and first start', () => {
  it('shows a backend error in the alert region, with a retry that works', async () => {
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'palad' });
    backend.failNext('get_app_status', { code: 'storage', message: 'เปิดฐานข้อมูลไม่สำเร็จ: ดิสก์เต็ม' });
    setBackend(backend);
    render(<App />);
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-testid')).toBe('error-message');
    expect(alert.textContent).toContain('เปิดฐานข้อมูลไม่สำเร็จ: ดิสก์เต็ม');
    fireEvent.click(screen.getByTestId('app-retry'));
    expect(await screen.findByTestId('area-queue')).toBeTruthy();
  });

  it('offers no retry for a database from a newer Sala', async () => {
    const backend = createMockBackend();
    backend.failNext('get_app_status', { code: 'schemaTooNew', message: 'ฐานข้อมูลมาจากศาลารุ่นใหม่กว่า' });
    setBackend(backend);
    render(<App />);
    expect((await screen.findByTestId('error-message')).textContent).toContain('รุ่นใหม่กว่า');
    expect(screen.queryByTestId('app-retry')).toBeNull();
  });

  it('shows the first-run choice; the demo office leads to its sign-in screen and then the shell', async () => {
    const backend = createMockBackend({ now: () => TODAY });
    setBackend(backend);
    render(<App mock />);
    fireEvent.click(await screen.findByTestId('setup-demo'));
    expect(await screen.findByTestId('signin-screen')).toBeTruthy();
    expect(backend.calls.map((c) => c.cmd)).toContain('create_demo_office');
    expect(await screen.findByTestId('signin-demo-accounts')).toBeTruthy();
    expect(screen.getByTestId('mock-banner')).toBeTruthy();
    fireEvent.input(screen.getByTestId('signin-username'), { target: { value: 'clerk' } });
    fireEvent.input(screen.getByTestId('signin-secret'), { target: { value: '135790' } });
    fireEvent.click(screen.getByTestId('signin-submit'));
    expect(await screen.findByTestId('area-queue')).toBeTruthy();
    expect(screen.getByTestId('demo-badge').textContent).toBe('สำนักงานตัวอย่าง');
  });

  it('a real office set up by the wizard opens the shell for its new administrator', async () => {
    const backend = createMockBackend({ now: () => TODAY });
    setBackend(backend);
    render(<App />);
    fireEvent.click(await screen.findByTestId('setup-real'));
    const type = (id: string, value: string) => fireEvent.input(screen.getByTestId(id), { target: { value } });
    type('setup-name', 'องค์การบริหารส่วนตำบลนางรอง');
    type('setup-code', '6310105');
    type('setup-address', '1 หมู่ 1');
    type('setup-taxid', '0994000123451');
    type('setup-counter-name-1', 'งานทะเบียน');
    type('setup-admin-username', 'somsri');
    type('setup-admin-name', 'สมศรี ใจดี');
    type('setup-admin-password', 'correct horse');
    type('setup-admin-password2', 'correct horse');
    fireEvent.click(screen.getByTestId('setup-submit'));
    // An administrator's first area is sync: the queue is not theirs.
    expect(await screen.findByTestId('area-sync')).toBeTruthy();
    expect(screen.getByTestId('status-user').textContent).toBe('สมศรี ใจดี (ผู้ดูแลระบบ)');
    expect(screen.queryByTestId('nav-queue')).toBeNull();
  });

  it('shows a failure to create the demo office in the alert region', async () => {
    const backend = createMockBackend();
    backend.failNext('create_demo_office', { code: 'conflict', message: 'ตั้งค่าสำนักงานไปแล้ว' });
    setBackend(backend);
    render(<App />);
    fireEvent.click(await screen.findByTestId('setup-demo'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('ตั้งค่าสำนักงานไปแล้ว');
  });
});
