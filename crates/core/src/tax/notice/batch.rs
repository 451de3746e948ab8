//! A whole tax year's notices in steps: each step issues the notices of the next few taxpayers (each in its
//! own transaction), so a run can be cancelled between steps and resumed from where it stopped. Issuing is
//! idempotent (a taxpayer whose current notice already has the assessed tax keeps it), so running the whole
//! year again also resumes; the callers skip the files and prints they already made. A notice that already
//! has payments is not replaced by a changed tax unless the run is told to reassess: it is reported by name.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use super::{IssueOutcome, issue_full};
use crate::auth::{Action, Session};
use crate::db::Db;
use crate::error::Result;
use crate::i18n::Lang;
use crate::money::Satang;
use crate::tax::settings;

/// A taxpayer whose notice could not be issued, with the reason (the batch goes on without them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchFailure {
    /// The taxpayer.
    pub taxpayer_id: String,
    /// Their title, name and last name, so staff can find the record.
    pub taxpayer_name: String,
    /// Their citizen or tax ID, masked (`3-1001-xxxxx-xx-1`), if on record.
    pub id_no_masked: Option<String>,
    /// Why, in the caller's language.
    pub message: String,
}

/// A taxpayer whose tax changed while their current notice already has payments: the batch kept that
/// notice (without `reassess`) or replaced it (with it). Either way staff should look at the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaidNotice {
    /// The taxpayer.
    pub taxpayer_id: String,
    /// Their title, name and last name.
    pub taxpayer_name: String,
    /// Their ID, masked, if on record.
    pub id_no_masked: Option<String>,
    /// The notice that has payments (kept, or replaced).
    pub number: String,
    /// The tax already paid on the taxpayer's notices of the year.
    pub paid: Satang,
    /// Kept as it is (true), or replaced by a new notice (false).
    pub kept: bool,
    /// What happened, in the caller's language.
    pub message: String,
}

