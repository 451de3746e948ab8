//! Export in Open311 GeoReport v2 field names (a JSON list) or CSV: never restricted requests, and no
//! personal data unless asked by a user who may export it.
//!
//! Fields, in order: `service_request_id` (the tracking code), `status` (`open`/`closed`), `status_notes`,
//! `service_name`, `service_code`, `description`, `agency_responsible` (the division), `service_notice`,
//! `requested_datetime`, `updated_datetime`, `expected_datetime`, `address`, `address_id`, `zipcode`, `lat`,
//! `long`, `media_url`, then Sala's own `sala_state` (the workflow state) and `sala_kind`; with personal data
//! also `first_name`, `last_name`, `phone`, `email` (Open311's POST names). Times are ISO 8601 in office time
//! (`+07:00`); the expected time is the end of the office day (16:30) of the due date. The CSV is UTF-8 with
//! a BOM (Excel then reads the Thai), CRLF, RFC 4180 quoting, and a text cell that Excel would take as a
//! formula (`=`, `+`, `-`, `@`) starts with `'`.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use rusqlite::Connection;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use ts_rs::TS;

use super::State;
use crate::auth::{Action, Session};
use crate::error::{Error, ErrorCode, Result};
use crate::thai::date::office_offset;

/// The export's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// A JSON list of GeoReport v2 request objects.
    Open311,
    /// CSV with the same field names as its header.
    Csv,
}

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportOptions {
    /// Format.
    pub format: ExportFormat,
    /// Received on or after this office date.
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    /// Received on or before this office date.
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    /// Add the reporter's name, phone and e-mail (needs `exportPersonalData`).
    pub include_personal: bool,
}

/// The end of the office day: a request due on a date is expected done by then.
const END_OF_OFFICE_DAY: (u32, u32) = (16, 30);

/// The Open311 fields, then Sala's.
const FIELDS: [&str; 19] = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
    "sala_state",
    "sala_kind",
];

/// The personal fields added with `include_personal`.
const PERSONAL_FIELDS: [&str; 4] = ["first_name", "last_name", "phone", "email"];

/// Text fields (never numbers) whose CSV cell is guarded against spreadsheet formulas.
const FREE_TEXT: [&str; 8] = [
    "status_notes",
    "service_name",
    "description",
    "agency_responsible",
    "address",
    "first_name",
    "last_name",
    "email",
];

/// One request in GeoReport v2 field names (serialised in this order).
#[derive(Serialize)]
struct Open311Request {
    service_request_id: String,
    status: &'static str,
    status_notes: String,
    service_name: String,
    service_code: String,
    description: String,
    agency_responsible: String,
    service_notice: &'static str,
    requested_datetime: String,
    updated_datetime: String,
    expected_datetime: String,
    address: String,
    address_id: &'static str,
    zipcode: &'static str,
    lat: Option<serde_json::Number>,
    long: Option<serde_json::Number>,
    media_url: &'static str,
    sala_state: &'static str,
    sala_kind: String,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    personal: Option<Personal>,
}

/// The reporter, in Open311's POST field names (empty for an anonymous one).
#[derive(Serialize)]
struct Personal {
    first_name: String,
    last_name: String,
    phone: String,
    email: String,
}

/// An RFC 3339 UTC stamp as ISO 8601 office time: `2026-11-24T09:05:00+07:00`.
fn office_time(stamp: &str) -> Result<String> {
    let t = DateTime::parse_from_rfc3339(stamp)
        .map_err(|e| Error::new(ErrorCode::Internal, "error.internal").with_source(e))?;
    Ok(t.with_timezone(&office_offset()).format("%Y-%m-%dT%H:%M:%S%:z").to_string())
}

/// The due date's end of office day, in office time.
fn expected_time(due_on: &str) -> Result<String> {
    let day = NaiveDate::parse_from_str(due_on, "%Y-%m-%d")
        .map_err(|e| Error::new(ErrorCode::Internal, "error.internal").with_source(e))?;
    let (h, m) = END_OF_OFFICE_DAY;
    let at = day.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default());
    let t = office_offset()
        .from_local_datetime(&at)
        .single()
        .ok_or_else(|| Error::new(ErrorCode::Internal, "error.internal"))?;
    Ok(t.format("%Y-%m-%dT%H:%M:%S%:z").to_string())
}

/// Exact decimal text as a JSON number (`null` when absent or not a number).
fn coordinate(text: Option<&str>) -> Option<serde_json::Number> {
    text.map(str::trim).filter(|t| !t.is_empty()).and_then(|t| t.parse().ok())
}

