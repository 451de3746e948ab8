//! Import of the office's old Google Form (a responses export as CSV): every row is checked first, each bad
//! line is reported with its reason, and nothing is imported unless all pass; a row imported before is
//! skipped (its fingerprint is kept on the request).
//!
//! The file is what Google Sheets downloads as "Comma-separated values (.csv)": UTF-8 (a BOM is allowed),
//! RFC 4180 quoting (a suggestion may span lines), the form's questions as the header row. The default
//! headers are the seed form's (see `docs/requests-google-form.md`); a mapping file renames columns and maps
//! request-type answers to category codes. The age range is checked (a bad one usually means shifted
//! columns) but not kept: nothing in the office's work needs it.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::ops::{IntakeInput, intake_in};
use super::{ContactChannel, Source};
use crate::auth::{Action, Session};
use crate::db::Db;
use crate::error::{Error, ErrorCode, Result};
use crate::i18n::{Lang, tr};
use crate::thai::date::{long_date, office_offset};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// Data rows read.
    pub rows: u32,
    /// Requests created.
    pub imported: u32,
    /// Rows imported before (or repeated in the file), skipped.
    pub skipped: u32,
    /// The tracking codes created, in row order.
    pub tracking_codes: Vec<String>,
}

/// The category an answer that matches no category goes to (Google Forms' "อื่นๆ" free text).
const OTHER_CATEGORY: &str = "other_service";

/// At most this many bad lines are spelled out in the error; the rest are counted.
const MAX_LISTED_LINES: usize = 200;

/// A description's limit (as at the counter).
const MAX_DESCRIPTION: usize = 4000;

/// The seed form's age choices.
const AGE_RANGES: [&str; 5] =
    ["อายุ 20 - 30 ปี", "อายุ 31 - 40 ปี", "อายุ 41 - 50 ปี", "อายุ 51 - 60 ปี", "อายุ 60 ปีขึ้นไป"];

/// A question of the form, as the mapping file names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Timestamp,
    Email,
    Name,
    Phone,
    Address,
    Age,
    RequestType,
    Place,
    Date,
    Suggestion,
}

impl Field {
    const ALL: [Field; 10] = [
        Field::Timestamp,
        Field::Email,
        Field::Name,
        Field::Phone,
        Field::Address,
        Field::Age,
        Field::RequestType,
        Field::Place,
        Field::Date,
        Field::Suggestion,
    ];

    /// The mapping file's name of the field.
    fn key(self) -> &'static str {
        match self {
            Field::Timestamp => "timestamp",
            Field::Email => "email",
            Field::Name => "name",
            Field::Phone => "phone",
            Field::Address => "address",
            Field::Age => "age",
            Field::RequestType => "request_type",
            Field::Place => "place",
            Field::Date => "date",
            Field::Suggestion => "suggestion",
        }
    }

    /// The seed form's headers (the first is the one named in errors), plus the spellings Google adds
    /// (`ที่อยู่อีเมล` when the form collects addresses itself) and the seed document's variants.
    fn default_headers(self) -> &'static [&'static str] {
        match self {
            Field::Timestamp => &["ประทับเวลา", "Timestamp"],
            Field::Email => &["อีเมล", "ที่อยู่อีเมล", "Email address", "Email"],
            Field::Name => &["ชื่อ - นามสกุล"],
            Field::Phone => &["หมายเลขโทรศัพท์"],
            Field::Address => &["ที่อยู่ตามทะเบียนบ้าน"],
            Field::Age => &["อายุ (ปี)"],
            Field::RequestType => &["แจ้งเรื่องที่ต้องการขอรับบริการ", "แจ้งเรื่องที่ร้องการขอรับบริการ"],
            Field::Place => &["สถานที่ที่ต้องการรับบริการ", "ที่เกิดที่ร้องการรับบริการ"],
            Field::Date => &["วันที่แจ้งเรื่องการขอรับบริการ (วัน/เดือน/ปี)", "วันที่แจ้งเรื่องการขอรับบริการ"],
            Field::Suggestion => &["ข้อเสนอแนะ"],
        }
    }

    fn required(self) -> bool {
        matches!(self, Field::Name | Field::Phone | Field::RequestType | Field::Place | Field::Date)
    }
}

/// The mapping file: `{"columns": {"name": "ชื่อผู้แจ้ง"}, "request_types": {"ขอไฟถนน": "street_light"}}`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Mapping {
    #[serde(default)]
    columns: BTreeMap<String, String>,
    #[serde(default)]
    request_types: BTreeMap<String, String>,
}

