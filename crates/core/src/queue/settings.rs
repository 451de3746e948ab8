//! The queue's rules as settings: fairness, no-show grace, who may pick tickets, the daily reset hour and this
//! PC's number block.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::auth::{Action, Session};
use crate::db::{AuditEvent, Db};
use crate::error::{Error, ErrorCode, Result};
use crate::thai::date::office_offset;

/// The queue's settings. Defaults are the issue's: 45 minutes, streak 2, 5 minutes' grace, no picking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueSettings {
    /// A ticket waiting longer than this many minutes is called before any other (0–480).
    pub max_wait_minutes: u32,
    /// After this many priority calls in a row for a service, a waiting normal ticket goes next (1–20).
    pub priority_streak: u32,
    /// A first no-show returns to the line after this many minutes (0–120).
    pub no_show_grace_minutes: u32,
    /// Whether clerks may call a specific ticket (supervisors always may; always audited).
    pub allow_call_specific: bool,
    /// The hour (0–23, office time) at which numbers start again from 1.
    pub reset_hour: u32,
    /// This PC's block of numbers: the `issuer_block`-th of `issuer_blocks` equal parts of 1–999.
    pub issuer_block: u32,
    /// How many PCs issue tickets (1–9).
    pub issuer_blocks: u32,
    /// How long (minutes) a finished ticket may still be rated on the customer screen (1–30).
    pub rating_minutes: u32,
}

impl Default for QueueSettings {
    fn default() -> QueueSettings {
        QueueSettings {
            max_wait_minutes: 45,
            priority_streak: 2,
            no_show_grace_minutes: 5,
            allow_call_specific: false,
            reset_hour: 0,
            issuer_block: 1,
            issuer_blocks: 1,
            rating_minutes: 3,
        }
    }
}

/// The highest ticket sequence number (three digits on the slip).
pub const MAX_NUMBER: u32 = 999;

impl QueueSettings {
    /// The sequence numbers this PC may issue: its block of 1–999.
    pub fn number_range(&self) -> (u32, u32) {
        let n = self.issuer_blocks.max(1);
        let k = self.issuer_block.clamp(1, n);
        let size = MAX_NUMBER / n;
        let first = (k - 1) * size + 1;
        let last = if k == n { MAX_NUMBER } else { k * size };
        (first, last)
    }

    /// The business day `now` belongs to: the office-time date, counted from the reset hour.
    pub fn business_day(&self, now: DateTime<Utc>) -> NaiveDate {
        (now.with_timezone(&office_offset()) - Duration::hours(i64::from(self.reset_hour)))
            .date_naive()
    }

    /// When `day` starts (UTC): its date at the reset hour, office time.
    pub fn day_start(&self, day: NaiveDate) -> DateTime<Utc> {
        let local = day.and_hms_opt(0, 0, 0).unwrap_or_default()
            + Duration::hours(i64::from(self.reset_hour));
        local.and_local_timezone(office_offset()).single().map_or_else(
            || DateTime::<Utc>::from_naive_utc_and_offset(local, Utc),
            |t| t.with_timezone(&Utc),
        )
    }

    fn check(&self) -> Result<()> {
        let ranges: [(&str, u32, u32, u32); 7] = [
            ("setting.queue.max_wait_minutes", self.max_wait_minutes, 0, 480),
            ("setting.queue.priority_streak", self.priority_streak, 1, 20),
            ("setting.queue.no_show_grace_minutes", self.no_show_grace_minutes, 0, 120),
            ("setting.queue.reset_hour", self.reset_hour, 0, 23),
            ("setting.queue.issuer_blocks", self.issuer_blocks, 1, 9),
            ("setting.queue.issuer_block", self.issuer_block, 1, self.issuer_blocks.max(1)),
            ("setting.queue.rating_minutes", self.rating_minutes, 1, 30),
        ];
        for (label, value, min, max) in ranges {
            if !(min..=max).contains(&value) {
                return Err(Error::validation("error.policy.range")
                    .arg_key("setting", label)
                    .arg("min", min.to_string())
                    .arg("max", max.to_string())
                    .arg("input", value.to_string()));
            }
        }
        Ok(())
    }
}

const KEY: &str = "queue.settings";

/// The queue settings of this database (defaults where unset).
pub fn settings(conn: &Connection) -> Result<QueueSettings> {
    let stored: Option<String> = conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [KEY], |r| r.get(0))
        .optional()?;
    Ok(stored.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default())
}

/// Changes the queue settings (supervisors and administrators; validated; audited as a setting).
pub fn set_settings(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    new: &QueueSettings,
) -> Result<QueueSettings> {
    session.require(Action::ManageQueue)?;
    new.check()?;
    let old = settings(db.conn())?;
    if old == *new {
        return Ok(old);
    }
    let value = serde_json::to_string(new)
        .map_err(|e| Error::new(ErrorCode::Internal, "error.internal").with_source(e))?;
    db.write(&session.actor(), now, |w| {
        w.conn().execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (KEY, &value),
        )?;
        w.event("setting", KEY, AuditEvent::Setting, &json!({ "before": old, "after": new }))
    })?;
    Ok(new.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_split_the_range_without_overlap() {
        for n in 1..=9 {
            let mut next = 1;
            for k in 1..=n {
                let s =
                    QueueSettings { issuer_block: k, issuer_blocks: n, ..QueueSettings::default() };
                let (first, last) = s.number_range();
                assert_eq!(first, next, "block {k}/{n} starts where the previous ended");
                assert!(last >= first);
                next = last + 1;
            }
            assert_eq!(next, MAX_NUMBER + 1, "the blocks of {n} cover 1–999");
        }
    }

    #[test]
    fn the_business_day_turns_at_the_reset_hour() {
        let s = QueueSettings { reset_hour: 4, ..QueueSettings::default() };
        // 2026-11-24 03:30 office time is still the 23rd; 04:00 is the 24th.
        let at = |h, m| {
            chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
                .and_then(|d| d.and_hms_opt(h, m, 0))
                .and_then(|t| t.and_local_timezone(office_offset()).single())
                .map(|t| t.with_timezone(&Utc))
                .expect("valid time")
        };
        assert_eq!(s.business_day(at(3, 30)).to_string(), "2026-11-23");
        assert_eq!(s.business_day(at(4, 0)).to_string(), "2026-11-24");
        assert_eq!(s.day_start(s.business_day(at(9, 0))), at(4, 0));
    }
}
