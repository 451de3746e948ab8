//! Control and end of day: the control register (every number of every book accounted for), the day's cash
//! summary per clerk and method (ใบสรุปการรับเงินประจำวัน), and the arrears list.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::books;
use super::payment::{InstalmentDue, NoticeRow, notice, outstanding_in, receipts_where};
use super::{Method, Receipt, ReceiptStatus};
use crate::auth::{Action, Session};
use crate::error::Result;
use crate::money::Satang;
use crate::tax::late;

/// One book in the control register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookControl {
    /// เล่มที่.
    pub book_no: u32,
    /// First number.
    pub first_no: u32,
    /// Last number.
    pub last_no: u32,
    /// The PC it is assigned to.
    pub device_id: String,
    /// `open`, `full` or `closed`.
    pub status: String,
    /// Receipts issued and standing.
    pub issued: u32,
    /// Receipts voided (they keep their numbers).
    pub voided: u32,
    /// Numbers not used yet (above the highest number drawn).
    pub unused: u32,
    /// The unused numbers as ranges `[from, to]`.
    pub unused_ranges: Vec<[u32; 2]>,
    /// The voided numbers.
    pub voided_numbers: Vec<u32>,
    /// Numbers at or below the highest number drawn with no receipt in this database (a deleted or lost
    /// record): each must be explained.
    pub missing: Vec<u32>,
    /// Money on the standing receipts.
    pub total: Satang,
    /// Every number is issued, voided or unused: nothing is missing.
    pub accounted: bool,
}

/// Every receipt book of a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ControlRegister {
    /// Fiscal year (B.E.).
    pub fiscal_year: i32,
    /// The books.
    pub books: Vec<BookControl>,
    /// Standing receipts in all books.
    pub issued: u32,
    /// Voided receipts.
    pub voided: u32,
    /// Money on the standing receipts.
    pub total: Satang,
    /// Numbers missing in all books.
    pub missing: u32,
    /// Every book accounted for.
    pub accounted: bool,
}

/// The control register of `fiscal_year`: per book its range, issued, voided and unused numbers and its
/// total; a number below the highest one drawn with no live receipt is `missing` and the book is not
/// accounted for.
pub fn control_register(
    conn: &Connection,
    session: &Session,
    fiscal_year: i32,
) -> Result<ControlRegister> {
    session.require(Action::UseTax)?;
    let mut out = ControlRegister {
        fiscal_year,
        books: Vec::new(),
        issued: 0,
        voided: 0,
        total: Satang::ZERO,
        missing: 0,
        accounted: true,
    };
    for book in books::list(conn, Some(fiscal_year))? {
        let used: Vec<(u32, String, i64)> = conn
            .prepare(
                "SELECT number, status, total_satang FROM tax_receipt WHERE book_id = ?1 AND deleted_at IS NULL \
                 ORDER BY number",
            )?
            .query_map([&book.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // The highest number drawn, deleted rows included: the book hands out the number after it.
        let drawn: Option<u32> = conn.query_row(
            "SELECT max(number) FROM tax_receipt WHERE book_id = ?1",
            [&book.id],
            |r| r.get(0),
        )?;
        let next = drawn.map_or(book.first_no, |m| m + 1).max(book.first_no);
        let mut missing = Vec::new();
        let mut live = used.iter().map(|(n, _, _)| *n).peekable();
        for number in book.first_no..next.min(book.last_no + 1) {
            while live.next_if(|n| *n < number).is_some() {}
            if live.next_if_eq(&number).is_none() {
                missing.push(number);
            }
        }
        let unused_ranges =
            if next <= book.last_no { vec![[next, book.last_no]] } else { Vec::new() };
        let voided_numbers: Vec<u32> =
            used.iter().filter(|(_, s, _)| s == "voided").map(|(n, _, _)| *n).collect();
        let issued = u32::try_from(used.len() - voided_numbers.len()).unwrap_or(u32::MAX);
        let voided = u32::try_from(voided_numbers.len()).unwrap_or(u32::MAX);
        let unused: u32 = unused_ranges.iter().map(|[a, b]| b - a + 1).sum();
        let total = Satang(used.iter().filter(|(_, s, _)| s != "voided").map(|(_, _, t)| t).sum());
        out.issued += issued;
        out.voided += voided;
        out.total = Satang(out.total.0 + total.0);
        out.missing += u32::try_from(missing.len()).unwrap_or(u32::MAX);
        out.accounted &= missing.is_empty();
        out.books.push(BookControl {
            book_no: book.book_no,
            first_no: book.first_no,
            last_no: book.last_no,
            device_id: book.device_id,
            status: book.status,
            issued,
            voided,
            unused,
            unused_ranges,
            voided_numbers,
            total,
            accounted: missing.is_empty(),
            missing,
        });
    }
    Ok(out)
}

/// Count and money of one method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MethodTotal {
    /// The method.
    pub method: Method,
    /// Standing receipts.
    pub count: u32,
    /// Their total.
    pub total: Satang,
}

/// One clerk's takings on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClerkCash {
    /// The receiving officer.
    pub user_id: String,
    /// Their name.
    pub name: String,
    /// Per method (all three, zero when none).
    pub methods: Vec<MethodTotal>,
    /// Standing receipts.
    pub count: u32,
    /// Their total.
    pub total: Satang,
    /// The standing receipts, by book and number.
    pub receipts: Vec<Receipt>,
}

