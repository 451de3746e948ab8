//! Printers and print jobs: this PC's routes (printer and paper per kind of document), the CUPS printer list,
//! test pages, the job list with failures, and reprints. A print is prepared and recorded with the database
//! held, sent to the printer without it, then its outcome recorded, so a slow printer never blocks the app.

use std::sync::Arc;

use sala_core::doc::DocumentKind;
use sala_core::print::cups::{CupsServer, PrinterInfo};
use sala_core::print::{self, Prepared, PrintEnv, PrintJob, Route};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// This PC's printing environment: the system's CUPS, or `SALA_CUPS_SERVER` (HOST:PORT or a socket path,
/// which the tests use for a private scheduler).
fn env() -> PrintEnv {
    let cups = std::env::var("SALA_CUPS_SERVER").ok().filter(|s| !s.trim().is_empty());
    PrintEnv { cups: CupsServer(cups), ..PrintEnv::default() }
}

/// Sends a prepared job without holding the database, then records what happened.
pub(crate) async fn send(state: Arc<AppState>, job: Prepared) -> Result<PrintJob, IpcError> {
    let (job, delivery) = tauri::async_runtime::spawn_blocking(move || {
        let delivery = print::deliver(&job, &env());
        (job, delivery)
    })
    .await
    .map_err(|e| {
        let err = sala_core::Error::new(sala_core::ErrorCode::Internal, "error.internal")
            .arg("cause", e.to_string());
        IpcError::from_core(&err, state.lang())
    })?;
    state.run_as(move |db, ctx, s| print::finish(db, s, ctx.now, &job, &delivery, ctx.lang)).await
}

/// Sends a document prepared alongside a record (a slip, a notice, a receipt) and splits the outcome for the
/// screen: the job when it printed, or why not. A failed print never undoes the record.
pub(crate) async fn send_prepared(
    state: Arc<AppState>,
    prepared: Result<Prepared, IpcError>,
) -> (Option<PrintJob>, Option<IpcError>) {
    let sent = match prepared {
        Ok(job) => send(state, job).await,
        Err(e) => Err(e),
    };
    match sent {
        Ok(job) => (Some(job), None),
        Err(e) => (None, Some(e)),
    }
}

#[tauri::command]
pub async fn list_printers(state: State<'_, Arc<AppState>>) -> Result<Vec<PrinterInfo>, IpcError> {
    Arc::clone(&state).run_as(|_db, _ctx, s| print::printers(s, &env())).await
}

#[tauri::command]
pub async fn get_print_routes(state: State<'_, Arc<AppState>>) -> Result<Vec<Route>, IpcError> {
    Arc::clone(&state).run_as(|db, _ctx, _s| print::routes(db.conn())).await
}

#[tauri::command]
pub async fn set_print_route(
    state: State<'_, Arc<AppState>>,
    route: Route,
) -> Result<Vec<Route>, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            print::set_route(db, s, ctx.now, &route)?;
            print::routes(db.conn())
        })
        .await
}

#[tauri::command]
pub async fn print_test_page(
    state: State<'_, Arc<AppState>>,
    kind: DocumentKind,
) -> Result<PrintJob, IpcError> {
    let job = Arc::clone(&state)
        .run_as(move |db, ctx, s| print::prepare_test_page(db, s, ctx.now, kind))
        .await?;
    send(Arc::clone(&state), job).await
}

#[tauri::command]
pub async fn reprint_job(
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<PrintJob, IpcError> {
    let job = Arc::clone(&state)
        .run_as(move |db, ctx, s| print::prepare_reprint(db, s, ctx.now, &id))
        .await?;
    send(Arc::clone(&state), job).await
}

#[tauri::command]
pub async fn list_print_jobs(
    state: State<'_, Arc<AppState>>,
    problems_only: bool,
) -> Result<Vec<PrintJob>, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| print::jobs(db.conn(), s, problems_only, 100, ctx.lang))
        .await
}

/// Brings queued and interrupted jobs up to date, then lists the jobs that did not print.
#[tauri::command]
pub async fn refresh_print_jobs(
    state: State<'_, Arc<AppState>>,
) -> Result<Vec<PrintJob>, IpcError> {
    Arc::clone(&state)
        .run_as(|db, ctx, s| {
            print::refresh(db, s, ctx.now, &env())?;
            print::jobs(db.conn(), s, true, 100, ctx.lang)
        })
        .await
}
