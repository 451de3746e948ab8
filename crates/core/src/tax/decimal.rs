//! Exact decimals for the tax engine: quantities (areas, shares) in ten-thousandths, rates in ten-thousandths
//! of a percent, baht in satang. Parsed digit by digit, never through floating point.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::engine::{Baht, Qty, Rate};
use crate::money::Satang;
use crate::{Error, Result};

/// Ten-thousandths: the scale of [`Qty`] and [`Rate`].
pub const SCALE: i128 = 10_000;

/// Parses a non-negative or negative decimal with at most `places` decimals (more are allowed if zeros)
/// into an integer scaled by 10^places.
pub(crate) fn parse_scaled(input: &str, places: u32) -> Option<i128> {
    let s = input.trim();
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || int.len() > 24 {
        return None;
    }
    if body.contains('.') && frac.is_empty() {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (kept, extra) = frac.split_at(frac.len().min(places as usize));
    if extra.bytes().any(|b| b != b'0') {
        return None;
    }
    let mut v: i128 = int.parse().ok()?;
    for i in 0..places as usize {
        let d = kept.as_bytes().get(i).map_or(0, |b| i128::from(b - b'0'));
        v = v.checked_mul(10)?.checked_add(d)?;
    }
    Some(if neg { -v } else { v })
}

/// Shortest decimal text of `v / 10^places`: `3000, 4` → `0.3`.
pub(crate) fn format_scaled(v: i128, places: u32) -> String {
    let scale = 10i128.pow(places);
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs();
    let (int, frac) = (a / scale.unsigned_abs(), a % scale.unsigned_abs());
    if frac == 0 {
        return format!("{sign}{int}");
    }
    let frac = format!("{frac:0width$}", width = places as usize);
    format!("{sign}{int}.{}", frac.trim_end_matches('0'))
}

/// Divides rounding half up (away from zero for halves; callers pass non-negative values).
pub(crate) fn div_half_up(num: i128, den: i128) -> i128 {
    let q = num / den;
    let r = num % den;
    if r * 2 >= den { q + 1 } else { q }
}

/// The text a JSON value carries: a string as is, a number as written.
#[derive(Deserialize)]
#[serde(untagged)]
enum Raw {
    Text(String),
    Int(i64),
    Float(f64),
}

impl Raw {
    fn text(self) -> String {
        match self {
            Raw::Text(s) => s,
            Raw::Int(i) => i.to_string(),
            Raw::Float(f) => f.to_string(),
        }
    }
}

impl Qty {
    /// Parses decimal text with at most four decimals.
    pub fn parse(input: &str) -> Result<Qty> {
        parse_scaled(input, 4)
            .map(Qty)
            .ok_or_else(|| Error::validation("error.tax.number").arg("input", input.trim()))
    }

    /// A whole number.
    pub fn whole(n: i64) -> Qty {
        Qty(i128::from(n) * SCALE)
    }
}

impl std::fmt::Display for Qty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_scaled(self.0, 4))
    }
}

impl<'de> Deserialize<'de> for Qty {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Qty, D::Error> {
        let text = Raw::deserialize(d)?.text();
        parse_scaled(&text, 4)
            .map(Qty)
            .ok_or_else(|| D::Error::custom(format!("not a number: {text}")))
    }
}

impl Serialize for Qty {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl Rate {
    /// Parses a percentage such as `0.3` or `0.015`.
    pub fn parse(input: &str) -> Result<Rate> {
        parse_scaled(input, 4)
            .and_then(|v| i64::try_from(v).ok())
            .map(Rate)
            .ok_or_else(|| Error::validation("error.tax.rate").arg("input", input.trim()))
    }
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_scaled(i128::from(self.0), 4))
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Rate, D::Error> {
        let text = Raw::deserialize(d)?.text();
        Rate::parse(&text).map_err(|_| D::Error::custom(format!("not a rate: {text}")))
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Baht {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Baht, D::Error> {
        let text = Raw::deserialize(d)?.text();
        parse_scaled(&text, 2)
            .and_then(|v| i64::try_from(v).ok())
            .map(|v| Baht(Satang(v)))
            .ok_or_else(|| D::Error::custom(format!("not an amount of baht: {text}")))
    }
}
