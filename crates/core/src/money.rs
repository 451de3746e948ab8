//! Money as a whole number of satang (1 baht = 100 satang).
//!
//! Amounts never pass through floating point: text is parsed digit by digit with checked arithmetic, and
//! printed from the integer. Money is stored, summed and serialized as `i64` satang.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// An amount of money in satang (hundredths of a baht). Serializes as a plain integer: `1234.50` is `123450`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    ts_rs::TS,
)]
#[serde(transparent)]
#[ts(type = "number")]
pub struct Satang(pub i64);

impl Satang {
    /// Zero baht.
    pub const ZERO: Satang = Satang(0);

    /// Parses exact decimal baht text such as `1234.50`, `-5`, `1,234.5` or ` 0.05 ` into satang.
    ///
    /// Accepted: surrounding whitespace, an optional leading `-`, digits with optional thousands commas
    /// (then every group after the first must have exactly three digits), and at most two decimals (more are
    /// allowed only if they are zeros, as in `1.500`). Digits are required on both sides of a decimal point.
    /// Each other input fails with its own `error.amount.*` key whose message quotes the input.
    pub fn parse(input: &str) -> Result<Satang> {
        let input = input.trim();
        let err = |key| Error::validation(key).arg("input", input);
        if input.is_empty() {
            return Err(Error::validation("error.amount.empty"));
        }
        let (sign, body) = match input.strip_prefix('-') {
            Some(rest) => (-1, rest),
            None => (1, input),
        };
        if let Some(c) = body.chars().find(|c| !c.is_ascii_digit() && !matches!(c, '.' | ',' | '-'))
        {
            return Err(err("error.amount.invalid_char").arg("char", c));
        }
        if body.contains('-') {
            return Err(err("error.amount.malformed"));
        }
        let (int, frac) = match body.split_once('.') {
            Some((_, frac)) if frac.contains('.') => {
                return Err(err("error.amount.multiple_points"));
            }
            Some((int, frac)) => (int, Some(frac)),
            None => (body, None),
        };
        if frac.is_some_and(|f| f.contains(',')) || !grouping_ok(int) {
            return Err(err("error.amount.grouping"));
        }
        let frac = frac.unwrap_or("00");
        if int.is_empty() || frac.is_empty() {
            return Err(err("error.amount.malformed"));
        }
        let (cents, extra) = frac.split_at(frac.len().min(2));
        if extra.bytes().any(|b| b != b'0') {
            return Err(err("error.amount.too_many_decimals"));
        }
        // Applying the sign to every digit reaches i64::MIN exactly (negating at the end would overflow).
        int.bytes()
            .filter(u8::is_ascii_digit)
            .chain(format!("{cents:0<2}").into_bytes())
            .try_fold(0i64, |acc, d| acc.checked_mul(10)?.checked_add(sign * i64::from(d - b'0')))
            .map(Satang)
            .ok_or_else(|| err("error.amount.too_large"))
    }

    /// `self + other`, or `None` on overflow.
    pub fn checked_add(self, other: Satang) -> Option<Satang> {
        self.0.checked_add(other.0).map(Satang)
    }

    /// `self - other`, or `None` on overflow.
    pub fn checked_sub(self, other: Satang) -> Option<Satang> {
        self.0.checked_sub(other.0).map(Satang)
    }

    /// Whether the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// The amount with thousands commas, as printed on receipts: `1,234.50`, `-1,000,000.00`.
    pub fn to_grouped(&self) -> String {
        let plain = self.to_string();
        let (int, cents) = plain.split_at(plain.len() - 3);
        let (sign, digits) = int.split_at(usize::from(self.is_negative()));
        let mut out = String::from(sign);
        for (i, c) in digits.char_indices() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out + cents
    }
}

/// `int` is either plain digits or correctly grouped: 1–3 digits (not starting with `0`), then `,ddd` groups.
fn grouping_ok(int: &str) -> bool {
    let Some((first, rest)) = int.split_once(',') else { return true };
    (1..=3).contains(&first.len())
        && !first.starts_with('0')
        && rest.split(',').all(|g| g.len() == 3)
}

/// Plain decimal baht with two decimals and no grouping: `1234.50`, `-0.05`.
impl fmt::Display for Satang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let abs = self.0.unsigned_abs();
        let sign = if self.is_negative() { "-" } else { "" };
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// Same as [`Satang::parse`].
impl FromStr for Satang {
    type Err = Error;

