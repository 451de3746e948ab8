import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';

import type { IssueResult } from '../../generated/IssueResult';
import type { Ticket } from '../../generated/Ticket';
import { setLang } from '../../i18n';
import { setBackend } from '../../lib/backend';
import { createMockBackend, type MockBackend } from '../../lib/mockBackend';
import { COUNTER_STORAGE_KEY } from './CounterPanel';
import { QueueArea } from './QueueArea';

/** The demo office with `username` signed in; renders the queue area for them on `tab`. */
function renderFor(username: string, tab?: 'issue' | 'counter' | 'overview') {
  const backend = createMockBackend({ withDemoOffice: true, signedInAs: username });
  setBackend(backend);
  const session = backend.activeSession();
  if (!session) throw new Error('not signed in');
  if (tab) localStorage.setItem('sala.queue.tab', tab);
  render(<QueueArea permissions={session.permissions} />);
  return backend;
}

function calls(backend: MockBackend, cmd: string) {
  return backend.calls.filter((c) => c.cmd === cmd).map((c) => c.args);
}

function key(code: string, keyName: string, target: Element | Document = document.body) {
  fireEvent.keyDown(target, { key: keyName, code });
}

async function issue(backend: MockBackend, service: string, priority: Ticket['priority'] = 'normal'): Promise<Ticket> {
  const result = await backend.invoke<IssueResult>('queue_issue', {
    input: { service, priority, name: null, phone: null, bookedFor: null },
  });
  return result.ticket;
}

describe('queue area', () => {
  it('shows the tabs in Thai; the overview only for those who supervise', async () => {
    renderFor('clerk');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('คิว');
    await screen.findByTestId('issue-service-GENERAL');
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['ออกบัตรคิว', 'ช่องบริการ']);
  });

  it('gives supervisors the overview tab, and switches to English', async () => {
    setLang('en');
    renderFor('palad');
    await waitFor(() =>
      expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual([
        'Issue tickets',
        'My counter',
        'Overview',
      ]),
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Queue');
  });
});

describe('issuing tickets', () => {
  it('issues with one key press: Q–T choose the class, the digit the service', async () => {
    const backend = renderFor('clerk');
    const second = await screen.findByTestId('issue-service-ELDERLY');
    expect(second.textContent).toContain('2');
    expect(second.textContent).toContain('E');
    key('KeyE', 'e');
    expect(screen.getByTestId('issue-priority-disabled').getAttribute('aria-pressed')).toBe('true');
    key('Digit2', '/'); // the Thai layout types "/" on this key: the physical key is what counts
    await screen.findByTestId('issued-ticket');
    expect(calls(backend, 'queue_issue')).toEqual([
      { input: { service: 'ELDERLY', priority: 'disabled', name: null, phone: null, bookedFor: null } },
    ]);
    expect(screen.getByTestId('issued-number').textContent).toBe('E001');
    expect(screen.getByTestId('issued-ahead').textContent).toBe('0 คิว');
    expect(within(screen.getByTestId('issued-documents')).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.getByTestId('issued-print').dataset.status).toBe('sent');
    // The next citizen starts from the usual class.
    expect(screen.getByTestId('issue-priority-normal').getAttribute('aria-pressed')).toBe('true');
  });

  it('ignores the keys while someone types a name, and sends the name with a click', async () => {
    const backend = renderFor('clerk');
    await screen.findByTestId('issue-service-GENERAL');
    const name = screen.getByTestId('issue-name');
    name.focus();
    key('Digit1', '1', name);
    key('KeyW', 'w', name);
    expect(calls(backend, 'queue_issue')).toEqual([]);
    expect(screen.getByTestId('issue-priority-normal').getAttribute('aria-pressed')).toBe('true');
    fireEvent.input(name, { target: { value: 'นายบุญมี ศรีสุข' } });
    fireEvent.click(screen.getByTestId('issue-service-GENERAL'));
    await screen.findByTestId('issued-ticket');
    expect(calls(backend, 'queue_issue')[0]).toMatchObject({ input: { service: 'GENERAL', name: 'นายบุญมี ศรีสุข' } });
  });

  it('ignores the keys while the screen is locked (the area stays mounted, hidden)', async () => {
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'clerk' });
    setBackend(backend);
    render(
      <div hidden>
        <QueueArea permissions={backend.activeSession()?.permissions ?? []} />
      </div>,
    );
    await screen.findByTestId('issue-service-GENERAL');
    key('Digit1', '1');
    expect(calls(backend, 'queue_issue')).toEqual([]);
  });

  it('keeps the ticket when its slip does not print, and offers to print it again', async () => {
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'palad' });
    await backend.invoke('set_print_route', {
      route: { kind: 'queue_slip', destination: null, paper: '80mm', cut: true, openDrawer: false },
    });
    setBackend(backend);
    render(<QueueArea permissions={backend.activeSession()?.permissions ?? []} />);
    await screen.findByTestId('issue-service-LANDTAX');
    key('Digit3', '3');
    await screen.findByTestId('issued-ticket');
    expect(screen.getByTestId('issued-number').textContent).toBe('T001');
    expect(screen.getByTestId('issued-print').dataset.status).toBe('failed');
    expect(screen.getByTestId('issued-print-reason').textContent).toBe(
      'ยังไม่ได้เลือกเครื่องพิมพ์สำหรับบัตรคิว (ตั้งค่า → เครื่องพิมพ์)',
    );
    fireEvent.click(screen.getByTestId('issued-reprint'));
    await waitFor(() => expect(calls(backend, 'reprint_job')).toHaveLength(1));
  });

  it('asks for the slot of a booking before issuing', async () => {
    const backend = renderFor('clerk');
    await screen.findByTestId('issue-service-GENERAL');
    fireEvent.click(screen.getByTestId('issue-booking'));
    key('Digit1', '1');
    expect(screen.getByTestId('issue-slot-error').textContent).toBe('กรุณาเลือกวันและเวลาที่นัด');
    expect(calls(backend, 'queue_issue')).toEqual([]);
    fireEvent.input(screen.getByTestId('issue-slot'), { target: { value: '2030-01-15T10:30' } });
    fireEvent.click(screen.getByTestId('issue-service-GENERAL'));
    await screen.findByTestId('issued-booked');
    expect(calls(backend, 'queue_issue')[0]).toMatchObject({
      input: { bookedFor: new Date('2030-01-15T10:30').toISOString() },
    });
  });
});

