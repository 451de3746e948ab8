import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';

import type { OfficeSetup } from '../../generated/OfficeSetup';
import { setBackend } from '../../lib/backend';
import { createMockBackend, type MockBackend } from '../../lib/mockBackend';
import { SetupScreen } from './SetupScreen';

const VALID_TAX_ID = '0994000123451';

function type(testId: string, value: string) {
  fireEvent.input(screen.getByTestId(testId), { target: { value } });
}

function setup() {
  const backend: MockBackend = createMockBackend();
  setBackend(backend);
  const onDone = vi.fn();
  render(<SetupScreen onDone={onDone} />);
  fireEvent.click(screen.getByTestId('setup-real'));
  return { backend, onDone };
}

function fillValidForm() {
  type('setup-name', '  องค์การบริหารส่วนตำบลนางรอง ');
  type('setup-code', '6310105');
  type('setup-address', '1 หมู่ 1 ตำบลนางรอง อำเภอนางรอง จังหวัดบุรีรัมย์');
  type('setup-taxid', VALID_TAX_ID);
  type('setup-counter-name-1', 'งานทะเบียน');
  type('setup-counter-location-1', 'ชั้น 1');
  type('setup-admin-username', 'somsri');
  type('setup-admin-name', 'สมศรี ใจดี');
  type('setup-admin-password', 'correct horse');
  type('setup-admin-password2', 'correct horse');
}

function setupCalls(backend: MockBackend) {
  return backend.calls.filter((c) => c.cmd === 'setup_office');
}

