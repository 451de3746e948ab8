//! The rules of `docs/dev/thai-qr.md`, one table per concern, plus property-style loops: generate → parse
//! round trips over thousands of random inputs, any tag order, and every one-character corruption or
//! truncation of a valid payload refused. The research vectors are in `vector_tests.rs`.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::*;
use crate::money::Satang;
use crate::{ErrorCode, Lang};

/// Worked example `der-53` of `shared/domain/thai-qr.md` §0.
const DER_53: &str = "00020101021230630016A00000067701011201150999999999991000212LT680001234503042568530376454071234.505802TH6304957C";

fn notice() -> BillPayment {
    BillPayment {
        biller_id: "099999999999100".into(),
        ref1: "LT6800012345".into(),
        ref2: Some("2568".into()),
        ref3: None,
        amount: Some(Satang(123450)),
        poi: None,
    }
}

fn transfer(proxy_type: ProxyType, proxy: &str) -> CreditTransfer {
    CreditTransfer { proxy_type, proxy: proxy.into(), amount: None, poi: None }
}

/// One data object, written out independently of the module's encoder.
fn tlv(id: &str, value: &str) -> String {
    format!("{id}{:02}{value}", value.len())
}

/// A payload from `(id, value)` pairs in the order given, with a correct CRC appended.
fn payload(tags: &[(&str, &str)]) -> String {
    let mut body: String = tags.iter().map(|(id, v)| tlv(id, v)).collect();
    body.push_str("6304");
    let crc = crc16_ccitt_false(body.as_bytes());
    format!("{body}{crc:04X}")
}

/// The tags of a valid bill payment, to vary one at a time.
fn bill_tags() -> Vec<(&'static str, String)> {
    vec![
        ("00", "01".into()),
        ("01", "12".into()),
        (
            "30",
            tlv("00", "A000000677010112")
                + &tlv("01", "099999999999100")
                + &tlv("02", "LT6800012345"),
        ),
        ("53", "764".into()),
        ("54", "1234.50".into()),
        ("58", "TH".into()),
    ]
}

