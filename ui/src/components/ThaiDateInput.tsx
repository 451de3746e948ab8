/**
 * The date field of every form and filter: the clerk types the day the Thai way, `24/11/2569`.
 *
 * WebKitGTK's `<input type="date">` shows `11/24/2026` (US order, Christian Era); this is a plain text input
 * that reads Buddhist Era dates and hands the form an ISO `YYYY-MM-DD`.
 *
 * What it reads (digits may be Thai `๐`–`๙`; separators `/`, `-` or `.`):
 * - `24/11/2569`, `1/2/2569`: day, month, four-digit B.E. year;
 * - `24/11/69`: a two-digit year is B.E. 25xx (2569);
 * - `24/11/2026`: a four-digit year below 2400 is C.E. (the hint says so).
 *
 * The value contract: `value` is ISO or `''`, and `onValue` is called whenever what the text means changes.
 * While the text is incomplete, not a real day (`31/02/2569`) or outside `min`/`max`, it means `''`: the form
 * sees the date as missing rather than keeping an old one the clerk no longer sees. Nothing is emitted while the
 * meaning stays the same (typing `2`, `24`, `24/1` into an empty field emits nothing); a two-digit year is a
 * whole date, so typing `24/11/2569` passes `24/11/25` (2525 B.E.) and emits it, then `''`, then the day meant.
 * A real day that was refused shows its reason under the field at once; an incomplete text shows it once the
 * clerk leaves the field.
 * When the field is left with a good date the text is rewritten as `dd/mm/yyyy` B.E., so `24/11/2026` becomes
 * `24/11/2569`: the clerk sees how it was read. A `value` set from outside (a reset, today's default) is shown
 * the same way.
 *
 * Under the field: the long Thai date (`24 พฤศจิกายน 2569`, test id `<testid>-be`) when the date is good, the
 * reason (`<testid>-invalid`) when it is not; otherwise the typing hint, which pops up while the field has focus
 * (and is always read out: the note is in the input's `aria-describedby`).
 *
 * Keyboard: ArrowUp/ArrowDown move a good date by a day, PageUp/PageDown by a month; `t` or `ว` sets today.
 * With the Thai keyboard layout left on, the number row still types digits (the physical key counts).
 */
import { useEffect, useState } from 'preact/hooks';

import { lang, LANGS, t, translate } from '../i18n';
import { formatIsoDate, parseIsoDate, toBuddhistYear } from '../lib/dates';

type Props = {
  /** The input's id (its label's `for`). */
  id: string;
  'data-testid': string;
  /** ISO `YYYY-MM-DD`, or `''` for no date. */
  value: string;
  /** The ISO date the text now means, or `''`; see the module comment for when it is called. */
  onValue: (iso: string) => void;
  /** The earliest and latest accepted day, ISO. */
  min?: string | undefined;
  max?: string | undefined;
  required?: boolean | undefined;
  disabled?: boolean | undefined;
  /** More descriptions of the field (the component adds its own note under it). */
  'aria-describedby'?: string | undefined;
  /** The form's own verdict (e.g. a required question left empty); the field's own errors add to it. */
  'aria-invalid'?: boolean | undefined;
  /** Extra `data-*` attributes for the input (e.g. `data-question` to find and focus it). */
  data?: Readonly<Record<string, string>> | undefined;
};

/** What a text means. */
export type DateText =
  | { kind: 'empty' }
  /** Not yet (or never) day/month/year. */
  | { kind: 'partial' }
  /** Day/month/year, but no such day. */
  | { kind: 'invalid' }
  | { kind: 'date'; iso: string };

const PATTERN = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/;

/** Four-digit years from here on are Buddhist Era; below, Christian Era. */
const FIRST_BE_YEAR = 2400;

