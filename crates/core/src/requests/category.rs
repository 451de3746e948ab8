//! Request categories: Open311 services with typed questions (attributes), a responsible division and an
//! expected completion time. A supervisor edits them; the defaults come from the office's online form.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use ts_rs::TS;

use super::Kind;
use crate::auth::{Action, Session};
use crate::db::{Db, Entity, Writer};
use crate::error::{Error, ErrorCode, Result};
use crate::privacy::Confidentiality;

/// An Open311 attribute's datatype.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Datatype {
    /// One line of text.
    String,
    /// A number (exact decimal text).
    Number,
    /// A date or date and time (`YYYY-MM-DD` or RFC 3339).
    Datetime,
    /// Longer text.
    Text,
    /// One of `values`.
    Singlevaluelist,
    /// Any of `values`.
    Multivaluelist,
}

/// One choice of a list attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttributeValue {
    /// Stored and exported key.
    pub key: String,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
}

/// A typed question of a category, in Open311's attribute style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttributeDef {
    /// Open311 `code`: a-z, 0-9 and `_`, unique in the category.
    pub code: String,
    /// Open311 `datatype`.
    pub datatype: Datatype,
    /// Whether an answer is required.
    pub required: bool,
    /// The question in Thai (Open311 `description`).
    pub description_th: String,
    /// The question in English.
    pub description_en: String,
    /// Position on the form (Open311 `order`).
    pub order: u32,
    /// The choices of a list attribute (empty otherwise).
    pub values: Vec<AttributeValue>,
}

/// A request category as lists and the intake screen show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    /// UUIDv7.
    pub id: String,
    /// Open311 `service_code`.
    pub code: String,
    /// Service request, grievance or corruption complaint.
    pub kind: Kind,
    /// Thai name (Open311 `service_name`).
    pub name_th: String,
    /// English name.
    pub name_en: String,
    /// The responsible division's code, if any.
    pub department_code: Option<String>,
    /// The responsible division's Thai name (Open311 `agency_responsible`).
    pub department_name: Option<String>,
    /// Calendar days from receipt to the expected completion date.
    pub expected_days: u32,
    /// How widely its requests are seen by default (corruption: always restricted).
    pub confidentiality: Confidentiality,
    /// Its typed questions, in order.
    pub attributes: Vec<AttributeDef>,
    /// The old online form's answers that mean this category (for the import).
    pub form_labels: Vec<String>,
    /// Whether the intake screen offers it.
    pub active: bool,
    /// Position in lists.
    #[ts(type = "number")]
    pub sort_order: i64,
}

/// A category as a supervisor saves it: a new one when `id` is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryInput {
    /// The category to change, or `None` for a new one.
    pub id: Option<String>,
    /// Open311 `service_code`: 2–32 of a-z, 0-9, `_`; unique.
    pub code: String,
    /// Kind.
    pub kind: Kind,
    /// Thai name (required).
    pub name_th: String,
    /// English name (the Thai name when empty).
    pub name_en: String,
    /// The responsible division's code.
    pub department_code: Option<String>,
    /// Calendar days to complete (1–365).
    pub expected_days: u32,
    /// Default confidentiality (ignored for corruption: always restricted).
    pub confidentiality: Confidentiality,
    /// Its questions.
    pub attributes: Vec<AttributeDef>,
    /// The old online form's answers that mean it.
    pub form_labels: Vec<String>,
    /// Whether the intake screen offers it.
    pub active: bool,
    /// Position in lists.
    #[ts(type = "number")]
    pub sort_order: i64,
}

/// The columns [`from_row`] reads, joined to the responsible division.
const SELECT: &str = "SELECT c.id, c.code, c.kind, c.name_th, c.name_en, d.code, d.name_th, c.expected_days, \
     c.confidentiality, c.attributes, c.form_labels, c.active, c.sort_order \
     FROM request_category c LEFT JOIN department d ON d.id = c.department_id AND d.deleted_at IS NULL \
     WHERE c.deleted_at IS NULL";

