//! Issuing and working tickets. Each public function checks the session, then does all its work in one
//! transaction through the [`Writer`]: the ticket row, its event and their audit and outbox entries commit
//! together or not at all. The `*_in` functions take the writer so the demo office can replay a made-up day.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::{Value as Json, json};
use ts_rs::TS;

use super::fairness::{self, Candidate, Recent, Rules};
use super::settings::{QueueSettings, settings};
use super::view::{load_one, load_tickets, with_estimates};
use super::{Outcome, Priority, Ticket, TicketStatus};
use crate::auth::{Action, Session};
use crate::db::{Db, Entity, Writer};
use crate::error::{Error, ErrorCode, Result};
use crate::ids;

/// What the issuing screen (or `salactl queue issue`) asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssueInput {
    /// The service's code (`general`, `land_tax`…).
    pub service: String,
    /// The priority class.
    pub priority: Priority,
    /// The citizen's name, if they give it (kept off the board).
    pub name: Option<String>,
    /// A phone number, if they give it.
    pub phone: Option<String>,
    /// A booking's slot: the ticket enters the line at this time. `None` for a walk-in.
    #[ts(type = "string | null")]
    pub booked_for: Option<DateTime<Utc>>,
}

impl IssueInput {
    /// A walk-in with no name or phone.
    pub fn walk_in(service: &str, priority: Priority) -> IssueInput {
        IssueInput {
            service: service.to_owned(),
            priority,
            name: None,
            phone: None,
            booked_for: None,
        }
    }
}

/// Where a transfer sends the citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TransferTo {
    /// Another service's line (by code), callable by any counter serving it.
    Service(String),
    /// A counter (by number): only that counter may call the ticket; the service stays.
    Counter(u32),
}

/// Longest name kept on a ticket.
const NAME_MAX: usize = 100;
/// How far ahead a booking may be made.
const BOOKING_DAYS_MAX: i64 = 60;

/// What every operation needs to know.
pub(crate) struct Ctx {
    pub settings: QueueSettings,
    pub user_id: Option<String>,
    pub today: NaiveDate,
}

