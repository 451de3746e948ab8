import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';

import type { Category } from '../../generated/Category';
import type { UserAccount } from '../../generated/UserAccount';
import { setBackend } from '../../lib/backend';
import { createMockBackend, type MockBackend } from '../../lib/mockBackend';
import { SettingsArea } from './SettingsArea';

function renderAs(username: string): MockBackend {
  const backend = createMockBackend({ withDemoOffice: true, signedInAs: username });
  setBackend(backend);
  const session = backend.activeSession();
  if (!session) throw new Error('not signed in');
  render(<SettingsArea session={session} onSession={() => undefined} />);
  return backend;
}

function type(testId: string, value: string, index = 0) {
  const el = screen.getAllByTestId(testId)[index];
  if (!el) throw new Error(testId);
  fireEvent.input(el, { target: { value } });
}

function choose(testId: string, value: string, index = 0) {
  const el = screen.getAllByTestId(testId)[index];
  if (!el) throw new Error(testId);
  fireEvent.change(el, { target: { value } });
}

describe('request categories (supervisor)', () => {
  it('is shown only to those who manage request categories', async () => {
    renderAs('clerk');
    await screen.findByTestId('settings-language');
    expect(screen.queryByTestId('request-categories')).toBeNull();
  });

  it('lists the categories with their questions and saves a new one with a one-choice question', async () => {
    const backend = renderAs('palad');
    expect((await screen.findByTestId('category-questions-street_light')).textContent).toBe('2');
    fireEvent.click(screen.getByTestId('category-add'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('category-code')));
    type('category-code', 'tree_fallen');
    choose('category-kind', 'service');
    type('category-name-th', 'ต้นไม้ล้มขวางถนน');
    type('category-name-en', 'Fallen tree');
    choose('category-division', 'WORKS');
    type('category-days', '3');
    type('category-form-labels', 'ต้นไม้ล้ม\nกิ่งไม้หัก');
    fireEvent.click(screen.getByTestId('question-add'));
    type('question-code', 'size');
    choose('question-type', 'singlevaluelist');
    type('question-th', 'ขนาดต้นไม้');
    type('question-en', 'Tree size');
    fireEvent.click(screen.getByTestId('question-required'));
    type('question-choices', 'small | เล็ก | Small\nbig | ใหญ่ | Big');
    fireEvent.click(screen.getByTestId('category-save'));
    expect((await screen.findByTestId('category-saved')).textContent).toContain('ต้นไม้ล้มขวางถนน');
    expect(screen.queryByTestId('category-editor')).toBeNull();
    const row = screen.getByTestId('category-row-tree_fallen');
    expect(within(row).getByTestId('category-questions-tree_fallen').textContent).toBe('1');
    const saved = (await backend.invoke<Category[]>('request_categories', { includeInactive: true })).find(
      (c) => c.code === 'tree_fallen',
    );
    expect(saved?.departmentCode).toBe('WORKS');
    expect(saved?.expectedDays).toBe(3);
    expect(saved?.formLabels).toEqual(['ต้นไม้ล้ม', 'กิ่งไม้หัก']);
    expect(saved?.attributes).toEqual([
      {
        code: 'size',
        datatype: 'singlevaluelist',
        required: true,
        descriptionTh: 'ขนาดต้นไม้',
        descriptionEn: 'Tree size',
        order: 1,
        values: [
          { key: 'small', nameTh: 'เล็ก', nameEn: 'Small' },
          { key: 'big', nameTh: 'ใหญ่', nameEn: 'Big' },
        ],
      },
    ]);
  });

  it('reorders and removes questions, and shows the refusal of a list question without choices', async () => {
    renderAs('palad');
    fireEvent.click(await screen.findByTestId('category-edit-street_light'));
    await screen.findByTestId('category-editor');
    const codes = () => screen.getAllByTestId<HTMLInputElement>('question-code').map((i) => i.value);
    expect(codes()).toEqual(['problem', 'pole_number']);
    const down = screen.getAllByTestId('question-down')[0];
    if (!down) throw new Error('down');
    fireEvent.click(down);
    expect(codes()).toEqual(['pole_number', 'problem']);
    const remove = screen.getAllByTestId('question-remove')[0];
    if (!remove) throw new Error('remove');
    fireEvent.click(remove);
    expect(codes()).toEqual(['problem']);
    type('question-choices', '', 0);
    fireEvent.click(screen.getByTestId('category-save'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('ต้องมีตัวเลือกอย่างน้อยหนึ่งข้อ');
    expect(screen.getByTestId('category-editor')).toBeTruthy();
  });
});

describe('divisions (administrator)', () => {
  it('routes a user to a division', async () => {
    const backend = renderAs('admin');
    const select = await screen.findByTestId<HTMLSelectElement>('user-division-clerk');
    await waitFor(() => expect(select.querySelectorAll('option').length).toBeGreaterThan(1));
    expect(select.value).toBe('PALAD');
    fireEvent.change(select, { target: { value: 'WORKS' } });
    expect((await screen.findByTestId('users-saved')).textContent).toContain('กองช่าง');
    const accounts = await backend.invoke<UserAccount[]>('list_user_accounts');
    expect(accounts.find((a) => a.username === 'clerk')?.departmentCode).toBe('WORKS');
  });
});
