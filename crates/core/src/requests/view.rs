//! Reads: one request, lists and counts per role, the call-back list and the staff to assign. Restricted
//! requests a user may not see are absent from every one of them (see `privacy::visible_clause`).

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::attachment::{self, AttachmentMeta};
use super::category::{self, AttributeDef};
use super::{ContactChannel, Kind, Source, State};
use crate::auth::{Action, Session};
use crate::error::{Error, ErrorCode, Result};
use crate::privacy::{self, Confidentiality};

/// Who reported a request and how to reach them: shown only to those who may see it (a restricted
/// request's handlers; never for an anonymous one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reporter {
    /// The citizen on record, if linked.
    pub citizen_id: Option<String>,
    /// Name.
    pub name: String,
    /// Phone, in full (the person working the request calls back).
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Postal address.
    pub address: String,
}

/// One step in a request's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventView {
    /// UUIDv7.
    pub id: String,
    /// When (RFC 3339 UTC).
    pub at: String,
    /// `received`, `state`, `assigned`, `note`, `attachment`, `escalated` or `rated`.
    pub kind: String,
    /// Who (display name); `None` for the system.
    pub user_name: Option<String>,
    /// The state before a change.
    pub from_state: Option<State>,
    /// The state after a change.
    pub to_state: Option<State>,
    /// Whether the citizen may read it.
    pub public: bool,
    /// The note.
    pub note: String,
    /// Details as JSON text (division, assignee, attachment, rating, duplicate).
    pub detail: String,
}

/// A message queued for the citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NotificationView {
    /// UUIDv7.
    pub id: String,
    /// When it was queued.
    pub at: String,
    /// `sms`, `email` or `call_back`.
    pub channel: String,
    /// `queued`, `sent`, `failed` or `done`.
    pub state: String,
    /// The text.
    pub message: String,
}

/// A request in full, as its page shows it to this user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequestDetail {
    /// UUIDv7.
    pub id: String,
    /// Tracking code.
    pub tracking_code: String,
    /// The category's code.
    pub category_code: String,
    /// The category's Thai name.
    pub category_name_th: String,
    /// The category's English name.
    pub category_name_en: String,
    /// Kind.
    pub kind: Kind,
    /// State.
    pub state: State,
    /// Open311 status (`open` / `closed`).
    pub status: String,
    /// Confidentiality.
    pub confidentiality: Confidentiality,
    /// Whether the reporter is anonymous.
    pub anonymous: bool,
    /// The reporter, when this user may see them.
    pub reporter: Option<Reporter>,
    /// Whether a reporter exists but is hidden from this user.
    pub reporter_hidden: bool,
    /// How the citizen hears back.
    pub contact_channel: ContactChannel,
    /// Description.
    pub description: String,
    /// The category's questions (for labels).
    pub attributes: Vec<AttributeDef>,
    /// The answers, by code, as JSON text.
    pub answers: String,
    /// The place.
    pub address: String,
    /// Area (หมู่ที่).
    pub area: String,
    /// Latitude.
    pub lat: Option<String>,
    /// Longitude.
    pub long: Option<String>,
    /// The date the citizen gave.
    pub occurred_on: String,
    /// When it was received (RFC 3339 UTC).
    pub received_at: String,
    /// Who took it.
    pub received_by: Option<String>,
    /// How it arrived.
    pub source: Source,
    /// Expected completion date.
    pub due_on: String,
    /// Whether it is open and past its due date.
    pub overdue: bool,
    /// When it was put before the supervisors as overdue.
    pub escalated_at: Option<String>,
    /// The division's code.
    pub department_code: Option<String>,
    /// The division's Thai name.
    pub department_name: Option<String>,
    /// The assignee's user id.
    pub assignee_id: Option<String>,
    /// The assignee's name.
    pub assignee_name: Option<String>,
    /// The original's tracking code, for a duplicate.
    pub duplicate_of: Option<String>,
    /// The latest public note.
    pub status_notes: String,
    /// When it was closed.
    pub closed_at: Option<String>,
    /// The citizen's rating (1–5).
    pub rating: Option<u8>,
    /// Its history, oldest first (internal notes included: staff only ever see this).
    pub events: Vec<EventView>,
    /// Its attachments.
    pub attachments: Vec<AttachmentMeta>,
    /// Messages queued for the citizen.
    pub notifications: Vec<NotificationView>,
    /// The states this user may move it to now.
    pub allowed_states: Vec<State>,
    /// Whether this user may assign it (and to which divisions: any for supervisors).
    pub can_assign: bool,
    /// Whether this user may add notes and attachments.
    pub can_work: bool,
    /// Whether the rating may be recorded now (closed as done, not rated yet).
    pub can_rate: bool,
}

