import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';

import { setBackend } from '../../lib/backend';
import { createMockBackend } from '../../lib/mockBackend';
import { SettingsArea } from './SettingsArea';

function renderFor(username: string) {
  const backend = createMockBackend({ withDemoOffice: true, signedInAs: username });
  setBackend(backend);
  const session = backend.activeSession();
  if (!session) throw new Error('not signed in');
  render(<SettingsArea session={session} onSession={vi.fn()} />);
  return backend;
}

function type(testId: string, value: string) {
  fireEvent.input(screen.getByTestId(testId), { target: { value } });
}

describe('tax settings', () => {
  it('are for finance staff and supervisors', async () => {
    renderFor('clerk');
    await screen.findByTestId('settings-language');
    expect(screen.queryByTestId('tax-settings-section')).toBeNull();
  });

  it("show the latest year's calendar in B.E., refuse bad dates with core's Thai reason, and save good ones", async () => {
    const backend = renderFor('finance');
    const section = await screen.findByTestId('tax-settings-section');
    expect(within(section).getByRole('heading', { level: 2 }).textContent).toBe('ภาษีที่ดินและสิ่งปลูกสร้าง');
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('tax-year-year').value).toBe('2570'));
    expect(screen.getByTestId<HTMLInputElement>('tax-year-due-date').value).toBe('30/04/2570');
    expect(section.textContent).toContain('30 เมษายน 2570');
    type('tax-year-instalment-2', '31/07/2570');
    fireEvent.click(screen.getByTestId('tax-year-save'));
    const error = await within(section).findByTestId('error-message');
    expect(error.textContent).toContain('งวดที่ 1 ก่อนงวดที่ 2 และงวดที่ 2 ก่อนงวดที่ 3');
    type('tax-year-instalment-2', '31/05/2570');
    type('tax-year-warning-days', '15');
    fireEvent.click(screen.getByTestId('tax-year-save'));
    expect((await screen.findByTestId('tax-year-saved')).textContent).toContain('2570');
    const saved = backend.calls.filter((c) => c.cmd === 'tax_year_save').at(-1);
    expect(saved?.args?.year).toMatchObject({
      taxYear: 2570,
      dueDate: '2027-04-30',
      instalmentDates: ['2027-04-30', '2027-05-31', '2027-06-30'],
      warningDays: 15,
      rates: null,
    });
  });

  it('a new year is added from the year picker', async () => {
    const backend = renderFor('palad');
    await screen.findByTestId('tax-year-form');
    fireEvent.change(screen.getByTestId('tax-year-choice'), { target: { value: 'new' } });
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('tax-year-year').value).toBe('2571'));
    fireEvent.click(screen.getByTestId('tax-year-save'));
    await screen.findByTestId('tax-year-saved');
    expect(backend.calls.filter((c) => c.cmd === 'tax_year_save').at(-1)?.args?.year).toMatchObject({
      taxYear: 2571,
      dueDate: '2028-04-30',
    });
  });

  it('the biller ID must be 15 digits, and the notice block 1 to 99', async () => {
    renderFor('finance');
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('tax-biller-id').value).toBe('099400052601600'));
    type('tax-biller-id', '0994000526016');
    fireEvent.click(screen.getByTestId('tax-biller-save'));
    expect((await screen.findByTestId('tax-biller-id-error')).textContent).toContain('ต้องเป็นตัวเลข 15 หลัก');
    type('tax-biller-id', '0-9940-00526-01-6 01');
    fireEvent.click(screen.getByTestId('tax-biller-save'));
    await screen.findByTestId('tax-biller-saved');
    expect(screen.getByTestId<HTMLInputElement>('tax-biller-id').value).toBe('099400052601601');
    type('tax-notice-block', '100');
    fireEvent.click(screen.getByTestId('tax-block-save'));
    expect((await screen.findByTestId('tax-notice-block-error')).textContent).toContain('1 ถึง 99');
    type('tax-notice-block', '2');
    fireEvent.click(screen.getByTestId('tax-block-save'));
    await screen.findByTestId('tax-block-saved');
  });
});
