import { fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { setLang } from '../i18n';
import { addDays, addMonths, dateText, parseDateText, ThaiDateInput } from './ThaiDateInput';

/** A form that keeps the date in its state, as every call site does, and records what the field emitted. */
function Form(props: { initial?: string; min?: string; max?: string; emitted: string[] }) {
  const [value, setValue] = useState(props.initial ?? '');
  return (
    <form>
      <label for="field-day">Day</label>
      <ThaiDateInput
        id="field-day"
        data-testid="day"
        value={value}
        min={props.min}
        max={props.max}
        required
        aria-describedby="outside-hint"
        data={{ question: 'when' }}
        onValue={(iso) => {
          props.emitted.push(iso);
          setValue(iso);
        }}
      />
      <button type="button" data-testid="reset" onClick={() => setValue('')} />
      <button type="button" data-testid="new-year" onClick={() => setValue('2027-01-05')} />
      <output data-testid="value">{value}</output>
    </form>
  );
}

function setUp(props: { initial?: string; min?: string; max?: string } = {}) {
  const emitted: string[] = [];
  render(<Form {...props} emitted={emitted} />);
  return { emitted, box: screen.getByTestId<HTMLInputElement>('day') };
}

function typeText(box: HTMLInputElement, value: string) {
  fireEvent.input(box, { target: { value } });
}

/** The line under the field: the long date, the reason, or the hint. */
function note(): string {
  const box = screen.getByTestId('day');
  const id = box.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '';
  return document.getElementById(id)?.textContent ?? '';
}

afterEach(() => {
  vi.useRealTimers();
});

describe('reading what the clerk typed', () => {
  it.each([
    ['24/11/2569', '2026-11-24'],
    ['1/2/2569', '2026-02-01'],
    ['24-11-2569', '2026-11-24'],
    ['24.11.2569', '2026-11-24'],
    [' 24 / 11 / 2569 ', '2026-11-24'],
    ['24/11/69', '2026-11-24'],
    ['1/1/00', '1957-01-01'],
    ['24/11/2026', '2026-11-24'],
    ['24/11/2399', '2399-11-24'],
    ['24/11/2400', '1857-11-24'],
    ['๒๔/๑๑/๒๕๖๙', '2026-11-24'],
    ['29/02/2567', '2024-02-29'],
  ])('%s is %s', (text, iso) => {
    expect(parseDateText(text)).toEqual({ kind: 'date', iso });
  });

  it.each(['31/02/2569', '29/02/2568', '31/04/2569', '0/11/2569', '24/13/2569', '24/00/2569', '1/1/0999'])(
    '%s is no day',
    (text) => {
      expect(parseDateText(text)).toEqual({ kind: 'invalid' });
    },
  );

  it.each(['2', '24/', '24/11', '24/11/', '24/11/2', '24/11/256', '24/11/25690', 'พรุ่งนี้', '2026-11-24'])(
    '%s is not a date yet',
    (text) => {
      expect(parseDateText(text)).toEqual({ kind: 'partial' });
    },
  );

  it('treats blank text as no date', () => {
    expect(parseDateText('   ')).toEqual({ kind: 'empty' });
  });

  it('writes an ISO date back as dd/mm/yyyy in B.E., and moves by days and months across year ends', () => {
    expect(dateText('2026-02-01')).toBe('01/02/2569');
    expect(dateText('')).toBe('');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });
});

describe('ThaiDateInput', () => {
  it('shows a value from the form in B.E. with the long Thai date under it', () => {
    const { box, emitted } = setUp({ initial: '2026-11-24' });
    expect(box.value).toBe('24/11/2569');
    expect(box.getAttribute('type')).toBe('text');
    expect(box.placeholder).toBe('วว/ดด/ปปปป');
    expect(screen.getByTestId('day-be').textContent).toBe('24 พฤศจิกายน 2569');
    expect(box.getAttribute('aria-describedby')).toBe('outside-hint field-day-note');
    expect(box.required).toBe(true);
    expect(box.dataset.question).toBe('when');
    expect(screen.getByLabelText('Day')).toBe(box);
    expect(emitted).toEqual([]);
  });

  it('says how to type when empty, emits nothing while typing, and the ISO date once the text is a real day', () => {
    const { box, emitted } = setUp();
    expect(note()).toContain('24/11/2569');
    expect(note()).toContain('ค.ศ.');
    for (const partial of ['2', '24', '24/1', '24/11/', '24/11/2', '24/11/256']) typeText(box, partial);
    expect(emitted).toEqual([]);
    expect(box.getAttribute('aria-invalid')).toBeNull();
    typeText(box, '24/11/2569');
    expect(emitted).toEqual(['2026-11-24']);
    expect(screen.getByTestId('value').textContent).toBe('2026-11-24');
    expect(screen.getByTestId('day-be').textContent).toBe('24 พฤศจิกายน 2569');
    expect(box.value).toBe('24/11/2569');
  });

  it('refuses a day that does not exist, in Thai, and the form sees the date as missing', () => {
    const { box, emitted } = setUp({ initial: '2026-02-20' });
    typeText(box, '31/02/2569');
    expect(emitted).toEqual(['']);
    expect(screen.getByTestId('value').textContent).toBe('');
    expect(screen.getByTestId('day-invalid').textContent).toBe('ไม่มีวันนี้ในปฏิทิน: ตรวจวันที่และเดือนอีกครั้ง');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(box.value).toBe('31/02/2569');
    typeText(box, '28/02/2569');
    expect(emitted).toEqual(['', '2026-02-28']);
    expect(screen.queryByTestId('day-invalid')).toBeNull();
    expect(box.getAttribute('aria-invalid')).toBeNull();
  });

  it('says an unfinished date is unreadable only once the clerk leaves the field', () => {
    const { box, emitted } = setUp({ initial: '2026-11-24' });
    typeText(box, '24/11/25');
    typeText(box, '24/11/256');
    expect(emitted).toEqual(['1982-11-24', '']);
    expect(screen.queryByTestId('day-invalid')).toBeNull();
    fireEvent.blur(box);
    expect(screen.getByTestId('day-invalid').textContent).toContain('พิมพ์ วัน/เดือน/ปี พ.ศ. ให้ครบ');
    typeText(box, '24/11/2569');
    expect(screen.queryByTestId('day-invalid')).toBeNull();
  });

  it('reads a C.E. or two-digit year and shows it in B.E. once the field is left', () => {
    const { box, emitted } = setUp();
    typeText(box, '5.1.2027');
    expect(emitted).toEqual(['2027-01-05']);
    expect(screen.getByTestId('day-be').textContent).toBe('5 มกราคม 2570');
    fireEvent.blur(box);
    expect(box.value).toBe('05/01/2570');
    typeText(box, '6-1-70');
    fireEvent.blur(box);
    expect(box.value).toBe('06/01/2570');
    expect(emitted).toEqual(['2027-01-05', '2027-01-06']);
  });

  it('emptied by the clerk emits an empty date; reset or set by the form, it shows the new value', () => {
    const { box, emitted } = setUp({ initial: '2026-11-24' });
    typeText(box, '');
    expect(emitted).toEqual(['']);
    expect(note()).toContain('24/11/2569');
    fireEvent.click(screen.getByTestId('new-year'));
    expect(box.value).toBe('05/01/2570');
    typeText(box, '05/01/257');
    fireEvent.click(screen.getByTestId('reset'));
    expect(box.value).toBe('05/01/257');
    fireEvent.click(screen.getByTestId('new-year'));
    fireEvent.click(screen.getByTestId('reset'));
    expect(box.value).toBe('');
  });

  it('refuses a day after max with the last allowed day in Thai', () => {
    const { box, emitted } = setUp({ max: '2026-11-24' });
    typeText(box, '25/11/2569');
    expect(emitted).toEqual([]);
    expect(screen.getByTestId('day-invalid').textContent).toBe('วันที่นี้ช้าเกินไป: ใส่ได้ไม่เกิน 24 พฤศจิกายน 2569');
    typeText(box, '24/11/2569');
    expect(emitted).toEqual(['2026-11-24']);
  });

  it('refuses a day before min', () => {
    const { box, emitted } = setUp({ min: '2026-11-24' });
    typeText(box, '23/11/2569');
    expect(emitted).toEqual([]);
    expect(screen.getByTestId('day-invalid').textContent).toContain('ใส่ได้ตั้งแต่ 24 พฤศจิกายน 2569 เป็นต้นไป');
  });

  it('moves the day with the arrow keys and the month with Page Up/Down, within max', () => {
    const { box, emitted } = setUp({ initial: '2026-12-31', max: '2027-01-01' });
    fireEvent.keyDown(box, { key: 'ArrowUp', code: 'ArrowUp' });
    expect(box.value).toBe('01/01/2570');
    fireEvent.keyDown(box, { key: 'ArrowUp', code: 'ArrowUp' });
    expect(box.value).toBe('01/01/2570');
    fireEvent.keyDown(box, { key: 'ArrowDown', code: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'PageDown', code: 'PageDown' });
    fireEvent.keyDown(box, { key: 'PageDown', code: 'PageDown' });
    fireEvent.keyDown(box, { key: 'PageDown', code: 'PageDown' });
    expect(box.value).toBe('30/09/2569');
    fireEvent.keyDown(box, { key: 'PageUp', code: 'PageUp' });
    expect(emitted).toEqual(['2027-01-01', '2026-12-31', '2026-11-30', '2026-10-30', '2026-09-30', '2026-10-30']);
    expect(screen.getByTestId('day-be').textContent).toBe('30 ตุลาคม 2569');
  });

  it('leaves an unfinished text alone on the arrow keys', () => {
    const { box, emitted } = setUp();
    typeText(box, '24/11');
    fireEvent.keyDown(box, { key: 'ArrowUp', code: 'ArrowUp' });
    expect(box.value).toBe('24/11');
    expect(emitted).toEqual([]);
  });

  it('sets today with t, or ว on the Thai keyboard', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-24T20:30:00+07:00'));
    const { box, emitted } = setUp({ initial: '2026-01-01' });
    fireEvent.keyDown(box, { key: 't', code: 'KeyT' });
    expect(box.value).toBe('24/11/2569');
    typeText(box, '');
    fireEvent.keyDown(box, { key: 'ว', code: 'Semicolon' });
    expect(box.value).toBe('24/11/2569');
    expect(emitted).toEqual(['2026-11-24', '', '2026-11-24']);
  });

  it('types the digits printed on the keys when the Thai layout is left on', () => {
    const { box, emitted } = setUp();
    const kedmanee: [string, string][] = [
      ['Digit2', '/'],
      ['Digit4', 'ภ'],
      ['Slash', 'ฝ'],
      ['Digit1', 'ๅ'],
      ['Digit1', 'ๅ'],
      ['Period', 'ใ'],
      ['Digit2', '/'],
      ['Digit5', 'ถ'],
      ['Digit6', 'ุ'],
      ['Digit9', 'ต'],
    ];
    for (const [code, key] of kedmanee) fireEvent.keyDown(box, { key, code });
    expect(box.value).toBe('24/11.2569');
    // `24/11.25` on the way is a real day too (a two-digit year: 2525 B.E.).
    expect(emitted).toEqual(['1982-11-24', '', '2026-11-24']);
  });

  it('speaks English in the English UI', () => {
    setLang('en');
    const { box } = setUp({ initial: '2026-11-24' });
    expect(box.placeholder).toBe('dd/mm/yyyy');
    expect(screen.getByTestId('day-be').textContent).toBe('24 November 2569 BE');
    typeText(box, '31/02/2569');
    expect(screen.getByTestId('day-invalid').textContent).toBe('There is no such day: check the day and the month');
  });
});
