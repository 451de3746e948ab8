//! Tax settings and assessment notices: the year's calendar, the biller ID and this PC's notice block; one
//! taxpayer's assessment and notice (issue, print, save as PDF, instalments); a whole year in steps that the
//! screen loops over with a progress bar. Core checks every permission; these are one-call adapters.

use std::sync::Arc;

use sala_core::print::{self, PrintJob};
use sala_core::tax::notice::{self, BatchProgress, Notice, NoticePreview, batch};
use sala_core::tax::settings::{self, TaxSettingsView, TaxYearSettings};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::commands::printing::{send, send_prepared};
use crate::error::IpcError;
use crate::state::AppState;

/// Notices are official paper: always in Thai, whatever language the screen is in.
const PAPER: sala_core::Lang = sala_core::Lang::Th;

/// A notice and what became of its printing. A notice that did not print is still issued: the clerk
/// prints it again (`tax_print_notice`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoticePrint {
    /// The notice.
    pub notice: Notice,
    /// Its print job (sent, queued or failed with the reason), if one was asked for and recorded.
    pub print: Option<PrintJob>,
    /// Why no print job could be recorded or sent at all (no biller ID, the database).
    pub print_error: Option<IpcError>,
    /// Issuing replaced a notice that already has payments (they count toward this one).
    pub had_payments: bool,
    /// What to tell staff then, in the screen's language.
    pub warning: Option<String>,
}

/// One step of a year's batch and what it made.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchStepResult {
    /// Where the batch stands.
    pub progress: BatchProgress,
    /// The folder the PDFs went to (PDF mode).
    pub folder: Option<String>,
    /// Files written or notices printed in this step (the rest were there already).
    pub made: u32,
    /// Notices of this step that did not print or could not be written, with the reason.
    pub problems: Vec<String>,
}

#[tauri::command]
pub async fn tax_settings(state: State<'_, Arc<AppState>>) -> Result<TaxSettingsView, IpcError> {
    Arc::clone(&state).run_as(|db, _ctx, s| settings::view(db.conn(), s)).await
}

#[tauri::command]
pub async fn tax_year_save(
    state: State<'_, Arc<AppState>>,
    year: TaxYearSettings,
) -> Result<TaxYearSettings, IpcError> {
    Arc::clone(&state).run_as(move |db, ctx, s| settings::save_year(db, s, ctx.now, &year)).await
}

/// The built-in rate table and reductions of a year as JSON text, to start an office's own table from.
#[tauri::command]
pub async fn tax_built_in_rules(
    state: State<'_, Arc<AppState>>,
    tax_year: i32,
) -> Result<String, IpcError> {
    Arc::clone(&state).run_as(move |_db, _ctx, s| settings::built_in_rules_json(s, tax_year)).await
}

/// Checks an office's rate table or reductions typed as JSON, and returns them parsed (as the year's
/// `rates`/`reductions` field expects).
#[tauri::command]
pub async fn tax_check_rules(
    state: State<'_, Arc<AppState>>,
    rates: Option<String>,
    reductions: Option<String>,
) -> Result<serde_json::Value, IpcError> {
    Arc::clone(&state)
        .run_as(move |_db, _ctx, s| {
            settings::check_rules_json(s, rates.as_deref(), reductions.as_deref())
        })
        .await
}

#[tauri::command]
pub async fn tax_biller_set(
    state: State<'_, Arc<AppState>>,
    biller_id: String,
) -> Result<String, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| settings::set_biller_id(db, s, ctx.now, &biller_id))
        .await
}

#[tauri::command]
pub async fn tax_notice_block_set(
    state: State<'_, Arc<AppState>>,
    block: u32,
) -> Result<u32, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| settings::set_notice_block(db, s, ctx.now, block))
        .await
}

#[tauri::command]
pub async fn tax_notice_preview(
    state: State<'_, Arc<AppState>>,
    taxpayer_id: String,
    tax_year: i32,
) -> Result<NoticePreview, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, _ctx, s| notice::preview(db.conn(), s, &taxpayer_id, tax_year))
        .await
}

async fn print_notice(
    state: &State<'_, Arc<AppState>>,
    notice: Notice,
    prepared: Option<Result<print::Prepared, IpcError>>,
) -> NoticePrint {
    let Some(prepared) = prepared else {
        return NoticePrint {
            notice,
            print: None,
            print_error: None,
            had_payments: false,
            warning: None,
        };
    };
    let (print, print_error) = send_prepared(Arc::clone(state), prepared).await;
    NoticePrint { notice, print, print_error, had_payments: false, warning: None }
}

