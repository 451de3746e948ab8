//! Identifiers and timestamps as stored: UUIDv7 ids made from an injected `now`, RFC 3339 UTC text.

use chrono::{DateTime, SecondsFormat, Utc};
use uuid::{Timestamp, Uuid};

/// A new UUIDv7 whose time part is `now`: ids sort by creation time and are unique across offline devices
/// (74 random bits per millisecond).
pub fn new_id(now: DateTime<Utc>) -> String {
    let secs = u64::try_from(now.timestamp()).unwrap_or(0);
    let ts = Timestamp::from_unix(uuid::NoContext, secs, now.timestamp_subsec_nanos());
    Uuid::new_v7(ts).to_string()
}

/// `now` as stored in every `*_at` column: RFC 3339, UTC, milliseconds (`2026-11-24T02:15:00.000Z`).
/// Text in this form sorts chronologically.
pub fn timestamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ids_are_v7_and_time_ordered() {
        let t1 = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).single().expect("valid time");
        let t2 = t1 + chrono::Duration::milliseconds(1);
        let (a, b) = (new_id(t1), new_id(t2));
        assert_eq!(Uuid::parse_str(&a).expect("uuid").get_version_num(), 7);
        assert!(a < b, "a later id must sort after an earlier one: {a} {b}");
        assert_ne!(new_id(t1), new_id(t1), "two ids in the same millisecond differ");
        assert_eq!(timestamp(t1), "2026-11-24T09:00:00.000Z");
    }
}
