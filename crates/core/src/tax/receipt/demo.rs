//! The demo office's receipt books and a few payments, through the real payment path.

use chrono::{DateTime, Duration, Utc};

use super::Method;
use super::books::assign_in;
use super::payment::{PaymentInput, notice, outstanding_in, pay_in, today};
use crate::db::Writer;
use crate::error::Result;
use crate::money::Satang;

/// Book 1 of fiscal years 2569 and 2570 (numbers 1–500) for this PC; then on the first three 2569 notices:
/// one paid in full on time, one part-paid, one paid late. Dates after `now` are skipped.
pub(crate) fn seed(w: &mut Writer<'_>, now: DateTime<Utc>, finance_user_id: &str) -> Result<()> {
    let device: String =
        w.conn().query_row("SELECT device_id FROM sync_state", [], |r| r.get(0))?;
    for fiscal_year in [2569, 2570] {
        assign_in(w, fiscal_year, 1, 1, 500, &device)?;
    }
    let ids: Vec<String> = w
        .conn()
        .prepare(
            "SELECT id FROM tax_notice WHERE tax_year = 2569 AND status = 'issued' AND tax_satang > 0 \
             AND deleted_at IS NULL ORDER BY number LIMIT 3",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let today = today(now);
    for (k, id) in ids.iter().enumerate() {
        let n = notice(w.conn(), id)?;
        let owed = outstanding_in(w.conn(), &n, today)?;
        let first_due = owed
            .instalments
            .first()
            .and_then(|i| crate::tax::late::parse_date(&i.due_date).ok())
            .unwrap_or(n.due_date);
        let (paid_on, amount, method, reference) = match k {
            0 => (first_due - Duration::days(7), owed.unpaid, Method::Cash, None),
            1 => (
                first_due - Duration::days(3),
                Satang((owed.suggested.0 / 2).max(1)),
                Method::Transfer,
                Some("KTB 2569051200123".to_owned()),
            ),
            _ => (
                first_due + Duration::days(40),
                owed.unpaid,
                Method::Cheque,
                Some("กรุงไทย 0012345".to_owned()),
            ),
        };
        let paid_on = paid_on.max(n.issued_on);
        if paid_on > today || amount.0 <= 0 {
            continue;
        }
        let input = PaymentInput {
            notice_id: id.clone(),
            tax_amount: amount,
            method,
            reference,
            payer_name: None,
            paid_on: None,
            extension_kept: None,
        };
        // Written at 10:00 office time on the day paid, like the queue's past days (the receipt's date and
        // fiscal year are those of the day it is written).
        let at = paid_on
            .and_hms_opt(10, 0, 0)
            .and_then(|t| t.and_local_timezone(crate::thai::date::office_offset()).single())
            .map_or(now, |t| t.with_timezone(&Utc));
        w.set_now(at);
        pay_in(w, finance_user_id, at, &input)?;
    }
    w.set_now(now);
    Ok(())
}
