//! Who "call next" calls: a pure function of the waiting tickets, the recent calls and the clock.
//!
//! Among the tickets a counter may call:
//! - (a) any ticket waiting longer than `max_wait`, oldest first;
//! - else (b) the oldest priority ticket, unless the last `priority_streak` tickets called for *its service*
//!   were all priority and a normal ticket of that service waits: then the oldest normal ticket of that
//!   service;
//! - else (c) the oldest normal ticket.
//!
//! "Oldest" is the earliest `waiting_since` (issue, slot or transfer time), ties broken by insertion order. The property tests in this module check that nobody starves, that the streak bound holds and
//! that the max-wait rule wins.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

/// A waiting ticket the counter may call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The segment's id (UUIDv7: breaks ties in issue order).
    pub id: String,
    /// The service's id.
    pub service: String,
    /// Whether it is a priority ticket.
    pub priority: bool,
    /// Its place in the line.
    pub waiting_since: DateTime<Utc>,
    /// Insertion order on this device (breaks ties within a millisecond before the id does).
    pub arrival: i64,
}

/// The fairness settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// Rule (a)'s bound.
    pub max_wait: Duration,
    /// Rule (b)'s streak.
    pub priority_streak: u32,
}

/// The recent calls per service: whether each was a priority ticket, oldest first.
pub type Recent = HashMap<String, Vec<bool>>;

fn older(a: &Candidate, b: &Candidate) -> bool {
    (a.waiting_since, a.arrival, &a.id) < (b.waiting_since, b.arrival, &b.id)
}

fn oldest<'a>(it: impl Iterator<Item = (usize, &'a Candidate)>) -> Option<usize> {
    it.fold(None::<(usize, &Candidate)>, |best, (i, c)| match best {
        Some((_, b)) if !older(c, b) => best,
        _ => Some((i, c)),
    })
    .map(|(i, _)| i)
}

/// Which candidate (an index into `candidates`) call next takes, or `None` if there is none.
pub fn pick(
    candidates: &[Candidate],
    recent: &Recent,
    now: DateTime<Utc>,
    rules: Rules,
) -> Option<usize> {
    // (a) Anyone past the bound, oldest first.
    if let Some(i) = oldest(
        candidates.iter().enumerate().filter(|(_, c)| now - c.waiting_since > rules.max_wait),
    ) {
        return Some(i);
    }
    // (b) The oldest priority ticket, unless its service has had its streak and a normal ticket waits there.
    if let Some(p) = oldest(candidates.iter().enumerate().filter(|(_, c)| c.priority)) {
        let service = &candidates[p].service;
        let streak = usize::try_from(rules.priority_streak).unwrap_or(usize::MAX);
        let calls = recent.get(service).map(Vec::as_slice).unwrap_or_default();
        let streak_done =
            streak > 0 && calls.len() >= streak && calls[calls.len() - streak..].iter().all(|p| *p);
        if streak_done {
            let normal = oldest(
                candidates.iter().enumerate().filter(|(_, c)| !c.priority && &c.service == service),
            );
            if normal.is_some() {
                return normal;
            }
        }
        return Some(p);
    }
    // (c) The oldest normal ticket.
    oldest(candidates.iter().enumerate())
}