describe('first-run setup wizard', () => {
  it('offers the demo office and the real setup', () => {
    setBackend(createMockBackend());
    render(<SetupScreen onDone={vi.fn()} />);
    expect(screen.getByTestId('setup-demo').textContent).toBe('ใช้สำนักงานตัวอย่าง');
    expect(screen.getByTestId('setup-real').textContent).toBe('ตั้งค่าสำนักงานจริง');
  });

  it('sends the right payload and hands back the new status', async () => {
    const { backend, onDone } = setup();
    fillValidForm();
    fireEvent.click(screen.getByTestId('setup-counter-add'));
    expect(screen.getByTestId<HTMLInputElement>('setup-counter-number-2').value).toBe('2');
    type('setup-counter-name-2', 'การเงิน');
    fireEvent.click(screen.getByTestId('setup-submit'));

    await waitFor(() => expect(onDone).toHaveBeenCalledOnce());
    const calls = setupCalls(backend);
    expect(calls).toHaveLength(1);
    const expected: OfficeSetup = {
      name: 'องค์การบริหารส่วนตำบลนางรอง',
      code: '6310105',
      address: '1 หมู่ 1 ตำบลนางรอง อำเภอนางรอง จังหวัดบุรีรัมย์',
      taxId: VALID_TAX_ID,
      logoBase64: null,
      counters: [
        { number: 1, name: 'งานทะเบียน', location: 'ชั้น 1' },
        { number: 2, name: 'การเงิน', location: '' },
      ],
      admin: { username: 'somsri', displayName: 'สมศรี ใจดี', password: 'correct horse' },
    };
    expect(calls[0]?.args).toEqual({ setup: expected });
    // The wizard signs the new administrator in.
    expect(onDone.mock.calls[0]?.[0]).toMatchObject({
      needsSetup: false,
      session: { active: { user: { username: 'somsri', role: 'admin' }, mustChangePassword: false }, locked: null },
    });
  });

  it('blocks submit when the passwords do not match', () => {
    const { backend } = setup();
    fillValidForm();
    type('setup-admin-password2', 'correct horsE');
    expect(screen.getByTestId('setup-error-admin-password2').textContent).toBe('รหัสผ่านทั้งสองช่องไม่ตรงกัน');
    fireEvent.click(screen.getByTestId('setup-submit'));
    expect(setupCalls(backend)).toHaveLength(0);
    expect(screen.getByTestId('setup-invalid')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId('setup-admin-password2'));
  });

  it('blocks submit with a short password', () => {
    const { backend } = setup();
    fillValidForm();
    type('setup-admin-password', 'short');
    type('setup-admin-password2', 'short');
    fireEvent.click(screen.getByTestId('setup-submit'));
    expect(setupCalls(backend)).toHaveLength(0);
    expect(screen.getByTestId('setup-error-admin-password').textContent).toContain('8');
  });

  it('blocks submit without any counter', () => {
    const { backend } = setup();
    fillValidForm();
    fireEvent.click(screen.getByTestId('setup-counter-remove-1'));
    expect(screen.queryByTestId('setup-counter-name-1')).toBeNull();
    fireEvent.click(screen.getByTestId('setup-submit'));
    expect(setupCalls(backend)).toHaveLength(0);
    expect(screen.getByTestId('setup-error-counters').textContent).toBe('ต้องมีช่องบริการอย่างน้อย 1 ช่อง');
    expect(document.activeElement).toBe(screen.getByTestId('setup-counter-add'));
  });

  it('blocks submit with duplicate counter numbers and empty required fields', () => {
    const { backend } = setup();
    fireEvent.click(screen.getByTestId('setup-counter-add'));
    type('setup-counter-number-2', '1');
    fireEvent.click(screen.getByTestId('setup-submit'));
    expect(setupCalls(backend)).toHaveLength(0);
    expect(screen.getByTestId('setup-error-counter-number-2').textContent).toBe('หมายเลขช่องซ้ำกับช่องอื่น');
    expect(screen.getByTestId('setup-error-name').textContent).toBe('จำเป็นต้องกรอก');
    expect(document.activeElement).toBe(screen.getByTestId('setup-name'));
  });

  it('blocks counter numbers outside 1–99, which the counter call-out cannot say', () => {
    const { backend } = setup();
    type('setup-counter-number-1', '100');
    fireEvent.click(screen.getByTestId('setup-submit'));
    expect(setupCalls(backend)).toHaveLength(0);
    expect(screen.getByTestId('setup-error-counter-number-1').textContent).toBe('ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 99');
  });

  it('checks the tax ID check digit while typing', () => {
    setup();
    type('setup-taxid', '099400012345');
    expect(screen.queryByTestId('setup-error-taxid')).toBeNull();
    type('setup-taxid', '0994000123452');
    expect(screen.getByTestId('setup-error-taxid').textContent).toContain('หลักตรวจสอบ');
    type('setup-taxid', VALID_TAX_ID);
    expect(screen.queryByTestId('setup-error-taxid')).toBeNull();
    expect(screen.getByText('หลักตรวจสอบถูกต้อง')).toBeTruthy();
  });

  it('removes the right counter row and renumbers the rest', () => {
    setup();
    type('setup-counter-name-1', 'หนึ่ง');
    fireEvent.click(screen.getByTestId('setup-counter-add'));
    type('setup-counter-name-2', 'สอง');
    fireEvent.click(screen.getByTestId('setup-counter-add'));
    type('setup-counter-name-3', 'สาม');
    fireEvent.click(screen.getByTestId('setup-counter-remove-2'));
    expect(screen.getByTestId<HTMLInputElement>('setup-counter-name-2').value).toBe('สาม');
    expect(screen.getByTestId<HTMLInputElement>('setup-counter-number-2').value).toBe('3');
    expect(screen.queryByTestId('setup-counter-name-3')).toBeNull();
  });

  it('shows a backend validation error in the alert region', async () => {
    const { backend, onDone } = setup();
    fillValidForm();
    backend.failNext('setup_office', { code: 'validation', message: 'รหัสหน่วยงานนี้ไม่ถูกต้อง' });
    fireEvent.click(screen.getByTestId('setup-submit'));
    const alert = await screen.findByTestId('error-message');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('รหัสหน่วยงานนี้ไม่ถูกต้อง');
    expect(alert.dataset.code).toBe('validation');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('reads a PNG logo as base64 and refuses other files', async () => {
    const { backend, onDone } = setup();
    fillValidForm();
    const input = screen.getByTestId<HTMLInputElement>('setup-logo');

    const gif = new File(['GIF89a'], 'logo.gif', { type: 'image/gif' });
    Object.defineProperty(input, 'files', { value: [gif], configurable: true });
    fireEvent.change(input);
    expect((await screen.findByTestId('setup-error-logo')).textContent).toBe('ต้องเป็นไฟล์ PNG หรือ JPEG');

    const png = new File([new Uint8Array([137, 80, 78, 71])], 'logo.png', { type: 'image/png' });
    Object.defineProperty(input, 'files', { value: [png], configurable: true });
    fireEvent.change(input);
    await screen.findByTestId('setup-logo-preview');
    expect(screen.queryByTestId('setup-error-logo')).toBeNull();

    fireEvent.click(screen.getByTestId('setup-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalledOnce());
    const sent = setupCalls(backend)[0]?.args?.setup as OfficeSetup;
    expect(sent.logoBase64).toBe('iVBORw==');
  });

  it('refuses a logo over 1 MB', async () => {
    setup();
    const input = screen.getByTestId<HTMLInputElement>('setup-logo');
    const big = new File([new Uint8Array(1024 * 1024 + 1)], 'big.jpg', { type: 'image/jpeg' });
    Object.defineProperty(input, 'files', { value: [big], configurable: true });
    fireEvent.change(input);
    expect((await screen.findByTestId('setup-error-logo')).textContent).toBe('ไฟล์ต้องมีขนาดไม่เกิน 1 MB');
  });
});
