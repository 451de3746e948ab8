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
