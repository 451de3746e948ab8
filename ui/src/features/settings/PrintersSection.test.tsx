import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';

import type { Route } from '../../generated/Route';
import { setLang } from '../../i18n';
import { setBackend } from '../../lib/backend';
import { createMockBackend, type MockBackend } from '../../lib/mockBackend';
import { SettingsArea } from './SettingsArea';

const ESC_POS_NEEDS_ROLL = 'เครื่องพิมพ์ใบเสร็จ (ESC/POS) ใช้ได้กับกระดาษม้วน 80 มม. หรือ 58 มม. เท่านั้น';

/** The demo office with `username` signed in; renders Settings for them. */
function renderFor(username: string, backend = createMockBackend({ withDemoOffice: true, signedInAs: username })) {
  setBackend(backend);
  const session = backend.activeSession();
  if (!session) throw new Error('not signed in');
  render(<SettingsArea session={session} onSession={vi.fn()} />);
  return backend;
}

function select(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function type(testId: string, value: string) {
  fireEvent.input(screen.getByTestId(testId), { target: { value } });
}

function value(testId: string): string {
  return screen.getByTestId<HTMLInputElement | HTMLSelectElement>(testId).value;
}

async function storedRoute(backend: MockBackend, kind: Route['kind']): Promise<Route | undefined> {
  const routes = await backend.invoke<Route[]>('get_print_routes');
  return routes.find((r) => r.kind === kind);
}

describe('printers (supervisor)', () => {
  it('shows every kind of document with its printer and paper, in Thai', async () => {
    renderFor('palad');
    const section = await screen.findByTestId('printers-section');
    await screen.findByTestId('print-route-queue_slip');
    expect(within(section).getByRole('heading', { level: 2 }).textContent).toBe('เครื่องพิมพ์');
    const rows = screen.getAllByTestId(/^print-route-[a-z_]+$/);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'บัตรคิว',
      'ใบรับเรื่อง',
      'หนังสือแจ้งประเมินภาษี',
      'ใบเสร็จรับเงิน',
      'รายงาน',
      'หน้าทดสอบ',
    ]);
    await waitFor(() => expect(value('print-route-tax_notice-printer')).toBe('cups:Office-A4'));
    expect(value('print-route-queue_slip-printer')).toBe('escpos');
    expect(value('print-route-queue_slip-address')).toBe('tcp://192.168.1.50:9100');
    expect(value('print-route-queue_slip-paper')).toBe('80mm');
    expect(value('print-route-test_page-printer')).toBe('');
    const paper = screen.getByTestId('print-route-receipt-paper');
    expect(
      within(paper)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['A4', 'A5', 'ม้วน 80 มม.', 'ม้วน 58 มม.']);
    const printer = screen.getByTestId('print-route-test_page-printer');
    expect(
      within(printer)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['ยังไม่เลือก', 'Office-A4 (ค่าเริ่มต้น)', 'Finance-A5', 'เครื่องพิมพ์ใบเสร็จ ESC/POS']);
    expect(printer.getAttribute('aria-label')).toBe('เครื่องพิมพ์สำหรับหน้าทดสอบ');
    // The cash drawer only goes with a receipt printer.
    expect(screen.getByTestId<HTMLInputElement>('print-route-receipt-drawer').disabled).toBe(true);
    expect(screen.getByTestId<HTMLInputElement>('print-route-queue_slip-drawer').disabled).toBe(false);
  });

  it('lists the CUPS printers with state, default, whether they take jobs and their message', async () => {
    renderFor('palad');
    const list = await screen.findByTestId('printers-list');
    expect(within(list).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByTestId('printer-state-Office-A4').textContent).toBe('พร้อม');
    expect(screen.getByTestId('printer-default-Office-A4').textContent).toBe('ค่าเริ่มต้น');
    expect(screen.getByTestId('printer-accepting-Office-A4').textContent).toBe('รับงาน');
    expect(screen.getByTestId('printer-state-Finance-A5').textContent).toBe('หยุด');
    expect(screen.queryByTestId('printer-default-Finance-A5')).toBeNull();
    expect(screen.getByTestId('printer-accepting-Finance-A5').textContent).toBe('ไม่รับงาน');
    expect(screen.getByTestId('printer-message-Finance-A5').textContent).toBe('Media jam');
    expect(screen.getByTestId('printer-Finance-A5').textContent).toContain('ห้องกองคลัง');
  });

  it('saves a CUPS route for one kind, says so, and prints a test page on it', async () => {
    const backend = renderFor('palad');
    await screen.findByTestId('print-route-test_page');
    await screen.findByTestId('printers-list');
    select('print-route-test_page-printer', 'cups:Office-A4');
    expect(screen.getByTestId('print-route-test_page').dataset.dirty).toBe('true');
    expect(screen.getByTestId('print-route-test_page-status').textContent).toContain('ยังไม่ได้บันทึก');
    // A test page prints on what is saved: not before saving.
    expect(screen.getByTestId<HTMLButtonElement>('print-test-test_page').disabled).toBe(true);

    fireEvent.click(screen.getByTestId('print-route-save-test_page'));
    await waitFor(() => expect(screen.getByTestId('print-route-test_page-status').textContent).toBe('บันทึกแล้ว'));
    expect(screen.getByTestId('print-route-test_page').dataset.dirty).toBe('false');
    expect(backend.calls.find((c) => c.cmd === 'set_print_route')?.args).toEqual({
      route: {
        kind: 'test_page',
        destination: { type: 'cups', printer: 'Office-A4' },
        paper: 'a4',
        cut: true,
        openDrawer: false,
      },
    });
    expect((await storedRoute(backend, 'test_page'))?.destination).toEqual({ type: 'cups', printer: 'Office-A4' });

    fireEvent.click(screen.getByTestId('print-test-test_page'));
    const result = await screen.findByTestId('print-test-result-test_page');
    expect(result.dataset.status).toBe('sent');
    expect(result.textContent).toContain('พิมพ์แล้ว');
    expect(result.querySelector('.badge-ok')).toBeTruthy();
    expect(screen.queryByTestId('print-test-result-test_page-reprint')).toBeNull();
    expect(backend.calls.find((c) => c.cmd === 'print_test_page')?.args).toEqual({ kind: 'test_page' });
  });

  it('shows the Thai reason beside an ESC/POS route on A4 and keeps what was typed', async () => {
    const backend = renderFor('palad');
    await screen.findByTestId('print-route-tax_notice');
    select('print-route-tax_notice-printer', 'escpos');
    type('print-route-tax_notice-address', 'tcp://192.168.1.60:9100');
    fireEvent.click(screen.getByTestId('print-route-save-tax_notice'));

    const error = await screen.findByTestId('print-route-tax_notice-error');
    expect(error.textContent).toBe(ESC_POS_NEEDS_ROLL);
    expect(within(screen.getByTestId('print-route-tax_notice')).getByRole('alert')).toBe(error);
    expect(value('print-route-tax_notice-printer')).toBe('escpos');
    expect(value('print-route-tax_notice-address')).toBe('tcp://192.168.1.60:9100');
    expect(value('print-route-tax_notice-paper')).toBe('a4');
    expect(screen.getByTestId('print-route-tax_notice-paper').getAttribute('aria-describedby')).toBe(
      'print-route-tax_notice-error',
    );
    expect((await storedRoute(backend, 'tax_notice'))?.destination).toEqual({ type: 'cups', printer: 'Office-A4' });
    // The other rows are untouched.
    expect(screen.queryByTestId('print-route-receipt-error')).toBeNull();

    // On a roll it saves, and the address comes back as the core stores it.
    select('print-route-tax_notice-paper', '80mm');
    type('print-route-tax_notice-address', 'tcp://192.168.1.60');
    fireEvent.click(screen.getByTestId('print-route-save-tax_notice'));
    await waitFor(() => expect(screen.getByTestId('print-route-tax_notice-status').textContent).toBe('บันทึกแล้ว'));
    expect(screen.queryByTestId('print-route-tax_notice-error')).toBeNull();
    expect(value('print-route-tax_notice-address')).toBe('tcp://192.168.1.60:9100');
    expect(await storedRoute(backend, 'tax_notice')).toEqual({
      kind: 'tax_notice',
      destination: { type: 'escpos', target: 'tcp://192.168.1.60:9100' },
      paper: '80mm',
      cut: false,
      openDrawer: false,
    });
  });

  it('saves the cash drawer with a receipt printer, and never sends it with another', async () => {
    const backend = renderFor('palad');
    await screen.findByTestId('print-route-receipt');
    select('print-route-receipt-printer', 'escpos');
    type('print-route-receipt-address', '/dev/usb/lp0');
    select('print-route-receipt-paper', '58mm');
    fireEvent.click(screen.getByTestId('print-route-receipt-drawer'));
    fireEvent.click(screen.getByTestId('print-route-save-receipt'));
    await waitFor(() => expect(screen.getByTestId('print-route-receipt-status').textContent).toBe('บันทึกแล้ว'));
    expect((await storedRoute(backend, 'receipt'))?.openDrawer).toBe(true);

    select('print-route-receipt-printer', 'cups:Office-A4');
    select('print-route-receipt-paper', 'a4');
    expect(screen.getByTestId<HTMLInputElement>('print-route-receipt-drawer').checked).toBe(false);
    fireEvent.click(screen.getByTestId('print-route-save-receipt'));
    await waitFor(() => expect(screen.getByTestId('print-route-receipt-status').textContent).toBe('บันทึกแล้ว'));
    expect(await storedRoute(backend, 'receipt')).toEqual(
      expect.objectContaining({ destination: { type: 'cups', printer: 'Office-A4' }, openDrawer: false }),
    );
  });

  it('shows why a test page did not print, and prints it again', async () => {
    const backend = renderFor('palad');
    await screen.findByTestId('print-route-receipt');
    fireEvent.click(screen.getByTestId('print-test-receipt'));
    const result = await screen.findByTestId('print-test-result-receipt');
    expect(result.dataset.status).toBe('failed');
    expect(result.querySelector('.badge-failed')?.textContent).toBe('พิมพ์ไม่สำเร็จ');
    expect(screen.getByTestId('print-test-result-receipt-reason').textContent).toContain(
      'เครื่องพิมพ์ Finance-A5 ถูกหยุดใช้งานอยู่ในระบบพิมพ์',
    );
    expect(screen.getByTestId('print-test-result-receipt-reason').textContent).toContain('กระดาษติดในเครื่อง');

    fireEvent.click(screen.getByTestId('print-test-result-receipt-reprint'));
    await waitFor(() => expect(screen.getByTestId('print-test-result-receipt').dataset.status).toBe('sent'));
    expect(screen.getByTestId('print-test-result-receipt').textContent).toContain('พิมพ์แล้ว');
    const reprint = backend.calls.find((c) => c.cmd === 'reprint_job');
    expect(reprint?.args).toEqual({ id: expect.stringMatching(/^job-/) as unknown });
  });

  it('shows that CUPS is not running inline, and the routes still work', async () => {
    const cupsDown =
      'ติดต่อระบบพิมพ์ของเครื่อง (CUPS) ที่ /run/cups/cups.sock ไม่ได้ งานพิมพ์ยังไม่ถูกส่ง โปรดให้ผู้ดูแลระบบตรวจดูว่าติดตั้งและเปิดบริการ CUPS แล้ว';
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'palad' });
    backend.failNext('list_printers', { code: 'storage', message: cupsDown });
    renderFor('palad', backend);
    expect((await screen.findByTestId('printers-list-error')).textContent).toContain(cupsDown);
    expect(screen.queryByTestId('printers-list')).toBeNull();
    // The route's printer is still offered under its own name.
    await waitFor(() => expect(value('print-route-tax_notice-printer')).toBe('cups:Office-A4'));
    expect(screen.getByTestId('print-route-save-tax_notice')).toBeTruthy();

    fireEvent.click(screen.getByTestId('printers-refresh'));
    expect(await screen.findByTestId('printers-list')).toBeTruthy();
    expect(screen.queryByTestId('printers-list-error')).toBeNull();
  });

  it('names a route printer that CUPS no longer lists', async () => {
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'palad' });
    await backend.invoke('set_print_route', {
      route: {
        kind: 'report',
        destination: { type: 'cups', printer: 'Old-Laser' },
        paper: 'a4',
        cut: false,
        openDrawer: false,
      },
    });
    renderFor('palad', backend);
    await screen.findByTestId('printers-list');
    const printer = screen.getByTestId('print-route-report-printer');
    await waitFor(() => expect(value('print-route-report-printer')).toBe('cups:Old-Laser'));
    expect(within(printer).getByRole('option', { selected: true }).textContent).toBe('Old-Laser (ไม่พบในระบบ)');
  });

  it('is in English when the UI is', async () => {
    setLang('en');
    renderFor('admin');
    const row = await screen.findByTestId('print-route-queue_slip');
    expect(within(row).getByRole('rowheader').textContent).toBe('Queue ticket');
    expect(screen.getByTestId('print-test-queue_slip').textContent).toBe('Print a test page');
    expect((await screen.findByTestId('printer-state-Office-A4')).textContent).toBe('Ready');
  });
});

