//! Reads: one request, lists and counts per role, the call-back list and the staff to assign. Restricted
//! requests a user may not see are absent from every one of them (see `privacy::visible_clause`).

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::attachment::AttachmentMeta;
use super::category::AttributeDef;
use super::{ContactChannel, Kind, Source, State};
use crate::auth::Session;
use crate::error::{Error, ErrorCode, Result};
use crate::privacy::Confidentiality;

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

/// One request by id or tracking code, as this user may see it; "not found" when it does not exist or is
/// restricted from them (never "not permitted", which would say it exists).
pub fn get(conn: &Connection, session: &Session, today: NaiveDate, id_or_code: &str) -> Result<RequestDetail> {
    let _ = (conn, session, today, id_or_code);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}

/// The requests matching `filter` that this user may see, newest first.
pub fn list(
    conn: &Connection,
    session: &Session,
    today: NaiveDate,
    filter: &ListFilter,
) -> Result<Vec<RequestListItem>> {
    let _ = (conn, session, today, filter);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}

/// Counts for the area's tabs.
pub fn counts(conn: &Connection, session: &Session, today: NaiveDate) -> Result<RequestCounts> {
    let _ = (conn, session, today);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}

/// The call-back list: call-backs waiting on requests this user may see, oldest first.
pub fn callbacks(conn: &Connection, session: &Session) -> Result<Vec<CallBack>> {
    let _ = (conn, session);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}

/// The active staff who work requests, with their divisions (for the assign form).
pub fn staff(conn: &Connection, session: &Session) -> Result<Vec<StaffOption>> {
    let _ = (conn, session);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}
