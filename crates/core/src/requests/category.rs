//! Request categories: Open311 services with typed questions (attributes), a responsible division and an
//! expected completion time. A supervisor edits them; the defaults come from the office's online form.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use ts_rs::TS;

use super::Kind;
use crate::auth::Session;
use crate::db::{Db, Writer};
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
    pub sort_order: i64,
}

/// Every category, in order; inactive ones only when `include_inactive`. Anyone who works requests may read
/// them (the intake screen needs them).
pub fn categories(
    conn: &Connection,
    session: &Session,
    include_inactive: bool,
) -> Result<Vec<Category>> {
    let _ = (conn, session, include_inactive);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}

/// Creates or changes a category (supervisors). Questions are checked: unique codes, list attributes with
/// choices, Thai text present.
pub fn save_category(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    input: &CategoryInput,
) -> Result<Category> {
    let _ = (db, session, now, input);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}

/// The live category with `code` (active or not), or a Thai "no such category" error.
pub(crate) fn by_code(conn: &Connection, code: &str) -> Result<Category> {
    let _ = (conn, code);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}

/// Checks `answers` against the category's questions and returns them normalised (trimmed strings, numbers
/// as exact decimal text, list keys): a required question unanswered, an unknown code, a number that is not
/// one, or a choice not on the list is a Thai validation error naming the question.
pub(crate) fn validate_answers(category: &Category, answers: &Map<String, Json>) -> Result<Map<String, Json>> {
    let _ = (category, answers);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}

/// Inserts the default categories (the seed form's service requests, grievance, corruption) when the office
/// has none: at set-up, for the demo office, and for an office migrated to schema 6.
pub(crate) fn seed_defaults(w: &mut Writer<'_>) -> Result<()> {
    let _ = w;
    Ok(())
}
