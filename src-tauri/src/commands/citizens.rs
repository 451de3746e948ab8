//! Finding citizens at the counter, and revealing one citizen's full ID and phone (audited).

use std::sync::Arc;

use sala_core::citizen::{self, CitizenListItem, CitizenPersonal};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
pub async fn search_citizens(
    state: State<'_, Arc<AppState>>,
    query: String,
) -> Result<Vec<CitizenListItem>, IpcError> {
    Arc::clone(&state).run_as(move |db, _, s| citizen::search(db.conn(), s, &query)).await
}

#[tauri::command]
pub async fn reveal_citizen(
    state: State<'_, Arc<AppState>>,
    citizen_id: String,
) -> Result<CitizenPersonal, IpcError> {
    Arc::clone(&state).run_as(move |db, ctx, s| citizen::reveal(db, s, ctx.now, &citizen_id)).await
}
