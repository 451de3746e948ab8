//! The 13-digit Thai ID: a citizen's ID card number or a juristic person's tax ID (which starts with `0`).
//!
//! The last digit is a check digit over the first twelve: `(11 - Σ dᵢ·(13-i) mod 11) mod 10`. It catches most
//! typos, but not all: the third digit has weight 11 (≡ 0 mod 11), so a mistyped third digit is never
//! detected, and remainders 0 and 10 both give check digit 1, so an ID ending in 1 lets one wrong value per
//! other position through. A passing check digit is therefore no proof that the ID was read correctly.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::{Error, Result};

/// A valid 13-digit Thai ID, stored as its digits only. Serializes as the 13-digit string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ThaiId(String);

impl ThaiId {
    /// Parses an ID typed by a clerk: 13 digits, with dashes and spaces allowed anywhere as separators
    /// (`1-2345-67890-12-1`, `1 2345 67890 12 1`). Fails with `error.thai_id.empty`, `.invalid_char`
    /// (names the character), `.length` (says how many digits were given) or `.check_digit` (says which
    /// check digit the first twelve digits call for).
    pub fn parse(input: &str) -> Result<ThaiId> {
        let input = input.trim();
        let err = |key| Error::validation(key).arg("input", input);
        if input.is_empty() {
            return Err(Error::validation("error.thai_id.empty"));
        }
        if let Some(c) = input.chars().find(|c| !c.is_ascii_digit() && !matches!(c, '-' | ' ')) {
            return Err(err("error.thai_id.invalid_char").arg("char", c));
        }
        let digits: String = input.chars().filter(char::is_ascii_digit).collect();
        if digits.len() != 13 {
            return Err(err("error.thai_id.length").arg("count", digits.len().to_string()));
        }
        let expected = check_digit(&digits[..12]);
        if digits.as_bytes()[12] != expected {
            return Err(err("error.thai_id.check_digit").arg("expected", char::from(expected)));
        }
        Ok(ThaiId(digits))
    }

    /// The 13 digits without separators: `1234567890121`.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The ID with the middle seven digits hidden, for screens and printouts that need not show it whole:
    /// `1-2345-xxxxx-xx-1`.
    pub fn masked(&self) -> String {
        format!("{}-{}-xxxxx-xx-{}", &self.0[..1], &self.0[1..5], &self.0[12..])
    }
}

/// The check digit (as an ASCII byte) for the first twelve digits.
fn check_digit(first12: &str) -> u8 {
    let sum: u32 = first12.bytes().zip((2..=13).rev()).map(|(d, w)| u32::from(d - b'0') * w).sum();
    // `sum % 11` is at most 10, so the digit is in 0..=9.
    b'0' + ((11 - sum % 11) % 10) as u8
}

/// The usual printed grouping: `1-2345-67890-12-1`.
impl fmt::Display for ThaiId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        write!(f, "{}-{}-{}-{}-{}", &d[..1], &d[1..5], &d[5..10], &d[10..12], &d[12..])
    }
}

/// Same as [`ThaiId::parse`].
impl FromStr for ThaiId {
    type Err = Error;