/// Longest answer to a `string` question.
const STRING_MAX: usize = 200;
/// Longest answer to a `text` question.
const TEXT_MAX: usize = 2000;
/// Longest category or choice name.
const NAME_MAX: usize = 200;

fn level_str(level: Confidentiality) -> &'static str {
    match level {
        Confidentiality::Public => "public",
        Confidentiality::Internal => "internal",
        Confidentiality::Restricted => "restricted",
    }
}

fn parse_level(s: &str) -> Confidentiality {
    match s {
        "public" => Confidentiality::Public,
        "restricted" => Confidentiality::Restricted,
        _ => Confidentiality::Internal,
    }
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Category> {
    let kind: String = r.get(2)?;
    let days: i64 = r.get(7)?;
    let level: String = r.get(8)?;
    let attributes: String = r.get(9)?;
    let labels: String = r.get(10)?;
    Ok(Category {
        id: r.get(0)?,
        code: r.get(1)?,
        kind: Kind::parse(&kind).unwrap_or(Kind::Service),
        name_th: r.get(3)?,
        name_en: r.get(4)?,
        department_code: r.get(5)?,
        department_name: r.get(6)?,
        expected_days: u32::try_from(days).unwrap_or(1),
        confidentiality: parse_level(&level),
        attributes: serde_json::from_str(&attributes).unwrap_or_default(),
        form_labels: serde_json::from_str(&labels).unwrap_or_default(),
        active: r.get::<_, i64>(11)? != 0,
        sort_order: r.get(12)?,
    })
}

/// Every category, in order; inactive ones only when `include_inactive`. Anyone who works requests may read
/// them (the intake screen needs them).
pub fn categories(
    conn: &Connection,
    session: &Session,
    include_inactive: bool,
) -> Result<Vec<Category>> {
    if !session.can(Action::ManageRequestCategories) {
        session.require(Action::UseRequests)?;
    }
    let sql =
        format!("{SELECT} AND (c.active = 1 OR ?1 = 1) ORDER BY c.sort_order, c.name_th, c.code");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([i64::from(include_inactive)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The live category with id `id`, if any.
fn by_id(conn: &Connection, id: &str) -> Result<Option<Category>> {
    let sql = format!("{SELECT} AND c.id = ?1");
    Ok(conn.query_row(&sql, [id], from_row).optional()?)
}

/// A code of a-z, 0-9 and `_` within `len` characters.
fn code_ok(code: &str, len: std::ops::RangeInclusive<usize>) -> bool {
    len.contains(&code.len())
        && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// What [`save_category`] writes, checked.
struct Checked {
    code: String,
    name_th: String,
    name_en: String,
    department_id: Option<String>,
    confidentiality: Confidentiality,
    attributes: Vec<AttributeDef>,
    form_labels: Vec<String>,
}

fn check_input(conn: &Connection, input: &CategoryInput) -> Result<Checked> {
    let code = input.code.trim().to_ascii_lowercase();
    if !code_ok(&code, 2..=32) {
        return Err(
            Error::validation("error.request.category_code").arg("input", input.code.trim())
        );
    }
    let taken: Option<String> = conn
        .query_row(
            "SELECT id FROM request_category WHERE code = ?1 AND id <> ?2",
            [code.as_str(), input.id.as_deref().unwrap_or_default()],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(Error::validation("error.request.category_code_taken").arg("input", code));
    }
    let name_th = input.name_th.trim().to_owned();
    if name_th.is_empty() || name_th.chars().count() > NAME_MAX {
        return Err(
            Error::validation("error.request.category_name").arg("max", NAME_MAX.to_string())
        );
    }
    let name_en = match input.name_en.trim() {
        "" => name_th.clone(),
        en => en.to_owned(),
    };
    if !(1..=365).contains(&input.expected_days) {
        return Err(Error::validation("error.request.category_days")
            .arg("input", input.expected_days.to_string()));
    }
    let department_id = match input.department_code.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(dept) => Some(
            conn.query_row(
                "SELECT id FROM department WHERE code = ?1 AND deleted_at IS NULL",
                [dept],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::validation("error.request.division").arg("input", dept))?,
        ),
    };
    let confidentiality = if input.kind == Kind::Corruption {
        Confidentiality::Restricted
    } else {
        input.confidentiality
    };
    let attributes = check_attributes(&input.attributes)?;
    let mut form_labels: Vec<String> = Vec::new();
    for label in &input.form_labels {
        let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
        if !label.is_empty() && !form_labels.contains(&label) {
            form_labels.push(label);
        }
    }
    Ok(Checked { code, name_th, name_en, department_id, confidentiality, attributes, form_labels })
}

/// The questions, trimmed and checked, in their order.
fn check_attributes(input: &[AttributeDef]) -> Result<Vec<AttributeDef>> {
    let mut out: Vec<AttributeDef> = Vec::with_capacity(input.len());
    for a in input {
        let code = a.code.trim().to_ascii_lowercase();
        if !code_ok(&code, 1..=32) {
            return Err(
                Error::validation("error.request.attribute_code").arg("input", a.code.trim())
            );
        }
        if out.iter().any(|o| o.code == code) {
            return Err(Error::validation("error.request.attribute_duplicate").arg("input", code));
        }
        let description_th = a.description_th.trim().to_owned();
        if description_th.is_empty() {
            return Err(Error::validation("error.request.attribute_question").arg("input", code));
        }
        let description_en = match a.description_en.trim() {
            "" => description_th.clone(),
            en => en.to_owned(),
        };
        let is_list = matches!(a.datatype, Datatype::Singlevaluelist | Datatype::Multivaluelist);
        if is_list && a.values.is_empty() {
            return Err(
                Error::validation("error.request.attribute_values").arg("question", description_th)
            );
        }
        if !is_list && !a.values.is_empty() {
            return Err(Error::validation("error.request.attribute_no_values")
                .arg("question", description_th));
        }
        let mut values: Vec<AttributeValue> = Vec::with_capacity(a.values.len());
        for v in &a.values {
            let key = v.key.trim().to_ascii_lowercase();
            if !code_ok(&key, 1..=32) || values.iter().any(|o| o.key == key) {
                return Err(Error::validation("error.request.attribute_value_key")
                    .arg("question", description_th)
                    .arg("input", v.key.trim()));
            }
            let name_th = v.name_th.trim().to_owned();
            if name_th.is_empty() || name_th.chars().count() > NAME_MAX {
                return Err(Error::validation("error.request.attribute_value_name")
                    .arg("question", description_th)
                    .arg("input", key));
            }
            let name_en = match v.name_en.trim() {
                "" => name_th.clone(),
                en => en.to_owned(),
            };
            values.push(AttributeValue { key, name_th, name_en });
        }
        out.push(AttributeDef {
            code,
            datatype: a.datatype,
            required: a.required,
            description_th,
            description_en,
            order: a.order,
            values,
        });
    }
    out.sort_by_key(|a| a.order);
    Ok(out)
}

/// Creates or changes a category (supervisors). Questions are checked: unique codes, list attributes with
/// choices, Thai text present.
pub fn save_category(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    input: &CategoryInput,
) -> Result<Category> {
    session.require(Action::ManageRequestCategories)?;
    if let Some(id) = input.id.as_deref()
        && by_id(db.conn(), id)?.is_none()
    {
        return Err(Error::new(ErrorCode::NotFound, "error.request.category").arg("input", id));
    }
    let c = check_input(db.conn(), input)?;
    let attributes = serde_json::to_string(&c.attributes)
        .map_err(|e| Error::new(ErrorCode::Internal, "error.internal").with_source(e))?;
    let labels = serde_json::to_string(&c.form_labels)
        .map_err(|e| Error::new(ErrorCode::Internal, "error.internal").with_source(e))?;
    let fields: Vec<(&str, Value)> = vec![
        ("code", c.code.into()),
        ("kind", input.kind.as_str().to_owned().into()),
        ("name_th", c.name_th.into()),
        ("name_en", c.name_en.into()),
        ("department_id", c.department_id.into()),
        ("expected_days", i64::from(input.expected_days).into()),
        ("confidentiality", level_str(c.confidentiality).to_owned().into()),
        ("attributes", attributes.into()),
        ("form_labels", labels.into()),
        ("active", i64::from(input.active).into()),
        ("sort_order", input.sort_order.into()),
    ];
    let id = db.write(&session.actor(), now, |w| match input.id.as_deref() {
        Some(id) => w.update(Entity::RequestCategory, id, &fields).map(|()| id.to_owned()),
        None => w.insert(Entity::RequestCategory, &fields),
    })?;
    by_id(db.conn(), &id)?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "error.request.category").arg("input", id))
}

/// The live category with `code` (active or not), or a Thai "no such category" error.
pub(crate) fn by_code(conn: &Connection, code: &str) -> Result<Category> {
    let code = code.trim();
    let sql = format!("{SELECT} AND c.code = lower(?1)");
    conn.query_row(&sql, [code], from_row)
        .optional()?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "error.request.category").arg("input", code))
}

