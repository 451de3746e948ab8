//! Export in Open311 GeoReport v2 field names (a JSON list) or CSV: never restricted requests, and no
//! personal data unless asked by a user who may export it.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Deserialize;
use ts_rs::TS;

use crate::auth::Session;
use crate::error::{Error, ErrorCode, Result};

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
    /// Add the reporter's name, phone, e-mail and address (needs `exportPersonalData`).
    pub include_personal: bool,
}

/// The export as text (JSON or CSV).
pub fn export(conn: &Connection, session: &Session, options: &ExportOptions) -> Result<String> {
    let _ = (conn, session, options);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}
