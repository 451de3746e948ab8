//! Buddhist-Era dates as Thai offices write them: `24 พฤศจิกายน 2569`, `24 พ.ย. 69`, and the fiscal year.
//!
//! The B.E. year is the Gregorian year plus 543. Dates are always passed in by the caller (this module never
//! reads the clock); month names and the date layouts come from the i18n tables (`msg.month.*`, `msg.date.*`),
//! so English screens get `24 November 2569 BE` from the same code.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::i18n::{Lang, tr};
use crate::{Error, Result};

const LONG_MONTHS: [&str; 12] = [
    "msg.month.long.1",
    "msg.month.long.2",
    "msg.month.long.3",
    "msg.month.long.4",
    "msg.month.long.5",
    "msg.month.long.6",
    "msg.month.long.7",
    "msg.month.long.8",
    "msg.month.long.9",
    "msg.month.long.10",
    "msg.month.long.11",
    "msg.month.long.12",
];
const SHORT_MONTHS: [&str; 12] = [
    "msg.month.short.1",
    "msg.month.short.2",
    "msg.month.short.3",
    "msg.month.short.4",
    "msg.month.short.5",
    "msg.month.short.6",
    "msg.month.short.7",
    "msg.month.short.8",
    "msg.month.short.9",
    "msg.month.short.10",
    "msg.month.short.11",
    "msg.month.short.12",
];

/// The offset from the Gregorian (C.E.) year to the Buddhist-Era (B.E., พ.ศ.) year.
const BE_OFFSET: i32 = 543;

/// Years from here on in an ISO date are almost surely B.E. years typed by mistake (2569 instead of 2026).
const FIRST_SUSPECT_BE_YEAR: i32 = 2400;

/// The office's time zone: Thailand keeps UTC+7 all year (no daylight saving), so a fixed offset is exact.
const OFFICE_OFFSET: chrono::FixedOffset = match chrono::FixedOffset::east_opt(7 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+7 is a valid offset"),
};

/// The office's time zone (UTC+7), used where core turns local dates into stored UTC times (filters,
/// reports).
pub fn office_offset() -> chrono::FixedOffset {
    OFFICE_OFFSET
}

/// A year as a person wrote it, in C.E.: a year above 2400 is B.E. (2569 → 2026), anything else C.E. already.
/// Used where either calendar is accepted (the tax contract's dates, the old online form's answers).
pub fn ce_year(written: i32) -> i32 {
    if written > FIRST_SUSPECT_BE_YEAR { written - BE_OFFSET } else { written }
}

/// The Buddhist-Era year of `d`: 2026-11-24 → 2569.
pub fn be_year(d: NaiveDate) -> i32 {
    d.year() + BE_OFFSET
}

/// The Thai government fiscal year (ปีงบประมาณ) of `d`, in B.E. It starts on 1 October, so 2026-09-30 is in
/// fiscal year 2569 and 2026-10-01 in 2570.
pub fn fiscal_year_be(d: NaiveDate) -> i32 {
    be_year(d) + i32::from(d.month() >= 10)
}

/// The date in full: `24 พฤศจิกายน 2569` in Thai, `24 November 2569 BE` in English.
pub fn long_date(d: NaiveDate, lang: Lang) -> String {
    let month = tr(lang, LONG_MONTHS[d.month0() as usize], &[]);
    let args = [("day", d.day().to_string()), ("month", month), ("year", be_year(d).to_string())];
    tr(lang, "msg.date.long", &args)
}

/// The date in short form with a two-digit B.E. year: `24 พ.ย. 69` in Thai, `24 Nov 69` in English.
pub fn short_date(d: NaiveDate, lang: Lang) -> String {
    let month = tr(lang, SHORT_MONTHS[d.month0() as usize], &[]);
    let year = format!("{:02}", be_year(d).rem_euclid(100));
    tr(lang, "msg.date.short", &[("day", d.day().to_string()), ("month", month), ("year", year)])
}

