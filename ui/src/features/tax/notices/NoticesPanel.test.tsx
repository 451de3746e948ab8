import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { setBackend } from '../../../lib/backend';
import { createMockBackend, type MockBackend } from '../../../lib/mockBackend';
import type { TaxTab } from '../TaxArea';
import { NoticesPanel } from './NoticesPanel';

/** The demo office with `username` signed in and the notices panel on screen. */
function renderFor(
  username: string,
  taxpayerId: string | null,
  go: (tab: TaxTab) => void = () => undefined,
): MockBackend {
  const backend = createMockBackend({ withDemoOffice: true, signedInAs: username });
  setBackend(backend);
  const session = backend.activeSession();
  if (!session) throw new Error('not signed in');
  render(
    <NoticesPanel permissions={session.permissions} taxpayerId={taxpayerId} onTaxpayer={() => undefined} go={go} />,
  );
  return backend;
}

// The panel opens on this tax year when it has a calendar: these stories are told in March 2570 (2027).
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2027-03-01T09:00:00+07:00'));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('notices panel', () => {
  it('without a taxpayer, says to pick one in the register and goes there', async () => {
    const tabs: TaxTab[] = [];
    renderFor('finance', null, (tab) => tabs.push(tab));
    const hint = await screen.findByTestId('tax-notice-pick-hint');
    expect(hint.textContent).toContain('กรุณาเลือกผู้เสียภาษีในแท็บทะเบียนก่อน');
    fireEvent.click(screen.getByRole('button', { name: 'ไปที่ทะเบียน' }));
    expect(tabs).toEqual(['register']);
  });

  it('opens on this tax year when it has a calendar, else on the latest one set up', async () => {
    vi.setSystemTime(new Date('2026-11-24T09:00:00+07:00'));
    renderFor('finance', 'taxpayer-1');
    await screen.findByTestId('tax-assess-total');
    expect(screen.getByTestId<HTMLSelectElement>('tax-notice-year').value).toBe('2569');
    cleanup();
    vi.setSystemTime(new Date('2031-01-05T09:00:00+07:00'));
    renderFor('finance', 'taxpayer-1');
    await screen.findByTestId('tax-assess-total');
    expect(screen.getByTestId<HTMLSelectElement>('tax-notice-year').value).toBe('2570');
  });

  it('shows the assessment of this tax year, with its bands and the total in words', async () => {
    renderFor('finance', 'taxpayer-1');
    const total = await screen.findByTestId('tax-assess-total');
    expect(screen.getByTestId<HTMLSelectElement>('tax-notice-year').value).toBe('2570');
    expect(total.textContent).toContain('รวมภาษี 12,000.00 บาท');
    expect(total.textContent).toContain('บาทถ้วน');
    expect(screen.getAllByTestId('tax-assessment-part')).toHaveLength(1);
    expect(screen.getByText('0.00–4,000,000.00 อัตรา 0.3% = 12,000.00')).toBeTruthy();
    // 2570 has no notice yet: issuing prints it and shows its number.
    expect(screen.queryByTestId('tax-notice-number')).toBeNull();
  });

  it('issues and prints the notice, shows its number, then offers instalments and payment', async () => {
    const tabs: TaxTab[] = [];
    const backend = renderFor('finance', 'taxpayer-1', (tab) => tabs.push(tab));
    await screen.findByTestId('tax-assess-total');
    fireEvent.click(screen.getByTestId('tax-issue-notice'));
    const status = await screen.findByTestId('tax-print-notice');
    expect(status.getAttribute('data-status')).not.toBe('failed');
    expect(status.textContent).toContain('ส่งพิมพ์หนังสือแจ้งเลขที่ 257001000001 แล้ว');
    await waitFor(() => expect(screen.getByTestId('tax-notice-number').textContent).toContain('257001000001'));
    expect(backend.calls.find((c) => c.cmd === 'tax_issue_notice')?.args).toMatchObject({
      taxpayerId: 'taxpayer-1',
      taxYear: 2570,
      print: true,
    });
    // 12,000 baht: three instalments allowed.
    fireEvent.click(screen.getByTestId('tax-instalments-3'));
    await waitFor(() => expect(backend.calls.some((c) => c.cmd === 'tax_set_instalments')).toBe(true));
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('tax-instalments-3').checked).toBe(true));
    expect(screen.getByText(/งวดที่ 1: 4,000.00 บาท/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('tax-go-payments'));
    expect(tabs).toEqual(['payments']);
  });

  it('a notice below 3,000 baht has no instalments, and a failed print shows the reason and a retry', async () => {
    const backend = renderFor('palad', 'taxpayer-2');
    fireEvent.change(await screen.findByTestId('tax-notice-year'), { target: { value: '2569' } });
    await waitFor(() => expect(screen.getByTestId('tax-notice-number').textContent).toContain('256901000002'));
    expect(screen.queryByTestId('tax-instalments')).toBeNull();
    const route = { kind: 'tax_notice', destination: null, paper: 'a4', cut: false, openDrawer: false };
    await backend.invoke('set_print_route', { route });
    fireEvent.click(screen.getByTestId('tax-issue-notice'));
    const failed = await screen.findByTestId('tax-print-notice');
    expect(failed.getAttribute('data-status')).toBe('failed');
    expect(failed.textContent).toContain('พิมพ์หนังสือแจ้งไม่สำเร็จ');
    // Issuing again reused the notice (the tax stands): no second number.
    expect(screen.getByTestId('tax-notice-number').textContent).toContain('256901000002');
    await backend.invoke('set_print_route', {
      route: { ...route, destination: { type: 'cups', printer: 'Office-A4' } },
    });
    fireEvent.click(screen.getByTestId('tax-print-retry'));
    await waitFor(() =>
      expect(screen.getByTestId('tax-print-notice').textContent).toContain('ส่งพิมพ์หนังสือแจ้งเลขที่ 256901000002 แล้ว'),
    );
    expect(backend.calls.filter((c) => c.cmd === 'tax_print_notice')).toHaveLength(1);
  });

  it('makes the whole year in steps with a progress bar, and a second run makes nothing new', async () => {
    const backend = renderFor('finance', null);
    fireEvent.click(await screen.findByTestId('tax-batch-start'));
    const done = await screen.findByTestId('tax-batch-done');
    expect(done.textContent).toContain('notices/2570');
    const bar = screen.getByTestId<HTMLProgressElement>('tax-batch-progress');
    expect(bar.value).toBe(3);
    expect(bar.max).toBe(3);
    expect(screen.getByTestId('tax-batch-status').textContent).toContain('ดำเนินการแล้ว 3 จาก 3 ราย (ทำใหม่ 3 ฉบับ)');
    fireEvent.click(screen.getByTestId('tax-batch-start'));
    await waitFor(() =>
      expect(screen.getByTestId('tax-batch-status').textContent).toContain('ดำเนินการแล้ว 3 จาก 3 ราย (ทำใหม่ 0 ฉบับ)'),
    );
    expect(backend.calls.filter((c) => c.cmd === 'tax_notice_batch_step').length).toBeGreaterThanOrEqual(2);
  });

  it('reissuing over a paid notice warns that the payments count toward the new one', async () => {
    const backend = renderFor('finance', 'taxpayer-1');
    fireEvent.change(await screen.findByTestId('tax-notice-year'), { target: { value: '2569' } });
    await waitFor(() => expect(screen.getByTestId('tax-notice-number').textContent).toContain('256901000001'));
    backend.taxNotices.setPaid('taxpayer-1', 2569, 500_000);
    backend.taxNotices.setTax('taxpayer-1', 1_500_000);
    // Another year and back: the screen reads the changed register.
    fireEvent.change(screen.getByTestId('tax-notice-year'), { target: { value: '2570' } });
    fireEvent.change(screen.getByTestId('tax-notice-year'), { target: { value: '2569' } });
    await screen.findByTestId('tax-notice-changed');
    fireEvent.click(screen.getByTestId('tax-issue-only'));
    const warning = await screen.findByTestId('tax-notice-paid-warning');
    expect(warning.textContent).toContain('หนังสือแจ้งเดิมมีการชำระแล้ว 5,000.00 บาท ยอดที่ชำระแล้วจะนำมาหักจากหนังสือแจ้งฉบับใหม่');
  });

  it('the year batch keeps a paid notice unless told to reassess, and names failed taxpayers', async () => {
    const backend = renderFor('finance', null);
    fireEvent.change(await screen.findByTestId('tax-batch-year'), { target: { value: '2569' } });
    backend.taxNotices.setPaid('taxpayer-1', 2569, 500_000);
    backend.taxNotices.setTax('taxpayer-1', 1_500_000);
    backend.taxNotices.failAssessment('taxpayer-3', 'ปีที่เริ่มว่าง 2575 อยู่หลังปีภาษี 2569');
    fireEvent.click(screen.getByTestId('tax-batch-start'));
    await screen.findByTestId('tax-batch-done');
    const problems = screen.getByTestId('tax-batch-problems').textContent;
    expect(problems).toContain('นางสมศรี มีสุข (3-3104-xxxxx-xx-4): ปีที่เริ่มว่าง 2575 อยู่หลังปีภาษี 2569');
    const kept = screen.getByTestId('tax-batch-paid-item');
    expect(kept.getAttribute('data-kept')).toBe('true');
    expect(kept.textContent).toContain('นายบุญมี ศรีสุข (3-3101-xxxxx-xx-3)');
    expect(kept.textContent).toContain('256901000001');
    expect(backend.calls.at(-1)?.args).toMatchObject({ reassess: false });

    fireEvent.click(screen.getByTestId('tax-batch-reassess'));
    fireEvent.click(screen.getByTestId('tax-batch-start'));
    await waitFor(() => expect(screen.getByTestId('tax-batch-paid-item').getAttribute('data-kept')).toBe('false'));
    expect(screen.getByTestId('tax-batch-paid-item').textContent).toContain('หักจากหนังสือแจ้งฉบับใหม่');
    expect(backend.calls.at(-1)?.args).toMatchObject({ reassess: true });
  });

  it('a clerk has no tax work here', async () => {
    renderFor('clerk', 'taxpayer-1');
    await waitFor(() => expect(screen.getByTestId('tax-notices')).toBeTruthy());
    expect(screen.queryByTestId('tax-assess-total')).toBeNull();
    expect(screen.queryByTestId('tax-batch-start')).toBeNull();
  });
});
