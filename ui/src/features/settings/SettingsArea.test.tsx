import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';

import { setLang } from '../../i18n';
import { setBackend } from '../../lib/backend';
import { createMockBackend } from '../../lib/mockBackend';
import { SettingsArea } from './SettingsArea';

function withDemo() {
  const backend = createMockBackend({ withDemoOffice: true });
  setBackend(backend);
  return backend;
}

describe('SettingsArea', () => {
  it('shows the office as the backend has it', async () => {
    withDemo();
    render(<SettingsArea />);
    const office = await screen.findByTestId('settings-office');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('ตั้งค่า');
    expect(within(office).getByTestId('settings-office-name').textContent).toBe('องค์การบริหารส่วนตำบลตัวอย่าง (ข้อมูลจำลอง)');
    expect(within(office).getByTestId('settings-office-code').textContent).toBe('6310101');
    expect(within(office).getByTestId('settings-office-taxid').textContent).toBe('0-9940-00123-45-1');
    expect(within(office).getByTestId('settings-office-logo').textContent).toBe('ไม่มีตราสัญลักษณ์');
  });

  it('lists departments with their services, prefixes, times and documents', async () => {
    withDemo();
    render(<SettingsArea />);
    const departments = await screen.findByTestId('settings-departments');
    expect(within(departments).getByTestId('settings-department-FINANCE').textContent).toContain('กองคลัง');
    const service = within(departments).getByTestId('settings-service-ELDERLY');
    expect(service.textContent).toContain('ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ');
    expect(service.textContent).toContain('E');
    expect(service.textContent).toContain('15 นาที');
    expect(
      within(service)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['บัตรประจำตัวประชาชน', 'ทะเบียนบ้าน', 'สมุดบัญชีเงินฝากธนาคาร']);
  });

  it('lists counters with the services they serve, and users with translated roles', async () => {
    withDemo();
    render(<SettingsArea />);
    const counters = await screen.findByTestId('settings-counters');
    expect(within(counters).getByTestId('settings-counter-2').textContent).toContain('ชำระภาษีที่ดินและสิ่งปลูกสร้าง');
    const users = screen.getByTestId('settings-users');
    expect(within(users).getByTestId('settings-user-malee').textContent).toContain('เจ้าหน้าที่การเงิน');
    expect(within(users).getByTestId('settings-user-admin').textContent).toContain('ผู้ดูแลระบบ');
  });

  it('uses English names and role names in English', async () => {
    setLang('en');
    withDemo();
    render(<SettingsArea />);
    const departments = await screen.findByTestId('settings-departments');
    expect(departments.textContent).toContain('Finance Division');
    expect(screen.getByTestId('settings-user-prasert').textContent).toContain('Supervisor');
  });

  it('has the language switch', async () => {
    withDemo();
    render(<SettingsArea />);
    fireEvent.click(screen.getByTestId('lang-option-en'));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Settings'));
    expect(localStorage.getItem('sala.lang')).toBe('en');
  });

  it('shows a backend error in the alert region and retries', async () => {
    const backend = withDemo();
    backend.failNext('get_office_overview', { code: 'notPermitted', message: 'ไม่มีสิทธิ์ดูข้อมูลนี้' });
    render(<SettingsArea />);
    expect((await screen.findByRole('alert')).textContent).toContain('ไม่มีสิทธิ์ดูข้อมูลนี้');
    fireEvent.click(screen.getByTestId('settings-retry'));
    expect(await screen.findByTestId('settings-users')).toBeTruthy();
  });
});
