import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { ReceiptPrint } from '../../../generated/ReceiptPrint';
import { setBackend } from '../../../lib/backend';
import { createMockBackend, type MockBackend } from '../../../lib/mockBackend';
import { PaymentsPanel } from './PaymentsPanel';

/** The demo office on 24 November 2026 with `username` signed in, the payments panel on screen. */
function renderFor(username: string, taxpayerId: string | null = null): MockBackend {
  const backend = createMockBackend({
    withDemoOffice: true,
    signedInAs: username,
    now: () => new Date('2026-11-24T02:00:00Z'),
  });
  setBackend(backend);
  const session = backend.activeSession();
  if (!session) throw new Error('not signed in');
  render(
    <PaymentsPanel
      permissions={session.permissions}
      taxpayerId={taxpayerId}
      onTaxpayer={() => undefined}
      go={() => undefined}
    />,
  );
  return backend;
}

async function openNotice(number: string) {
  fireEvent.input(screen.getByTestId('tax-pay-notice'), { target: { value: number } });
  fireEvent.click(screen.getByTestId('tax-pay-find'));
  await screen.findByTestId('tax-pay-owed');
}

afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

/**
 * Types `text` into `box` as a keyboard (or a USB scanner, which is one) would: a keydown per key, then, unless
 * the page prevented it, the character lands in the box (an `input` event) or, for Enter (`\r`), the form is
 * submitted as a browser's implicit submission does. `layout` maps a character to the key that was pressed.
 */
function typeKeys(
  box: HTMLInputElement,
  text: string,
  layout: (ch: string) => { key: string; code: string; shiftKey: boolean } = usKey,
) {
  for (const ch of text) {
    if (ch === '\r') {
      if (fireEvent.keyDown(box, { key: 'Enter', code: 'Enter' }) && box.form) fireEvent.submit(box.form);
      continue;
    }
    const key = layout(ch);
    if (fireEvent.keyDown(box, key)) fireEvent.input(box, { target: { value: box.value + key.key } });
  }
}

function usKey(ch: string) {
  if (/\d/.test(ch)) return { key: ch, code: `Digit${ch}`, shiftKey: false };
  if (/[A-Z]/.test(ch)) return { key: ch, code: `Key${ch}`, shiftKey: true };
  if (ch === '|') return { key: '|', code: 'Backslash', shiftKey: true };
  return { key: ch, code: '', shiftKey: false };
}

/** The Thai Kedmanee layout: what the same keys type with the Thai keyboard on. */
function thaiKey(ch: string) {
  const digits = 'จๅ/-ภถุึคต';
  if (/\d/.test(ch)) return { key: digits[Number(ch)] ?? '', code: `Digit${ch}`, shiftKey: false };
  if (ch === '|') return { key: 'ฅ', code: 'Backslash', shiftKey: true };
  return usKey(ch);
}

/** The BOT counter barcode on notice 256900001 (biller, CR, Ref1, CR, empty Ref2, CR, amount in satang). */
/** The EMVCo CRC (CRC-16/CCITT-FALSE) that ends a Thai QR payload, four upper-case hex digits. */
function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** How long the scanner's silence is waited for, with a margin. */
const SCAN_SETTLE = 310;

const BARCODE = '|099400016550100\r256900001\r\r300000';