/// The office midnight starting `day`, as stored (RFC 3339 UTC), for comparing with `received_at`.
fn day_start(day: NaiveDate) -> Result<String> {
    let t = office_offset()
        .from_local_datetime(&day.and_time(NaiveTime::MIN))
        .single()
        .ok_or_else(|| Error::new(ErrorCode::Internal, "error.internal"))?;
    Ok(crate::ids::timestamp(t.with_timezone(&Utc)))
}

fn csv_cell(field: &str, value: &Json) -> String {
    let mut s = match value {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    };
    if FREE_TEXT.contains(&field) && s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        s.insert(0, '\'');
    }
    crate::csv::field(&s)
}

/// The export as text (JSON or CSV).
pub fn export(conn: &Connection, session: &Session, options: &ExportOptions) -> Result<String> {
    session.require(Action::UseRequests)?;
    if options.include_personal {
        session.require(Action::ExportPersonalData)?;
    }
    if let (Some(from), Some(to)) = (options.from, options.to)
        && from > to
    {
        return Err(Error::validation("error.request.export.range")
            .arg("from", from.to_string())
            .arg("to", to.to_string()));
    }
    let from = options.from.map(day_start).transpose()?;
    let to = options.to.and_then(|d| d.succ_opt()).map(day_start).transpose()?;
    // Restricted requests never leave the office this way, whoever asks (corruption ones are restricted
    // always; the kind is checked as well, in case a row was ever stored otherwise).
    let sql = "SELECT r.tracking_code, r.state, r.status_notes, c.name_th, c.code, r.description, \
               d.name_th, r.received_at, r.updated_at, r.due_on, r.address, r.lat, r.long, r.kind, \
               r.anonymous, r.contact_name, r.contact_phone, r.contact_email \
               FROM request r JOIN request_category c ON c.id = r.category_id \
               LEFT JOIN department d ON d.id = r.department_id \
               WHERE r.deleted_at IS NULL AND r.confidentiality <> 'restricted' \
               AND r.kind <> 'corruption' \
               AND (?1 IS NULL OR r.received_at >= ?1) AND (?2 IS NULL OR r.received_at < ?2) \
               ORDER BY r.received_at, r.tracking_code";
    let mut stmt = conn.prepare(sql)?;
    let params = [from.map_or(Value::Null, Value::Text), to.map_or(Value::Null, Value::Text)];
    let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
    let mut items: Vec<Open311Request> = Vec::new();
    while let Some(r) = rows.next()? {
        let state = State::parse(&r.get::<_, String>(1)?)?;
        let lat: Option<String> = r.get(11)?;
        let long: Option<String> = r.get(12)?;
        let personal = if options.include_personal {
            let anonymous: i64 = r.get(14)?;
            let (name, phone, email): (String, String, String) = if anonymous == 1 {
                Default::default()
            } else {
                (r.get(15)?, r.get(16)?, r.get(17)?)
            };
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            let (first, last) = name.split_once(' ').unwrap_or((name.as_str(), ""));
            Some(Personal {
                first_name: first.to_owned(),
                last_name: last.to_owned(),
                phone,
                email,
            })
        } else {
            None
        };
        items.push(Open311Request {
            service_request_id: r.get(0)?,
            status: state.open311(),
            status_notes: r.get(2)?,
            service_name: r.get(3)?,
            service_code: r.get(4)?,
            description: r.get(5)?,
            agency_responsible: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
            service_notice: "",
            requested_datetime: office_time(&r.get::<_, String>(7)?)?,
            updated_datetime: office_time(&r.get::<_, String>(8)?)?,
            expected_datetime: expected_time(&r.get::<_, String>(9)?)?,
            address: r.get(10)?,
            address_id: "",
            zipcode: "",
            lat: coordinate(lat.as_deref()),
            long: coordinate(long.as_deref()),
            media_url: "",
            sala_state: state.as_str(),
            sala_kind: r.get(13)?,
            personal,
        });
    }
    match options.format {
        ExportFormat::Open311 => Ok(serde_json::to_string_pretty(&items)? + "\n"),
        ExportFormat::Csv => {
            let mut fields: Vec<&str> = FIELDS.to_vec();
            if options.include_personal {
                fields.extend(PERSONAL_FIELDS);
            }
            let mut out = String::from("\u{feff}");
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
            for item in &items {
                let Json::Object(item) = serde_json::to_value(item)? else {
                    return Err(Error::new(ErrorCode::Internal, "error.internal"));
                };
                let cells: Vec<String> = fields
                    .iter()
                    .map(|f| csv_cell(f, item.get(*f).unwrap_or(&Json::Null)))
                    .collect();
                out.push_str(&cells.join(","));
                out.push_str("\r\n");
            }
            Ok(out)
        }
    }
}

#[cfg(test)]
#[path = "export_tests.rs"]
mod tests;
