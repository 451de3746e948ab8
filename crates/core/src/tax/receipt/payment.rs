//! What a notice still owes, taking a payment, voiding a receipt, and reading receipts back.
//!
//! Paid tax is counted per taxpayer and tax year: the standing receipts on the notice and on every notice it
//! superseded (s.53) are summed and applied to the current notice's instalments in order: instalment 1, then
//! 2, then 3. So "paid against instalment k" needs no stored allocation, a reassessment keeps what was paid,
//! and a voided receipt's tax simply becomes unpaid again. Late charges (§16.9–11) are on each late slice
//! alone, on the payment date, with the stage from the year's warning date.
//!
//! The receipt's fiscal year and book come from the day it is written (office date of `now`), never from
//! the payment date; cash is always paid today, and only a transfer or cheque may carry the bank's earlier
//! date (s.51).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::books::{draw, mark_full};
use super::signing::{self, ReceiptFacts};
use super::{Method, Receipt, ReceiptItem, ReceiptStatus};
use crate::auth::{Action, Session};
use crate::db::{Db, Entity, Writer};
use crate::error::{Error, ErrorCode, Result};
use crate::ids;
use crate::money::Satang;
use crate::tax::late::{self, LateCharges, Stage};
use crate::tax::settings;
use crate::thai::date::{fiscal_year_be, office_offset};

/// Longest payer name and reference kept.
const TEXT_MAX: usize = 120;
/// Longest void reason.
const REASON_MAX: usize = 200;

/// What the payment screen (or `salactl tax pay`) asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaymentInput {
    /// The notice paid.
    pub notice_id: String,
    /// The tax portion to settle: a part payment, an instalment or all (late charges come on top).
    pub tax_amount: Satang,
    /// How the money came.
    pub method: Method,
    /// Transfer: the bank's reference; cheque: its bank and number. Ignored for cash.
    pub reference: Option<String>,
    /// Who paid; empty for the taxpayer.
    pub payer_name: Option<String>,
    /// The date paid, `YYYY-MM-DD`; empty for today (office time). Cash is always today; a transfer or cheque
    /// may carry the bank's date (s.51): not in the future, not before the notice was issued.
    pub paid_on: Option<String>,
    /// An approved extension was kept: the surcharge is 0.5 % a month instead of 1 % (s.70). Audited.
    #[serde(default)]
    #[ts(optional)]
    pub extension_kept: Option<bool>,
}

/// What a payment of a tax amount collects on a date, before any money is taken: the same allocation and
/// late charges [`take_payment`] uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// The notice.
    pub notice_id: String,
    /// The date the charges are on, `YYYY-MM-DD`.
    pub paid_on: String,
    /// Whether the kept-extension surcharge (0.5 %) applies.
    pub extension_kept: bool,
    /// The tax settled.
    pub tax: Satang,
    /// Penalty (เบี้ยปรับ).
    pub penalty: Satang,
    /// Surcharge (เงินเพิ่ม).
    pub surcharge: Satang,
    /// Tax + penalty + surcharge: what to collect.
    pub total: Satang,
    /// The instalment slices settled, each with its own charges (what the receipt's items will be).
    pub lines: Vec<ReceiptItem>,
}

/// One instalment of a notice (the whole tax, as 1 of 1, when it is paid in one go).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InstalmentDue {
    /// 1–3.
    pub number: u32,
    /// How many instalments.
    pub of: u32,
    /// Due date, `YYYY-MM-DD`.
    pub due_date: String,
    /// Its share of the tax.
    pub amount: Satang,
    /// Paid against it so far.
    pub paid: Satang,
    /// Still unpaid.
    pub unpaid: Satang,
    /// The late charges on its unpaid part if paid on the date asked about.
    pub late: LateCharges,
}

