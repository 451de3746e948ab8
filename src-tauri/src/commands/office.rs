//! Office commands: first-run choices and the settings overview.

use std::sync::Arc;

use sala_core::office::{self, OfficeOverview, OfficeSetup};
use sala_core::status::AppStatus;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
pub async fn create_demo_office(state: State<'_, Arc<AppState>>) -> Result<AppStatus, IpcError> {
    Arc::clone(&state)
        .run(|db, ctx| office::create_demo_office(db, ctx.now).and_then(|_| ctx.status(db)))
        .await
}

#[tauri::command]
pub async fn setup_office(
    state: State<'_, Arc<AppState>>,
    setup: OfficeSetup,
) -> Result<AppStatus, IpcError> {
    Arc::clone(&state)
        .run(move |db, ctx| {
            let admin = office::setup_office(db, ctx.now, &setup)?;
            ctx.start_session(admin);
            ctx.status(db)
        })
        .await
}

#[tauri::command]
pub async fn get_office_overview(
    state: State<'_, Arc<AppState>>,
) -> Result<OfficeOverview, IpcError> {
    Arc::clone(&state).run_as(|db, _, s| office::overview(db.conn(), s)).await
}
