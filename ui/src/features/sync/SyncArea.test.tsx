import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';

import type { AppStatus } from '../../generated/AppStatus';
import { setLang } from '../../i18n';
import { SyncArea } from './SyncArea';

const base: AppStatus = {
  needsSetup: false,
  office: null,
  session: { active: null, locked: null },
  outboxPending: 0,
  oldestPendingAt: null,
  online: false,
  syncEndpoint: null,
  today: '2026-11-24',
  demo: false,
};

describe('SyncArea', () => {
  it('shows the pending count and the oldest pending time in B.E.', () => {
    render(<SyncArea status={{ ...base, outboxPending: 7, oldestPendingAt: '2026-11-24T02:05:00Z' }} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('ซิงก์');
    expect(screen.getByTestId('sync-pending').textContent).toBe('7 รายการ');
    // The test run's time zone is Asia/Bangkok (UTC+7), see vite.config.ts.
    expect(screen.getByTestId('sync-oldest').textContent).toBe('24 พฤศจิกายน 2569 เวลา 09:05 น.');
  });

  it('says when nothing is waiting and no sync server is configured', () => {
    render(<SyncArea status={base} />);
    expect(screen.getByTestId('sync-oldest').textContent).toBe('ไม่มีรายการรอส่ง');
    expect(screen.getByTestId('sync-endpoint').textContent).toBe('ยังไม่ได้ตั้งค่า');
    expect(screen.getByTestId('sync-online').dataset.state).toBe('unconfigured');
    expect(screen.getByTestId('area-sync').textContent).toContain('รุ่นถัดไป');
  });

  it('shows a configured endpoint and whether it is reachable', () => {
    setLang('en');
    render(<SyncArea status={{ ...base, syncEndpoint: 'https://sync.example.go.th', online: true }} />);
    expect(screen.getByTestId('sync-endpoint').textContent).toBe('https://sync.example.go.th');
    expect(screen.getByTestId('sync-online').textContent).toBe('Online');
  });
});
