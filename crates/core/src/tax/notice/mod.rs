//! Assessment notices (ภ.ด.ส.6 with the ภ.ด.ส.7/8 detail): issuing one per taxpayer and tax year from the
//! register and the engine, reassessing (s.53: a changed tax supersedes the notice), instalments (s.52), the
//! A4 document with its Thai QR bill payment ([`document`]) and a whole year in resumable steps ([`batch`]).
//!
//! **Numbers** are digits only, because a notice number is ref1 of the QR: the tax year (4 digits, B.E.),
//! this PC's notice block (2 digits, `settings::notice_block`, 01–99) and a sequence (6 digits) —
//! `256901000042`. Each PC that issues notices gets its own block, so PCs cut off from each other never give
//! the same number; on one PC the sequence is read and written in the issuing transaction, and a unique index
//! on `tax_notice.number` refuses a duplicate. See `docs/dev/tax.md`.

pub mod batch;
pub(crate) mod demo;
pub mod document;
#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::engine::{self, Assessment};
use super::late::{self, INSTALMENT_MINIMUM};
use super::settings::{self, TaxYearSettings};
use crate::auth::{Action, Session};
use crate::db::{Db, Entity, Writer};
use crate::error::{Error, ErrorCode, Result};
use crate::i18n::tr;
use crate::ids;
use crate::money::Satang;
use crate::thai::baht::baht_text;

pub use batch::{BatchFailure, BatchProgress, PaidNotice, batch_step};
pub use document::{NoticePayment, notice_document, notice_payment};

/// Where a notice stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NoticeStatus {
    /// The taxpayer's current notice for the year.
    Issued,
    /// Replaced by a reassessment (s.53): `superseded_by` is the new one.
    Superseded,
    /// Cancelled.
    Cancelled,
}

impl NoticeStatus {
    fn parse(s: &str) -> NoticeStatus {
        match s {
            "superseded" => NoticeStatus::Superseded,
            "cancelled" => NoticeStatus::Cancelled,
            _ => NoticeStatus::Issued,
        }
    }
}

/// A stored notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    /// UUIDv7.
    pub id: String,
    /// The notice number: digits only, ref1 of its QR.
    pub number: String,
    /// Who it is for.
    pub taxpayer_id: String,
    /// The taxpayer's title, name and last name.
    pub taxpayer_name: String,
    /// The tax year, B.E.
    pub tax_year: i32,
    /// The date printed on it (the year's notice date).
    #[ts(type = "string")]
    pub issued_on: NaiveDate,
    /// Pay in one go by this date.
    #[ts(type = "string")]
    pub due_date: NaiveDate,
    /// The tax.
    pub tax: Satang,
    /// Issued, superseded or cancelled.
    pub status: NoticeStatus,
    /// The notice that replaced this one.
    pub superseded_by: Option<String>,
    /// How many instalments the taxpayer asked for (1–3).
    pub instalments: u32,
    /// Whether the tax may be paid in instalments (at least 3,000 baht: `late::INSTALMENT_MINIMUM`).
    pub instalments_allowed: bool,
    /// The engine's result, every baht explained.
    #[ts(as = "Assessment")]
    pub assessment: serde_json::Value,
}

/// One instalment of the plan printed on the notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlannedInstalment {
    /// 1, 2 or 3.
    pub number: u32,
    /// The amount.
    pub amount: Satang,
    /// Its due date.
    #[ts(type = "string")]
    pub due: NaiveDate,
}

/// What the notices screen shows for one taxpayer and year: the assessment as it stands in the register
/// now, and the current notice if there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoticePreview {
    /// The taxpayer.
    pub taxpayer_id: String,
    /// Title, name and last name.
    pub taxpayer_name: String,
    /// The tax year, B.E.
    pub tax_year: i32,
    /// The assessment of the register as it is now.
    pub assessment: Assessment,
    /// The total in Thai words.
    pub tax_words: String,
    /// The year's calendar, if set (no notice can be issued without it).
    pub calendar: Option<TaxYearSettings>,
    /// The plan in three instalments when the tax allows it and the calendar is set.
    pub instalment_plan: Vec<PlannedInstalment>,
    /// The current notice, if one was issued.
    pub notice: Option<Notice>,
    /// The current notice's tax differs from the assessment now: issuing again supersedes it (s.53).
    pub changed: bool,
}