/// The date in full with the time to the minute: `24 พฤศจิกายน 2569 เวลา 09:05 น.` /
/// `24 November 2569 BE 09:05`.
pub fn long_datetime(dt: NaiveDateTime, lang: Lang) -> String {
    let time = format!("{:02}:{:02}", dt.hour(), dt.minute());
    tr(lang, "msg.datetime.long", &[("date", long_date(dt.date(), lang)), ("time", time)])
}

/// Parses a strict ISO date `YYYY-MM-DD` with a Gregorian (C.E.) year, as used in files, the CLI and the IPC.
///
/// Surrounding whitespace is ignored. Fails with `error.date.empty`, `.format` (not `YYYY-MM-DD`),
/// `.buddhist_year` (a year of 2400 or later, almost surely B.E.), `.month` (not 01–12) or `.day` (no such
/// day in that month, e.g. 2026-02-30; the message says how many days the month has).
pub fn parse_iso_date(input: &str) -> Result<NaiveDate> {
    let input = input.trim();
    let err = |key| Error::validation(key).arg("input", input);
    if input.is_empty() {
        return Err(Error::validation("error.date.empty"));
    }
    let b = input.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter()
            .enumerate()
            .all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    let part = |range: std::ops::Range<usize>| input.get(range).unwrap_or_default();
    let (true, Ok(year), Ok(month), Ok(day)) = (
        shape_ok,
        part(0..4).parse::<i32>(),
        part(5..7).parse::<u32>(),
        part(8..10).parse::<u32>(),
    ) else {
        return Err(err("error.date.format"));
    };
    if year >= FIRST_SUSPECT_BE_YEAR {
        return Err(err("error.date.buddhist_year")
            .arg("year", year.to_string())
            .arg("ce_year", (year - BE_OFFSET).to_string()));
    }
    if !(1..=12).contains(&month) {
        return Err(err("error.date.month").arg("month", month.to_string()));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let days = (28..=31).rev().find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some());
        err("error.date.day")
            .arg("month", month.to_string())
            .arg("year", year.to_string())
            .arg("days", days.unwrap_or(31).to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[track_caller]
    fn check(d: NaiveDate, th_long: &str, en_long: &str, th_short: &str, en_short: &str) {
        assert_eq!(long_date(d, Lang::Th), th_long);
        assert_eq!(long_date(d, Lang::En), en_long);
        assert_eq!(short_date(d, Lang::Th), th_short);
        assert_eq!(short_date(d, Lang::En), en_short);
    }

    #[test]
    fn formats_be_dates() {
        for ((y, m, d), th_long, en_long, th_short, en_short) in [
            ((2026, 11, 24), "24 พฤศจิกายน 2569", "24 November 2569 BE", "24 พ.ย. 69", "24 Nov 69"),
            ((2026, 1, 1), "1 มกราคม 2569", "1 January 2569 BE", "1 ม.ค. 69", "1 Jan 69"),
            ((2024, 2, 29), "29 กุมภาพันธ์ 2567", "29 February 2567 BE", "29 ก.พ. 67", "29 Feb 67"),
            ((2025, 3, 5), "5 มีนาคม 2568", "5 March 2568 BE", "5 มี.ค. 68", "5 Mar 68"),
            ((2025, 4, 13), "13 เมษายน 2568", "13 April 2568 BE", "13 เม.ย. 68", "13 Apr 68"),
            ((2025, 5, 31), "31 พฤษภาคม 2568", "31 May 2568 BE", "31 พ.ค. 68", "31 May 68"),
            ((2025, 6, 9), "9 มิถุนายน 2568", "9 June 2568 BE", "9 มิ.ย. 68", "9 Jun 68"),
            ((2025, 7, 28), "28 กรกฎาคม 2568", "28 July 2568 BE", "28 ก.ค. 68", "28 Jul 68"),
            ((2025, 8, 12), "12 สิงหาคม 2568", "12 August 2568 BE", "12 ส.ค. 68", "12 Aug 68"),
            ((2025, 9, 30), "30 กันยายน 2568", "30 September 2568 BE", "30 ก.ย. 68", "30 Sep 68"),
            ((2025, 10, 1), "1 ตุลาคม 2568", "1 October 2568 BE", "1 ต.ค. 68", "1 Oct 68"),
            ((2025, 12, 31), "31 ธันวาคม 2568", "31 December 2568 BE", "31 ธ.ค. 68", "31 Dec 68"),
            // The two-digit B.E. year keeps its leading zero.
            ((2058, 6, 1), "1 มิถุนายน 2601", "1 June 2601 BE", "1 มิ.ย. 01", "1 Jun 01"),
            ((2057, 6, 1), "1 มิถุนายน 2600", "1 June 2600 BE", "1 มิ.ย. 00", "1 Jun 00"),
        ] {
            check(date(y, m, d), th_long, en_long, th_short, en_short);
        }
    }

    #[test]
    fn formats_date_and_time() {
        let at = |h, min| date(2026, 11, 24).and_hms_opt(h, min, 59).unwrap_or_default();
        for (dt, th, en) in [
            (at(9, 5), "24 พฤศจิกายน 2569 เวลา 09:05 น.", "24 November 2569 BE 09:05"),
            (at(0, 0), "24 พฤศจิกายน 2569 เวลา 00:00 น.", "24 November 2569 BE 00:00"),
            (at(23, 59), "24 พฤศจิกายน 2569 เวลา 23:59 น.", "24 November 2569 BE 23:59"),
        ] {
            assert_eq!(long_datetime(dt, Lang::Th), th);
            assert_eq!(long_datetime(dt, Lang::En), en);
        }
    }

    #[test]
    fn be_and_fiscal_years() {
        for ((y, m, d), be, fiscal) in [
            ((2026, 1, 1), 2569, 2569),
            ((2026, 9, 30), 2569, 2569),
            ((2026, 10, 1), 2569, 2570),
            ((2026, 12, 31), 2569, 2570),
            ((2025, 10, 1), 2568, 2569),
            ((1957, 1, 1), 2500, 2500),
        ] {
            assert_eq!(be_year(date(y, m, d)), be, "{y}-{m}-{d}");
            assert_eq!(fiscal_year_be(date(y, m, d)), fiscal, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn parses_strict_iso_dates() {
        for (input, expected) in [
            ("2026-11-24", date(2026, 11, 24)),
            (" 2024-02-29\n", date(2024, 2, 29)),
            ("2000-02-29", date(2000, 2, 29)),
            ("1999-12-31", date(1999, 12, 31)),
            ("2399-01-01", date(2399, 1, 1)),
        ] {
            assert_eq!(parse_iso_date(input).ok(), Some(expected), "{input:?}");
        }
    }

    #[test]
    fn rejects_bad_dates_with_a_reason() {
        for (input, key, shown) in [
            ("", "error.date.empty", ""),
            ("2026-1-5", "error.date.format", "\"2026-1-5\""),
            ("24/11/2026", "error.date.format", "\"24/11/2026\""),
            ("2026-11-24T09:00", "error.date.format", "\"2026-11-24T09:00\""),
            ("2026/11/24", "error.date.format", ""),
            ("+026-11-24", "error.date.format", ""),
            ("2026-11-2x", "error.date.format", ""),
            ("๒๐๒๖-๑๑-๒๔", "error.date.format", ""),
            ("2569-11-24", "error.date.buddhist_year", "2026"),
            ("2026-13-01", "error.date.month", "month 13"),
            ("2026-00-10", "error.date.month", "month 0"),
            ("2026-02-30", "error.date.day", "1 to 28"),
            ("2024-02-30", "error.date.day", "1 to 29"),
            ("1900-02-29", "error.date.day", "1 to 28"),
            ("2026-04-31", "error.date.day", "1 to 30"),
            ("2026-01-00", "error.date.day", "1 to 31"),
            ("2026-01-32", "error.date.day", "1 to 31"),
        ] {
            match parse_iso_date(input) {
                Ok(d) => panic!("{input:?} parsed as {d}, expected {key}"),
                Err(e) => {
                    assert_eq!(e.key(), key, "{input:?}");
                    let en = e.message(Lang::En);
                    assert!(en.contains(shown) && !en.contains('{'), "{input:?}: {en}");
                    assert!(
                        !e.message(Lang::Th).contains('{'),
                        "{input:?}: {}",
                        e.message(Lang::Th)
                    );
                }
            }
        }
    }
}