/// Exact decimal text: an optional sign, digits, and an optional point followed by digits. A leading `+`
/// is dropped.
fn decimal(s: &str) -> Option<String> {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (body, None),
    };
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    Some(if s.starts_with('+') { body.to_owned() } else { s.to_owned() })
}

/// A date (`YYYY-MM-DD`, C.E.) or an RFC 3339 date and time.
fn datetime_ok(s: &str) -> bool {
    (s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok())
        || DateTime::parse_from_rfc3339(s).is_ok()
}

/// The key of the choice `answer` names: its key (any case), its Thai name or its English name.
fn choice(a: &AttributeDef, answer: &str) -> Result<String> {
    let answer = answer.trim();
    a.values
        .iter()
        .find(|v| {
            v.key.eq_ignore_ascii_case(answer)
                || v.name_th == answer
                || v.name_en.eq_ignore_ascii_case(answer)
        })
        .map(|v| v.key.clone())
        .ok_or_else(|| {
            let names: Vec<&str> = a.values.iter().map(|v| v.name_th.as_str()).collect();
            Error::validation("error.request.answer_choice")
                .arg("question", a.description_th.clone())
                .arg("input", answer)
                .arg("choices", names.join(", "))
        })
}

/// A scalar answer as text: strings as they are, numbers and booleans as written; `None` for null.
fn scalar(a: &AttributeDef, value: &Json) -> Result<Option<String>> {
    match value {
        Json::Null => Ok(None),
        Json::String(s) => Ok(Some(s.trim().to_owned())),
        Json::Number(n) => Ok(Some(n.to_string())),
        Json::Bool(_) | Json::Array(_) | Json::Object(_) => {
            Err(Error::validation("error.request.answer_type")
                .arg("question", a.description_th.clone()))
        }
    }
}

