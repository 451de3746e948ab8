import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';

import { setBackend } from '../../lib/backend';
import { createMockBackend } from '../../lib/mockBackend';
import { SettingsArea } from './SettingsArea';

/** 09:30 in Bangkok on 24 November 2569: the demo jobs are timed back from it. */
const NOW = new Date('2026-11-24T02:30:00Z');

/** The demo office with `username` signed in; renders Settings for them. */
function renderFor(username: string) {
  const backend = createMockBackend({ withDemoOffice: true, signedInAs: username, now: () => NOW });
  setBackend(backend);
  const session = backend.activeSession();
  if (!session) throw new Error('not signed in');
  const view = render(<SettingsArea session={session} onSession={vi.fn()} />);
  return { backend, session, view };
}

function jobRowIds(): string[] {
  return screen.getAllByTestId(/^print-job-job-[\w-]+$/).map((row) => row.dataset.testid ?? '');
}

describe('print jobs', () => {
  it('shows a clerk their own jobs only, newest first, with reason, printer and B.E. time', async () => {
    const { backend } = renderFor('clerk');
    await screen.findByTestId('print-job-job-demo-4');
    expect(jobRowIds()).toEqual(['print-job-job-demo-4', 'print-job-job-demo-2']);
    expect(backend.calls.find((c) => c.cmd === 'list_print_jobs')?.args).toEqual({ problemsOnly: false });

    const failed = screen.getByTestId('print-job-job-demo-4');
    expect(failed.dataset.status).toBe('failed');
    expect(within(failed).getByRole('rowheader').textContent).toContain('บัตรคิว A012');
    expect(failed.textContent).toContain('24 พ.ย. 69 เวลา 09:05 น.');
    expect(failed.textContent).toContain('เครื่องพิมพ์ใบเสร็จ tcp://192.168.1.50:9100');
    expect(screen.getByTestId('print-job-status-job-demo-4').querySelector('.badge-failed')?.textContent).toBe(
      'พิมพ์ไม่สำเร็จ',
    );
    expect(screen.getByTestId('print-job-reason-job-demo-4').textContent).toContain('กระดาษหมด');
    expect(screen.getByTestId('print-job-reprint-job-demo-4').getAttribute('aria-label')).toBe('พิมพ์ใหม่: บัตรคิว A012');

    const sent = screen.getByTestId('print-job-job-demo-2');
    expect(sent.dataset.status).toBe('sent');
    expect(within(sent).getByText('พิมพ์แล้ว').className).toContain('badge-ok');
    expect(sent.textContent).toContain('24 พ.ย. 69 เวลา 08:50 น.');
    expect(screen.queryByTestId('print-job-reprint-job-demo-2')).toBeNull();
    // No "printed by" column for one's own jobs, and no routes editor.
    expect(screen.queryByText('ผู้สั่งพิมพ์')).toBeNull();
    expect(screen.queryByTestId('printers-section')).toBeNull();
  });

  it('lets a clerk print a failed job again: the row turns to printed', async () => {
    const { backend } = renderFor('clerk');
    fireEvent.click(await screen.findByTestId('print-job-reprint-job-demo-4'));

    await waitFor(() => expect(screen.getByTestId('print-job-job-demo-4').dataset.status).toBe('sent'));
    const row = screen.getByTestId('print-job-job-demo-4');
    expect(row.dataset.reprinted).toBe('true');
    expect(within(row).getByText('พิมพ์ใหม่แล้ว').className).toContain('badge-ok');
    expect(screen.queryByTestId('print-job-reprint-job-demo-4')).toBeNull();
    expect(backend.calls.find((c) => c.cmd === 'reprint_job')?.args).toEqual({ id: 'job-demo-4' });

    // The reprint is a job of its own, at the top.
    const [first] = jobRowIds();
    expect(first).not.toBe('print-job-job-demo-4');
    const reprint = screen.getByTestId(first ?? '');
    expect(reprint.dataset.status).toBe('sent');
    expect(reprint.textContent).toContain('พิมพ์ซ้ำจากงานก่อนหน้า');
    const notice = screen.getByTestId('print-jobs-notice');
    expect(notice.textContent).toBe('สั่งพิมพ์ บัตรคิว A012 ใหม่เรียบร้อยแล้ว');
    expect(document.activeElement).toBe(notice);

    // The core agrees: nothing is left to print.
    fireEvent.click(screen.getByTestId('print-jobs-problems-only'));
    expect(await screen.findByTestId('print-jobs-empty')).toBeTruthy();
    expect(screen.getByTestId('print-jobs-empty').textContent).toBe('ไม่มีงานพิมพ์ที่ค้างหรือพิมพ์ไม่สำเร็จ');
  });

  it('shows only the jobs that did not print when asked', async () => {
    const { backend } = renderFor('clerk');
    await screen.findByTestId('print-job-job-demo-2');
    fireEvent.click(screen.getByTestId('print-jobs-problems-only'));
    await waitFor(() => expect(screen.queryByTestId('print-job-job-demo-2')).toBeNull());
    expect(jobRowIds()).toEqual(['print-job-job-demo-4']);
    expect(backend.calls.filter((c) => c.cmd === 'list_print_jobs').map((c) => c.args)).toEqual([
      { problemsOnly: false },
      { problemsOnly: true },
    ]);
  });

  it('shows a supervisor everyone’s jobs with who printed them', async () => {
    renderFor('palad');
    await screen.findByTestId('print-job-job-demo-1');
    expect(jobRowIds()).toEqual([
      'print-job-job-demo-4',
      'print-job-job-demo-3',
      'print-job-job-demo-2',
      'print-job-job-demo-1',
    ]);
    expect(screen.getByText('ผู้สั่งพิมพ์')).toBeTruthy();
    const receipt = screen.getByTestId('print-job-job-demo-3');
    expect(receipt.textContent).toContain('นางมาลี รักษ์การเงิน');
    expect(receipt.textContent).toContain('Finance-A5');
    expect(screen.getByTestId('print-job-reprint-job-demo-3')).toBeTruthy();
  });

  it('shows a refused reprint in the alert region and keeps the row as it was', async () => {
    const { backend } = renderFor('clerk');
    backend.failNext('reprint_job', { code: 'notFound', message: 'ไม่พบงานพิมพ์นี้' });
    fireEvent.click(await screen.findByTestId('print-job-reprint-job-demo-4'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('ไม่พบงานพิมพ์นี้');
    expect(screen.getByTestId('print-job-job-demo-4').dataset.status).toBe('failed');
    expect(screen.getByTestId<HTMLButtonElement>('print-job-reprint-job-demo-4').disabled).toBe(false);
  });

  it('takes the focus and shows the problems when asked to (the status bar’s notice)', async () => {
    const { backend, session, view } = renderFor('clerk');
    await screen.findByTestId('print-job-job-demo-2');
    view.rerender(<SettingsArea session={session} onSession={vi.fn()} printJobsFocus={1} />);
    await waitFor(() => expect(screen.queryByTestId('print-job-job-demo-2')).toBeNull());
    expect(screen.getByTestId<HTMLInputElement>('print-jobs-problems-only').checked).toBe(true);
    expect(document.activeElement?.id).toBe('print-jobs-title');
    expect(backend.calls.filter((c) => c.cmd === 'list_print_jobs').at(-1)?.args).toEqual({ problemsOnly: true });
  });

  it('is refused by the core (mock) to reprint someone else’s job for a clerk', async () => {
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'clerk' });
    await expect(backend.invoke('reprint_job', { id: 'job-demo-3' })).rejects.toEqual({
      code: 'notPermitted',
      message: 'คุณไม่มีสิทธิ์ตั้งค่าเครื่องพิมพ์',
    });
    await expect(backend.invoke('reprint_job', { id: 'job-nope' })).rejects.toEqual({
      code: 'notFound',
      message: 'ไม่พบงานพิมพ์นี้',
    });
  });
});
