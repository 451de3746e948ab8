//! Late payment (penalty s.68–69, surcharge s.70) and instalments (s.52 and the 2562 regulation): pure.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::decimal::div_half_up;
use crate::money::Satang;
use crate::{Error, Result};

/// Where the defaulter stands with the warning notice (s.61) when paying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// Paid before the warning notice: penalty 10 %.
    BeforeWarning,
    /// Paid within the period the warning set: 20 %.
    WithinWarning,
    /// Paid after it: 40 %.
    AfterWarning,
}

/// What a late payment adds to the tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LateCharges {
    /// The tax (unpaid) the charges are on.
    pub tax: Satang,
    /// Months late: from the day after the due date to the payment date, each started month whole.
    pub months: u32,
    /// Penalty percent (0 when not late).
    pub penalty_percent: u32,
    /// Penalty (เบี้ยปรับ), rounded half up to satang.
    pub penalty: Satang,
    /// Surcharge rate per month in tenths of a percent (10 = 1 %, 5 = 0.5 % with a kept extension).
    pub surcharge_permille: u32,
    /// Surcharge (เงินเพิ่ม), never more than the tax.
    pub surcharge: Satang,
    /// Tax + penalty + surcharge.
    pub total: Satang,
}

/// The smallest tax that may be paid in instalments (the 2562 regulation).
pub const INSTALMENT_MINIMUM: Satang = Satang(300_000);

/// Months late (§16.9): counted from the day after `due` to `paid`, each started month whole. The first month
/// runs from the day after the due date up to the day before the same date a month later: due 30 June, paying
/// 1–31 July is 1 month and 1 August is 2; due 15 June, 16 June–15 July is 1 month and 16 July is 2.
pub fn months_late(due: NaiveDate, paid: NaiveDate) -> u32 {
    let Some(start) = due.succ_opt() else { return 0 };
    if paid < start {
        return 0;
    }
    let whole = (paid.year() - start.year()) * 12 + paid.month() as i32 - start.month() as i32;
    // The month in progress counts whole (from 31 January, February is the first month whatever its length).
    let started = paid.day() >= start.day();
    u32::try_from(whole + i32::from(started)).unwrap_or(0).max(1)
}

impl Stage {
    /// The penalty percent of this stage (s.68–69).
    pub fn penalty_percent(self) -> u32 {
        match self {
            Stage::BeforeWarning => 10,
            Stage::WithinWarning => 20,
            Stage::AfterWarning => 40,
        }
    }
}

/// The charges on `tax` due on `due` and paid on `paid` (§16.9–10): penalty 10/20/40 % by `stage`;
/// surcharge 1 % (0.5 % with a kept extension) of the tax per month, not compounded, never above the tax;
/// each rounded half up to satang. Paid on or before the due date: nothing.
pub fn late_charges(
    tax: Satang,
    due: NaiveDate,
    paid: NaiveDate,
    stage: Stage,
    extension_kept: bool,
) -> LateCharges {
    let months = months_late(due, paid);
    let permille: u32 = if extension_kept { 5 } else { 10 };
    if months == 0 || tax.0 <= 0 {
        return LateCharges {
            tax,
            months,
            penalty_percent: 0,
            penalty: Satang::ZERO,
            surcharge_permille: permille,
            surcharge: Satang::ZERO,
            total: tax,
        };
    }
    let pct = stage.penalty_percent();
    let t = i128::from(tax.0);
    let penalty = div_half_up(t * i128::from(pct), 100);
    let surcharge = div_half_up(t * i128::from(months) * i128::from(permille), 1000).min(t);
    let as_satang = |v: i128| Satang(i64::try_from(v).unwrap_or(i64::MAX));
    LateCharges {
        tax,
        months,
        penalty_percent: pct,
        penalty: as_satang(penalty),
        surcharge_permille: permille,
        surcharge: as_satang(surcharge),
        total: as_satang(t + penalty + surcharge),
    }
}

/// Splits `tax` into `count` (1–3) instalments: equal satang shares, the remainder on the first. More than one
/// needs a tax of at least 3,000 baht.
pub fn instalments(tax: Satang, count: u32) -> Result<Vec<Satang>> {
    if tax.is_negative() {
        return Err(Error::validation("error.tax.amount_negative").arg("input", tax.to_string()));
    }
    if !(1..=3).contains(&count) {
        return Err(Error::validation("error.tax.instalment_count").arg("input", count.to_string()));
    }
    if count > 1 && tax < INSTALMENT_MINIMUM {
        return Err(Error::validation("error.tax.instalment_minimum").arg("tax", tax.to_grouped()));
    }
    let n = i64::from(count);
    let share = tax.0 / n;
    let first = tax.0 - share * (n - 1);
    Ok(std::iter::once(Satang(first)).chain((1..n).map(|_| Satang(share))).collect())
}

/// Reads `YYYY-MM-DD`; a year above 2400 is B.E. (2569-06-30 is 2026-06-30).
pub fn parse_date(input: &str) -> Result<NaiveDate> {
    let text = input.trim();
    let err = || Error::validation("error.tax.date").arg("input", text);
    let mut it = text.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (it.next(), it.next(), it.next()) else {
        return Err(err());
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return Err(err());
    }
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
    else {
        return Err(err());
    };
    let year = crate::thai::date::ce_year(year);
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(err)
}

impl Stage {
    /// `before-warning`, `within-warning` or `after-warning`.
    pub fn parse(input: &str) -> Result<Stage> {
        match input.trim().replace('_', "-").as_str() {
            "before-warning" => Ok(Stage::BeforeWarning),
            "within-warning" => Ok(Stage::WithinWarning),
            "after-warning" => Ok(Stage::AfterWarning),
            _ => Err(Error::validation("error.tax.stage").arg("input", input.trim())),
        }
    }
}
