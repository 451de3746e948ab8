//! Changes to requests: intake, workflow steps, assignment, notes, attachments, rating, escalation and the
//! call-back list. Each is one [`Writer`] transaction with its events, notifications,
//! audit and outbox entries; bad input changes nothing.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json, json};
use ts_rs::TS;

use super::attachment::{self, AttachmentInput};
use super::category::{self, Category};
use super::view::{self, Req, RequestDetail, Viewer};
use super::{ContactChannel, Kind, Source, State};
use crate::auth::{Action, Session};
use crate::db::{Actor, Db, Entity, Writer};
use crate::error::{Error, ErrorCode, Result};
use crate::i18n::{Lang, t, tr};
use crate::privacy::Confidentiality;
use crate::thai::ThaiId;
use crate::thai::date::office_offset;

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

/// Longest description (Open311's limit).
const DESCRIPTION_MAX: usize = 4000;
/// Longest note.
const NOTE_MAX: usize = 2000;
/// The highest sequence of a tracking code.
const SEQ_MAX: u32 = 99_999;

/// The office date of `at`.
pub(crate) fn office_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&office_offset()).date_naive()
}

fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Takes a request (anyone who works requests): validates everything first, then writes the request, its
/// `received` event, its attachments, the citizen (new or linked), and the first notification (not for the
/// counter, where the slip is the acknowledgement).
pub fn intake(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    input: &IntakeInput,
) -> Result<Received> {
    session.require(Action::UseRequests)?;
    db.write(&session.actor(), now, |w| intake_in(w, session, input, None, None))
}

/// The reporter as checked: who, how to reach them, and how they want to hear back.
struct Contact {
    citizen_id: Option<String>,
    new_citizen: Option<(ThaiId, String, String, String)>,
    name: String,
    phone: String,
    email: String,
    address: String,
    channel: ContactChannel,
}

/// A Thai phone number as digits (`0812345678`), from `081-234-5678`, `+66 81 234 5678` and the like; empty
/// stays empty.
pub(crate) fn normalize_phone(input: &str) -> Result<String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    crate::thai::phone::normalize(trimmed)
        .ok_or_else(|| Error::validation("error.request.phone").arg("input", trimmed))
}

/// Whether `e` looks like an e-mail address: one `@` with something before it, a dotted domain after, no
/// spaces. The counter's intake and the old form's import share it.
pub(crate) fn is_email(e: &str) -> bool {
    e.len() <= 254
        && !e.chars().any(char::is_whitespace)
        && e.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty()
                && !host.contains('@')
                && host.split('.').count() >= 2
                && host.split('.').all(|part| !part.is_empty())
        })
}

/// An e-mail address, trimmed, if it looks like one ([`is_email`]); empty stays empty.
pub(crate) fn normalize_email(input: &str) -> Result<String> {
    let e = input.trim();
    if e.is_empty() {
        return Ok(String::new());
    }
    if !is_email(e) {
        return Err(Error::validation("error.request.email").arg("input", e));
    }
    Ok(e.to_owned())
}

/// Splits `นายบุญมี ศรีสุข` into title, first and last name.
fn split_name(full: &str) -> (String, String, String) {
    let full = full.trim();
    let (title, rest) = ["นางสาว", "นาย", "นาง", "น.ส.", "ด.ช.", "ด.ญ."]
        .iter()
        .find_map(|t| full.strip_prefix(t).map(|rest| ((*t).to_owned(), rest.trim())))
        .unwrap_or_default();
    let rest = if title.is_empty() { full } else { rest };
    let (first, last) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    (title, first.trim().to_owned(), last.trim().to_owned())
}

