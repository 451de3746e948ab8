//! An amount of money in Thai words, as printed on Thai receipts: `1234.50` → `หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์`.
//!
//! The output follows Excel's `BAHTTEXT`, and `pythainlp.util.bahttext` except where noted:
//! - whole baht end in `บาทถ้วน`; satang are read as their own number and end in `สตางค์`, with no `บาท` when
//!   the baht part is zero (`0.50` → `ห้าสิบสตางค์`, as Excel prints it; pythainlp and the PyPI `bahttext`
//!   package print `ศูนย์บาทห้าสิบสตางค์`); zero is `ศูนย์บาทถ้วน`; negatives start with `ลบ`;
//! - numbers are read in groups of six digits joined by `ล้าน` (`ล้านล้าน` for 10^12);
//! - tens: `สิบ` (not `หนึ่งสิบ`), `ยี่สิบ`; a `1` in the ones place is `เอ็ด` whenever any higher digit of the same
//!   number is non-zero (`11` สิบเอ็ด, `101` หนึ่งร้อยเอ็ด, `1,000,001` หนึ่งล้านเอ็ด) and `หนึ่ง` when it stands
//!   alone (`1` หนึ่ง, `1,000,000` หนึ่งล้าน, `1.01` หนึ่งบาทหนึ่งสตางค์: satang are a separate number).
//!
//! The count before `ล้าน` is itself a number, so the rule applies to it too: `1,000,001,000,000` is
//! `หนึ่งล้านเอ็ดล้าน`, as the PyPI `bahttext` package prints and as the Royal Institute's answer quoted in
//! greatfriends/ThaiBahtText#22 says ("เอ็ด for the ones digit and the ones digit of the millions, in every
//! case"). pythainlp 5.4 prints `หนึ่งล้านหนึ่งล้าน` there, because it only turns a six-digit group of exactly 1
//! into เอ็ด when it is the last group; the case needs at least 10^12 baht, so no receipt will meet it.

use crate::Result;
use crate::money::Satang;

const DIGITS: [&str; 10] = ["ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"];
/// Place names from hundred-thousands down to hundreds, with their place value.
const PLACES: [(u64, &str); 4] = [(100_000, "แสน"), (10_000, "หมื่น"), (1_000, "พัน"), (100, "ร้อย")];
const MILLION: u64 = 1_000_000;

/// The amount in Thai words, Excel `BAHTTEXT` style: `21` → `ยี่สิบเอ็ดบาทถ้วน`, `0.50` → `ห้าสิบสตางค์`.
pub fn baht_text(amount: Satang) -> String {
    let abs = amount.0.unsigned_abs();
    let (baht, satang) = (abs / 100, abs % 100);
    if abs == 0 {
        return "ศูนย์บาทถ้วน".to_owned();
    }
    let mut out = String::new();
    if amount.is_negative() {
        out.push_str("ลบ");
    }
    if baht > 0 {
        push_number(&mut out, baht);
        out.push_str("บาท");
    }
    if satang == 0 {
        out.push_str("ถ้วน");
    } else {
        push_number(&mut out, satang);
        out.push_str("สตางค์");
    }
    out
}

/// Parses decimal baht text with [`Satang::parse`] and returns it in Thai words (see [`baht_text`]).
pub fn baht_text_str(amount: &str) -> Result<String> {
    Satang::parse(amount).map(baht_text)
}

