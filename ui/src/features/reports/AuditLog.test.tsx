import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';

import { setLang } from '../../i18n';
import { setBackend } from '../../lib/backend';
import { createMockBackend, type MockBackend } from '../../lib/mockBackend';
import { AuditLog } from './AuditLog';

const AT = new Date('2026-11-24T02:15:07Z'); // 09:15:07 in Bangkok

function supervisor(): MockBackend {
  const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'palad', now: () => AT });
  setBackend(backend);
  return backend;
}

function rows(): HTMLElement[] {
  return screen.queryAllByTestId('audit-row');
}

function seqs(): number[] {
  return rows().map((r) => Number(r.dataset.seq));
}

describe('audit log', () => {
  it('says the chain is intact and lists entries newest first, in Thai, with B.E. times', async () => {
    supervisor();
    render(<AuditLog />);
    // The demo office: 1 office, 3 counters, 4 users, 7 citizens, then the supervisor's sign-in.
    expect((await screen.findByTestId('audit-chain')).textContent).toBe(
      'ตรวจสอบแล้ว: บันทึกครบถ้วนถูกต้อง ไม่มีการแก้ไข (16 รายการ)',
    );
    await waitFor(() => expect(rows()).toHaveLength(16));
    expect(seqs()).toEqual(Array.from({ length: 16 }, (_, i) => 16 - i));
    const [newest] = rows();
    if (!newest) throw new Error('no rows');
    expect(within(newest).getByTestId('audit-user').textContent).toBe('นางสาวพรทิพย์ ปลัดสาธิต');
    expect(within(newest).getByTestId('audit-action').textContent).toBe('เข้าสู่ระบบ');
    expect(within(newest).getByTestId('audit-entity').textContent).toBe('ผู้ใช้งาน');
    expect(within(newest).getByTestId('audit-changes').textContent).toBe('method: password');
    expect(newest.querySelector('time')?.textContent).toBe('24 พฤศจิกายน 2569 เวลา 09:15:07 น.');
    const oldest = rows().at(-1);
    expect(oldest && within(oldest).getByTestId('audit-user').textContent).toBe('ระบบ');
    expect(oldest && within(oldest).getByTestId('audit-action').textContent).toBe('เพิ่ม');
    expect(oldest && within(oldest).getByTestId('audit-entity').textContent).toBe('สำนักงาน');
    // Read-only: no control in the table.
    expect(screen.getByRole('table').querySelectorAll('button, input, select, textarea')).toHaveLength(0);
  });

  it('shows before → after for an update', async () => {
    const backend = createMockBackend({ withDemoOffice: true, signedInAs: 'admin', now: () => AT });
    await backend.invoke('set_user_role', { userId: 'user-demo-finance', role: 'supervisor' });
    await backend.invoke('sign_in', { username: 'palad', secret: 'demo1234' });
    setBackend(backend);
    render(<AuditLog />);
    await waitFor(() => expect(rows().length).toBeGreaterThan(2));
    const update = rows().find((r) => r.dataset.action === 'update');
    expect(update && within(update).getByTestId('audit-action').textContent).toBe('แก้ไข');
    expect(update && within(update).getByTestId('audit-user').textContent).toBe('ผู้ดูแลระบบ (ตัวอย่าง)');
    expect(update && within(update).getByTestId('audit-changes').textContent).toBe('role: finance → supervisor');
  });

  it('filters by user, record type and action, with translated choices', async () => {
    const backend = supervisor();
    render(<AuditLog />);
    await waitFor(() => expect(rows()).toHaveLength(16));

    const user = screen.getByTestId<HTMLSelectElement>('audit-filter-user');
    expect([...user.options].map((o) => o.textContent)).toContain('ระบบ');
    fireEvent.change(user, { target: { value: 'system' } });
    await waitFor(() => expect(rows()).toHaveLength(15));
    expect(rows().every((r) => within(r).getByTestId('audit-user').textContent === 'ระบบ')).toBe(true);

    const entity = screen.getByTestId<HTMLSelectElement>('audit-filter-entity');
    expect([...entity.options].map((o) => o.textContent)).toEqual([
      'ทั้งหมด',
      'ผู้ใช้งาน',
      'ข้อมูลประชาชน',
      'ช่องบริการ',
      'สำนักงาน',
    ]);
    fireEvent.change(entity, { target: { value: 'citizen' } });
    await waitFor(() => expect(rows()).toHaveLength(7));

    fireEvent.change(user, { target: { value: '' } });
    fireEvent.change(entity, { target: { value: '' } });
    const action = screen.getByTestId<HTMLSelectElement>('audit-filter-action');
    expect([...action.options].map((o) => o.textContent)).toContain('เข้าสู่ระบบ');
    fireEvent.change(action, { target: { value: 'sign_in' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(backend.calls.filter((c) => c.cmd === 'browse_audit').at(-1)?.args).toEqual({
      filter: { from: null, to: null, actorId: null, entity: null, action: 'sign_in', beforeSeq: null, limit: 50 },
    });

    fireEvent.click(screen.getByTestId('audit-filter-clear'));
    await waitFor(() => expect(rows()).toHaveLength(16));
  });

  it('filters by date, shows the chosen day in B.E., and says when nothing matches', async () => {
    supervisor();
    render(<AuditLog />);
    await waitFor(() => expect(rows()).toHaveLength(16));
    fireEvent.input(screen.getByTestId('audit-filter-from'), { target: { value: '24/11/2569' } });
    fireEvent.input(screen.getByTestId('audit-filter-to'), { target: { value: '24/11/2569' } });
    expect(screen.getByTestId('audit-log').textContent).toContain('24 พฤศจิกายน 2569');
    await waitFor(() => expect(rows()).toHaveLength(16));
    fireEvent.input(screen.getByTestId('audit-filter-from'), { target: { value: '25/11/2569' } });
    expect((await screen.findByTestId('error-message')).textContent).toContain('วันที่เริ่มต้องไม่อยู่หลังวันที่สิ้นสุด');
    fireEvent.input(screen.getByTestId('audit-filter-to'), { target: { value: '30/11/2569' } });
    expect((await screen.findByTestId('audit-empty')).textContent).toBe('ไม่พบรายการที่ตรงกับตัวกรอง');
  });

  it('loads older entries a page at a time', async () => {
    const backend = supervisor();
    for (let i = 0; i < 60; i += 1) {
      await backend.invoke('sign_in', { username: `nobody${String(i)}`, secret: 'whatever1' }).catch(() => undefined);
    }
    render(<AuditLog />);
    await waitFor(() => expect(rows()).toHaveLength(50));
    expect(seqs()[0]).toBe(76);
    expect(seqs().at(-1)).toBe(27);
    fireEvent.click(screen.getByTestId('audit-more'));
    await waitFor(() => expect(rows()).toHaveLength(76));
    expect(seqs()).toEqual(Array.from({ length: 76 }, (_, i) => 76 - i));
    expect(screen.queryByTestId('audit-more')).toBeNull();
    expect(backend.calls.filter((c) => c.cmd === 'browse_audit').at(-1)?.args).toMatchObject({
      filter: { beforeSeq: 27 },
    });
    const failed = rows()[0];
    expect(failed && within(failed).getByTestId('audit-action').textContent).toBe('เข้าสู่ระบบไม่สำเร็จ');
  });

  it('shows a broken chain as a warning with the problem', async () => {
    const backend = supervisor();
    backend.breakAuditChain('บันทึกการตรวจสอบรายการที่ 12 ถูกแก้ไขนอกโปรแกรมศาลา');
    render(<AuditLog />);
    const chain = await screen.findByTestId('audit-chain');
    expect(chain.dataset.intact).toBe('false');
    expect(chain.getAttribute('role')).toBe('alert');
    expect(chain.className).toContain('audit-chain-broken');
    expect(chain.textContent).toContain('รายการที่ 12 ถูกแก้ไขนอกโปรแกรมศาลา');
  });

  it('speaks English', async () => {
    setLang('en');
    supervisor();
    render(<AuditLog />);
    await waitFor(() => expect(rows()).toHaveLength(16));
    const [newest] = rows();
    expect(newest && within(newest).getByTestId('audit-action').textContent).toBe('Sign-in');
    expect(newest?.querySelector('time')?.textContent).toBe('24 November 2569 BE, 09:15:07');
  });
});
