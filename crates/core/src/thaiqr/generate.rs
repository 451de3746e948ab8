//! The generators: validate the input against the project's rules (`shared/domain/thai-qr.md` §5), then emit
//! the canonical payload.

use super::crc::crc_hex;
use super::tlv::{is_digits, push, template};
use super::{BillPayment, CreditTransfer, MAX_AMOUNT, Poi, ProxyType};
use crate::money::Satang;
use crate::thai::ThaiId;
use crate::{Error, Result};

/// The application ID of a PromptPay credit transfer (tag 29 sub-tag 00).
pub(crate) const AID_CREDIT_TRANSFER: &str = "A000000677010111";
/// The application ID of a one-time-authorisation credit transfer (read, never emitted).
pub(crate) const AID_CREDIT_TRANSFER_OTA: &str = "A000000677010114";
/// The application ID of a domestic bill payment (tag 30 sub-tag 00).
pub(crate) const AID_BILL_PAYMENT: &str = "A000000677010112";
/// The longest reference (Ref1, Ref2, Ref3) banks accept.
const MAX_REF_LEN: usize = 20;

/// The canonical payload of a PromptPay credit transfer (tag 29).
///
/// Validates the payee by its type (a Thai mobile number; a national ID with a valid check digit, not
/// starting with `0`; a juristic tax ID of 13 digits starting with `0`; a 15-digit e-wallet ID; a bank
/// account is refused) and the amount (more than zero, at most [`MAX_AMOUNT`]).
pub fn promptpay(input: &CreditTransfer) -> Result<String> {
    let (sub, proxy) = match input.proxy_type {
        ProxyType::Mobile => ("01", mobile(&input.proxy)?),
        ProxyType::NationalId => ("02", national_id(&input.proxy)?),
        ProxyType::TaxId => ("02", tax_id(&input.proxy)?),
        ProxyType::EWallet => ("03", ewallet(&input.proxy)?),
        ProxyType::BankAccount => {
            return Err(Error::validation("error.qr.bank_account_unsupported"));
        }
    };
    let merchant = template(&[("00", AID_CREDIT_TRANSFER), (sub, &proxy)])?;
    finish(input.poi, input.amount, "29", &merchant, None)
}

/// The canonical payload of a bill payment (tag 30), the QR printed on a tax notice.
///
/// Validates the biller ID (exactly 15 digits), Ref1 (required), Ref2 and Ref3 (optional; empty counts as
/// absent), each 1–20 characters `0-9`/`A-Z`, and the amount (more than zero, at most [`MAX_AMOUNT`]).
/// Ref3 goes to tag 62 sub-tag 07, never inside tag 30.
pub fn bill_payment(input: &BillPayment) -> Result<String> {
    check_biller_id(&input.biller_id)?;
    reference(&input.ref1, "msg.qr.ref1")?;
    let ref2 = optional_reference(input.ref2.as_deref(), "msg.qr.ref2")?;
    let ref3 = optional_reference(input.ref3.as_deref(), "msg.qr.ref3")?;
    let mut entries = vec![
        ("00", AID_BILL_PAYMENT),
        ("01", input.biller_id.as_str()),
        ("02", input.ref1.as_str()),
    ];
    entries.extend(ref2.map(|r| ("03", r)));
    let merchant = template(&entries)?;
    let additional = ref3.map(|r| template(&[("07", r)])).transpose()?;
    finish(input.poi, input.amount, "30", &merchant, additional.as_deref())
}

/// The Bank of Thailand counter barcode text for the same bill (`shared/domain/thai-qr.md` §6):
/// `|` + biller ID + CR + Ref1 + CR + Ref2 (empty if none) + CR + amount in satang (`0` when the cashier keys
/// it in). Same validation as [`bill_payment`]. This is barcode text, not a QR payload: never put it in a QR.
pub fn bot_barcode(
    biller_id: &str,
    ref1: &str,
    ref2: Option<&str>,
    amount: Option<Satang>,
) -> Result<String> {
    check_biller_id(biller_id)?;
    reference(ref1, "msg.qr.ref1")?;
    let ref2 = optional_reference(ref2, "msg.qr.ref2")?.unwrap_or_default();
    let satang = match amount {
        Some(a) => check_amount(a)?.0,
        None => 0,
    };
    Ok(format!("|{biller_id}\r{ref1}\r{ref2}\r{satang}"))
}

/// Parses an amount as typed for a QR: decimal baht as everywhere in Sala ([`Satang::parse`]: `1234.5`,
/// `1,234.50` with correct grouping), but with **at most two digits after the point** (`1.500` is refused: it
/// may be a European `1.500` meaning one thousand five hundred), more than zero and at most [`MAX_AMOUNT`].
pub fn parse_amount(input: &str) -> Result<Satang> {
    let trimmed = input.trim();
    if trimmed
        .split_once('.')
        .is_some_and(|(_, f)| f.len() > 2 && f.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(Error::validation("error.qr.amount_decimals").arg("input", trimmed));
    }
    check_amount(Satang::parse(trimmed)?)
}

