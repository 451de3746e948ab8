//! The parser: any tag order, strict structure, lenient content where real payloads differ.

use super::crc::crc_hex;
use super::generate::{
    AID_BILL_PAYMENT, AID_CREDIT_TRANSFER, AID_CREDIT_TRANSFER_OTA, check_amount,
};
use super::tlv::{Tlv, decode, is_digits};
use super::{Kind, Parsed, Poi, ProxyType};
use crate::money::Satang;
use crate::{Error, Result};

/// Reads a Thai QR payload, checking it the way a payer's banking app would.
///
/// Structure (refused with a message naming the tag and position): the payload must be non-empty printable
/// ASCII; every data object a 2-digit ID, a 2-digit decimal length of at least 1 and a value that fits; no ID
/// twice in the same template; tag 00 first with value `01`; tag 63 last with length 04 and 4 **uppercase**
/// hex digits equal to the CRC-16/CCITT-FALSE of everything before them (the message gives both).
///
/// Content: exactly one of tag 29 (AID `A000000677010111` or the one-time `…0114`; one payee in sub-tag
/// 01, 02, 03 or 04, all digits, 13/13/15/any digits long) or tag 30 (AID `A000000677010112`; biller ID of
/// 13–15 digits; Ref1 required). Tag 53 must be `764` and tag 58 `TH`; tag 01, if present, `11` or `12`;
/// tag 54, if present, digits with an optional point and one or two decimals, up to 13 characters, more than
/// zero (`10` reads as `10.00`). References are read as carried (any printable ASCII, as KTB's own QRs
/// show), and other tags (52, 59, 60, 62's other sub-tags, …) are ignored.
pub fn parse(payload: &str) -> Result<Parsed> {
    if payload.is_empty() {
        return Err(Error::validation("error.qr.empty"));
    }
    if let Some((i, c)) = payload.chars().enumerate().find(|(_, c)| !matches!(c, ' '..='~')) {
        let shown = if c.is_control() { c.escape_debug().to_string() } else { c.to_string() };
        return Err(Error::validation("error.qr.not_ascii")
            .arg("pos", (i + 1).to_string())
            .arg("char", shown));
    }
    let tags = decode(payload, 0, None)?;
    let first = tags.first().map(|t| t.id).unwrap_or_default();
    if first != "00" {
        return Err(Error::validation("error.qr.first_tag").arg("found", first));
    }
    let crc = check_crc(payload, &tags)?;
    let get = |id: &str| tags.iter().find(|t| t.id == id);
    if let Some(t) = get("00").filter(|t| t.value != "01") {
        return Err(Error::validation("error.qr.format_indicator").arg("found", t.value));
    }
    let poi = get("01").map(|t| poi(t.value)).transpose()?;
    let currency = required(get("53"), "msg.qr.field.currency")?;
    if currency != "764" {
        return Err(Error::validation("error.qr.currency").arg("found", currency));
    }
    let country = required(get("58"), "msg.qr.field.country")?;
    if country != "TH" {
        return Err(Error::validation("error.qr.country").arg("found", country));
    }
    let amount = get("54").map(|t| amount(t.value)).transpose()?;
    let ref3 = match get("62") {
        Some(t) => sub(t)?.iter().find(|s| s.id == "07").map(|s| s.value.to_owned()),
        None => None,
    };
    let mut parsed = Parsed {
        kind: Kind::CreditTransfer,
        poi,
        proxy_type: None,
        proxy: None,
        biller_id: None,
        ref1: None,
        ref2: None,
        ref3,
        amount,
        currency: currency.to_owned(),
        country: country.to_owned(),
        crc,
    };
    match (get("29"), get("30")) {
        (Some(t), None) => credit_transfer(t, &mut parsed)?,
        (None, Some(t)) => bill_payment(t, &mut parsed)?,
        (Some(_), Some(_)) => return Err(Error::validation("error.qr.two_templates")),
        (None, None) => return Err(Error::validation("error.qr.no_template")),
    }
    Ok(parsed)
}

/// Tag 63 is the last data object, 4 uppercase hex digits, equal to the CRC of everything before them.
fn check_crc(payload: &str, tags: &[Tlv<'_>]) -> Result<String> {
    let Some(i) = tags.iter().position(|t| t.id == "63") else {
        return Err(Error::validation("error.qr.crc_missing"));
    };
    if let Some(next) = tags.get(i + 1) {
        return Err(Error::validation("error.qr.crc_not_last").arg("tag", next.id));
    }
    let found = tags[i].value;
    if found.len() != 4 {
        return Err(
            Error::validation("error.qr.crc_length").arg("len", format!("{:02}", found.len()))
        );
    }
    if !found.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::validation("error.qr.crc_format").arg("found", found));
    }
    if found.bytes().any(|b| b.is_ascii_lowercase()) {
        return Err(Error::validation("error.qr.crc_lowercase")
            .arg("found", found)
            .arg("upper", found.to_ascii_uppercase()));
    }
    // The CRC covers everything up to and including its own ID and length: the payload minus the 4 digits.
    let covered = payload.get(..payload.len() - 4).unwrap_or_default();
    let expected = crc_hex(covered);
    if expected != found {
        return Err(Error::validation("error.qr.crc_mismatch")
            .arg("expected", expected)
            .arg("found", found));
    }
    Ok(found.to_owned())
}

