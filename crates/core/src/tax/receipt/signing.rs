//! The receipt's verification QR: its key facts signed with the office's Ed25519 key, checkable offline.
//!
//! Payload: `SALA-R1.<kid>.<facts>.<signature>` where
//! - `kid` is the first 8 hex digits of the office's public key (which key signed it);
//! - `facts` is base64url (no padding) of `code|fy|book|no|YYYYMMDD|notice|taxyear|tax|penalty|surcharge|total|S`
//!   (amounts in satang, `S` = `I` issued or `V` voided);
//! - `signature` is base64url of the Ed25519 signature of everything before the last `.`.
//!
//! About 180 characters: a version 9–10 QR, 3 cm across at 0.5 mm modules, fits the A5 receipt.
//!
//! The private key (32-byte seed, hex) lives in this PC's `setting` table (`tax.receipt_signing_key`, never
//! synced); the public key (hex) is on the office row (`office.receipt_public_key`, synced). The first
//! payment's transaction makes the key when the office has none; a later PC receives the seed at set-up
//! (`salactl receipt key export` on the first PC, `salactl receipt key import` on the new one).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chrono::{DateTime, NaiveDate, Utc};
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use super::ReceiptStatus;
use crate::auth::{Action, Session};
use crate::db::{AuditEvent, Db, Entity, Writer};
use crate::error::{Error, ErrorCode, Result};
use crate::money::Satang;

/// The payload's prefix and version.
pub const PREFIX: &str = "SALA-R1";
/// The `setting` key of this PC's copy of the office's private key.
const KEY_SETTING: &str = "tax.receipt_signing_key";

/// What a receipt's QR states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptFacts {
    /// The office's code.
    pub office_code: String,
    /// Fiscal year (B.E.).
    pub fiscal_year: i32,
    /// เล่มที่.
    pub book_no: u32,
    /// เลขที่.
    pub number: u32,
    /// Date paid, `YYYY-MM-DD`.
    pub paid_on: String,
    /// The notice's number.
    pub notice_number: String,
    /// The tax year (B.E.).
    pub tax_year: i32,
    /// Tax.
    pub tax: Satang,
    /// Penalty.
    pub penalty: Satang,
    /// Surcharge.
    pub surcharge: Satang,
    /// Total.
    pub total: Satang,
    /// Issued or voided when signed.
    pub status: ReceiptStatus,
}

impl ReceiptFacts {
    fn encode(&self) -> String {
        let date = self.paid_on.replace('-', "");
        let status = if self.status == ReceiptStatus::Voided { "V" } else { "I" };
        format!(
            "{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}",
            self.office_code,
            self.fiscal_year,
            self.book_no,
            self.number,
            date,
            self.notice_number,
            self.tax_year,
            self.tax.0,
            self.penalty.0,
            self.surcharge.0,
            self.total.0,
            status
        )
    }

    fn decode(text: &str) -> Option<ReceiptFacts> {
        let f: Vec<&str> = text.split('|').collect();
        let [code, fy, book, no, date, notice, year, tax, penalty, surcharge, total, status] =
            f.as_slice()
        else {
            return None;
        };
        let paid_on = NaiveDate::parse_from_str(date, "%Y%m%d").ok()?.to_string();
        let money = |s: &str| s.parse::<i64>().ok().filter(|v| *v >= 0).map(Satang);
        let status = match *status {
            "I" => ReceiptStatus::Issued,
            "V" => ReceiptStatus::Voided,
            _ => return None,
        };
        Some(ReceiptFacts {
            office_code: (*code).to_owned(),
            fiscal_year: fy.parse().ok()?,
            book_no: book.parse().ok()?,
            number: no.parse().ok()?,
            paid_on,
            notice_number: (*notice).to_owned(),
            tax_year: year.parse().ok()?,
            tax: money(tax)?,
            penalty: money(penalty)?,
            surcharge: money(surcharge)?,
            total: money(total)?,
            status,
        })
    }
}

/// A receipt QR that checked out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VerifiedReceipt {
    /// What it states (signed by this office's key).
    pub facts: ReceiptFacts,
    /// Whether this database holds the receipt (and it matched); `false` when it was issued on a PC whose
    /// data has not reached this one yet.
    pub in_database: bool,
    /// The receipt's id when it is in this database.
    pub receipt_id: Option<String>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let text = text.trim();
    if text.len() != N * 2 || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}

