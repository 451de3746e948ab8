import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';

import type { QueueSettings } from '../../generated/QueueSettings';
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

describe('queue settings', () => {
  it('are for those who manage the queue', async () => {
    renderFor('clerk');
    await screen.findByTestId('settings-language');
    expect(screen.queryByTestId('queue-settings-section')).toBeNull();
  });

  it("show core's Thai message when a value is out of range, and save good values", async () => {
    const backend = renderFor('palad');
    const section = await screen.findByTestId('queue-settings-section');
    expect(within(section).getByRole('heading', { level: 2 }).textContent).toBe('ระบบคิว');
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('queue-max-wait').value).toBe('45'));
    type('queue-max-wait', '999');
    fireEvent.click(screen.getByTestId('queue-rules-save'));
    const error = await within(section).findByTestId('error-message');
    expect(error.textContent).toContain('เวลารอสูงสุดก่อนได้เรียกก่อน (นาที) ต้องอยู่ระหว่าง 0 ถึง 480 (ได้รับ 999)');
    type('queue-max-wait', 'abc');
    fireEvent.click(screen.getByTestId('queue-rules-save'));
    expect(screen.getByTestId('queue-max-wait-error').textContent).toBe('ต้องเป็นจำนวนเต็ม');
    type('queue-max-wait', '30');
    fireEvent.click(screen.getByTestId('queue-allow-call-specific'));
    fireEvent.click(screen.getByTestId('queue-rules-save'));
    await screen.findByTestId('queue-rules-saved');
    const stored = await backend.invoke<QueueSettings>('queue_get_settings');
    expect(stored).toMatchObject({ maxWaitMinutes: 30, allowCallSpecific: true });
  });

  it('adds a service with its documents, and a counter that calls it', async () => {
    const backend = renderFor('admin');
    fireEvent.click(await screen.findByTestId('queue-service-add'));
    type('queue-service-code', 'water');
    type('queue-service-name-th', 'ขอใช้น้ำประปา');
    type('queue-service-name-en', 'Water supply');
    type('queue-service-prefix', 'w');
    type('queue-service-minutes', '12');
    type('queue-service-documents', 'บัตรประจำตัวประชาชน\nทะเบียนบ้าน\n');
    fireEvent.click(screen.getByTestId('queue-service-save'));
    await screen.findByTestId('queue-service-water');
    expect(backend.calls.find((c) => c.cmd === 'queue_save_service')?.args).toEqual({
      service: {
        code: 'water',
        departmentCode: 'PALAD',
        nameTh: 'ขอใช้น้ำประปา',
        nameEn: 'Water supply',
        prefix: 'W',
        expectedMinutes: 12,
        documents: ['บัตรประจำตัวประชาชน', 'ทะเบียนบ้าน'],
      },
    });

    fireEvent.click(screen.getByTestId('queue-counter-add'));
    expect(screen.getByTestId<HTMLInputElement>('queue-counter-number').value).toBe('4');
    type('queue-counter-name', 'งานประปา');
    type('queue-counter-location', 'ชั้น 1 ด้านซ้าย');
    fireEvent.click(screen.getByTestId('queue-counter-service-water'));
    fireEvent.click(screen.getByTestId('queue-counter-save'));
    await screen.findByTestId('queue-counter-4');
    expect(backend.calls.find((c) => c.cmd === 'queue_save_counter')?.args).toEqual({
      counter: { number: 4, name: 'งานประปา', location: 'ชั้น 1 ด้านซ้าย', services: ['water'] },
    });
  });

  it("shows core's message when a service is refused", async () => {
    renderFor('palad');
    fireEvent.click(await screen.findByTestId('queue-service-GENERAL-edit'));
    type('queue-service-prefix', '1');
    fireEvent.click(screen.getByTestId('queue-service-save'));
    const form = screen.getByTestId('queue-service-form');
    expect((await within(form).findByTestId('error-message')).textContent).toContain('อักษรนำหน้าเลขคิว "1" ไม่ถูกต้อง');
  });
});