/// Text as headers and answers are compared: trimmed, a required question's ` *` dropped, runs of
/// whitespace as one space, no spaces around `-` (or `–`), none before `ๆ`, zero-width spaces gone,
/// ASCII in lower case. `ชื่อ - นามสกุล` and `ชื่อ-นามสกุล` are the same header.
fn norm(s: &str) -> String {
    let s: String = s.chars().filter(|c| !matches!(c, '\u{200b}' | '\u{feff}')).collect();
    let s = s.trim().trim_end_matches('*').trim();
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ").replace('–', "-");
    collapsed.replace(" -", "-").replace("- ", "-").replace(" ๆ", "ๆ").to_lowercase()
}

/// One line of output text: spaces collapsed, trimmed.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A phone number as stored ([`crate::thai::phone::normalize`]), after undoing what spreadsheets do to it:
/// a `'` kept in front as a text marker, and the `0` dropped from a 9-digit mobile number starting 6, 8 or 9.
fn parse_phone(input: &str) -> Result<String> {
    let typed = input.trim().trim_start_matches('\'');
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    let restored =
        if digits.len() == 9 && digits.starts_with(['6', '8', '9']) && !typed.starts_with('+') {
            format!("0{digits}")
        } else {
            typed.to_owned()
        };
    crate::thai::phone::normalize(&restored)
        .ok_or_else(|| Error::validation("error.request.import.phone").arg("input", input.trim()))
}

/// A date as the form writes it: `dd/mm/yyyy` (also `d/m/yyyy`, with `-` or `.`), a year above 2400 being
/// B.E.; or ISO `yyyy-mm-dd`. `Ok(None)`: the shape is right but there is no such day.
fn parse_form_date(input: &str) -> std::result::Result<Option<NaiveDate>, ()> {
    let parts: Vec<&str> = input.trim().split(['/', '-', '.']).map(str::trim).collect();
    let [a, b, c] = parts.as_slice() else { return Err(()) };
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !(all_digits(a) && all_digits(b) && all_digits(c)) {
        return Err(());
    }
    let (year, month, day) = if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
        (*a, *b, *c)
    } else if a.len() <= 2 && b.len() <= 2 && c.len() == 4 {
        (*c, *b, *a)
    } else {
        return Err(());
    };
    let (Ok(year), Ok(month), Ok(day)) =
        (year.parse::<i32>(), month.parse::<u32>(), day.parse::<u32>())
    else {
        return Err(());
    };
    let year = crate::thai::date::ce_year(year);
    if !(1900..=2400).contains(&year) {
        return Err(());
    }
    Ok(NaiveDate::from_ymd_opt(year, month, day))
}

/// Google's response timestamp: `d/m/yyyy, H:MM:SS` or `d/m/yyyy H:MM:SS` (B.E. or C.E., office time), or
/// ISO (`2026-11-24T09:05:00+07:00`, or without an offset as office time).
fn parse_timestamp(input: &str) -> Option<DateTime<Utc>> {
    let s = input.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, format) {
            return office_to_utc(t);
        }
    }
    let (date, time) = match s.split_once(',') {
        Some((d, t)) => (d.trim(), t.trim()),
        None => s.split_once(char::is_whitespace).map(|(d, t)| (d.trim(), t.trim()))?,
    };
    let date = parse_form_date(date).ok()??;
    let time = NaiveTime::parse_from_str(time, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
        .ok()?;
    office_to_utc(date.and_time(time))
}

fn office_to_utc(t: NaiveDateTime) -> Option<DateTime<Utc>> {
    office_offset().from_local_datetime(&t).single().map(|t| t.with_timezone(&Utc))
}

/// An age answer: one of the form's ranges, or a number of years.
fn age_ok(input: &str) -> bool {
    let n = norm(input);
    if AGE_RANGES.iter().any(|r| norm(r) == n) {
        return true;
    }
    let number = n.trim_end_matches("ปี").trim();
    number.parse::<u32>().is_ok_and(|years| (1..=120).contains(&years))
}

/// The office's live, active categories: code, Thai name and the form's labels.
fn load_categories(conn: &Connection) -> Result<Vec<(String, String, Vec<String>)>> {
    let mut stmt = conn.prepare(
        "SELECT code, name_th, form_labels FROM request_category \
         WHERE deleted_at IS NULL AND active = 1 ORDER BY sort_order, code",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (code, name, labels) = row?;
        let labels: Vec<String> = serde_json::from_str(&labels).unwrap_or_default();
        out.push((code, name, labels));
    }
    Ok(out)
}

