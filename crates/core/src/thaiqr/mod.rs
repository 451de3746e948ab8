//! Thai QR Code Payment (EMVCo merchant-presented mode): PromptPay credit transfer and bill payment.
//!
//! A Thai QR payload is a string of TLV data objects (`ID` 2 digits, `LEN` 2 decimal digits, `VALUE`) ending
//! in a CRC-16/CCITT-FALSE checksum. A tax notice carries a **bill payment** (tag 30: biller ID, Ref1, Ref2);
//! a PromptPay **credit transfer** (tag 29: mobile, national/tax ID or e-wallet) is supported for
//! completeness and tests. The specification is `shared/domain/thai-qr.md`; the how-to, with every decision
//! taken where that note leaves a choice, is `docs/dev/thai-qr.md`.
//!
//! - [`promptpay`] and [`bill_payment`] validate their input and emit the canonical payload: tags in
//!   ascending order (00, 01, 29|30, 53, 54, 58, 62, 63), amount with two decimals, uppercase CRC.
//!   The point of initiation is 12 (dynamic) when an amount is given and 11 (static) otherwise, unless the
//!   caller chooses one: 11 with an amount and 12 without one are both allowed, because both exist in the
//!   wild.
//! - [`parse()`] reads a payload in any tag order, as other libraries and banks emit, and refuses anything
//!   malformed: non-ASCII text, a bad or truncated TLV, duplicate tags, a missing or misplaced CRC, a CRC in
//!   lowercase hex or one that does not match.
//! - [`bot_barcode`] gives the Bank of Thailand counter barcode text that is often printed next to the QR.
//!
//! Amounts are [`Satang`] (integers), never floats. Every refusal is a [`crate::Error`] of code
//! `Validation` with its own `error.qr.*` key and a Thai message saying what to fix.

mod crc;
mod generate;
mod parse;
mod tlv;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod vector_tests;

use serde::{Deserialize, Serialize, Serializer};

use crate::money::Satang;

pub use crc::crc16_ccitt_false;
pub use generate::{bill_payment, bot_barcode, parse_amount, promptpay};
pub use parse::parse;

/// The largest amount a Thai QR can carry: 9,999,999,999.99 baht (13 characters, `Number(13,2)`).
pub const MAX_AMOUNT: Satang = Satang(999_999_999_999);

/// What identifies the payee of a PromptPay credit transfer (tag 29), and which sub-tag carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProxyType {
    /// A Thai mobile number, carried as `0066` + 9 digits in sub-tag 01.
    Mobile,
    /// A citizen's 13-digit national ID (never starting with `0`, valid check digit), sub-tag 02.
    NationalId,
    /// A juristic person's 13-digit tax ID (starting with `0`), sub-tag 02.
    TaxId,
    /// A 15-digit e-wallet ID (TrueMoney: `14` + the mobile zero-padded to 13), sub-tag 03.
    #[serde(rename = "ewallet")]
    EWallet,
    /// A bank account (bank code + account number), sub-tag 04. Read by [`parse()`] only: the standard
    /// reserves this sub-tag and [`promptpay`] refuses to emit it.
    BankAccount,
}

impl ProxyType {
    /// The proxy type of a 13-digit ID number as typed: a juristic tax ID when its first digit is `0`,
    /// otherwise a national ID. The same rule [`parse()`] applies to sub-tag 02.
    pub fn of_id_number(input: &str) -> ProxyType {
        if input.trim_start().starts_with('0') { ProxyType::TaxId } else { ProxyType::NationalId }
    }
}

/// The point of initiation (tag 01): whether the QR is meant for one payment or many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Poi {
    /// `11`: the same QR is reused for many payments (a counter sign).
    #[serde(rename = "11")]
    Static,
    /// `12`: a QR made for one payment (a notice with its amount).
    #[serde(rename = "12")]
    Dynamic,
}