/// One answer normalised, or `None` when it is empty.
fn answer(a: &AttributeDef, value: &Json) -> Result<Option<Json>> {
    let too_long = |max: usize| {
        Error::validation("error.request.answer_long")
            .arg("question", a.description_th.clone())
            .arg("max", max.to_string())
    };
    if a.datatype == Datatype::Multivaluelist {
        let parts: Vec<String> = match value {
            Json::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    out.extend(scalar(a, item)?);
                }
                out
            }
            other => scalar(a, other)?
                .map(|s| s.split([',', '\n']).map(|p| p.trim().to_owned()).collect())
                .unwrap_or_default(),
        };
        let mut keys: Vec<Json> = Vec::new();
        for part in parts.iter().filter(|p| !p.is_empty()) {
            let key = Json::String(choice(a, part)?);
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        return Ok((!keys.is_empty()).then_some(Json::Array(keys)));
    }
    let Some(text) = scalar(a, value)?.filter(|s| !s.is_empty()) else { return Ok(None) };
    let normalised = match a.datatype {
        Datatype::String if text.chars().count() > STRING_MAX => return Err(too_long(STRING_MAX)),
        Datatype::Text if text.chars().count() > TEXT_MAX => return Err(too_long(TEXT_MAX)),
        Datatype::String | Datatype::Text => text,
        Datatype::Number => decimal(&text).ok_or_else(|| {
            Error::validation("error.request.answer_number")
                .arg("question", a.description_th.clone())
                .arg("input", text.clone())
        })?,
        Datatype::Datetime if datetime_ok(&text) => text,
        Datatype::Datetime => {
            return Err(Error::validation("error.request.answer_datetime")
                .arg("question", a.description_th.clone())
                .arg("input", text));
        }
        Datatype::Singlevaluelist | Datatype::Multivaluelist => choice(a, &text)?,
    };
    Ok(Some(Json::String(normalised)))
}

