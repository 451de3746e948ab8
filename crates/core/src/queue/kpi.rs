//! Service KPIs, computed from the event log only: waiting time (entering the line → first call), service
//! time (start, or the call if never started → finish), no-show rate (final no-shows / tickets called) and
//! satisfaction (1–5), overall and per service, counter, clerk and hour. And the event log as CSV.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Timelike, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;
use serde_json::Value as Json;
use ts_rs::TS;

use super::ops::parse_time;
use crate::auth::{Action, Session};
use crate::error::{Error, Result};
use crate::thai::date::office_offset;

/// One event as the KPIs read it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// The segment.
    pub ticket_id: String,
    /// `issued`, `called`, `finished`…
    pub kind: String,
    /// When.
    pub at: DateTime<Utc>,
    /// The service's code and Thai name.
    pub service: (String, String),
    /// The counter's number and name, if any.
    pub counter: Option<(u32, String)>,
    /// The acting user's username and display name, if any.
    pub user: Option<(String, String)>,
    /// The event's detail (outcome, next_ticket, slot, score, final).
    pub detail: Json,
}

/// The figures of one group (all tickets, a service, a counter, a clerk, an hour).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KpiRow {
    /// Service code, counter number, username or hour (`09`); `all` for the total.
    pub key: String,
    /// What to show: the service's or counter's name, the clerk's name, `09:00`.
    pub label: String,
    /// Tickets that joined a line (a transfer joins a second line).
    pub issued: u32,
    /// Of those, called at least once.
    pub called: u32,
    /// Finished (served, with any outcome).
    pub served: u32,
    /// Ended as no-shows.
    pub no_shows: u32,
    /// `no_shows / called`, one decimal (`12.5`).
    pub no_show_rate_percent: Option<String>,
    /// Average wait to the first call, in seconds.
    pub avg_wait_seconds: Option<u32>,
    /// Longest wait to the first call, in seconds.
    pub max_wait_seconds: Option<u32>,
    /// Average service time, in seconds.
    pub avg_service_seconds: Option<u32>,
    /// How many ratings.
    pub ratings: u32,
    /// The average rating, two decimals (`4.25`).
    pub avg_rating: Option<String>,
}

/// The KPIs of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Kpis {
    /// First business day (`YYYY-MM-DD`).
    pub from: String,
    /// Last business day.
    pub to: String,
    /// Everything.
    pub overall: KpiRow,
    /// Per service (the line the ticket waited in).
    pub by_service: Vec<KpiRow>,
    /// Per counter (the counter that first called it).
    pub by_counter: Vec<KpiRow>,
    /// Per clerk (who first called it).
    pub by_clerk: Vec<KpiRow>,
    /// Per hour of joining the line (office time).
    pub by_hour: Vec<KpiRow>,
}

/// The first call: when, at which counter (number, name), by whom (username, display name).
type FirstCall = (DateTime<Utc>, Option<(u32, String)>, Option<(String, String)>);

/// One segment's life, from its events.
#[derive(Debug, Default, Clone)]
struct Segment {
    service: (String, String),
    joined: Option<DateTime<Utc>>,
    first_call: Option<FirstCall>,
    started: Option<DateTime<Utc>>,
    finished: Option<DateTime<Utc>>,
    no_show: bool,
    rating: Option<u8>,
}

#[derive(Debug, Default)]
struct Acc {
    label: String,
    issued: u32,
    called: u32,
    served: u32,
    no_shows: u32,
    waits: Vec<i64>,
    services: Vec<i64>,
    ratings: Vec<u8>,
}

impl Acc {
    fn add(&mut self, s: &Segment) {
        self.issued += 1;
        if let Some((call, _, _)) = &s.first_call {
            self.called += 1;
            if let Some(joined) = s.joined {
                self.waits.push((*call - joined).num_seconds().max(0));
            }
            if let Some(end) = s.finished {
                let begin = s.started.unwrap_or(*call);
                self.services.push((end - begin).num_seconds().max(0));
            }
        }
        if s.finished.is_some() {
            self.served += 1;
        }
        if s.no_show {
            self.no_shows += 1;
        }
        if let Some(r) = s.rating {
            self.ratings.push(r);
        }
    }