/// Issues (or reuses) the taxpayer's notice for the year; with `print`, prints it on the tax-notice route.
#[tauri::command]
pub async fn tax_issue_notice(
    state: State<'_, Arc<AppState>>,
    taxpayer_id: String,
    tax_year: i32,
    print: bool,
) -> Result<NoticePrint, IpcError> {
    let (issued, prepared) = Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            let issued =
                notice::issue_full(db, s, ctx.now, &taxpayer_id, tax_year, false, ctx.lang)?;
            let n = &issued.notice;
            let prepared = print.then(|| {
                notice::notice_document(db.conn(), &n.id, PAPER)
                    .and_then(|doc| {
                        print::prepare(db, s, ctx.now, doc, notice::document::KIND, None)
                    })
                    .map_err(|e| IpcError::from_core(&e, ctx.lang))
            });
            Ok((issued, prepared))
        })
        .await?;
    let mut result = print_notice(&state, issued.notice, prepared).await;
    result.had_payments = issued.had_payments;
    result.warning = issued.warning;
    Ok(result)
}

/// Prints a notice (again) as it stands now.
#[tauri::command]
pub async fn tax_print_notice(
    state: State<'_, Arc<AppState>>,
    notice_id: String,
) -> Result<NoticePrint, IpcError> {
    let (n, prepared) = Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            let n = notice::get(db.conn(), s, &notice_id)?;
            let prepared = notice::notice_document(db.conn(), &n.id, PAPER)
                .and_then(|doc| print::prepare(db, s, ctx.now, doc, notice::document::KIND, None))
                .map_err(|e| IpcError::from_core(&e, ctx.lang));
            Ok((n, Some(prepared)))
        })
        .await?;
    Ok(print_notice(&state, n, prepared).await)
}

/// Saves the notice as `<number>.pdf` in the year's notices folder beside the database; returns the path.
#[tauri::command]
pub async fn tax_save_notice_pdf(
    state: State<'_, Arc<AppState>>,
    notice_id: String,
) -> Result<String, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, _ctx, s| notice::save_pdf_in_app_folder(db.conn(), s, &notice_id, PAPER))
        .await
}

#[tauri::command]
pub async fn tax_set_instalments(
    state: State<'_, Arc<AppState>>,
    notice_id: String,
    count: u32,
) -> Result<Notice, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| notice::set_instalments(db, s, ctx.now, &notice_id, count))
        .await
}

/// One step of a year's batch: issues the next `max` taxpayers' notices, then writes their PDFs to the
/// year's folder (`print` false) or prints those not printed before (`print` true). A notice that already
/// has payments is replaced by a changed tax only with `reassess`; either way it is reported.
#[tauri::command]
pub async fn tax_notice_batch_step(
    state: State<'_, Arc<AppState>>,
    tax_year: i32,
    after: Option<String>,
    max: u32,
    print: bool,
    reassess: bool,
) -> Result<BatchStepResult, IpcError> {
    let (progress, folder, made, mut problems, jobs) = Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            let max = usize::try_from(max).unwrap_or(1);
            let progress = notice::batch_step(
                db,
                s,
                ctx.now,
                tax_year,
                after.as_deref(),
                max,
                reassess,
                ctx.lang,
            )?;
            let mut made = 0_u32;
            let mut problems: Vec<String> = Vec::new();
            let mut jobs = Vec::new();
            let folder = batch::app_folder(db.conn(), tax_year);
            for id in &progress.notices {
                if print {
                    if batch::already_printed(db.conn(), id)? {
                        continue;
                    }
                    match notice::notice_document(db.conn(), id, PAPER).and_then(|doc| {
                        print::prepare(db, s, ctx.now, doc, notice::document::KIND, None)
                    }) {
                        Ok(job) => jobs.push(job),
                        Err(e) => problems.push(e.message(ctx.lang)),
                    }
                } else if let Some(dir) = &folder {
                    match batch::write_pdf(db.conn(), id, dir, PAPER) {
                        Ok(true) => made += 1,
                        Ok(false) => {}
                        Err(e) => problems.push(e.message(ctx.lang)),
                    }
                }
            }
            let folder = (!print).then(|| folder.map(|f| f.display().to_string())).flatten();
            Ok((progress, folder, made, problems, jobs))
        })
        .await?;
    let mut made = made;
    for job in jobs {
        match send(Arc::clone(&state), job).await {
            Ok(j) if j.status == print::JobStatus::Failed => {
                problems.push(format!("{}: {}", j.title, j.reason.unwrap_or_default()));
            }
            Ok(_) => made += 1,
            Err(e) => problems.push(e.message),
        }
    }
    Ok(BatchStepResult { progress, folder, made, problems })
}