/// Checks `answers` against the category's questions and returns them normalised (trimmed strings, numbers
/// as exact decimal text, list keys): a required question unanswered, an unknown code, a number that is not
/// one, or a choice not on the list is a Thai validation error naming the question.
pub(crate) fn validate_answers(
    category: &Category,
    answers: &Map<String, Json>,
) -> Result<Map<String, Json>> {
    if let Some(unknown) =
        answers.keys().find(|k| !category.attributes.iter().any(|a| a.code == k.trim()))
    {
        let known: Vec<&str> = category.attributes.iter().map(|a| a.code.as_str()).collect();
        return Err(Error::validation("error.request.answer_unknown")
            .arg("input", unknown.clone())
            .arg("category", category.name_th.clone())
            .arg("codes", if known.is_empty() { "-".to_owned() } else { known.join(", ") }));
    }
    let mut out = Map::new();
    for a in &category.attributes {
        let given = answers.iter().find(|(k, _)| k.trim() == a.code).map(|(_, v)| v);
        match given.map(|v| answer(a, v)).transpose()?.flatten() {
            Some(v) => {
                out.insert(a.code.clone(), v);
            }
            None if a.required => {
                return Err(Error::validation("error.request.answer_required")
                    .arg("question", a.description_th.clone()));
            }
            None => {}
        }
    }
    Ok(out)
}

/// A default category: code, kind, Thai and English names, division code, days, confidentiality, the
/// questions and the online form's labels.
struct DefaultCategory {
    code: &'static str,
    kind: Kind,
    name_th: &'static str,
    name_en: &'static str,
    department: &'static str,
    days: u32,
    level: Confidentiality,
    attributes: fn() -> Vec<AttributeDef>,
    labels: &'static [&'static str],
}

fn question(
    code: &str,
    datatype: Datatype,
    required: bool,
    th: &str,
    en: &str,
    order: u32,
) -> AttributeDef {
    AttributeDef {
        code: code.to_owned(),
        datatype,
        required,
        description_th: th.to_owned(),
        description_en: en.to_owned(),
        order,
        values: Vec::new(),
    }
}

fn with_values(mut a: AttributeDef, values: &[(&str, &str, &str)]) -> AttributeDef {
    a.values = values
        .iter()
        .map(|(key, th, en)| AttributeValue {
            key: (*key).to_owned(),
            name_th: (*th).to_owned(),
            name_en: (*en).to_owned(),
        })
        .collect();
    a
}

fn household_water_questions() -> Vec<AttributeDef> {
    vec![
        question(
            "household_members",
            Datatype::Number,
            false,
            "จำนวนสมาชิกในครัวเรือน (คน)",
            "Household members",
            1,
        ),
        question(
            "water_volume",
            Datatype::String,
            false,
            "ภาชนะหรือปริมาณน้ำที่ต้องการ (เช่น ถัง 2,000 ลิตร)",
            "Water container or volume needed",
            2,
        ),
    ]
}

