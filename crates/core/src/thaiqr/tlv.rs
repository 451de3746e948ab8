//! The TLV layer: `ID` (2 digits) + `LEN` (2 decimal digits) + `VALUE`, for the payload and for the templates
//! nested in it (29, 30, 62). Decoding refuses every structural fault with the tag path (`30/02`) and the
//! 1-based position in the payload, so a clerk can see where a copied payload went wrong.

use crate::{Error, ErrorCode, Result};

/// One decoded data object, borrowing from the payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tlv<'a> {
    /// The 2-digit ID.
    pub id: &'a str,
    /// The value (1–99 characters).
    pub value: &'a str,
    /// The 0-based offset of the value in the whole payload (nested templates add their own offset).
    pub value_pos: usize,
}

/// Decodes `text` (already known to be ASCII) into its data objects, in order.
///
/// `base` is the offset of `text` in the whole payload and `parent` the template's ID (`Some("30")`) or
/// `None` at the top level; both only shape error messages. Refuses a non-digit ID or length, a length of
/// `00`, a value running past the end, a dangling fragment shorter than a header, and a repeated ID.
pub(crate) fn decode<'a>(text: &'a str, base: usize, parent: Option<&str>) -> Result<Vec<Tlv<'a>>> {
    let mut out: Vec<Tlv<'a>> = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let pos = (base + at + 1).to_string();
        let rest = text.get(at..).unwrap_or_default();
        let (Some(id), Some(len)) = (text.get(at..at + 2), text.get(at + 2..at + 4)) else {
            return Err(Error::validation("error.qr.truncated_header")
                .arg("pos", pos)
                .arg("rest", rest));
        };
        if !is_digits(id) {
            return Err(Error::validation("error.qr.tlv_id").arg("pos", pos).arg("found", id));
        }
        let tag = path(parent, id);
        if !is_digits(len) {
            return Err(Error::validation("error.qr.tlv_length")
                .arg("tag", tag)
                .arg("pos", pos)
                .arg("found", len));
        }
        let n: usize = len.bytes().fold(0, |acc, d| acc * 10 + usize::from(d - b'0'));
        if n == 0 {
            return Err(Error::validation("error.qr.tlv_empty").arg("tag", tag).arg("pos", pos));
        }
        let Some(value) = text.get(at + 4..at + 4 + n) else {
            return Err(Error::validation("error.qr.truncated")
                .arg("tag", tag)
                .arg("pos", pos)
                .arg("len", n.to_string())
                .arg("left", (text.len() - at - 4).to_string()));
        };
        if out.iter().any(|t| t.id == id) {
            return Err(Error::validation("error.qr.duplicate_tag").arg("tag", tag));
        }
        out.push(Tlv { id, value, value_pos: base + at + 4 });
        at += 4 + n;
    }
    Ok(out)
}

/// Appends one data object. Every value the generators build is 1–99 characters by construction (the
/// longest, tag 30 with two 20-character references, is 87), so a value out of range is a bug.
pub(crate) fn push(out: &mut String, id: &str, value: &str) -> Result<()> {
    if value.is_empty() || value.len() > 99 || id.len() != 2 {
        return Err(Error::new(ErrorCode::Internal, "error.internal")
            .arg("cause", format!("TLV {id} with a value of {} characters", value.len())));
    }
    out.push_str(id);
    out.push_str(&format!("{:02}", value.len()));
    out.push_str(value);
    Ok(())
}

/// A template's encoded value from its `(id, value)` entries, in the order given.
pub(crate) fn template(entries: &[(&str, &str)]) -> Result<String> {
    let mut out = String::new();
    for (id, value) in entries {
        push(&mut out, id, value)?;
    }
    Ok(out)
}

/// `30/02` for a nested ID, `54` for a top-level one.
pub(crate) fn path(parent: Option<&str>, id: &str) -> String {
    match parent {
        Some(p) => format!("{p}/{id}"),
        None => id.to_owned(),
    }
}

/// Whether `s` is non-empty and all ASCII digits.
pub(crate) fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}
