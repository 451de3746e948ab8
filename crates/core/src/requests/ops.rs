//! Changes to requests: intake, workflow steps, assignment, notes, attachments, rating, escalation and the
//! call-back list. Each is one [`Writer`](crate::db::Writer) transaction with its events, notifications,
//! audit and outbox entries; bad input changes nothing.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use ts_rs::TS;

use super::attachment::AttachmentInput;
use super::view::RequestDetail;
use super::{ContactChannel, Kind, Source, State};
use crate::auth::Session;
use crate::db::{Db, Writer};
use crate::error::{Error, ErrorCode, Result};
use crate::privacy::Confidentiality;

/// A request as the counter (or the CLI, or the import) takes it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct IntakeInput {
    /// The category's code.
    pub category: String,
    /// A citizen on record (found by name, phone or ID), if any.
    pub citizen_id: Option<String>,
    /// A new citizen's 13-digit ID, when given (check digit verified); ignored when `citizen_id` is set.
    pub thai_id: Option<String>,
    /// Whether the reporter stays anonymous (corruption and grievances only): no name or ID is kept.
    pub anonymous: bool,
    /// Name as the reporter gives it (taken from the citizen record when linked).
    pub contact_name: String,
    /// Phone (digits, dashes allowed).
    pub contact_phone: String,
    /// E-mail.
    pub contact_email: String,
    /// Postal address.
    pub contact_address: String,
    /// How they want to hear back; `None` picks SMS with a phone, else e-mail, else the call-back list
    /// (nothing for an anonymous reporter who left no contact).
    pub contact_channel: Option<ContactChannel>,
    /// What is wrong or wanted (required, up to 4,000 characters).
    pub description: String,
    /// Answers to the category's questions, by attribute code.
    #[ts(type = "Record<string, unknown>")]
    pub answers: Map<String, Json>,
    /// The place (address text).
    pub address: String,
    /// หมู่ที่ / village, for lists by area.
    pub area: String,
    /// Latitude, WGS 84 decimal degrees.
    pub lat: Option<String>,
    /// Longitude.
    pub long: Option<String>,
    /// The date the citizen gives (`YYYY-MM-DD`); today when empty. Not in the future.
    pub occurred_on: Option<String>,
    /// How it arrived (the counter when empty).
    pub source: Option<Source>,
    /// A stricter confidentiality than the category's default (never looser; corruption is restricted).
    pub confidentiality: Option<Confidentiality>,
    /// Photos and documents.
    pub attachments: Vec<AttachmentInput>,
}

/// What the counter gets back from an intake: enough to print the acknowledgement slip, even for a
/// restricted complaint the clerk will not see again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Received {
    /// UUIDv7 of the request.
    pub id: String,
    /// The tracking code (on the slip, with its QR).
    pub tracking_code: String,
    /// Kind.
    pub kind: Kind,
    /// The category's Thai name.
    pub category_name_th: String,
    /// The category's English name.
    pub category_name_en: String,
    /// The responsible division's Thai name.
    pub department_name: Option<String>,
    /// When it was received (RFC 3339 UTC).
    pub received_at: String,
    /// The expected completion date (`YYYY-MM-DD`).
    pub due_on: String,
    /// How the citizen will hear back.
    pub contact_channel: ContactChannel,
    /// Whether the request is restricted (the clerk is told it will leave their lists).
    pub restricted: bool,
    /// Whether the reporter is anonymous.
    pub anonymous: bool,
}

/// Takes a request (anyone who works requests): validates everything first, then writes the request, its
/// `received` event, its attachments, the citizen (new or linked), the handler grants of a restricted one,
/// and the first notification (not for the counter, where the slip is the acknowledgement).
pub fn intake(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    input: &IntakeInput,
) -> Result<Received> {
    db.write(&session.actor(), now, |w| intake_in(w, session, input, None, None))
}

/// [`intake`] inside a caller's transaction (the import writes every row in one): `source_ref` is the
/// imported row's fingerprint (a second import of it is refused with `Conflict`), `received_at` its
/// timestamp (the writer's time when `None`).
pub(crate) fn intake_in(
    w: &mut Writer<'_>,
    session: &Session,
    input: &IntakeInput,
    source_ref: Option<&str>,
    received_at: Option<DateTime<Utc>>,
) -> Result<Received> {
    let _ = (w, session, input, source_ref, received_at);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}

/// Moves a request to `to` (its division, its assignee, its handlers or a supervisor). Notes the citizen
/// must read are required for not-ours, forwarded, cancelled and reopen; `duplicate_of` (a tracking code)
/// for duplicate. Queues the citizen's notification.
pub fn change_state(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    request_id: &str,
    to: State,
    note: &str,
    duplicate_of: Option<&str>,
) -> Result<RequestDetail> {
    let _ = (db, session, now, request_id, to, note, duplicate_of);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}

/// Assigns a request to a division (by code) and a person (user id): supervisors anywhere; a division's
/// member within their division (taking it themselves included). A restricted request's assignee becomes a
/// handler (access grant) and the previous assignee stops being one.
pub fn assign(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    request_id: &str,
    department: Option<&str>,
    assignee_id: Option<&str>,
) -> Result<RequestDetail> {
    let _ = (db, session, now, request_id, department, assignee_id);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}

/// Adds a note: `public` ones the citizen sees (and becomes the Open311 `status_notes`), internal ones
/// they do not.
pub fn add_note(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    request_id: &str,
    note: &str,
    public: bool,
) -> Result<RequestDetail> {
    let _ = (db, session, now, request_id, note, public);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}

/// Adds a photo or document: `completion` for proof of the work done, `evidence` otherwise.
pub fn add_attachment(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    request_id: &str,
    input: &AttachmentInput,
    completion: bool,
) -> Result<RequestDetail> {
    let _ = (db, session, now, request_id, input, completion);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}

/// Records the citizen's satisfaction (1–5) with a closed request, once.
pub fn rate(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    request_id: &str,
    score: u8,
) -> Result<RequestDetail> {
    let _ = (db, session, now, request_id, score);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}

/// Puts every open request past its due date before the supervisors, once (an `escalated` event and
/// `escalated_at`), as the system. Returns how many were escalated now. Shells call it when the requests
/// area opens and before lists.
pub fn escalate_overdue(db: &mut Db, now: DateTime<Utc>, today: NaiveDate) -> Result<u32> {
    let _ = (db, now, today);
    Ok(0)
}

/// Marks a call-back done with what happened (reached, no answer, …).
pub fn mark_called(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    notification_id: &str,
    outcome: &str,
) -> Result<()> {
    let _ = (db, session, now, notification_id, outcome);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}