/// What a notice owes on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Outstanding {
    /// The notice.
    pub notice_id: String,
    /// Its number.
    pub notice_number: String,
    /// Its tax year (B.E.).
    pub tax_year: i32,
    /// `issued`, `superseded` or `cancelled` (only issued notices take payments).
    pub notice_status: String,
    /// The taxpayer.
    pub taxpayer_id: String,
    /// The taxpayer's name.
    pub taxpayer_name: String,
    /// The notice's tax.
    pub tax: Satang,
    /// Tax paid so far for the taxpayer's year (standing receipts on this notice and the ones it superseded).
    pub paid: Satang,
    /// Of `paid`, what was paid on notices this one superseded (s.53).
    pub paid_earlier: Satang,
    /// Tax still unpaid.
    pub unpaid: Satang,
    /// Paid beyond this notice's tax after a reassessment lowered it: no further payment is taken; a refund
    /// is claimed with ภ.ด.ส.9 (not handled here).
    pub overpaid: Satang,
    /// The date asked about, `YYYY-MM-DD`.
    pub paid_on: String,
    /// Where a defaulter stands with the warning notice on that date.
    pub stage: Stage,
    /// The instalments (one when paid in one go).
    pub instalments: Vec<InstalmentDue>,
    /// Penalty on everything unpaid, paid on that date.
    pub penalty: Satang,
    /// Surcharge on everything unpaid, paid on that date.
    pub surcharge: Satang,
    /// Unpaid tax + penalty + surcharge.
    pub total_due: Satang,
    /// What the screen offers to settle: the next instalment's unpaid part, or all when paid in one go.
    pub suggested: Satang,
}

/// A notice in a taxpayer's list, with what is still unpaid today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PayableNotice {
    /// The notice.
    pub notice_id: String,
    /// Its number.
    pub number: String,
    /// Tax year (B.E.).
    pub tax_year: i32,
    /// Status.
    pub status: String,
    /// The taxpayer's name.
    pub taxpayer_name: String,
    /// Tax.
    pub tax: Satang,
    /// Unpaid tax.
    pub unpaid: Satang,
    /// Paid beyond the tax (after a reassessment lowered it).
    pub overpaid: Satang,
}

pub(crate) struct NoticeRow {
    pub id: String,
    pub number: String,
    pub taxpayer_id: String,
    pub taxpayer_name: String,
    pub tax_year: i32,
    pub issued_on: NaiveDate,
    pub due_date: NaiveDate,
    pub tax: Satang,
    pub instalments: u32,
    pub status: String,
}

const NOTICE_SQL: &str = "SELECT n.id, n.number, n.taxpayer_id, \
     trim(t.title || t.name || ' ' || t.last_name), n.tax_year, n.issued_on, n.due_date, n.tax_satang, \
     n.instalments, n.status FROM tax_notice n JOIN taxpayer t ON t.id = n.taxpayer_id";

fn notice_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<NoticeRow> {
    // A stored date that does not read is an error, never a made-up date (1970 would waive every charge).
    let date = |i: usize| -> rusqlite::Result<NaiveDate> {
        let s: String = r.get(i)?;
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    Ok(NoticeRow {
        id: r.get(0)?,
        number: r.get(1)?,
        taxpayer_id: r.get(2)?,
        taxpayer_name: r.get(3)?,
        tax_year: r.get(4)?,
        issued_on: date(5)?,
        due_date: date(6)?,
        tax: Satang(r.get(7)?),
        instalments: r.get(8)?,
        status: r.get(9)?,
    })
}

pub(crate) fn notice(conn: &Connection, id: &str) -> Result<NoticeRow> {
    conn.query_row(
        &format!("{NOTICE_SQL} WHERE n.id = ?1 AND n.deleted_at IS NULL"),
        [id],
        notice_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::new(ErrorCode::NotFound, "error.tax.pay.no_notice").arg("number", id))
}

/// Today in office time.
pub(crate) fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&office_offset()).date_naive()
}

/// The notices whose receipts count for `n`: itself and the taxpayer's issued or superseded notices of the
/// same tax year (the chain of reassessments, s.53). `?1` is `n`'s id.
const CHAIN_SQL: &str = "SELECT x.id FROM tax_notice x JOIN tax_notice me ON me.id = ?1 \
     WHERE x.deleted_at IS NULL AND (x.id = me.id OR (x.taxpayer_id = me.taxpayer_id \
     AND x.tax_year = me.tax_year AND x.status IN ('issued', 'superseded')))";

