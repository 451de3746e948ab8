import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';

import { setBackend } from '../../lib/backend';
import { createMockBackend, type MockBackend } from '../../lib/mockBackend';
import { RequestsArea } from './RequestsArea';

function as(username: string): MockBackend {
  const backend = createMockBackend({ withDemoOffice: true, signedInAs: username });
  setBackend(backend);
  return backend;
}

/** Renders the area as `username` sees it (their permissions and id from the mock's session). */
function open(username: string): MockBackend {
  const backend = as(username);
  const session = backend.activeSession();
  if (!session) throw new Error('no session');
  render(<RequestsArea permissions={session.permissions} userId={session.user.id} />);
  return backend;
}

/** The demo request number `n`'s tracking code (this year's B.E. digits, this PC's block 01). */
function code(n: number): string {
  const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear() + 543;
  return `R${String(year % 100)}01-${String(n).padStart(5, '0')}`;
}

function type(testId: string, value: string) {
  fireEvent.input(screen.getByTestId(testId), { target: { value } });
}

function choose(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function calls(backend: MockBackend, cmd: string) {
  return backend.calls.filter((c) => c.cmd === cmd);
}

async function streetLightForm() {
  await waitFor(() =>
    expect(screen.getByTestId('intake-category').querySelectorAll('option').length).toBeGreaterThan(1),
  );
  choose('intake-category', 'street_light');
  await screen.findByTestId('intake-questions');
}

async function openTab(id: string) {
  fireEvent.click(screen.getByTestId(`requests-tab-${id}`));
  return screen.findByTestId(`requests-list-${id}`);
}

async function rowCodes(): Promise<string[]> {
  await waitFor(() =>
    expect(
      screen.queryAllByTestId('request-row').length + screen.queryAllByTestId('requests-empty').length,
    ).toBeGreaterThan(0),
  );
  return screen.queryAllByTestId('request-row-code').map((c) => c.textContent);
}

async function openRequest(code: string) {
  await openTab('all');
  await waitFor(() => expect(screen.queryAllByTestId('request-row-code').map((c) => c.textContent)).toContain(code));
  const row = screen.getAllByTestId('request-row').find((r) => r.textContent.includes(code));
  if (!row) throw new Error(code);
  fireEvent.click(row);
  await screen.findByTestId('detail-state');
}

describe('intake', () => {
  it('takes a street-light request, prints the slip and shows the tracking code large with the due date in B.E.', async () => {
    const backend = open('clerk');
    await streetLightForm();
    type('intake-q-pole_number', 'PEA-0999');
    choose('intake-q-problem', 'broken');
    type('intake-name', 'นายบุญมี ศรีสุข');
    type('intake-phone', '0812345601');
    type('intake-description', 'ไฟดับหน้าบ้าน');
    type('intake-address', 'หน้าวัด');
    type('intake-area', 'หมู่ที่ 1');
    expect(screen.getByTestId<HTMLInputElement>('intake-date').value).toMatch(/^\d{2}\/\d{2}\/25\d{2}$/);
    type('intake-date', '20/11/2569');
    expect(screen.getByTestId('intake-date-be').textContent).toBe('20 พฤศจิกายน 2569');
    fireEvent.click(screen.getByTestId('intake-submit'));
    const code = await screen.findByTestId('intake-code');
    expect(code.textContent).toMatch(/^R\d{4}-\d{5}$/);
    expect(screen.getByTestId('intake-due').textContent).toMatch(/25\d\d$/);
    expect(screen.getByTestId('intake-taken-channel').textContent).toBe('ข้อความ SMS');
    expect(screen.getByTestId('intake-print').dataset.status).toBe('sent');
    expect(screen.queryByTestId('intake-restricted-note')).toBeNull();
    const input = calls(backend, 'request_intake')[0]?.args?.input as {
      answers: unknown;
      contactChannel: unknown;
      occurredOn: unknown;
    };
    expect(input.answers).toEqual({ pole_number: 'PEA-0999', problem: 'broken' });
    expect(input.contactChannel).toBeNull();
    expect(input.occurredOn).toBe('2026-11-20');
  });

  it('submits with Ctrl+Enter, and "new request" clears the form with focus on the category', async () => {
    open('clerk');
    await waitFor(() =>
      expect(screen.getByTestId('intake-category').querySelectorAll('option').length).toBeGreaterThan(1),
    );
    choose('intake-category', 'water_supply');
    type('intake-name', 'นางสมศรี มีสุข');
    type('intake-description', 'น้ำไม่ไหลสามวัน');
    type('intake-address', '7/1 หมู่ที่ 3');
    fireEvent.keyDown(screen.getByTestId('intake-address'), { key: 'Enter', ctrlKey: true });
    await screen.findByTestId('intake-code');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('intake-new')));
    fireEvent.click(screen.getByTestId('intake-new'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('intake-category')));
    expect(screen.getByTestId<HTMLSelectElement>('intake-category').value).toBe('');
    expect(screen.getByTestId<HTMLInputElement>('intake-name').value).toBe('');
    expect(screen.getByTestId<HTMLTextAreaElement>('intake-description').value).toBe('');
  });

  it('moves to the next field on Enter and submits from the last one', async () => {
    const backend = open('clerk');
    await waitFor(() =>
      expect(screen.getByTestId('intake-category').querySelectorAll('option').length).toBeGreaterThan(1),
    );
    screen.getByTestId('intake-name').focus();
    fireEvent.keyDown(screen.getByTestId('intake-name'), { key: 'Enter' });
    expect(document.activeElement).toBe(screen.getByTestId('intake-thai-id'));
    expect(calls(backend, 'request_intake')).toHaveLength(0);
    fireEvent.keyDown(screen.getByTestId('intake-channel'), { key: 'Enter' });
    await waitFor(() => expect(calls(backend, 'request_intake')).toHaveLength(1));
  });

  it('renders the category questions by their type and marks the required ones', async () => {
    const backend = as('palad');
    const q = (code: string, datatype: string, required: boolean, order: number, values: string[] = []) => ({
      code,
      datatype,
      required,
      descriptionTh: `คำถาม ${code}`,
      descriptionEn: code,
      order,
      values: values.map((key) => ({ key, nameTh: `ตัวเลือก ${key}`, nameEn: key })),
    });
    await backend.invoke('request_save_category', {
      input: {
        id: null,
        code: 'every_type',
        kind: 'service',
        nameTh: 'ทุกชนิดคำถาม',
        nameEn: 'Every question type',
        departmentCode: 'WORKS',
        expectedDays: 5,
        confidentiality: 'internal',
        attributes: [
          q('short', 'string', true, 1),
          q('count', 'number', false, 2),
          q('when', 'datetime', false, 3),
          q('story', 'text', false, 4),
          q('one', 'singlevaluelist', true, 5, ['a', 'b']),
          q('many', 'multivaluelist', false, 6, ['x', 'y', 'z']),
        ],
        formLabels: [],
        active: true,
        sortOrder: 9,
      },
    });
    const session = backend.activeSession();
    if (!session) throw new Error('no session');
    render(<RequestsArea permissions={session.permissions} userId={session.user.id} />);
    await waitFor(() =>
      expect(screen.getByTestId('intake-category').querySelectorAll('option').length).toBeGreaterThan(1),
    );
    choose('intake-category', 'every_type');
    await screen.findByTestId('intake-questions');
    expect(screen.getByTestId('intake-q-short').getAttribute('type')).toBe('text');
    expect(screen.getByTestId('intake-q-count').getAttribute('inputmode')).toBe('decimal');
    const when = screen.getByTestId<HTMLInputElement>('intake-q-when');
    expect(when.getAttribute('placeholder')).toBe('วว/ดด/ปปปป');
    expect(when.dataset.datatype).toBe('datetime');
    type('intake-q-when', '24/11/69');
    expect(screen.getByTestId('intake-q-when-be').textContent).toBe('24 พฤศจิกายน 2569');
    expect(screen.getByTestId('intake-q-story').tagName).toBe('TEXTAREA');
    expect(screen.getByTestId('intake-q-one').tagName).toBe('SELECT');
    expect(within(screen.getByTestId('intake-q-one')).getByText('ตัวเลือก b')).toBeTruthy();
    expect(screen.getByTestId('intake-q-many').tagName).toBe('FIELDSET');
    expect(screen.getByTestId('intake-q-many-z').getAttribute('type')).toBe('checkbox');
    expect(screen.getByTestId('intake-q-short').hasAttribute('required')).toBe(true);
    expect(screen.getByTestId('intake-q-one').hasAttribute('required')).toBe(true);
    expect(screen.getByTestId('intake-q-count').hasAttribute('required')).toBe(false);
    expect(screen.getByTestId('intake-questions').textContent).toContain('คำถาม short *');
  });

  it('does not submit while a required question is unanswered, and says which', async () => {
    const backend = open('clerk');
    await streetLightForm();
    type('intake-q-pole_number', 'PEA-1');
    fireEvent.click(screen.getByTestId('intake-submit'));
    const alert = await screen.findByTestId('intake-missing');
    expect(alert.textContent).toContain('ปัญหาที่พบ');
    expect(alert.textContent).not.toContain('เลขเสาไฟฟ้า');
    expect(screen.getByTestId('intake-q-problem-error').textContent).toBe('กรุณาตอบคำถามนี้');
    expect(document.activeElement).toBe(screen.getByTestId('intake-q-problem'));
    expect(calls(backend, 'request_intake')).toHaveLength(0);
  });

  it('hides the identity fields for an anonymous complaint, and offers anonymity only for complaints', async () => {
    const backend = open('clerk');
    await screen.findByTestId('intake-category');
    expect(screen.queryByTestId('intake-anonymous')).toBeNull();
    expect(screen.getByTestId('intake-name')).toBeTruthy();
    fireEvent.click(screen.getByTestId('intake-kind-corruption'));
    fireEvent.click(await screen.findByTestId('intake-anonymous'));
    expect(screen.queryByTestId('intake-identity')).toBeNull();
    expect(screen.queryByTestId('intake-name')).toBeNull();
    expect(screen.queryByTestId('intake-thai-id')).toBeNull();
    expect(screen.queryByTestId('intake-find-citizen')).toBeNull();
    expect(screen.getByTestId('intake-anonymous-note')).toBeTruthy();
    choose('intake-category', 'corruption');
    type('intake-description', 'เรียกรับเงิน');
    fireEvent.click(screen.getByTestId('intake-submit'));
    expect((await screen.findByTestId('intake-restricted-note')).textContent).toContain(
      'เรื่องนี้เป็นความลับ จะไม่แสดงในรายการของท่าน',
    );
    const input = calls(backend, 'request_intake')[0]?.args?.input as { anonymous: boolean; contactName: string };
    expect(input.anonymous).toBe(true);
    expect(input.contactName).toBe('');
  });

  it("shows core's Thai error and keeps what was typed", async () => {
    open('clerk');
    await streetLightForm();
    type('intake-q-pole_number', 'PEA-1');
    choose('intake-q-problem', 'flicker');
    type('intake-name', 'นายธนากร ใจงาม');
    type('intake-address', 'ซอย 4');
    fireEvent.click(screen.getByTestId('intake-submit'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('กรุณาเล่ารายละเอียดของเรื่อง');
    expect(screen.getByTestId<HTMLInputElement>('intake-name').value).toBe('นายธนากร ใจงาม');
    expect(screen.queryByTestId('intake-code')).toBeNull();
  });

  it('lists chosen files with their size, and shows core refusing a file that is not a photo or PDF', async () => {
    open('clerk');
    await waitFor(() =>
      expect(screen.getByTestId('intake-category').querySelectorAll('option').length).toBeGreaterThan(1),
    );
    choose('intake-category', 'water_supply');
    type('intake-name', 'นางสมศรี มีสุข');
    type('intake-description', 'น้ำไม่ไหล');
    type('intake-address', 'หมู่ที่ 3');
    const file = new File(['just some text'], 'note.txt', { type: 'text/plain' });
    fireEvent.change(screen.getByTestId('intake-files'), { target: { files: [file] } });
    expect((await screen.findByTestId('intake-file')).textContent).toContain('note.txt');
    expect(screen.getByTestId('intake-file').textContent).toContain('KB');
    fireEvent.click(screen.getByTestId('intake-submit'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('ไม่ใช่รูปภาพ');
  });

  it('links a returning citizen found by the lookup', async () => {
    const backend = open('clerk');
    fireEvent.click(await screen.findByTestId('intake-find-citizen'));
    type('citizen-search', 'บุญมี');
    fireEvent.submit(screen.getByTestId('citizen-search'));
    fireEvent.click(await screen.findByTestId('citizen-pick'));
    expect((await screen.findByTestId('intake-linked')).textContent).toContain('นายบุญมี ศรีสุข');
    expect(screen.getByTestId<HTMLInputElement>('intake-name').value).toBe('นายบุญมี ศรีสุข');
    expect(screen.queryByTestId('citizen-lookup')).toBeNull();
    choose('intake-category', 'water_supply');
    type('intake-description', 'น้ำไม่ไหล');
    type('intake-address', 'หมู่ที่ 1');
    fireEvent.click(screen.getByTestId('intake-submit'));
    await screen.findByTestId('intake-code');
    const input = calls(backend, 'request_intake')[0]?.args?.input as { citizenId: string | null };
    expect(input.citizenId).toBe('citizen-1');
  });
});

describe('lists', () => {
  it('shows counts on the tabs and the overdue request with a visible badge', async () => {
    open('palad');
    expect((await screen.findByTestId('requests-count-all')).textContent).toBe('5');
    expect(screen.getByTestId('requests-count-overdue').textContent).toBe('1');
    expect(screen.getByTestId('requests-count-callbacks').textContent).toBe('1');
    await openTab('overdue');
    await rowCodes();
    const row = screen.getByTestId('request-row');
    expect(row.classList.contains('requests-overdue')).toBe(true);
    expect(within(row).getByTestId('request-row-overdue').textContent).toBe('เกินกำหนด');
  });

  it('filters by state, category and text', async () => {
    open('palad');
    await openTab('all');
    expect(await rowCodes()).toHaveLength(5);
    choose('filter-state', 'done');
    await waitFor(() => expect(screen.getAllByTestId('request-row')).toHaveLength(1));
    expect(screen.getByTestId('request-row-state').textContent).toBe('เสร็จสิ้น');
    choose('filter-state', '');
    choose('filter-category', 'street_light');
    await waitFor(() => expect(screen.getAllByTestId('request-row')[0]?.textContent).toContain('ไฟถนน'));
    expect(screen.getAllByTestId('request-row')).toHaveLength(1);
    choose('filter-category', '');
    type('filter-text', 'โรงงาน');
    await waitFor(() => expect(screen.getAllByTestId('request-row')[0]?.textContent).toContain('เสียงดัง'));
    expect(screen.getAllByTestId('request-row')).toHaveLength(1);
    type('filter-text', 'ไม่มีเรื่องนี้');
    expect(await screen.findByTestId('requests-empty')).toBeTruthy();
  });

  it('moves with the arrow keys and opens a request on Enter', async () => {
    open('palad');
    await openTab('all');
    await rowCodes();
    const [first, second] = screen.getAllByTestId('request-row');
    if (!first || !second) throw new Error('two rows');
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(second);
    fireEvent.keyDown(second, { key: 'Enter' });
    const detail = await screen.findByTestId('request-detail');
    expect(within(detail).getByTestId('detail-code').textContent).toBe(
      within(second).getByTestId('request-row-code').textContent,
    );
    fireEvent.click(screen.getByTestId('detail-back'));
    await waitFor(() => expect(screen.queryByTestId('request-detail')).toBeNull());
  });

  it('never shows the clerk the restricted complaint: not in lists, counts, search or by its code', async () => {
    const backend = open('clerk');
    expect((await screen.findByTestId('requests-count-all')).textContent).toBe('4');
    await openTab('all');
    const codes = await rowCodes();
    expect(codes).toHaveLength(4);
    expect(screen.queryByTestId('request-row-restricted')).toBeNull();
    expect(screen.queryByTestId('requests-tab-escalated')).toBeNull();
    type('filter-text', 'เรียกรับเงิน');
    expect(await screen.findByTestId('requests-empty')).toBeTruthy();
    expect(codes).not.toContain(code(4));
    await expect(backend.invoke('request_get', { id: code(4) })).rejects.toMatchObject({ code: 'notFound' });
  });

  it('shows the supervisor the restricted complaint, marked, and the escalated list', async () => {
    open('palad');
    await openTab('all');
    await rowCodes();
    expect(screen.getAllByTestId('request-row-restricted')).toHaveLength(1);
    await openTab('escalated');
    await waitFor(() => expect(screen.getAllByTestId('request-row')).toHaveLength(1));
    expect(screen.getByTestId('request-row-escalated').textContent).toBe('ส่งถึงหัวหน้า');
  });
});

describe('one request', () => {
  it('offers only the states the workflow allows and moves the request, telling the citizen', async () => {
    open('palad');
    await openRequest(code(1));
    const buttons = screen
      .getAllByRole('button')
      .map((b) => b.dataset.testid)
      .filter((id) => id?.startsWith('state-to-'));
    expect(buttons).toEqual([
      'state-to-checking',
      'state-to-not_our_remit',
      'state-to-duplicate',
      'state-to-cancelled',
    ]);
    expect(screen.getByTestId('detail-answer-problem').textContent).toBe('ไฟดับ/ชำรุด');
    fireEvent.click(screen.getByTestId('state-to-checking'));
    await waitFor(() => expect(screen.getByTestId('detail-state').textContent).toBe('ตรวจสอบ'));
    expect(screen.queryByTestId('state-to-checking')).toBeNull();
    expect(screen.getByTestId('state-to-in_progress')).toBeTruthy();
    const told = screen.getAllByTestId('detail-notification');
    expect(told.at(-1)?.textContent).toContain('แจ้งผู้ร้องแล้ว: ข้อความ SMS');
    expect(told.at(-1)?.textContent).toContain('ตรวจสอบ');
  });

  it("shows core's refusal when a step needs a note for the citizen", async () => {
    open('palad');
    await openRequest(code(1));
    fireEvent.click(screen.getByTestId('state-to-not_our_remit'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('ต้องมีข้อความแจ้งผู้ร้อง');
    expect(screen.getByTestId('detail-state').textContent).toBe('รับเรื่อง');
    type('state-note', 'เป็นงานของการไฟฟ้าส่วนภูมิภาค');
    fireEvent.click(screen.getByTestId('state-to-not_our_remit'));
    await waitFor(() => expect(screen.getByTestId('detail-state').textContent).toBe('ไม่อยู่ในอำนาจ'));
    expect(screen.getByTestId('detail-status-notes').textContent).toBe('เป็นงานของการไฟฟ้าส่วนภูมิภาค');
  });

  it('lets a clerk take a request of their division ("take this one")', async () => {
    open('clerk');
    await openRequest(code(3));
    expect(screen.getByTestId('detail-assignee').textContent).toBe('—');
    fireEvent.click(screen.getByTestId('assign-me'));
    await waitFor(() => expect(screen.getByTestId('detail-assignee').textContent).toBe('นายสมชาย บริการดี'));
    expect(screen.queryByTestId('assign-me')).toBeNull();
    fireEvent.click(screen.getByTestId('detail-back'));
    await waitFor(() => expect(screen.getByTestId('requests-count-mine').textContent).toBe('1'));
  });

  it('keeps internal notes from the citizen and tells them public ones', async () => {
    open('palad');
    await openRequest(code(1));
    const before = screen.queryAllByTestId('detail-notification').length;
    type('note-text', 'ช่างจะออกตรวจพรุ่งนี้');
    fireEvent.click(screen.getByTestId('note-save'));
    await screen.findByTestId('timeline-internal');
    expect(screen.queryAllByTestId('detail-notification')).toHaveLength(before);
    type('note-text', 'จะซ่อมภายในสัปดาห์นี้');
    fireEvent.click(screen.getByTestId('note-public'));
    fireEvent.click(screen.getByTestId('note-save'));
    await screen.findByTestId('timeline-public');
    expect(screen.getAllByTestId('detail-notification')).toHaveLength(before + 1);
    expect(screen.getByTestId('detail-status-notes').textContent).toBe('จะซ่อมภายในสัปดาห์นี้');
    expect(screen.getByTestId<HTMLTextAreaElement>('note-text').value).toBe('');
  });

  it('records the rating of a request closed as done, once', async () => {
    open('palad');
    await openRequest(code(5));
    fireEvent.click(screen.getByTestId('rate-4'));
    expect((await screen.findByTestId('detail-rating')).textContent).toBe('4 จาก 5');
    expect(screen.queryByTestId('rate-1')).toBeNull();
  });
});

describe('call-backs', () => {
  it('lists the citizens to call back and marks one done with its outcome', async () => {
    const backend = open('clerk');
    fireEvent.click(await screen.findByTestId('requests-tab-callbacks'));
    const item = await screen.findByTestId('callback');
    expect(within(item).getByTestId('callback-recipient').textContent).toContain('นางสมศรี มีสุข');
    fireEvent.input(within(item).getByTestId('callback-outcome'), { target: { value: 'แจ้งแล้ว ทางบ้าน' } });
    fireEvent.click(within(item).getByTestId('callback-done'));
    expect(await screen.findByTestId('callbacks-empty')).toBeTruthy();
    expect(calls(backend, 'request_mark_called')[0]?.args).toMatchObject({ outcome: 'แจ้งแล้ว ทางบ้าน' });
    await waitFor(() => expect(screen.getByTestId('requests-count-callbacks').textContent).toBe('0'));
  });
});