/// How answers to the request-type question find their category.
struct Types {
    by_label: HashMap<String, String>,
    names: HashMap<String, String>,
}

impl Types {
    fn new(categories: &[(String, String, Vec<String>)], mapping: &Mapping) -> Result<Types> {
        let mut by_label = HashMap::new();
        let mut names = HashMap::new();
        for (code, name, labels) in categories {
            names.insert(code.clone(), name.clone());
            for label in labels.iter().chain([code, name]) {
                by_label.entry(norm(label)).or_insert_with(|| code.clone());
            }
        }
        for (answer, code) in &mapping.request_types {
            if !names.contains_key(code.trim()) {
                return Err(Error::validation("error.request.import.mapping_type")
                    .arg("answer", answer.clone())
                    .arg("code", code.clone()));
            }
            by_label.insert(norm(answer), code.trim().to_owned());
        }
        Ok(Types { by_label, names })
    }

    /// `(category code, the free text when it is "other")`.
    fn find(&self, answer: &str) -> Option<(String, Option<String>)> {
        if let Some(code) = self.by_label.get(&norm(answer)) {
            return Some((code.clone(), None));
        }
        self.names.contains_key(OTHER_CATEGORY).then(|| {
            let text = clean(answer);
            let text = ["อื่นๆ", "อื่น ๆ", "อื่น"]
                .iter()
                .find_map(|p| text.strip_prefix(p))
                .map_or(text.as_str(), |rest| rest.trim_start_matches([':', ' ']))
                .to_owned();
            (OTHER_CATEGORY.to_owned(), Some(text))
        })
    }
}

/// A row that passed every check.
struct Row {
    line: u32,
    received_at: Option<DateTime<Utc>>,
    input: IntakeInput,
    fingerprint: String,
}

/// The columns of each field (a question Google repeats, after the form was edited, has two).
struct Columns {
    index: HashMap<&'static str, Vec<usize>>,
    header: HashMap<&'static str, String>,
}

impl Columns {
    fn find(header: &[String], mapping: &Mapping) -> Result<Columns> {
        for key in mapping.columns.keys() {
            if !Field::ALL.iter().any(|f| f.key() == key.trim()) {
                let names: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
                return Err(Error::validation("error.request.import.mapping_field")
                    .arg("input", key.clone())
                    .arg("fields", names.join(", ")));
            }
        }
        let normalised: Vec<String> = header.iter().map(|h| norm(h)).collect();
        let mut index = HashMap::new();
        let mut names = HashMap::new();
        let mut missing = Vec::new();
        for field in Field::ALL {
            let mapped = mapping.columns.iter().find(|(k, _)| k.trim() == field.key());
            let wanted: Vec<String> = match mapped {
                Some((_, h)) => vec![h.clone()],
                None => field.default_headers().iter().map(|h| (*h).to_owned()).collect(),
            };
            let wanted_norm: Vec<String> = wanted.iter().map(|h| norm(h)).collect();
            let found: Vec<usize> = normalised
                .iter()
                .enumerate()
                .filter(|(_, h)| wanted_norm.contains(h))
                .map(|(i, _)| i)
                .collect();
            match found.first() {
                Some(&first) => {
                    names.insert(field.key(), clean(&header[first]));
                }
                None if field.required() => missing.push(format!("\"{}\"", wanted[0])),
                None => {}
            }
            index.insert(field.key(), found);
        }
        if !missing.is_empty() {
            return Err(Error::validation("error.request.import.missing_columns")
                .arg("columns", missing.join(", ")));
        }
        Ok(Columns { index, header: names })
    }

    /// The field's first non-empty cell of `values`, trimmed.
    fn get<'a>(&self, field: Field, values: &'a [String]) -> &'a str {
        self.index
            .get(field.key())
            .into_iter()
            .flatten()
            .filter_map(|&i| values.get(i))
            .map(|v| v.trim())
            .find(|v| !v.is_empty())
            .unwrap_or("")
    }

    fn header(&self, field: Field) -> String {
        self.header.get(field.key()).cloned().unwrap_or_else(|| field.default_headers()[0].into())
    }
}