/// Adds the common tags around the merchant template and the CRC: 00, 01, `merchant_tag`, 53, 54, 58, 62, 63.
fn finish(
    poi: Option<Poi>,
    amount: Option<Satang>,
    merchant_tag: &str,
    merchant: &str,
    additional: Option<&str>,
) -> Result<String> {
    let amount = amount.map(check_amount).transpose()?;
    let mut out = String::new();
    push(&mut out, "00", "01")?;
    push(&mut out, "01", Poi::resolve(poi, amount).code())?;
    push(&mut out, merchant_tag, merchant)?;
    push(&mut out, "53", "764")?;
    if let Some(a) = amount {
        push(&mut out, "54", &a.to_string())?;
    }
    push(&mut out, "58", "TH")?;
    if let Some(additional) = additional {
        push(&mut out, "62", additional)?;
    }
    out.push_str("6304");
    let crc = crc_hex(&out);
    out.push_str(&crc);
    Ok(out)
}

/// More than zero and at most [`MAX_AMOUNT`].
pub(crate) fn check_amount(amount: Satang) -> Result<Satang> {
    if amount.is_negative() {
        Err(Error::validation("error.qr.amount_negative").arg("amount", amount.to_grouped()))
    } else if amount == Satang::ZERO {
        Err(Error::validation("error.qr.amount_zero"))
    } else if amount > MAX_AMOUNT {
        Err(Error::validation("error.qr.amount_too_large").arg("amount", amount.to_grouped()))
    } else {
        Ok(amount)
    }
}

/// The digits of `input` when it holds only digits, spaces and dashes; `None` otherwise.
fn digits_with_separators(input: &str) -> Option<String> {
    let input = input.trim();
    input
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-'))
        .then(|| input.chars().filter(char::is_ascii_digit).collect())
}

/// A Thai mobile number as tag 29/01 carries it: `0066` + 9 digits, the first of them 6, 8 or 9.
///
/// Accepted forms (spaces and dashes anywhere): `0812345678`, `+66812345678`, `+66 0812345678`,
/// `66812345678`, `0066812345678`. This is the spec's rule (strip non-digits, replace one leading `0` with
/// `66`, left-pad to 13) restricted to inputs that really are Thai mobile numbers.
fn mobile(input: &str) -> Result<String> {
    let err = || Error::validation("error.qr.mobile").arg("input", input.trim());
    let trimmed = input.trim();
    let (international, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let digits = digits_with_separators(rest).ok_or_else(err)?;
    let national = if international {
        let after = digits.strip_prefix("66").ok_or_else(err)?;
        // `+66 0812345678`: the trunk 0 is sometimes kept after the country code.
        if after.len() == 10 { after.strip_prefix('0').ok_or_else(err)? } else { after }
    } else if let Some(after) = digits.strip_prefix("0066").filter(|_| digits.len() == 13) {
        after
    } else if let Some(after) = digits.strip_prefix("66").filter(|_| digits.len() == 11) {
        after
    } else if let Some(after) = digits.strip_prefix('0').filter(|_| digits.len() == 10) {
        after
    } else {
        return Err(err());
    };
    if national.len() != 9 || !national.starts_with(['6', '8', '9']) {
        return Err(err());
    }
    Ok(format!("0066{national}"))
}

/// A citizen's national ID: a valid [`ThaiId`] (its errors say what is wrong) not starting with `0`.
fn national_id(input: &str) -> Result<String> {
    let id = ThaiId::parse(input)?;
    if id.digits().starts_with('0') {
        return Err(Error::validation("error.qr.national_id_juristic").arg("input", input.trim()));
    }
    Ok(id.digits().to_owned())
}

/// A juristic person's tax ID: 13 digits starting with `0`. The check digit is not enforced: PromptPay
/// carries what the bank registered, and published test vectors use IDs that fail it.
fn tax_id(input: &str) -> Result<String> {
    match digits_with_separators(input) {
        Some(d) if d.len() == 13 && d.starts_with('0') => Ok(d),
        _ => Err(Error::validation("error.qr.tax_id").arg("input", input.trim())),
    }
}

/// A 15-digit e-wallet ID (spaces and dashes allowed as separators).
fn ewallet(input: &str) -> Result<String> {
    match digits_with_separators(input) {
        Some(d) if d.len() == 15 => Ok(d),
        _ => Err(Error::validation("error.qr.ewallet").arg("input", input.trim())),
    }
}

/// Exactly 15 digits, no separators. The MOD-11 digit of the tax-ID part is not checked: the bank issues the
/// biller ID, and test billers (`099999999999990`) fail it.
fn check_biller_id(input: &str) -> Result<()> {
    if input.len() == 15 && is_digits(input) {
        Ok(())
    } else {
        Err(Error::validation("error.qr.biller_id").arg("input", input))
    }
}

/// Ref1/Ref2/Ref3: 1–20 characters, `0-9` and `A-Z` only. `name` is the message key of the reference's name.
fn reference(value: &str, name: &'static str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::validation("error.qr.ref_missing").arg_key("name", name));
    }
    if let Some(c) = value.chars().find(|c| !c.is_ascii_digit() && !c.is_ascii_uppercase()) {
        return Err(Error::validation("error.qr.ref_char")
            .arg_key("name", name)
            .arg("input", value)
            .arg("char", c));
    }
    if value.len() > MAX_REF_LEN {
        return Err(Error::validation("error.qr.ref_length")
            .arg_key("name", name)
            .arg("input", value)
            .arg("count", value.len().to_string()));
    }
    Ok(())
}

/// An optional reference: `None` and `Some("")` are absent, anything else follows [`reference()`].
fn optional_reference<'a>(value: Option<&'a str>, name: &'static str) -> Result<Option<&'a str>> {
    match value.filter(|v| !v.is_empty()) {
        Some(v) => reference(v, name).map(|()| Some(v)),
        None => Ok(None),
    }
}
