//! The research vectors (`shared/domain/thai-qr-vectors.json`, copied to `vectors.json`), checked by kind:
//!
//! - `crc_only`: the CRC of `inputs.data` is `payload`;
//! - `negative`: the payload is refused (a CRC mismatch naming both values when `expect` says CRC);
//! - every vector with a payload: it parses, its fields equal the inputs, and its CRC is the one the
//!   research script computed (`verification.crc_calc`);
//! - `*_derived` (this project's canonical layout): generating from the inputs gives the payload byte for
//!   byte, with the default point of initiation;
//! - other libraries' vectors: generating from the inputs gives the same *set* of data objects (nested ones
//!   included; libraries order tags differently), both CRCs are valid; unless the inputs break one of the
//!   project's stricter rules, in which case the generator must refuse them with exactly the key an
//!   independent statement of that rule (`broken_rule`) predicts. The file's vectors refused this way are
//!   pinned in `REFUSED_BY_PROJECT_RULES`;
//! - `bot_barcode` inputs: [`bot_barcode`] gives that text.
//!
//! Each test collects every failing vector before failing, so one run shows them all.

use std::collections::BTreeSet;

use serde_json::Value;

use super::*;
use crate::money::Satang;

const VECTORS: &str = include_str!("vectors.json");

/// Vectors of the shipped file whose inputs the project's rules refuse, with the rule.
const REFUSED_BY_PROJECT_RULES: &[(&str, &str)] = &[
    // `1111111111111` fails the national ID check digit (it should end in 9).
    ("ct-dtinth-03-national-id", "error.thai_id.check_digit"),
    // `000-000-0000` is no Thai mobile number (06/08/09 only).
    ("ct-dtinth-06-mobile-amount", "error.qr.mobile"),
    // A 13-character biller ID: parsers tolerate it, our generator emits the bank's 15.
    ("bp-promptparse-27-ref3", "error.qr.biller_id"),
];

fn vectors() -> Vec<Value> {
    serde_json::from_str(VECTORS).expect("vectors.json parses")
}

fn s<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn id(v: &Value) -> &str {
    s(v, "id").unwrap_or("?")
}

fn kind(v: &Value) -> &str {
    s(v, "kind").unwrap_or("?")
}

fn is_credit(v: &Value) -> bool {
    kind(v).starts_with("credit_transfer")
}

fn is_bill(v: &Value) -> bool {
    kind(v).starts_with("bill_payment")
}

fn inputs(v: &Value) -> &Value {
    &v["inputs"]
}

/// A deliberately naive TLV splitter, independent of the module's decoder (it panics on bad input, which
/// is fine for payloads the research script already validated).
fn split(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let n: usize = text[at + 2..at + 4].parse().expect("decimal length");
        out.push((text[at..at + 2].to_owned(), text[at + 4..at + 4 + n].to_owned()));
        at += 4 + n;
    }
    out
}

/// The data objects of a payload as a set of `ID=VALUE`, templates 29/30/62 flattened to `30/01=VALUE`,
/// without the CRC (which depends on the order).
fn tlv_set(payload: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (id, value) in split(payload) {
        match id.as_str() {
            "63" => {}
            "29" | "30" | "62" => {
                out.extend(split(&value).into_iter().map(|(sub, v)| format!("{id}/{sub}={v}")));
            }
            _ => {
                out.insert(format!("{id}={value}"));
            }
        }
    }
    out
}

/// The top-level value of tag `id`, by the naive splitter.
fn top(payload: &str, tag: &str) -> Option<String> {
    split(payload).into_iter().find(|(id, _)| id == tag).map(|(_, v)| v)
}

fn crc_is_valid(payload: &str) -> bool {
    let (body, crc) = payload.split_at(payload.len() - 4);
    body.ends_with("6304") && format!("{:04X}", crc16_ccitt_false(body.as_bytes())) == crc
}

fn amount(v: &Value) -> Option<Satang> {
    s(inputs(v), "amount").map(|a| Satang::parse(a).expect("vector amount parses"))
}