describe('payments panel', () => {
  it('shows what a notice owes per instalment, offers the next one, and a payment prints its receipt', async () => {
    const backend = renderFor('finance');
    await openNotice('256900001');
    // 9,000 baht in three instalments, all overdue on 24 November: late charges are shown with their reasons.
    expect(screen.getByText('งวดที่ 1/3')).toBeTruthy();
    expect(screen.getAllByText(/เบี้ยปรับร้อยละ 10/).length).toBe(3);
    expect(screen.getByTestId<HTMLInputElement>('tax-pay-amount').value).toBe('3,000.00');
    fireEvent.click(screen.getByTestId('tax-pay-submit'));
    const number = await screen.findByTestId('tax-receipt-number');
    expect(number.textContent).toBe('ออกใบเสร็จเล่มที่ 1 เลขที่ 1 แล้ว');
    const pay = backend.calls.find((c) => c.cmd === 'tax_pay');
    expect(pay?.args?.input).toMatchObject({ taxAmount: 300_000, method: 'cash', reference: null });
    // The list of this notice's receipts now has it, and the next instalment is offered.
    await screen.findByTestId('tax-receipt-1-1');
    await waitFor(() => expect(screen.getByTestId('tax-pay-total-due').textContent).toContain('ค้างชำระ 6,000.00 บาท'));
  });

  it('a transfer needs its reference: the Thai reason is shown and nothing is taken', async () => {
    const backend = renderFor('finance');
    await openNotice('256900002');
    fireEvent.change(screen.getByTestId('tax-pay-method'), { target: { value: 'transfer' } });
    fireEvent.click(screen.getByTestId('tax-pay-submit'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('เลขอ้างอิงของธนาคาร');
    expect(screen.queryByTestId('tax-receipt-number')).toBeNull();
    fireEvent.input(screen.getByTestId('tax-pay-reference'), { target: { value: 'KTB 998877' } });
    fireEvent.input(screen.getByTestId('tax-pay-amount'), { target: { value: '500' } });
    fireEvent.click(screen.getByTestId('tax-pay-submit'));
    await screen.findByTestId('tax-receipt-number');
    const pay = backend.calls.filter((c) => c.cmd === 'tax_pay').at(-1);
    expect(pay?.args?.input).toMatchObject({ taxAmount: 50_000, method: 'transfer', reference: 'KTB 998877' });
  });

  it('verifies a receipt QR and refuses an altered one', async () => {
    const backend = renderFor('finance');
    const paid = await backend.invoke<ReceiptPrint>('tax_pay', {
      input: {
        noticeId: 'notice-2',
        taxAmount: 10_000,
        method: 'cash',
        reference: null,
        payerName: null,
        paidOn: null,
      },
    });
    const input = screen.getByTestId('tax-verify-input');
    fireEvent.input(input, { target: { value: paid.receipt.payload } });
    fireEvent.click(screen.getByTestId('tax-verify-submit'));
    const ok = await screen.findByTestId('tax-verify-result');
    expect(ok.dataset.valid).toBe('true');
    expect(ok.textContent).toContain('ใบเสร็จถูกต้อง');
    fireEvent.input(input, { target: { value: paid.receipt.payload.replace('.sig', '.SIG') } });
    fireEvent.click(screen.getByTestId('tax-verify-submit'));
    await waitFor(() => expect(screen.getByTestId('tax-verify-result').dataset.valid).toBe('false'));
    expect(screen.getByTestId('tax-verify-result').textContent).toContain('ถูกแก้ไข');
  });

  it('supervisors void a receipt with a reason; finance staff see no void button', async () => {
    const backend = renderFor('palad');
    await backend.invoke('sign_out');
    await backend.invoke('sign_in', { username: 'finance', secret: '246801' });
    await backend.invoke('tax_pay', {
      input: {
        noticeId: 'notice-2',
        taxAmount: 10_000,
        method: 'cash',
        reference: null,
        payerName: null,
        paidOn: null,
      },
    });
    await backend.invoke('sign_out');
    await backend.invoke('sign_in', { username: 'palad', secret: '975310' });
    await openNotice('256900002');
    fireEvent.click(await screen.findByTestId('tax-receipt-void'));
    fireEvent.input(screen.getByTestId('tax-void-reason'), { target: { value: 'รับเงินซ้ำ' } });
    fireEvent.click(screen.getByTestId('tax-void-confirm'));
    await waitFor(() => expect(screen.getByTestId('tax-receipt-1-1').textContent).toContain('ยกเลิก: รับเงินซ้ำ'));
    cleanup();
    renderFor('finance');
    await openNotice('256900002');
    expect(screen.queryByTestId('tax-receipt-void')).toBeNull();
  });

  it('lists the picked taxpayer notices and shows the cash summary and control register', async () => {
    const backend = renderFor('finance', 'taxpayer-2');
    fireEvent.click(await screen.findByText(/เลขที่ 256900002/));
    await screen.findByTestId('tax-pay-owed');
    fireEvent.click(screen.getByTestId('tax-pay-submit'));
    await screen.findByTestId('tax-receipt-number');
    fireEvent.click(screen.getByTestId('tax-cash-summary-load'));
    const summary = await screen.findByTestId('tax-cash-summary');
    expect(summary.textContent).toContain('รวมทั้งวัน 1 ฉบับ');
    fireEvent.click(screen.getByTestId('tax-register-load'));
    const register = await screen.findByTestId('tax-control-register');
    expect(register.textContent).toContain('2–500');
    expect(backend.calls.some((c) => c.cmd === 'tax_control_register')).toBe(true);
  });
});

describe('payments panel: before and after taking money', () => {
  it('shows what to collect as the amount changes, before the button, and focus follows the work', async () => {
    const backend = renderFor('finance');
    await openNotice('256900002');
    const amount = screen.getByTestId<HTMLInputElement>('tax-pay-amount');
    await waitFor(() => expect(document.activeElement).toBe(amount));
    // 1,250.50 due 30 June, paid 24 November: 10 % penalty and 5 months of 1 % surcharge.
    const quote = screen.getByTestId('tax-pay-quote');
    await waitFor(() =>
      expect(quote.textContent).toBe('รับเงินทั้งสิ้น 1,438.08 บาท (ภาษี 1,250.50 เบี้ยปรับ 125.05 เงินเพิ่ม 62.53)'),
    );
    const form = screen.getByTestId('tax-pay-submit').closest('form');
    expect(form?.lastElementChild?.previousElementSibling).toBe(quote);
    fireEvent.input(amount, { target: { value: '100' } });
    await waitFor(() => expect(quote.textContent).toContain('รับเงินทั้งสิ้น 115.00 บาท'));
    fireEvent.input(amount, { target: { value: '2000' } });
    await waitFor(() => expect(quote.textContent).toContain('มากกว่าภาษีที่ค้างอยู่'));
    fireEvent.input(amount, { target: { value: '100' } });
    fireEvent.click(screen.getByTestId('tax-pay-extension'));
    await waitFor(() => expect(quote.textContent).toContain('เงินเพิ่ม 2.50'));
    const quotes = backend.calls.filter((c) => c.cmd === 'tax_quote').length;
    expect(quotes).toBeLessThan(8);
    fireEvent.click(screen.getByTestId('tax-pay-submit'));
    await screen.findByTestId('tax-receipt-number');
    const pay = backend.calls.filter((c) => c.cmd === 'tax_pay').at(-1);
    expect(pay?.args?.input).toMatchObject({ taxAmount: 10_000, extensionKept: true, paidOn: null });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('tax-pay-notice')));
  });

  it('a transfer carries the bank date; cash never sends one', async () => {
    const backend = renderFor('finance');
    await openNotice('256900002');
    fireEvent.change(screen.getByTestId('tax-pay-method'), { target: { value: 'transfer' } });
    fireEvent.input(screen.getByTestId('tax-pay-reference'), { target: { value: 'KTB 1' } });
    fireEvent.input(screen.getByTestId('tax-pay-date'), { target: { value: '20/11/2569' } });
    fireEvent.input(screen.getByTestId('tax-pay-amount'), { target: { value: '100' } });
    await waitFor(() =>
      expect(backend.calls.some((c) => c.cmd === 'tax_quote' && c.args?.paidOn === '2026-11-20')).toBe(true),
    );
    fireEvent.click(screen.getByTestId('tax-pay-submit'));
    await screen.findByTestId('tax-receipt-number');
    const pay = backend.calls.filter((c) => c.cmd === 'tax_pay').at(-1);
    expect(pay?.args?.input).toMatchObject({ method: 'transfer', paidOn: '2026-11-20' });
    fireEvent.change(screen.getByTestId('tax-pay-method'), { target: { value: 'cash' } });
    expect(screen.queryByTestId('tax-pay-date')).toBeNull();
  });

  it('a reassessed notice counts what was paid before and an overpaid one takes no payment', async () => {
    renderFor('finance');
    await openNotice('256900010');
    expect(screen.getByTestId('tax-pay-paid-earlier').textContent).toContain('1,500.00');
    const over = screen.getByTestId('tax-pay-overpaid');
    expect(over.textContent).toContain('500.00');
    expect(over.textContent).toContain('ภ.ด.ส.9');
    expect(screen.queryByTestId('tax-pay-submit')).toBeNull();
    expect(screen.getByTestId('tax-receipt-1-1').textContent).toContain('ฉบับก่อน เลขที่ 256900009');
  });

  it('the cash summary of a chosen day lists each receipt with its payment date; arrears take the notice year', async () => {
    const backend = renderFor('finance');
    const day = screen.getByTestId<HTMLInputElement>('tax-cash-day');
    expect(day.value).toMatch(/^\d{2}\/\d{2}\/25\d{2}$/);
    fireEvent.input(day, { target: { value: '1/6/2569' } });
    fireEvent.click(screen.getByTestId('tax-cash-summary-load'));
    const summary = await screen.findByTestId('tax-cash-summary');
    expect(summary.textContent).toContain('1/6/2569');
    expect(screen.getByTestId('tax-cash-receipt-1-1').textContent).toContain('ชำระวันที่ 1/6/2569');
    expect(backend.calls.find((c) => c.cmd === 'tax_cash_summary')?.args?.day).toBe('2026-06-01');
    await openNotice('256900002');
    expect(screen.getByTestId<HTMLInputElement>('tax-arrears-year').value).toBe('2569');
    fireEvent.click(screen.getByTestId('tax-arrears-load'));
    await screen.findByTestId('tax-arrears');
    expect(backend.calls.find((c) => c.cmd === 'tax_arrears')?.args?.taxYear).toBe(2569);
  });
});