/** Reads what a clerk typed: `24/11/2569`, `1.2.69`, `24-11-2026` (C.E.), Thai digits. */
export function parseDateText(text: string): DateText {
  const plain = text.trim().replace(/[\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
  if (plain === '') return { kind: 'empty' };
  const m = PATTERN.exec(plain);
  if (!m) return { kind: 'partial' };
  const [day, month, yearText] = [Number(m[1]), Number(m[2]), m[3] ?? ''];
  const year = Number(yearText);
  const ce = yearText.length === 2 ? 2500 + year - 543 : year >= FIRST_BE_YEAR ? year - 543 : year;
  const iso = `${String(ce).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  return ce >= 1000 && parseIsoDate(iso) ? { kind: 'date', iso } : { kind: 'invalid' };
}

/** An ISO date as the field shows it: `2026-11-24` → `24/11/2569`; anything else unchanged. */
export function dateText(iso: string): string {
  const d = parseIsoDate(iso);
  return d ? `${pad2(d.day)}/${pad2(d.month)}/${toBuddhistYear(d.year)}` : iso;
}

/** The day `days` after `iso` (before, if negative). */
export function addDays(iso: string, days: number): string {
  const d = parseIsoDate(iso);
  if (!d) return iso;
  return utcIso(new Date(Date.UTC(d.year, d.month - 1, d.day + days)));
}

/** The same day `months` later (earlier, if negative); the 31st becomes the month's last day. */
export function addMonths(iso: string, months: number): string {
  const d = parseIsoDate(iso);
  if (!d) return iso;
  const first = new Date(Date.UTC(d.year, d.month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d.day, last));
  return utcIso(first);
}

/** A Thai date field; see the module comment. */
export function ThaiDateInput(props: Props) {
  const { value, onValue, min, max } = props;
  const [text, setText] = useState(() => dateText(value));
  const [left, setLeft] = useState(false);

  /** The ISO date a text means within `min`/`max`, or `''`. */
  const meaning = (s: string): string => {
    const r = parseDateText(s);
    return r.kind === 'date' && inRange(r.iso, min, max) ? r.iso : '';
  };

  // A value set from outside (a reset, a default) replaces the text; our own emissions already match it.
  useEffect(() => {
    if (value !== meaning(text)) setText(dateText(value));
  }, [value]);

  const change = (next: string) => {
    setText(next);
    setLeft(false);
    const iso = meaning(next);
    if (iso !== value) onValue(iso);
  };

  const read = parseDateText(text);
  const problem = problemOf(read, left, min, max);
  const noteId = `${props.id}-note`;
  const testId = props['data-testid'];
  const describedBy = [props['aria-describedby'], noteId].filter(Boolean).join(' ');

  const onKeyDown = (e: KeyboardEvent & { currentTarget: HTMLInputElement }) => {
    if (e.ctrlKey || e.altKey || e.metaKey || props.disabled) return;
    const step = STEPS[e.key];
    if (step) {
      if (read.kind !== 'date') return;
      e.preventDefault();
      const next = step(read.iso);
      if (inRange(next, min, max)) change(dateText(next));
      return;
    }
    if (e.code === 'KeyT' || LANGS.some((l) => translate(l, 'date_input.today_key') === e.key.toLowerCase())) {
      e.preventDefault();
      const today = localToday();
      if (inRange(today, min, max)) change(dateText(today));
      return;
    }
    // The Thai layout's number row types `ๅ / - ภ ถ …`: the clerk meant the digits printed on the keys.
    // (A printable key only: with NumLock off the keypad's 7 is Home.)
    const meant = e.shiftKey || e.key.length !== 1 ? undefined : physicalChar(e.code);
    if (meant !== undefined && e.key !== meant) {
      e.preventDefault();
      const box = e.currentTarget;
      const start = box.selectionStart ?? box.value.length;
      const end = box.selectionEnd ?? start;
      box.value = box.value.slice(0, start) + meant + box.value.slice(end);
      box.setSelectionRange(start + 1, start + 1);
      change(box.value);
    }
  };

  return (
    <div class="date-input">
      <input
        {...dataAttributes(props.data)}
        id={props.id}
        data-testid={testId}
        class="text-input"
        type="text"
        autoComplete="off"
        spellcheck={false}
        placeholder={t('date_input.placeholder')}
        value={text}
        required={props.required}
        disabled={props.disabled}
        aria-invalid={problem !== null || props['aria-invalid'] ? true : undefined}
        aria-describedby={describedBy}
        aria-keyshortcuts="ArrowUp ArrowDown PageUp PageDown T"
        onInput={(e) => change(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setLeft(true);
          if (read.kind === 'date' && meaning(text) !== '') setText(dateText(read.iso));
        }}
      />
      {problem !== null ? (
        <p id={noteId} class="field-error" data-testid={`${testId}-invalid`}>
          {problem}
        </p>
      ) : read.kind === 'date' ? (
        <p id={noteId} class="field-hint" data-testid={`${testId}-be`}>
          {formatIsoDate(read.iso, lang.value)}
        </p>
      ) : (
        <p id={noteId} class="field-hint date-input-hint">
          {t('date_input.hint')}
        </p>
      )}
    </div>
  );
}

const STEPS: Readonly<Partial<Record<string, (iso: string) => string>>> = {
  ArrowUp: (iso) => addDays(iso, 1),
  ArrowDown: (iso) => addDays(iso, -1),
  PageUp: (iso) => addMonths(iso, 1),
  PageDown: (iso) => addMonths(iso, -1),
};

/** What is wrong with the text, in the UI's language, or `null`. Incomplete text counts once the field is left. */
function problemOf(read: DateText, left: boolean, min: string | undefined, max: string | undefined): string | null {
  switch (read.kind) {
    case 'empty':
      return null;
    case 'partial':
      return left ? t('date_input.unreadable') : null;
    case 'invalid':
      return t('date_input.not_a_date');
    case 'date':
      if (min && read.iso < min) return t('date_input.before_min', { date: formatIsoDate(min, lang.value) });
      if (max && read.iso > max) return t('date_input.after_max', { date: formatIsoDate(max, lang.value) });
      return null;
  }
}

function inRange(iso: string, min: string | undefined, max: string | undefined): boolean {
  return !(min && iso < min) && !(max && iso > max);
}

/** The character printed on a physical key a date needs (digits and separators), if it is one. */
function physicalChar(code: string): string | undefined {
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code);
  if (digit) return digit[1];
  return { Slash: '/', NumpadDivide: '/', Period: '.', NumpadDecimal: '.', Minus: '-', NumpadSubtract: '-' }[code];
}

function dataAttributes(data: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]));
}

/** Today on this computer's calendar (an office PC runs on Thai time). */
function localToday(): string {
  const now = new Date();
  return `${String(now.getFullYear())}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}

function utcIso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
