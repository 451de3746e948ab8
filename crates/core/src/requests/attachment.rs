//! Attachments: photos and documents on a request. The type is read from the content (JPEG, PNG, WebP,
//! PDF), never from the name; the size is limited; the bytes are stored once by SHA-256 in `file_blob` and
//! only ever handed back as data (never opened or executed by Sala).

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::{Action, Session};
use crate::db::{Entity, Writer};
use crate::error::{Error, ErrorCode, Result};

/// The largest attachment accepted: 10 MiB.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// The most attachments one request may have.
pub const MAX_ATTACHMENTS: usize = 10;

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
    #[ts(type = "number")]
    pub size: u64,
    /// `evidence` (at intake) or `completion` (proof of the work done).
    pub purpose: String,
    /// SHA-256 of the content (hex).
    pub sha256: String,
    /// When it was added (RFC 3339 UTC).
    pub added_at: String,
}

/// The longest name kept (characters).
const NAME_MAX: usize = 120;

/// The media type `bytes` are, from their first bytes; `None` for anything Sala does not keep.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// A file's name as a label: the last path part, no control characters, spaces collapsed, at most
/// [`NAME_MAX`] characters; the office's word for "attachment" (stored, so in Thai) when nothing is left.
fn label(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    let clean = clean.trim_matches('.').trim();
    if clean.is_empty() {
        return crate::i18n::t(crate::Lang::Th, "msg.request.attachment_unnamed");
    }
    clean.chars().take(NAME_MAX).collect()
}

/// The SHA-256 of `bytes` in lower-case hex.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
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
    use base64::Engine as _;
    if !matches!(purpose, "evidence" | "completion") {
        return Err(Error::new(ErrorCode::Internal, "error.internal").arg("cause", purpose));
    }
    let name = label(&input.file_name);
    // Base64 of the largest file is 4/3 of it (plus line breaks): refuse far larger text before decoding.
    if input.data_base64.len() > MAX_ATTACHMENT_BYTES / 3 * 4 + MAX_ATTACHMENT_BYTES / 16 {
        return Err(too_big(&name));
    }
    let compact: String = input.data_base64.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let b64 = compact.split_once(";base64,").map_or(compact.as_str(), |(_, data)| data);
    let bytes = base64::engine::general_purpose::STANDARD.decode(b64).map_err(|_| {
        Error::validation("error.request.attachment_base64").arg("file", name.clone())
    })?;
    if bytes.is_empty() {
        return Err(Error::validation("error.request.attachment_empty").arg("file", name));
    }
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(too_big(&name));
    }
    let media_type = sniff(&bytes).ok_or_else(|| {
        Error::validation("error.request.attachment_type").arg("file", name.clone())
    })?;
    let count: i64 = w.conn().query_row(
        "SELECT count(*) FROM request_attachment WHERE request_id = ?1 AND deleted_at IS NULL",
        [request_id],
        |r| r.get(0),
    )?;
    if usize::try_from(count).unwrap_or(usize::MAX) >= MAX_ATTACHMENTS {
        return Err(Error::validation("error.request.attachments_many")
            .arg("max", MAX_ATTACHMENTS.to_string()));
    }
    let sha256 = sha256_hex(&bytes);
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let added_at = crate::ids::timestamp(w.now());
    w.conn().execute(
        "INSERT OR IGNORE INTO file_blob (sha256, media_type, size, data, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![sha256, media_type, size, bytes, added_at],
    )?;
    let user = w.actor().user_id().map(str::to_owned);
    let id = w.insert(
        Entity::RequestAttachment,
        &[
            ("request_id", request_id.to_owned().into()),
            ("sha256", sha256.clone().into()),
            ("file_name", name.clone().into()),
            ("media_type", media_type.to_owned().into()),
            ("size", size.into()),
            ("purpose", purpose.to_owned().into()),
            ("user_id", user.into()),
        ],
    )?;
    Ok(AttachmentMeta {
        id,
        file_name: name,
        media_type: media_type.to_owned(),
        size: bytes.len() as u64,
        purpose: purpose.to_owned(),
        sha256,
        added_at,
    })
}

fn too_big(name: &str) -> Error {
    Error::validation("error.request.attachment_size")
        .arg("file", name)
        .arg("max", (MAX_ATTACHMENT_BYTES / (1024 * 1024)).to_string())
}

const META: &str = "SELECT a.id, a.file_name, a.media_type, a.size, a.purpose, a.sha256, a.created_at \
     FROM request_attachment a";

fn meta_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AttachmentMeta> {
    Ok(AttachmentMeta {
        id: r.get(0)?,
        file_name: r.get(1)?,
        media_type: r.get(2)?,
        size: u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
        purpose: r.get(4)?,
        sha256: r.get(5)?,
        added_at: r.get(6)?,
    })
}

/// The attachments of a request, oldest first (the caller has checked the request is visible).
pub(crate) fn list_for(conn: &Connection, request_id: &str) -> Result<Vec<AttachmentMeta>> {
    let sql = format!(
        "{META} WHERE a.request_id = ?1 AND a.deleted_at IS NULL ORDER BY a.created_at, a.rowid"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([request_id], meta_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One attachment's metadata and bytes, for a user who may see its request (else "not found").
pub fn attachment_content(
    conn: &Connection,
    session: &Session,
    attachment_id: &str,
) -> Result<(AttachmentMeta, Vec<u8>)> {
    session.require(Action::UseRequests)?;
    let id = attachment_id.trim();
    let sql = format!(
        "{META} JOIN request r ON r.id = a.request_id AND r.deleted_at IS NULL \
         WHERE a.id = :id AND a.deleted_at IS NULL AND {}",
        crate::privacy::visible_clause("r", "request")
    );
    let meta = conn
        .query_row(
            &sql,
            rusqlite::named_params! {
                ":id": id,
                ":viewer_id": session.user().id,
                ":viewer_sees_restricted": session.can(Action::SuperviseRequests),
            },
            meta_from_row,
        )
        .optional()?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "error.request.attachment_not_found"))?;
    let data: Vec<u8> = conn
        .query_row("SELECT data FROM file_blob WHERE sha256 = ?1", [&meta.sha256], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "error.request.attachment_not_found"))?;
    Ok((meta, data))
}

#[cfg(test)]
#[path = "attachment_tests.rs"]
mod tests;
