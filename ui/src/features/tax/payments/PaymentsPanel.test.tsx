import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';

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

afterEach(cleanup);

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
    fireEvent.input(screen.getByTestId('tax-pay-date'), { target: { value: '2026-11-20' } });
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
    expect(day.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    fireEvent.input(day, { target: { value: '2026-06-01' } });
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