fn water_supply_questions() -> Vec<AttributeDef> {
    vec![
        with_values(
            question("problem", Datatype::Singlevaluelist, false, "ปัญหาที่พบ", "Problem", 1),
            &[
                ("no_water", "น้ำไม่ไหล", "No water"),
                ("leak", "ท่อแตก/รั่ว", "Burst or leaking pipe"),
                ("new_connection", "ขอติดตั้งประปาใหม่", "New connection"),
            ],
        ),
        question("meter_number", Datatype::String, false, "เลขมาตรวัดน้ำ", "Water meter number", 2),
    ]
}

fn street_light_questions() -> Vec<AttributeDef> {
    vec![
        with_values(
            // Required at the counter; rows imported from the old online form (which never asked it) skip
            // required questions (ops::intake_in).
            question("problem", Datatype::Singlevaluelist, true, "ปัญหาที่พบ", "Problem", 1),
            &[
                ("broken", "ไฟดับ/ชำรุด", "Out or broken"),
                ("new", "ขอติดตั้งใหม่", "New light"),
                ("flicker", "ไฟกะพริบ", "Flickering"),
            ],
        ),
        question("pole_number", Datatype::String, false, "เลขเสาไฟฟ้า", "Pole number", 2),
    ]
}

fn no_questions() -> Vec<AttributeDef> {
    Vec::new()
}

/// The defaults: the online form's service requests (with the form's option texts, their OCR variants in
/// the seed document, and short names), a grievance and a corruption complaint.
const DEFAULTS: &[DefaultCategory] = &[
    DefaultCategory {
        code: "water_supply_household",
        kind: Kind::Service,
        name_th: "การขอน้ำอุปโภค - บริโภค",
        name_en: "Household and drinking water delivery",
        department: "palad",
        days: 3,
        level: Confidentiality::Internal,
        attributes: household_water_questions,
        labels: &[
            "การขอน้ำอุปโภค - บริโภค",
            "การขอน้ำอุปโภค-บริโภค",
            "การขอน้ำอุปโภคบริโภค",
            "การขอทำอุปโภค - บริโภค",
            "ขอน้ำอุปโภค - บริโภค",
            "ขอน้ำอุปโภคบริโภค",
            "น้ำอุปโภค - บริโภค",
            "น้ำอุปโภคบริโภค",
            "น้ำดื่ม",
            "รถน้ำ",
        ],
    },
    DefaultCategory {
        code: "water_supply",
        kind: Kind::Service,
        name_th: "การขอระบบประปา หรือแจ้งน้ำไม่ไหล",
        name_en: "Water supply or no water",
        department: "works",
        days: 7,
        level: Confidentiality::Internal,
        attributes: water_supply_questions,
        labels: &[
            "การขอระบบประปา หรือแจ้งน้ำไม่ไหล",
            "การขอระบบประปาหรือแจ้งน้ำไม่ไหล",
            "การขอระบบประปา",
            "ขอระบบประปา",
            "แจ้งน้ำไม่ไหล",
            "น้ำไม่ไหล",
            "ประปา",
        ],
    },
    DefaultCategory {
        code: "street_light",
        kind: Kind::Service,
        name_th: "การขอระบบไฟฟ้าส่องสว่าง",
        name_en: "Street lighting",
        department: "works",
        days: 15,
        level: Confidentiality::Internal,
        attributes: street_light_questions,
        labels: &[
            "การขอระบบไฟฟ้าส่องสว่าง",
            "ขอระบบไฟฟ้าส่องสว่าง",
            "ไฟฟ้าส่องสว่าง",
            "ไฟส่องสว่าง",
            "ไฟฟ้าสาธารณะ",
            "ไฟถนน",
        ],
    },
    DefaultCategory {
        code: "electrical_installation",
        kind: Kind::Service,
        name_th: "การติดตั้งระบบไฟฟ้า",
        name_en: "Electrical installation",
        department: "works",
        days: 15,
        level: Confidentiality::Internal,
        attributes: no_questions,
        labels: &[
            "การติดตั้งระบบไฟฟ้า",
            "การติดตั้งเครื่องปรับอากาศไฟฟ้า",
            "การติดตั้งไฟฟ้า",
            "ติดตั้งระบบไฟฟ้า",
            "ติดตั้งไฟฟ้า",
        ],
    },
    DefaultCategory {
        code: "other_service",
        kind: Kind::Service,
        name_th: "อื่น ๆ",
        name_en: "Other",
        department: "palad",
        days: 15,
        level: Confidentiality::Internal,
        attributes: no_questions,
        labels: &["อื่นๆ", "อื่น ๆ", "อื่นๆ _____", "อื่น", "อื่นๆ (โปรดระบุ)"],
    },
    DefaultCategory {
        code: "grievance",
        kind: Kind::Grievance,
        name_th: "เรื่องร้องทุกข์/ร้องเรียนทั่วไป",
        name_en: "Grievance or general complaint",
        department: "palad",
        days: 15,
        level: Confidentiality::Internal,
        attributes: no_questions,
        labels: &["เรื่องร้องทุกข์/ร้องเรียนทั่วไป", "ร้องทุกข์", "ร้องเรียน", "เรื่องร้องทุกข์", "ร้องเรียนทั่วไป"],
    },
    DefaultCategory {
        code: "corruption",
        kind: Kind::Corruption,
        name_th: "ร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่",
        name_en: "Corruption or misconduct by officials",
        department: "palad",
        days: 30,
        level: Confidentiality::Restricted,
        attributes: no_questions,
        labels: &[
            "ร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่",
            "ร้องเรียนการทุจริตและประพฤติมิชอบ",
            "ร้องเรียนการทุจริต",
            "การทุจริต",
            "ทุจริต",
        ],
    },
];