/// A request in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequestListItem {
    /// UUIDv7.
    pub id: String,
    /// Tracking code.
    pub tracking_code: String,
    /// The category's code.
    pub category_code: String,
    /// The category's Thai name.
    pub category_name_th: String,
    /// The category's English name.
    pub category_name_en: String,
    /// Kind.
    pub kind: Kind,
    /// State.
    pub state: State,
    /// Whether it is restricted (only its permitted viewers ever see this set).
    pub restricted: bool,
    /// The reporter's name, when this user may see it.
    pub reporter_name: Option<String>,
    /// First line of the description.
    pub summary: String,
    /// The place.
    pub address: String,
    /// Area.
    pub area: String,
    /// When it was received.
    pub received_at: String,
    /// Expected completion date.
    pub due_on: String,
    /// Open and past due.
    pub overdue: bool,
    /// Escalated to the supervisors.
    pub escalated: bool,
    /// The division's Thai name.
    pub department_name: Option<String>,
    /// The assignee's name.
    pub assignee_name: Option<String>,
}

/// Whose requests a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every request this user may see.
    #[default]
    All,
    /// Assigned to me.
    Mine,
    /// My division's.
    Division,
    /// Open and past due.
    Overdue,
    /// Put before the supervisors as overdue (supervisors only).
    Escalated,
}

/// A list's filters; empty ones do not filter.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ListFilter {
    /// Whose.
    pub scope: Scope,
    /// One state.
    pub state: Option<State>,
    /// Open ones only.
    pub open_only: bool,
    /// A category code.
    pub category: Option<String>,
    /// Area contains this.
    pub area: Option<String>,
    /// Received on or after (`YYYY-MM-DD`, office date).
    pub from: Option<String>,
    /// Received on or before.
    pub to: Option<String>,
    /// Tracking code, description, place or (where visible) the reporter's name or phone contains this.
    pub text: Option<String>,
    /// Most rows (default 200).
    pub limit: Option<u32>,
}

/// How many requests this user can see, by state and list (restricted ones they may not see are not
/// counted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequestCounts {
    /// `(state, count)` for every state.
    pub by_state: Vec<(State, u32)>,
    /// Every visible request.
    pub total: u32,
    /// Open ones assigned to me.
    pub mine: u32,
    /// Open ones of my division.
    pub division: u32,
    /// Open and past due.
    pub overdue: u32,
    /// Call-backs waiting.
    pub callbacks: u32,
}

/// A call-back to make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallBack {
    /// The notification's id.
    pub id: String,
    /// The request's id.
    pub request_id: String,
    /// Its tracking code.
    pub tracking_code: String,
    /// Who to tell (name and address or phone, as recorded).
    pub recipient: String,
    /// What to tell them.
    pub message: String,
    /// When it was queued.
    pub at: String,
}

/// A staff member requests can be assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffOption {
    /// User id.
    pub id: String,
    /// Name.
    pub display_name: String,
    /// Their division's code.
    pub department_code: Option<String>,
}

/// Who is looking: their id, whether they see every restricted request, and their division.
#[derive(Debug, Clone)]
pub(crate) struct Viewer {
    pub(crate) user_id: String,
    pub(crate) supervises: bool,
    pub(crate) division_id: Option<String>,
}