/// The POI to generate with: the inputs' own if they carry one, else the vector payload's when it departs
/// from the default (the "11 with an amount" QRs of some libraries), else the default.
fn poi(v: &Value) -> Option<Poi> {
    let code = s(inputs(v), "poi")
        .map(str::to_owned)
        .or_else(|| s(v, "payload").and_then(|p| top(p, "01")));
    let chosen = match code.as_deref() {
        Some("11" | "static") => Poi::Static,
        Some("12" | "dynamic") => Poi::Dynamic,
        _ => return None,
    };
    (s(inputs(v), "poi").is_some() || chosen != Poi::resolve(None, amount(v))).then_some(chosen)
}

fn credit_transfer(v: &Value, poi: Option<Poi>) -> CreditTransfer {
    CreditTransfer {
        proxy_type: serde_json::from_value(inputs(v)["proxy_type"].clone()).expect("proxy_type"),
        proxy: s(inputs(v), "proxy_raw").expect("proxy_raw").to_owned(),
        amount: amount(v),
        poi,
    }
}

fn bill(v: &Value, poi: Option<Poi>) -> BillPayment {
    let i = inputs(v);
    BillPayment {
        biller_id: s(i, "biller_id").expect("biller_id").to_owned(),
        ref1: s(i, "ref1").expect("ref1").to_owned(),
        ref2: s(i, "ref2").map(str::to_owned),
        ref3: s(i, "ref3").map(str::to_owned),
        amount: amount(v),
        poi,
    }
}

fn generate(v: &Value, poi: Option<Poi>) -> crate::Result<String> {
    if is_credit(v) { promptpay(&credit_transfer(v, poi)) } else { bill_payment(&bill(v, poi)) }
}

fn digits(raw: &str) -> String {
    raw.chars().filter(char::is_ascii_digit).collect()
}

/// The spec's mobile rule (§2, tag 29 sub-tags): strip non-digits, replace one leading `0` with `66`,
/// left-pad with `0` to 13.
fn spec_mobile(raw: &str) -> String {
    let d = digits(raw);
    let d = d.strip_prefix('0').map_or(d.clone(), |rest| format!("66{rest}"));
    format!("{d:0>13}")
}

/// The national ID check digit, written out again from the formula.
fn mod11_ok(id: &str) -> bool {
    let d: Vec<u32> = id.chars().filter_map(|c| c.to_digit(10)).collect();
    let sum: u32 = (0..12).map(|i| d[i] * (13 - i as u32)).sum();
    (11 - sum % 11) % 10 == d[12]
}

fn ref_rule(value: Option<&str>, required: bool) -> Option<&'static str> {
    match value.filter(|r| !r.is_empty()) {
        None if required => Some("error.qr.ref_missing"),
        None => None,
        Some(r) if !r.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) => {
            Some("error.qr.ref_char")
        }
        Some(r) if r.len() > 20 => Some("error.qr.ref_length"),
        Some(_) => None,
    }
}

/// An independent statement of the project's generator rules (docs/dev/thai-qr.md, "Validation rules"):
/// the key the generator must refuse these inputs with, or `None` if it must accept them.
fn broken_rule(v: &Value) -> Option<&'static str> {
    let i = inputs(v);
    let amount_rule = match amount(v) {
        Some(a) if a.is_negative() => Some("error.qr.amount_negative"),
        Some(a) if a == Satang::ZERO => Some("error.qr.amount_zero"),
        Some(a) if a > Satang(999_999_999_999) => Some("error.qr.amount_too_large"),
        _ => None,
    };
    if is_bill(v) {
        let biller = s(i, "biller_id").unwrap_or_default();
        if biller.len() != 15 || !biller.chars().all(|c| c.is_ascii_digit()) {
            return Some("error.qr.biller_id");
        }
        return ref_rule(s(i, "ref1"), true)
            .or_else(|| ref_rule(s(i, "ref2"), false))
            .or_else(|| ref_rule(s(i, "ref3"), false))
            .or(amount_rule);
    }
    let raw = s(i, "proxy_raw").unwrap_or_default();
    let separators_only =
        raw.trim_start_matches('+').chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
    let d = digits(raw);
    let proxy_rule = match s(i, "proxy_type").unwrap_or_default() {
        "mobile" => {
            let shape = (d.len() == 10 && d.starts_with('0'))
                || (d.len() == 11 && d.starts_with("66"))
                || (d.len() == 13 && d.starts_with("0066"));
            let first = spec_mobile(raw).chars().nth(4);
            (!separators_only || !shape || !matches!(first, Some('6' | '8' | '9')))
                .then_some("error.qr.mobile")
        }
        "national_id" if !separators_only || d.len() != 13 => Some("error.thai_id.length"),
        "national_id" if !mod11_ok(&d) => Some("error.thai_id.check_digit"),
        "national_id" => d.starts_with('0').then_some("error.qr.national_id_juristic"),
        "tax_id" => {
            (!separators_only || d.len() != 13 || !d.starts_with('0')).then_some("error.qr.tax_id")
        }
        "ewallet" => (!separators_only || d.len() != 15).then_some("error.qr.ewallet"),
        _ => Some("error.qr.bank_account_unsupported"),
    };
    proxy_rule.or(amount_rule)
}