    fn from_str(s: &str) -> Result<Satang> {
        Satang::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[track_caller]
    fn check(input: &str, expected: i64) {
        match Satang::parse(input) {
            Ok(got) => assert_eq!(got, Satang(expected), "parse({input:?})"),
            Err(e) => panic!("parse({input:?}) failed with {}: {e}", e.key()),
        }
    }

    #[track_caller]
    fn check_err(input: &str, key: &str) {
        match Satang::parse(input) {
            Ok(got) => panic!("parse({input:?}) = {got:?}, expected error {key}"),
            Err(e) => {
                assert_eq!(e.key(), key, "parse({input:?})");
                assert_eq!(e.code(), crate::ErrorCode::Validation);
            }
        }
    }

    #[test]
    fn parses_exact_amounts() {
        for (input, expected) in [
            ("0", 0),
            ("-0", 0),
            ("0.00", 0),
            ("1", 100),
            ("1.5", 150),
            ("1.50", 150),
            ("1.500", 150),
            ("1.5000000000000000000", 150),
            ("0.05", 5),
            ("0.01", 1),
            ("-0.01", -1),
            ("-1234.50", -123450),
            ("1234.5", 123450),
            ("1,234.50", 123450),
            ("1,234", 123400),
            ("12,345,678.90", 1234567890),
            ("999,999", 99999900),
            ("007", 700),
            ("  42.10\t\n", 4210),
            ("-1,000,000", -100000000),
            // 0.1 + 0.2 style amounts are exact because no float is involved.
            ("0.10", 10),
            ("0.20", 20),
            ("0.30", 30),
            ("92233720368547758.07", i64::MAX),
            ("-92233720368547758.08", i64::MIN),
            ("92,233,720,368,547,758.07", i64::MAX),
        ] {
            check(input, expected);
        }
    }

    #[test]
    fn rejects_bad_amounts() {
        for (input, key) in [
            ("", "error.amount.empty"),
            ("   ", "error.amount.empty"),
            ("abc", "error.amount.invalid_char"),
            ("+1", "error.amount.invalid_char"),
            ("+-1", "error.amount.invalid_char"),
            ("1 000", "error.amount.invalid_char"),
            ("฿100", "error.amount.invalid_char"),
            ("100บาท", "error.amount.invalid_char"),
            ("1e3", "error.amount.invalid_char"),
            ("๑๐๐", "error.amount.invalid_char"),
            ("- 1", "error.amount.invalid_char"),
            ("-", "error.amount.malformed"),
            (".", "error.amount.malformed"),
            ("-.", "error.amount.malformed"),
            ("1.", "error.amount.malformed"),
            (".5", "error.amount.malformed"),
            ("--1", "error.amount.malformed"),
            ("1-2", "error.amount.malformed"),
            ("1-", "error.amount.malformed"),
            ("1.2.3", "error.amount.multiple_points"),
            ("1..2", "error.amount.multiple_points"),
            ("1,23", "error.amount.grouping"),
            ("1,2345", "error.amount.grouping"),
            ("1234,567", "error.amount.grouping"),
            (",123", "error.amount.grouping"),
            ("1,,234", "error.amount.grouping"),
            ("1,234,", "error.amount.grouping"),
            ("0,123", "error.amount.grouping"),
            ("1.234,5", "error.amount.grouping"),
            (",", "error.amount.grouping"),
            ("1.005", "error.amount.too_many_decimals"),
            ("1.001", "error.amount.too_many_decimals"),
            ("0.5001", "error.amount.too_many_decimals"),
            ("92233720368547758.08", "error.amount.too_large"),
            ("-92233720368547758.09", "error.amount.too_large"),
            ("99999999999999999999999", "error.amount.too_large"),
        ] {
            check_err(input, key);
        }
    }

    #[test]
    fn error_messages_quote_the_input() {
        let message =
            |input, lang| Satang::parse(input).err().map(|e| e.message(lang)).unwrap_or_default();
        for lang in [Lang::Th, Lang::En] {
            let text = message(" 1,23 ", lang);
            assert!(text.contains("\"1,23\"") && !text.contains('{'), "{text}");
            let text = message("12x", lang);
            assert!(text.contains("\"12x\"") && text.contains("\"x\""), "{text}");
        }
    }

    #[test]
    fn displays_plain_and_grouped() {
        for (satang, plain, grouped) in [
            (0, "0.00", "0.00"),
            (5, "0.05", "0.05"),
            (-5, "-0.05", "-0.05"),
            (100, "1.00", "1.00"),
            (123450, "1234.50", "1,234.50"),
            (-123450, "-1234.50", "-1,234.50"),
            (99999, "999.99", "999.99"),
            (100000, "1000.00", "1,000.00"),
            (10000000, "100000.00", "100,000.00"),
            (100000000, "1000000.00", "1,000,000.00"),
            (i64::MAX, "92233720368547758.07", "92,233,720,368,547,758.07"),
            (i64::MIN, "-92233720368547758.08", "-92,233,720,368,547,758.08"),
        ] {
            let amount = Satang(satang);
            assert_eq!(amount.to_string(), plain);
            assert_eq!(amount.to_grouped(), grouped);
            // Both printed forms parse back to the same amount.
            assert_eq!(Satang::parse(plain).ok(), Some(amount), "{plain}");
            assert_eq!(grouped.parse::<Satang>().ok(), Some(amount), "{grouped}");
        }
    }

    #[test]
    fn checked_arithmetic() {
        assert_eq!(Satang(150).checked_add(Satang(50)), Some(Satang(200)));
        assert_eq!(Satang(150).checked_sub(Satang(200)), Some(Satang(-50)));
        assert_eq!(Satang(i64::MAX).checked_add(Satang(1)), None);
        assert_eq!(Satang(i64::MIN).checked_sub(Satang(1)), None);
    }

    #[test]
    fn serializes_as_integer() {
        assert_eq!(serde_json::to_string(&Satang(123450)).ok().as_deref(), Some("123450"));
        assert_eq!(serde_json::from_str::<Satang>("-5").ok(), Some(Satang(-5)));
    }
}
