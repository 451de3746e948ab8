import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { beforeEach, describe, expect, it } from 'vitest';

import { setBackend } from '../../../lib/backend';
import { createMockBackend, type MockBackend } from '../../../lib/mockBackend';
import { RegisterPanel } from './RegisterPanel';

let backend: MockBackend;

/** The panel with the picked taxpayer kept, as TaxArea keeps it. */
function Stateful() {
  const [id, setId] = useState<string | null>(null);
  return <RegisterPanel permissions={['useTax']} taxpayerId={id} onTaxpayer={setId} go={() => undefined} />;
}

/** Searches the main box and opens the first hit's record. */
async function open(query: string, name: string) {
  fireEvent.input(screen.getByTestId('tax-search'), { target: { value: query } });
  await waitFor(() => expect(screen.getByTestId('tax-result-0').textContent).toContain(name));
  fireEvent.click(screen.getByTestId('tax-result-0'));
  await waitFor(() => expect(screen.getByTestId('tax-taxpayer-name').textContent).toContain(name));
}

function only(testId: string): HTMLElement {
  const [first, ...rest] = screen.getAllByTestId(testId);
  expect(rest).toHaveLength(0);
  if (!first) throw new Error(`no ${testId}`);
  return first;
}

const calls = (cmd: string) => backend.calls.filter((c) => c.cmd === cmd).length;