#[test]
fn the_vector_file_is_whole_and_every_kind_is_known() {
    let all = vectors();
    assert!(all.len() >= 23, "{} vectors", all.len());
    let ids: BTreeSet<&str> = all.iter().map(id).collect();
    assert_eq!(ids.len(), all.len(), "vector ids are unique");
    for v in &all {
        assert!(
            matches!(kind(v), "crc_only" | "negative") || is_credit(v) || is_bill(v),
            "{}: unknown kind {}",
            id(v),
            kind(v)
        );
    }
    for (refused, _) in REFUSED_BY_PROJECT_RULES {
        assert!(ids.contains(refused), "{refused} is in the file");
    }
}

#[test]
fn crc_only_vectors() {
    let mut failures = Vec::new();
    let mut n = 0;
    for v in vectors().iter().filter(|v| kind(v) == "crc_only") {
        n += 1;
        let data = s(inputs(v), "data").expect("data");
        let got = format!("{:04X}", crc16_ccitt_false(data.as_bytes()));
        if Some(got.as_str()) != s(v, "payload") {
            failures.push(format!("{}: {got}", id(v)));
        }
    }
    assert!(n >= 7, "{n} CRC vectors");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn negative_vectors_are_refused() {
    let mut n = 0;
    for v in vectors().iter().filter(|v| kind(v) == "negative") {
        n += 1;
        let payload = s(v, "payload").expect("payload");
        let err = parse(payload).expect_err(id(v));
        assert_eq!(err.code(), crate::ErrorCode::Validation, "{}", id(v));
        if s(inputs(v), "expect").is_some_and(|e| e.contains("CRC")) {
            assert_eq!(err.key(), "error.qr.crc_mismatch", "{}", id(v));
            let message = err.message(crate::Lang::En);
            for crc in [&v["verification"]["crc_calc"], &v["verification"]["crc_in_payload"]] {
                let crc = crc.as_str().expect("verification CRCs");
                assert!(message.contains(crc), "{}: {message} names {crc}", id(v));
            }
        }
    }
    assert!(n >= 1);
}

#[test]
fn every_payload_vector_parses_to_its_inputs() {
    let mut failures = Vec::new();
    for v in vectors().iter().filter(|v| is_credit(v) || is_bill(v)) {
        let payload = s(v, "payload").expect("payload");
        let parsed = match parse(payload) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{}: refused: {}", id(v), e.message(crate::Lang::En)));
                continue;
            }
        };
        let i = inputs(v);
        let owned = |key| s(i, key).map(str::to_owned);
        let (expected_kind, proxy_type, proxy, biller, ref1, ref2) = if is_credit(v) {
            let raw = s(i, "proxy_raw").unwrap_or_default();
            let (t, p) = match s(i, "proxy_type").unwrap_or_default() {
                "mobile" => (ProxyType::Mobile, spec_mobile(raw)),
                "ewallet" => (ProxyType::EWallet, digits(raw)),
                "national_id" | "tax_id" if digits(raw).starts_with('0') => {
                    (ProxyType::TaxId, digits(raw))
                }
                "national_id" | "tax_id" => (ProxyType::NationalId, digits(raw)),
                _ => (ProxyType::BankAccount, digits(raw)),
            };
            (Kind::CreditTransfer, Some(t), Some(p), None, None, None)
        } else {
            (Kind::BillPayment, None, None, owned("biller_id"), owned("ref1"), owned("ref2"))
        };
        let expected = Parsed {
            kind: expected_kind,
            poi: top(payload, "01").map(|c| if c == "11" { Poi::Static } else { Poi::Dynamic }),
            proxy_type,
            proxy,
            biller_id: biller,
            ref1,
            ref2,
            ref3: owned("ref3"),
            amount: amount(v),
            currency: "764".to_owned(),
            country: "TH".to_owned(),
            crc: payload[payload.len() - 4..].to_owned(),
        };
        if parsed != expected {
            failures.push(format!("{}:\n  got      {parsed:?}\n  expected {expected:?}", id(v)));
        }
        let calc = v["verification"]["crc_calc"].as_str();
        if calc != Some(parsed.crc.as_str()) || !crc_is_valid(payload) {
            failures.push(format!("{}: CRC {} vs research {calc:?}", id(v), parsed.crc));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn canonical_vectors_are_reproduced_byte_for_byte() {
    let mut n = 0;
    for v in vectors().iter().filter(|v| kind(v).ends_with("_derived")) {
        n += 1;
        assert_eq!(broken_rule(v), None, "{}: our own vectors follow our rules", id(v));
        // The default point of initiation (12 iff an amount), not the payload's: that is part of the layout.
        let got = generate(v, None).unwrap_or_else(|e| panic!("{}: {e}", id(v)));
        assert_eq!(Some(got.as_str()), s(v, "payload"), "{}", id(v));
    }
    assert!(n >= 2, "{n} canonical vectors");
}

#[test]
fn library_vectors_match_as_tlv_sets_or_break_a_stated_rule() {
    let mut failures = Vec::new();
    let mut refused = BTreeSet::new();
    let mut compared = 0;
    for v in
        vectors().iter().filter(|v| (is_credit(v) || is_bill(v)) && !kind(v).ends_with("_derived"))
    {
        let payload = s(v, "payload").expect("payload");
        match (generate(v, poi(v)), broken_rule(v)) {
            (Ok(ours), None) => {
                compared += 1;
                let (theirs_set, ours_set) = (tlv_set(payload), tlv_set(&ours));
                if ours_set != theirs_set {
                    failures.push(format!(
                        "{}: only theirs {:?}, only ours {:?}",
                        id(v),
                        theirs_set.difference(&ours_set).collect::<Vec<_>>(),
                        ours_set.difference(&theirs_set).collect::<Vec<_>>()
                    ));
                }
                if !crc_is_valid(&ours) || !crc_is_valid(payload) {
                    failures.push(format!("{}: a CRC is invalid: {ours} / {payload}", id(v)));
                }
                // Ours is the canonical layout: the same data, ascending tags.
                let tags: Vec<String> = split(&ours).into_iter().map(|(t, _)| t).collect();
                if !tags.is_sorted() {
                    failures.push(format!("{}: not ascending: {tags:?}", id(v)));
                }
            }
            (Err(e), Some(rule)) if e.key() == rule => {
                refused.insert((id(v).to_owned(), rule));
            }
            (got, rule) => failures.push(format!(
                "{}: generator gave {:?}, the rules predict {rule:?}",
                id(v),
                got.map_err(|e| e.key())
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(compared >= 8, "{compared} vectors compared");
    for (vector, rule) in REFUSED_BY_PROJECT_RULES {
        assert!(refused.contains(&((*vector).to_owned(), *rule)), "{vector} refused by {rule}");
    }
}

#[test]
fn bot_barcode_vectors() {
    let mut n = 0;
    for v in vectors().iter().filter(|v| s(inputs(v), "bot_barcode").is_some()) {
        n += 1;
        // The file writes the carriage returns as a literal backslash-r.
        let expected = s(inputs(v), "bot_barcode").unwrap_or_default().replace("\\r", "\r");
        let b = bill(v, None);
        let got = bot_barcode(&b.biller_id, &b.ref1, b.ref2.as_deref(), b.amount);
        assert_eq!(got.ok(), Some(expected), "{}", id(v));
    }
    assert!(n >= 2, "{n} barcode vectors");
}
