//! Requests and complaints: categories, intake at the counter (the acknowledgement slip prints at once),
//! lists, counts, one request's page and its workflow, the call-back list, and a user's division. Core
//! checks every permission and every rule; these are one-call adapters.

use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, NaiveDate, Utc};
use sala_core::Lang;
use sala_core::auth;
use sala_core::doc::DocumentKind;
use sala_core::print::{self, PrintJob};
use sala_core::requests::{
    self, AttachmentInput, CallBack, Category, CategoryInput, IntakeInput, ListFilter, Received,
    RequestCounts, RequestDetail, RequestListItem, StaffOption, State as RequestState,
};
use sala_core::thai::date::office_offset;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::commands::printing::send_prepared;
use crate::error::IpcError;
use crate::state::AppState;

/// The office's date at `now` (the requests' "today": due dates and overdue are office dates).
fn office_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&office_offset()).date_naive()
}

/// A request just taken and what became of its acknowledgement slip. A slip that did not print never
/// undoes the request: the citizen is told the tracking code, and the slip is reprinted from the print
/// jobs (`reprint_job`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IntakeResult {
    /// The request as received (tracking code, due date, whether it is restricted).
    pub received: Received,
    /// The slip's print job (sent, queued or failed with its reason), if one could be recorded.
    pub print: Option<PrintJob>,
    /// Why no print job could be recorded or sent at all (the slip's layout, the database).
    pub print_error: Option<IpcError>,
}

/// An attachment's bytes for the window: an `<img>` data URL or a PDF download.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentData {
    /// The name as given.
    pub file_name: String,
    /// `image/jpeg`, `image/png`, `image/webp` or `application/pdf` (read from the content by core).
    pub media_type: String,
    /// The content, base64 (standard alphabet).
    pub data_base64: String,
}

/// The request categories (inactive ones too when `include_inactive`, for the settings).
#[tauri::command]
pub async fn request_categories(
    state: State<'_, Arc<AppState>>,
    include_inactive: bool,
) -> Result<Vec<Category>, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, _ctx, s| requests::categories(db.conn(), s, include_inactive))
        .await
}

/// Creates or changes a category (supervisors); returns every category, inactive ones included.
#[tauri::command]
pub async fn request_save_category(
    state: State<'_, Arc<AppState>>,
    input: CategoryInput,
) -> Result<Vec<Category>, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            requests::save_category(db, s, ctx.now, &input)?;
            requests::categories(db.conn(), s, true)
        })
        .await
}

/// Takes a request, then prints its acknowledgement slip (in Thai) on this PC's request-slip route.
#[tauri::command]
pub async fn request_intake(
    state: State<'_, Arc<AppState>>,
    input: IntakeInput,
) -> Result<IntakeResult, IpcError> {
    let (received, prepared) = Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            let received = requests::intake(db, s, ctx.now, &input)?;
            let prepared = requests::slip_document(db.conn(), &received, Lang::Th)
                .and_then(|doc| {
                    print::prepare(db, s, ctx.now, doc, DocumentKind::RequestSlip, None)
                })
                .map_err(|e| IpcError::from_core(&e, ctx.lang));
            Ok((received, prepared))
        })
        .await?;
    let (print, print_error) = send_prepared(Arc::clone(&state), prepared).await;
    Ok(IntakeResult { received, print, print_error })
}

/// The requests matching `filter` this user may see (overdue ones are put before the supervisors first).
#[tauri::command]
pub async fn request_list(
    state: State<'_, Arc<AppState>>,
    filter: ListFilter,
) -> Result<Vec<RequestListItem>, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            let today = office_today(ctx.now);
            requests::escalate_overdue(db, ctx.now, today)?;
            requests::list(db.conn(), s, today, &filter)
        })
        .await
}

/// The counts on the area's tabs.
#[tauri::command]
pub async fn request_counts(state: State<'_, Arc<AppState>>) -> Result<RequestCounts, IpcError> {
    Arc::clone(&state)
        .run_as_quiet(|db, ctx, s| requests::counts(db.conn(), s, office_today(ctx.now)))
        .await
}

