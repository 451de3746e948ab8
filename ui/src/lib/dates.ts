/**
 * Dates as a Thai office writes them: Buddhist Era years (CE + 543) and Thai month names.
 *
 * The month names and the patterns come from the i18n files. We deliberately do not use `Intl`'s
 * `buddhist` calendar or `th-TH` locale data: WebKitGTK builds may ship without it, and a counter slip
 * must not change with the platform.
 *
 * - Thai long:  `24 พฤศจิกายน 2569`, short `24 พ.ย. 69`, with time `24 พฤศจิกายน 2569 เวลา 09:05 น.`
 * - English long: `24 November 2569 BE`, short `24 Nov 69 BE`, with time `24 November 2569 BE, 09:05`
 *
 * Input that does not parse is returned unchanged, so a bad value is visible rather than hidden.
 */
import { translate, type Lang, type MessageKey } from '../i18n';

/** `long` spells the month out and shows four year digits; `short` abbreviates both. */
export type DateStyle = 'long' | 'short';

/** The difference between a Buddhist Era and a Common Era year. */
export const BE_OFFSET = 543;

/** A calendar date (Gregorian month and day, CE year). */
export type CalendarDate = { year: number; month: number; day: number };

/** The Buddhist Era year of a CE year. */
export function toBuddhistYear(ceYear: number): number {
  return ceYear + BE_OFFSET;
}

/** Parses `YYYY-MM-DD` into a real calendar date, or `null`. */
export function parseIsoDate(iso: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Formats a calendar date in language `lang`. */
export function formatCalendarDate(date: CalendarDate, lang: Lang, style: DateStyle = 'long'): string {
  const mm = String(date.month).padStart(2, '0');
  const monthKey = (style === 'long' ? `month.${mm}` : `month_short.${mm}`) as MessageKey;
  const beYear = toBuddhistYear(date.year);
  return translate(lang, style === 'long' ? 'date.long' : 'date.short', {
    day: date.day,
    month: translate(lang, monthKey),
    year: beYear,
    yy: String(beYear % 100).padStart(2, '0'),
  });
}

/** Formats an ISO date (`YYYY-MM-DD`), e.g. `2026-11-24` → `24 พฤศจิกายน 2569`. */
export function formatIsoDate(iso: string, lang: Lang, style: DateStyle = 'long'): string {
  const date = parseIsoDate(iso);
  return date ? formatCalendarDate(date, lang, style) : iso;
}

/**
 * Formats an RFC 3339 timestamp as a local date and time (24-hour clock),
 * e.g. `2026-11-24T02:05:00Z` in Bangkok → `24 พฤศจิกายน 2569 เวลา 09:05 น.`
 */
export function formatTimestamp(timestamp: string, lang: Lang, style: DateStyle = 'long'): string {
  if (!RFC3339.test(timestamp)) return timestamp;
  const at = new Date(timestamp);
  if (Number.isNaN(at.getTime())) return timestamp;
  const date = formatCalendarDate({ year: at.getFullYear(), month: at.getMonth() + 1, day: at.getDate() }, lang, style);
  const time = `${pad2(at.getHours())}:${pad2(at.getMinutes())}`;
  return translate(lang, 'date.with_time', { date, time });
}

/**
 * Formats an RFC 3339 timestamp at the wall-clock time it carries (its own offset, not this computer's
 * zone), with seconds: for times the backend already gives in the office's zone, such as audit entries.
 * `2026-11-24T09:15:07+07:00` → `24 พฤศจิกายน 2569 เวลา 09:15:07 น.`
 */
export function formatOfficeTimestamp(timestamp: string, lang: Lang, style: DateStyle = 'long'): string {
  const m = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(timestamp);
  const date = m?.[1] ? parseIsoDate(m[1]) : null;
  if (!m || !date || !RFC3339.test(timestamp)) return timestamp;
  const time = `${m[2] ?? '00'}:${m[3] ?? '00'}:${m[4] ?? '00'}`;
  return translate(lang, 'date.with_time', { date: formatCalendarDate(date, lang, style), time });
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids DST surprises.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