describe('printers (who may)', () => {
  it.each(['clerk', 'finance'])('hides the routes and printers from %s', async (username) => {
    const backend = renderFor(username);
    expect(await screen.findByTestId('print-jobs-section')).toBeTruthy();
    expect(screen.queryByTestId('printers-section')).toBeNull();
    expect(screen.queryByTestId(/^print-route-/)).toBeNull();
    expect(screen.queryByTestId(/^print-test-/)).toBeNull();
    expect(backend.calls.some((c) => c.cmd === 'list_printers' || c.cmd === 'get_print_routes')).toBe(false);
  });

  it('is refused by the core (mock) to a clerk all the same', async () => {
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'clerk' });
    const refused = { code: 'notPermitted', message: 'คุณไม่มีสิทธิ์ตั้งค่าเครื่องพิมพ์' };
    await expect(backend.invoke('list_printers')).rejects.toEqual(refused);
    await expect(backend.invoke('print_test_page', { kind: 'receipt' })).rejects.toEqual(refused);
    await expect(
      backend.invoke('set_print_route', {
        route: { kind: 'receipt', destination: null, paper: 'a5', cut: true, openDrawer: false },
      }),
    ).rejects.toEqual(refused);
    // Everyone may read the routes (printing needs them).
    await expect(backend.invoke('get_print_routes')).resolves.toHaveLength(6);
  });

  it('validates routes like the core (mock)', async () => {
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'admin' });
    const route = (destination: Route['destination'], paper: Route['paper'], openDrawer = false) =>
      backend.invoke('set_print_route', { route: { kind: 'receipt', destination, paper, cut: true, openDrawer } });
    await expect(route({ type: 'cups', printer: '  ' }, 'a4')).rejects.toEqual({
      code: 'validation',
      message: 'กรุณาเลือกเครื่องพิมพ์',
    });
    await expect(route({ type: 'escpos', target: 'tcp://10.0.0.9:9100' }, 'a5')).rejects.toEqual({
      code: 'validation',
      message: ESC_POS_NEEDS_ROLL,
    });
    await expect(route({ type: 'cups', printer: 'Office-A4' }, 'a4', true)).rejects.toEqual({
      code: 'validation',
      message: 'การเปิดลิ้นชักเก็บเงินใช้ได้กับเครื่องพิมพ์ใบเสร็จ (ESC/POS) เท่านั้น',
    });
    await expect(route({ type: 'escpos', target: 'printer-at-desk' }, '80mm')).rejects.toEqual(
      expect.objectContaining({ code: 'validation', message: expect.stringContaining('"printer-at-desk"') as unknown }),
    );
    const stored = await route({ type: 'escpos', target: ' tcp://10.0.0.9 ' }, '80mm', true);
    expect(stored).toContainEqual({
      kind: 'receipt',
      destination: { type: 'escpos', target: 'tcp://10.0.0.9:9100' },
      paper: '80mm',
      cut: true,
      openDrawer: true,
    });
  });
});