    fn row(self, key: String) -> KpiRow {
        let avg = |v: &[i64]| -> Option<u32> {
            let n = i64::try_from(v.len()).ok().filter(|n| *n > 0)?;
            u32::try_from((v.iter().sum::<i64>() + n / 2) / n).ok()
        };
        let ratio = |num: u64, den: u64, scale: u64| (num * scale * 10 / den + 5) / 10;
        let no_show_rate = (self.called > 0).then(|| {
            let tenths = ratio(u64::from(self.no_shows), u64::from(self.called), 1000);
            format!("{}.{}", tenths / 10, tenths % 10)
        });
        let avg_rating = (!self.ratings.is_empty()).then(|| {
            let sum: u64 = self.ratings.iter().map(|r| u64::from(*r)).sum();
            let hundredths = ratio(sum, self.ratings.len() as u64, 100);
            format!("{}.{:02}", hundredths / 100, hundredths % 100)
        });
        KpiRow {
            key,
            label: self.label,
            issued: self.issued,
            called: self.called,
            served: self.served,
            no_shows: self.no_shows,
            no_show_rate_percent: no_show_rate,
            avg_wait_seconds: avg(&self.waits),
            max_wait_seconds: self.waits.iter().max().and_then(|m| u32::try_from(*m).ok()),
            avg_service_seconds: avg(&self.services),
            ratings: u32::try_from(self.ratings.len()).unwrap_or(u32::MAX),
            avg_rating,
        }
    }
}

fn segments(events: &[EventRow]) -> BTreeMap<String, Segment> {
    let mut segs: BTreeMap<String, Segment> = BTreeMap::new();
    let mut joined_by_link: BTreeMap<String, DateTime<Utc>> = BTreeMap::new();
    for e in events {
        let s = segs.entry(e.ticket_id.clone()).or_default();
        s.service = e.service.clone();
        match e.kind.as_str() {
            "issued" => s.joined = Some(e.at),
            "booked" => {
                s.joined =
                    e.detail.get("slot").and_then(Json::as_str).and_then(|t| parse_time(t).ok());
            }
            "called" if s.first_call.is_none() => {
                s.first_call = Some((e.at, e.counter.clone(), e.user.clone()));
            }
            "started" if s.started.is_none() => s.started = Some(e.at),
            "finished" => s.finished = Some(e.at),
            "no_show" if e.detail.get("final").and_then(Json::as_bool) == Some(true) => {
                s.no_show = true;
            }
            "rated" => {
                s.rating =
                    e.detail.get("score").and_then(Json::as_u64).and_then(|v| u8::try_from(v).ok());
            }
            _ => {}
        }
        if let Some(next) = e.detail.get("next_ticket").and_then(Json::as_str) {
            joined_by_link.insert(next.to_owned(), e.at);
        }
    }
    for (id, at) in joined_by_link {
        if let Some(s) = segs.get_mut(&id) {
            s.joined.get_or_insert(at);
        }
    }
    segs
}

/// The KPIs of `events` (pure: the tests feed it a hand-made day).
pub fn compute(events: &[EventRow], from: NaiveDate, to: NaiveDate) -> Kpis {
    let segs = segments(events);
    let mut overall = Acc { label: String::new(), ..Acc::default() };
    let mut by_service: BTreeMap<String, Acc> = BTreeMap::new();
    let mut by_counter: BTreeMap<u32, Acc> = BTreeMap::new();
    let mut by_clerk: BTreeMap<String, Acc> = BTreeMap::new();
    let mut by_hour: BTreeMap<u32, Acc> = BTreeMap::new();
    for s in segs.values() {
        overall.add(s);
        let acc = by_service.entry(s.service.0.clone()).or_default();
        acc.label.clone_from(&s.service.1);
        acc.add(s);
        if let Some((_, counter, user)) = &s.first_call {
            if let Some((n, name)) = counter {
                let acc = by_counter.entry(*n).or_default();
                acc.label.clone_from(name);
                acc.add(s);
            }
            if let Some((username, display)) = user {
                let acc = by_clerk.entry(username.clone()).or_default();
                acc.label.clone_from(display);
                acc.add(s);
            }
        }
        if let Some(joined) = s.joined {
            let hour = joined.with_timezone(&office_offset()).hour();
            let acc = by_hour.entry(hour).or_default();
            acc.label = format!("{hour:02}:00");
            acc.add(s);
        }
    }
    Kpis {
        from: from.to_string(),
        to: to.to_string(),
        overall: overall.row("all".to_owned()),
        by_service: by_service.into_iter().map(|(k, a)| a.row(k)).collect(),
        by_counter: by_counter.into_iter().map(|(k, a)| a.row(k.to_string())).collect(),
        by_clerk: by_clerk.into_iter().map(|(k, a)| a.row(k)).collect(),
        by_hour: by_hour.into_iter().map(|(k, a)| a.row(format!("{k:02}"))).collect(),
    }
}

