import { describe, expect, it } from 'vitest';

import { formatIsoDate, formatOfficeTimestamp, formatTimestamp, parseIsoDate, toBuddhistYear } from './dates';

describe('Buddhist Era dates', () => {
  it('adds 543 to the year', () => {
    expect(toBuddhistYear(2026)).toBe(2569);
  });

  it.each([
    ['2026-11-24', 'long', '24 พฤศจิกายน 2569'],
    ['2026-11-24', 'short', '24 พ.ย. 69'],
    ['2026-01-01', 'long', '1 มกราคม 2569'],
    ['2026-01-01', 'short', '1 ม.ค. 69'],
    ['2024-02-29', 'long', '29 กุมภาพันธ์ 2567'],
    ['2043-12-31', 'short', '31 ธ.ค. 86'],
    ['2057-04-13', 'short', '13 เม.ย. 00'],
  ] as const)('formats %s (%s) in Thai as %s', (iso, style, expected) => {
    expect(formatIsoDate(iso, 'th', style)).toBe(expected);
  });

  it.each([
    ['2026-11-24', 'long', '24 November 2569 BE'],
    ['2026-05-05', 'short', '5 May 69 BE'],
  ] as const)('formats %s (%s) in English as %s', (iso, style, expected) => {
    expect(formatIsoDate(iso, 'en', style)).toBe(expected);
  });

  it('uses every Thai month name in order', () => {
    const months = Array.from(
      { length: 12 },
      (_, i) => formatIsoDate(`2026-${String(i + 1).padStart(2, '0')}-01`, 'th').split(' ')[1],
    );
    expect(months).toEqual([
      'มกราคม',
      'กุมภาพันธ์',
      'มีนาคม',
      'เมษายน',
      'พฤษภาคม',
      'มิถุนายน',
      'กรกฎาคม',
      'สิงหาคม',
      'กันยายน',
      'ตุลาคม',
      'พฤศจิกายน',
      'ธันวาคม',
    ]);
  });

  it('rejects dates that do not exist, leaving the input visible', () => {
    expect(parseIsoDate('2025-02-29')).toBeNull();
    expect(parseIsoDate('2026-13-01')).toBeNull();
    expect(parseIsoDate('24/11/2569')).toBeNull();
    expect(formatIsoDate('2025-02-29', 'th')).toBe('2025-02-29');
  });
});

describe('timestamps (local time; the test run is in Asia/Bangkok)', () => {
  it('shows a UTC timestamp in Thai with the time', () => {
    expect(formatTimestamp('2026-11-24T02:05:00Z', 'th')).toBe('24 พฤศจิกายน 2569 เวลา 09:05 น.');
  });

  it('handles offsets and fractions, and crosses midnight correctly', () => {
    expect(formatTimestamp('2026-11-24T09:05:30.123+07:00', 'th')).toBe('24 พฤศจิกายน 2569 เวลา 09:05 น.');
    expect(formatTimestamp('2026-12-31T18:30:00Z', 'th', 'short')).toBe('1 ม.ค. 70 เวลา 01:30 น.');
  });

  it('formats in English', () => {
    expect(formatTimestamp('2026-11-24T02:05:00Z', 'en')).toBe('24 November 2569 BE, 09:05');
  });

  it('returns anything that is not RFC 3339 unchanged', () => {
    expect(formatTimestamp('yesterday', 'th')).toBe('yesterday');
    expect(formatTimestamp('2026-11-24', 'th')).toBe('2026-11-24');
  });
});

describe('office timestamps (the wall-clock time the timestamp carries)', () => {
  it('keeps the time of the given offset, whatever this computer’s zone, with seconds', () => {
    expect(formatOfficeTimestamp('2026-11-24T09:15:07+07:00', 'th')).toBe('24 พฤศจิกายน 2569 เวลา 09:15:07 น.');
    expect(formatOfficeTimestamp('2026-12-31T23:59:59.5+07:00', 'th', 'short')).toBe('31 ธ.ค. 69 เวลา 23:59:59 น.');
    expect(formatOfficeTimestamp('2026-11-24T09:15+07:00', 'en')).toBe('24 November 2569 BE, 09:15:00');
  });

  it('returns anything that is not RFC 3339 unchanged', () => {
    expect(formatOfficeTimestamp('2026-11-24', 'th')).toBe('2026-11-24');
    expect(formatOfficeTimestamp('2026-02-30T09:00:00+07:00', 'th')).toBe('2026-02-30T09:00:00+07:00');
  });
});
