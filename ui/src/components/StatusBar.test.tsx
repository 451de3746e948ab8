import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';

import type { AppStatus } from '../generated/AppStatus';
import { setLang } from '../i18n';
import { StatusBar } from './StatusBar';

const status: AppStatus = {
  needsSetup: false,
  office: { id: 'o', code: '1', name: 'อบต.ทดสอบ', address: '', taxId: '', logoDataUrl: null, isDemo: false },
  session: {
    active: {
      user: { id: 'u', username: 'wichai', displayName: 'วิชัย บริการดี', role: 'clerk' },
      areas: ['queue', 'requests', 'sync', 'settings'],
      permissions: ['viewOffice', 'useQueue', 'useRequests', 'searchCitizens', 'revealPersonalData'],
      mustChangePassword: false,
      hasPin: false,
      idleLockMinutes: 10,
    },
    locked: null,
  },
  outboxPending: 3,
  oldestPendingAt: null,
  online: false,
  syncEndpoint: 'https://sync.example.go.th',
  today: '2026-11-24',
  demo: false,
};

describe('StatusBar', () => {
  it('shows each value in Thai', () => {
    render(<StatusBar status={status} />);
    expect(screen.getByTestId('status-online').textContent).toBe('ออฟไลน์');
    expect(screen.getByTestId('status-online').dataset.state).toBe('offline');
    expect(screen.getByTestId('status-outbox').textContent).toBe('รอส่ง 3 รายการ');
    expect(screen.getByTestId('status-user').textContent).toBe('วิชัย บริการดี (เจ้าหน้าที่)');
    expect(screen.getByTestId('status-office').textContent).toBe('อบต.ทดสอบ');
    expect(screen.getByTestId('status-date').textContent).toBe('24 พฤศจิกายน 2569');
  });

  it('shows each value in English', () => {
    setLang('en');
    render(<StatusBar status={{ ...status, online: true, session: { active: null, locked: null } }} />);
    expect(screen.getByTestId('status-online').textContent).toBe('Online');
    expect(screen.getByTestId('status-outbox').textContent).toBe('3 waiting to send');
    expect(screen.getByTestId('status-user').textContent).toBe('Not signed in');
    expect(screen.getByTestId('status-date').textContent).toBe('24 November 2569 BE');
  });

  it('offers lock and sign-out beside the signed-in user', () => {
    const onLock = vi.fn();
    const onSignOut = vi.fn();
    render(<StatusBar status={status} onLock={onLock} onSignOut={onSignOut} />);
    fireEvent.click(screen.getByTestId('lock-button'));
    fireEvent.click(screen.getByTestId('signout-button'));
    expect(onLock).toHaveBeenCalledOnce();
    expect(onSignOut).toHaveBeenCalledOnce();
    expect(screen.getByTestId('lock-button').textContent).toBe('ล็อกหน้าจอ');
  });

  it('shows print failures as a button that opens the jobs, only when there are some', () => {
    const onOpen = vi.fn();
    const { rerender } = render(<StatusBar status={status} printFailures={0} onOpenPrintJobs={onOpen} />);
    expect(screen.queryByTestId('print-failures-indicator')).toBeNull();
    rerender(<StatusBar status={status} printFailures={3} onOpenPrintJobs={onOpen} />);
    const indicator = screen.getByTestId('print-failures-indicator');
    expect(indicator.textContent).toBe('งานพิมพ์ไม่สำเร็จ 3 รายการ');
    expect(indicator.tagName).toBe('BUTTON');
    expect(indicator.getAttribute('title')).toBe('เปิดรายการงานพิมพ์ในหน้าตั้งค่า');
    fireEvent.click(indicator);
    expect(onOpen).toHaveBeenCalledOnce();
    setLang('en');
    rerender(<StatusBar status={status} printFailures={3} />);
    expect(screen.getByTestId('print-failures-indicator').tagName).toBe('SPAN');
    expect(screen.getByTestId('print-failures-indicator').textContent).toBe('3 print jobs failed');
  });

  it('offers neither when nobody is signed in', () => {
    render(<StatusBar status={{ ...status, session: { active: null, locked: null } }} onLock={vi.fn()} />);
    expect(screen.queryByTestId('lock-button')).toBeNull();
    expect(screen.queryByTestId('signout-button')).toBeNull();
  });
});