describe('the counter', () => {
  it('remembers the counter, and F1 calls the next ticket to it', async () => {
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'clerk' });
    await issue(backend, 'GENERAL');
    await issue(backend, 'LANDTAX');
    setBackend(backend);
    localStorage.setItem('sala.queue.tab', 'counter');
    render(<QueueArea permissions={backend.activeSession()?.permissions ?? []} />);
    fireEvent.change(await screen.findByTestId('counter-select'), { target: { value: '2' } });
    expect(localStorage.getItem(COUNTER_STORAGE_KEY)).toBe('2');
    await screen.findByTestId('waiting-T001');
    key('F1', 'F1');
    await waitFor(() => expect(screen.getByTestId('counter-current-number').textContent).toBe('T001'));
    expect(calls(backend, 'queue_call_next')).toEqual([{ counter: 2 }]);
    expect(screen.getByTestId('counter-done').textContent).toBe('เรียกคิว T001 แล้ว');
    // Nobody else waits for counter 2: core's message is shown.
    key('F5', 'F5');
    await waitFor(() => expect(screen.queryByTestId('counter-current-number')).toBeNull());
    key('F1', 'F1');
    expect((await screen.findByTestId('error-message')).textContent).toContain('ไม่มีคิวรอรับบริการที่ช่องบริการ 2');
  });

  it('ignores the function keys while someone types in a field', async () => {
    localStorage.setItem(COUNTER_STORAGE_KEY, '1');
    const backend = renderFor('clerk', 'counter');
    await screen.findByTestId('counter-current');
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    key('F1', 'F1', field);
    key('F4', 'F4', field);
    expect(calls(backend, 'queue_call_next')).toEqual([]);
    expect(screen.queryByTestId('finish-form')).toBeNull();
    field.remove();
  });

  it('finishes with an outcome chosen in the F4 form', async () => {
    localStorage.setItem(COUNTER_STORAGE_KEY, '1');
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'clerk' });
    await issue(backend, 'ELDERLY', 'elderly');
    setBackend(backend);
    localStorage.setItem('sala.queue.tab', 'counter');
    render(<QueueArea permissions={backend.activeSession()?.permissions ?? []} />);
    await screen.findByTestId('waiting-E001');
    key('F1', 'F1');
    await waitFor(() => expect(screen.getByTestId('counter-current-number').textContent).toBe('E001'));
    key('F3', 'F3');
    await waitFor(() => expect(screen.getByTestId('counter-current-status').textContent).toBe('กำลังให้บริการ'));
    key('F4', 'F4');
    const form = await screen.findByTestId('finish-form');
    fireEvent.click(within(form).getByTestId('finish-outcome-missing_documents'));
    fireEvent.change(within(form).getByTestId('finish-next-service'), { target: { value: 'GENERAL' } });
    fireEvent.click(within(form).getByTestId('finish-confirm'));
    await waitFor(() => expect(calls(backend, 'queue_finish')).toHaveLength(1));
    expect(calls(backend, 'queue_finish')).toEqual([
      { counter: 1, outcome: 'missing_documents', nextService: 'GENERAL' },
    ]);
    await waitFor(() => expect(screen.queryByTestId('finish-form')).toBeNull());
    expect(screen.getByTestId('counter-done').textContent).toBe('คิว E001 เสร็จสิ้น และต่อคิวติดต่อสอบถามทั่วไปแล้ว');
    // The same number now waits at the next service.
    await screen.findByTestId('waiting-E001');
  });

  it('transfers the ticket to another counter with F7', async () => {
    localStorage.setItem(COUNTER_STORAGE_KEY, '1');
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'clerk' });
    await issue(backend, 'GENERAL');
    setBackend(backend);
    localStorage.setItem('sala.queue.tab', 'counter');
    render(<QueueArea permissions={backend.activeSession()?.permissions ?? []} />);
    await screen.findByTestId('waiting-A001');
    key('F1', 'F1');
    await screen.findByTestId('counter-current-number');
    key('F7', 'F7');
    const form = await screen.findByTestId('transfer-form');
    fireEvent.click(within(form).getByTestId('transfer-kind-counter'));
    fireEvent.change(within(form).getByTestId('transfer-counter'), { target: { value: '3' } });
    // Escape would close the form; the keys of the counter are off while it is open.
    key('F1', 'F1');
    fireEvent.click(within(form).getByTestId('transfer-confirm'));
    await waitFor(() => expect(calls(backend, 'queue_transfer')).toEqual([{ counter: 1, to: { counter: 3 } }]));
    expect(calls(backend, 'queue_call_next')).toHaveLength(1);
    await waitFor(() => expect(screen.getByTestId('counter-current-none')).toBeTruthy());
  });

  it('offers F8 (call a number) only when the settings allow it', async () => {
    localStorage.setItem(COUNTER_STORAGE_KEY, '1');
    renderFor('clerk', 'counter');
    await screen.findByTestId('counter-next');
    expect(screen.queryByTestId('counter-callNumber')).toBeNull();
    cleanupAndRender('palad');
    await screen.findByTestId('counter-callNumber');
  });

  it('opens the display board and the customer screen of this counter', async () => {
    localStorage.setItem(COUNTER_STORAGE_KEY, '2');
    const backend = renderFor('clerk', 'counter');
    fireEvent.click(await screen.findByTestId('open-board'));
    fireEvent.click(screen.getByTestId('open-customer'));
    expect(backend.calls.filter((c) => c.cmd.startsWith('open_'))).toEqual([
      { cmd: 'open_board_window', args: { monitor: null } },
      { cmd: 'open_customer_window', args: { counter: 2 } },
    ]);
  });
});