fn key_id(public: &VerifyingKey) -> String {
    hex(&public.to_bytes()[..4])
}

/// Signs `facts` with `key`: the QR payload.
pub fn sign(key: &SigningKey, facts: &ReceiptFacts) -> String {
    let body = format!("{PREFIX}.{}.{}", key_id(&key.verifying_key()), B64.encode(facts.encode()));
    let signature = key.sign(body.as_bytes());
    format!("{body}.{}", B64.encode(signature.to_bytes()))
}

/// The office's code and receipt public key (hex, empty when none yet).
fn office_key(conn: &Connection) -> Result<(String, String, String)> {
    conn.query_row(
        "SELECT o.id, o.code, o.receipt_public_key FROM office o JOIN sync_state s ON s.office_id = o.id",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| Error::new(ErrorCode::Conflict, "error.office.missing"))
}

fn stored_seed(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [KEY_SETTING], |r| r.get(0))
        .optional()?)
}

/// This PC's signing key, made (with the office's public key) in this transaction if the office has none.
/// Fails when the office has a key and this PC was never given it.
pub(crate) fn signing_key_in(w: &mut Writer<'_>) -> Result<SigningKey> {
    let (office_id, _, public) = office_key(w.conn())?;
    let seed = stored_seed(w.conn())?;
    match (public.is_empty(), seed) {
        (_, Some(seed)) => {
            let key = unhex::<32>(&seed)
                .map(|s| SigningKey::from_bytes(&s))
                .ok_or_else(|| Error::new(ErrorCode::Internal, "error.tax.key.broken"))?;
            if public.is_empty() {
                let pk = hex(&key.verifying_key().to_bytes());
                w.update(Entity::Office, &office_id, &[("receipt_public_key", pk.into())])?;
            } else if hex(&key.verifying_key().to_bytes()) != public {
                return Err(Error::new(ErrorCode::Conflict, "error.tax.key.mismatch"));
            }
            Ok(key)
        }
        (true, None) => {
            let mut seed = [0u8; 32];
            rand::TryRngCore::try_fill_bytes(&mut rand::rngs::OsRng, &mut seed).map_err(|e| {
                Error::new(ErrorCode::Internal, "error.internal").arg("cause", e.to_string())
            })?;
            let key = SigningKey::from_bytes(&seed);
            store_seed(w, &hex(&seed))?;
            let pk = hex(&key.verifying_key().to_bytes());
            // The office row's update is the audit entry (it carries the new public key).
            w.update(Entity::Office, &office_id, &[("receipt_public_key", pk.into())])?;
            Ok(key)
        }
        (false, None) => Err(Error::new(ErrorCode::Conflict, "error.tax.key.missing")),
    }
}

/// This PC's signing key if it holds the office's (never makes one).
pub(crate) fn existing_key(conn: &Connection) -> Result<Option<SigningKey>> {
    let (_, _, public) = office_key(conn)?;
    Ok(stored_seed(conn)?
        .and_then(|seed| unhex::<32>(&seed))
        .map(|s| SigningKey::from_bytes(&s))
        .filter(|k| hex(&k.verifying_key().to_bytes()) == public))
}

fn store_seed(w: &mut Writer<'_>, seed_hex: &str) -> Result<()> {
    w.conn().execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (KEY_SETTING, seed_hex),
    )?;
    Ok(())
}

/// This PC's copy of the office's private receipt key (hex), to give a new PC at set-up (finance head).
pub fn export_key(conn: &Connection, session: &Session) -> Result<String> {
    session.require(Action::ManageTax)?;
    stored_seed(conn)?.ok_or_else(|| Error::new(ErrorCode::NotFound, "error.tax.key.none_here"))
}

/// Gives this PC the office's private receipt key (hex, from [`export_key`] on another PC). It must match the
/// office's public key; an office with no key yet takes this one.
pub fn import_key(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    seed_hex: &str,
) -> Result<()> {
    session.require(Action::ManageTax)?;
    let seed = unhex::<32>(seed_hex).ok_or_else(|| Error::validation("error.tax.key.format"))?;
    let key = SigningKey::from_bytes(&seed);
    let pk = hex(&key.verifying_key().to_bytes());
    let (office_id, _, public) = office_key(db.conn())?;
    if !public.is_empty() && public != pk {
        return Err(Error::validation("error.tax.key.mismatch"));
    }
    db.write(&session.actor(), now, |w| {
        store_seed(w, &hex(&seed))?;
        if public.is_empty() {
            w.update(Entity::Office, &office_id, &[("receipt_public_key", pk.clone().into())])?;
        }
        w.event(
            "setting",
            KEY_SETTING,
            AuditEvent::Setting,
            &json!({ "after": { "imported": pk } }),
        )
    })
}