impl Viewer {
    /// The viewer behind `session` (the caller has checked UseRequests).
    pub(crate) fn of(conn: &Connection, session: &Session) -> Result<Viewer> {
        let division_id: Option<String> = conn
            .query_row(
                "SELECT department_id FROM app_user WHERE id = ?1",
                [&session.user().id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        Ok(Viewer {
            user_id: session.user().id.clone(),
            supervises: session.can(Action::SuperviseRequests),
            division_id,
        })
    }

    /// The named parameters of [`privacy::visible_clause`] and of `HANDLER`.
    pub(crate) fn params(&self) -> Vec<(&'static str, Value)> {
        vec![
            (":viewer_id", Value::Text(self.user_id.clone())),
            (":viewer_sees_restricted", Value::Integer(i64::from(self.supervises))),
        ]
    }
}

/// SQL: whether the viewer is one of request `r`'s handlers (named on it in `access_grant`).
pub(crate) const HANDLER: &str = "EXISTS (SELECT 1 FROM access_grant g WHERE g.entity = 'request' \
     AND g.entity_id = r.id AND g.user_id = :viewer_id AND g.deleted_at IS NULL)";

/// SQL: whether the viewer may see request `r`'s reporter: never when anonymous; for a restricted one only
/// its handlers.
fn reporter_visible_sql() -> String {
    format!("(r.anonymous = 0 AND (r.confidentiality <> 'restricted' OR {HANDLER}))")
}

/// SQL: the office date (`YYYY-MM-DD`) of request `r`'s receipt.
const RECEIVED_DAY: &str = "date(r.received_at, '+7 hours')";

/// A request row with what the views need.
#[derive(Debug, Clone)]
pub(crate) struct Req {
    pub(crate) id: String,
    pub(crate) tracking_code: String,
    pub(crate) category_code: String,
    pub(crate) category_name_th: String,
    pub(crate) category_name_en: String,
    pub(crate) kind: Kind,
    pub(crate) state: State,
    pub(crate) confidentiality: Confidentiality,
    pub(crate) anonymous: bool,
    pub(crate) citizen_id: Option<String>,
    pub(crate) contact_name: String,
    pub(crate) contact_phone: String,
    pub(crate) contact_email: String,
    pub(crate) contact_address: String,
    pub(crate) contact_channel: ContactChannel,
    pub(crate) description: String,
    pub(crate) answers: String,
    pub(crate) address: String,
    pub(crate) area: String,
    pub(crate) lat: Option<String>,
    pub(crate) long: Option<String>,
    pub(crate) occurred_on: String,
    pub(crate) received_at: String,
    pub(crate) received_by: Option<String>,
    pub(crate) source: Source,
    pub(crate) due_on: String,
    pub(crate) department_id: Option<String>,
    pub(crate) department_code: Option<String>,
    pub(crate) department_name: Option<String>,
    pub(crate) assignee_id: Option<String>,
    pub(crate) assignee_name: Option<String>,
    pub(crate) duplicate_of: Option<String>,
    pub(crate) status_notes: String,
    pub(crate) closed_at: Option<String>,
    pub(crate) escalated_at: Option<String>,
    pub(crate) rating: Option<u8>,
    pub(crate) handler: bool,
    pub(crate) reporter_visible: bool,
}

impl Req {
    pub(crate) fn restricted(&self) -> bool {
        self.confidentiality == Confidentiality::Restricted
    }

    pub(crate) fn overdue(&self, today: NaiveDate) -> bool {
        self.state.is_open() && self.due_on.as_str() < today.format("%Y-%m-%d").to_string().as_str()
    }

    /// Whether `viewer` may work it (move it, write public notes, add attachments): supervisors, its
    /// handlers, its assignee, and its division's members (a restricted one: supervisors and handlers).
    pub(crate) fn workable_by(&self, viewer: &Viewer) -> bool {
        if viewer.supervises || self.handler {
            return true;
        }
        if self.restricted() {
            return false;
        }
        self.assignee_id.as_deref() == Some(viewer.user_id.as_str())
            || (self.department_id.is_some() && self.department_id == viewer.division_id)
    }
}

fn req_select() -> String {
    format!(
        "SELECT r.id, r.tracking_code, NULL, c.code, c.name_th, c.name_en, r.kind, r.state, \
         r.confidentiality, r.anonymous, r.citizen_id, r.contact_name, r.contact_phone, r.contact_email, \
         r.contact_address, r.contact_channel, r.description, r.attributes, r.address, r.area, r.lat, r.long, \
         r.occurred_on, r.received_at, rb.display_name, r.source, r.due_on, r.department_id, d.code, d.name_th, \
         r.assignee_id, a.display_name, dup.tracking_code, r.status_notes, r.closed_at, r.escalated_at, \
         r.rating, {HANDLER}, {} \
         FROM request r JOIN request_category c ON c.id = r.category_id \
         LEFT JOIN app_user rb ON rb.id = r.received_by \
         LEFT JOIN department d ON d.id = r.department_id \
         LEFT JOIN app_user a ON a.id = r.assignee_id \
         LEFT JOIN request dup ON dup.id = r.duplicate_of \
         WHERE r.deleted_at IS NULL AND {}",
        reporter_visible_sql(),
        privacy::visible_clause("r", "request")
    )
}

fn parse_or<T>(parsed: Result<T>) -> rusqlite::Result<T> {
    parsed.map_err(|e| {
        rusqlite::Error::InvalidColumnType(0, e.key().to_owned(), rusqlite::types::Type::Text)
    })
}

fn req_from_row(r: &Row<'_>) -> rusqlite::Result<Req> {
    let kind: String = r.get(6)?;
    let state: String = r.get(7)?;
    let level: String = r.get(8)?;
    let channel: String = r.get(15)?;
    let source: String = r.get(25)?;
    let rating: Option<i64> = r.get(36)?;
    Ok(Req {
        id: r.get(0)?,
        tracking_code: r.get(1)?,
        category_code: r.get(3)?,
        category_name_th: r.get(4)?,
        category_name_en: r.get(5)?,
        kind: parse_or(Kind::parse(&kind))?,
        state: parse_or(State::parse(&state))?,
        confidentiality: match level.as_str() {
            "public" => Confidentiality::Public,
            "restricted" => Confidentiality::Restricted,
            _ => Confidentiality::Internal,
        },
        anonymous: r.get(9)?,
        citizen_id: r.get(10)?,
        contact_name: r.get(11)?,
        contact_phone: r.get(12)?,
        contact_email: r.get(13)?,
        contact_address: r.get(14)?,
        contact_channel: parse_or(ContactChannel::parse(&channel))?,
        description: r.get(16)?,
        answers: r.get(17)?,
        address: r.get(18)?,
        area: r.get(19)?,
        lat: r.get(20)?,
        long: r.get(21)?,
        occurred_on: r.get(22)?,
        received_at: r.get(23)?,
        received_by: r.get(24)?,
        source: parse_or(Source::parse(&source))?,
        due_on: r.get(26)?,
        department_id: r.get(27)?,
        department_code: r.get(28)?,
        department_name: r.get(29)?,
        assignee_id: r.get(30)?,
        assignee_name: r.get(31)?,
        duplicate_of: r.get(32)?,
        status_notes: r.get(33)?,
        closed_at: r.get(34)?,
        escalated_at: r.get(35)?,
        rating: rating.and_then(|v| u8::try_from(v).ok()),
        handler: r.get(37)?,
        reporter_visible: r.get(38)?,
    })
}

fn bind<'a>(params: &'a [(&'static str, Value)]) -> Vec<(&'static str, &'a dyn rusqlite::ToSql)> {
    params.iter().map(|(k, v)| (*k, v as &dyn rusqlite::ToSql)).collect()
}

/// The request with id or tracking code `key` if `viewer` may see it; "not found" otherwise (a restricted
/// request answers exactly like one that does not exist).
pub(crate) fn load(conn: &Connection, viewer: &Viewer, key: &str) -> Result<Req> {
    let key = key.trim();
    let sql = format!("{} AND (r.id = :key OR r.tracking_code = upper(:key))", req_select());
    let mut params = viewer.params();
    params.push((":key", Value::Text(key.to_owned())));
    conn.query_row(&sql, bind(&params).as_slice(), req_from_row)
        .optional()?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "error.request.not_found").arg("input", key))
}

/// One request by id or tracking code, as this user may see it; "not found" when it does not exist or is
/// restricted from them (never "not permitted", which would say it exists).
pub fn get(
    conn: &Connection,
    session: &Session,
    today: NaiveDate,
    id_or_code: &str,
) -> Result<RequestDetail> {
    session.require(Action::UseRequests)?;
    let viewer = Viewer::of(conn, session)?;
    let req = load(conn, &viewer, id_or_code)?;
    detail(conn, &viewer, today, req)
}

/// The page of `req` for `viewer`.
pub(crate) fn detail(
    conn: &Connection,
    viewer: &Viewer,
    today: NaiveDate,
    req: Req,
) -> Result<RequestDetail> {
    let attributes =
        category::by_code(conn, &req.category_code).map(|c| c.attributes).unwrap_or_default();
    let mut stmt = conn.prepare(
        "SELECT e.id, e.created_at, e.kind, u.display_name, e.from_state, e.to_state, e.public, e.note, \
         e.detail FROM request_event e LEFT JOIN app_user u ON u.id = e.user_id \
         WHERE e.request_id = ?1 AND e.deleted_at IS NULL ORDER BY e.created_at, e.rowid",
    )?;
    let events = stmt
        .query_map([&req.id], |r| {
            let from: Option<String> = r.get(4)?;
            let to: Option<String> = r.get(5)?;
            Ok(EventView {
                id: r.get(0)?,
                at: r.get(1)?,
                kind: r.get(2)?,
                user_name: r.get(3)?,
                from_state: from.map(|s| parse_or(State::parse(&s))).transpose()?,
                to_state: to.map(|s| parse_or(State::parse(&s))).transpose()?,
                public: r.get(6)?,
                note: r.get(7)?,
                detail: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare(
        "SELECT id, created_at, channel, state, message FROM notification \
         WHERE request_id = ?1 AND deleted_at IS NULL ORDER BY created_at, rowid",
    )?;
    let notifications = stmt
        .query_map([&req.id], |r| {
            Ok(NotificationView {
                id: r.get(0)?,
                at: r.get(1)?,
                channel: r.get(2)?,
                state: r.get(3)?,
                message: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let attachments = attachment::list_for(conn, &req.id)?;
    let workable = req.workable_by(viewer);
    let has_reporter = !req.anonymous
        && (req.citizen_id.is_some()
            || !req.contact_name.is_empty()
            || !req.contact_phone.is_empty());
    let reporter = req.reporter_visible.then(|| Reporter {
        citizen_id: req.citizen_id.clone(),
        name: req.contact_name.clone(),
        phone: req.contact_phone.clone(),
        email: req.contact_email.clone(),
        address: req.contact_address.clone(),
    });
    Ok(RequestDetail {
        overdue: req.overdue(today),
        reporter_hidden: has_reporter && reporter.is_none(),
        reporter,
        allowed_states: if workable { req.state.next().to_vec() } else { Vec::new() },
        can_assign: workable,
        can_work: workable,
        can_rate: req.state == State::Done && req.rating.is_none(),
        status: req.state.open311().to_owned(),
        id: req.id,
        tracking_code: req.tracking_code,
        category_code: req.category_code,
        category_name_th: req.category_name_th,
        category_name_en: req.category_name_en,
        kind: req.kind,
        state: req.state,
        confidentiality: req.confidentiality,
        anonymous: req.anonymous,
        contact_channel: req.contact_channel,
        description: req.description,
        attributes,
        answers: req.answers,
        address: req.address,
        area: req.area,
        lat: req.lat,
        long: req.long,
        occurred_on: req.occurred_on,
        received_at: req.received_at,
        received_by: req.received_by,
        source: req.source,
        due_on: req.due_on,
        escalated_at: req.escalated_at,
        department_code: req.department_code,
        department_name: req.department_name,
        assignee_id: req.assignee_id,
        assignee_name: req.assignee_name,
        duplicate_of: req.duplicate_of,
        status_notes: req.status_notes,
        closed_at: req.closed_at,
        rating: req.rating,
        events,
        attachments,
        notifications,
    })
}

/// The WHERE conditions and parameters of `filter` for `viewer` (the visibility clause is in `req_select`).
fn filter_sql(
    viewer: &Viewer,
    session: &Session,
    today: NaiveDate,
    filter: &ListFilter,
) -> Result<(String, Vec<(&'static str, Value)>)> {
    let mut sql = String::new();
    let mut params = viewer.params();
    let today = today.format("%Y-%m-%d").to_string();
    const OPEN: &str = "r.state IN ('received', 'checking', 'in_progress', 'forwarded')";
    match filter.scope {
        Scope::All => {}
        Scope::Mine => sql.push_str(" AND r.assignee_id = :viewer_id"),
        Scope::Division => match &viewer.division_id {
            Some(d) => {
                sql.push_str(" AND r.department_id = :division");
                params.push((":division", Value::Text(d.clone())));
            }
            None => sql.push_str(" AND 0"),
        },
        Scope::Overdue => {
            sql.push_str(&format!(" AND {OPEN} AND r.due_on < :today"));
            params.push((":today", Value::Text(today)));
        }
        Scope::Escalated => {
            session.require(Action::SuperviseRequests)?;
            sql.push_str(&format!(" AND {OPEN} AND r.escalated_at IS NOT NULL"));
        }
    }
    if let Some(state) = filter.state {
        sql.push_str(" AND r.state = :state");
        params.push((":state", Value::Text(state.as_str().to_owned())));
    }
    if filter.open_only {
        sql.push_str(&format!(" AND {OPEN}"));
    }
    if let Some(code) = filter.category.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        sql.push_str(" AND c.code = :category");
        params.push((":category", Value::Text(code.to_owned())));
    }
    let like =
        |s: &str| format!("%{}%", s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    if let Some(area) = filter.area.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        sql.push_str(" AND (r.area LIKE :area ESCAPE '\\' OR r.address LIKE :area ESCAPE '\\')");
        params.push((":area", Value::Text(like(area))));
    }
    for (name, value, op) in [(":from", &filter.from, ">="), (":to", &filter.to, "<=")] {
        if let Some(d) = value.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            let day = crate::thai::date::parse_iso_date(d)?;
            sql.push_str(&format!(" AND {RECEIVED_DAY} {op} {name}"));
            params.push((name, Value::Text(day.format("%Y-%m-%d").to_string())));
        }
    }
    if let Some(text) = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        sql.push_str(&format!(
            " AND (r.tracking_code LIKE upper(:text) ESCAPE '\\' OR r.description LIKE :text ESCAPE '\\' \
             OR r.address LIKE :text ESCAPE '\\' OR ({} AND (r.contact_name LIKE :text ESCAPE '\\' \
             OR (length(:digits) >= 4 AND replace(replace(r.contact_phone, '-', ''), ' ', '') LIKE :digits_like))))",
            reporter_visible_sql()
        ));
        params.push((":text", Value::Text(like(text))));
        params.push((":digits_like", Value::Text(format!("%{digits}%"))));
        params.push((":digits", Value::Text(digits)));
    }
    Ok((sql, params))
}

/// The requests matching `filter` that this user may see, newest first.
pub fn list(
    conn: &Connection,
    session: &Session,
    today: NaiveDate,
    filter: &ListFilter,
) -> Result<Vec<RequestListItem>> {
    session.require(Action::UseRequests)?;
    let viewer = Viewer::of(conn, session)?;
    let (cond, params) = filter_sql(&viewer, session, today, filter)?;
    let limit = filter.limit.unwrap_or(200).clamp(1, 1000);
    let sql = format!(
        "{}{cond} ORDER BY r.received_at DESC, r.tracking_code DESC LIMIT {limit}",
        req_select()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(bind(&params).as_slice(), req_from_row)?;
    let mut out = Vec::new();
    for row in rows {
        let req = row?;
        let summary: String =
            req.description.lines().next().unwrap_or("").chars().take(80).collect();
        out.push(RequestListItem {
            overdue: req.overdue(today),
            escalated: req.escalated_at.is_some() && req.state.is_open(),
            restricted: req.restricted(),
            reporter_name: (req.reporter_visible && !req.contact_name.is_empty())
                .then(|| req.contact_name.clone()),
            summary,
            id: req.id,
            tracking_code: req.tracking_code,
            category_code: req.category_code,
            category_name_th: req.category_name_th,
            category_name_en: req.category_name_en,
            kind: req.kind,
            state: req.state,
            address: req.address,
            area: req.area,
            received_at: req.received_at,
            due_on: req.due_on,
            department_name: req.department_name,
            assignee_name: req.assignee_name,
        });
    }
    Ok(out)
}

/// Counts for the area's tabs.
pub fn counts(conn: &Connection, session: &Session, today: NaiveDate) -> Result<RequestCounts> {
    session.require(Action::UseRequests)?;
    let viewer = Viewer::of(conn, session)?;
    let visible = privacy::visible_clause("r", "request");
    let mut params = viewer.params();
    params.push((":today", Value::Text(today.format("%Y-%m-%d").to_string())));
    params.push((":division", viewer.division_id.clone().map_or(Value::Null, Value::Text)));
    let open = "r.state IN ('received', 'checking', 'in_progress', 'forwarded')";
    let sql = format!(
        "SELECT count(*), \
         coalesce(sum({open} AND r.assignee_id = :viewer_id), 0), \
         coalesce(sum({open} AND r.department_id = :division), 0), \
         coalesce(sum({open} AND r.due_on < :today), 0) \
         FROM request r WHERE r.deleted_at IS NULL AND {visible}"
    );
    let (total, mine, division, overdue): (u32, u32, u32, u32) =
        conn.query_row(&sql, bind(&params).as_slice(), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    let sql = format!(
        "SELECT r.state, count(*) FROM request r WHERE r.deleted_at IS NULL AND {visible} GROUP BY r.state"
    );
    let mut stmt = conn.prepare(&sql)?;
    let found: Vec<(String, u32)> = stmt
        .query_map(bind(&viewer.params()).as_slice(), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let by_state = State::ALL
        .iter()
        .map(|s| (*s, found.iter().find(|(n, _)| n == s.as_str()).map_or(0, |(_, c)| *c)))
        .collect();
    Ok(RequestCounts {
        by_state,
        total,
        mine,
        division,
        overdue,
        callbacks: u32::try_from(callbacks(conn, session)?.len()).unwrap_or(u32::MAX),
    })
}

/// The call-back list: call-backs waiting on requests this user may see (a restricted one's only for its
/// handlers: the entry names the reporter), oldest first.
pub fn callbacks(conn: &Connection, session: &Session) -> Result<Vec<CallBack>> {
    session.require(Action::UseRequests)?;
    let viewer = Viewer::of(conn, session)?;
    let sql = format!(
        "SELECT n.id, r.id, r.tracking_code, n.recipient, n.message, n.created_at \
         FROM notification n JOIN request r ON r.id = n.request_id \
         WHERE n.deleted_at IS NULL AND n.channel = 'call_back' AND n.state = 'queued' \
         AND r.deleted_at IS NULL AND {} AND {} ORDER BY n.created_at, n.id",
        privacy::visible_clause("r", "request"),
        reporter_visible_sql()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(bind(&viewer.params()).as_slice(), |r| {
        Ok(CallBack {
            id: r.get(0)?,
            request_id: r.get(1)?,
            tracking_code: r.get(2)?,
            recipient: r.get(3)?,
            message: r.get(4)?,
            at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The active staff who work requests, with their divisions (for the assign form).
pub fn staff(conn: &Connection, session: &Session) -> Result<Vec<StaffOption>> {
    session.require(Action::UseRequests)?;
    let mut stmt = conn.prepare(
        "SELECT u.id, u.display_name, d.code FROM app_user u LEFT JOIN department d ON d.id = u.department_id \
         WHERE u.deleted_at IS NULL AND u.active = 1 AND u.role IN ('clerk', 'finance', 'supervisor') \
         ORDER BY d.sort_order, u.display_name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(StaffOption { id: r.get(0)?, display_name: r.get(1)?, department_code: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
