//! Field checks shared by the forms (one error at a time) and the CSV import (every error of a line): each
//! check pushes what is wrong into [`Problems`] and returns the cleaned value when it is right.

use crate::error::{Error, ErrorCode};
use crate::money::Satang;
use crate::tax::engine::{OwnerKind, Qty, Structure, Use};
use crate::thai::ThaiId;

/// The errors found so far in one form or one CSV line.
#[derive(Debug, Default)]
pub(crate) struct Problems(pub(crate) Vec<Error>);

impl Problems {
    pub(crate) fn push(&mut self, err: Error) {
        self.0.push(err);
    }

    /// Keeps the value, or records the error and gives `None`.
    pub(crate) fn keep<T>(&mut self, result: crate::Result<T>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    /// The first error, for forms (the UI shows one message next to the form).
    pub(crate) fn first(self) -> crate::Result<()> {
        match self.0.into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

pub(crate) fn required(value: &str, field: &'static str) -> crate::Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::validation("error.tax.register.required").arg_key("field", field));
    }
    Ok(v.to_owned())
}

pub(crate) fn whole(value: &str, field: &'static str) -> crate::Result<i64> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::validation("error.tax.register.required").arg_key("field", field));
    }
    match v.parse::<i64>() {
        Ok(n) if n < 0 => Err(Error::validation("error.tax.register.negative")
            .arg_key("field", field)
            .arg("input", v)),
        Ok(n) => Ok(n),
        Err(_) => Err(Error::validation("error.tax.register.whole_number")
            .arg_key("field", field)
            .arg("input", v)),
    }
}

/// An exact decimal, not negative; empty counts as 0 when `empty_zero`.
pub(crate) fn decimal(value: &str, field: &'static str, empty_zero: bool) -> crate::Result<Qty> {
    let v = value.trim();
    if v.is_empty() {
        if empty_zero {
            return Ok(Qty(0));
        }
        return Err(Error::validation("error.tax.register.required").arg_key("field", field));
    }
    let q = Qty::parse(v).map_err(|_| {
        Error::validation("error.tax.register.decimal").arg_key("field", field).arg("input", v)
    })?;
    if q.0 < 0 {
        return Err(Error::validation("error.tax.register.negative")
            .arg_key("field", field)
            .arg("input", v));
    }
    Ok(q)
}

/// Baht, not negative.
pub(crate) fn amount(value: &str, field: &'static str) -> crate::Result<Satang> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::validation("error.tax.register.required").arg_key("field", field));
    }
    let s = Satang::parse(v).map_err(|_| {
        Error::validation("error.tax.register.amount").arg_key("field", field).arg("input", v)
    })?;
    if s.is_negative() {
        return Err(Error::validation("error.tax.register.negative")
            .arg_key("field", field)
            .arg("input", v));
    }
    Ok(s)
}

pub(crate) fn owner_kind(value: &str) -> crate::Result<OwnerKind> {
    match value.trim() {
        "individual" | "บุคคลธรรมดา" => Ok(OwnerKind::Individual),
        "juristic" | "นิติบุคคล" => Ok(OwnerKind::Juristic),
        other => Err(Error::validation("error.tax.register.kind").arg("input", other)),
    }
}

pub(crate) fn structure(value: &str) -> crate::Result<Structure> {
    match value.trim() {
        "masonry" | "ตึก" => Ok(Structure::Masonry),
        "half_wood" | "ครึ่งตึกครึ่งไม้" => Ok(Structure::HalfWood),
        "wood" | "ไม้" => Ok(Structure::Wood),
        other => Err(Error::validation("error.tax.register.structure").arg("input", other)),
    }
}

/// The stored name of a structure.
pub(crate) fn structure_str(s: Structure) -> &'static str {
    match s {
        Structure::Masonry => "masonry",
        Structure::HalfWood => "half_wood",
        Structure::Wood => "wood",
    }
}

pub(crate) fn parse_use(value: &str) -> crate::Result<Use> {
    match value.trim() {
        "agricultural" | "เกษตรกรรม" => Ok(Use::Agricultural),
        "residential_home" | "บ้านหลังหลัก" => Ok(Use::ResidentialHome),
        "residential_house_only" | "เจ้าของเฉพาะสิ่งปลูกสร้าง" => {
            Ok(Use::ResidentialHouseOnly)
        }
        "residential_other" | "ที่อยู่อาศัยอื่น" => {
            Ok(Use::ResidentialOther)
        }
        "other" | "อื่น ๆ" | "อื่นๆ" => Ok(Use::Other),
        "vacant" | "ว่างเปล่า" => Ok(Use::Vacant),
        other => Err(Error::validation("error.tax.register.use").arg("input", other)),
    }
}

/// The stored name of a use.
pub fn use_str(u: Use) -> &'static str {
    match u {
        Use::Agricultural => "agricultural",
        Use::ResidentialHome => "residential_home",
        Use::ResidentialHouseOnly => "residential_house_only",
        Use::ResidentialOther => "residential_other",
        Use::Other => "other",
        Use::Vacant => "vacant",
    }
}

/// The stored name of an owner kind.
pub(crate) fn kind_str(k: OwnerKind) -> &'static str {
    match k {
        OwnerKind::Individual => "individual",
        OwnerKind::Juristic => "juristic",
    }
}

/// A 13-digit ID for this kind of taxpayer: a citizen ID (not starting with 0) or a juristic tax ID (starting
/// with 0), both with the same check digit. Empty is `None` (not known).
pub(crate) fn id_no(value: &str, kind: OwnerKind) -> crate::Result<Option<String>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let id = ThaiId::parse(v)?;
    let digits = id.digits().to_owned();
    match kind {
        OwnerKind::Juristic if !digits.starts_with('0') => {
            Err(Error::validation("error.tax.register.juristic_id").arg("input", v))
        }
        OwnerKind::Individual if digits.starts_with('0') => {
            Err(Error::validation("error.tax.register.individual_id").arg("input", v))
        }
        _ => Ok(Some(digits)),
    }
}

pub(crate) fn phone(value: &str) -> crate::Result<Option<String>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    crate::thai::phone::normalize(v)
        .map(Some)
        .ok_or_else(|| Error::validation("error.tax.register.phone").arg("input", v))
}

/// The current B.E. year (office time) of `now`.
pub(crate) fn be_year_of(now: chrono::DateTime<chrono::Utc>) -> i32 {
    crate::thai::date::be_year(now.with_timezone(&crate::thai::date::office_offset()).date_naive())
}

/// A tax year: 2563 (the Act's first) to next year.
pub(crate) fn tax_year(value: i64, now_be: i32) -> crate::Result<i32> {
    let max = i64::from(now_be) + 1;
    if !(2563..=max).contains(&value) {
        return Err(Error::validation("error.tax.register.tax_year")
            .arg("input", value.to_string())
            .arg("max", max.to_string()));
    }
    Ok(i32::try_from(value).unwrap_or(2563))
}

pub(crate) fn not_found(what: &'static str) -> Error {
    Error::new(ErrorCode::NotFound, "error.tax.register.missing").arg_key("what", what)
}
