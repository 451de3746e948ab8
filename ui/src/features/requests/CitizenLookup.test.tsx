import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';

import { setBackend } from '../../lib/backend';
import { createMockBackend, type MockBackend } from '../../lib/mockBackend';
import { CitizenLookup } from './CitizenLookup';

function as(username: string): MockBackend {
  const backend = createMockBackend({ withDemoOffice: true, signedInAs: username });
  setBackend(backend);
  return backend;
}

function search(value: string) {
  fireEvent.input(screen.getByTestId('citizen-search'), { target: { value } });
}

function names(): string[] {
  return screen.queryAllByTestId('citizen-name').map((n) => n.textContent);
}

describe('citizen lookup', () => {
  it('searches as you type, once typing pauses, and shows IDs and phones masked', async () => {
    const backend = as('clerk');
    render(<CitizenLookup canReveal />);
    search('บ');
    search('บุ');
    search('บุญมี');
    const row = await screen.findByTestId('citizen-result');
    expect(backend.calls.filter((c) => c.cmd === 'search_citizens').map((c) => c.args)).toEqual([{ query: 'บุญมี' }]);
    expect(within(row).getByTestId('citizen-name').textContent).toBe('นายบุญมี ศรีสุข');
    expect(within(row).getByTestId('citizen-id-masked').textContent).toBe('3-3101-xxxxx-xx-3');
    expect(within(row).getByTestId('citizen-phone-masked').textContent).toBe('08x-xxx-5601');
    expect(row.textContent).toContain('12 หมู่ที่ 1 ตำบลบ้านสาธิต');
    expect(within(row).queryByTestId('citizen-full-id')).toBeNull();
    expect(screen.getByTestId('citizen-lookup').textContent).toContain('จะถูกบันทึกไว้');
  });

  it('searches at once on Enter', async () => {
    const backend = as('clerk');
    render(<CitizenLookup canReveal />);
    search('0898765402');
    fireEvent.submit(screen.getByTestId('citizen-search'));
    await waitFor(() => expect(names()).toEqual(['นางสาวกาญจนา ทองดี']));
    expect(backend.calls.filter((c) => c.cmd === 'search_citizens')).toHaveLength(1);
  });

  it('reveals one citizen in full on request, and the look is audited', async () => {
    const backend = as('clerk');
    render(<CitizenLookup canReveal />);
    search('บุญมี');
    const row = await screen.findByTestId('citizen-result');
    fireEvent.click(within(row).getByTestId('citizen-reveal'));
    expect((await within(row).findByTestId('citizen-full-id')).textContent).toBe('3-3101-00815-90-3');
    expect(within(row).getByTestId('citizen-full-phone').textContent).toBe('0812345601');
    expect(within(row).getByTestId('citizen-reveal-note').textContent).toBe('บันทึกการดูข้อมูลแล้ว');
    await waitFor(() => expect(document.activeElement).toBe(within(row).getByTestId('citizen-reveal-note')));
    const revealCall = backend.calls.find((c) => c.cmd === 'reveal_citizen');
    expect(revealCall?.args).toEqual({ citizenId: row.dataset.citizenId });

    await backend.invoke('sign_in', { username: 'palad', secret: 'demo1234' });
    const page = await backend.invoke<{ entries: { action: string; actor: { username: string } | null }[] }>(
      'browse_audit',
      { filter: { action: 'reveal' } },
    );
    expect(page.entries.map((e) => e.actor?.username)).toEqual(['clerk']);
  });

  it('never shows a restricted citizen to a clerk, not even as a count', async () => {
    as('clerk');
    render(<CitizenLookup canReveal />);
    search('กล้าแจ้ง');
    expect((await screen.findByTestId('citizen-empty')).textContent).toBe('ไม่พบประชาชนที่ตรงกับ "กล้าแจ้ง"');
    search('นาย');
    await waitFor(() => expect(names()).toHaveLength(3));
    expect(names()).not.toContain('นายวีระ กล้าแจ้ง');
    expect(screen.queryByTestId('citizen-restricted')).toBeNull();
  });

  it('shows a restricted citizen to the supervisor, marked as such', async () => {
    as('palad');
    render(<CitizenLookup canReveal />);
    search('กล้าแจ้ง');
    const row = await screen.findByTestId('citizen-result');
    expect(within(row).getByTestId('citizen-restricted').textContent).toBe('ข้อมูลปกปิด');
  });

  it('offers no reveal to someone who may not see full data', async () => {
    as('clerk');
    render(<CitizenLookup canReveal={false} />);
    search('บุญมี');
    await screen.findByTestId('citizen-result');
    expect(screen.queryByTestId('citizen-reveal')).toBeNull();
  });

  it('shows a citizen without a phone as such', async () => {
    as('clerk');
    render(<CitizenLookup canReveal />);
    search('ทองใบ');
    const row = await screen.findByTestId('citizen-result');
    expect(within(row).getByTestId('citizen-phone-masked').textContent).toBe('ไม่มีข้อมูล');
  });
});