describe('RegisterPanel: condo units, co-owners and deletes', () => {
  beforeEach(() => {
    backend = createMockBackend({ withDemoOffice: true, signedInAs: 'finance' });
    setBackend(backend);
  });

  it('adds a condominium unit that then shows in the record, and edits it', async () => {
    render(<Stateful />);
    await open('กาญจนา', 'กาญจนา ทองดี');
    expect(screen.getByTestId('tax-condo-units').textContent).toBe('');

    fireEvent.click(screen.getByTestId('tax-add-condo'));
    const form = screen.getByTestId('tax-condo-form');
    expect(within(form).getByLabelText('ชื่ออาคารชุด')).toBe(screen.getByTestId('tax-condo-condoName'));
    fireEvent.input(screen.getByTestId('tax-condo-condoName'), { target: { value: 'สาธิตคอนโด' } });
    fireEvent.input(screen.getByTestId('tax-condo-condoRegNo'), { target: { value: '5/2560' } });
    fireEvent.input(screen.getByTestId('tax-condo-unitNo'), { target: { value: '305' } });
    fireEvent.input(screen.getByTestId('tax-condo-floor'), { target: { value: '3' } });
    fireEvent.input(screen.getByTestId('tax-condo-areaM2'), { target: { value: '32.5' } });
    fireEvent.input(screen.getByTestId('tax-condo-pricePerM2'), { target: { value: '45000' } });
    fireEvent.submit(form);
    await waitFor(() => expect(screen.queryByTestId('tax-condo-form')).toBeNull());
    await waitFor(() => expect(screen.getByTestId('tax-condo-units').textContent).toContain('สาธิตคอนโด ห้อง 305'));
    const unit = only('tax-condo-unit');
    expect(unit.textContent).toContain('32.5 ตารางเมตร ตารางเมตรละ 45,000.00 บาท');
    expect(unit.textContent).toContain('5/2560');

    // Edit: the form opens with what is on record (the price back in baht) and saves the same unit.
    fireEvent.click(within(unit).getByTestId('tax-edit-condo'));
    expect(screen.getByTestId<HTMLInputElement>('tax-condo-pricePerM2').value).toBe('45000');
    expect(screen.getByTestId<HTMLInputElement>('tax-condo-unitNo').value).toBe('305');
    fireEvent.input(screen.getByTestId('tax-condo-pricePerM2'), { target: { value: '47500.50' } });
    fireEvent.submit(screen.getByTestId('tax-condo-form'));
    await waitFor(() => expect(only('tax-condo-unit').textContent).toContain('ตารางเมตรละ 47,500.50 บาท'));
  });

  it('edits a parcel from what is on record', async () => {
    render(<Stateful />);
    await open('12345', 'บุญมี ศรีสุข');
    fireEvent.click(only('tax-edit-parcel'));
    expect(screen.getByTestId<HTMLInputElement>('tax-parcel-deedNo').value).toBe('12345');
    fireEvent.input(screen.getByTestId('tax-parcel-deedNo'), { target: { value: '12346' } });
    fireEvent.submit(screen.getByTestId('tax-parcel-form'));
    await waitFor(() => expect(screen.getByTestId('tax-parcels').textContent).toContain('12346'));
    expect(screen.getByTestId('tax-parcels').textContent).not.toContain('12345');
    expect(screen.getAllByTestId('tax-edit-parcel')).toHaveLength(1);
  });

  it('edits a building from what is on record', async () => {
    render(<Stateful />);
    await open('กาญจนา', 'กาญจนา ทองดี');
    fireEvent.click(only('tax-edit-building'));
    const year = screen.getByTestId<HTMLInputElement>('tax-building-yearBuilt');
    expect(Number(year.value)).toBeGreaterThan(2400);
    expect(screen.getByTestId<HTMLInputElement>('tax-building-houseNo').value).toBe('45');
    fireEvent.input(year, { target: { value: '2561' } });
    fireEvent.submit(screen.getByTestId('tax-building-form'));
    await waitFor(() => expect(screen.getByTestId('tax-buildings').textContent).toContain('2561'));
    expect(screen.getAllByTestId('tax-edit-building')).toHaveLength(1);
  });

  it("keeps the condo form and shows core's message when the unit has no area", async () => {
    render(<Stateful />);
    await open('กาญจนา', 'กาญจนา ทองดี');
    fireEvent.click(screen.getByTestId('tax-add-condo'));
    fireEvent.input(screen.getByTestId('tax-condo-condoName'), { target: { value: 'สาธิตคอนโด' } });
    fireEvent.input(screen.getByTestId('tax-condo-unitNo'), { target: { value: '12' } });
    fireEvent.submit(screen.getByTestId('tax-condo-form'));
    await waitFor(() => expect(screen.getByTestId('tax-condo-error').textContent).toContain('พื้นที่ห้องชุด'));
    expect(screen.getByTestId<HTMLInputElement>('tax-condo-unitNo').value).toBe('12');
    expect(screen.getByTestId('tax-condo-units').textContent).toBe('');
  });

  it('adds a co-owner found by searching the register and removes them after a confirm', async () => {
    render(<Stateful />);
    await open('12345', 'บุญมี ศรีสุข');
    const parcel = within(screen.getByTestId('tax-parcels'));
    expect(parcel.getByTestId('tax-co-owners').textContent).toContain('ไม่มี');

    fireEvent.click(parcel.getByTestId('tax-co-owner-add'));
    const search = screen.getByTestId('tax-co-owner-search');
    expect(document.activeElement).toBe(search);
    fireEvent.input(search, { target: { value: 'กาญจนา' } });
    await waitFor(() => expect(screen.getByTestId('tax-co-owner-result-0').textContent).toContain('กาญจนา'));
    fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() => expect(parcel.getByTestId('tax-co-owner').textContent).toContain('นางสาวกาญจนา ทองดี'));
    expect(screen.queryByTestId('tax-co-owner-search')).toBeNull();

    // Cancel first: nothing goes.
    fireEvent.click(parcel.getByTestId('tax-co-owner-remove'));
    expect(screen.getByTestId('tax-confirm').textContent).toContain('นำ นางสาวกาญจนา ทองดี ออกจากผู้ถือกรรมสิทธิ์ร่วม');
    expect(screen.getByTestId('tax-confirm').textContent).toContain('ยังอยู่ในทะเบียน');
    fireEvent.click(screen.getByTestId('tax-confirm-no'));
    expect(screen.queryByTestId('tax-confirm')).toBeNull();
    expect(calls('tax_remove_co_owner')).toBe(0);
    expect(parcel.getByTestId('tax-co-owner')).toBeTruthy();

    fireEvent.click(parcel.getByTestId('tax-co-owner-remove'));
    fireEvent.click(screen.getByTestId('tax-confirm-yes'));
    await waitFor(() => expect(parcel.queryByTestId('tax-co-owner')).toBeNull());
    expect(calls('tax_remove_co_owner')).toBe(1);
  });

  it("shows core's refusal when the owner is picked as their own co-owner, and Esc closes the search", async () => {
    render(<Stateful />);
    await open('12345', 'บุญมี ศรีสุข');
    const parcel = within(screen.getByTestId('tax-parcels'));
    fireEvent.click(parcel.getByTestId('tax-co-owner-add'));
    fireEvent.input(screen.getByTestId('tax-co-owner-search'), { target: { value: 'บุญมี' } });
    await waitFor(() => screen.getByTestId('tax-co-owner-result-0'));
    fireEvent.click(screen.getByTestId('tax-co-owner-result-0'));
    await waitFor(() =>
      expect(screen.getByTestId('tax-co-owner-error').textContent).toContain('เป็นเจ้าของทรัพย์สินนี้อยู่แล้ว'),
    );
    expect(parcel.queryByTestId('tax-co-owner')).toBeNull();
    fireEvent.keyDown(screen.getByTestId('tax-co-owner-search'), { key: 'Escape' });
    expect(screen.queryByTestId('tax-co-owner-search')).toBeNull();
  });

  it('deletes a use only when confirmed; Esc and cancel keep it', async () => {
    render(<Stateful />);
    await open('12345', 'บุญมี ศรีสุข');
    const parcel = within(screen.getByTestId('tax-parcels'));
    expect(parcel.getAllByTestId('tax-use')).toHaveLength(2);
    const [newest] = parcel.getAllByTestId('tax-delete-use');
    if (!newest) throw new Error('no delete-use button');

    newest.focus();
    fireEvent.click(newest);
    const confirm = screen.getByTestId('tax-confirm');
    expect(confirm.getAttribute('role')).toBe('alertdialog');
    expect(confirm.textContent).toContain('ปี 2570: เกษตรกรรม ร้อยละ 100');
    expect(confirm.textContent).toContain('การใช้ประโยชน์รายการอื่นยังอยู่');
    expect(document.activeElement).toBe(screen.getByTestId('tax-confirm-no'));
    fireEvent.keyDown(screen.getByTestId('tax-confirm-no'), { key: 'Escape' });
    expect(screen.queryByTestId('tax-confirm')).toBeNull();
    expect(document.activeElement).toBe(newest);
    expect(calls('tax_delete_use')).toBe(0);

    fireEvent.click(newest);
    fireEvent.click(screen.getByTestId('tax-confirm-yes'));
    await waitFor(() => expect(parcel.getAllByTestId('tax-use')).toHaveLength(1));
    expect(screen.getByTestId('tax-parcels').textContent).not.toContain('ปี 2570');
    expect(screen.getByTestId('tax-parcels').textContent).toContain('ปี 2569');
  });

  it('says what a property delete takes with it, and keeps land that a building stands on', async () => {
    render(<Stateful />);
    await open('12345', 'บุญมี ศรีสุข');
    fireEvent.click(only('tax-delete-property'));
    const text = screen.getByTestId('tax-confirm').textContent;
    expect(text).toContain('ลบ โฉนดที่ดิน 12345 ออกจากทะเบียนหรือไม่');
    expect(text).toContain('การใช้ประโยชน์ 2 รายการ');
    expect(text).toContain('ผู้ถือกรรมสิทธิ์ร่วม 0 ราย');
    expect(text).toContain('ให้ลบหรือย้ายสิ่งปลูกสร้างก่อน');
    // A neighbour's house stands on this land (a house on rented land): core refuses and nothing goes.
    fireEvent.click(screen.getByTestId('tax-confirm-yes'));
    const refusal = await screen.findByTestId('tax-confirm-error');
    expect(refusal.textContent).toContain('มีสิ่งปลูกสร้าง 1 รายการตั้งอยู่');
    expect(screen.getByTestId('tax-parcels').textContent).toContain('12345');
  });

  it("shows core's refusal to delete a taxpayer who still owns property, then deletes once they own nothing", async () => {
    render(<Stateful />);
    await open('กาญจนา', 'กาญจนา ทองดี');
    fireEvent.click(screen.getByTestId('tax-delete-taxpayer'));
    expect(screen.getByTestId('tax-confirm').textContent).toContain('ลบ นางสาวกาญจนา ทองดี ออกจากทะเบียนหรือไม่');
    fireEvent.click(screen.getByTestId('tax-confirm-yes'));
    await waitFor(() =>
      expect(screen.getByTestId('tax-confirm-error').textContent).toBe(
        'ลบผู้เสียภาษีรายนี้ไม่ได้ เพราะยังมีทรัพย์สินในทะเบียน 1 รายการ กรุณาลบหรือโอนทรัพย์สินก่อน',
      ),
    );
    expect(screen.getByTestId('tax-taxpayer-name').textContent).toBe('นางสาวกาญจนา ทองดี');
    fireEvent.click(screen.getByTestId('tax-confirm-no'));

    fireEvent.click(within(screen.getByTestId('tax-buildings')).getByTestId('tax-delete-property'));
    fireEvent.click(screen.getByTestId('tax-confirm-yes'));
    await waitFor(() => expect(screen.getByTestId('tax-buildings').textContent).toBe(''));

    fireEvent.click(screen.getByTestId('tax-delete-taxpayer'));
    fireEvent.click(screen.getByTestId('tax-confirm-yes'));
    await waitFor(() => expect(screen.queryByTestId('tax-taxpayer-name')).toBeNull());
    fireEvent.input(screen.getByTestId('tax-search'), { target: { value: 'x' } });
    fireEvent.input(screen.getByTestId('tax-search'), { target: { value: 'กาญจนา' } });
    await waitFor(() => screen.getByTestId('tax-no-results'));
  });
});
