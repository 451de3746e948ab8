//! The demo office's tax settings and notices: calendars for 2569 and 2570, a biller ID (the demo office's
//! tax ID and `00`), and a notice of 2569 for every demo taxpayer.

use chrono::NaiveDate;

use super::issue_in;
use crate::db::Writer;
use crate::error::Result;
use crate::tax::settings::{TaxYearSettings, save_year_in, set_biller_id_in};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y - 543, m, day).unwrap_or_default()
}

/// The demo calendars: 2569 with the extended due date of 30 June, 2570 with the Act's 30 April.
pub(crate) fn calendars() -> [TaxYearSettings; 2] {
    [
        TaxYearSettings {
            tax_year: 2569,
            notice_date: d(2569, 2, 1),
            due_date: d(2569, 6, 30),
            instalment_dates: [d(2569, 6, 30), d(2569, 7, 31), d(2569, 8, 31)],
            warning_date: Some(d(2569, 7, 15)),
            warning_days: 30,
            rates: None,
            reductions: None,
        },
        TaxYearSettings {
            tax_year: 2570,
            notice_date: d(2570, 2, 1),
            due_date: d(2570, 4, 30),
            instalment_dates: [d(2570, 4, 30), d(2570, 5, 31), d(2570, 6, 30)],
            warning_date: None,
            warning_days: 30,
            rates: None,
            reductions: None,
        },
    ]
}

/// Seeds the demo office's tax settings and its 2569 notices (after the register's seed).
pub(crate) fn seed(w: &mut Writer<'_>, office_tax_id: &str) -> Result<()> {
    for year in calendars() {
        save_year_in(w, &year)?;
    }
    set_biller_id_in(w, &format!("{office_tax_id}00"))?;
    let taxpayers = crate::tax::register::taxpayers_for_year(w.conn(), 2569)?;
    for taxpayer in taxpayers {
        issue_in(w, &taxpayer, 2569)?;
    }
    Ok(())
}
