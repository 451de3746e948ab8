//! What the requests test modules share: the demo office on 2026-11-24 (a Tuesday), office times that day.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::db::Db;
use crate::thai::date::office_offset;

/// 2026-11-24 at `h:m` office time.
pub(crate) fn at(h: u32, m: u32) -> DateTime<Utc> {
    office_offset()
        .with_ymd_and_hms(2026, 11, 24, h, m, 0)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .expect("valid time")
}

/// 2026-11-24, the office day of [`at`].
pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

/// The demo office, made at 07:00 that day.
pub(crate) fn demo() -> Db {
    let mut db = Db::open_in_memory(at(7, 0)).expect("db");
    crate::office::create_demo_office(&mut db, at(7, 0)).expect("demo office");
    db
}