/// A taxpayer's name and masked ID for a batch report.
fn who(conn: &rusqlite::Connection, taxpayer_id: &str) -> Result<(String, Option<String>)> {
    let row: Option<(String, String, String, Option<String>)> = conn
        .query_row(
            "SELECT title, name, last_name, id_no FROM taxpayer WHERE id = ?1",
            [taxpayer_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    Ok(match row {
        Some((title, name, last, id_no)) => (
            super::full_name(&title, &name, &last),
            id_no.filter(|d| !d.is_empty()).map(|d| {
                crate::thai::ThaiId::parse(&d).map_or_else(|_| "x".repeat(13), |id| id.masked())
            }),
        ),
        None => (taxpayer_id.to_owned(), None),
    })
}

/// Where a batch stands after a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchProgress {
    /// The tax year, B.E.
    pub tax_year: i32,
    /// Taxpayers handled so far (this step and the ones before it).
    pub done: usize,
    /// Taxpayers with something to assess in the year.
    pub total: usize,
    /// The last taxpayer handled: pass it as `after` to continue.
    pub last: Option<String>,
    /// The notices of this step (new, reassessed or reused), in order.
    pub notices: Vec<String>,
    /// Of those, how many were new or reassessed in this step.
    pub issued: usize,
    /// Taxpayers of this step whose notice failed.
    pub failures: Vec<BatchFailure>,
    /// Taxpayers of this step whose changed tax met a notice with payments: kept, or replaced with
    /// `reassess`.
    pub paid: Vec<PaidNotice>,
}

impl BatchProgress {
    /// Whether every taxpayer has been handled.
    pub fn finished(&self) -> bool {
        self.done >= self.total
    }
}

/// Issues the notices of the next `max` taxpayers of `tax_year` after `after` (`None`: from the first).
/// Refused as a whole when the year has no calendar; a taxpayer whose register cannot be assessed is listed
/// in `failures` (with name and masked ID) and the step goes on. A current notice that already has payments
/// is not replaced when the tax changed unless `reassess` is given; either way it is listed in `paid`.
#[allow(clippy::too_many_arguments)]
pub fn batch_step(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    tax_year: i32,
    after: Option<&str>,
    max: usize,
    reassess: bool,
    lang: Lang,
) -> Result<BatchProgress> {
    session.require(Action::UseTax)?;
    settings::require_year(db.conn(), tax_year)?;
    let all = crate::tax::register::taxpayers_for_year(db.conn(), tax_year)?;
    let start = match after {
        Some(id) => all.iter().position(|t| t == id).map_or(0, |i| i + 1),
        None => 0,
    };
    let end = (start + max.max(1)).min(all.len());
    let mut progress = BatchProgress {
        tax_year,
        done: end,
        total: all.len(),
        last: after.map(str::to_owned),
        notices: Vec::new(),
        issued: 0,
        failures: Vec::new(),
        paid: Vec::new(),
    };
    for taxpayer in all.get(start..end).unwrap_or_default() {
        match issue_full(db, session, now, taxpayer, tax_year, !reassess, lang) {
            Ok(r) => {
                if matches!(r.outcome, IssueOutcome::Issued | IssueOutcome::Superseded) {
                    progress.issued += 1;
                }
                if r.had_payments {
                    let (taxpayer_name, id_no_masked) = who(db.conn(), taxpayer)?;
                    let kept = r.outcome == IssueOutcome::Kept;
                    progress.paid.push(PaidNotice {
                        taxpayer_id: taxpayer.clone(),
                        taxpayer_name,
                        id_no_masked,
                        number: if kept {
                            r.notice.number.clone()
                        } else {
                            r.previous_number.clone().unwrap_or_default()
                        },
                        paid: r.paid,
                        kept,
                        message: r.warning.clone().unwrap_or_default(),
                    });
                }
                progress.notices.push(r.notice.id);
            }
            Err(e) if e.code() == crate::error::ErrorCode::Validation => {
                let (taxpayer_name, id_no_masked) = who(db.conn(), taxpayer)?;
                progress.failures.push(BatchFailure {
                    taxpayer_id: taxpayer.clone(),
                    taxpayer_name,
                    id_no_masked,
                    message: e.message(lang),
                });
            }
            Err(e) => return Err(e),
        }
        progress.last = Some(taxpayer.clone());
    }
    Ok(progress)
}

/// The file a notice is written to in a batch folder: `<number>.pdf`.
pub fn pdf_path(dir: &std::path::Path, number: &str) -> std::path::PathBuf {
    dir.join(format!("{number}.pdf"))
}

/// Writes the notice's PDF as `dir/<number>.pdf` unless that file is already there (a resumed run). Returns
/// whether it wrote the file. The file appears whole or not at all (written beside it, then renamed).
pub fn write_pdf(
    conn: &rusqlite::Connection,
    notice_id: &str,
    dir: &std::path::Path,
    lang: Lang,
) -> Result<bool> {
    let notice = super::by_id(conn, notice_id)?;
    let path = pdf_path(dir, &notice.number);
    if path.exists() {
        return Ok(false);
    }
    let bytes = super::notice_document(conn, notice_id, lang)?.to_pdf()?;
    let io = |e: std::io::Error| {
        crate::Error::new(crate::error::ErrorCode::Storage, "error.tax.notice_write")
            .arg("path", path.display().to_string())
            .with_source(e)
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let partial = dir.join(format!(".{}.pdf.partial", notice.number));
    std::fs::write(&partial, &bytes).map_err(io)?;
    std::fs::rename(&partial, &path).map_err(io)?;
    Ok(true)
}

/// Whether the notice has already gone to a printer (a print job of its document that did not fail), so a
/// resumed batch to the printer does not print it twice.
pub fn already_printed(conn: &rusqlite::Connection, notice_id: &str) -> Result<bool> {
    let notice = super::by_id(conn, notice_id)?;
    // Printed in either language (the title is the document's, in the language it was made in).
    let printed: i64 = conn.query_row(
        "SELECT count(*) FROM print_job WHERE kind = 'tax_notice' AND title IN (?1, ?2) \
         AND status <> 'failed' AND deleted_at IS NULL",
        [
            super::document::title(&notice.number, Lang::Th),
            super::document::title(&notice.number, Lang::En),
        ],
        |r| r.get(0),
    )?;
    Ok(printed > 0)
}

/// The app's folder for a year's notice PDFs: `notices/<year>` beside the database file.
pub fn app_folder(conn: &rusqlite::Connection, tax_year: i32) -> Option<std::path::PathBuf> {
    let db = std::path::Path::new(conn.path()?);
    Some(db.parent()?.join("notices").join(tax_year.to_string()))
}