describe('payments panel: the notice lookup takes a scanner', () => {
  it('a scanned counter barcode: each CR separates instead of submitting, and the lookup goes once the scanner stops', async () => {
    const backend = renderFor('finance');
    const box = screen.getByTestId<HTMLInputElement>('tax-pay-notice');
    vi.useFakeTimers();
    typeKeys(box, BARCODE);
    expect(box.value).toBe('|099400016550100 256900001  300000');
    const finds = () => backend.calls.filter((c) => c.cmd === 'tax_find_notice');
    expect(finds()).toHaveLength(0);
    vi.advanceTimersByTime(250);
    expect(finds()).toHaveLength(0);
    vi.advanceTimersByTime(60);
    expect(finds().map((c) => c.args?.input)).toEqual([BARCODE]);
    vi.useRealTimers();
    await screen.findByTestId('tax-pay-owed');
    expect(screen.getByText(/หนังสือแจ้งเลขที่ 256900001/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a scanner that ends with Enter looks the notice up at once, and only once', async () => {
    const backend = renderFor('finance');
    const box = screen.getByTestId<HTMLInputElement>('tax-pay-notice');
    vi.useFakeTimers();
    typeKeys(box, `${BARCODE}\r`);
    vi.advanceTimersByTime(1000);
    vi.useRealTimers();
    await screen.findByTestId('tax-pay-owed');
    expect(backend.calls.filter((c) => c.cmd === 'tax_find_notice')).toHaveLength(1);
  });

  it('a new scan replaces what was in the box, and a Thai keyboard layout does not garble it', async () => {
    const backend = renderFor('finance');
    const box = screen.getByTestId<HTMLInputElement>('tax-pay-notice');
    fireEvent.input(box, { target: { value: '2569' } });
    vi.useFakeTimers();
    typeKeys(box, '|099400016550100\r256900002\r\r0', thaiKey);
    expect(box.value).toBe('|099400016550100 256900002  0');
    vi.advanceTimersByTime(SCAN_SETTLE);
    vi.useRealTimers();
    await screen.findByTestId('tax-pay-owed');
    expect(screen.getByText(/หนังสือแจ้งเลขที่ 256900002/)).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'tax_find_notice')?.args?.input).toBe(
      '|099400016550100\r256900002\r\r0',
    );
  });

  it('a scanned Thai QR is one line: Enter looks it up at once; a typed number works as before', async () => {
    const backend = renderFor('finance');
    const box = screen.getByTestId<HTMLInputElement>('tax-pay-notice');
    const merchant = '0016A000000677010112' + '0115099400016550100' + '0209256900002';
    const body = `00020101021230${String(merchant.length)}${merchant}5303764540512505802TH6304`;
    const qr = body + crc16(body);
    typeKeys(box, `${qr}\r`);
    expect(box.value).toBe(qr);
    await screen.findByTestId('tax-pay-owed');
    expect(screen.getByText(/หนังสือแจ้งเลขที่ 256900002/)).toBeTruthy();
    expect(backend.calls.find((c) => c.cmd === 'tax_find_notice')?.args?.input).toBe(qr);
    cleanup();
    renderFor('finance');
    const typed = screen.getByTestId<HTMLInputElement>('tax-pay-notice');
    typeKeys(typed, '256900001\r');
    await screen.findByTestId('tax-pay-owed');
    expect(screen.getByText(/หนังสือแจ้งเลขที่ 256900001/)).toBeTruthy();
  });
});