    fn from_str(s: &str) -> Result<ThaiId> {
        ThaiId::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[track_caller]
    fn check(input: &str, digits: &str) {
        match ThaiId::parse(input) {
            Ok(id) => assert_eq!(id.digits(), digits, "parse({input:?})"),
            Err(e) => panic!("parse({input:?}) failed with {}: {e}", e.key()),
        }
    }

    #[track_caller]
    fn check_err(input: &str, key: &str, arg: Option<&str>) {
        match ThaiId::parse(input) {
            Ok(id) => panic!("parse({input:?}) = {id}, expected {key}"),
            Err(e) => {
                assert_eq!(e.key(), key, "parse({input:?})");
                if let Some(arg) = arg {
                    assert!(
                        e.message(Lang::En).contains(arg),
                        "{input:?}: {}",
                        e.message(Lang::En)
                    );
                }
            }
        }
    }

    /// IDs shaped like real ones (a person's type digit 1–8, a province/district code, a juristic 0-prefix),
    /// with check digits computed from the formula in Python.
    const VALID: [&str; 8] = [
        "1234567890121",
        "3100600000005", // born before 1984, registered in Bangkok
        "1101700203450", // Bangkok-born, 1990s
        "1509900000009", // Chiang Mai
        "8100000000005", // foreign-born with Thai nationality
        "0105536000518", // juristic person (company) tax ID
        "0994000000006", // government agency tax ID
        "0000000000001", // the check digit of twelve zeros is 1
    ];

    #[test]
    fn accepts_valid_ids_with_separators() {
        for id in VALID {
            check(id, id);
        }
        for (input, digits) in [
            ("1-2345-67890-12-1", "1234567890121"),
            ("1 2345 67890 12 1", "1234567890121"),
            ("  1234-5678-90121 ", "1234567890121"),
            ("1--2345 - 67890121", "1234567890121"),
            ("0-1055-36000-51-8", "0105536000518"),
        ] {
            check(input, digits);
        }
    }

    #[test]
    fn rejects_bad_ids_with_a_reason() {
        for (input, key, arg) in [
            ("", "error.thai_id.empty", None),
            ("  ", "error.thai_id.empty", None),
            ("1-2345-67890-12-l", "error.thai_id.invalid_char", Some("\"l\"")),
            ("1.2345.67890.12.1", "error.thai_id.invalid_char", Some("\".\"")),
            ("๑๒๓๔๕๖๗๘๙๐๑๒๑", "error.thai_id.invalid_char", Some("\"๑\"")),
            ("--", "error.thai_id.length", Some("0 digits")),
            ("123456789012", "error.thai_id.length", Some("12 digits")),
            ("12345678901210", "error.thai_id.length", Some("14 digits")),
            ("1-2345-67890-12", "error.thai_id.length", Some("12 digits")),
            ("1234567890122", "error.thai_id.check_digit", Some("should be 1")),
            ("1-2345-67890-12-0", "error.thai_id.check_digit", Some("should be 1")),
            ("0105536000510", "error.thai_id.check_digit", Some("should be 8")),
        ] {
            check_err(input, key, arg);
        }
    }

    /// Every single-digit typo of a valid ID fails the check digit, except the formula's blind spots (see the
    /// module doc), which are pinned here so a change to the check is noticed.
    #[test]
    fn single_digit_typos_fail_except_the_blind_spots() {
        for (id, slips_outside_third_digit) in [
            ("3100600000005", &[][..]),
            ("1101700203450", &[]),
            ("1509900000009", &[]),
            ("8100000000005", &[]),
            ("0105536000518", &[]),
            ("0994000000006", &[]),
            // Check digit 1: remainder 0 and 10 collide, one typo per position (bar the third) slips through.
            (
                "1234567890121",
                &[
                    "6234567890121",
                    "1134567890121",
                    "1235567890121",
                    "1234067890121",
                    "1234567690121",
                    "1234567800121",
                    "1234567898121",
                    "1234567890821",
                    "1234567890171",
                ],
            ),
        ] {
            let mut slipped = Vec::new();
            for pos in 0..13 {
                for d in b'0'..=b'9' {
                    let mut typo = id.as_bytes().to_vec();
                    if typo[pos] == d {
                        continue;
                    }
                    typo[pos] = d;
                    let typo = String::from_utf8_lossy(&typo).into_owned();
                    match ThaiId::parse(&typo) {
                        Ok(_) => slipped.push((pos, typo)),
                        Err(e) => assert_eq!(e.key(), "error.thai_id.check_digit", "{typo}"),
                    }
                }
            }
            let (third, others): (Vec<_>, Vec<_>) =
                slipped.into_iter().partition(|(pos, _)| *pos == 2);
            assert_eq!(third.len(), 9, "{id}: every third-digit typo passes (weight 11)");
            let others: Vec<_> = others.iter().map(|(_, typo)| typo.as_str()).collect();
            assert_eq!(others, slips_outside_third_digit, "{id}");
        }
    }

    #[test]
    fn displays_digits_grouped_and_masked() {
        for (digits, shown, masked) in [
            ("1234567890121", "1-2345-67890-12-1", "1-2345-xxxxx-xx-1"),
            ("0105536000518", "0-1055-36000-51-8", "0-1055-xxxxx-xx-8"),
        ] {
            let id = ThaiId::parse(digits).ok();
            assert_eq!(id.as_ref().map(ToString::to_string).as_deref(), Some(shown));
            assert_eq!(id.as_ref().map(ThaiId::masked).as_deref(), Some(masked));
            assert_eq!(shown.parse::<ThaiId>().ok(), id, "the printed form parses back");
            let json = id.as_ref().and_then(|id| serde_json::to_string(id).ok());
            assert_eq!(json, Some(format!("\"{digits}\"")));
        }
    }
}