function cleanupAndRender(username: string) {
  cleanup();
  renderFor(username, 'counter');
}

describe('overview (supervisor)', () => {
  it('shows the lines, the counters, left-over tickets and the KPIs', async () => {
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'palad' });
    await issue(backend, 'GENERAL');
    await issue(backend, 'GENERAL', 'monk');
    await backend.invoke('queue_call_next', { counter: 1 });
    await backend.invoke('queue_start', { counter: 1 });
    await backend.invoke('queue_finish', { counter: 1, outcome: 'served', nextService: null });
    setBackend(backend);
    localStorage.setItem('sala.queue.tab', 'overview');
    render(<QueueArea permissions={backend.activeSession()?.permissions ?? []} />);
    const line = await screen.findByTestId('overview-line-GENERAL');
    expect(within(line).getAllByRole('cell')[0]?.textContent).toBe('1');
    expect(screen.getByTestId('overview-counter-1').textContent).toContain('นางสาวพรทิพย์ ปลัดสาธิต');
    const overall = await screen.findByTestId('kpi-overall-all');
    const cells = within(overall)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells.slice(0, 3)).toEqual(['2', '1', '0.0% (0 คิว)']);
    expect(screen.getByTestId('kpi-service-GENERAL').textContent).toContain('ติดต่อสอบถามทั่วไป');
    expect(screen.getByTestId('kpi-clerk')).toBeTruthy();
    expect(screen.getByTestId('kpi-hour')).toBeTruthy();
    // Yesterday's ticket: cancelled after a confirmation.
    fireEvent.click(screen.getByTestId('carried-A099-cancel'));
    fireEvent.click(screen.getByTestId('carried-A099-confirm'));
    await waitFor(() => expect(calls(backend, 'queue_cancel')).toEqual([{ number: 'A099' }]));
    await waitFor(() => expect(screen.queryByTestId('carried-A099')).toBeNull());
  });

  it('exports the day as a CSV file to save', async () => {
    const backend = renderFor('palad', 'overview');
    fireEvent.click(await screen.findByTestId('export-csv'));
    const link = await screen.findByTestId('export-link');
    expect(link.getAttribute('download')).toMatch(/^queue-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(calls(backend, 'queue_export_csv')).toHaveLength(1);
  });
});