/// Checks a receipt QR offline and says precisely what is wrong: not a Sala receipt, malformed, signed with
/// a key this office does not know, signature does not match (tampered), signed as voided (even when this
/// database does not have the receipt); and when this database has the receipt, voided or facts that differ
/// from the record.
pub fn verify(conn: &Connection, payload: &str) -> Result<VerifiedReceipt> {
    let payload = payload.trim();
    if !payload.starts_with("SALA-R") {
        return Err(Error::validation("error.tax.verify.not_sala"));
    }
    let malformed = || Error::validation("error.tax.verify.malformed");
    let (body, sig) = payload.rsplit_once('.').ok_or_else(malformed)?;
    let parts: Vec<&str> = body.split('.').collect();
    let [prefix, kid, facts] = parts.as_slice() else { return Err(malformed()) };
    if *prefix != PREFIX {
        return Err(Error::validation("error.tax.verify.version").arg("version", *prefix));
    }
    let facts = B64
        .decode(facts)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|t| ReceiptFacts::decode(&t))
        .ok_or_else(malformed)?;
    let signature: [u8; 64] =
        B64.decode(sig).ok().and_then(|b| b.try_into().ok()).ok_or_else(malformed)?;
    let (_, code, public) = office_key(conn)?;
    let public = unhex::<32>(&public).and_then(|b| VerifyingKey::from_bytes(&b).ok());
    let Some(public) = public.filter(|p| key_id(p) == *kid) else {
        return Err(Error::validation("error.tax.verify.unknown_key")
            .arg("office", facts.office_code)
            .arg("here", code));
    };
    if public.verify_strict(body.as_bytes(), &Signature::from_bytes(&signature)).is_err() {
        return Err(Error::validation("error.tax.verify.tampered"));
    }
    let record = conn
        .query_row(
            "SELECT r.id, r.paid_on, n.number, n.tax_year, r.tax_satang, r.penalty_satang, \
             r.surcharge_satang, r.total_satang, r.status, coalesce(r.void_reason, '') \
             FROM tax_receipt r JOIN tax_notice n ON n.id = r.notice_id \
             WHERE r.fiscal_year = ?1 AND r.book_no = ?2 AND r.number = ?3 AND r.deleted_at IS NULL",
            (facts.fiscal_year, facts.book_no, facts.number),
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i32>(3)?,
                    [r.get::<_, i64>(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
                    r.get::<_, String>(8)?,
                    r.get::<_, String>(9)?,
                ))
            },
        )
        .optional()?;
    let book = format!("{}/{}", facts.book_no, facts.number);
    let Some((id, paid_on, notice, tax_year, amounts, status, reason)) = record else {
        // Signed as voided by this office: refused even where the record has not arrived.
        if facts.status == ReceiptStatus::Voided {
            return Err(Error::validation("error.tax.verify.voided_signed").arg("book", book));
        }
        return Ok(VerifiedReceipt { facts, in_database: false, receipt_id: None });
    };
    if status == "voided" || facts.status == ReceiptStatus::Voided {
        return Err(Error::validation("error.tax.verify.voided")
            .arg("book", book)
            .arg("reason", reason));
    }
    let signed = [facts.tax.0, facts.penalty.0, facts.surcharge.0, facts.total.0];
    let differs = [
        (paid_on != facts.paid_on, "msg.tax.field.paid_on"),
        (notice != facts.notice_number || tax_year != facts.tax_year, "msg.tax.field.notice"),
        (signed[0] != amounts[0], "msg.tax.field.tax"),
        (signed[1] != amounts[1], "msg.tax.field.penalty"),
        (signed[2] != amounts[2], "msg.tax.field.surcharge"),
        (signed[3] != amounts[3], "msg.tax.field.total"),
    ];
    if let Some((_, field)) = differs.iter().find(|(d, _)| *d) {
        return Err(Error::validation("error.tax.verify.differs")
            .arg("book", book)
            .arg_key("field", field));
    }
    Ok(VerifiedReceipt { facts, in_database: true, receipt_id: Some(id) })
}

#[cfg(test)]
pub(crate) fn test_key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}
