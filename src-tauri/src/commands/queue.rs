//! The walk-in queue: issuing tickets (the slip prints at once), the counter's calls, the supervisor's view and
//! KPIs, and the queue's set-up. Core checks every permission; these are one-call adapters.

use std::sync::Arc;

use sala_core::doc::DocumentKind;
use sala_core::print::{self, PrintJob};
use sala_core::queue::{
    self, CounterInfo, IssueInput, Kpis, Outcome, QueueCounterInput, QueueServiceInput,
    QueueSettings, QueueState, ServiceInfo, Ticket, TransferTo,
};
use sala_core::thai::date::parse_iso_date;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::commands::printing::send_prepared;
use crate::error::IpcError;
use crate::state::AppState;

/// A new ticket and what became of its slip. A slip that did not print never undoes the ticket: the
/// citizen has a number either way, and the clerk reprints (`reprint_job`) or writes it down.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssueResult {
    /// The ticket as issued.
    pub ticket: Ticket,
    /// The slip's print job (sent, queued or failed with its reason), if one could be recorded.
    pub print: Option<PrintJob>,
    /// Why no print job could be recorded or sent at all (the slip's layout, the database).
    pub print_error: Option<IpcError>,
}

/// Issues a ticket, then prints its slip on this PC's queue-slip route.
#[tauri::command]
pub async fn queue_issue(
    state: State<'_, Arc<AppState>>,
    input: IssueInput,
) -> Result<IssueResult, IpcError> {
    let (ticket, prepared) = Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            let ticket = queue::issue(db, s, ctx.now, &input)?;
            let prepared = queue::citizen_slip(db.conn(), &ticket)
                .and_then(|doc| print::prepare(db, s, ctx.now, doc, DocumentKind::QueueSlip, None))
                .map_err(|e| IpcError::from_core(&e, ctx.lang));
            Ok((ticket, prepared))
        })
        .await?;
    let (print, print_error) = send_prepared(Arc::clone(&state), prepared).await;
    Ok(IssueResult { ticket, print, print_error })
}

#[tauri::command]
pub async fn queue_call_next(
    state: State<'_, Arc<AppState>>,
    counter: u32,
) -> Result<Ticket, IpcError> {
    Arc::clone(&state).run_as(move |db, ctx, s| queue::call_next(db, s, ctx.now, counter)).await
}

#[tauri::command]
pub async fn queue_call_ticket(
    state: State<'_, Arc<AppState>>,
    counter: u32,
    number: String,
) -> Result<Ticket, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| queue::call_ticket(db, s, ctx.now, counter, &number))
        .await
}

#[tauri::command]
pub async fn queue_recall(
    state: State<'_, Arc<AppState>>,
    counter: u32,
) -> Result<Ticket, IpcError> {
    Arc::clone(&state).run_as(move |db, ctx, s| queue::recall(db, s, ctx.now, counter)).await
}

#[tauri::command]
pub async fn queue_start(
    state: State<'_, Arc<AppState>>,
    counter: u32,
) -> Result<Ticket, IpcError> {
    Arc::clone(&state).run_as(move |db, ctx, s| queue::start(db, s, ctx.now, counter)).await
}

#[tauri::command]
pub async fn queue_hold(state: State<'_, Arc<AppState>>, counter: u32) -> Result<Ticket, IpcError> {
    Arc::clone(&state).run_as(move |db, ctx, s| queue::hold(db, s, ctx.now, counter)).await
}

#[tauri::command]
pub async fn queue_resume(
    state: State<'_, Arc<AppState>>,
    counter: u32,
    number: Option<String>,
) -> Result<Ticket, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| queue::resume(db, s, ctx.now, counter, number.as_deref()))
        .await
}

#[tauri::command]
pub async fn queue_no_show(
    state: State<'_, Arc<AppState>>,
    counter: u32,
) -> Result<Ticket, IpcError> {
    Arc::clone(&state).run_as(move |db, ctx, s| queue::no_show(db, s, ctx.now, counter)).await
}

#[tauri::command]
pub async fn queue_transfer(
    state: State<'_, Arc<AppState>>,
    counter: u32,
    to: TransferTo,
) -> Result<Ticket, IpcError> {
    Arc::clone(&state).run_as(move |db, ctx, s| queue::transfer(db, s, ctx.now, counter, &to)).await
}

#[tauri::command]
pub async fn queue_finish(
    state: State<'_, Arc<AppState>>,
    counter: u32,
    outcome: Outcome,
    next_service: Option<String>,
) -> Result<Ticket, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            queue::finish(db, s, ctx.now, counter, outcome, next_service.as_deref())
        })
        .await
}

#[tauri::command]
pub async fn queue_cancel(
    state: State<'_, Arc<AppState>>,
    number: String,
) -> Result<Ticket, IpcError> {
    Arc::clone(&state).run_as(move |db, ctx, s| queue::cancel(db, s, ctx.now, &number)).await
}

#[tauri::command]
pub async fn queue_services(state: State<'_, Arc<AppState>>) -> Result<Vec<ServiceInfo>, IpcError> {
    Arc::clone(&state).run_as(|db, ctx, s| queue::services(db.conn(), s, ctx.now)).await
}

#[tauri::command]
pub async fn queue_counters(state: State<'_, Arc<AppState>>) -> Result<Vec<CounterInfo>, IpcError> {
    Arc::clone(&state).run_as(|db, _ctx, s| queue::counters(db.conn(), s)).await
}

#[tauri::command]
pub async fn queue_state(state: State<'_, Arc<AppState>>) -> Result<QueueState, IpcError> {
    Arc::clone(&state).run_as_quiet(|db, ctx, s| queue::state(db.conn(), s, ctx.now)).await
}

#[tauri::command]
pub async fn queue_get_settings(
    state: State<'_, Arc<AppState>>,
) -> Result<QueueSettings, IpcError> {
    Arc::clone(&state).run_as(|db, _ctx, _s| queue::settings(db.conn())).await
}

#[tauri::command]
pub async fn queue_set_settings(
    state: State<'_, Arc<AppState>>,
    settings: QueueSettings,
) -> Result<QueueSettings, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| queue::set_settings(db, s, ctx.now, &settings))
        .await
}

#[tauri::command]
pub async fn queue_kpis(
    state: State<'_, Arc<AppState>>,
    from: String,
    to: String,
) -> Result<Kpis, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, _ctx, s| {
            queue::kpis(db.conn(), s, parse_iso_date(&from)?, parse_iso_date(&to)?)
        })
        .await
}

/// Saves one service (added or changed by its code); returns every service as stored.
#[tauri::command]
pub async fn queue_save_service(
    state: State<'_, Arc<AppState>>,
    service: QueueServiceInput,
) -> Result<Vec<ServiceInfo>, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            queue::save_service(db, s, ctx.now, &service)?;
            queue::services(db.conn(), s, ctx.now)
        })
        .await
}

/// Saves one counter (added or changed by its number); returns every counter as stored.
#[tauri::command]
pub async fn queue_save_counter(
    state: State<'_, Arc<AppState>>,
    counter: QueueCounterInput,
) -> Result<Vec<CounterInfo>, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            queue::save_counter(db, s, ctx.now, &counter)?;
            queue::counters(db.conn(), s)
        })
        .await
}

/// The day's tickets as CSV text (the window saves it as a file).
#[tauri::command]
pub async fn queue_export_csv(
    state: State<'_, Arc<AppState>>,
    date: String,
) -> Result<String, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, _ctx, s| queue::export_csv(db.conn(), s, parse_iso_date(&date)?))
        .await
}
