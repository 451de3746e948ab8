//! Import of the office's old Google Form (a responses export as CSV): every row is checked first, each bad
//! line is reported with its reason, and nothing is imported unless all pass; a row imported before is
//! skipped (its fingerprint is kept on the request).

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::auth::Session;
use crate::db::Db;
use crate::error::{Error, ErrorCode, Result};

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

/// Imports `csv` (UTF-8, with or without a BOM). `mapping_json` overrides the default column headers and
/// request-type labels. Errors: a Thai validation error listing every bad line (`บรรทัด N: …`).
pub fn import_google_form(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    csv: &[u8],
    mapping_json: Option<&str>,
) -> Result<ImportReport> {
    let _ = (db, session, now, csv, mapping_json);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}