describe('payments panel: voiding and after a payment', () => {
  /** Finance takes 100 baht on notice 256900002, then palad (a supervisor) opens it. */
  async function paidThenPalad(): Promise<MockBackend> {
    const backend = renderFor('palad');
    await backend.invoke('sign_out');
    await backend.invoke('sign_in', { username: 'finance', secret: '246801' });
    await backend.invoke('tax_pay', {
      input: {
        noticeId: 'notice-2',
        taxAmount: 10_000,
        method: 'cash',
        reference: null,
        payerName: null,
        paidOn: null,
      },
    });
    await backend.invoke('sign_out');
    await backend.invoke('sign_in', { username: 'palad', secret: '975310' });
    await openNotice('256900002');
    return backend;
  }

  it('the void confirm names the receipt, says what voiding does, and needs a reason', async () => {
    const backend = await paidThenPalad();
    fireEvent.click(await screen.findByTestId('tax-receipt-void'));
    const box = screen.getByTestId('tax-void-box');
    expect(box.textContent).toContain('ยกเลิกใบเสร็จเล่มที่ 1 เลขที่ 1 ยอดเงิน 115.00 บาท');
    expect(box.textContent).toContain('ยังคงเลขที่เดิม');
    expect(box.textContent).toContain('พิมพ์เป็นฉบับยกเลิก');
    const reason = screen.getByTestId<HTMLInputElement>('tax-void-reason');
    await waitFor(() => expect(document.activeElement).toBe(reason));
    fireEvent.input(reason, { target: { value: '   ' } });
    fireEvent.click(screen.getByTestId('tax-void-confirm'));
    expect(screen.getByTestId('tax-void-reason-error').textContent).toBe('กรุณาระบุเหตุผลที่ยกเลิกใบเสร็จ ก่อนกดยืนยัน');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(backend.calls.some((c) => c.cmd === 'tax_void_receipt')).toBe(false);
    expect(screen.getByTestId('tax-receipt-1-1').textContent).toContain('ใช้ได้');
    // Backing out leaves the receipt as it was.
    fireEvent.click(screen.getByTestId('tax-void-cancel'));
    expect(screen.queryByTestId('tax-void-box')).toBeNull();
    expect(backend.calls.some((c) => c.cmd === 'tax_void_receipt')).toBe(false);
  });

  it('a voided receipt shows ยกเลิก, its tax is owed again, and a reprint prints the cancelled copy', async () => {
    const backend = await paidThenPalad();
    expect(screen.getByTestId('tax-pay-total-due').textContent).toContain('ค้างชำระ 1,150.50 บาท');
    fireEvent.click(await screen.findByTestId('tax-receipt-void'));
    fireEvent.input(screen.getByTestId('tax-void-reason'), { target: { value: 'รับเงินซ้ำ' } });
    // Enter in the reason confirms.
    fireEvent.submit(screen.getByTestId('tax-void-box'));
    const done = await screen.findByTestId('tax-void-done');
    expect(done.textContent).toContain('ยกเลิกใบเสร็จเล่มที่ 1 เลขที่ 1 แล้ว');
    expect(backend.calls.find((c) => c.cmd === 'tax_void_receipt')?.args).toMatchObject({ reason: 'รับเงินซ้ำ' });
    const row = screen.getByTestId('tax-receipt-1-1');
    await waitFor(() => expect(row.textContent).toContain('ยกเลิก: รับเงินซ้ำ'));
    expect(screen.queryByTestId('tax-void-box')).toBeNull();
    expect(screen.queryByTestId('tax-receipt-void')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('tax-pay-total-due').textContent).toContain('ค้างชำระ 1,250.50 บาท'));
    fireEvent.click(screen.getByTestId('tax-receipt-reprint'));
    const printed = await screen.findByTestId('tax-receipt-number');
    expect(printed.textContent).toBe('พิมพ์ซ้ำใบเสร็จเล่มที่ 1 เลขที่ 1 เป็นฉบับยกเลิก (มีตรา ยกเลิก) แล้ว');
    expect(screen.getByTestId('tax-pay-done').textContent).not.toContain('รับเงินรวม');
    expect(backend.calls.filter((c) => c.cmd === 'tax_reprint_receipt')).toHaveLength(1);
  });

  it('after a transfer is taken, the form is ready for the next person and focus is on the lookup', async () => {
    const backend = renderFor('finance');
    await openNotice('256900001');
    fireEvent.change(screen.getByTestId('tax-pay-method'), { target: { value: 'transfer' } });
    fireEvent.input(screen.getByTestId('tax-pay-reference'), { target: { value: 'KTB 42' } });
    fireEvent.input(screen.getByTestId('tax-pay-payer'), { target: { value: 'นางสาวใจดี มีสุข' } });
    fireEvent.input(screen.getByTestId('tax-pay-amount'), { target: { value: '1000' } });
    fireEvent.click(screen.getByTestId('tax-pay-submit'));
    await screen.findByTestId('tax-receipt-number');
    expect(backend.calls.filter((c) => c.cmd === 'tax_pay').at(-1)?.args?.input).toMatchObject({
      method: 'transfer',
      reference: 'KTB 42',
      payerName: 'นางสาวใจดี มีสุข',
    });
    const lookup = screen.getByTestId<HTMLInputElement>('tax-pay-notice');
    await waitFor(() => expect(document.activeElement).toBe(lookup));
    expect(lookup.value).toBe('');
    // The rest of the first instalment is offered again, paid in cash by the taxpayer unless changed.
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('tax-pay-amount').value).toBe('2,000.00'));
    expect(screen.getByTestId<HTMLSelectElement>('tax-pay-method').value).toBe('cash');
    expect(screen.queryByTestId('tax-pay-reference')).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>('tax-pay-payer').value).toBe('');
    fireEvent.change(screen.getByTestId('tax-pay-method'), { target: { value: 'transfer' } });
    expect(screen.getByTestId<HTMLInputElement>('tax-pay-reference').value).toBe('');
  });
});