/// Inserts the default categories (the seed form's service requests, grievance, corruption) when the office
/// has none: at set-up, for the demo office, and for an office migrated to schema 6.
pub(crate) fn seed_defaults(w: &mut Writer<'_>) -> Result<()> {
    let Some(office_id) = w.office_id().map(str::to_owned) else { return Ok(()) };
    let existing: i64 = w.conn().query_row(
        "SELECT count(*) FROM request_category WHERE office_id = ?1",
        [&office_id],
        |r| r.get(0),
    )?;
    if existing > 0 {
        return Ok(());
    }
    for (i, d) in DEFAULTS.iter().enumerate() {
        let department: Option<String> = w
            .conn()
            .query_row(
                "SELECT id FROM department WHERE code = ?1 AND deleted_at IS NULL",
                [d.department],
                |r| r.get(0),
            )
            .optional()?;
        let attributes = serde_json::to_string(&(d.attributes)())
            .map_err(|e| Error::new(ErrorCode::Internal, "error.internal").with_source(e))?;
        let labels = serde_json::to_string(d.labels)
            .map_err(|e| Error::new(ErrorCode::Internal, "error.internal").with_source(e))?;
        let order = i64::try_from(i).unwrap_or(0) * 10 + 10;
        w.insert(
            Entity::RequestCategory,
            &[
                ("code", d.code.to_owned().into()),
                ("kind", d.kind.as_str().to_owned().into()),
                ("name_th", d.name_th.to_owned().into()),
                ("name_en", d.name_en.to_owned().into()),
                ("department_id", department.into()),
                ("expected_days", i64::from(d.days).into()),
                ("confidentiality", level_str(d.level).to_owned().into()),
                ("attributes", attributes.into()),
                ("form_labels", labels.into()),
                ("active", 1_i64.into()),
                ("sort_order", order.into()),
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "category_tests.rs"]
mod tests;