fn poi(value: &str) -> Result<Poi> {
    match value {
        "11" => Ok(Poi::Static),
        "12" => Ok(Poi::Dynamic),
        _ => Err(Error::validation("error.qr.poi").arg("found", value)),
    }
}

/// Tag 54: `\d+(\.\d{1,2})?`, at most 13 characters, read exactly into satang and range-checked.
fn amount(value: &str) -> Result<Satang> {
    let err = || Error::validation("error.qr.amount_format").arg("found", value);
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    if value.len() > 13 || !is_digits(int) || !(frac.is_empty() || is_digits(frac)) {
        return Err(err());
    }
    if value.contains('.') && !(1..=2).contains(&frac.len()) {
        return Err(err());
    }
    let satang = format!("{int}{frac:0<2}")
        .bytes()
        .try_fold(0i64, |acc, d| acc.checked_mul(10)?.checked_add(i64::from(d - b'0')))
        .ok_or_else(err)?;
    check_amount(Satang(satang))
}

/// Tag 29: the AID and exactly one payee.
fn credit_transfer(t: &Tlv<'_>, parsed: &mut Parsed) -> Result<()> {
    let subs = sub(t)?;
    aid(&subs, "29", &[AID_CREDIT_TRANSFER, AID_CREDIT_TRANSFER_OTA], "msg.qr.field.aid_29")?;
    let mut proxies = subs.iter().filter(|s| matches!(s.id, "01" | "02" | "03" | "04"));
    let Some(proxy) = proxies.next() else {
        return Err(Error::validation("error.qr.missing_tag").arg_key("what", "msg.qr.field.proxy"));
    };
    if proxies.next().is_some() {
        return Err(Error::validation("error.qr.many_proxies"));
    }
    let (proxy_type, len) = match proxy.id {
        "01" => (ProxyType::Mobile, Some(13)),
        "02" => (ProxyType::of_id_number(proxy.value), Some(13)),
        "03" => (ProxyType::EWallet, Some(15)),
        _ => (ProxyType::BankAccount, None),
    };
    if !is_digits(proxy.value) || len.is_some_and(|n| proxy.value.len() != n) {
        let tag = format!("29/{}", proxy.id);
        return Err(match len {
            Some(n) => Error::validation("error.qr.proxy_length").arg("len", n.to_string()),
            None => Error::validation("error.qr.proxy_digits"),
        }
        .arg("tag", tag)
        .arg("found", proxy.value));
    }
    parsed.kind = Kind::CreditTransfer;
    parsed.proxy_type = Some(proxy_type);
    parsed.proxy = Some(proxy.value.to_owned());
    Ok(())
}

/// Tag 30: the domestic AID, the biller ID (13–15 digits) and Ref1; Ref2 if present.
fn bill_payment(t: &Tlv<'_>, parsed: &mut Parsed) -> Result<()> {
    let subs = sub(t)?;
    aid(&subs, "30", &[AID_BILL_PAYMENT], "msg.qr.field.aid_30")?;
    let get = |id: &str| subs.iter().find(|s| s.id == id).map(|s| s.value);
    let biller = get("01").ok_or_else(|| {
        Error::validation("error.qr.missing_tag").arg_key("what", "msg.qr.field.biller")
    })?;
    if !is_digits(biller) || !(13..=15).contains(&biller.len()) {
        return Err(Error::validation("error.qr.biller_format").arg("found", biller));
    }
    let ref1 = get("02").ok_or_else(|| {
        Error::validation("error.qr.missing_tag").arg_key("what", "msg.qr.field.ref1")
    })?;
    parsed.kind = Kind::BillPayment;
    parsed.biller_id = Some(biller.to_owned());
    parsed.ref1 = Some(ref1.to_owned());
    parsed.ref2 = get("03").map(str::to_owned);
    Ok(())
}

/// The data objects inside template `t`.
fn sub<'a>(t: &Tlv<'a>) -> Result<Vec<Tlv<'a>>> {
    decode(t.value, t.value_pos, Some(t.id))
}

/// Sub-tag 00 of template `tag` is one of `known`.
fn aid(subs: &[Tlv<'_>], tag: &str, known: &[&str], field: &'static str) -> Result<()> {
    match subs.iter().find(|s| s.id == "00") {
        None => Err(Error::validation("error.qr.missing_tag").arg_key("what", field)),
        Some(s) if known.contains(&s.value) => Ok(()),
        Some(s) => Err(Error::validation("error.qr.aid").arg("tag", tag).arg("found", s.value)),
    }
}

/// The value of a required top-level tag.
fn required<'a>(t: Option<&Tlv<'a>>, field: &'static str) -> Result<&'a str> {
    t.map(|t| t.value)
        .ok_or_else(|| Error::validation("error.qr.missing_tag").arg_key("what", field))
}