/// The day's cash summary (ใบสรุปการรับเงินประจำวัน): per clerk and method, voided receipts apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CashSummary {
    /// The day (`YYYY-MM-DD`): receipts written that day (each lists its own payment date).
    pub day: String,
    /// One clerk's only, when asked.
    pub user_id: Option<String>,
    /// Each clerk who took money.
    pub clerks: Vec<ClerkCash>,
    /// Per method, all clerks.
    pub methods: Vec<MethodTotal>,
    /// Receipts of the day voided (not counted).
    pub voided: Vec<Receipt>,
    /// Standing receipts.
    pub count: u32,
    /// Their total.
    pub total: Satang,
}

fn by_method(receipts: &[&Receipt]) -> Vec<MethodTotal> {
    Method::ALL
        .iter()
        .map(|m| {
            let of: Vec<&&Receipt> = receipts.iter().filter(|r| r.method == *m).collect();
            MethodTotal {
                method: *m,
                count: u32::try_from(of.len()).unwrap_or(u32::MAX),
                total: Satang(of.iter().map(|r| r.total.0).sum()),
            }
        })
        .collect()
}

/// The cash summary of `day` (receipts written that day, whatever the payment date a transfer or cheque
/// carries), for every clerk or one (`user_id`).
pub fn cash_summary(
    conn: &Connection,
    session: &Session,
    day: NaiveDate,
    user_id: Option<&str>,
) -> Result<CashSummary> {
    session.require(Action::UseTax)?;
    let all = receipts_where(
        conn,
        "r.written_on = ?1 AND (?2 IS NULL OR r.received_by = ?2) ORDER BY r.fiscal_year, r.book_no, r.number",
        (day.to_string(), user_id),
    )?;
    let (standing, voided): (Vec<Receipt>, Vec<Receipt>) =
        all.into_iter().partition(|r| r.status == ReceiptStatus::Issued);
    let mut clerks: Vec<ClerkCash> = Vec::new();
    for r in &standing {
        if !clerks.iter().any(|c| c.user_id == r.received_by) {
            let mine: Vec<Receipt> =
                standing.iter().filter(|x| x.received_by == r.received_by).cloned().collect();
            let refs: Vec<&Receipt> = mine.iter().collect();
            clerks.push(ClerkCash {
                user_id: r.received_by.clone(),
                name: r.received_by_name.clone(),
                methods: by_method(&refs),
                count: u32::try_from(mine.len()).unwrap_or(u32::MAX),
                total: Satang(mine.iter().map(|x| x.total.0).sum()),
                receipts: mine,
            });
        }
    }
    clerks.sort_by(|a, b| a.name.cmp(&b.name));
    let refs: Vec<&Receipt> = standing.iter().collect();
    Ok(CashSummary {
        day: day.to_string(),
        user_id: user_id.map(str::to_owned),
        methods: by_method(&refs),
        count: u32::try_from(standing.len()).unwrap_or(u32::MAX),
        total: Satang(standing.iter().map(|r| r.total.0).sum()),
        clerks,
        voided,
    })
}