/// Appends the Thai words for `n` (at least 1).
fn push_number(out: &mut String, n: u64) {
    let higher = n / MILLION;
    if higher > 0 {
        push_number(out, higher);
        out.push_str("ล้าน");
    }
    let group = n % MILLION;
    for (value, name) in PLACES {
        let digit = group / value % 10;
        if digit > 0 {
            out.push_str(DIGITS[digit as usize]);
            out.push_str(name);
        }
    }
    match group / 10 % 10 {
        0 => {}
        1 => out.push_str("สิบ"),
        2 => out.push_str("ยี่สิบ"),
        tens => {
            out.push_str(DIGITS[tens as usize]);
            out.push_str("สิบ");
        }
    }
    match group % 10 {
        0 => {}
        1 if higher > 0 || group >= 10 => out.push_str("เอ็ด"),
        ones => out.push_str(DIGITS[ones as usize]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(amount: &str, expected: &str) {
        match baht_text_str(amount) {
            Ok(got) => assert_eq!(got, expected, "baht_text({amount})"),
            Err(e) => panic!("{amount}: {e}"),
        }
    }

    #[test]
    fn examples_from_the_spec() {
        for (amount, expected) in [
            ("21", "ยี่สิบเอ็ดบาทถ้วน"),
            ("1234.50", "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์"),
            ("0", "ศูนย์บาทถ้วน"),
            ("0.50", "ห้าสิบสตางค์"),
            ("1.01", "หนึ่งบาทหนึ่งสตางค์"),
            ("11", "สิบเอ็ดบาทถ้วน"),
            ("101", "หนึ่งร้อยเอ็ดบาทถ้วน"),
            ("1000000", "หนึ่งล้านบาทถ้วน"),
            ("1000001", "หนึ่งล้านเอ็ดบาทถ้วน"),
            ("21000000", "ยี่สิบเอ็ดล้านบาทถ้วน"),
            ("1000000000000", "หนึ่งล้านล้านบาทถ้วน"),
            ("-1234.50", "ลบหนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์"),
        ] {
            check(amount, expected);
        }
    }

    /// Generated with `pythainlp.util.bahttext` 5.x; every row also matches this module's rules.
    #[test]
    fn agrees_with_pythainlp() {
        for (amount, expected) in [
            ("1", "หนึ่งบาทถ้วน"),
            ("2", "สองบาทถ้วน"),
            ("10", "สิบบาทถ้วน"),
            ("12", "สิบสองบาทถ้วน"),
            ("19", "สิบเก้าบาทถ้วน"),
            ("20", "ยี่สิบบาทถ้วน"),
            ("22", "ยี่สิบสองบาทถ้วน"),
            ("30", "สามสิบบาทถ้วน"),
            ("99", "เก้าสิบเก้าบาทถ้วน"),
            ("100", "หนึ่งร้อยบาทถ้วน"),
            ("110", "หนึ่งร้อยสิบบาทถ้วน"),
            ("111", "หนึ่งร้อยสิบเอ็ดบาทถ้วน"),
            ("121", "หนึ่งร้อยยี่สิบเอ็ดบาทถ้วน"),
            ("200", "สองร้อยบาทถ้วน"),
            ("201", "สองร้อยเอ็ดบาทถ้วน"),
            ("1001", "หนึ่งพันเอ็ดบาทถ้วน"),
            ("2001", "สองพันเอ็ดบาทถ้วน"),
            ("10001", "หนึ่งหมื่นเอ็ดบาทถ้วน"),
            ("11111", "หนึ่งหมื่นหนึ่งพันหนึ่งร้อยสิบเอ็ดบาทถ้วน"),
            ("100001", "หนึ่งแสนเอ็ดบาทถ้วน"),
            ("111111", "หนึ่งแสนหนึ่งหมื่นหนึ่งพันหนึ่งร้อยสิบเอ็ดบาทถ้วน"),
            ("999999", "เก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทถ้วน"),
            ("1000010", "หนึ่งล้านสิบบาทถ้วน"),
            ("1000011", "หนึ่งล้านสิบเอ็ดบาทถ้วน"),
            ("1000021", "หนึ่งล้านยี่สิบเอ็ดบาทถ้วน"),
            ("1100000", "หนึ่งล้านหนึ่งแสนบาทถ้วน"),
            ("10000000", "สิบล้านบาทถ้วน"),
            ("11000000", "สิบเอ็ดล้านบาทถ้วน"),
            ("20000001", "ยี่สิบล้านเอ็ดบาทถ้วน"),
            ("101000000", "หนึ่งร้อยเอ็ดล้านบาทถ้วน"),
            ("5001000000", "ห้าพันเอ็ดล้านบาทถ้วน"),
            ("111111111111", "หนึ่งแสนหนึ่งหมื่นหนึ่งพันหนึ่งร้อยสิบเอ็ดล้านหนึ่งแสนหนึ่งหมื่นหนึ่งพันหนึ่งร้อยสิบเอ็ดบาทถ้วน"),
            ("1000000000001", "หนึ่งล้านล้านเอ็ดบาทถ้วน"),
            ("21000000000000", "ยี่สิบเอ็ดล้านล้านบาทถ้วน"),
            ("1001000000000000", "หนึ่งพันเอ็ดล้านล้านบาทถ้วน"),
            ("1234567.89", "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทแปดสิบเก้าสตางค์"),
            ("25.25", "ยี่สิบห้าบาทยี่สิบห้าสตางค์"),
            ("100.01", "หนึ่งร้อยบาทหนึ่งสตางค์"),
            ("1000000.11", "หนึ่งล้านบาทสิบเอ็ดสตางค์"),
            ("21.21", "ยี่สิบเอ็ดบาทยี่สิบเอ็ดสตางค์"),
            ("-21", "ลบยี่สิบเอ็ดบาทถ้วน"),
            ("-1000001.01", "ลบหนึ่งล้านเอ็ดบาทหนึ่งสตางค์"),
        ] {
            check(amount, expected);
        }
    }

    /// Where the references disagree (see the module doc), we follow the Royal Institute and Excel's rule.
    #[test]
    fn ones_of_a_million_count_is_et() {
        for (amount, expected) in [
            ("1000001000000", "หนึ่งล้านเอ็ดล้านบาทถ้วน"),
            ("1000001000001", "หนึ่งล้านเอ็ดล้านเอ็ดบาทถ้วน"),
            ("5000001000000.01", "ห้าล้านเอ็ดล้านบาทหนึ่งสตางค์"),
        ] {
            check(amount, expected);
        }
    }

    /// Satang-only amounts have no `บาท` part, as in Excel; `pythainlp` and the PyPI `bahttext` package both
    /// print `ศูนย์บาทห้าสิบสตางค์` here (and pythainlp drops the minus of `-0.50`).
    #[test]
    fn satang_only_amounts_have_no_baht() {
        for (amount, expected) in [
            ("0.01", "หนึ่งสตางค์"),
            ("0.11", "สิบเอ็ดสตางค์"),
            ("0.21", "ยี่สิบเอ็ดสตางค์"),
            ("0.99", "เก้าสิบเก้าสตางค์"),
            ("-0.50", "ลบห้าสิบสตางค์"),
        ] {
            check(amount, expected);
        }
    }

    #[test]
    fn extremes_do_not_overflow() {
        let max = "เก้าหมื่นสองพันสองร้อยสามสิบสามล้านเจ็ดแสนสองหมื่นสามร้อยหกสิบแปดล้าน\
                   ห้าแสนสี่หมื่นเจ็ดพันเจ็ดร้อยห้าสิบแปดบาท";
        assert_eq!(baht_text(Satang(i64::MAX)), format!("{max}เจ็ดสตางค์"));
        assert_eq!(baht_text(Satang(i64::MIN)), format!("ลบ{max}แปดสตางค์"));
    }
}