impl Ctx {
    pub(crate) fn new(
        conn: &Connection,
        user_id: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<Ctx> {
        let settings = settings(conn)?;
        let today = settings.business_day(now);
        Ok(Ctx { settings, user_id, today })
    }

    fn rules(&self) -> Rules {
        Rules {
            max_wait: Duration::minutes(i64::from(self.settings.max_wait_minutes)),
            priority_streak: self.settings.priority_streak,
        }
    }
}

fn run<T>(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    action: Action,
    f: impl FnOnce(&mut Writer<'_>, &Ctx) -> Result<T>,
) -> Result<T> {
    session.require(action)?;
    let ctx = Ctx::new(db.conn(), Some(session.user().id.clone()), now)?;
    db.write(&session.actor(), now, |w| f(w, &ctx))
}

/// Issues a ticket (or books one for a slot): the next number of the service's prefix in this PC's block,
/// with the people ahead and the estimated wait.
pub fn issue(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    input: &IssueInput,
) -> Result<Ticket> {
    let id = run(db, session, now, Action::UseQueue, |w, ctx| issue_in(w, ctx, input))?;
    let ctx = Ctx::new(db.conn(), None, now)?;
    with_estimates(db.conn(), &ctx, now, load_one(db.conn(), &id, ctx.today)?)
}

pub(crate) struct ServiceRow {
    pub id: String,
    pub prefix: String,
}

pub(crate) fn service_by_code(conn: &Connection, code: &str) -> Result<ServiceRow> {
    conn.query_row(
        "SELECT id, ticket_prefix FROM service WHERE code = ?1 AND deleted_at IS NULL",
        [code.trim()],
        |r| Ok(ServiceRow { id: r.get(0)?, prefix: r.get(1)? }),
    )
    .optional()?
    .ok_or_else(|| {
        Error::new(ErrorCode::NotFound, "error.queue.no_service")
            .arg("code", code.trim().to_owned())
    })
}

pub(crate) fn counter_id(conn: &Connection, number: u32) -> Result<String> {
    conn.query_row(
        "SELECT id FROM counter WHERE number = ?1 AND deleted_at IS NULL",
        [number],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        Error::new(ErrorCode::NotFound, "error.queue.no_counter").arg("counter", number.to_string())
    })
}

fn clean_phone(phone: Option<&str>) -> Result<Option<String>> {
    let Some(raw) = phone.map(str::trim).filter(|p| !p.is_empty()) else { return Ok(None) };
    crate::thai::phone::normalize(raw)
        .map(Some)
        .ok_or_else(|| Error::validation("error.queue.phone").arg("input", raw.to_owned()))
}

fn clean_name(name: Option<&str>) -> Result<Option<String>> {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else { return Ok(None) };
    if name.chars().count() > NAME_MAX {
        return Err(Error::validation("error.queue.name_too_long").arg("max", NAME_MAX.to_string()));
    }
    Ok(Some(name.to_owned()))
}

pub(crate) fn issue_in(w: &mut Writer<'_>, ctx: &Ctx, input: &IssueInput) -> Result<String> {
    let now = w.now();
    let service = service_by_code(w.conn(), &input.service)?;
    let name = clean_name(input.name.as_deref())?;
    let phone = clean_phone(input.phone.as_deref())?;
    let slot = match input.booked_for {
        Some(slot) if slot < now - Duration::minutes(1) => {
            return Err(Error::validation("error.queue.booking_past"));
        }
        Some(slot) if slot > now + Duration::days(BOOKING_DAYS_MAX) => {
            return Err(Error::validation("error.queue.booking_far")
                .arg("days", BOOKING_DAYS_MAX.to_string()));
        }
        other => other,
    };
    let entry = slot.unwrap_or(now);
    let day = ctx.settings.business_day(entry).to_string();
    let (first, last) = ctx.settings.number_range();
    let device: String =
        w.conn().query_row("SELECT device_id FROM sync_state", [], |r| r.get(0))?;
    let max: Option<u32> = w.conn().query_row(
        "SELECT max(seq) FROM queue_ticket WHERE device_id = ?1 AND business_day = ?2 AND prefix = ?3 \
         AND id = visit_id AND seq BETWEEN ?4 AND ?5",
        params![device, day, service.prefix, first, last],
        |r| r.get(0),
    )?;
    let seq = max.map_or(first, |m| m + 1);
    if seq > last {
        return Err(Error::new(ErrorCode::Conflict, "error.queue.numbers_used_up")
            .arg("prefix", service.prefix)
            .arg("first", first.to_string())
            .arg("last", last.to_string()));
    }
    let number = format!("{}{seq:03}", service.prefix);
    let id = ids::new_id(now);
    let stamp = ids::timestamp(now);
    let entry_stamp = ids::timestamp(entry);
    w.insert_with_id(
        Entity::QueueTicket,
        &id,
        &[
            ("visit_id", id.clone().into()),
            ("business_day", day.into()),
            ("number", number.into()),
            ("prefix", service.prefix.clone().into()),
            ("seq", seq.into()),
            ("service_id", service.id.into()),
            ("priority", input.priority.as_str().to_owned().into()),
            ("name", name.into()),
            ("phone", phone.into()),
            ("status", TicketStatus::Waiting.as_str().to_owned().into()),
            ("issued_at", stamp.into()),
            ("waiting_since", entry_stamp.clone().into()),
            ("ready_at", entry_stamp.clone().into()),
            ("booked_for", slot.map(|_| entry_stamp).into()),
        ],
    )?;
    let (kind, detail) = match slot {
        Some(s) => ("booked", json!({ "slot": ids::timestamp(s) })),
        None => ("issued", json!({})),
    };
    event(w, ctx, &id, kind, None, &detail)?;
    Ok(id)
}

/// Appends a ticket event (its counter, service and priority copied from the ticket row as it is now).
fn event(
    w: &mut Writer<'_>,
    ctx: &Ctx,
    ticket_id: &str,
    kind: &str,
    counter: Option<&str>,
    detail: &Json,
) -> Result<String> {
    let (visit_id, service_id, priority): (String, String, String) = w.conn().query_row(
        "SELECT visit_id, service_id, priority FROM queue_ticket WHERE id = ?1",
        [ticket_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let day = ctx.settings.business_day(w.now()).to_string();
    w.insert(
        Entity::QueueEvent,
        &[
            ("ticket_id", ticket_id.to_owned().into()),
            ("visit_id", visit_id.into()),
            ("kind", kind.to_owned().into()),
            ("business_day", day.into()),
            ("service_id", service_id.into()),
            ("counter_id", counter.map(str::to_owned).into()),
            ("user_id", ctx.user_id.clone().into()),
            ("priority", priority.into()),
            ("detail", detail.to_string().into()),
        ],
    )
}

/// The ticket at a counter now (called or being served), if any.
fn current_at(conn: &Connection, counter: &str) -> Result<Option<(String, TicketStatus)>> {
    Ok(conn
        .query_row(
            "SELECT id, status FROM queue_ticket WHERE counter_id = ?1 AND status IN ('called', 'serving') \
             AND deleted_at IS NULL ORDER BY called_at DESC LIMIT 1",
            [counter],
            |r| Ok((r.get::<_, String>(0)?, TicketStatus::from_db(&r.get::<_, String>(1)?))),
        )
        .optional()?)
}

fn require_current(
    conn: &Connection,
    counter: &str,
    number: u32,
) -> Result<(String, TicketStatus)> {
    current_at(conn, counter)?.ok_or_else(|| {
        Error::new(ErrorCode::Conflict, "error.queue.no_current").arg("counter", number.to_string())
    })
}

/// The tickets counter `counter_id` may call now (today's line, ready, its services or pinned to it).
pub(crate) fn candidates(
    conn: &Connection,
    ctx: &Ctx,
    counter_id: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Candidate>> {
    let mut stmt = conn.prepare(
        "SELECT t.id, t.service_id, t.priority, t.waiting_since, t.rowid FROM queue_ticket t \
         WHERE t.deleted_at IS NULL AND t.status = 'waiting' AND t.business_day = ?1 AND t.ready_at <= ?2 \
         AND (t.pinned_counter_id = ?3 OR (t.pinned_counter_id IS NULL AND t.service_id IN \
              (SELECT service_id FROM counter_service WHERE counter_id = ?3 AND deleted_at IS NULL)))",
    )?;
    let rows =
        stmt.query_map(params![ctx.today.to_string(), ids::timestamp(now), counter_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, service, priority, since, arrival) = row?;
        out.push(Candidate {
            id,
            service,
            priority: priority != "normal",
            waiting_since: parse_time(&since)?,
            arrival,
        });
    }
    Ok(out)
}

pub(crate) fn parse_time(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| Error::new(ErrorCode::Internal, "error.internal").with_source(e))
}

/// The last calls of each service today (whether each was priority), oldest first, at most `limit` each.
pub(crate) fn recent_calls(
    conn: &Connection,
    ctx: &Ctx,
    services: &[&str],
    limit: u32,
) -> Result<Recent> {
    let mut recent = Recent::new();
    let mut stmt = conn.prepare(
        "SELECT priority FROM queue_event WHERE kind = 'called' AND service_id = ?1 AND business_day = ?2 \
         AND deleted_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT ?3",
    )?;
    for service in services {
        if recent.contains_key(*service) {
            continue;
        }
        let mut calls: Vec<bool> = stmt
            .query_map(params![service, ctx.today.to_string(), limit], |r| r.get::<_, String>(0))?
            .map(|p| p.map(|p| p != "normal"))
            .collect::<rusqlite::Result<_>>()?;
        calls.reverse();
        recent.insert((*service).to_owned(), calls);
    }
    Ok(recent)
}

/// Finishes whatever the counter has now (call next moves on, as at a real counter).
fn finish_current(w: &mut Writer<'_>, ctx: &Ctx, counter: &str) -> Result<()> {
    if let Some((id, _)) = current_at(w.conn(), counter)? {
        end_served(w, ctx, &id, counter, Outcome::Served, true)?;
    }
    Ok(())
}

fn end_served(
    w: &mut Writer<'_>,
    ctx: &Ctx,
    id: &str,
    counter: &str,
    outcome: Outcome,
    auto: bool,
) -> Result<()> {
    let stamp = ids::timestamp(w.now());
    w.update(
        Entity::QueueTicket,
        id,
        &[
            ("status", TicketStatus::Done.as_str().to_owned().into()),
            ("outcome", outcome.as_str().to_owned().into()),
            ("ended_at", stamp.into()),
        ],
    )?;
    let detail = if auto {
        json!({ "outcome": outcome.as_str(), "auto": true })
    } else {
        json!({ "outcome": outcome.as_str() })
    };
    event(w, ctx, id, "finished", Some(counter), &detail)?;
    Ok(())
}

fn mark_called(
    w: &mut Writer<'_>,
    ctx: &Ctx,
    id: &str,
    counter: &str,
    specific: bool,
) -> Result<()> {
    let stamp = ids::timestamp(w.now());
    w.update(
        Entity::QueueTicket,
        id,
        &[
            ("status", TicketStatus::Called.as_str().to_owned().into()),
            ("counter_id", counter.to_owned().into()),
            ("user_id", ctx.user_id.clone().into()),
            ("called_at", stamp.into()),
        ],
    )?;
    let detail = if specific { json!({ "specific": true }) } else { json!({}) };
    event(w, ctx, id, "called", Some(counter), &detail)?;
    Ok(())
}

/// Calls the next ticket at counter `counter` by the fairness rules; the counter's current ticket, if any,
/// is finished as served first. Nobody waiting is an error that changes nothing.
pub fn call_next(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    counter: u32,
) -> Result<Ticket> {
    let id = run(db, session, now, Action::UseQueue, |w, ctx| call_next_in(w, ctx, counter))?;
    reload(db, now, &id)
}

pub(crate) fn call_next_in(w: &mut Writer<'_>, ctx: &Ctx, counter: u32) -> Result<String> {
    let now = w.now();
    let counter_id = counter_id(w.conn(), counter)?;
    let candidates = candidates(w.conn(), ctx, &counter_id, now)?;
    let services: Vec<&str> = candidates.iter().map(|c| c.service.as_str()).collect();
    let recent = recent_calls(w.conn(), ctx, &services, ctx.settings.priority_streak)?;
    let Some(k) = fairness::pick(&candidates, &recent, now, ctx.rules()) else {
        return Err(Error::new(ErrorCode::NotFound, "error.queue.nobody_waiting")
            .arg("counter", counter.to_string()));
    };
    finish_current(w, ctx, &counter_id)?;
    let id = candidates[k].id.clone();
    mark_called(w, ctx, &id, &counter_id, false)?;
    Ok(id)
}

/// Calls ticket `number` out of order at counter `counter`. Clerks may only when the setting allows it;
/// supervisors always may. Audited (the event says it was a specific call).
pub fn call_ticket(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    counter: u32,
    number: &str,
) -> Result<Ticket> {
    session.require(Action::UseQueue)?;
    if !settings(db.conn())?.allow_call_specific && !session.can(Action::ManageQueue) {
        return Err(Error::new(ErrorCode::NotPermitted, "error.queue.call_specific_off"));
    }
    let id = run(db, session, now, Action::UseQueue, |w, ctx| {
        let counter_id = counter_id(w.conn(), counter)?;
        let id = waiting_by_number(w.conn(), ctx, number)?;
        finish_current(w, ctx, &counter_id)?;
        mark_called(w, ctx, &id, &counter_id, true)?;
        Ok(id)
    })?;
    reload(db, now, &id)
}

fn normalise_number(number: &str) -> String {
    number.trim().to_ascii_uppercase()
}

fn waiting_by_number(conn: &Connection, ctx: &Ctx, number: &str) -> Result<String> {
    conn.query_row(
        "SELECT id FROM queue_ticket WHERE number = ?1 AND business_day = ?2 AND status = 'waiting' \
         AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 1",
        params![normalise_number(number), ctx.today.to_string()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::new(ErrorCode::NotFound, "error.queue.not_waiting").arg("number", normalise_number(number)))
}

/// Calls the counter's current ticket again (the board announces it again).
pub fn recall(db: &mut Db, session: &Session, now: DateTime<Utc>, counter: u32) -> Result<Ticket> {
    let id = run(db, session, now, Action::UseQueue, |w, ctx| {
        let counter_id = counter_id(w.conn(), counter)?;
        let (id, _) = require_current(w.conn(), &counter_id, counter)?;
        event(w, ctx, &id, "recalled", Some(&counter_id), &json!({}))?;
        Ok(id)
    })?;
    reload(db, now, &id)
}

/// The citizen has come to the counter: service starts (service time counts from here).
pub fn start(db: &mut Db, session: &Session, now: DateTime<Utc>, counter: u32) -> Result<Ticket> {
    let id = run(db, session, now, Action::UseQueue, |w, ctx| start_in(w, ctx, counter))?;
    reload(db, now, &id)
}

pub(crate) fn start_in(w: &mut Writer<'_>, ctx: &Ctx, counter: u32) -> Result<String> {
    let counter_id = counter_id(w.conn(), counter)?;
    let (id, status) = require_current(w.conn(), &counter_id, counter)?;
    if status == TicketStatus::Serving {
        return Err(Error::new(ErrorCode::Conflict, "error.queue.already_serving")
            .arg("counter", counter.to_string()));
    }
    let stamp = ids::timestamp(w.now());
    w.update(
        Entity::QueueTicket,
        &id,
        &[
            ("status", TicketStatus::Serving.as_str().to_owned().into()),
            ("started_at", stamp.into()),
        ],
    )?;
    event(w, ctx, &id, "started", Some(&counter_id), &json!({}))?;
    Ok(id)
}

/// Parks the counter's current ticket at the counter (the citizen fetches a document); `resume` brings it
/// back.
pub fn hold(db: &mut Db, session: &Session, now: DateTime<Utc>, counter: u32) -> Result<Ticket> {
    let id = run(db, session, now, Action::UseQueue, |w, ctx| {
        let counter_id = counter_id(w.conn(), counter)?;
        let (id, _) = require_current(w.conn(), &counter_id, counter)?;
        w.update(
            Entity::QueueTicket,
            &id,
            &[("status", TicketStatus::Held.as_str().to_owned().into())],
        )?;
        event(w, ctx, &id, "held", Some(&counter_id), &json!({}))?;
        Ok(id)
    })?;
    reload(db, now, &id)
}

/// Brings a held ticket back to its counter (`number`, or the one held longest). The counter must be free.
pub fn resume(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    counter: u32,
    number: Option<&str>,
) -> Result<Ticket> {
    let id = run(db, session, now, Action::UseQueue, |w, ctx| {
        let counter_id = counter_id(w.conn(), counter)?;
        if let Some((current, _)) = current_at(w.conn(), &counter_id)? {
            let number: String = w.conn().query_row(
                "SELECT number FROM queue_ticket WHERE id = ?1",
                [&current],
                |r| r.get(0),
            )?;
            return Err(
                Error::new(ErrorCode::Conflict, "error.queue.counter_busy").arg("number", number)
            );
        }
        let wanted = number.map(normalise_number);
        let id: String = w
            .conn()
            .query_row(
                "SELECT id FROM queue_ticket WHERE counter_id = ?1 AND status = 'held' AND deleted_at IS NULL \
                 AND (?2 IS NULL OR number = ?2) ORDER BY updated_at LIMIT 1",
                params![counter_id, wanted],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, "error.queue.nothing_held").arg("counter", counter.to_string()))?;
        w.update(
            Entity::QueueTicket,
            &id,
            &[("status", TicketStatus::Serving.as_str().to_owned().into())],
        )?;
        event(w, ctx, &id, "resumed", Some(&counter_id), &json!({}))?;
        Ok(id)
    })?;
    reload(db, now, &id)
}

/// The called citizen did not come. The first time, the ticket returns to the line after the grace period
/// (keeping its place); the second time it ends as a no-show.
pub fn no_show(db: &mut Db, session: &Session, now: DateTime<Utc>, counter: u32) -> Result<Ticket> {
    let id = run(db, session, now, Action::UseQueue, |w, ctx| no_show_in(w, ctx, counter))?;
    reload(db, now, &id)
}

pub(crate) fn no_show_in(w: &mut Writer<'_>, ctx: &Ctx, counter: u32) -> Result<String> {
    let now = w.now();
    let counter_id = counter_id(w.conn(), counter)?;
    let (id, status) = require_current(w.conn(), &counter_id, counter)?;
    if status == TicketStatus::Serving {
        return Err(Error::new(ErrorCode::Conflict, "error.queue.no_show_serving"));
    }
    let no_shows: u32 =
        w.conn()
            .query_row("SELECT no_shows FROM queue_ticket WHERE id = ?1", [&id], |r| r.get(0))?;
    if no_shows == 0 {
        let back = now + Duration::minutes(i64::from(ctx.settings.no_show_grace_minutes));
        w.update(
            Entity::QueueTicket,
            &id,
            &[
                ("status", TicketStatus::Waiting.as_str().to_owned().into()),
                ("no_shows", 1_i64.into()),
                ("counter_id", Value::Null),
                ("ready_at", ids::timestamp(back).into()),
            ],
        )?;
        event(
            w,
            ctx,
            &id,
            "no_show",
            Some(&counter_id),
            &json!({ "returns_at": ids::timestamp(back) }),
        )?;
    } else {
        w.update(
            Entity::QueueTicket,
            &id,
            &[
                ("status", TicketStatus::NoShow.as_str().to_owned().into()),
                ("no_shows", i64::from(no_shows + 1).into()),
                ("ended_at", ids::timestamp(now).into()),
            ],
        )?;
        event(w, ctx, &id, "no_show", Some(&counter_id), &json!({ "final": true }))?;
    }
    Ok(id)
}

/// Sends the counter's current ticket to another service's line or to one counter. The segment here ends
/// (`transferred`) and a linked segment with the same number joins the new line; it is returned.
pub fn transfer(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    counter: u32,
    to: &TransferTo,
) -> Result<Ticket> {
    let id = run(db, session, now, Action::UseQueue, |w, ctx| transfer_in(w, ctx, counter, to))?;
    reload(db, now, &id)
}

pub(crate) fn transfer_in(
    w: &mut Writer<'_>,
    ctx: &Ctx,
    counter: u32,
    to: &TransferTo,
) -> Result<String> {
    let here = counter_id(w.conn(), counter)?;
    let (id, _) = require_current(w.conn(), &here, counter)?;
    let service_now: String =
        w.conn()
            .query_row("SELECT service_id FROM queue_ticket WHERE id = ?1", [&id], |r| r.get(0))?;
    let (service, pinned, detail) = match to {
        TransferTo::Service(code) => {
            let s = service_by_code(w.conn(), code)?;
            (s.id, None, json!({ "to_service": code.trim() }))
        }
        TransferTo::Counter(number) => {
            if *number == counter {
                return Err(Error::validation("error.queue.transfer_same_counter"));
            }
            (service_now, Some(counter_id(w.conn(), *number)?), json!({ "to_counter": number }))
        }
    };
    w.update(
        Entity::QueueTicket,
        &id,
        &[
            ("status", TicketStatus::Transferred.as_str().to_owned().into()),
            ("ended_at", ids::timestamp(w.now()).into()),
        ],
    )?;
    let next = continue_visit(w, &id, &service, pinned)?;
    let mut detail = detail;
    detail["next_ticket"] = json!(next);
    event(w, ctx, &id, "transferred", Some(&here), &detail)?;
    Ok(next)
}

/// Starts the next segment of `previous`'s visit at `service` (pinned to a counter or not), in line from now.
fn continue_visit(
    w: &mut Writer<'_>,
    previous: &str,
    service: &str,
    pinned: Option<String>,
) -> Result<String> {
    type Row =
        (String, String, String, String, u32, String, Option<String>, Option<String>, String);
    let (visit, day, number, prefix, seq, priority, name, phone, issued): Row = w.conn().query_row(
        "SELECT visit_id, business_day, number, prefix, seq, priority, name, phone, issued_at FROM queue_ticket WHERE id = ?1",
        [previous],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?)),
    )?;
    let stamp = ids::timestamp(w.now());
    w.insert(
        Entity::QueueTicket,
        &[
            ("visit_id", visit.into()),
            ("previous_id", previous.to_owned().into()),
            ("business_day", day.into()),
            ("number", number.into()),
            ("prefix", prefix.into()),
            ("seq", seq.into()),
            ("service_id", service.to_owned().into()),
            ("pinned_counter_id", pinned.into()),
            ("priority", priority.into()),
            ("name", name.into()),
            ("phone", phone.into()),
            ("status", TicketStatus::Waiting.as_str().to_owned().into()),
            ("issued_at", issued.into()),
            ("waiting_since", stamp.clone().into()),
            ("ready_at", stamp.into()),
        ],
    )
}

/// Finishes the counter's current ticket with `outcome`. With `next_service`, the same visit continues in
/// that service's line (several services in one visit). Returns the finished ticket.
pub fn finish(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    counter: u32,
    outcome: Outcome,
    next_service: Option<&str>,
) -> Result<Ticket> {
    let id = run(db, session, now, Action::UseQueue, |w, ctx| {
        finish_in(w, ctx, counter, outcome, next_service)
    })?;
    reload(db, now, &id)
}

pub(crate) fn finish_in(
    w: &mut Writer<'_>,
    ctx: &Ctx,
    counter: u32,
    outcome: Outcome,
    next_service: Option<&str>,
) -> Result<String> {
    let counter_id = counter_id(w.conn(), counter)?;
    let (id, _) = require_current(w.conn(), &counter_id, counter)?;
    let next = match next_service.map(str::trim).filter(|s| !s.is_empty()) {
        Some(code) => Some(service_by_code(w.conn(), code)?),
        None => None,
    };
    let stamp = ids::timestamp(w.now());
    w.update(
        Entity::QueueTicket,
        &id,
        &[
            ("status", TicketStatus::Done.as_str().to_owned().into()),
            ("outcome", outcome.as_str().to_owned().into()),
            ("ended_at", stamp.into()),
        ],
    )?;
    let mut detail = json!({ "outcome": outcome.as_str() });
    if let Some(service) = next {
        let next_id = continue_visit(w, &id, &service.id, None)?;
        detail["next_ticket"] = json!(next_id);
        detail["next_service"] = json!(next_service.map(str::trim));
    }
    event(w, ctx, &id, "finished", Some(&counter_id), &detail)?;
    Ok(id)
}

/// Closes the open ticket segment `ticket_id` (one left over from an earlier day, or a mistake). Supervisors.
pub fn cancel(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    ticket_id: &str,
) -> Result<Ticket> {
    let id = run(db, session, now, Action::ManageQueue, |w, ctx| {
        let status: Option<String> = w
            .conn()
            .query_row(
                "SELECT status FROM queue_ticket WHERE id = ?1 AND deleted_at IS NULL",
                [ticket_id],
                |r| r.get(0),
            )
            .optional()?;
        if status.as_deref().is_none_or(|s| TicketStatus::from_db(s).is_final()) {
            return Err(Error::new(ErrorCode::NotFound, "error.queue.not_open")
                .arg("number", ticket_id.to_owned()));
        }
        w.update(
            Entity::QueueTicket,
            ticket_id,
            &[
                ("status", TicketStatus::Cancelled.as_str().to_owned().into()),
                ("ended_at", ids::timestamp(w.now()).into()),
            ],
        )?;
        event(w, ctx, ticket_id, "cancelled", None, &json!({}))?;
        Ok(ticket_id.to_owned())
    })?;
    reload(db, now, &id)
}

fn check_score(score: u8) -> Result<()> {
    if !(1..=5).contains(&score) {
        return Err(Error::validation("error.queue.rating").arg("input", score.to_string()));
    }
    Ok(())
}

pub(crate) fn rate_in(w: &mut Writer<'_>, ctx: &Ctx, id: &str, score: u8) -> Result<()> {
    let rated: Option<u8> =
        w.conn().query_row("SELECT rating FROM queue_ticket WHERE id = ?1", [id], |r| r.get(0))?;
    if rated.is_some() {
        return Err(Error::new(ErrorCode::Conflict, "error.queue.already_rated"));
    }
    w.update(Entity::QueueTicket, id, &[("rating", i64::from(score).into())])?;
    let counter: Option<String> =
        w.conn()
            .query_row("SELECT counter_id FROM queue_ticket WHERE id = ?1", [id], |r| r.get(0))?;
    event(w, ctx, id, "rated", counter.as_deref(), &json!({ "score": score }))?;
    Ok(())
}

/// Records the citizen's 1–5 rating of finished ticket `number` (today's last finished segment).
pub fn rate(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    number: &str,
    score: u8,
) -> Result<Ticket> {
    check_score(score)?;
    let id = run(db, session, now, Action::UseQueue, |w, ctx| {
        let id: String = w
            .conn()
            .query_row(
                "SELECT id FROM queue_ticket WHERE number = ?1 AND business_day = ?2 AND status = 'done' \
                 AND deleted_at IS NULL ORDER BY ended_at DESC LIMIT 1",
                params![normalise_number(number), ctx.today.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, "error.queue.not_finished").arg("number", normalise_number(number)))?;
        rate_in(w, ctx, &id, score)?;
        Ok(id)
    })?;
    reload(db, now, &id)
}

/// The rating a citizen taps on the customer screen of counter `counter`: it rates the ticket the screen is
/// asking about ([`super::rating_prompt`]). No session: the citizen is not a user; the event has no actor.
pub fn rate_at_counter(db: &mut Db, now: DateTime<Utc>, counter: u32, score: u8) -> Result<Ticket> {
    check_score(score)?;
    let prompt = super::view::rating_prompt(db.conn(), now, counter)?.ok_or_else(|| {
        Error::new(ErrorCode::NotFound, "error.queue.nothing_to_rate")
            .arg("counter", counter.to_string())
    })?;
    let ctx = Ctx::new(db.conn(), None, now)?;
    db.write(&crate::db::Actor::system(), now, |w| rate_in(w, &ctx, &prompt.ticket_id, score))?;
    reload(db, now, &prompt.ticket_id)
}

/// Cancels every ticket of `day` still open (the demo's history ends each day so).
pub(crate) fn close_day_in(w: &mut Writer<'_>, ctx: &Ctx, day: NaiveDate) -> Result<()> {
    let open: Vec<String> = w
        .conn()
        .prepare(
            "SELECT id FROM queue_ticket WHERE business_day = ?1 AND status IN ('waiting', 'called', 'serving', 'held') \
             AND deleted_at IS NULL",
        )?
        .query_map([day.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in open {
        w.update(
            Entity::QueueTicket,
            &id,
            &[
                ("status", TicketStatus::Cancelled.as_str().to_owned().into()),
                ("ended_at", ids::timestamp(w.now()).into()),
            ],
        )?;
        event(w, ctx, &id, "cancelled", None, &json!({ "end_of_day": true }))?;
    }
    Ok(())
}

fn reload(db: &Db, now: DateTime<Utc>, id: &str) -> Result<Ticket> {
    let ctx = Ctx::new(db.conn(), None, now)?;
    with_estimates(db.conn(), &ctx, now, load_one(db.conn(), id, ctx.today)?)
}

/// Today's open tickets of a counter's line (used by `state`), re-exported for the view.
pub(crate) fn line_ids(
    conn: &Connection,
    ctx: &Ctx,
    service_id: &str,
    now: DateTime<Utc>,
) -> Result<Vec<String>> {
    let tickets = load_tickets(
        conn,
        "t.status = 'waiting' AND t.business_day = ?1 AND t.ready_at <= ?2 AND t.service_id = ?3",
        &[&ctx.today.to_string(), &ids::timestamp(now), &service_id],
        ctx.today,
    )?;
    let candidates: Vec<Candidate> = tickets
        .iter()
        .zip(0_i64..)
        .map(|(t, arrival)| -> Result<Candidate> {
            Ok(Candidate {
                id: t.id.clone(),
                service: service_id.to_owned(),
                priority: t.priority.is_priority(),
                waiting_since: parse_time(&t.waiting_since)?,
                arrival,
            })
        })
        .collect::<Result<_>>()?;
    let recent = recent_calls(conn, ctx, &[service_id], ctx.settings.priority_streak)?;
    let order = fairness::calling_order(&candidates, &recent, now, ctx.rules());
    Ok(order.into_iter().map(|i| candidates[i].id.clone()).collect())
}