/// One notice in arrears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArrearsLine {
    /// The notice.
    pub notice_id: String,
    /// Its number.
    pub number: String,
    /// The taxpayer.
    pub taxpayer_id: String,
    /// Their name.
    pub taxpayer_name: String,
    /// The notice's tax.
    pub tax: Satang,
    /// Paid so far (for the taxpayer's year).
    pub paid: Satang,
    /// Unpaid tax of the instalments already due (due date before the date asked about).
    pub unpaid: Satang,
    /// Penalty on the unpaid tax as of the date.
    pub penalty: Satang,
    /// Surcharge on the unpaid tax as of the date.
    pub surcharge: Satang,
    /// Unpaid + penalty + surcharge.
    pub total_due: Satang,
    /// The most months any unpaid instalment is late.
    pub months_late: u32,
}

/// The notices of a tax year not fully paid, as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Arrears {
    /// Tax year (B.E.).
    pub tax_year: i32,
    /// As of (`YYYY-MM-DD`).
    pub as_of: String,
    /// The notices, most owed first.
    pub lines: Vec<ArrearsLine>,
    /// Unpaid tax in all.
    pub unpaid: Satang,
    /// Everything owed with the late charges.
    pub total_due: Satang,
}

/// The arrears of `tax_year` on `as_of`: issued notices with an instalment past its due date and unpaid, with
/// that overdue tax and its penalty and surcharge as if paid that day. Instalments not yet due are not
/// arrears.
pub fn arrears(
    conn: &Connection,
    session: &Session,
    tax_year: i32,
    as_of: NaiveDate,
) -> Result<Arrears> {
    session.require(Action::UseTax)?;
    let ids: Vec<String> = conn
        .prepare(
            "SELECT id FROM tax_notice WHERE tax_year = ?1 AND status = 'issued' AND deleted_at IS NULL",
        )?
        .query_map([tax_year], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut lines = Vec::new();
    for id in ids {
        let n: NoticeRow = notice(conn, &id)?;
        let o = outstanding_in(conn, &n, as_of)?;
        let overdue: Vec<_> = o
            .instalments
            .iter()
            .filter(|i| i.unpaid.0 > 0)
            .filter(|i| late::parse_date(&i.due_date).is_ok_and(|due| due < as_of))
            .collect();
        if overdue.is_empty() {
            continue;
        }
        let sum = |f: fn(&InstalmentDue) -> Satang| Satang(overdue.iter().map(|i| f(i).0).sum());
        let (unpaid, penalty, surcharge) =
            (sum(|i| i.unpaid), sum(|i| i.late.penalty), sum(|i| i.late.surcharge));
        lines.push(ArrearsLine {
            notice_id: o.notice_id,
            number: o.notice_number,
            taxpayer_id: o.taxpayer_id,
            taxpayer_name: o.taxpayer_name,
            tax: o.tax,
            paid: o.paid,
            unpaid,
            penalty,
            surcharge,
            total_due: Satang(unpaid.0 + penalty.0 + surcharge.0),
            months_late: overdue.iter().map(|i| i.late.months).max().unwrap_or(0),
        });
    }
    lines.sort_by(|a, b| b.total_due.cmp(&a.total_due).then_with(|| a.number.cmp(&b.number)));
    Ok(Arrears {
        tax_year,
        as_of: as_of.to_string(),
        unpaid: Satang(lines.iter().map(|l| l.unpaid.0).sum()),
        total_due: Satang(lines.iter().map(|l| l.total_due.0).sum()),
        lines,
    })
}
