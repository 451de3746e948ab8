//! Attachments: photos and documents on a request. The type is read from the content (JPEG, PNG, WebP,
//! PDF), never from the name; the size is limited; the bytes are stored once by SHA-256 in `file_blob` and
//! only ever handed back as data (never opened or executed by Sala).

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::Session;
use crate::db::Writer;
use crate::error::{Error, ErrorCode, Result};

/// The largest attachment accepted: 10 MiB.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// A file as the intake screen or the CLI hands it in.
#[derive(Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentInput {
    /// The file's name as given (shown only; never used as a path).
    pub file_name: String,
    /// The content, base64 (standard alphabet).
    pub data_base64: String,
}

impl std::fmt::Debug for AttachmentInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttachmentInput")
            .field("file_name", &self.file_name)
            .field("len", &self.data_base64.len())
            .finish()
    }
}

/// An attachment as a request's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentMeta {
    /// UUIDv7 of the `request_attachment` row.
    pub id: String,
    /// The name as given.
    pub file_name: String,
    /// `image/jpeg`, `image/png`, `image/webp` or `application/pdf`.
    pub media_type: String,
    /// Bytes.
    pub size: u64,
    /// `evidence` (at intake) or `completion` (proof of the work done).
    pub purpose: String,
    /// SHA-256 of the content (hex).
    pub sha256: String,
    /// When it was added (RFC 3339 UTC).
    pub added_at: String,
}

/// Checks `input` (decodes, sniffs the type, checks the size) and stores it for `request_id`: the content
/// once in `file_blob`, a `request_attachment` row through the writer. `purpose` is `evidence` or
/// `completion`. A wrong type, an empty or too large file, or bad base64 is a Thai validation error.
pub(crate) fn store_in(
    w: &mut Writer<'_>,
    request_id: &str,
    input: &AttachmentInput,
    purpose: &str,
) -> Result<AttachmentMeta> {
    let _ = (w, request_id, input, purpose);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}

/// The attachments of a request, oldest first (the caller has checked the request is visible).
pub(crate) fn list_for(conn: &Connection, request_id: &str) -> Result<Vec<AttachmentMeta>> {
    let _ = (conn, request_id);
    Ok(Vec::new())
}

/// One attachment's metadata and bytes, for a user who may see its request (else "not found").
pub fn attachment_content(
    conn: &Connection,
    session: &Session,
    attachment_id: &str,
) -> Result<(AttachmentMeta, Vec<u8>)> {
    let _ = (conn, session, attachment_id);
    Err(Error::new(ErrorCode::Internal, "error.internal"))
}