/// One request by id or tracking code ("not found" for one this user may not see).
#[tauri::command]
pub async fn request_get(
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<RequestDetail, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| requests::get(db.conn(), s, office_today(ctx.now), &id))
        .await
}

/// Moves a request to `to` (with the note the citizen reads, and the original for a duplicate).
#[tauri::command]
pub async fn request_change_state(
    state: State<'_, Arc<AppState>>,
    id: String,
    to: RequestState,
    note: String,
    duplicate_of: Option<String>,
) -> Result<RequestDetail, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            requests::change_state(db, s, ctx.now, &id, to, &note, duplicate_of.as_deref())
        })
        .await
}

/// Assigns a request to a division (code) and a person (user id).
#[tauri::command]
pub async fn request_assign(
    state: State<'_, Arc<AppState>>,
    id: String,
    department: Option<String>,
    assignee_id: Option<String>,
) -> Result<RequestDetail, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            requests::assign(db, s, ctx.now, &id, department.as_deref(), assignee_id.as_deref())
        })
        .await
}

/// Adds a public (the citizen reads it) or internal note.
#[tauri::command]
pub async fn request_add_note(
    state: State<'_, Arc<AppState>>,
    id: String,
    note: String,
    public: bool,
) -> Result<RequestDetail, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| requests::add_note(db, s, ctx.now, &id, &note, public))
        .await
}

/// Adds a photo or document (`completion`: proof of the work done).
#[tauri::command]
pub async fn request_add_attachment(
    state: State<'_, Arc<AppState>>,
    id: String,
    file: AttachmentInput,
    completion: bool,
) -> Result<RequestDetail, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| requests::add_attachment(db, s, ctx.now, &id, &file, completion))
        .await
}

/// Records the citizen's satisfaction (1–5) with a request closed as done.
#[tauri::command]
pub async fn request_rate(
    state: State<'_, Arc<AppState>>,
    id: String,
    score: u8,
) -> Result<RequestDetail, IpcError> {
    Arc::clone(&state).run_as(move |db, ctx, s| requests::rate(db, s, ctx.now, &id, score)).await
}

/// The call-back list.
#[tauri::command]
pub async fn request_callbacks(state: State<'_, Arc<AppState>>) -> Result<Vec<CallBack>, IpcError> {
    Arc::clone(&state).run_as(|db, _ctx, s| requests::callbacks(db.conn(), s)).await
}

/// Marks a call-back done with its outcome; returns the list as it is now.
#[tauri::command]
pub async fn request_mark_called(
    state: State<'_, Arc<AppState>>,
    id: String,
    outcome: String,
) -> Result<Vec<CallBack>, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            requests::mark_called(db, s, ctx.now, &id, &outcome)?;
            requests::callbacks(db.conn(), s)
        })
        .await
}

/// The staff requests may be assigned to, with their divisions.
#[tauri::command]
pub async fn request_staff(state: State<'_, Arc<AppState>>) -> Result<Vec<StaffOption>, IpcError> {
    Arc::clone(&state).run_as(|db, _ctx, s| requests::staff(db.conn(), s)).await
}

/// One attachment's content, for a user who may see its request.
#[tauri::command]
pub async fn request_attachment(
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<AttachmentData, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, _ctx, s| {
            let (meta, bytes) = requests::attachment_content(db.conn(), s, &id)?;
            Ok(AttachmentData {
                file_name: meta.file_name,
                media_type: meta.media_type,
                data_base64: STANDARD.encode(bytes),
            })
        })
        .await
}

/// Puts a user in a division (`department_code`) or none (administrators).
#[tauri::command]
pub async fn user_set_department(
    state: State<'_, Arc<AppState>>,
    user_id: String,
    department_code: Option<String>,
) -> Result<(), IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            auth::set_department(db, s, ctx.now, &user_id, department_code.as_deref())
        })
        .await
}