fn check_contact(
    conn: &Connection,
    session: &Session,
    input: &IntakeInput,
    kind: Kind,
) -> Result<Contact> {
    if input.anonymous && kind == Kind::Service {
        return Err(Error::validation("error.request.anonymous_service"));
    }
    let phone = normalize_phone(&input.contact_phone)?;
    let email = normalize_email(&input.contact_email)?;
    let mut name = input.contact_name.trim().to_owned();
    let mut address = input.contact_address.trim().to_owned();
    let mut citizen_id = None;
    let mut new_citizen = None;
    let mut phone = phone;
    if input.anonymous {
        if input.citizen_id.is_some()
            || input.thai_id.as_deref().is_some_and(|s| !s.trim().is_empty())
            || !name.is_empty()
        {
            return Err(Error::validation("error.request.anonymous_identity"));
        }
        address.clear();
    } else if let Some(id) = input.citizen_id.as_deref().filter(|s| !s.trim().is_empty()) {
        let sql = format!(
            "SELECT c.title || c.first_name || ' ' || c.last_name, coalesce(c.phone, ''), c.address \
             FROM citizen c WHERE c.id = :id AND c.deleted_at IS NULL AND {}",
            crate::privacy::visible_clause("c", "citizen")
        );
        let found: Option<(String, String, String)> = conn
            .query_row(
                &sql,
                rusqlite::named_params! {
                    ":id": id.trim(),
                    ":viewer_id": session.user().id,
                    ":viewer_sees_restricted": crate::privacy::sees_all_restricted(session.role()),
                },
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (c_name, c_phone, c_address) =
            found.ok_or_else(|| Error::new(ErrorCode::NotFound, "error.citizen.not_found"))?;
        citizen_id = Some(id.trim().to_owned());
        if name.is_empty() {
            name = c_name;
        }
        if phone.is_empty() {
            phone = normalize_phone(&c_phone).unwrap_or_default();
        }
        if address.is_empty() {
            address = c_address;
        }
    } else if let Some(raw) = input.thai_id.as_deref().filter(|s| !s.trim().is_empty()) {
        let thai_id = ThaiId::parse(raw)?;
        let existing: Option<String> = conn
            .query_row(
                "SELECT id FROM citizen WHERE thai_id = ?1 AND deleted_at IS NULL",
                [thai_id.digits()],
                |r| r.get(0),
            )
            .optional()?;
        match existing {
            Some(id) => citizen_id = Some(id),
            None => {
                let (title, first, last) = split_name(&name);
                if first.is_empty() {
                    return Err(Error::validation("error.request.name_required"));
                }
                new_citizen = Some((thai_id, title, first, last));
            }
        }
    }
    if !input.anonymous && name.is_empty() {
        return Err(Error::validation("error.request.name_required"));
    }
    let channel = input.contact_channel.unwrap_or_else(|| {
        ContactChannel::default_for(!phone.is_empty(), !email.is_empty(), input.anonymous)
    });
    match channel {
        ContactChannel::Sms if phone.is_empty() => {
            return Err(Error::validation("error.request.channel_needs_phone"));
        }
        ContactChannel::Email if email.is_empty() => {
            return Err(Error::validation("error.request.channel_needs_email"));
        }
        // Calling back would show an anonymous reporter's phone to staff: updates go by SMS or e-mail only.
        ContactChannel::CallBack if input.anonymous => {
            return Err(Error::validation("error.request.anonymous_call_back"));
        }
        _ => {}
    }
    Ok(Contact { citizen_id, new_citizen, name, phone, email, address, channel })
}

/// A coordinate as exact decimal text within `limit` degrees.
fn coordinate(input: Option<&str>, limit: u32, key: &'static str) -> Result<Option<String>> {
    let Some(s) = input.map(str::trim).filter(|s| !s.is_empty()) else { return Ok(None) };
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let ok = !int.is_empty()
        && int.len() <= 3
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.len() <= 10
        && frac.chars().all(|c| c.is_ascii_digit())
        && !(body.contains('.') && frac.is_empty());
    let whole: u32 = int.parse().unwrap_or(u32::MAX);
    if !ok || whole > limit || (whole == limit && frac.chars().any(|c| c != '0')) {
        return Err(Error::validation(key).arg("input", s));
    }
    Ok(Some(s.to_owned()))
}

/// The next tracking code of this PC's block for the B.E. year of `day`: `R` + the year's last two digits +
/// the block (2 digits) + `-` + a 5-digit sequence.
fn next_tracking_code(conn: &Connection, day: NaiveDate) -> Result<String> {
    let block = crate::tax::settings::notice_block(conn)?;
    let be = crate::thai::date::be_year(day);
    let prefix = format!("R{:02}{block:02}-", be.rem_euclid(100));
    let max: Option<u32> = conn.query_row(
        "SELECT max(CAST(substr(tracking_code, 7) AS INTEGER)) FROM request \
         WHERE substr(tracking_code, 1, 6) = ?1 AND length(tracking_code) = 11",
        [&prefix],
        |r| r.get(0),
    )?;
    let seq = max.map_or(1, |m| m + 1);
    if seq > SEQ_MAX {
        return Err(
            Error::new(ErrorCode::Conflict, "error.request.codes_used_up").arg("prefix", prefix)
        );
    }
    Ok(format!("{prefix}{seq:05}"))
}

fn department_id(conn: &Connection, code: &str) -> Result<String> {
    conn.query_row(
        "SELECT id FROM department WHERE code = ?1 AND deleted_at IS NULL",
        [code.trim()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::validation("error.request.division").arg("input", code.trim()))
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
    session.require(Action::UseRequests)?;
    let category: Category = category::by_code(w.conn(), input.category.trim())?;
    if !category.active {
        return Err(
            Error::validation("error.request.category_closed").arg("input", category.name_th)
        );
    }
    let description = input.description.trim();
    if description.is_empty() {
        return Err(Error::validation("error.request.description"));
    }
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(Error::validation("error.request.description_long")
            .arg("max", DESCRIPTION_MAX.to_string()));
    }
    let source = input.source.unwrap_or(Source::Counter);
    let answers = if source == Source::GoogleForm {
        // The old online form never asked the category's questions: the officer answers them while checking.
        let mut relaxed = category.clone();
        relaxed.attributes.iter_mut().for_each(|a| a.required = false);
        category::validate_answers(&relaxed, &input.answers)?
    } else {
        category::validate_answers(&category, &input.answers)?
    };
    let contact = check_contact(w.conn(), session, input, category.kind)?;
    let lat = coordinate(input.lat.as_deref(), 90, "error.request.lat")?;
    let long = coordinate(input.long.as_deref(), 180, "error.request.long")?;
    if lat.is_some() != long.is_some() {
        return Err(Error::validation("error.request.coordinates_pair"));
    }
    let address = input.address.trim();
    if category.kind == Kind::Service && address.is_empty() && lat.is_none() {
        return Err(Error::validation("error.request.place"));
    }
    let received_at = received_at.unwrap_or_else(|| w.now());
    let received_day = office_day(received_at);
    let occurred_on = match input.occurred_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => crate::thai::date::parse_iso_date(s)?,
        None => received_day,
    };
    if occurred_on > office_day(w.now()) {
        return Err(
            Error::validation("error.request.date_future").arg("input", day_text(occurred_on))
        );
    }
    let default_level = if category.kind == Kind::Corruption {
        Confidentiality::Restricted
    } else {
        category.confidentiality
    };
    let level = match input.confidentiality {
        Some(l) if l < default_level => {
            return Err(Error::validation("error.request.confidentiality_lower"));
        }
        Some(l) => l,
        None => default_level,
    };
    if input.attachments.len() > attachment::MAX_ATTACHMENTS {
        return Err(Error::validation("error.request.attachments_many")
            .arg("max", attachment::MAX_ATTACHMENTS.to_string()));
    }
    if let Some(fingerprint) = source_ref {
        let seen: Option<i64> = w
            .conn()
            .query_row("SELECT 1 FROM request WHERE source_ref = ?1", [fingerprint], |r| r.get(0))
            .optional()?;
        if seen.is_some() {
            return Err(Error::new(ErrorCode::Conflict, "error.request.imported_before"));
        }
    }

    let citizen_id = match &contact.new_citizen {
        Some((thai_id, title, first, last)) => Some(w.insert(
            Entity::Citizen,
            &[
                ("thai_id", thai_id.digits().to_owned().into()),
                ("title", title.clone().into()),
                ("first_name", first.clone().into()),
                ("last_name", last.clone().into()),
                ("phone", (!contact.phone.is_empty()).then(|| contact.phone.clone()).into()),
                ("address", contact.address.clone().into()),
            ],
        )?),
        None => contact.citizen_id.clone(),
    };
    let due_on = received_day
        .checked_add_days(Days::new(u64::from(category.expected_days)))
        .unwrap_or(received_day);
    let department = match &category.department_code {
        Some(code) => Some(department_id(w.conn(), code)?),
        None => None,
    };
    let tracking_code = next_tracking_code(w.conn(), received_day)?;
    let received_stamp = crate::ids::timestamp(received_at);
    let id = w.insert(
        Entity::Request,
        &[
            ("tracking_code", tracking_code.clone().into()),
            ("category_id", category.id.clone().into()),
            ("kind", category.kind.as_str().to_owned().into()),
            ("state", State::Received.as_str().to_owned().into()),
            ("confidentiality", level_str(level).to_owned().into()),
            ("anonymous", i64::from(input.anonymous).into()),
            ("citizen_id", citizen_id.into()),
            ("contact_name", contact.name.clone().into()),
            ("contact_phone", contact.phone.clone().into()),
            ("contact_email", contact.email.clone().into()),
            ("contact_address", contact.address.clone().into()),
            ("contact_channel", contact.channel.as_str().to_owned().into()),
            ("description", description.to_owned().into()),
            ("attributes", Json::Object(answers).to_string().into()),
            ("address", address.to_owned().into()),
            ("area", input.area.trim().to_owned().into()),
            ("lat", lat.into()),
            ("long", long.into()),
            ("occurred_on", day_text(occurred_on).into()),
            ("received_at", received_stamp.clone().into()),
            ("received_by", session.user().id.clone().into()),
            ("source", source.as_str().to_owned().into()),
            ("due_on", day_text(due_on).into()),
            ("department_id", department.into()),
            ("source_ref", source_ref.map(str::to_owned).into()),
        ],
    )?;
    let received =
        EventInput { to: Some(State::Received), public: true, ..EventInput::by(Some(session)) };
    let event = insert_event(w, &id, "received", received)?;
    for file in &input.attachments {
        let meta = attachment::store_in(w, &id, file, "evidence")?;
        let detail = json!({ "attachment": meta.id, "purpose": "evidence" });
        insert_event(w, &id, "attachment", EventInput { detail, ..EventInput::by(Some(session)) })?;
    }
    if source != Source::Counter {
        let req = load_in(w, &id)?;
        notify(w, &req, &event, State::Received, "")?;
    }
    Ok(Received {
        id,
        tracking_code,
        kind: category.kind,
        category_name_th: category.name_th,
        category_name_en: category.name_en,
        department_name: category.department_name,
        received_at: received_stamp,
        due_on: day_text(due_on),
        contact_channel: contact.channel,
        restricted: level == Confidentiality::Restricted,
        anonymous: input.anonymous,
    })
}