/// The payload of `tags` with tag `id` replaced in place (or appended) by `value`, or removed for `None`.
fn with(mut tags: Vec<(&'static str, String)>, id: &'static str, value: Option<&str>) -> String {
    match (tags.iter().position(|(t, _)| *t == id), value) {
        (Some(i), Some(v)) => tags[i].1 = v.to_owned(),
        (Some(i), None) => drop(tags.remove(i)),
        (None, Some(v)) => tags.push((id, v.to_owned())),
        (None, None) => {}
    }
    let refs: Vec<(&str, &str)> = tags.iter().map(|(t, v)| (*t, v.as_str())).collect();
    payload(&refs)
}

#[track_caller]
fn refused(result: crate::Result<impl std::fmt::Debug>, key: &str, what: &str) {
    match result {
        Ok(got) => panic!("{what}: accepted as {got:?}, expected {key}"),
        Err(e) => {
            assert_eq!(e.key(), key, "{what}: {}", e.message(Lang::En));
            assert_eq!(e.code(), ErrorCode::Validation, "{what}");
            for lang in [Lang::Th, Lang::En] {
                let text = e.message(lang);
                assert!(
                    !text.contains('{') && !text.contains("error.") && !text.contains("msg."),
                    "{text}"
                );
            }
        }
    }
}

// --- CRC ---------------------------------------------------------------------------------------------

#[test]
fn crc_check_value_and_zero_padding() {
    assert_eq!(crc16_ccitt_false(b"123456789"), 0x29B1);
    assert_eq!(crc16_ccitt_false(b""), 0xFFFF);
    // Leading zeros are kept: dtinth's tax ID vector ends in 0CBD.
    let p = promptpay(&transfer(ProxyType::TaxId, "0123456789012")).expect("tax ID");
    assert!(p.ends_with(&format!("{:04X}", crc16_ccitt_false(&p.as_bytes()[..p.len() - 4]))));
    assert_eq!(
        crc::crc_hex("00020101021129370016A000000677010111021301234567890125802TH53037646304"),
        "0CBD"
    );
}

// --- generators --------------------------------------------------------------------------------------

#[test]
fn worked_example_der_53_is_byte_exact() {
    assert_eq!(bill_payment(&notice()).expect("notice"), DER_53);
}

#[test]
fn generators_emit_ascending_tags_and_the_default_poi() {
    let no_amount = BillPayment { amount: None, ..notice() };
    let cases = [
        (bill_payment(&notice()), "12", true),
        (bill_payment(&no_amount), "11", false),
        (bill_payment(&BillPayment { poi: Some(Poi::Static), ..notice() }), "11", true),
        (bill_payment(&BillPayment { poi: Some(Poi::Dynamic), ..no_amount.clone() }), "12", false),
        (promptpay(&transfer(ProxyType::Mobile, "0812345678")), "11", false),
        (
            promptpay(&CreditTransfer {
                amount: Some(Satang(422)),
                ..transfer(ProxyType::Mobile, "0812345678")
            }),
            "12",
            true,
        ),
        (
            promptpay(&CreditTransfer {
                amount: Some(Satang(422)),
                poi: Some(Poi::Static),
                ..transfer(ProxyType::Mobile, "0812345678")
            }),
            "11",
            true,
        ),
    ];
    for (result, poi, has_amount) in cases {
        let p = result.expect("valid input");
        let parsed = parse(&p).expect("own payload parses");
        assert_eq!(parsed.poi.map(Poi::code), Some(poi), "{p}");
        assert_eq!(parsed.amount.is_some(), has_amount, "{p}");
        assert!(p.starts_with(&format!("0002010102{poi}")), "{p}");
        assert!(p[p.len() - 8..].starts_with("6304"), "{p}");
        let ids = top_level_ids(&p);
        assert!(ids.is_sorted(), "{p}: {ids:?}");
    }
}

fn top_level_ids(p: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut at = 0;
    while at < p.len() {
        ids.push(p[at..at + 2].to_owned());
        at += 4 + p[at + 2..at + 4].parse::<usize>().expect("length");
    }
    ids
}

#[test]
fn bill_payment_layout_omits_empty_refs_and_puts_ref3_in_tag_62() {
    let p = bill_payment(&BillPayment {
        ref2: Some(String::new()),
        ref3: Some(String::new()),
        ..notice()
    })
    .expect("empty optional refs are absent");
    assert!(!p.contains("0300") && !p.contains("62"), "{p}");
    let p = bill_payment(&BillPayment { ref3: Some("SCB".into()), amount: None, ..notice() })
        .expect("ref3");
    assert!(p.contains("5802TH62070703SCB6304"), "{p}");
    assert_eq!(parse(&p).expect("parses").ref3.as_deref(), Some("SCB"));
    // Two 20-character references: tag 30 is 87 characters, still under 99.
    let long = "A".repeat(20);
    let p = bill_payment(&BillPayment { ref1: long.clone(), ref2: Some(long), ..notice() })
        .expect("long refs");
    assert!(p.contains("3087"), "{p}");
}

#[test]
fn bill_payment_rules() {
    let cases: Vec<(BillPayment, &str, &str)> = vec![
        (
            BillPayment { biller_id: "09999999999910".into(), ..notice() },
            "error.qr.biller_id",
            "14 digits",
        ),
        (
            BillPayment { biller_id: "0999999999991000".into(), ..notice() },
            "error.qr.biller_id",
            "16 digits",
        ),
        (
            BillPayment { biller_id: "0112233445566".into(), ..notice() },
            "error.qr.biller_id",
            "13 digits",
        ),
        (
            BillPayment { biller_id: "09999999999910A".into(), ..notice() },
            "error.qr.biller_id",
            "letter",
        ),
        (
            BillPayment { biller_id: "0999-99999999-9100".into(), ..notice() },
            "error.qr.biller_id",
            "dashes",
        ),
        (
            BillPayment { biller_id: " 099999999999100".into(), ..notice() },
            "error.qr.biller_id",
            "space",
        ),
        (BillPayment { biller_id: String::new(), ..notice() }, "error.qr.biller_id", "empty"),
        (BillPayment { ref1: String::new(), ..notice() }, "error.qr.ref_missing", "no ref1"),
        (
            BillPayment { ref1: "lt6800012345".into(), ..notice() },
            "error.qr.ref_char",
            "lower case",
        ),
        (BillPayment { ref1: "LT 68".into(), ..notice() }, "error.qr.ref_char", "space"),
        (BillPayment { ref1: "LT-68".into(), ..notice() }, "error.qr.ref_char", "dash"),
        (BillPayment { ref1: "LT/68".into(), ..notice() }, "error.qr.ref_char", "slash"),
        (BillPayment { ref1: "#1".into(), ..notice() }, "error.qr.ref_char", "hash"),
        (BillPayment { ref1: "A@B".into(), ..notice() }, "error.qr.ref_char", "at"),
        (BillPayment { ref1: "กข".into(), ..notice() }, "error.qr.ref_char", "Thai"),
        (BillPayment { ref1: "๑๒".into(), ..notice() }, "error.qr.ref_char", "Thai digits"),
        (BillPayment { ref1: "A".repeat(21), ..notice() }, "error.qr.ref_length", "21 chars"),
        (BillPayment { ref2: Some("2568a".into()), ..notice() }, "error.qr.ref_char", "ref2 lower"),
        (
            BillPayment { ref2: Some("9".repeat(21)), ..notice() },
            "error.qr.ref_length",
            "ref2 long",
        ),
        (BillPayment { ref3: Some("SCB ".into()), ..notice() }, "error.qr.ref_char", "ref3 space"),
        (
            BillPayment { ref3: Some("X".repeat(21)), ..notice() },
            "error.qr.ref_length",
            "ref3 long",
        ),
        (BillPayment { amount: Some(Satang(0)), ..notice() }, "error.qr.amount_zero", "zero"),
        (
            BillPayment { amount: Some(Satang(-1)), ..notice() },
            "error.qr.amount_negative",
            "negative",
        ),
        (
            BillPayment { amount: Some(Satang(MAX_AMOUNT.0 + 1)), ..notice() },
            "error.qr.amount_too_large",
            "too large",
        ),
    ];
    for (input, key, what) in cases {
        refused(bill_payment(&input), key, what);
    }
    // The limits themselves are accepted.
    for ok in [
        BillPayment { ref1: "Z".repeat(20), ref2: Some("0".into()), ..notice() },
        BillPayment { amount: Some(MAX_AMOUNT), ..notice() },
        BillPayment { amount: Some(Satang(1)), ..notice() },
        // The tax-ID check digit of a biller ID is not checked (the bank issues it): 0999999999999 fails it.
        BillPayment { biller_id: "099999999999990".into(), ..notice() },
    ] {
        let p = bill_payment(&ok).unwrap_or_else(|e| panic!("{ok:?}: {e}"));
        assert_eq!(parse(&p).expect("parses").amount, ok.amount);
    }
    let max = bill_payment(&BillPayment { amount: Some(MAX_AMOUNT), ..notice() }).expect("max");
    assert!(max.contains("54139999999999.99"), "{max}");
    let min = bill_payment(&BillPayment { amount: Some(Satang(1)), ..notice() }).expect("min");
    assert!(min.contains("54040.01"), "{min}");
}

#[test]
fn mobile_numbers_are_normalized_or_refused() {
    for (input, carried) in [
        ("0812345678", "0066812345678"),
        ("081-234-5678", "0066812345678"),
        (" 081 234 5678 ", "0066812345678"),
        ("+66812345678", "0066812345678"),
        ("+66-89-123-4567", "0066891234567"),
        ("+66 81 234 5678", "0066812345678"),
        ("+66 081 234 5678", "0066812345678"),
        ("66812345678", "0066812345678"),
        ("0066812345678", "0066812345678"),
        ("0612345678", "0066612345678"),
        ("0912345678", "0066912345678"),
        ("0801234567", "0066801234567"),
    ] {
        let p = promptpay(&transfer(ProxyType::Mobile, input))
            .unwrap_or_else(|e| panic!("{input}: {e}"));
        let parsed = parse(&p).expect("parses");
        assert_eq!(parsed.proxy.as_deref(), Some(carried), "{input}");
        assert_eq!(parsed.proxy_type, Some(ProxyType::Mobile), "{input}");
        assert!(p.contains(&format!("0113{carried}")), "{p}");
    }
    for input in [
        "",
        "   ",
        "000-000-0000", // dtinth's placeholder, not a mobile number
        "0212345678",   // a Bangkok landline with an extra digit
        "021234567",    // a Bangkok landline
        "0712345678",   // 07 is not a mobile prefix
        "081234567",    // 9 digits
        "08123456789",  // 11 digits
        "812345678",    // no trunk 0
        "+1 415 555 0100",
        "+66 2 123 4567",
        "+6681234567", // 8 digits after +66
        "081.234.5678",
        "(081) 234 5678",
        "๐๘๑๒๓๔๕๖๗๘",
        "08l2345678",
        "0066812345678x",
        "++66812345678",
    ] {
        refused(promptpay(&transfer(ProxyType::Mobile, input)), "error.qr.mobile", input);
    }
}

#[test]
fn id_numbers_follow_the_leading_zero_rule() {
    assert_eq!(ProxyType::of_id_number("0105536000518"), ProxyType::TaxId);
    assert_eq!(ProxyType::of_id_number(" 0-1055-36000-51-8"), ProxyType::TaxId);
    assert_eq!(ProxyType::of_id_number("1234567890121"), ProxyType::NationalId);
    assert_eq!(ProxyType::of_id_number(""), ProxyType::NationalId);

    for (t, input, carried) in [
        (ProxyType::NationalId, "1-2345-67890-12-1", "1234567890121"),
        (ProxyType::NationalId, "3100600000005", "3100600000005"),
        (ProxyType::TaxId, "0105536000518", "0105536000518"),
        (ProxyType::TaxId, "0-1055-36000-51-8", "0105536000518"),
        // A tax ID's check digit is not enforced (dtinth's vector 0123456789012 fails it).
        (ProxyType::TaxId, "0123456789012", "0123456789012"),
        (ProxyType::EWallet, "140000801111111", "140000801111111"),
        (ProxyType::EWallet, "14 0000 8011 11111", "140000801111111"),
    ] {
        let p = promptpay(&transfer(t, input)).unwrap_or_else(|e| panic!("{input}: {e}"));
        let parsed = parse(&p).expect("parses");
        assert_eq!(
            (parsed.proxy_type, parsed.proxy.as_deref()),
            (Some(t), Some(carried)),
            "{input}"
        );
        assert_eq!(parsed.kind, Kind::CreditTransfer);
    }
    for (t, input, key) in [
        (ProxyType::NationalId, "1111111111111", "error.thai_id.check_digit"),
        (ProxyType::NationalId, "1234567890122", "error.thai_id.check_digit"),
        (ProxyType::NationalId, "123456789012", "error.thai_id.length"),
        (ProxyType::NationalId, "12345678901210", "error.thai_id.length"),
        (ProxyType::NationalId, "", "error.thai_id.empty"),
        (ProxyType::NationalId, "1.2345.67890.12.1", "error.thai_id.invalid_char"),
        (ProxyType::NationalId, "0105536000518", "error.qr.national_id_juristic"),
        (ProxyType::TaxId, "1234567890121", "error.qr.tax_id"),
        (ProxyType::TaxId, "010553600051", "error.qr.tax_id"),
        (ProxyType::TaxId, "01055360005188", "error.qr.tax_id"),
        (ProxyType::TaxId, "0105536OOO518", "error.qr.tax_id"),
        (ProxyType::EWallet, "14000080111111", "error.qr.ewallet"),
        (ProxyType::EWallet, "1400008011111111", "error.qr.ewallet"),
        (ProxyType::EWallet, "14000080111111A", "error.qr.ewallet"),
        (ProxyType::EWallet, "", "error.qr.ewallet"),
        (ProxyType::BankAccount, "0141234567890", "error.qr.bank_account_unsupported"),
    ] {
        refused(promptpay(&transfer(t, input)), key, input);
    }
    let amount =
        |a| CreditTransfer { amount: Some(Satang(a)), ..transfer(ProxyType::Mobile, "0812345678") };
    refused(promptpay(&amount(0)), "error.qr.amount_zero", "zero");
    refused(promptpay(&amount(-100)), "error.qr.amount_negative", "negative");
    refused(promptpay(&amount(MAX_AMOUNT.0 + 1)), "error.qr.amount_too_large", "too large");
}

#[test]
fn amounts_as_typed() {
    for (input, satang) in [
        ("1234.5", 123450),
        ("1234.50", 123450),
        ("1,234.50", 123450),
        (" 23 ", 2300),
        ("0.01", 1),
        ("0.1", 10),
        ("9999999999.99", 999_999_999_999),
        ("9,999,999,999.99", 999_999_999_999),
    ] {
        assert_eq!(parse_amount(input).ok(), Some(Satang(satang)), "{input}");
    }
    for (input, key) in [
        ("0", "error.qr.amount_zero"),
        ("0.00", "error.qr.amount_zero"),
        ("-5", "error.qr.amount_negative"),
        ("10000000000", "error.qr.amount_too_large"),
        ("1.500", "error.qr.amount_decimals"),
        ("1.005", "error.qr.amount_decimals"),
        ("12.345", "error.qr.amount_decimals"),
        ("", "error.amount.empty"),
        ("1e3", "error.amount.invalid_char"),
        ("฿100", "error.amount.invalid_char"),
        ("1 000", "error.amount.invalid_char"),
        ("1,23", "error.amount.grouping"),
        ("1.", "error.amount.malformed"),
        ("1.2.3", "error.amount.multiple_points"),
    ] {
        refused(parse_amount(input), key, input);
    }
}

#[test]
fn bot_barcode_text() {
    let b = bot_barcode("099400016550100", "123456789012", Some("670429"), Some(Satang(364922)));
    assert_eq!(b.ok().as_deref(), Some("|099400016550100\r123456789012\r670429\r364922"));
    let b = bot_barcode("099999999999990", "111222333444", None, None);
    assert_eq!(b.ok().as_deref(), Some("|099999999999990\r111222333444\r\r0"));
    refused(bot_barcode("0112233445566", "A", None, None), "error.qr.biller_id", "13 digits");
    refused(bot_barcode("099999999999990", "", None, None), "error.qr.ref_missing", "no ref1");
    refused(bot_barcode("099999999999990", "A", Some("b"), None), "error.qr.ref_char", "ref2");
    refused(
        bot_barcode("099999999999990", "A", None, Some(Satang(0))),
        "error.qr.amount_zero",
        "0",
    );
}

// --- parser ------------------------------------------------------------------------------------------

#[test]
fn parse_gives_the_json_contract() {
    let parsed = parse(DER_53).expect("der-53 parses");
    assert_eq!(
        serde_json::to_string(&parsed).expect("serializes"),
        concat!(
            r#"{"kind":"bill_payment","poi":"12","proxy_type":null,"proxy":null,"#,
            r#""biller_id":"099999999999100","ref1":"LT6800012345","ref2":"2568","ref3":null,"#,
            r#""amount":"1234.50","currency":"764","country":"TH","crc":"957C"}"#
        )
    );
    let p = "00020101021129370016A0000006770101110113006681222333353037645802TH63041DCF";
    assert_eq!(
        serde_json::to_value(parse(p).expect("promptparse-14")).expect("serializes"),
        serde_json::json!({
            "kind": "credit_transfer", "poi": "11", "proxy_type": "mobile", "proxy": "0066812223333",
            "biller_id": null, "ref1": null, "ref2": null, "ref3": null, "amount": null,
            "currency": "764", "country": "TH", "crc": "1DCF"
        })
    );
    let e = payload(&[
        ("00", "01"),
        ("01", "11"),
        ("29", &(tlv("00", "A000000677010111") + &tlv("03", "140000801111111"))),
        ("53", "764"),
        ("58", "TH"),
    ]);
    assert_eq!(
        serde_json::to_value(parse(&e).expect("ewallet")).expect("json")["proxy_type"],
        "ewallet"
    );
}

#[test]
fn parse_accepts_what_real_payloads_carry() {
    let ct = |sub: &str, v: &str| {
        payload(&[
            ("00", "01"),
            ("01", "11"),
            ("29", &(tlv("00", "A000000677010111") + &tlv(sub, v))),
            ("58", "TH"),
            ("53", "764"),
        ])
    };
    let p = parse(&ct("02", "0105536000518")).expect("tax ID");
    assert_eq!((p.proxy_type, p.proxy.as_deref()), (Some(ProxyType::TaxId), Some("0105536000518")));
    // National IDs are carried as they are; the check digit is the payer's bank's business.
    let p = parse(&ct("02", "1111111111111")).expect("national ID");
    assert_eq!(p.proxy_type, Some(ProxyType::NationalId));
    let p = parse(&ct("04", "0141234567890")).expect("bank account");
    assert_eq!(
        (p.proxy_type, p.proxy.as_deref()),
        (Some(ProxyType::BankAccount), Some("0141234567890"))
    );
    let p = parse(&ct("01", "0066000000000")).expect("mobile as carried");
    assert_eq!(p.proxy.as_deref(), Some("0066000000000"));

    // A one-time-authorisation transfer (AID …0114 with an OTA code in sub-tag 05).
    let ota = payload(&[
        ("00", "01"),
        ("01", "12"),
        (
            "29",
            &(tlv("00", "A000000677010114")
                + &tlv("01", "0066812345678")
                + &tlv("05", "ABCDE12345")),
        ),
        ("53", "764"),
        ("54", "100.00"),
        ("58", "TH"),
    ]);
    assert_eq!(parse(&ota).expect("OTA").proxy.as_deref(), Some("0066812345678"));

    // Bank sample fs-51 style: amount without decimals, ref3 in 62/07, other tags ignored.
    let mut tags = bill_tags();
    tags.retain(|(t, _)| *t != "54");
    tags.extend([
        ("54", "10".to_owned()),
        ("52", "5999".to_owned()),
        ("59", "ABT BAN SATHIT".to_owned()),
        ("60", "BANGKOK".to_owned()),
        ("62", tlv("01", "INV1") + &tlv("07", "SCB") + &tlv("05", "X")),
    ]);
    let refs: Vec<(&str, &str)> = tags.iter().map(|(t, v)| (*t, v.as_str())).collect();
    let p = parse(&payload(&refs)).expect("extra tags");
    assert_eq!(p.amount, Some(Satang(1000)));
    assert_eq!(p.ref3.as_deref(), Some("SCB"));
    assert_eq!(serde_json::to_value(&p).expect("json")["amount"], "10.00");

    // 13-character biller IDs (promptparse, pheerathach) and references as KTB carries them.
    let bill = |biller: &str, ref2: &str| {
        with(
            bill_tags(),
            "30",
            Some(
                &(tlv("00", "A000000677010112")
                    + &tlv("01", biller)
                    + &tlv("02", "KTB 1")
                    + &tlv("03", ref2)),
            ),
        )
    };
    let p = parse(&bill("0112233445566", "SHOP NAME")).expect("13-char biller");
    assert_eq!(p.biller_id.as_deref(), Some("0112233445566"));
    assert_eq!((p.ref1.as_deref(), p.ref2.as_deref()), (Some("KTB 1"), Some("SHOP NAME")));
    parse(&bill("01122334455661", "x")).expect("14-char biller");

    // Amount forms.
    for (text, satang) in [
        ("4.2", 420),
        ("4.22", 422),
        ("0010.50", 1050),
        ("9999999999.99", MAX_AMOUNT.0),
        ("0.01", 1),
    ] {
        assert_eq!(
            parse(&with(bill_tags(), "54", Some(text))).expect(text).amount,
            Some(Satang(satang)),
            "{text}"
        );
    }
    // No tag 01: the point of initiation is unknown, not an error.
    assert_eq!(parse(&with(bill_tags(), "01", None)).expect("no POI").poi, None);
}

#[test]
fn parse_refuses_malformed_payloads() {
    let good = DER_53;
    let body = &good[..good.len() - 8]; // without 6304957C
    let crc_of = |b: &str| format!("{:04X}", crc16_ccitt_false(b.as_bytes()));
    let swap_crc = |crc: &str| format!("{body}6304{crc}");
    let moved_58 = {
        let without = body.replace("5802TH", "");
        format!("{without}6304{}5802TH", crc_of(&format!("{without}6304")))
    };
    let ct = |tpl: String| {
        payload(&[("00", "01"), ("01", "11"), ("29", &tpl), ("53", "764"), ("58", "TH")])
    };
    let aid29 = tlv("00", "A000000677010111");
    let a29 = |rest: &str| ct(format!("{aid29}{rest}"));
    let cases: Vec<(String, &str, &str)> = vec![
        (String::new(), "error.qr.empty", "empty"),
        (good.replace("LT68", "ลท68"), "error.qr.not_ascii", "Thai"),
        (format!("{good}\n"), "error.qr.not_ascii", "trailing newline"),
        (format!(" {good}"), "error.qr.tlv_id", "leading space"),
        (format!("{good} "), "error.qr.truncated_header", "trailing space"),
        (good.replace("LT68", "LT\t8"), "error.qr.not_ascii", "tab"),
        (good[..good.len() - 2].to_owned(), "error.qr.truncated", "CRC cut"),
        (good[..60].to_owned(), "error.qr.truncated", "cut in tag 30"),
        (body.to_owned(), "error.qr.crc_missing", "no 6304"),
        (format!("{body}63"), "error.qr.truncated_header", "dangling 63"),
        (format!("{body}630"), "error.qr.truncated_header", "dangling 630"),
        (good.replacen("3063", "3064", 1), "error.qr.truncated", "bad length, runs past the end"),
        (
            good.replacen("3063", "3062", 1),
            "error.qr.truncated",
            "bad length, misaligned (reads tag 85)",
        ),
        // A wrong inner length changes the data, so the CRC catches it first; with a CRC recomputed over the
        // bad data (a buggy generator), the template's own decoding does.
        (
            good.replacen("0212LT", "0213LT", 1),
            "error.qr.crc_mismatch",
            "inner length, CRC not recomputed",
        ),
        (
            with(
                bill_tags(),
                "30",
                Some(
                    &(tlv("00", "A000000677010112")
                        + &tlv("01", "099999999999100")
                        + "0213LT6800012345"),
                ),
            ),
            "error.qr.truncated",
            "inner length, CRC recomputed",
        ),
        (good.replacen("5303764", "53O3764", 1), "error.qr.tlv_length", "non-digit length"),
        (good.replacen("5303764", "53 3764", 1), "error.qr.tlv_length", "space in length"),
        (good.replacen("5303764", "5A03764", 1), "error.qr.tlv_id", "non-digit ID"),
        (swap_crc("957c"), "error.qr.crc_lowercase", "lowercase CRC"),
        (swap_crc("95ZC"), "error.qr.crc_format", "non-hex CRC"),
        (swap_crc("957D"), "error.qr.crc_mismatch", "wrong CRC"),
        (swap_crc("FFFF"), "error.qr.crc_mismatch", "wrong CRC"),
        (good.replace("LT6800012345", "LT6800012346"), "error.qr.crc_mismatch", "altered ref1"),
        (format!("{body}6305957CA"), "error.qr.crc_length", "CRC of 5"),
        (format!("{body}6303957"), "error.qr.crc_length", "CRC of 3"),
        (moved_58, "error.qr.crc_not_last", "63 not last"),
        (format!("{good}6304957C"), "error.qr.duplicate_tag", "63 twice"),
        (
            payload(&[("00", "01"), ("53", "764"), ("53", "764"), ("58", "TH")]),
            "error.qr.duplicate_tag",
            "53 twice",
        ),
        (
            with(
                bill_tags(),
                "30",
                Some(
                    &(tlv("00", "A000000677010112")
                        + &tlv("01", "099999999999100")
                        + &tlv("02", "A")
                        + &tlv("02", "B")),
                ),
            ),
            "error.qr.duplicate_tag",
            "30/02 twice",
        ),
        (with(bill_tags(), "30", Some("")), "error.qr.tlv_empty", "empty tag 30"),
        (
            payload(&[("00", "01"), ("01", "11"), ("30", ""), ("53", "764"), ("58", "TH")]),
            "error.qr.tlv_empty",
            "3000",
        ),
        (
            with(
                bill_tags(),
                "30",
                Some(
                    &(tlv("00", "A000000677010112")
                        + &tlv("01", "099999999999100")
                        + &tlv("02", "A")
                        + "0300"),
                ),
            ),
            "error.qr.tlv_empty",
            "0300 inside 30",
        ),
        (
            with(bill_tags(), "30", Some(&(tlv("00", "A000000677010112") + "0115099"))),
            "error.qr.truncated",
            "inner length runs past the template",
        ),
        (with(bill_tags(), "62", Some("07")), "error.qr.truncated_header", "62 holds a fragment"),
        (
            payload(&[("01", "11"), ("00", "01"), ("53", "764"), ("58", "TH")]),
            "error.qr.first_tag",
            "00 second",
        ),
        (
            payload(&[("00", "02"), ("53", "764"), ("58", "TH")]),
            "error.qr.format_indicator",
            "000202",
        ),
        (with(bill_tags(), "01", Some("13")), "error.qr.poi", "POI 13"),
        (with(bill_tags(), "53", None), "error.qr.missing_tag", "no currency"),
        (with(bill_tags(), "53", Some("840")), "error.qr.currency", "USD"),
        (with(bill_tags(), "58", None), "error.qr.missing_tag", "no country"),
        (with(bill_tags(), "58", Some("LA")), "error.qr.country", "Laos"),
        (with(bill_tags(), "54", Some("1,234.50")), "error.qr.amount_format", "comma"),
        (with(bill_tags(), "54", Some("12.345")), "error.qr.amount_format", "3 decimals"),
        (with(bill_tags(), "54", Some("1.")), "error.qr.amount_format", "bare point"),
        (with(bill_tags(), "54", Some(".5")), "error.qr.amount_format", "no integer part"),
        (with(bill_tags(), "54", Some("-1.00")), "error.qr.amount_format", "negative"),
        (with(bill_tags(), "54", Some("1e3")), "error.qr.amount_format", "exponent"),
        (with(bill_tags(), "54", Some(" 12.00")), "error.qr.amount_format", "space"),
        (with(bill_tags(), "54", Some("1.2.3")), "error.qr.amount_format", "two points"),
        (
            with(bill_tags(), "54", Some("10000000000.00")),
            "error.qr.amount_format",
            "14 characters",
        ),
        (with(bill_tags(), "54", Some("0.00")), "error.qr.amount_zero", "zero"),
        (with(bill_tags(), "54", Some("0")), "error.qr.amount_zero", "zero without decimals"),
        (with(bill_tags(), "54", Some("9999999999999")), "error.qr.amount_too_large", "13 digits"),
        (
            with(bill_tags(), "29", Some(&format!("{aid29}{}", tlv("01", "0066812345678")))),
            "error.qr.two_templates",
            "29 and 30",
        ),
        (
            with(with_tags_without_30(), "31", Some(&tlv("00", "A000000677010111"))),
            "error.qr.no_template",
            "KShop only",
        ),
        (payload(&[("00", "01"), ("53", "764"), ("58", "TH")]), "error.qr.no_template", "no payee"),
        (
            with(
                bill_tags(),
                "30",
                Some(
                    &(tlv("00", "A000000677012006")
                        + &tlv("01", "099999999999100")
                        + &tlv("02", "A")),
                ),
            ),
            "error.qr.aid",
            "cross-border bill payment",
        ),
        (
            with(bill_tags(), "30", Some(&(tlv("01", "099999999999100") + &tlv("02", "A")))),
            "error.qr.missing_tag",
            "30 without AID",
        ),
        (
            with(bill_tags(), "30", Some(&(tlv("00", "A000000677010112") + &tlv("02", "A")))),
            "error.qr.missing_tag",
            "no biller",
        ),
        (
            with(
                bill_tags(),
                "30",
                Some(&(tlv("00", "A000000677010112") + &tlv("01", "099999999999100"))),
            ),
            "error.qr.missing_tag",
            "no ref1",
        ),
        (
            with(
                bill_tags(),
                "30",
                Some(
                    &(tlv("00", "A000000677010112") + &tlv("01", "099999999999") + &tlv("02", "A")),
                ),
            ),
            "error.qr.biller_format",
            "12-digit biller",
        ),
        (
            with(
                bill_tags(),
                "30",
                Some(
                    &(tlv("00", "A000000677010112")
                        + &tlv("01", "0999999999991000")
                        + &tlv("02", "A")),
                ),
            ),
            "error.qr.biller_format",
            "16-digit biller",
        ),
        (
            with(
                bill_tags(),
                "30",
                Some(
                    &(tlv("00", "A000000677010112")
                        + &tlv("01", "09999999999910A")
                        + &tlv("02", "A")),
                ),
            ),
            "error.qr.biller_format",
            "letter in biller",
        ),
        (
            ct(tlv("00", "A000000677010112") + &tlv("01", "0066812345678")),
            "error.qr.aid",
            "bill AID in 29",
        ),
        (ct(tlv("01", "0066812345678")), "error.qr.missing_tag", "29 without AID"),
        (a29(""), "error.qr.missing_tag", "29 without payee"),
        (a29(&tlv("05", "ABCDE12345")), "error.qr.missing_tag", "29 with OTA code only"),
        (
            a29(&(tlv("01", "0066812345678") + &tlv("02", "0105536000518"))),
            "error.qr.many_proxies",
            "two payees",
        ),
        (a29(&tlv("01", "066812345678")), "error.qr.proxy_length", "12-digit mobile"),
        (a29(&tlv("01", "+66812345678")), "error.qr.proxy_length", "mobile with +"),
        (a29(&tlv("02", "010553600051")), "error.qr.proxy_length", "12-digit ID"),
        (a29(&tlv("03", "14000080111111")), "error.qr.proxy_length", "14-digit e-wallet"),
        (a29(&tlv("04", "014-123456")), "error.qr.proxy_digits", "account with dash"),
    ];
    for (p, key, what) in cases {
        refused(parse(&p), key, what);
    }
}

fn with_tags_without_30() -> Vec<(&'static str, String)> {
    bill_tags().into_iter().filter(|(t, _)| *t != "30").collect()
}

#[test]
fn parse_errors_say_where_and_what_in_thai_and_english() {
    let wrong = format!("{}FFFF", &DER_53[..DER_53.len() - 4]);
    let err = parse(&wrong).expect_err("wrong CRC");
    assert_eq!(err.key(), "error.qr.crc_mismatch");
    let th = err.to_string();
    assert!(th.contains("957C") && th.contains("FFFF") && th.contains("ไม่ตรง"), "{th}");
    let en = err.message(Lang::En);
    assert!(en.contains("gives 957C") && en.contains("says FFFF"), "{en}");

    // Positions are 1-based and count characters: tag 30's ID is the 13th, Ref1 starts at the 60th.
    let err = parse(&DER_53[..60]).expect_err("cut");
    let en = err.message(Lang::En);
    assert!(
        en.contains("tag 30 at position 13 declares 63 characters but only 44 are left"),
        "{en}"
    );
    let cut_inside = with(bill_tags(), "30", Some(&(tlv("00", "A000000677010112") + "0115099")));
    let en = parse(&cut_inside).expect_err("cut inside 30").message(Lang::En);
    assert!(en.contains("tag 30/01 at position 37"), "{en}");
    let err = parse(&DER_53.replace("LT68", "ลท68")).expect_err("Thai");
    assert!(err.to_string().contains("\"ล\" ที่ตำแหน่ง 60"), "{err}");
    let err = parse(&format!("{DER_53}\r\n")).expect_err("CRLF");
    let en = err.message(Lang::En);
    assert!(en.contains(&format!(r#""\r" at position {}"#, DER_53.len() + 1)), "{en}");
    let err = parse(&DER_53.replace("957C", "957c")).expect_err("lowercase");
    assert!(err.to_string().contains("957C"), "the message shows the uppercase form: {err}");
    let err = refs_err();
    assert!(err.to_string().contains("เลขอ้างอิง 1 (Ref1)"), "{err}");
    assert!(
        err.message(Lang::En).contains("reference 1 (Ref1) \"lt1\" contains \"l\""),
        "{}",
        err.message(Lang::En)
    );
}

fn refs_err() -> crate::Error {
    bill_payment(&BillPayment { ref1: "lt1".into(), ..notice() }).expect_err("lowercase ref1")
}

// --- properties --------------------------------------------------------------------------------------

const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn random_digits(rng: &mut StdRng, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect()
}

fn random_ref(rng: &mut StdRng) -> String {
    let n = rng.random_range(1..=20);
    (0..n).map(|_| char::from(ALNUM[rng.random_range(0..ALNUM.len())])).collect()
}

/// Separators a clerk might type between digit groups.
fn sprinkle(rng: &mut StdRng, digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && rng.random_ratio(1, 4) {
            out.push(if rng.random_bool(0.5) { '-' } else { ' ' });
        }
        out.push(c);
    }
    out
}

fn random_amount(rng: &mut StdRng) -> Option<Satang> {
    match rng.random_range(0..6) {
        0 => None,
        1 => Some(Satang(1)),
        2 => Some(MAX_AMOUNT),
        3 => Some(Satang(rng.random_range(1..10_000))),
        4 => Some(Satang(rng.random_range(1..=100) * 100)),
        _ => Some(Satang(rng.random_range(1..=MAX_AMOUNT.0))),
    }
}

fn random_poi(rng: &mut StdRng) -> Option<Poi> {
    [None, Some(Poi::Static), Some(Poi::Dynamic)][rng.random_range(0..3)]
}

/// A random valid credit transfer and the proxy its payload must carry.
fn random_transfer(rng: &mut StdRng) -> (CreditTransfer, String) {
    let (proxy_type, proxy, carried) = match rng.random_range(0..4) {
        0 => {
            let national =
                format!("{}{}", ['6', '8', '9'][rng.random_range(0..3)], random_digits(rng, 8));
            let typed = match rng.random_range(0..5) {
                0 => format!("0{national}"),
                1 => sprinkle(rng, &format!("0{national}")),
                2 => format!("+66{}", sprinkle(rng, &national)),
                3 => format!("66{national}"),
                _ => format!("0066{national}"),
            };
            (ProxyType::Mobile, typed, format!("0066{national}"))
        }
        1 => {
            let first12 = format!("{}{}", rng.random_range(1..=8), random_digits(rng, 11));
            let sum: u32 = first12
                .chars()
                .zip((2..=13).rev())
                .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
                .sum();
            let id = format!("{first12}{}", (11 - sum % 11) % 10);
            (ProxyType::NationalId, sprinkle(rng, &id), id)
        }
        2 => {
            let id = format!("0{}", random_digits(rng, 12));
            (ProxyType::TaxId, sprinkle(rng, &id), id)
        }
        _ => {
            let id = random_digits(rng, 15);
            (ProxyType::EWallet, id.clone(), id)
        }
    };
    let input =
        CreditTransfer { proxy_type, proxy, amount: random_amount(rng), poi: random_poi(rng) };
    (input, carried)
}

fn random_bill(rng: &mut StdRng) -> BillPayment {
    let optional = |rng: &mut StdRng| rng.random_bool(0.5).then(|| random_ref(rng));
    BillPayment {
        biller_id: random_digits(rng, 15),
        ref1: random_ref(rng),
        ref2: optional(rng),
        ref3: optional(rng),
        amount: random_amount(rng),
        poi: random_poi(rng),
    }
}

/// The same data objects in another order (00 first, 63 last, CRC recomputed), as other libraries emit.
fn shuffled(rng: &mut StdRng, p: &str) -> String {
    let ids = top_level_ids(p);
    let mut tlvs = Vec::new();
    let mut at = 0;
    for _ in &ids {
        let n = 4 + p[at + 2..at + 4].parse::<usize>().expect("length");
        tlvs.push(p[at..at + n].to_owned());
        at += n;
    }
    let last = tlvs.len() - 1;
    let mut middle = tlvs[1..last].to_vec();
    for i in (1..middle.len()).rev() {
        middle.swap(i, rng.random_range(0..=i));
    }
    let body = format!("{}{}6304", tlvs[0], middle.concat());
    format!("{body}{:04X}", crc16_ccitt_false(body.as_bytes()))
}

#[test]
fn round_trip_generate_then_parse() {
    let mut rng = StdRng::seed_from_u64(0x5a1a);
    for _ in 0..2000 {
        let (input, carried) = random_transfer(&mut rng);
        let p = promptpay(&input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        let expected = Parsed {
            kind: Kind::CreditTransfer,
            poi: Some(Poi::resolve(input.poi, input.amount)),
            proxy_type: Some(input.proxy_type),
            proxy: Some(carried),
            biller_id: None,
            ref1: None,
            ref2: None,
            ref3: None,
            amount: input.amount,
            currency: "764".into(),
            country: "TH".into(),
            crc: p[p.len() - 4..].to_owned(),
        };
        check_round_trip(&mut rng, &p, &expected);

        let bill = random_bill(&mut rng);
        let p = bill_payment(&bill).unwrap_or_else(|e| panic!("{bill:?}: {e}"));
        let expected = Parsed {
            kind: Kind::BillPayment,
            poi: Some(Poi::resolve(bill.poi, bill.amount)),
            proxy_type: None,
            proxy: None,
            biller_id: Some(bill.biller_id.clone()),
            ref1: Some(bill.ref1.clone()),
            ref2: bill.ref2.clone(),
            ref3: bill.ref3.clone(),
            amount: bill.amount,
            currency: "764".into(),
            country: "TH".into(),
            crc: p[p.len() - 4..].to_owned(),
        };
        check_round_trip(&mut rng, &p, &expected);
        let barcode = bot_barcode(&bill.biller_id, &bill.ref1, bill.ref2.as_deref(), bill.amount)
            .expect("barcode");
        let amount = bill.amount.map_or(0, |a| a.0);
        assert!(
            barcode.ends_with(&format!("\r{amount}")) && barcode.starts_with('|'),
            "{barcode:?}"
        );
    }
}

#[track_caller]
fn check_round_trip(rng: &mut StdRng, p: &str, expected: &Parsed) {
    assert_eq!(parse(p).as_ref().ok(), Some(expected), "{p}");
    assert!(top_level_ids(p).is_sorted(), "{p}");
    assert!(p.is_ascii() && p.len() <= 512, "{p}");
    let json = serde_json::to_value(expected).expect("json");
    assert_eq!(json["amount"].as_str().map(str::to_owned), expected.amount.map(|a| a.to_string()));
    let other = shuffled(rng, p);
    let reordered = parse(&other).unwrap_or_else(|e| panic!("{other}: {e}"));
    assert_eq!(Parsed { crc: expected.crc.clone(), ..reordered }, *expected, "{other}");
}

#[test]
fn every_one_character_corruption_or_truncation_is_refused() {
    let payloads = [
        DER_53.to_owned(),
        promptpay(&CreditTransfer {
            amount: Some(Satang(422)),
            ..transfer(ProxyType::Mobile, "0812345678")
        })
        .expect("mobile"),
        bill_payment(&BillPayment { ref3: Some("SCB".into()), ..notice() }).expect("ref3"),
    ];
    for p in &payloads {
        for len in 0..p.len() {
            assert!(parse(&p[..len]).is_err(), "prefix {len} of {p}");
        }
        for i in 0..p.len() {
            for c in ' '..='~' {
                if p.as_bytes()[i] == c as u8 {
                    continue;
                }
                let mut bytes = p.clone().into_bytes();
                bytes[i] = c as u8;
                let corrupted = String::from_utf8(bytes).expect("ASCII");
                assert!(parse(&corrupted).is_err(), "{corrupted} (position {i})");
                let mut inserted = p.clone();
                inserted.insert(i, c);
                assert!(parse(&inserted).is_err(), "{inserted}");
            }
            let mut removed = p.clone();
            removed.remove(i);
            assert!(parse(&removed).is_err(), "{removed}");
        }
    }
}