/// Tax paid for `n`'s taxpayer and year (standing receipts on the chain), and the part on other notices.
fn paid_total(conn: &Connection, n: &NoticeRow) -> Result<(Satang, Satang)> {
    let (all, earlier): (i64, i64) = conn.query_row(
        &format!(
            "SELECT coalesce(sum(tax_satang), 0), \
             coalesce(sum(CASE WHEN notice_id <> ?1 THEN tax_satang END), 0) FROM tax_receipt \
             WHERE status = 'issued' AND deleted_at IS NULL AND notice_id IN ({CHAIN_SQL})"
        ),
        [&n.id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((Satang(all), Satang(earlier)))
}

/// The stage on `paid_on`: before the warning date, within its period, or after (§16.10).
fn stage_on(year: Option<&settings::TaxYearSettings>, paid_on: NaiveDate) -> Stage {
    match year.and_then(|y| y.warning_date.map(|d| (d, y.warning_days))) {
        None => Stage::BeforeWarning,
        Some((warning, _)) if paid_on < warning => Stage::BeforeWarning,
        Some((warning, days)) if paid_on <= warning + Duration::days(i64::from(days)) => {
            Stage::WithinWarning
        }
        Some(_) => Stage::AfterWarning,
    }
}

/// What notice `notice_id` owes if paid on `paid_on`: per instalment its share, what is paid against it and
/// the late charges on its unpaid part.
pub fn outstanding(
    conn: &Connection,
    session: &Session,
    notice_id: &str,
    paid_on: NaiveDate,
) -> Result<Outstanding> {
    session.require(Action::UseTax)?;
    outstanding_in(conn, &notice(conn, notice_id)?, paid_on)
}

pub(crate) fn outstanding_in(
    conn: &Connection,
    n: &NoticeRow,
    paid_on: NaiveDate,
) -> Result<Outstanding> {
    let year = settings::year(conn, n.tax_year)?;
    let count = n.instalments.clamp(1, 3);
    let (count, shares) = match late::instalments(n.tax, count) {
        Ok(shares) => (count, shares),
        Err(_) => (1, vec![n.tax]),
    };
    let due = |k: usize| match (&year, count) {
        (Some(y), 1) => y.due_date,
        (Some(y), _) => y.instalment_dates.get(k).copied().unwrap_or(n.due_date),
        (None, _) => n.due_date,
    };
    let stage = stage_on(year.as_ref(), paid_on);
    let (paid, paid_earlier) = paid_total(conn, n)?;
    let mut before = Satang::ZERO;
    let mut instalments = Vec::new();
    let (mut penalty, mut surcharge) = (Satang::ZERO, Satang::ZERO);
    for (k, amount) in shares.iter().enumerate() {
        let against = Satang((paid.0 - before.0).clamp(0, amount.0));
        before = Satang(before.0 + amount.0);
        let unpaid = Satang(amount.0 - against.0);
        let due_date = due(k);
        let charges = late::late_charges(unpaid, due_date, paid_on, stage, false);
        penalty = Satang(penalty.0 + charges.penalty.0);
        surcharge = Satang(surcharge.0 + charges.surcharge.0);
        instalments.push(InstalmentDue {
            number: u32::try_from(k + 1).unwrap_or(1),
            of: count,
            due_date: due_date.to_string(),
            amount: *amount,
            paid: against,
            unpaid,
            late: charges,
        });
    }
    let unpaid = Satang((n.tax.0 - paid.0).max(0));
    let overpaid = Satang((paid.0 - n.tax.0).max(0));
    let suggested = if count == 1 {
        unpaid
    } else {
        instalments.iter().find(|i| i.unpaid.0 > 0).map_or(Satang::ZERO, |i| i.unpaid)
    };
    Ok(Outstanding {
        notice_id: n.id.clone(),
        notice_number: n.number.clone(),
        tax_year: n.tax_year,
        notice_status: n.status.clone(),
        taxpayer_id: n.taxpayer_id.clone(),
        taxpayer_name: n.taxpayer_name.clone(),
        tax: n.tax,
        paid,
        paid_earlier,
        unpaid,
        overpaid,
        paid_on: paid_on.to_string(),
        stage,
        instalments,
        penalty,
        surcharge,
        total_due: Satang(unpaid.0 + penalty.0 + surcharge.0),
        suggested,
    })
}

/// A taxpayer's notices with what each still owes today, latest tax year first.
pub fn payable_notices(
    conn: &Connection,
    session: &Session,
    now: DateTime<Utc>,
    taxpayer_id: &str,
) -> Result<Vec<PayableNotice>> {
    session.require(Action::UseTax)?;
    let rows: Vec<NoticeRow> = conn
        .prepare(&format!(
            "{NOTICE_SQL} WHERE n.taxpayer_id = ?1 AND n.deleted_at IS NULL ORDER BY n.tax_year DESC, n.number"
        ))?
        .query_map([taxpayer_id], notice_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    rows.iter().map(|n| payable(conn, n, today(now))).collect()
}

fn payable(conn: &Connection, n: &NoticeRow, _today: NaiveDate) -> Result<PayableNotice> {
    let (paid, _) = paid_total(conn, n)?;
    Ok(PayableNotice {
        notice_id: n.id.clone(),
        number: n.number.clone(),
        tax_year: n.tax_year,
        status: n.status.clone(),
        taxpayer_name: n.taxpayer_name.clone(),
        tax: n.tax,
        unpaid: Satang((n.tax.0 - paid.0).max(0)),
        overpaid: Satang((paid.0 - n.tax.0).max(0)),
    })
}

/// Finds a notice by its number as typed, or by the text scanned from its Thai QR (ref1) or its BOT
/// counter barcode.
pub fn find_notice(
    conn: &Connection,
    session: &Session,
    now: DateTime<Utc>,
    input: &str,
) -> Result<PayableNotice> {
    session.require(Action::UseTax)?;
    let input = input.trim();
    let number = if input.starts_with("000201") {
        crate::thaiqr::parse(input)?.ref1.unwrap_or_default()
    } else if let Some(barcode) = input.strip_prefix('|') {
        barcode.split(['\r', '\n', ' ']).nth(1).unwrap_or_default().to_owned()
    } else {
        input.to_owned()
    };
    if number.is_empty() {
        return Err(Error::validation("error.tax.pay.notice_empty"));
    }
    let row = conn
        .query_row(
            &format!("{NOTICE_SQL} WHERE n.number = ?1 AND n.deleted_at IS NULL"),
            [&number],
            notice_from_row,
        )
        .optional()?
        .ok_or_else(|| {
            Error::new(ErrorCode::NotFound, "error.tax.pay.no_notice").arg("number", number)
        })?;
    payable(conn, &row, today(now))
}

fn clean(text: Option<&str>, max: usize) -> Option<String> {
    let text: String = text?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then(|| text.chars().take(max).collect())
}

/// What paying `tax_amount` on notice `notice_id` on `paid_on` collects, before any money is taken: the
/// allocation to the instalments in order and the late charges on each late slice, exactly as
/// [`take_payment`] would record them. Refused like the payment (zero, more than unpaid, overpaid after a
/// reassessment, a notice no longer current, a date before the notice).
pub fn quote(
    conn: &Connection,
    session: &Session,
    notice_id: &str,
    tax_amount: Satang,
    paid_on: NaiveDate,
    extension_kept: bool,
) -> Result<Quote> {
    session.require(Action::UseTax)?;
    quote_in(conn, &notice(conn, notice_id)?, tax_amount, paid_on, extension_kept)
}

/// The one allocation and charge computation both [`quote`] and [`take_payment`] use.
pub(crate) fn quote_in(
    conn: &Connection,
    n: &NoticeRow,
    amount: Satang,
    paid_on: NaiveDate,
    extension_kept: bool,
) -> Result<Quote> {
    if amount.0 <= 0 {
        return Err(Error::validation("error.tax.pay.amount_zero"));
    }
    if n.status != "issued" {
        return Err(Error::new(ErrorCode::Conflict, "error.tax.pay.superseded")
            .arg("number", n.number.clone()));
    }
    if paid_on < n.issued_on {
        return Err(Error::validation("error.tax.pay.before_notice")
            .arg("date", paid_on.to_string())
            .arg("issued", n.issued_on.to_string()));
    }
    let owed = outstanding_in(conn, n, paid_on)?;
    if owed.overpaid.0 > 0 {
        return Err(Error::new(ErrorCode::Conflict, "error.tax.pay.overpaid")
            .arg("number", n.number.clone())
            .arg("paid", owed.paid.to_grouped())
            .arg("tax", n.tax.to_grouped())
            .arg("over", owed.overpaid.to_grouped()));
    }
    if owed.unpaid.0 == 0 {
        return Err(Error::new(ErrorCode::Conflict, "error.tax.pay.nothing_due")
            .arg("number", n.number.clone()));
    }
    if amount > owed.unpaid {
        return Err(Error::validation("error.tax.pay.overpay")
            .arg("amount", amount.to_grouped())
            .arg("unpaid", owed.unpaid.to_grouped()));
    }
    let mut left = amount;
    let mut lines = Vec::new();
    for due in owed.instalments.iter().filter(|i| i.unpaid.0 > 0) {
        if left.0 == 0 {
            break;
        }
        let slice = Satang(left.0.min(due.unpaid.0));
        left = Satang(left.0 - slice.0);
        let due_date = late::parse_date(&due.due_date)?;
        let c = late::late_charges(slice, due_date, paid_on, owed.stage, extension_kept);
        lines.push(ReceiptItem {
            instalment: due.number,
            of: due.of,
            due_date: due.due_date.clone(),
            tax: slice,
            months: c.months,
            penalty_percent: c.penalty_percent,
            penalty: c.penalty,
            surcharge_permille: c.surcharge_permille,
            surcharge: c.surcharge,
            extension_kept,
        });
    }
    let penalty = Satang(lines.iter().map(|i| i.penalty.0).sum());
    let surcharge = Satang(lines.iter().map(|i| i.surcharge.0).sum());
    Ok(Quote {
        notice_id: n.id.clone(),
        paid_on: paid_on.to_string(),
        extension_kept,
        tax: amount,
        penalty,
        surcharge,
        total: Satang(amount.0 + penalty.0 + surcharge.0),
        lines,
    })
}

/// The payment date a payment may carry (s.51): cash is paid today (office date of `now`); a transfer or
/// cheque may carry the bank's earlier date, never a future one. (Not before the notice: [`quote_in`].)
pub(crate) fn payment_date(
    method: Method,
    paid_on: Option<&str>,
    now: DateTime<Utc>,
) -> Result<NaiveDate> {
    let today = today(now);
    let asked = match paid_on.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => late::parse_date(text)?,
        None => return Ok(today),
    };
    if asked > today {
        return Err(Error::validation("error.tax.pay.future").arg("date", asked.to_string()));
    }
    if method == Method::Cash && asked != today {
        return Err(Error::validation("error.tax.pay.cash_today")
            .arg("date", asked.to_string())
            .arg("today", today.to_string()));
    }
    Ok(asked)
}

/// Takes a payment: the tax portion is applied to the notice's instalments in order, penalty and surcharge
/// are computed on the payment date on each late slice ([`quote`]), and one receipt is stored with the next
/// number of this PC's book for the fiscal year of the day it is written, and its signed QR payload, all in
/// one transaction.
pub fn take_payment(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    input: &PaymentInput,
) -> Result<Receipt> {
    session.require(Action::UseTax)?;
    let user = session.user().id.clone();
    let id = db.write(&session.actor(), now, |w| pay_in(w, &user, now, input))?;
    receipt_in(db.conn(), &id)
}

pub(crate) fn pay_in(
    w: &mut Writer<'_>,
    user_id: &str,
    now: DateTime<Utc>,
    input: &PaymentInput,
) -> Result<String> {
    let written_on = today(now);
    let paid_on = payment_date(input.method, input.paid_on.as_deref(), now)?;
    if input.tax_amount.0 <= 0 {
        return Err(Error::validation("error.tax.pay.amount_zero"));
    }
    let reference = match input.method {
        Method::Cash => None,
        Method::Transfer | Method::Cheque => {
            Some(clean(input.reference.as_deref(), TEXT_MAX).ok_or_else(|| {
                Error::validation(if input.method == Method::Transfer {
                    "error.tax.pay.reference_transfer"
                } else {
                    "error.tax.pay.reference_cheque"
                })
            })?)
        }
    };
    let extension_kept = input.extension_kept.unwrap_or(false);
    let n = notice(w.conn(), &input.notice_id)?;
    let q = quote_in(w.conn(), &n, input.tax_amount, paid_on, extension_kept)?;
    // The fiscal year and book are those of the day the receipt is written, whatever the payment date.
    let fiscal_year = fiscal_year_be(written_on);
    let drawn = draw(w, fiscal_year)?;
    let key = signing::signing_key_in(w)?;
    let office_code: String = w.conn().query_row(
        "SELECT o.code FROM office o JOIN sync_state s ON s.office_id = o.id",
        [],
        |r| r.get(0),
    )?;
    let facts = ReceiptFacts {
        office_code,
        fiscal_year,
        book_no: drawn.book_no,
        number: drawn.number,
        paid_on: paid_on.to_string(),
        notice_number: n.number.clone(),
        tax_year: n.tax_year,
        tax: q.tax,
        penalty: q.penalty,
        surcharge: q.surcharge,
        total: q.total,
        status: ReceiptStatus::Issued,
    };
    let payload = signing::sign(&key, &facts);
    let payer =
        clean(input.payer_name.as_deref(), TEXT_MAX).unwrap_or_else(|| n.taxpayer_name.clone());
    let instalment = match q.lines.as_slice() {
        [one] if one.of > 1 => Some(i64::from(one.instalment)),
        _ => None,
    };
    let items = &q.lines;
    let id = w.insert(
        Entity::TaxReceipt,
        &[
            ("book_id", drawn.book_id.clone().into()),
            ("fiscal_year", i64::from(fiscal_year).into()),
            ("book_no", i64::from(drawn.book_no).into()),
            ("number", i64::from(drawn.number).into()),
            ("notice_id", n.id.clone().into()),
            ("taxpayer_id", n.taxpayer_id.into()),
            ("payer_name", payer.into()),
            ("paid_on", paid_on.to_string().into()),
            ("written_on", written_on.to_string().into()),
            ("method", input.method.as_str().to_owned().into()),
            ("reference", reference.into()),
            ("instalment", instalment.into()),
            ("tax_satang", q.tax.0.into()),
            ("penalty_satang", q.penalty.0.into()),
            (
                "penalty_percent",
                i64::from(items.iter().map(|i| i.penalty_percent).max().unwrap_or(0)).into(),
            ),
            ("surcharge_satang", q.surcharge.0.into()),
            (
                "surcharge_months",
                i64::from(items.iter().map(|i| i.months).max().unwrap_or(0)).into(),
            ),
            ("extension_kept", i64::from(extension_kept).into()),
            ("total_satang", q.total.0.into()),
            ("items", serde_json::to_string(items)?.into()),
            ("received_by", user_id.to_owned().into()),
            ("signed_payload", payload.into()),
        ],
    )?;
    if drawn.last {
        mark_full(w, &drawn.book_id)?;
    }
    Ok(id)
}

/// Voids a receipt (supervisors; never the officer who took the money): it keeps its number, its tax is
/// unpaid again, and it prints with a large ยกเลิก stamp. The reason is required.
pub fn void_receipt(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    receipt_id: &str,
    reason: &str,
) -> Result<Receipt> {
    session.require(Action::VoidReceipt)?;
    let reason = clean(Some(reason), REASON_MAX)
        .ok_or_else(|| Error::validation("error.tax.void.reason"))?;
    let r = receipt_in(db.conn(), receipt_id)?;
    if r.status == ReceiptStatus::Voided {
        return Err(
            Error::new(ErrorCode::Conflict, "error.tax.void.already").arg("book", r.book_number())
        );
    }
    if r.received_by == session.user().id {
        return Err(
            Error::new(ErrorCode::NotPermitted, "error.tax.void.own").arg("book", r.book_number())
        );
    }
    let user = session.user().id.clone();
    db.write(&session.actor(), now, |w| {
        let mut fields: Vec<(&str, Value)> = vec![
            ("status", "voided".to_owned().into()),
            ("void_reason", reason.clone().into()),
            ("voided_by", user.into()),
            ("voided_at", ids::timestamp(now).into()),
        ];
        // Re-sign with the voided status when this PC holds the key, so the cancelled copy's QR says so even
        // where the record has not arrived; otherwise the record's status is what verification reports.
        if let Some(key) = signing::existing_key(w.conn())? {
            let mut facts = facts_of(w.conn(), &r)?;
            facts.status = ReceiptStatus::Voided;
            fields.push(("signed_payload", signing::sign(&key, &facts).into()));
        }
        w.update(Entity::TaxReceipt, &r.id, &fields)
    })?;
    receipt_in(db.conn(), receipt_id)
}

fn facts_of(conn: &Connection, r: &Receipt) -> Result<ReceiptFacts> {
    let office_code: String = conn.query_row(
        "SELECT o.code FROM office o JOIN sync_state s ON s.office_id = o.id",
        [],
        |row| row.get(0),
    )?;
    Ok(ReceiptFacts {
        office_code,
        fiscal_year: r.fiscal_year,
        book_no: r.book_no,
        number: r.number,
        paid_on: r.paid_on.clone(),
        notice_number: r.notice_number.clone(),
        tax_year: r.tax_year,
        tax: r.tax,
        penalty: r.penalty,
        surcharge: r.surcharge,
        total: r.total,
        status: r.status,
    })
}

const RECEIPT_SQL: &str = "SELECT r.id, r.fiscal_year, r.book_no, r.number, r.notice_id, n.number, n.tax_year, \
     n.instalments, r.taxpayer_id, trim(t.title || t.name || ' ' || t.last_name), r.payer_name, t.address, \
     r.paid_on, r.method, r.reference, r.items, r.tax_satang, r.penalty_satang, r.surcharge_satang, \
     r.total_satang, r.received_by, coalesce(u.display_name, ''), r.signed_payload, r.status, r.void_reason, \
     v.display_name, r.voided_at, r.created_at, r.written_on \
     FROM tax_receipt r JOIN tax_notice n ON n.id = r.notice_id JOIN taxpayer t ON t.id = r.taxpayer_id \
     LEFT JOIN app_user u ON u.id = r.received_by LEFT JOIN app_user v ON v.id = r.voided_by";

pub(crate) fn receipt_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Receipt> {
    let method: String = r.get(13)?;
    let items: String = r.get(15)?;
    let status: String = r.get(23)?;
    Ok(Receipt {
        id: r.get(0)?,
        fiscal_year: r.get(1)?,
        book_no: r.get(2)?,
        number: r.get(3)?,
        notice_id: r.get(4)?,
        notice_number: r.get(5)?,
        tax_year: r.get(6)?,
        instalments: r.get(7)?,
        taxpayer_id: r.get(8)?,
        taxpayer_name: r.get(9)?,
        payer_name: r.get(10)?,
        payer_address: r.get(11)?,
        paid_on: r.get(12)?,
        method: Method::parse(&method).unwrap_or(Method::Cash),
        reference: r.get(14)?,
        items: serde_json::from_str(&items).unwrap_or_default(),
        tax: Satang(r.get(16)?),
        penalty: Satang(r.get(17)?),
        surcharge: Satang(r.get(18)?),
        total: Satang(r.get(19)?),
        received_by: r.get(20)?,
        received_by_name: r.get(21)?,
        payload: r.get(22)?,
        status: ReceiptStatus::parse(&status),
        void_reason: r.get(24)?,
        voided_by_name: r.get(25)?,
        voided_at: r.get(26)?,
        created_at: r.get(27)?,
        written_on: r.get(28)?,
    })
}

pub(crate) fn receipt_in(conn: &Connection, id: &str) -> Result<Receipt> {
    conn.query_row(&format!("{RECEIPT_SQL} WHERE r.id = ?1"), [id], receipt_from_row)
        .optional()?
        .ok_or_else(|| {
            Error::new(ErrorCode::NotFound, "error.tax.receipt.not_found").arg("book", id)
        })
}

pub(crate) fn receipts_where(
    conn: &Connection,
    condition: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<Receipt>> {
    Ok(conn
        .prepare(&format!("{RECEIPT_SQL} WHERE r.deleted_at IS NULL AND {condition}"))?
        .query_map(params, receipt_from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// One receipt by id.
pub fn receipt(conn: &Connection, session: &Session, id: &str) -> Result<Receipt> {
    session.require(Action::UseTax)?;
    receipt_in(conn, id)
}

/// One receipt by fiscal year, book and number.
pub fn receipt_by_number(
    conn: &Connection,
    session: &Session,
    fiscal_year: i32,
    book_no: u32,
    number: u32,
) -> Result<Receipt> {
    session.require(Action::UseTax)?;
    receipts_where(
        conn,
        "r.fiscal_year = ?1 AND r.book_no = ?2 AND r.number = ?3",
        (fiscal_year, book_no, number),
    )?
    .into_iter()
    .next()
    .ok_or_else(|| {
        Error::new(ErrorCode::NotFound, "error.tax.receipt.not_found")
            .arg("book", format!("{book_no}/{number} ({fiscal_year})"))
    })
}

/// The receipts counted for a notice, oldest first: its own and those on the notices it superseded (the
/// same taxpayer and tax year), voided ones included.
pub fn receipts_for_notice(
    conn: &Connection,
    session: &Session,
    notice_id: &str,
) -> Result<Vec<Receipt>> {
    session.require(Action::UseTax)?;
    receipts_where(
        conn,
        &format!("r.notice_id IN ({CHAIN_SQL}) ORDER BY r.created_at, r.number"),
        [notice_id],
    )
}
