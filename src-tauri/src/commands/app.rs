//! App-wide commands: the status bar and the UI language.

use std::sync::Arc;

use sala_core::Lang;
use sala_core::status::AppStatus;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
pub async fn get_app_status(state: State<'_, Arc<AppState>>) -> Result<AppStatus, IpcError> {
    Arc::clone(&state).run(|db, ctx| ctx.status(db)).await
}

/// Messages from Rust (errors) follow the UI's language.
#[tauri::command]
#[expect(clippy::needless_pass_by_value, reason = "Tauri hands commands their State by value")]
pub fn set_language(state: State<'_, Arc<AppState>>, lang: Lang) {
    state.set_lang(lang);
}