fn level_str(level: Confidentiality) -> &'static str {
    match level {
        Confidentiality::Public => "public",
        Confidentiality::Internal => "internal",
        Confidentiality::Restricted => "restricted",
    }
}

/// A request inside a transaction, as the system sees it (every row; the caller has checked access).
fn load_in(w: &Writer<'_>, id: &str) -> Result<Req> {
    let system = Viewer { user_id: String::new(), supervises: true, division_id: None };
    view::load(w.conn(), &system, id)
}

/// What an event records besides its kind: by whom, the states, whether public, the note and details.
struct EventInput<'a> {
    user: Option<&'a str>,
    from: Option<State>,
    to: Option<State>,
    public: bool,
    note: &'a str,
    detail: Json,
}

impl<'a> EventInput<'a> {
    fn by(session: Option<&'a Session>) -> EventInput<'a> {
        EventInput {
            user: session.map(|s| s.user().id.as_str()),
            from: None,
            to: None,
            public: false,
            note: "",
            detail: json!({}),
        }
    }
}

fn insert_event(
    w: &mut Writer<'_>,
    request_id: &str,
    kind: &str,
    e: EventInput<'_>,
) -> Result<String> {
    let EventInput { user, from, to, public, note, detail } = e;
    let user = user.map(str::to_owned);
    w.insert(
        Entity::RequestEvent,
        &[
            ("request_id", request_id.to_owned().into()),
            ("kind", kind.to_owned().into()),
            ("user_id", user.into()),
            ("from_state", from.map(|s| s.as_str().to_owned()).into()),
            ("to_state", to.map(|s| s.as_str().to_owned()).into()),
            ("public", i64::from(public).into()),
            ("note", note.to_owned().into()),
            ("detail", detail.to_string().into()),
        ],
    )
}

/// Queues the citizen's message about `state` (and a public `note`) on their channel: SMS and e-mail wait
/// for the central endpoint; a call-back lands on the call-back list. Nothing for `none`.
fn notify(w: &mut Writer<'_>, req: &Req, event_id: &str, state: State, note: &str) -> Result<()> {
    let recipient = match req.contact_channel {
        ContactChannel::None => return Ok(()),
        ContactChannel::Sms => req.contact_phone.clone(),
        ContactChannel::Email => req.contact_email.clone(),
        ContactChannel::CallBack => {
            [req.contact_name.as_str(), req.contact_phone.as_str(), req.contact_address.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · ")
        }
    };
    let office = crate::office::summary(w.conn())?.map(|o| o.name).unwrap_or_default();
    let lang = Lang::Th;
    let mut message = tr(
        lang,
        "msg.request.notify",
        &[
            ("office", office),
            ("code", req.tracking_code.clone()),
            ("category", req.category_name_th.clone()),
            ("state", t(lang, state.label_key())),
        ],
    );
    if !note.trim().is_empty() {
        message.push_str(&tr(lang, "msg.request.notify_note", &[("note", note.trim().to_owned())]));
    }
    w.insert(
        Entity::Notification,
        &[
            ("request_id", req.id.clone().into()),
            ("event_id", event_id.to_owned().into()),
            ("channel", req.contact_channel.as_str().to_owned().into()),
            ("recipient", recipient.into()),
            ("message", message.into()),
            ("state", "queued".to_owned().into()),
        ],
    )?;
    Ok(())
}

/// Loads a visible request for a change and checks that `session` may work it.
fn workable(conn: &Connection, session: &Session, request_id: &str) -> Result<(Viewer, Req)> {
    session.require(Action::UseRequests)?;
    let viewer = Viewer::of(conn, session)?;
    let req = view::load(conn, &viewer, request_id)?;
    if !req.workable_by(&viewer) {
        return Err(Error::new(ErrorCode::NotPermitted, "error.request.not_yours")
            .arg("code", req.tracking_code.clone())
            .arg("division", req.department_name.unwrap_or_default()));
    }
    Ok((viewer, req))
}

fn check_note(note: &str) -> Result<&str> {
    let note = note.trim();
    if note.chars().count() > NOTE_MAX {
        return Err(Error::validation("error.request.note_long").arg("max", NOTE_MAX.to_string()));
    }
    Ok(note)
}

fn reread(db: &Db, session: &Session, now: DateTime<Utc>, id: &str) -> Result<RequestDetail> {
    view::get(db.conn(), session, office_day(now), id)
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
    let id = db.write(&session.actor(), now, |w| {
        change_state_in(w, session, request_id, to, note, duplicate_of)
    })?;
    reread(db, session, now, &id)
}

/// [`change_state`] inside a caller's transaction; returns the request's id.
pub(crate) fn change_state_in(
    w: &mut Writer<'_>,
    session: &Session,
    request_id: &str,
    to: State,
    note: &str,
    duplicate_of: Option<&str>,
) -> Result<String> {
    let (viewer, req) = workable(w.conn(), session, request_id)?;
    take_if_unhandled(w, session, &viewer, &req)?;
    let from = req.state;
    if !from.can_go(to) {
        let allowed: Vec<String> = from.next().iter().map(|s| t(Lang::Th, s.label_key())).collect();
        return Err(Error::validation("error.request.transition")
            .arg_key("from", from.label_key())
            .arg_key("to", to.label_key())
            .arg("allowed", allowed.join(", ")));
    }
    let note = check_note(note)?;
    if note.is_empty() && to.needs_public_note(from) {
        return Err(
            Error::validation("error.request.note_required").arg_key("state", to.label_key())
        );
    }
    let original = if to == State::Duplicate {
        let code = duplicate_of
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .ok_or_else(|| Error::validation("error.request.duplicate_of"))?;
        let original = view::load(w.conn(), &viewer, code)?;
        if original.id == req.id || original.state == State::Duplicate {
            return Err(Error::validation("error.request.duplicate_self").arg("input", code));
        }
        // The link would show a confidential complaint's code to everyone who sees this request.
        if original.restricted() && !req.restricted() {
            return Err(Error::validation("error.request.duplicate_restricted").arg("input", code));
        }
        Some(original)
    } else {
        None
    };
    let today = office_day(w.now());
    let category = category::by_code(w.conn(), &req.category_code)?;
    let stamp = crate::ids::timestamp(w.now());
    let mut fields: Vec<(&str, Value)> = vec![("state", to.as_str().to_owned().into())];
    fields.push(("closed_at", if to.is_open() { Value::Null } else { stamp.into() }));
    if !from.is_open() && to.is_open() {
        // Reopened: a fresh due date, escalation and rating.
        let due =
            today.checked_add_days(Days::new(u64::from(category.expected_days))).unwrap_or(today);
        fields.push(("due_on", day_text(due).into()));
        fields.push(("escalated_at", Value::Null));
        fields.push(("rating", Value::Null));
    }
    if !note.is_empty() {
        fields.push(("status_notes", note.to_owned().into()));
    }
    if let Some(o) = &original {
        fields.push(("duplicate_of", o.id.clone().into()));
    } else if from == State::Duplicate {
        fields.push(("duplicate_of", Value::Null));
    }
    w.update(Entity::Request, &req.id, &fields)?;
    let detail =
        original.as_ref().map_or_else(|| json!({}), |o| json!({ "duplicate_of": o.tracking_code }));
    let event = EventInput {
        from: Some(from),
        to: Some(to),
        public: true,
        note,
        detail,
        ..EventInput::by(Some(session))
    };
    let event = insert_event(w, &req.id, "state", event)?;
    let fresh = load_in(w, &req.id)?;
    notify(w, &fresh, &event, to, note)?;
    Ok(req.id)
}

/// Assigns a request to a division (by code; `Some("")` clears it) and a person (user id; `Some("")`
/// clears the assignee): supervisors anywhere; a division's member within their division (taking it
/// themselves included). A restricted request's assignee becomes a handler (access grant) and the previous
/// assignee stops being one.
pub fn assign(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    request_id: &str,
    department: Option<&str>,
    assignee_id: Option<&str>,
) -> Result<RequestDetail> {
    let id = db.write(&session.actor(), now, |w| {
        assign_in(w, session, request_id, department, assignee_id)
    })?;
    reread(db, session, now, &id)
}

/// [`assign`] inside a caller's transaction; returns the request's id.
pub(crate) fn assign_in(
    w: &mut Writer<'_>,
    session: &Session,
    request_id: &str,
    department: Option<&str>,
    assignee_id: Option<&str>,
) -> Result<String> {
    let (viewer, req) = workable(w.conn(), session, request_id)?;
    let new_department = match department.map(str::trim) {
        None => req.department_id.clone(),
        Some("") => None,
        Some(code) => Some(department_id(w.conn(), code)?),
    };
    if !viewer.supervises && new_department != req.department_id {
        return Err(Error::new(ErrorCode::NotPermitted, "error.request.assign_other_division"));
    }
    let new_assignee = match assignee_id.map(str::trim) {
        None => req.assignee_id.clone(),
        Some("") => None,
        Some(user) => {
            let found: Option<(String, Option<String>, i64)> = w
                .conn()
                .query_row(
                    "SELECT role, department_id, active FROM app_user WHERE id = ?1 AND deleted_at IS NULL",
                    [user],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let (role, division, active) = found
                .ok_or_else(|| Error::validation("error.request.assignee").arg("input", user))?;
            if active == 0 || !matches!(role.as_str(), "clerk" | "finance" | "supervisor") {
                return Err(Error::validation("error.request.assignee").arg("input", user));
            }
            if role != "supervisor" && new_department.is_some() && division != new_department {
                return Err(Error::validation("error.request.assignee_division"));
            }
            Some(user.to_owned())
        }
    };
    if new_department == req.department_id && new_assignee == req.assignee_id {
        return Ok(req.id);
    }
    w.update(
        Entity::Request,
        &req.id,
        &[
            ("department_id", new_department.clone().into()),
            ("assignee_id", new_assignee.clone().into()),
        ],
    )?;
    if req.restricted() && new_assignee != req.assignee_id {
        if let Some(old) = &req.assignee_id {
            revoke_grant(w, &req.id, old)?;
        }
        if let Some(new) = &new_assignee {
            grant(w, &req.id, new)?;
        }
    }
    let code: Option<String> = match &new_department {
        Some(id) => w
            .conn()
            .query_row("SELECT code FROM department WHERE id = ?1", [id], |r| r.get(0))
            .optional()?,
        None => None,
    };
    let detail = json!({ "department": code, "assignee": new_assignee });
    insert_event(w, &req.id, "assigned", EventInput { detail, ..EventInput::by(Some(session)) })?;
    Ok(req.id)
}

/// A supervisor who works a restricted request nobody handles yet becomes its assignee and handler, so the
/// reporter's call-backs have someone to see them (the reporter is shown to handlers only).
fn take_if_unhandled(
    w: &mut Writer<'_>,
    session: &Session,
    viewer: &Viewer,
    req: &Req,
) -> Result<()> {
    if !req.restricted() || req.assignee_id.is_some() || req.handler || !viewer.supervises {
        return Ok(());
    }
    assign_in(w, session, &req.id, None, Some(&viewer.user_id)).map(drop)
}

fn grant(w: &mut Writer<'_>, request_id: &str, user_id: &str) -> Result<()> {
    let live: Option<String> = w
        .conn()
        .query_row(
            "SELECT id FROM access_grant WHERE entity = 'request' AND entity_id = ?1 AND user_id = ?2 \
             AND deleted_at IS NULL",
            [request_id, user_id],
            |r| r.get(0),
        )
        .optional()?;
    if live.is_none() {
        w.insert(
            Entity::AccessGrant,
            &[
                ("entity", "request".to_owned().into()),
                ("entity_id", request_id.to_owned().into()),
                ("user_id", user_id.to_owned().into()),
            ],
        )?;
    }
    Ok(())
}

fn revoke_grant(w: &mut Writer<'_>, request_id: &str, user_id: &str) -> Result<()> {
    let ids: Vec<String> = {
        let mut stmt = w.conn().prepare(
            "SELECT id FROM access_grant WHERE entity = 'request' AND entity_id = ?1 AND user_id = ?2 \
             AND deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([request_id, user_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for id in ids {
        w.delete(Entity::AccessGrant, &id)?;
    }
    Ok(())
}

/// Adds a note: `public` ones the citizen sees (it becomes the Open311 `status_notes` and is sent to them),
/// internal ones they do not. Anyone who sees the request may add an internal note; public ones are for
/// those who work it.
pub fn add_note(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    request_id: &str,
    note: &str,
    public: bool,
) -> Result<RequestDetail> {
    let id =
        db.write(&session.actor(), now, |w| add_note_in(w, session, request_id, note, public))?;
    reread(db, session, now, &id)
}

/// [`add_note`] inside a caller's transaction; returns the request's id.
pub(crate) fn add_note_in(
    w: &mut Writer<'_>,
    session: &Session,
    request_id: &str,
    note: &str,
    public: bool,
) -> Result<String> {
    session.require(Action::UseRequests)?;
    let req = if public {
        let (viewer, req) = workable(w.conn(), session, request_id)?;
        take_if_unhandled(w, session, &viewer, &req)?;
        req
    } else {
        view::load(w.conn(), &Viewer::of(w.conn(), session)?, request_id)?
    };
    let note = check_note(note)?;
    if note.is_empty() {
        return Err(Error::validation("error.request.note_empty"));
    }
    let event = insert_event(
        w,
        &req.id,
        "note",
        EventInput { public, note, ..EventInput::by(Some(session)) },
    )?;
    if public {
        w.update(Entity::Request, &req.id, &[("status_notes", note.to_owned().into())])?;
        notify(w, &req, &event, req.state, note)?;
    }
    Ok(req.id)
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
    let id = db.write(&session.actor(), now, |w| {
        let (_, req) = workable(w.conn(), session, request_id)?;
        let count: i64 = w.conn().query_row(
            "SELECT count(*) FROM request_attachment WHERE request_id = ?1 AND deleted_at IS NULL",
            [&req.id],
            |r| r.get(0),
        )?;
        if usize::try_from(count).unwrap_or(usize::MAX) >= attachment::MAX_ATTACHMENTS {
            return Err(Error::validation("error.request.attachments_many")
                .arg("max", attachment::MAX_ATTACHMENTS.to_string()));
        }
        let purpose = if completion { "completion" } else { "evidence" };
        let meta = attachment::store_in(w, &req.id, input, purpose)?;
        let detail = json!({ "attachment": meta.id, "purpose": purpose });
        insert_event(
            w,
            &req.id,
            "attachment",
            EventInput { detail, ..EventInput::by(Some(session)) },
        )?;
        Ok(req.id)
    })?;
    reread(db, session, now, &id)
}

/// Records the citizen's satisfaction (1–5) with a request closed as done, once.
pub fn rate(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    request_id: &str,
    score: u8,
) -> Result<RequestDetail> {
    let id = db.write(&session.actor(), now, |w| rate_in(w, session, request_id, score))?;
    reread(db, session, now, &id)
}

/// [`rate`] inside a caller's transaction; returns the request's id.
pub(crate) fn rate_in(
    w: &mut Writer<'_>,
    session: &Session,
    request_id: &str,
    score: u8,
) -> Result<String> {
    session.require(Action::UseRequests)?;
    let viewer = Viewer::of(w.conn(), session)?;
    let req = view::load(w.conn(), &viewer, request_id)?;
    if !(1..=5).contains(&score) {
        return Err(Error::validation("error.request.rating").arg("input", score.to_string()));
    }
    if req.state != State::Done {
        return Err(Error::new(ErrorCode::Conflict, "error.request.rating_not_done"));
    }
    if req.rating.is_some() {
        return Err(Error::new(ErrorCode::Conflict, "error.request.rated_already"));
    }
    w.update(Entity::Request, &req.id, &[("rating", i64::from(score).into())])?;
    let detail = json!({ "rating": score });
    insert_event(w, &req.id, "rated", EventInput { detail, ..EventInput::by(Some(session)) })?;
    Ok(req.id)
}

/// Puts every open request past its due date before the supervisors, once (an `escalated` event and
/// `escalated_at`), as the system. Returns how many were escalated now. Shells call it when the requests
/// area opens and before lists.
pub fn escalate_overdue(db: &mut Db, now: DateTime<Utc>, today: NaiveDate) -> Result<u32> {
    let sql = "SELECT id, due_on FROM request WHERE deleted_at IS NULL AND escalated_at IS NULL \
               AND state IN ('received', 'checking', 'in_progress', 'forwarded') AND due_on < ?1 \
               ORDER BY due_on, id";
    let due_in = |conn: &Connection| -> Result<Vec<(String, String)>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([day_text(today)], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    // A cheap look first, so opening the area writes nothing when nothing is newly overdue.
    if due_in(db.conn())?.is_empty() {
        return Ok(0);
    }
    db.write(&Actor::system(), now, |w| {
        // Read again inside the write: another window may have escalated them meanwhile.
        let due = due_in(w.conn())?;
        let stamp = crate::ids::timestamp(w.now());
        for (id, due_on) in &due {
            w.update(Entity::Request, id, &[("escalated_at", stamp.clone().into())])?;
            let detail = json!({ "due_on": due_on });
            insert_event(w, id, "escalated", EventInput { detail, ..EventInput::by(None) })?;
        }
        Ok(u32::try_from(due.len()).unwrap_or(u32::MAX))
    })
}

/// Marks a call-back done with what happened (reached, no answer, …).
pub fn mark_called(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    notification_id: &str,
    outcome: &str,
) -> Result<()> {
    let outcome = outcome.trim();
    if outcome.is_empty() {
        return Err(Error::validation("error.request.callback_outcome"));
    }
    let user = session.user().id.clone();
    db.write(&session.actor(), now, |w| {
        // Read inside the write: a call-back someone else just marked is no longer waiting.
        let waiting = view::callbacks(w.conn(), session)?;
        let entry = waiting
            .iter()
            .find(|c| c.id == notification_id.trim())
            .ok_or_else(|| Error::new(ErrorCode::NotFound, "error.request.callback_not_found"))?;
        let stamp = crate::ids::timestamp(w.now());
        w.update(
            Entity::Notification,
            &entry.id,
            &[
                ("state", "done".to_owned().into()),
                ("done_at", stamp.into()),
                ("done_by", user.into()),
                ("outcome", outcome.to_owned().into()),
            ],
        )
    })
}
