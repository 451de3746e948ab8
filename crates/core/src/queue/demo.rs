//! The demo office's queue history: a few past working days replayed through the real operations (issue,
//! fair calling, start, finish, no-shows, a second service, ratings), so the KPIs and the export have
//! something to show. Today is left empty: nobody is waiting when the demo opens.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

use super::ops::{self, Ctx, IssueInput};
use super::{Outcome, Priority};
use crate::db::Writer;
use crate::error::{ErrorCode, Result};
use crate::thai::date::office_offset;

/// How many past working days the demo remembers.
const DAYS: usize = 5;

/// A small deterministic generator (the demo must be the same on every machine).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }
}

fn at(day: NaiveDate, minutes_after_0830: i64) -> DateTime<Utc> {
    let local =
        day.and_hms_opt(8, 30, 0).unwrap_or_default() + Duration::minutes(minutes_after_0830);
    local.and_local_timezone(office_offset()).single().map_or_else(
        || DateTime::<Utc>::from_naive_utc_and_offset(local, Utc),
        |t| t.with_timezone(&Utc),
    )
}

/// Replays the past working days before `now`'s business day. `staff[i]` works counter `i + 1`;
/// `services[i]` are the service codes counter `i + 1` serves (the first is its usual one).
pub(crate) fn history(
    w: &mut Writer<'_>,
    now: DateTime<Utc>,
    staff: &[String],
    services: &[Vec<String>],
) -> Result<()> {
    let today = super::settings::settings(w.conn())?.business_day(now);
    let mut days = Vec::new();
    let mut d = today;
    while days.len() < DAYS {
        d -= Duration::days(1);
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            days.push(d);
        }
    }
    days.reverse();
    let all_services: Vec<&String> = services.iter().flatten().collect();
    for (n, day) in days.into_iter().enumerate() {
        let mut rng = Lcg(0x5a1a_0000 + n as u64);
        let mut arrivals: Vec<(i64, String, Priority)> = (0..14 + rng.next(8))
            .map(|_| {
                let minute = i64::try_from(rng.next(390)).unwrap_or(0);
                let service = all_services
                    [usize::try_from(rng.next(all_services.len() as u64)).unwrap_or(0)]
                .clone();
                let priority = match rng.next(10) {
                    0 | 1 => Priority::Elderly,
                    2 => [Priority::Disabled, Priority::Pregnant, Priority::Monk]
                        [usize::try_from(rng.next(3)).unwrap_or(0)],
                    _ => Priority::Normal,
                };
                (minute, service, priority)
            })
            .collect();
        arrivals.sort_by_key(|a| a.0);
        let mut busy_until: Vec<Option<i64>> = vec![None; staff.len()];
        let mut next_arrival = 0;
        let mut minute = 0;
        while minute <= 480 {
            w.set_now(at(day, minute));
            while next_arrival < arrivals.len() && arrivals[next_arrival].0 <= minute {
                let (_, service, priority) = &arrivals[next_arrival];
                let ctx = Ctx::new(w.conn(), Some(staff[0].clone()), w.now())?;
                ops::issue_in(w, &ctx, &IssueInput::walk_in(service, *priority))?;
                next_arrival += 1;
            }
            for (i, user) in staff.iter().enumerate() {
                let counter = u32::try_from(i + 1).unwrap_or(1);
                let ctx = Ctx::new(w.conn(), Some(user.clone()), w.now())?;
                if let Some(until) = busy_until[i] {
                    if until > minute {
                        continue;
                    }
                    let roll = rng.next(20);
                    let next_service =
                        (roll == 0).then(|| services[(i + 1) % services.len()][0].clone());
                    let outcome =
                        if roll == 1 { Outcome::MissingDocuments } else { Outcome::Served };
                    let id = ops::finish_in(w, &ctx, counter, outcome, next_service.as_deref())?;
                    if rng.next(10) < 6 {
                        let score = u8::try_from(3 + rng.next(3)).unwrap_or(5);
                        ops::rate_in(w, &ctx, &id, score)?;
                    }
                    busy_until[i] = None;
                }
                match ops::call_next_in(w, &ctx, counter) {
                    Ok(_) => {}
                    Err(e) if e.code() == ErrorCode::NotFound => continue,
                    Err(e) => return Err(e),
                }
                if rng.next(25) == 0 {
                    ops::no_show_in(w, &ctx, counter)?;
                    continue;
                }
                w.set_now(
                    at(day, minute)
                        + Duration::seconds(40 + i64::try_from(rng.next(80)).unwrap_or(0)),
                );
                ops::start_in(w, &ctx, counter)?;
                w.set_now(at(day, minute));
                busy_until[i] = Some(minute + 4 + i64::try_from(rng.next(14)).unwrap_or(0));
            }
            minute += 1;
        }
        // Close the day: whoever is still at a counter is finished, whoever still waits went home.
        w.set_now(at(day, 481));
        for (i, user) in staff.iter().enumerate() {
            if busy_until[i].is_some() {
                let ctx = Ctx::new(w.conn(), Some(user.clone()), w.now())?;
                ops::finish_in(w, &ctx, u32::try_from(i + 1).unwrap_or(1), Outcome::Served, None)?;
            }
        }
        let ctx = Ctx::new(w.conn(), None, w.now())?;
        ops::close_day_in(w, &ctx, day)?;
    }
    w.set_now(now);
    Ok(())
}
