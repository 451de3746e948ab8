//! What the status bar shows: office, signed-in user, pending outbox, online state, today.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::auth::SessionState;
use crate::error::Result;
use crate::office::{self, OfficeSummary};

/// The app's state at a glance. `needs_setup` is true until an office exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    /// No office yet: the UI shows the first-run choice (demo office or setup wizard).
    pub needs_setup: bool,
    /// The office, once set up.
    pub office: Option<OfficeSummary>,
    /// Who is signed in, or whose screen is locked.
    pub session: SessionState,
    /// Changes waiting to be sent to the central server.
    pub outbox_pending: u32,
    /// When the oldest pending change was made (RFC 3339), to spot a stuck queue.
    pub oldest_pending_at: Option<String>,
    /// Whether the central endpoint answered the last check.
    pub online: bool,
    /// The configured central endpoint, if any.
    pub sync_endpoint: Option<String>,
    /// Today's local date, `YYYY-MM-DD` (the UI shows it in B.E.).
    pub today: String,
    /// Whether this is the demo office.
    pub demo: bool,
}

/// The outbox's pending count and oldest pending time.
pub fn outbox_pending(conn: &Connection) -> Result<(u32, Option<String>)> {
    Ok(conn.query_row(
        "SELECT count(*), min(created_at) FROM outbox WHERE state = 'pending'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// The configured central sync endpoint.
pub fn sync_endpoint(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT endpoint FROM sync_state", [], |r| r.get(0))?)
}

/// Assembles the status for `session` on `today`; `online` comes from the shell's connectivity check.
pub fn app_status(
    conn: &Connection,
    session: SessionState,
    today: NaiveDate,
    online: bool,
) -> Result<AppStatus> {
    let office = office::summary(conn)?;
    let (outbox_pending, oldest_pending_at) = outbox_pending(conn)?;
    Ok(AppStatus {
        needs_setup: office.is_none(),
        demo: office.as_ref().is_some_and(|o| o.is_demo),
        office,
        session,
        outbox_pending,
        oldest_pending_at,
        online,
        sync_endpoint: sync_endpoint(conn)?,
        today: today.format("%Y-%m-%d").to_string(),
    })
}