const EVENTS_SQL: &str = "SELECT e.ticket_id, e.kind, e.created_at, s.code, s.name_th, c.number, c.name, u.username, \
     u.display_name, e.detail, t.number, e.priority, e.visit_id, e.business_day \
     FROM queue_event e JOIN queue_ticket t ON t.id = e.ticket_id JOIN service s ON s.id = e.service_id \
     LEFT JOIN counter c ON c.id = e.counter_id LEFT JOIN app_user u ON u.id = e.user_id \
     WHERE e.deleted_at IS NULL AND ";

type Raw = (EventRow, String, String, String, String);

fn read_events(conn: &Connection, filter: &str, from: &str, to: &str) -> Result<Vec<Raw>> {
    let sql = format!("{EVENTS_SQL}{filter} ORDER BY e.created_at, e.rowid");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![from, to], |r| {
        let at: String = r.get(2)?;
        let counter: Option<u32> = r.get(5)?;
        let counter_name: Option<String> = r.get(6)?;
        let username: Option<String> = r.get(7)?;
        let display: Option<String> = r.get(8)?;
        let detail: String = r.get(9)?;
        Ok((
            at,
            EventRow {
                ticket_id: r.get(0)?,
                kind: r.get(1)?,
                at: DateTime::<Utc>::MIN_UTC,
                service: (r.get(3)?, r.get(4)?),
                counter: counter.map(|n| (n, counter_name.unwrap_or_default())),
                user: username.map(|u| (u, display.unwrap_or_default())),
                detail: serde_json::from_str(&detail).unwrap_or(Json::Null),
            },
            r.get::<_, String>(10)?,
            r.get::<_, String>(11)?,
            r.get::<_, String>(12)?,
            r.get::<_, String>(13)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (at, mut e, number, priority, visit, day) = row?;
        e.at = parse_time(&at)?;
        out.push((e, number, priority, visit, day));
    }
    Ok(out)
}

fn check_range(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if to < from {
        return Err(Error::validation("error.queue.kpi_range"));
    }
    Ok(())
}

/// The KPIs of the tickets of business days `from`..=`to` (supervisors: the office's reports).
pub fn kpis(conn: &Connection, session: &Session, from: NaiveDate, to: NaiveDate) -> Result<Kpis> {
    session.require(Action::ViewReports)?;
    check_range(from, to)?;
    let events: Vec<EventRow> =
        read_events(conn, "t.business_day BETWEEN ?1 AND ?2", &from.to_string(), &to.to_string())?
            .into_iter()
            .map(|(e, ..)| e)
            .collect();
    Ok(compute(&events, from, to))
}

/// The event log of business day `day` as CSV (UTF-8, a header row, one row per event, office time). No
/// citizen's name or phone: the clerk's username is the only person in it.
pub fn export_csv(conn: &Connection, session: &Session, day: NaiveDate) -> Result<String> {
    if !session.can(Action::UseQueue) {
        session.require(Action::ViewReports)?;
    }
    let d = day.to_string();
    let mut out = String::from(
        "time,business_day,ticket,service,priority,event,counter,user,detail,ticket_id,visit_id\r\n",
    );
    for (e, number, priority, visit, event_day) in
        read_events(conn, "e.business_day BETWEEN ?1 AND ?2", &d, &d)?
    {
        let time = e.at.with_timezone(&office_offset()).format("%Y-%m-%d %H:%M:%S").to_string();
        let detail = if e.detail.as_object().is_some_and(serde_json::Map::is_empty) {
            String::new()
        } else {
            e.detail.to_string()
        };
        let fields = [
            time,
            event_day,
            number,
            e.service.0.clone(),
            priority,
            e.kind.clone(),
            e.counter.as_ref().map(|(n, _)| n.to_string()).unwrap_or_default(),
            e.user.as_ref().map(|(u, _)| u.clone()).unwrap_or_default(),
            detail,
            e.ticket_id.clone(),
            visit,
        ];
        let line: Vec<String> = fields.iter().map(|f| crate::csv::field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    Ok(out)
}
