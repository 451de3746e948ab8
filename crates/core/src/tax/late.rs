//! Late payment (penalty s.68–69, surcharge s.70) and instalments (s.52 and the 2562 regulation): pure.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::money::Satang;
use crate::Result;

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

/// The charges on `tax` due on `due` and paid on `paid`.
pub fn late_charges(tax: Satang, due: NaiveDate, paid: NaiveDate, stage: Stage, extension_kept: bool) -> LateCharges {
    let _ = (tax, due, paid, stage, extension_kept);
    todo!("being written")
}

/// Splits `tax` into `count` (1–3) instalments: equal satang shares, the remainder on the first. More than one
/// needs a tax of at least 3,000 baht.
pub fn instalments(tax: Satang, count: u32) -> Result<Vec<Satang>> {
    let _ = (tax, count);
    todo!("being written")
}

/// Reads `YYYY-MM-DD`; a year above 2400 is B.E. (2569-06-30 is 2026-06-30).
pub fn parse_date(input: &str) -> Result<NaiveDate> {
    let _ = input;
    todo!("being written")
}

impl Stage {
    /// `before-warning`, `within-warning` or `after-warning`.
    pub fn parse(input: &str) -> Result<Stage> {
        let _ = input;
        todo!("being written")
    }
}