/// What [`issue`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IssueOutcome {
    /// A new notice (the first for this taxpayer and year).
    Issued,
    /// The current notice already had this tax: nothing was written.
    Reused,
    /// The tax changed: a new notice replaced the current one.
    Superseded,
    /// The tax changed, but the current notice already has payments and the year's batch was not told to
    /// reassess: the current notice stays (see [`IssueResult::warning`]).
    Kept,
}

/// What issuing did, and what staff must be told about payments already made on the notice it replaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssueResult {
    /// The current notice after issuing (the new one, or the one reused or kept).
    pub notice: Notice,
    /// New, reused, superseded or kept.
    pub outcome: IssueOutcome,
    /// The notice replaced (or kept) already has payments: they count toward the current notice.
    pub had_payments: bool,
    /// The tax already paid on the taxpayer's notices of the year (receipts not voided), when
    /// `had_payments`.
    pub paid: Satang,
    /// The replaced notice's number, when one was replaced or kept.
    pub previous_number: Option<String>,
    /// What to tell staff when `had_payments`, in the caller's language.
    pub warning: Option<String>,
}

const SELECT: &str = "SELECT n.id, n.number, n.taxpayer_id, n.tax_year, n.issued_on, n.due_date, n.tax_satang, \
     n.status, n.superseded_by, n.instalments, n.assessment, t.title, t.name, t.last_name \
     FROM tax_notice n JOIN taxpayer t ON t.id = n.taxpayer_id WHERE n.deleted_at IS NULL";

fn internal(e: impl std::error::Error + Send + Sync + 'static) -> Error {
    Error::new(ErrorCode::Internal, "error.internal").with_source(e)
}

fn date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(internal)
}

/// Title, name and last name as one line (`นายบุญมี ศรีสุข`, `บริษัท ตัวอย่าง จำกัด`).
pub(crate) fn full_name(title: &str, name: &str, last_name: &str) -> String {
    let first = format!("{}{}", title.trim(), name.trim());
    if last_name.trim().is_empty() { first } else { format!("{first} {}", last_name.trim()) }
}

type Row = (
    String,
    String,
    String,
    i32,
    String,
    String,
    i64,
    String,
    Option<String>,
    u32,
    String,
    String,
    String,
    String,
);

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
        r.get(12)?,
        r.get(13)?,
    ))
}

fn from_row(row: Row) -> Result<Notice> {
    let (
        id,
        number,
        taxpayer_id,
        tax_year,
        issued_on,
        due,
        tax,
        status,
        superseded_by,
        instalments,
        json,
        title,
        name,
        last,
    ) = row;
    Ok(Notice {
        id,
        number,
        taxpayer_id,
        taxpayer_name: full_name(&title, &name, &last),
        tax_year,
        issued_on: date(&issued_on)?,
        due_date: date(&due)?,
        tax: Satang(tax),
        status: NoticeStatus::parse(&status),
        superseded_by,
        instalments,
        instalments_allowed: Satang(tax) >= crate::tax::late::INSTALMENT_MINIMUM,
        assessment: serde_json::from_str(&json).map_err(internal)?,
    })
}

fn one(
    conn: &Connection,
    condition: &str,
    params: impl rusqlite::Params,
) -> Result<Option<Notice>> {
    conn.query_row(&format!("{SELECT} AND {condition}"), params, read_row)
        .optional()?
        .map(from_row)
        .transpose()
}

fn not_found(what: &str) -> Error {
    Error::new(ErrorCode::NotFound, "error.tax.notice_not_found").arg("what", what.to_owned())
}

/// The notice `id`.
pub fn by_id(conn: &Connection, id: &str) -> Result<Notice> {
    one(conn, "n.id = ?1", [id])?.ok_or_else(|| not_found(id))
}

/// The notice with `number` (ref1 of a scanned QR).
pub fn by_number(conn: &Connection, number: &str) -> Result<Notice> {
    let number = number.trim();
    one(conn, "n.number = ?1", [number])?.ok_or_else(|| not_found(number))
}

/// The taxpayer's current (issued) notice for the year, if any.
pub fn current(conn: &Connection, taxpayer_id: &str, tax_year: i32) -> Result<Option<Notice>> {
    one(
        conn,
        "n.taxpayer_id = ?1 AND n.tax_year = ?2 AND n.status = 'issued'",
        rusqlite::params![taxpayer_id, tax_year],
    )
}