/// Checks one data row; every problem found is pushed with the line.
fn check_row(
    line: u32,
    values: &[String],
    cols: &Columns,
    types: &Types,
    now: DateTime<Utc>,
    errors: &mut Vec<(u32, Error)>,
) -> Option<Row> {
    let before = errors.len();
    let mut fail = |e: Error| errors.push((line, e));
    let required = |field: Field| {
        Error::validation("error.request.import.required").arg("column", cols.header(field))
    };
    let today = now.with_timezone(&office_offset()).date_naive();

    let raw_time = cols.get(Field::Timestamp, values);
    let received_at = if raw_time.is_empty() {
        None
    } else {
        match parse_timestamp(raw_time) {
            Some(t) if t > now => {
                fail(
                    Error::validation("error.request.import.timestamp_future")
                        .arg("input", raw_time),
                );
                None
            }
            Some(t) => Some(t),
            None => {
                fail(Error::validation("error.request.import.timestamp").arg("input", raw_time));
                None
            }
        }
    };

    let name = clean(cols.get(Field::Name, values));
    if name.is_empty() {
        fail(required(Field::Name));
    } else if name.chars().count() > 200 {
        fail(
            Error::validation("error.request.import.too_long")
                .arg("column", cols.header(Field::Name))
                .arg("max", "200"),
        );
    }

    let raw_phone = cols.get(Field::Phone, values);
    let phone = if raw_phone.is_empty() {
        fail(required(Field::Phone));
        String::new()
    } else {
        parse_phone(raw_phone).unwrap_or_else(|e| {
            fail(e);
            String::new()
        })
    };

    let email = cols.get(Field::Email, values).to_owned();
    if !email.is_empty() && !super::ops::is_email(&email) {
        fail(Error::validation("error.request.import.email").arg("input", email.clone()));
    }

    let age = cols.get(Field::Age, values);
    if !age.is_empty() && !age_ok(age) {
        fail(Error::validation("error.request.import.age").arg("input", age));
    }

    let raw_type = cols.get(Field::RequestType, values);
    let category = if raw_type.is_empty() {
        fail(required(Field::RequestType));
        None
    } else {
        let found = types.find(raw_type);
        if found.is_none() {
            fail(Error::validation("error.request.import.type").arg("input", clean(raw_type)));
        }
        found
    };

    let place = cols.get(Field::Place, values).trim().to_owned();
    if place.is_empty() {
        fail(required(Field::Place));
    }

    let raw_date = cols.get(Field::Date, values);
    let date = if raw_date.is_empty() {
        fail(required(Field::Date));
        None
    } else {
        match parse_form_date(raw_date) {
            Err(()) => {
                fail(Error::validation("error.request.import.date").arg("input", raw_date));
                None
            }
            Ok(None) => {
                fail(Error::validation("error.request.import.date_invalid").arg("input", raw_date));
                None
            }
            Ok(Some(d)) if d > today => {
                fail(
                    Error::validation("error.request.import.date_future")
                        .arg("input", raw_date)
                        .arg("today", long_date(today, Lang::Th))
                        .arg("today_en", long_date(today, Lang::En)),
                );
                None
            }
            Ok(Some(d)) => Some(d),
        }
    };

    let suggestion = cols.get(Field::Suggestion, values).trim().to_owned();
    let description = match &category {
        Some((code, other)) => {
            let mut parts: Vec<String> = Vec::new();
            if let Some(text) = other.as_ref().filter(|t| !t.is_empty()) {
                parts.push(text.clone());
            }
            if !suggestion.is_empty() {
                parts.push(suggestion);
            }
            if parts.is_empty() {
                parts.push(types.names.get(code).cloned().unwrap_or_default());
            }
            parts.join("\n")
        }
        None => String::new(),
    };
    if description.chars().count() > MAX_DESCRIPTION {
        fail(
            Error::validation("error.request.import.too_long")
                .arg("column", cols.header(Field::Suggestion))
                .arg("max", MAX_DESCRIPTION.to_string()),
        );
    }

    if errors.len() > before {
        return None;
    }
    let (Some((code, _)), Some(date)) = (category, date) else { return None };
    let fingerprint = {
        let parts = [
            received_at.map(crate::ids::timestamp).unwrap_or_default(),
            norm(&name),
            phone.clone(),
            norm(raw_type),
            norm(&place),
            date.to_string(),
            // Two responses alike in all the above but saying different things are two requests.
            norm(&description),
            email.trim().to_lowercase(),
        ];
        let digest = Sha256::digest(parts.join("\u{1f}").as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    let input = IntakeInput {
        category: code,
        contact_name: name,
        contact_phone: phone,
        contact_email: email,
        contact_address: clean(cols.get(Field::Address, values)),
        contact_channel: Some(ContactChannel::Sms),
        description,
        address: place,
        occurred_on: Some(date.to_string()),
        source: Some(Source::GoogleForm),
        ..IntakeInput::default()
    };
    Some(Row { line, received_at, input, fingerprint })
}

/// One validation error listing every bad line (`บรรทัด N: reason`), in Thai and in English.
fn lines_error(errors: &[(u32, Error)]) -> Error {
    let render = |lang: Lang| {
        let mut lines: Vec<String> = errors
            .iter()
            .take(MAX_LISTED_LINES)
            .map(|(line, e)| {
                tr(
                    lang,
                    "msg.request.import.line",
                    &[("line", line.to_string()), ("reason", e.message(lang))],
                )
            })
            .collect();
        if errors.len() > MAX_LISTED_LINES {
            let more = (errors.len() - MAX_LISTED_LINES).to_string();
            lines.push(tr(lang, "msg.request.import.more", &[("count", more)]));
        }
        lines.join("\n")
    };
    let bad: HashSet<u32> = errors.iter().map(|(l, _)| *l).collect();
    Error::validation("error.request.import.lines")
        .arg("count", bad.len().to_string())
        .arg("lines", render(Lang::Th))
        .arg("lines_en", render(Lang::En))
}

/// Imports `csv` (UTF-8, with or without a BOM). `mapping_json` overrides the default column headers and
/// request-type labels. Errors: a Thai validation error listing every bad line (`บรรทัด N: …`).
pub fn import_google_form(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    csv: &[u8],
    mapping_json: Option<&str>,
) -> Result<ImportReport> {
    session.require(Action::UseRequests)?;
    let text =
        std::str::from_utf8(csv).map_err(|_| Error::validation("error.request.import.utf8"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mapping: Mapping = match mapping_json.map(str::trim).filter(|m| !m.is_empty()) {
        Some(json) => serde_json::from_str(json).map_err(|e| {
            Error::validation("error.request.import.mapping").arg("reason", e.to_string())
        })?,
        None => Mapping::default(),
    };
    let records = crate::csv::parse_records(text)
        .map_err(|line| lines_error(&[(line, Error::validation("error.request.import.quote"))]))?;
    let mut records = records.into_iter();
    let Some((_, header)) = records.next() else {
        return Err(Error::validation("error.request.import.empty"));
    };
    let types = Types::new(&load_categories(db.conn())?, &mapping)?;
    let cols = Columns::find(&header, &mapping)?;
    let data: Vec<(u32, Vec<String>)> = records.collect();
    if data.is_empty() {
        return Err(Error::validation("error.request.import.no_rows"));
    }

    let mut errors = Vec::new();
    let rows: Vec<Row> = data
        .iter()
        .filter_map(|(line, values)| check_row(*line, values, &cols, &types, now, &mut errors))
        .collect();
    if !errors.is_empty() {
        return Err(lines_error(&errors));
    }

    let mut seen = HashSet::new();
    let mut fresh = Vec::new();
    for row in rows {
        let before: Option<i64> = db
            .conn()
            .query_row("SELECT 1 FROM request WHERE source_ref = ?1", [&row.fingerprint], |r| {
                r.get(0)
            })
            .optional()?;
        if seen.insert(row.fingerprint.clone()) && before.is_none() {
            fresh.push(row);
        }
    }
    let rows_read = u32::try_from(data.len()).unwrap_or(u32::MAX);
    let skipped = rows_read - u32::try_from(fresh.len()).unwrap_or(u32::MAX);
    if fresh.is_empty() {
        return Ok(ImportReport {
            rows: rows_read,
            imported: 0,
            skipped,
            tracking_codes: Vec::new(),
        });
    }
    let tracking_codes = db.write(&session.actor(), now, |w| {
        let mut codes = Vec::with_capacity(fresh.len());
        for row in &fresh {
            let received =
                intake_in(w, session, &row.input, Some(&row.fingerprint), row.received_at)
                    .map_err(|e| match e.code() {
                        ErrorCode::Validation => lines_error(&[(row.line, e)]),
                        _ => e,
                    })?;
            codes.push(received.tracking_code);
        }
        Ok(codes)
    })?;
    Ok(ImportReport {
        rows: rows_read,
        imported: u32::try_from(tracking_codes.len()).unwrap_or(u32::MAX),
        skipped,
        tracking_codes,
    })
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
