//! The demo office's requests: a few of every kind and state, one restricted complaint, one overdue, one on
//! the call-back list.

use chrono::{DateTime, Utc};

use crate::db::Writer;
use crate::error::Result;

/// Seeds the demo requests (after users, citizens and categories exist).
pub(crate) fn seed(w: &mut Writer<'_>, now: DateTime<Utc>) -> Result<()> {
    let _ = (w, now);
    Ok(())
}