/// The notice `id`, for a signed-in user who works on tax.
pub fn get(conn: &Connection, session: &Session, id: &str) -> Result<Notice> {
    session.require(Action::UseTax)?;
    by_id(conn, id)
}

/// Every notice of a taxpayer (all years and states), latest first.
pub fn for_taxpayer(
    conn: &Connection,
    session: &Session,
    taxpayer_id: &str,
) -> Result<Vec<Notice>> {
    session.require(Action::UseTax)?;
    let mut stmt = conn.prepare(&format!(
        "{SELECT} AND n.taxpayer_id = ?1 ORDER BY n.tax_year DESC, n.created_at DESC"
    ))?;
    let rows = stmt.query_map([taxpayer_id], read_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(from_row).collect()
}

/// The instalment plan of `tax` under a year's calendar: three shares (the remainder on the first) when the
/// tax is at least 3,000 baht, else none.
pub fn instalment_plan(tax: Satang, year: &TaxYearSettings) -> Result<Vec<PlannedInstalment>> {
    if tax < INSTALMENT_MINIMUM {
        return Ok(Vec::new());
    }
    let amounts = late::instalments(tax, 3)?;
    Ok(amounts
        .into_iter()
        .zip(year.instalment_dates)
        .zip(1..)
        .map(|((amount, due), number)| PlannedInstalment { number, amount, due })
        .collect())
}

fn taxpayer_name(conn: &Connection, taxpayer_id: &str) -> Result<String> {
    conn.query_row(
        "SELECT title, name, last_name FROM taxpayer WHERE id = ?1 AND deleted_at IS NULL",
        [taxpayer_id],
        |r| {
            Ok(full_name(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?, &r.get::<_, String>(2)?))
        },
    )
    .optional()?
    .ok_or_else(|| {
        Error::new(ErrorCode::NotFound, "error.tax.taxpayer_not_found")
            .arg("what", taxpayer_id.to_owned())
    })
}

/// Assesses the taxpayer's register for the year under the year's rules (no writing).
pub fn assess(conn: &Connection, taxpayer_id: &str, tax_year: i32) -> Result<Assessment> {
    taxpayer_name(conn, taxpayer_id)?;
    let input = super::register::assess_input(conn, taxpayer_id, tax_year)?;
    engine::assess(&input, &settings::rules(conn, tax_year)?)
}

/// What the notices screen shows: the assessment now and the current notice.
pub fn preview(
    conn: &Connection,
    session: &Session,
    taxpayer_id: &str,
    tax_year: i32,
) -> Result<NoticePreview> {
    session.require(Action::UseTax)?;
    let taxpayer_name = taxpayer_name(conn, taxpayer_id)?;
    let assessment = assess(conn, taxpayer_id, tax_year)?;
    let calendar = settings::year(conn, tax_year)?;
    let instalment_plan = match &calendar {
        Some(year) => instalment_plan(assessment.tax, year)?,
        None => Vec::new(),
    };
    let notice = current(conn, taxpayer_id, tax_year)?;
    let changed = notice.as_ref().is_some_and(|n| n.tax != assessment.tax);
    Ok(NoticePreview {
        taxpayer_id: taxpayer_id.to_owned(),
        taxpayer_name,
        tax_year,
        tax_words: baht_text(assessment.tax),
        assessment,
        calendar,
        instalment_plan,
        notice,
        changed,
    })
}

/// Issues the taxpayer's notice for the year: assesses the register under the year's rules and stores the
/// notice with the year's notice and due dates. If the current notice has the same tax it is returned as it
/// is; if the tax changed, a new notice supersedes it (s.53). Refused with a Thai message when the year has
/// no calendar.
pub fn issue(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    taxpayer_id: &str,
    tax_year: i32,
) -> Result<Notice> {
    issue_with_outcome(db, session, now, taxpayer_id, tax_year).map(|(n, _)| n)
}

/// Like [`issue`], saying whether the notice is new, reused or a reassessment.
pub fn issue_with_outcome(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    taxpayer_id: &str,
    tax_year: i32,
) -> Result<(Notice, IssueOutcome)> {
    issue_full(db, session, now, taxpayer_id, tax_year, false, crate::Lang::Th)
        .map(|r| (r.notice, r.outcome))
}

/// Tax paid so far on the taxpayer's notices of the year: standing (not voided) receipts on the current
/// notice and the ones it superseded, as payments count them (s.53).
pub fn paid_for_year(conn: &Connection, taxpayer_id: &str, tax_year: i32) -> Result<Satang> {
    let paid: i64 = conn.query_row(
        "SELECT coalesce(sum(r.tax_satang), 0) FROM tax_receipt r JOIN tax_notice n ON n.id = r.notice_id \
         WHERE r.status = 'issued' AND r.deleted_at IS NULL AND n.deleted_at IS NULL \
         AND n.taxpayer_id = ?1 AND n.tax_year = ?2 AND n.status IN ('issued', 'superseded')",
        rusqlite::params![taxpayer_id, tax_year],
        |r| r.get(0),
    )?;
    Ok(Satang(paid))
}

/// Like [`issue_with_outcome`], and says when the notice being replaced already has payments (a flag, the
/// amount and a warning in `lang`). With `keep_paid` (a year's batch not told to reassess), such a notice
/// is kept as it is ([`IssueOutcome::Kept`]) instead of being replaced.
pub fn issue_full(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    taxpayer_id: &str,
    tax_year: i32,
    keep_paid: bool,
    lang: crate::Lang,
) -> Result<IssueResult> {
    session.require(Action::UseTax)?;
    let year = settings::require_year(db.conn(), tax_year)?;
    let assessment = assess(db.conn(), taxpayer_id, tax_year)?;
    let cur = current(db.conn(), taxpayer_id, tax_year)?;
    let result = |notice: Notice, outcome: IssueOutcome| IssueResult {
        notice,
        outcome,
        had_payments: false,
        paid: Satang::ZERO,
        previous_number: None,
        warning: None,
    };
    let Some(cur) = cur else {
        let (id, outcome) =
            db.write(&session.actor(), now, |w| store_in(w, taxpayer_id, &year, &assessment))?;
        return Ok(result(by_id(db.conn(), &id)?, outcome));
    };
    if cur.tax == assessment.tax {
        return Ok(result(cur, IssueOutcome::Reused));
    }
    let paid = paid_for_year(db.conn(), taxpayer_id, tax_year)?;
    let had_payments = paid > Satang::ZERO;
    let previous = cur.number.clone();
    if had_payments && keep_paid {
        let warning = tr(
            lang,
            "msg.tax.notice.kept_paid",
            &[
                ("number", cur.number.clone()),
                ("name", cur.taxpayer_name.clone()),
                ("paid", paid.to_grouped()),
                ("tax", assessment.tax.to_grouped()),
            ],
        );
        let mut r = result(cur, IssueOutcome::Kept);
        r.had_payments = true;
        r.paid = paid;
        r.previous_number = Some(previous);
        r.warning = Some(warning);
        return Ok(r);
    }
    let (id, outcome) =
        db.write(&session.actor(), now, |w| store_in(w, taxpayer_id, &year, &assessment))?;
    let mut r = result(by_id(db.conn(), &id)?, outcome);
    r.previous_number = Some(previous);
    if had_payments {
        r.had_payments = true;
        r.paid = paid;
        r.warning = Some(tr(
            lang,
            "msg.tax.notice.superseded_paid",
            &[("paid", paid.to_grouped()), ("number", r.notice.number.clone())],
        ));
    }
    Ok(r)
}

/// Issues (or reuses) the notice inside a transaction: the demo office's notices.
pub(crate) fn issue_in(
    w: &mut Writer<'_>,
    taxpayer_id: &str,
    tax_year: i32,
) -> Result<(String, IssueOutcome)> {
    let year = settings::require_year(w.conn(), tax_year)?;
    let assessment = assess(w.conn(), taxpayer_id, tax_year)?;
    store_in(w, taxpayer_id, &year, &assessment)
}

fn store_in(
    w: &mut Writer<'_>,
    taxpayer_id: &str,
    year: &TaxYearSettings,
    assessment: &Assessment,
) -> Result<(String, IssueOutcome)> {
    let tax_year = year.tax_year;
    let cur: Option<(String, i64, u32)> = w
        .conn()
        .query_row(
            "SELECT id, tax_satang, instalments FROM tax_notice WHERE taxpayer_id = ?1 AND tax_year = ?2 \
             AND status = 'issued' AND deleted_at IS NULL",
            rusqlite::params![taxpayer_id, tax_year],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((id, tax, _)) = &cur
        && *tax == assessment.tax.0
    {
        return Ok((id.clone(), IssueOutcome::Reused));
    }
    let json = serde_json::to_string(assessment).map_err(internal)?;
    let number = next_number(w.conn(), tax_year)?;
    // A reassessment keeps the taxpayer's choice of instalments while the new tax still allows it.
    let instalments = match &cur {
        Some((_, _, n)) if *n > 1 && assessment.tax >= INSTALMENT_MINIMUM => *n,
        _ => 1,
    };
    if let Some((old, _, _)) = &cur {
        w.update(Entity::TaxNotice, old, &[("status", "superseded".to_owned().into())])?;
    }
    let id = ids::new_id(w.now());
    w.insert_with_id(
        Entity::TaxNotice,
        &id,
        &[
            ("taxpayer_id", taxpayer_id.to_owned().into()),
            ("tax_year", tax_year.into()),
            ("number", number.into()),
            ("issued_on", year.notice_date.to_string().into()),
            ("due_date", year.due_date.to_string().into()),
            ("tax_satang", assessment.tax.0.into()),
            ("assessment", json.into()),
            ("instalments", i64::from(instalments).into()),
        ],
    )?;
    match cur {
        Some((old, _, _)) => {
            w.update(Entity::TaxNotice, &old, &[("superseded_by", id.clone().into())])?;
            Ok((id, IssueOutcome::Superseded))
        }
        None => Ok((id, IssueOutcome::Issued)),
    }
}

/// The highest sequence of a notice number.
const SEQ_MAX: u32 = 999_999;

/// The next number of this PC's block for the year: `YYYY` `BB` `NNNNNN`.
fn next_number(conn: &Connection, tax_year: i32) -> Result<String> {
    let block = settings::notice_block(conn)?;
    let prefix = format!("{tax_year:04}{block:02}");
    let max: Option<u32> = conn.query_row(
        "SELECT max(CAST(substr(number, 7) AS INTEGER)) FROM tax_notice WHERE length(number) = 12 \
         AND substr(number, 1, 6) = ?1",
        [&prefix],
        |r| r.get(0),
    )?;
    let seq = max.map_or(1, |m| m + 1);
    if seq > SEQ_MAX {
        return Err(Error::new(ErrorCode::Conflict, "error.tax.notice_numbers_used_up")
            .arg("year", tax_year.to_string())
            .arg("block", block.to_string()));
    }
    Ok(format!("{prefix}{seq:06}"))
}

/// Records how many instalments (1–3) the taxpayer will pay the notice in (s.52): more than one needs a tax
/// of at least 3,000 baht, and only the current notice can change.
pub fn set_instalments(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    notice_id: &str,
    count: u32,
) -> Result<Notice> {
    session.require(Action::UseTax)?;
    let notice = by_id(db.conn(), notice_id)?;
    if !(1..=3).contains(&count) {
        return Err(Error::validation("error.tax.instalment_count").arg("input", count.to_string()));
    }
    if count > 1 && notice.tax < INSTALMENT_MINIMUM {
        return Err(
            Error::validation("error.tax.instalment_minimum").arg("tax", notice.tax.to_grouped())
        );
    }
    if notice.status != NoticeStatus::Issued {
        return Err(Error::new(ErrorCode::Conflict, "error.tax.notice_not_current")
            .arg("number", notice.number));
    }
    db.write(&session.actor(), now, |w| {
        w.update(Entity::TaxNotice, notice_id, &[("instalments", i64::from(count).into())])
    })?;
    by_id(db.conn(), notice_id)
}

/// Saves the notice as `<number>.pdf` in the year's folder beside the database (`notices/<year>`), unless
/// that file is already there, and returns its path (the app's "save PDF").
pub fn save_pdf_in_app_folder(
    conn: &Connection,
    session: &Session,
    notice_id: &str,
    lang: crate::Lang,
) -> Result<String> {
    session.require(Action::UseTax)?;
    let n = by_id(conn, notice_id)?;
    let dir = batch::app_folder(conn, n.tax_year).ok_or_else(|| {
        Error::new(ErrorCode::Storage, "error.tax.notice_write").arg("path", n.number.clone())
    })?;
    batch::write_pdf(conn, notice_id, &dir, lang)?;
    Ok(batch::pdf_path(&dir, &n.number).display().to_string())
}