impl Poi {
    /// The tag-01 value: `11` or `12`.
    pub fn code(self) -> &'static str {
        match self {
            Poi::Static => "11",
            Poi::Dynamic => "12",
        }
    }

    /// The point of initiation a generator uses: `chosen` if given, else 12 with an amount and 11 without.
    pub fn resolve(chosen: Option<Poi>, amount: Option<Satang>) -> Poi {
        chosen.unwrap_or(if amount.is_some() { Poi::Dynamic } else { Poi::Static })
    }
}

/// Which kind of Thai QR a payload is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Tag 29: a PromptPay transfer to a mobile number, ID, e-wallet or account.
    CreditTransfer,
    /// Tag 30: a bill payment to a registered biller with references.
    BillPayment,
}

/// The input of [`promptpay`]: a PromptPay credit transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditTransfer {
    /// What `proxy` is.
    pub proxy_type: ProxyType,
    /// The payee as the user typed it: `081-234-5678`, `+66 81 234 5678`, `1-2345-67890-12-1`. Spaces and
    /// dashes are separators; the generator normalizes.
    pub proxy: String,
    /// The amount, or `None` to let the payer type it.
    pub amount: Option<Satang>,
    /// The point of initiation, or `None` for the default (12 with an amount, 11 without).
    pub poi: Option<Poi>,
}

/// The input of [`bill_payment`]: a bill payment to a biller registered with a bank.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BillPayment {
    /// The 15-digit biller ID: the biller's 13-digit tax ID and a 2-digit suffix from the bank.
    pub biller_id: String,
    /// Reference 1 (required): 1–20 characters `0-9`/`A-Z`.
    pub ref1: String,
    /// Reference 2 (optional, same rule). An empty string counts as absent.
    pub ref2: Option<String>,
    /// Reference 3, carried in tag 62 sub-tag 07 (optional, same rule). An empty string counts as absent.
    pub ref3: Option<String>,
    /// The amount, or `None` to let the payer type it.
    pub amount: Option<Satang>,
    /// The point of initiation, or `None` for the default (12 with an amount, 11 without).
    pub poi: Option<Poi>,
}

/// What [`parse()`] read from a valid payload. Serializes to the `salactl qr parse` JSON contract: every key
/// is always present, `null` when it does not apply, and the amount is a string with two decimals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parsed {
    /// Credit transfer (tag 29) or bill payment (tag 30).
    pub kind: Kind,
    /// Tag 01 (`"11"`/`"12"`), or `None` when the payload has no tag 01.
    pub poi: Option<Poi>,
    /// Credit transfers: which sub-tag carried the payee (02 splits by the leading `0`, see
    /// [`ProxyType::of_id_number`]).
    pub proxy_type: Option<ProxyType>,
    /// Credit transfers: the payee exactly as carried (`0066812345678`).
    pub proxy: Option<String>,
    /// Bill payments: the biller ID (13–15 digits; other libraries emit 13).
    pub biller_id: Option<String>,
    /// Bill payments: reference 1.
    pub ref1: Option<String>,
    /// Bill payments: reference 2, if present.
    pub ref2: Option<String>,
    /// Tag 62 sub-tag 07 (terminal label, used as reference 3), if present, for either kind.
    pub ref3: Option<String>,
    /// Tag 54, if present. Serialized as text with two decimals (`"10.00"` for a payload's `10`).
    #[serde(serialize_with = "amount_text")]
    pub amount: Option<Satang>,
    /// Tag 53: always `764` (baht) in a valid payload.
    pub currency: String,
    /// Tag 58: always `TH` in a valid payload.
    pub country: String,
    /// Tag 63: the 4 uppercase hex digits, which matched the computed CRC.
    pub crc: String,
}

/// Serializes an amount as exact decimal text with two decimals (never through a float).
fn amount_text<S: Serializer>(amount: &Option<Satang>, s: S) -> Result<S::Ok, S::Error> {
    match amount {
        Some(a) => s.serialize_str(&a.to_string()),
        None => s.serialize_none(),
    }
}
