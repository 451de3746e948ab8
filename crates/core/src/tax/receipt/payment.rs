//! What a notice still owes, taking a payment, voiding a receipt, and reading receipts back.
//!
//! Paid tax is applied to a notice's instalments in order: the issued receipts' tax, summed, fills
//! instalment 1, then 2, then 3. So "paid against instalment k" needs no stored allocation, and a voided
//! receipt's tax simply becomes unpaid again. Late charges (§16.9–11) are on each late slice alone, on the
//! payment date, with the stage from the year's warning date.

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
    /// The date paid, `YYYY-MM-DD`; empty for today (office time).
    pub paid_on: Option<String>,
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
    /// Tax paid so far (issued receipts).
    pub paid: Satang,
    /// Tax still unpaid.
    pub unpaid: Satang,
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
    let date = |i: usize| -> rusqlite::Result<NaiveDate> {
        let s: String = r.get(i)?;
        Ok(NaiveDate::parse_from_str(&s, "%Y-%m-%d").unwrap_or_default())
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

fn paid_total(conn: &Connection, notice_id: &str) -> Result<Satang> {
    Ok(Satang(conn.query_row(
        "SELECT coalesce(sum(tax_satang), 0) FROM tax_receipt WHERE notice_id = ?1 AND status = 'issued' \
         AND deleted_at IS NULL",
        [notice_id],
        |r| r.get(0),
    )?))
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
    let paid = paid_total(conn, &n.id)?;
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
        unpaid,
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
    let paid = paid_total(conn, &n.id)?;
    Ok(PayableNotice {
        notice_id: n.id.clone(),
        number: n.number.clone(),
        tax_year: n.tax_year,
        status: n.status.clone(),
        taxpayer_name: n.taxpayer_name.clone(),
        tax: n.tax,
        unpaid: Satang((n.tax.0 - paid.0).max(0)),
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

/// Takes a payment: the tax portion is applied to the notice's instalments in order, penalty and surcharge
/// are computed on the payment date on each late slice, and one receipt is stored with the next number of
/// this PC's book and its signed QR payload, all in one transaction.
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
    let today = today(now);
    let paid_on = match input.paid_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => late::parse_date(text)?,
        None => today,
    };
    if paid_on > today {
        return Err(Error::validation("error.tax.pay.future").arg("date", paid_on.to_string()));
    }
    let amount = input.tax_amount;
    if amount.0 <= 0 {
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
    let n = notice(w.conn(), &input.notice_id)?;
    if n.status != "issued" {
        return Err(
            Error::new(ErrorCode::Conflict, "error.tax.pay.superseded").arg("number", n.number)
        );
    }
    if paid_on < n.issued_on {
        return Err(Error::validation("error.tax.pay.before_notice")
            .arg("date", paid_on.to_string())
            .arg("issued", n.issued_on.to_string()));
    }
    let owed = outstanding_in(w.conn(), &n, paid_on)?;
    if owed.unpaid.0 == 0 {
        return Err(
            Error::new(ErrorCode::Conflict, "error.tax.pay.nothing_due").arg("number", n.number)
        );
    }
    if amount > owed.unpaid {
        return Err(Error::validation("error.tax.pay.overpay")
            .arg("amount", amount.to_grouped())
            .arg("unpaid", owed.unpaid.to_grouped()));
    }
    let mut left = amount;
    let mut items = Vec::new();
    for due in owed.instalments.iter().filter(|i| i.unpaid.0 > 0) {
        if left.0 == 0 {
            break;
        }
        let slice = Satang(left.0.min(due.unpaid.0));
        left = Satang(left.0 - slice.0);
        let due_date = late::parse_date(&due.due_date)?;
        let c = late::late_charges(slice, due_date, paid_on, owed.stage, false);
        items.push(ReceiptItem {
            instalment: due.number,
            of: due.of,
            due_date: due.due_date.clone(),
            tax: slice,
            months: c.months,
            penalty_percent: c.penalty_percent,
            penalty: c.penalty,
            surcharge_permille: c.surcharge_permille,
            surcharge: c.surcharge,
        });
    }
    let penalty = Satang(items.iter().map(|i| i.penalty.0).sum());
    let surcharge = Satang(items.iter().map(|i| i.surcharge.0).sum());
    let total = Satang(amount.0 + penalty.0 + surcharge.0);
    let fiscal_year = fiscal_year_be(paid_on);
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
        tax: amount,
        penalty,
        surcharge,
        total,
        status: ReceiptStatus::Issued,
    };
    let payload = signing::sign(&key, &facts);
    let payer =
        clean(input.payer_name.as_deref(), TEXT_MAX).unwrap_or_else(|| n.taxpayer_name.clone());
    let instalment = match items.as_slice() {
        [one] if one.of > 1 => Some(i64::from(one.instalment)),
        _ => None,
    };
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
            ("method", input.method.as_str().to_owned().into()),
            ("reference", reference.into()),
            ("instalment", instalment.into()),
            ("tax_satang", amount.0.into()),
            ("penalty_satang", penalty.0.into()),
            (
                "penalty_percent",
                i64::from(items.iter().map(|i| i.penalty_percent).max().unwrap_or(0)).into(),
            ),
            ("surcharge_satang", surcharge.0.into()),
            (
                "surcharge_months",
                i64::from(items.iter().map(|i| i.months).max().unwrap_or(0)).into(),
            ),
            ("total_satang", total.0.into()),
            ("items", serde_json::to_string(&items)?.into()),
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
     v.display_name, r.voided_at, r.created_at \
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

/// A notice's receipts, oldest first.
pub fn receipts_for_notice(
    conn: &Connection,
    session: &Session,
    notice_id: &str,
) -> Result<Vec<Receipt>> {
    session.require(Action::UseTax)?;
    receipts_where(conn, "r.notice_id = ?1 ORDER BY r.created_at, r.number", [notice_id])
}
