//! `salactl qr` as a script or an administrator uses it: PromptPay and bill-payment payloads byte for byte
//! (expected payloads and CRCs computed outside Sala, with Python's `binascii.crc_hqx`), the default point of
//! initiation, the `parse` JSON contract, and refusals that exit 1 with a Thai reason.

use std::process::{Command, Output};

use anyhow::{Result, ensure};
use sala_tests::salactl_bin;

/// Worked example `der-53` of `shared/domain/thai-qr.md` §0: a tax notice with an amount.
const DER_53: &str = "00020101021230630016A00000067701011201150999999999991000212LT680001234503042568530376454071234.505802TH6304957C";
/// `der-54`: the same notice without an amount (POI 11, no tag 54).
const DER_54: &str = "00020101021130630016A00000067701011201150999999999991000212LT68000123450304256853037645802TH6304D265";
const NOTICE: [&str; 6] =
    ["qr", "bill", "--biller-id", "099999999999100", "--ref1", "LT6800012345"];

fn salactl(args: &[&str]) -> Result<Output> {
    Ok(Command::new(salactl_bin()?).args(args).env_remove("SALA_DATA_DIR").output()?)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `args`, requires exit 0 and exactly one line of output, and returns it.
fn one_line(args: &[&str]) -> Result<String> {
    let out = salactl(args)?;
    ensure!(out.status.success(), "{args:?} failed: {}", stderr(&out));
    let text = stdout(&out);
    ensure!(text.lines().count() == 1 && text.ends_with('\n'), "{args:?}: one line: {text:?}");
    Ok(text.trim_end().to_owned())
}

fn notice(extra: &[&'static str]) -> Vec<&'static str> {
    let mut args = NOTICE.to_vec();
    args.extend_from_slice(extra);
    args
}

#[test]
fn promptpay_payloads_are_canonical() -> Result<()> {
    for (args, expected) in [
        // Same bytes as promptparse's vector: its order is ascending when there is no amount.
        (
            &["qr", "promptpay", "--mobile", "0812223333"][..],
            "00020101021129370016A0000006770101110113006681222333353037645802TH63041DCF",
        ),
        (
            &["qr", "promptpay", "--mobile", "081-222-3333", "--amount", "30"],
            "00020101021229370016A000000677010111011300668122233335303764540530.005802TH6304F9BA",
        ),
        (
            &["qr", "promptpay", "--mobile", "+66 81 222 3333", "--amount", "30.00", "--dynamic"],
            "00020101021229370016A000000677010111011300668122233335303764540530.005802TH6304F9BA",
        ),
        // --id decides by the leading 0: a juristic tax ID (check digit not enforced) ...
        (
            &["qr", "promptpay", "--id", "0123456789012"],
            "00020101021129370016A0000006770101110213012345678901253037645802TH6304D301",
        ),
        // ... or a national ID (check digit verified, separators allowed).
        (
            &["qr", "promptpay", "--id", "1-2345-67890-12-1"],
            "00020101021129370016A0000006770101110213123456789012153037645802TH6304C3BF",
        ),
        (
            &["qr", "promptpay", "--ewallet", "140000801111111"],
            "00020101021129390016A000000677010111031514000080111111153037645802TH63047C0F",
        ),
    ] {
        ensure!(one_line(args)? == expected, "{args:?}");
    }
    let json = salactl(&["--json", "qr", "promptpay", "--mobile", "0812223333"])?;
    let v: serde_json::Value = serde_json::from_slice(&json.stdout)?;
    ensure!(
        v["payload"]
            == "00020101021129370016A0000006770101110113006681222333353037645802TH63041DCF",
        "--json wraps the payload: {v}"
    );
    Ok(())
}

#[test]
fn bill_payloads_and_the_default_point_of_initiation() -> Result<()> {
    for (extra, expected) in [
        // With an amount: dynamic (12) by default; the amount may be typed with thousands commas.
        (&["--ref2", "2568", "--amount", "1,234.50"][..], DER_53),
        (&["--ref2", "2568", "--amount", "1234.5"], DER_53),
        // Without an amount: static (11).
        (&["--ref2", "2568"], DER_54),
        // Explicit choices override the default: 11 with an amount, 12 without.
        (
            &["--ref2", "2568", "--amount", "1234.50", "--static"],
            "00020101021130630016A00000067701011201150999999999991000212LT680001234503042568530376454071234.505802TH6304122F",
        ),
        (
            &["--ref2", "2568", "--dynamic"],
            "00020101021230630016A00000067701011201150999999999991000212LT68000123450304256853037645802TH6304C574",
        ),
        // Ref3 goes to tag 62/07; an empty Ref2 is left out rather than emitted as 0300.
        (
            &["--ref2", "2568", "--ref3", "SCB"],
            "00020101021130630016A00000067701011201150999999999991000212LT68000123450304256853037645802TH62070703SCB6304DC2C",
        ),
    ] {
        ensure!(one_line(&notice(extra))? == expected, "{extra:?}");
    }
    let no_ref2 = one_line(&notice(&["--ref2", ""]))?;
    ensure!(!no_ref2.contains("0300"), "{no_ref2}");
    let v: serde_json::Value =
        serde_json::from_slice(&salactl(&["qr", "parse", &no_ref2])?.stdout)?;
    ensure!(v["ref2"].is_null() && v["poi"] == "11", "{v}");
    Ok(())
}

#[test]
fn parse_prints_the_json_contract() -> Result<()> {
    let out = salactl(&["qr", "parse", DER_53])?;
    ensure!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let keys: Vec<&str> =
        v.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    let mut expected_keys = vec![
        "kind",
        "poi",
        "proxy_type",
        "proxy",
        "biller_id",
        "ref1",
        "ref2",
        "ref3",
        "amount",
        "currency",
        "country",
        "crc",
    ];
    expected_keys.sort_unstable();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    ensure!(sorted == expected_keys, "exactly the contract's keys: {keys:?}");
    ensure!(
        v == serde_json::json!({
            "kind": "bill_payment", "poi": "12", "proxy_type": null, "proxy": null,
            "biller_id": "099999999999100", "ref1": "LT6800012345", "ref2": "2568", "ref3": null,
            "amount": "1234.50", "currency": "764", "country": "TH", "crc": "957C"
        }),
        "{v}"
    );

    // JSON regardless of --json and --lang; another library's tag order (dtinth: 58 before 53).
    let out = salactl(&[
        "--lang",
        "en",
        "--json",
        "qr",
        "parse",
        "00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469",
    ])?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    ensure!(
        v == serde_json::json!({
            "kind": "credit_transfer", "poi": "12", "proxy_type": "mobile", "proxy": "0066000000000",
            "biller_id": null, "ref1": null, "ref2": null, "ref3": null,
            "amount": "4.22", "currency": "764", "country": "TH", "crc": "E469"
        }),
        "{v}"
    );

    // Tag 29/02: a leading 0 is a juristic tax ID, anything else a national ID.
    let v: serde_json::Value = serde_json::from_slice(
        &salactl(&[
            "qr",
            "parse",
            "00020101021129370016A000000677010111021301234567890125802TH530376463040CBD",
        ])?
        .stdout,
    )?;
    ensure!(
        v["proxy_type"] == "tax_id" && v["proxy"] == "0123456789012" && v["poi"] == "11",
        "{v}"
    );
    let v: serde_json::Value = serde_json::from_slice(
        &salactl(&[
            "qr",
            "parse",
            "00020101021129370016A000000677010111021311111111111115802TH530376463047B5A",
        ])?
        .stdout,
    )?;
    ensure!(v["proxy_type"] == "national_id" && v["amount"].is_null(), "{v}");

    // Round trip through the command line.
    let payload = one_line(&notice(&["--ref3", "ABC123", "--amount", "0.01"]))?;
    let v: serde_json::Value =
        serde_json::from_slice(&salactl(&["qr", "parse", &payload])?.stdout)?;
    ensure!(v["ref3"] == "ABC123" && v["amount"] == "0.01" && v["ref2"].is_null(), "{v}");
    Ok(())
}

#[test]
fn malformed_payloads_and_bad_input_exit_1_with_a_thai_reason() -> Result<()> {
    let wrong_crc = format!("{}957D", &DER_53[..DER_53.len() - 4]);
    let out = salactl(&["qr", "parse", &wrong_crc])?;
    ensure!(out.status.code() == Some(1), "CRC mismatch exits 1");
    ensure!(out.stdout.is_empty(), "no JSON for a refused payload: {}", stdout(&out));
    let th = stderr(&out);
    ensure!(
        th.contains("CRC") && th.contains("ไม่ตรง") && th.contains("957C") && th.contains("957D"),
        "Thai, with expected and found: {th}"
    );
    let en = stderr(&salactl(&["--lang", "en", "qr", "parse", &wrong_crc])?);
    ensure!(en.contains("CRC mismatch") && en.contains("957C") && en.contains("957D"), "{en}");
    let json = salactl(&["--json", "qr", "parse", &wrong_crc])?;
    let v: serde_json::Value = serde_json::from_slice(&json.stdout)?;
    ensure!(json.status.code() == Some(1) && v["error"]["code"] == "validation", "{v}");

    for (args, thai) in [
        (vec!["qr", "parse", &DER_53[..DER_53.len() - 2]], "ขาดหาย"),
        (vec!["qr", "parse", ""], "ว่างเปล่า"),
        (vec!["qr", "parse", "hello"], "ตำแหน่ง 1"),
        (vec!["qr", "bill", "--biller-id", "0112233445566", "--ref1", "A"], "15 หลัก"),
        (notice(&["--ref2", "2568-01"]), "\"-\""),
        (notice(&["--amount", "1.500"]), "ทศนิยม"),
        (notice(&["--amount", "0"]), "มากกว่า 0"),
        (notice(&["--amount", "-5"]), "ติดลบ"),
        (vec!["qr", "promptpay", "--mobile", "021234567"], "มือถือ"),
        (vec!["qr", "promptpay", "--id", "1111111111111"], "ควรเป็น 9"),
        (vec!["qr", "promptpay", "--ewallet", "12345"], "15 หลัก"),
    ] {
        let out = salactl(&args)?;
        ensure!(out.status.code() == Some(1), "{args:?} exits 1");
        ensure!(out.stdout.is_empty(), "{args:?} prints nothing on stdout");
        ensure!(stderr(&out).contains(thai), "{args:?}: {}", stderr(&out));
    }

    // Usage errors are clap's: exit 2.
    for args in [
        &["qr", "promptpay"][..],
        &["qr", "promptpay", "--mobile", "0812345678", "--id", "1234567890121"],
        &["qr", "promptpay", "--mobile", "0812345678", "--static", "--dynamic"],
        &["qr", "bill", "--ref1", "A"],
    ] {
        ensure!(salactl(args)?.status.code() == Some(2), "{args:?} is a usage error");
    }
    Ok(())
}
