import { act, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { beforeEach, describe, expect, it } from 'vitest';

import { setBackend } from '../../../lib/backend';
import { createMockBackend, type MockBackend } from '../../../lib/mockBackend';
import type { TaxTab } from '../TaxArea';
import { RegisterPanel } from './RegisterPanel';

/** The mock's demo office with `username` signed in. */
function signedInDemo(username = 'finance'): MockBackend {
  const backend = createMockBackend({ withDemoOffice: true, signedInAs: username });
  setBackend(backend);
  return backend;
}

/** The panel with the picked taxpayer kept, as TaxArea keeps it. */
function Stateful({ onGo }: { onGo: (tab: TaxTab) => void }) {
  const [id, setId] = useState<string | null>(null);
  return <RegisterPanel permissions={['useTax']} taxpayerId={id} onTaxpayer={setId} go={onGo} />;
}

describe('RegisterPanel', () => {
  beforeEach(() => {
    signedInDemo();
  });

  it('searches as you type and picks a result with the arrow keys and Enter', async () => {
    const went: TaxTab[] = [];
    render(<Stateful onGo={(tab) => went.push(tab)} />);
    const box = screen.getByTestId('tax-search');
    fireEvent.input(box, { target: { value: 'ศรี' } });
    expect(screen.queryByTestId('tax-result-0')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('tax-result-0').textContent).toContain('บุญมี ศรีสุข'));
    expect(screen.getByTestId('tax-result-0').textContent).toContain('3-3101-xxxxx-xx-3');
    expect(screen.getByTestId('tax-result-0').textContent).not.toContain('3310100815903');

    fireEvent.input(box, { target: { value: 'สาธิต' } });
    await waitFor(() => expect(screen.getByTestId('tax-result-1')).toBeTruthy());
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getByTestId('tax-result-1').getAttribute('aria-selected')).toBe('true');
    const second = screen.getByTestId('tax-result-1').querySelector('.tax-result-name')?.textContent ?? '';
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('tax-taxpayer-name').textContent).toBe(second));

    fireEvent.click(screen.getByTestId('tax-go-notices'));
    fireEvent.click(screen.getByTestId('tax-go-payments'));
    expect(went).toEqual(['notices', 'payments']);
  });

  it('shows the record with uses in Thai, and adds a use through the form', async () => {
    render(<Stateful onGo={() => undefined} />);
    fireEvent.input(screen.getByTestId('tax-search'), { target: { value: '12345' } });
    await waitFor(() => screen.getByTestId('tax-result-0'));
    fireEvent.click(screen.getByTestId('tax-result-0'));
    await waitFor(() => expect(screen.getByTestId('tax-taxpayer-name').textContent).toBe('นายบุญมี ศรีสุข'));
    expect(screen.getByTestId('tax-parcels').textContent).toContain('เกษตรกรรม');
    expect(screen.getByTestId('tax-parcels').textContent).toContain('ปี 2570');

    const [addUse] = screen.getAllByTestId('tax-add-use');
    if (!addUse) throw new Error('no add-use button');
    fireEvent.click(addUse);
    fireEvent.input(screen.getByTestId('tax-use-year'), { target: { value: '2571' } });
    fireEvent.change(screen.getByTestId('tax-use-use'), { target: { value: 'vacant' } });
    fireEvent.input(screen.getByTestId('tax-use-vacant-since'), { target: { value: '2563' } });
    fireEvent.submit(screen.getByTestId('tax-use-form'));
    await waitFor(() => expect(screen.queryByTestId('tax-use-form')).toBeNull());
    await waitFor(() =>
      expect(screen.getByTestId('tax-parcels').textContent).toContain('ว่างเปล่า/ไม่ทำประโยชน์ตามควรแก่สภาพ'),
    );
  });

  it("shows core's message next to the form and keeps what was typed", async () => {
    render(<Stateful onGo={() => undefined} />);
    fireEvent.input(screen.getByTestId('tax-search'), { target: { value: 'บุญมี' } });
    await waitFor(() => screen.getByTestId('tax-result-0'));
    fireEvent.click(screen.getByTestId('tax-result-0'));
    await waitFor(() => screen.getByTestId('tax-taxpayer-name'));
    fireEvent.click(screen.getByTestId('tax-add-parcel'));
    fireEvent.input(screen.getByTestId('tax-parcel-deedNo'), { target: { value: '999' } });
    fireEvent.input(screen.getByTestId('tax-parcel-ngan'), { target: { value: '4' } });
    fireEvent.submit(screen.getByTestId('tax-parcel-form'));
    await waitFor(() => expect(screen.getByTestId('tax-parcel-error').textContent).toContain('ทดเป็นไร่'));
    expect(screen.getByTestId<HTMLInputElement>('tax-parcel-deedNo').value).toBe('999');
  });

  it('adds a new taxpayer and refuses a wrong ID with a Thai reason', async () => {
    render(<Stateful onGo={() => undefined} />);
    fireEvent.click(screen.getByTestId('tax-new-taxpayer'));
    fireEvent.input(screen.getByTestId('tax-name'), { target: { value: 'สมปอง' } });
    fireEvent.input(screen.getByTestId('tax-id-no'), { target: { value: '3100100123452' } });
    fireEvent.submit(screen.getByTestId('tax-taxpayer-form'));
    await waitFor(() => expect(screen.getByTestId('tax-taxpayer-error').textContent).toContain('ไม่ถูกต้อง'));
    fireEvent.input(screen.getByTestId('tax-id-no'), { target: { value: '3100100123451' } });
    fireEvent.submit(screen.getByTestId('tax-taxpayer-form'));
    await waitFor(() => expect(screen.getByTestId('tax-taxpayer-name').textContent).toBe('สมปอง'));
  });

  it('imports nothing from a CSV with bad lines and lists each line', async () => {
    render(<Stateful onGo={() => undefined} />);
    const csv = 'taxpayer_ref,name,use\nT1,ก,agricultural\n,ข,\nT3,ค,farm\n';
    const file = new File([csv], 'register.csv', { type: 'text/csv' });
    await act(async () => {
      fireEvent.change(screen.getByTestId('tax-import-file'), { target: { files: [file] } });
      await Promise.resolve();
    });
    await waitFor(() => screen.getByTestId('tax-import-errors'));
    const text = screen.getByTestId('tax-import-errors').textContent;
    expect(text).toContain('บรรทัด 3');
    expect(text).toContain('บรรทัด 4');
    expect(text).not.toContain('บรรทัด 2');
  });

  it('refuses a CSV that is not UTF-8 (Excel Thai) and says to save it as CSV UTF-8', async () => {
    const backend = signedInDemo();
    render(<Stateful onGo={() => undefined} />);
    // "T1,กา" in Windows-874 (TIS-620): not valid UTF-8.
    const bytes = new Uint8Array([...new TextEncoder().encode('taxpayer_ref,name\nT1,'), 0xa1, 0xd2, 0x0a]);
    const file = new File([bytes], 'excel.csv', { type: 'text/csv' });
    await act(async () => {
      fireEvent.change(screen.getByTestId('tax-import-file'), { target: { files: [file] } });
      await Promise.resolve();
    });
    await waitFor(() => expect(screen.getByTestId('error-message').textContent).toContain('CSV UTF-8'));
    expect(screen.getByTestId('error-message').textContent).toContain('excel.csv');
    expect(screen.getByTestId('error-message').textContent).toContain('ยังไม่ได้นำเข้าข้อมูลใดเลย');
    expect(backend.calls.some((c) => c.cmd === 'tax_import_csv')).toBe(false);
  });

  it('is refused for a clerk, with the reason shown', async () => {
    signedInDemo('clerk');
    render(<Stateful onGo={() => undefined} />);
    fireEvent.input(screen.getByTestId('tax-search'), { target: { value: 'บุญมี' } });
    await waitFor(() => expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('notPermitted'));
  });
});