/// The order in which the candidates would be called if nothing else arrived and the clock stood still:
/// indexes into `candidates`. The screens show it as the line, and a ticket's "people ahead" is its place.
pub fn calling_order(
    candidates: &[Candidate],
    recent: &Recent,
    now: DateTime<Utc>,
    rules: Rules,
) -> Vec<usize> {
    let mut left: Vec<usize> = (0..candidates.len()).collect();
    let mut recent = recent.clone();
    let mut order = Vec::with_capacity(candidates.len());
    while !left.is_empty() {
        let pool: Vec<Candidate> = left.iter().map(|&i| candidates[i].clone()).collect();
        let Some(k) = pick(&pool, &recent, now, rules) else { break };
        let chosen = left.remove(k);
        let c = &candidates[chosen];
        recent.entry(c.service.clone()).or_default().push(c.priority);
        order.push(chosen);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 2, 0, 0).single().expect("valid time")
    }

    fn rules() -> Rules {
        Rules { max_wait: Duration::minutes(45), priority_streak: 2 }
    }

    fn cand(n: usize, service: &str, priority: bool, minutes_ago: i64) -> Candidate {
        Candidate {
            id: format!("{n:04}"),
            service: service.to_owned(),
            priority,
            waiting_since: t0() - Duration::minutes(minutes_ago),
            arrival: i64::try_from(n).unwrap_or(0),
        }
    }

    fn ids(c: &[Candidate], order: &[usize]) -> Vec<String> {
        order.iter().map(|&i| c[i].id.clone()).collect()
    }

    #[test]
    fn priority_first_then_a_normal_after_the_streak() {
        // A normal came first, then three priority tickets.
        let c = vec![
            cand(1, "A", false, 10),
            cand(2, "A", true, 9),
            cand(3, "A", true, 8),
            cand(4, "A", true, 7),
        ];
        let order = calling_order(&c, &Recent::new(), t0(), rules());
        assert_eq!(ids(&c, &order), ["0002", "0003", "0001", "0004"]);
    }

    #[test]
    fn the_streak_counts_calls_already_made_today() {
        let c = vec![cand(1, "A", false, 10), cand(2, "A", true, 5)];
        let recent = Recent::from([("A".to_owned(), vec![false, true, true])]);
        assert_eq!(pick(&c, &recent, t0(), rules()), Some(0), "two priority calls just happened");
        let recent = Recent::from([("A".to_owned(), vec![true, false, true])]);
        assert_eq!(pick(&c, &recent, t0(), rules()), Some(1));
    }

    #[test]
    fn the_streak_is_per_service() {
        // Service A had its streak, but the only normal ticket is for B: A's priority ticket still goes first.
        let c = vec![cand(1, "B", false, 10), cand(2, "A", true, 5)];
        let recent = Recent::from([("A".to_owned(), vec![true, true])]);
        assert_eq!(pick(&c, &recent, t0(), rules()), Some(1));
    }

    #[test]
    fn max_wait_beats_priority() {
        let c = vec![cand(1, "A", true, 5), cand(2, "A", false, 46), cand(3, "A", false, 50)];
        assert_eq!(
            pick(&c, &Recent::new(), t0(), rules()),
            Some(2),
            "the oldest over the bound first"
        );
        let c = vec![cand(1, "A", true, 5), cand(2, "A", false, 45)];
        assert_eq!(
            pick(&c, &Recent::new(), t0(), rules()),
            Some(0),
            "exactly 45 minutes is not longer"
        );
    }

    #[test]
    fn ties_go_to_the_earlier_issued() {
        let c = vec![cand(2, "A", false, 5), cand(1, "A", false, 5)];
        assert_eq!(pick(&c, &Recent::new(), t0(), rules()), Some(1));
        assert_eq!(pick(&[], &Recent::new(), t0(), rules()), None);
    }

    fn arb_line() -> impl Strategy<Value = Vec<(u8, bool, u16)>> {
        prop::collection::vec((0u8..3, any::<bool>(), 0u16..120), 0..40)
    }

    fn build(line: &[(u8, bool, u16)]) -> Vec<Candidate> {
        line.iter()
            .enumerate()
            .map(|(n, (s, p, ago))| cand(n, ["A", "B", "C"][usize::from(*s)], *p, i64::from(*ago)))
            .collect()
    }

    proptest! {
        /// Everyone is called exactly once, whatever the mix.
        #[test]
        fn every_ticket_is_called_once(line in arb_line(), streak in 1u32..5, max_wait in 0i64..90) {
            let c = build(&line);
            let rules = Rules { max_wait: Duration::minutes(max_wait), priority_streak: streak };
            let mut order = calling_order(&c, &Recent::new(), t0(), rules);
            order.sort_unstable();
            prop_assert_eq!(order, (0..c.len()).collect::<Vec<_>>());
        }

        /// Within a service, while a normal ticket waits, no more than `streak` priority tickets are called in
        /// a row (ignoring calls forced by max wait).
        #[test]
        fn the_streak_bound_holds(line in arb_line(), streak in 1u32..5) {
            let c = build(&line);
            let rules = Rules { max_wait: Duration::days(1), priority_streak: streak };
            let order = calling_order(&c, &Recent::new(), t0(), rules);
            for service in ["A", "B", "C"] {
                let mut run = 0u32;
                let mut normals_left = c.iter().filter(|x| x.service == service && !x.priority).count();
                for &i in order.iter().filter(|&&i| c[i].service == service) {
                    if c[i].priority {
                        if normals_left > 0 { run += 1; }
                        prop_assert!(run <= streak, "{} priority calls in a row at {}", run, service);
                    } else {
                        run = 0;
                        normals_left -= 1;
                    }
                }
            }
        }

        /// Nobody starves: a ticket arriving into a stream of newer priority tickets is called within a bounded
        /// number of calls — at most `streak` more calls of its service once it is the oldest normal one, and
        /// at once when it passes max wait.
        #[test]
        fn no_ticket_starves(streak in 1u32..4, arrivals in 1usize..60) {
            // One old normal ticket, then an endless stream of priority tickets arriving a minute apart; the
            // counter calls one ticket a minute.
            let rules = Rules { max_wait: Duration::minutes(45), priority_streak: streak };
            let normal = Candidate { id: "0000".into(), service: "A".into(), priority: false, waiting_since: t0(), arrival: 0 };
            let mut waiting = vec![normal];
            let mut recent = Recent::new();
            let mut called_at = None;
            for minute in 0..arrivals.max(60) {
                let now = t0() + Duration::minutes(i64::try_from(minute).unwrap_or(0));
                waiting.push(Candidate {
                    id: format!("p{minute:04}"),
                    service: "A".into(),
                    priority: true,
                    waiting_since: now,
                    arrival: i64::try_from(minute + 1).unwrap_or(0),
                });
                let Some(k) = pick(&waiting, &recent, now, rules) else { break };
                let c = waiting.remove(k);
                recent.entry(c.service.clone()).or_default().push(c.priority);
                if c.id == "0000" { called_at = Some(minute); break; }
            }
            let called_at = called_at.unwrap_or(usize::MAX);
            prop_assert!(called_at <= usize::try_from(streak).unwrap_or(0), "called after {} calls", called_at);
        }

        /// Any ticket past max wait is called before every ticket that is not, oldest first.
        #[test]
        fn max_wait_wins(line in arb_line(), max_wait in 0i64..90) {
            let c = build(&line);
            let rules = Rules { max_wait: Duration::minutes(max_wait), priority_streak: 2 };
            let Some(k) = pick(&c, &Recent::new(), t0(), rules) else { return Ok(()) };
            let over: Vec<&Candidate> = c.iter().filter(|x| t0() - x.waiting_since > rules.max_wait).collect();
            if let Some(oldest_over) = over.iter().min_by_key(|x| (x.waiting_since, x.arrival, x.id.clone())) {
                prop_assert_eq!(&c[k].id, &oldest_over.id);
            }
        }
    }
}
