//! What the screens read: services and counters, the office's live state (lines in calling order, counters,
//! left-over tickets), the display board (nothing personal) and the customer screen's rating prompt.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, ToSql, params};
use serde::Serialize;
use ts_rs::TS;

use super::ops::{Ctx, line_ids, parse_time};
use super::settings::QueueSettings;
use super::slip::announcement;
use super::{Outcome, Priority, Ticket, TicketStatus};
use crate::auth::{Action, Session};
use crate::error::{Error, ErrorCode, Result};
use crate::ids;
use crate::privacy::mask_phone;

const TICKET_SELECT: &str = "SELECT t.id, t.visit_id, t.previous_id, t.number, t.business_day, s.code, s.name_th, \
     t.priority, t.status, t.name, t.phone, c.number, pc.number, t.issued_at, t.waiting_since, t.ready_at, \
     t.booked_for, t.called_at, t.no_shows, t.outcome, t.rating \
     FROM queue_ticket t JOIN service s ON s.id = t.service_id \
     LEFT JOIN counter c ON c.id = t.counter_id LEFT JOIN counter pc ON pc.id = t.pinned_counter_id \
     WHERE t.deleted_at IS NULL AND ";

/// Loads the tickets matching `filter` (SQL over `t`, the ticket), in line order (`waiting_since`, id).
pub(crate) fn load_tickets(
    conn: &Connection,
    filter: &str,
    params: &[&dyn ToSql],
    today: NaiveDate,
) -> Result<Vec<Ticket>> {
    let sql = format!("{TICKET_SELECT}{filter} ORDER BY t.waiting_since, t.rowid");
    let mut stmt = conn.prepare(&sql)?;
    let today = today.to_string();
    let rows = stmt.query_map(params, |r| {
        let phone: Option<String> = r.get(10)?;
        let outcome: Option<String> = r.get(19)?;
        let day: String = r.get(4)?;
        let status = TicketStatus::from_db(&r.get::<_, String>(8)?);
        Ok(Ticket {
            id: r.get(0)?,
            visit_id: r.get(1)?,
            previous_id: r.get(2)?,
            number: r.get(3)?,
            carried_over: day < today && !status.is_final(),
            business_day: day,
            service: r.get(5)?,
            service_name: r.get(6)?,
            priority: Priority::parse(&r.get::<_, String>(7)?).unwrap_or(Priority::Normal),
            status,
            name: r.get(9)?,
            phone_masked: phone.as_deref().map(mask_phone),
            counter: r.get(11)?,
            pinned_counter: r.get(12)?,
            issued_at: r.get(13)?,
            waiting_since: r.get(14)?,
            ready_at: r.get(15)?,
            booked_for: r.get(16)?,
            called_at: r.get(17)?,
            no_shows: r.get(18)?,
            outcome: outcome.as_deref().and_then(|o| Outcome::parse(o).ok()),
            rating: r.get(20)?,
            ahead: None,
            estimated_wait_minutes: None,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn load_one(conn: &Connection, id: &str, today: NaiveDate) -> Result<Ticket> {
    load_tickets(conn, "t.id = ?1", &[&id], today)?
        .into_iter()
        .next()
        .ok_or_else(|| Error::not_found(id.to_owned()))
}

fn service_pace(conn: &Connection, service_code: &str) -> Result<(u32, u32)> {
    Ok(conn.query_row(
        "SELECT s.expected_minutes, (SELECT count(*) FROM counter_service cs JOIN counter c ON c.id = cs.counter_id \
           WHERE cs.service_id = s.id AND cs.deleted_at IS NULL AND c.deleted_at IS NULL) \
         FROM service s WHERE s.code = ?1 AND s.deleted_at IS NULL",
        [service_code],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Minutes for `ahead` people at `minutes` each, shared by `counters` counters (rounded up).
fn estimate(ahead: u32, minutes: u32, counters: u32) -> u32 {
    (ahead * minutes).div_ceil(counters.max(1))
}

/// Fills in a waiting ticket's people ahead and estimated wait (others are returned as they are).
pub(crate) fn with_estimates(
    conn: &Connection,
    ctx: &Ctx,
    now: DateTime<Utc>,
    mut ticket: Ticket,
) -> Result<Ticket> {
    if ticket.status != TicketStatus::Waiting || ticket.carried_over {
        return Ok(ticket);
    }
    let (minutes, counters) = service_pace(conn, &ticket.service)?;
    let service_id: String =
        conn.query_row("SELECT service_id FROM queue_ticket WHERE id = ?1", [&ticket.id], |r| {
            r.get(0)
        })?;
    let line = line_ids(conn, ctx, &service_id, now)?;
    // Not in line yet (booked for later, or back from a no-show soon): everyone in line now is ahead of it,
    // and it waits at least until it is ready.
    let position = line.iter().position(|id| *id == ticket.id).unwrap_or(line.len());
    let ahead = u32::try_from(position).unwrap_or(u32::MAX);
    let until_ready = (parse_time(&ticket.ready_at)? - now).num_minutes().max(0);
    ticket.ahead = Some(ahead);
    ticket.estimated_wait_minutes = Some(
        estimate(ahead, minutes, counters).max(u32::try_from(until_ready).unwrap_or(u32::MAX)),
    );
    Ok(ticket)
}

/// A service as the issuing screen and `salactl queue services` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceInfo {
    /// `general`, `land_tax`…
    pub code: String,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
    /// Ticket prefix (`A`).
    pub prefix: String,
    /// Expected minutes per citizen.
    pub expected_minutes: u32,
    /// Documents to bring.
    pub documents: Vec<String>,
    /// The department's code.
    pub department_code: String,
    /// The department's Thai name.
    pub department_name: String,
    /// The counters (numbers) that serve it.
    pub counters: Vec<u32>,
    /// Tickets waiting in its line today.
    pub waiting: u32,
}

/// The office's services, by department, with today's waiting counts.
pub fn services(
    conn: &Connection,
    session: &Session,
    now: DateTime<Utc>,
) -> Result<Vec<ServiceInfo>> {
    session.require(Action::ViewOffice)?;
    services_unchecked(conn, now)
}

fn services_unchecked(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<ServiceInfo>> {
    let today = super::settings(conn)?.business_day(now).to_string();
    let mut stmt = conn.prepare(
        "SELECT s.id, s.code, s.name_th, s.name_en, s.ticket_prefix, s.expected_minutes, s.documents_th, d.code, \
         d.name_th, (SELECT count(*) FROM queue_ticket t WHERE t.service_id = s.id AND t.status = 'waiting' \
           AND t.business_day = ?1 AND t.deleted_at IS NULL) \
         FROM service s JOIN department d ON d.id = s.department_id \
         WHERE s.deleted_at IS NULL ORDER BY d.sort_order, s.sort_order, s.code",
    )?;
    let mut counters = conn.prepare(
        "SELECT c.number FROM counter_service cs JOIN counter c ON c.id = cs.counter_id \
         WHERE cs.service_id = ?1 AND cs.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY c.number",
    )?;
    let rows = stmt
        .query_map([&today], |r| {
            Ok((
                r.get::<_, String>(0)?,
                ServiceInfo {
                    code: r.get(1)?,
                    name_th: r.get(2)?,
                    name_en: r.get(3)?,
                    prefix: r.get(4)?,
                    expected_minutes: r.get(5)?,
                    documents: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or_default(),
                    department_code: r.get(7)?,
                    department_name: r.get(8)?,
                    counters: Vec::new(),
                    waiting: r.get(9)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, mut info) in rows {
        info.counters =
            counters.query_map([&id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        out.push(info);
    }
    Ok(out)
}

/// A counter and what it serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CounterInfo {
    /// The number called out.
    pub number: u32,
    /// Name.
    pub name: String,
    /// Where it is.
    pub location: String,
    /// Codes of the services it serves.
    pub services: Vec<String>,
}

/// The office's counters.
pub fn counters(conn: &Connection, session: &Session) -> Result<Vec<CounterInfo>> {
    session.require(Action::ViewOffice)?;
    counters_unchecked(conn)
}

fn counters_unchecked(conn: &Connection) -> Result<Vec<CounterInfo>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.number, c.name, c.location FROM counter c WHERE c.deleted_at IS NULL ORDER BY c.number",
    )?;
    let mut served = conn.prepare(
        "SELECT s.code FROM counter_service cs JOIN service s ON s.id = cs.service_id \
         WHERE cs.counter_id = ?1 AND cs.deleted_at IS NULL AND s.deleted_at IS NULL ORDER BY s.sort_order, s.code",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                CounterInfo {
                    number: r.get(1)?,
                    name: r.get(2)?,
                    location: r.get(3)?,
                    services: Vec::new(),
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, mut info) in rows {
        info.services = served.query_map([&id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        out.push(info);
    }
    Ok(out)
}

/// One service's line now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceLine {
    /// The service's code.
    pub code: String,
    /// Thai name.
    pub name: String,
    /// Ticket prefix.
    pub prefix: String,
    /// Waiting tickets in calling order (as if one counter called this service alone).
    pub waiting: Vec<Ticket>,
    /// Booked for later today, or back from a no-show after the grace period: not callable yet.
    pub later: Vec<Ticket>,
    /// The longest wait in line now, in minutes.
    pub longest_wait_minutes: Option<u32>,
}

/// One counter now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CounterState {
    /// The number.
    pub number: u32,
    /// Name.
    pub name: String,
    /// Where it is.
    pub location: String,
    /// Service codes it serves.
    pub services: Vec<String>,
    /// The ticket called or being served.
    pub current: Option<Ticket>,
    /// Tickets parked here.
    pub held: Vec<Ticket>,
    /// The clerk who called the current ticket.
    pub clerk: Option<String>,
    /// How many tickets it could call now.
    pub waiting: u32,
}

/// The office's queue now: what the counter screens and the supervisor's view show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueState {
    /// Today's business day (`YYYY-MM-DD`).
    pub business_day: String,
    /// Each service's line.
    pub services: Vec<ServiceLine>,
    /// Each counter.
    pub counters: Vec<CounterState>,
    /// Unfinished tickets from earlier days (kept visible; a supervisor closes them).
    pub carried_over: Vec<Ticket>,
    /// The settings in force.
    pub settings: QueueSettings,
    /// Whether this user may call a specific ticket.
    pub can_call_specific: bool,
    /// Whether this user may set up the queue and close tickets.
    pub can_manage: bool,
}

/// The whole queue now.
pub fn state(conn: &Connection, session: &Session, now: DateTime<Utc>) -> Result<QueueState> {
    session.require(Action::UseQueue)?;
    let ctx = Ctx::new(conn, None, now)?;
    let today = ctx.today.to_string();
    let stamp = ids::timestamp(now);
    let mut lines = Vec::new();
    let mut svc = conn.prepare(
        "SELECT s.id, s.code, s.name_th, s.ticket_prefix FROM service s JOIN department d ON d.id = s.department_id \
         WHERE s.deleted_at IS NULL ORDER BY d.sort_order, s.sort_order, s.code",
    )?;
    let services: Vec<(String, String, String, String)> = svc
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, code, name, prefix) in services {
        let order = line_ids(conn, &ctx, &id, now)?;
        let mut tickets = load_tickets(
            conn,
            "t.status = 'waiting' AND t.business_day = ?1 AND t.ready_at <= ?2 AND t.service_id = ?3",
            &[&today, &stamp, &id],
            ctx.today,
        )?;
        let (minutes, counters) = service_pace(conn, &code)?;
        let mut waiting = Vec::with_capacity(order.len());
        for (pos, tid) in order.iter().enumerate() {
            if let Some(k) = tickets.iter().position(|t| &t.id == tid) {
                let mut t = tickets.swap_remove(k);
                let ahead = u32::try_from(pos).unwrap_or(u32::MAX);
                t.ahead = Some(ahead);
                t.estimated_wait_minutes = Some(estimate(ahead, minutes, counters));
                waiting.push(t);
            }
        }
        let longest = waiting
            .iter()
            .filter_map(|t| parse_time(&t.waiting_since).ok())
            .map(|since| u32::try_from((now - since).num_minutes().max(0)).unwrap_or(u32::MAX))
            .max();
        let later = load_tickets(
            conn,
            "t.status = 'waiting' AND t.business_day = ?1 AND t.ready_at > ?2 AND t.service_id = ?3",
            &[&today, &stamp, &id],
            ctx.today,
        )?;
        lines.push(ServiceLine {
            code,
            name,
            prefix,
            waiting,
            later,
            longest_wait_minutes: longest,
        });
    }
    let mut counters = Vec::new();
    for info in counters_unchecked(conn)? {
        let counter_id = super::ops::counter_id(conn, info.number)?;
        let current = load_tickets(
            conn,
            "t.counter_id = ?1 AND t.status IN ('called', 'serving')",
            &[&counter_id],
            ctx.today,
        )?
        .pop();
        let clerk: Option<String> = match &current {
            Some(t) => conn
                .query_row(
                    "SELECT u.display_name FROM queue_ticket t JOIN app_user u ON u.id = t.user_id WHERE t.id = ?1",
                    [&t.id],
                    |r| r.get(0),
                )
                .optional()?,
            None => None,
        };
        let held = load_tickets(
            conn,
            "t.counter_id = ?1 AND t.status = 'held'",
            &[&counter_id],
            ctx.today,
        )?;
        let waiting = u32::try_from(super::ops::candidates(conn, &ctx, &counter_id, now)?.len())
            .unwrap_or(u32::MAX);
        counters.push(CounterState {
            number: info.number,
            name: info.name,
            location: info.location,
            services: info.services,
            current,
            held,
            clerk,
            waiting,
        });
    }
    let carried_over = load_tickets(
        conn,
        "t.business_day < ?1 AND t.status IN ('waiting', 'called', 'serving', 'held')",
        &[&today],
        ctx.today,
    )?;
    Ok(QueueState {
        business_day: today,
        services: lines,
        counters,
        carried_over,
        can_call_specific: ctx.settings.allow_call_specific || session.can(Action::ManageQueue),
        can_manage: session.can(Action::ManageQueue),
        settings: ctx.settings,
    })
}

/// Today's latest segment numbered `number` (or an open one left over from an earlier day).
pub fn find_ticket(
    conn: &Connection,
    session: &Session,
    now: DateTime<Utc>,
    number: &str,
) -> Result<Ticket> {
    session.require(Action::UseQueue)?;
    let ctx = Ctx::new(conn, None, now)?;
    let number = number.trim().to_ascii_uppercase();
    let mut found = load_tickets(
        conn,
        "t.number = ?1 AND (t.business_day = ?2 OR (t.business_day < ?2 AND t.status IN ('waiting', 'called', 'serving', 'held')))",
        &[&number, &ctx.today.to_string()],
        ctx.today,
    )?;
    found.sort_by(|a, b| (&a.business_day, &a.id).cmp(&(&b.business_day, &b.id)));
    let ticket = found.pop().ok_or_else(|| {
        Error::new(ErrorCode::NotFound, "error.queue.no_ticket").arg("number", number)
    })?;
    with_estimates(conn, &ctx, now, ticket)
}

/// A counter on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardCounter {
    /// Its number.
    pub number: u32,
    /// Its name.
    pub name: String,
    /// Where it is.
    pub location: String,
    /// The ticket number it serves now.
    pub serving: Option<String>,
    /// Called or serving.
    pub status: Option<TicketStatus>,
}

/// A call on the board: a new id is a new announcement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardCall {
    /// The event's id.
    pub id: String,
    /// The ticket number.
    pub number: String,
    /// The counter.
    pub counter: u32,
    /// When (RFC 3339 UTC).
    pub at: String,
    /// A repeated call.
    pub recall: bool,
    /// The voice clips to play, in order ([`announcement`]).
    pub voice: Vec<String>,
}

/// A service's waiting count on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardWaiting {
    /// The service's code.
    pub service: String,
    /// Thai name.
    pub name: String,
    /// Ticket prefix.
    pub prefix: String,
    /// Tickets waiting.
    pub count: u32,
}

/// The display board: numbers and counters only, never names or IDs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Board {
    /// The office's name.
    pub office_name: String,
    /// Today's business day.
    pub business_day: String,
    /// Every counter and what it serves now.
    pub counters: Vec<BoardCounter>,
    /// The latest calls, newest first.
    pub calls: Vec<BoardCall>,
    /// Waiting per service (services with nobody waiting included, for a stable layout).
    pub waiting: Vec<BoardWaiting>,
    /// Everyone waiting.
    pub total_waiting: u32,
}

/// How many calls the board lists.
const BOARD_CALLS: u32 = 8;

/// The display board now. Needs no session: it holds nothing personal.
pub fn board(conn: &Connection, now: DateTime<Utc>) -> Result<Board> {
    let ctx = Ctx::new(conn, None, now)?;
    let today = ctx.today.to_string();
    let office_name = crate::office::summary(conn)?.map(|o| o.name).unwrap_or_default();
    let mut counters = Vec::new();
    let mut current = conn.prepare(
        "SELECT t.number, t.status FROM queue_ticket t WHERE t.counter_id = ?1 AND t.status IN ('called', 'serving') \
         AND t.deleted_at IS NULL ORDER BY t.called_at DESC LIMIT 1",
    )?;
    for info in counters_unchecked(conn)? {
        let id = super::ops::counter_id(conn, info.number)?;
        let now_serving: Option<(String, String)> =
            current.query_row([&id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        counters.push(BoardCounter {
            number: info.number,
            name: info.name,
            location: info.location,
            status: now_serving.as_ref().map(|(_, s)| TicketStatus::from_db(s)),
            serving: now_serving.map(|(n, _)| n),
        });
    }
    let mut stmt = conn.prepare(
        "SELECT e.id, t.number, c.number, e.created_at, e.kind FROM queue_event e \
         JOIN queue_ticket t ON t.id = e.ticket_id JOIN counter c ON c.id = e.counter_id \
         WHERE e.kind IN ('called', 'recalled') AND e.business_day = ?1 AND e.deleted_at IS NULL \
         ORDER BY e.created_at DESC, e.rowid DESC LIMIT ?2",
    )?;
    let calls = stmt
        .query_map(params![today, BOARD_CALLS], |r| {
            let number: String = r.get(1)?;
            let counter: u32 = r.get(2)?;
            Ok(BoardCall {
                id: r.get(0)?,
                voice: announcement(&number, counter),
                number,
                counter,
                at: r.get(3)?,
                recall: r.get::<_, String>(4)? == "recalled",
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let waiting: Vec<BoardWaiting> = services_unchecked(conn, now)?
        .into_iter()
        .map(|s| BoardWaiting {
            service: s.code,
            name: s.name_th,
            prefix: s.prefix,
            count: s.waiting,
        })
        .collect();
    let total_waiting = waiting.iter().map(|w| w.count).sum();
    Ok(Board { office_name, business_day: today, counters, calls, waiting, total_waiting })
}

/// What the customer screen of a counter asks the citizen to rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RatingPrompt {
    /// The finished segment.
    pub ticket_id: String,
    /// Its number.
    pub number: String,
    /// The counter.
    pub counter: u32,
    /// The service's Thai name.
    pub service_name: String,
    /// When it finished.
    pub finished_at: String,
}

/// The ticket the customer screen of counter `counter` asks about: the last one finished there within the
/// rating window, not rated yet, while no later ticket has started being served. Nothing personal.
pub fn rating_prompt(
    conn: &Connection,
    now: DateTime<Utc>,
    counter: u32,
) -> Result<Option<RatingPrompt>> {
    let ctx = Ctx::new(conn, None, now)?;
    let counter_id = super::ops::counter_id(conn, counter)?;
    let since = ids::timestamp(now - Duration::minutes(i64::from(ctx.settings.rating_minutes)));
    let last: Option<(String, String, String, String, Option<u8>)> = conn
        .query_row(
            "SELECT t.id, t.number, s.name_th, t.ended_at, t.rating FROM queue_ticket t JOIN service s ON s.id = t.service_id \
             WHERE t.counter_id = ?1 AND t.status = 'done' AND t.ended_at >= ?2 AND t.deleted_at IS NULL \
             ORDER BY t.ended_at DESC LIMIT 1",
            params![counter_id, since],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((ticket_id, number, service_name, finished_at, rating)) = last else {
        return Ok(None);
    };
    if rating.is_some() {
        return Ok(None);
    }
    let serving_since: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM queue_ticket WHERE counter_id = ?1 AND status = 'serving' AND deleted_at IS NULL \
         AND coalesce(started_at, '') > ?2)",
        params![counter_id, finished_at],
        |r| r.get(0),
    )?;
    if serving_since {
        return Ok(None);
    }
    Ok(Some(RatingPrompt { ticket_id, number, counter, service_name, finished_at }))
}
