import { act, fireEvent, render, screen, waitFor } from '@testing-library/preact';
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

function refreshes(backend: MockBackend): number {
  return backend.calls.filter((c) => c.cmd === 'refresh_print_jobs').length;
}

/** With fake timers: moves the clock and lets promises and renders settle. */
async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('print failures in the status bar', () => {
  it('shows the count, opens the jobs, and goes away after a successful reprint', async () => {
    const backend = demo('clerk');
    render(<App />);
    const indicator = await screen.findByTestId('print-failures-indicator');
    expect(indicator.textContent).toBe('งานพิมพ์ไม่สำเร็จ 1 รายการ');
    expect(indicator.dataset.count).toBe('1');
    expect(screen.getByTestId('area-queue')).toBeTruthy();

    fireEvent.click(indicator);
    expect(await screen.findByTestId('area-settings')).toBeTruthy();
    const section = await screen.findByTestId('print-jobs-section');
    await waitFor(() => expect(document.activeElement?.id).toBe('print-jobs-title'));
    expect(section.contains(document.activeElement)).toBe(true);
    expect(screen.getByTestId<HTMLInputElement>('print-jobs-problems-only').checked).toBe(true);

    fireEvent.click(await screen.findByTestId('print-job-reprint-job-demo-4'));
    await waitFor(() => expect(screen.queryByTestId('print-failures-indicator')).toBeNull());
    expect(screen.getByTestId('print-job-job-demo-4').dataset.status).toBe('sent');
    // It looked again right after the reprint, without waiting for the next poll.
    expect(refreshes(backend)).toBe(2);
  });

  it('counts everyone’s failures for a supervisor, and a new failure shows after activity and the next poll', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const backend = demo('palad');
    render(<App printPollMs={60_000} />);
    await advance(0);
    await waitFor(() =>
      expect(screen.getByTestId('print-failures-indicator').textContent).toBe('งานพิมพ์ไม่สำเร็จ 2 รายการ'),
    );
    expect(refreshes(backend)).toBe(1);

    // A test page from elsewhere fails (no printer chosen for it).
    await backend.invoke('print_test_page', { kind: 'test_page' });
    // Nobody touched the window: the poll does not run (it would keep the core's idle clock from running out).
    await advance(60_000);
    expect(refreshes(backend)).toBe(1);
    expect(screen.getByTestId('print-failures-indicator').dataset.count).toBe('2');

    fireEvent.keyDown(document, { key: 'Shift', code: 'ShiftLeft' });
    await advance(60_000);
    expect(refreshes(backend)).toBe(2);
    await waitFor(() =>
      expect(screen.getByTestId('print-failures-indicator').textContent).toBe('งานพิมพ์ไม่สำเร็จ 3 รายการ'),
    );
  });

  it('shows nothing when every job printed', async () => {
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'admin' });
    for (const id of ['job-demo-3', 'job-demo-4']) await backend.invoke('reprint_job', { id });
    setBackend(backend);
    render(<App />);
    await screen.findByTestId('shell');
    await waitFor(() => expect(refreshes(backend)).toBe(1));
    expect(screen.queryByTestId('print-failures-indicator')).toBeNull();
  });

  it('does not ask while nobody is signed in, nor while the screen is locked', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const backend = demo();
    render(<App printPollMs={1_000} />);
    await advance(0);
    expect(await screen.findByTestId('signin-screen')).toBeTruthy();
    fireEvent.keyDown(document, { key: 'a', code: 'KeyA' });
    await advance(3_000);
    expect(refreshes(backend)).toBe(0);
    expect(screen.queryByTestId('print-failures-indicator')).toBeNull();

    fireEvent.click(screen.getByTestId('signin-demo-clerk'));
    fireEvent.input(screen.getByTestId('signin-secret'), { target: { value: '135790' } });
    fireEvent.click(screen.getByTestId('signin-submit'));
    await advance(0);
    expect(await screen.findByTestId('print-failures-indicator')).toBeTruthy();
    expect(refreshes(backend)).toBe(1);

    fireEvent.click(screen.getByTestId('lock-button'));
    await advance(0);
    expect(await screen.findByTestId('lock-screen')).toBeTruthy();
    const before = refreshes(backend);
    fireEvent.keyDown(document, { key: 'a', code: 'KeyA' });
    await advance(3_000);
    expect(refreshes(backend)).toBe(before);
  });
});
