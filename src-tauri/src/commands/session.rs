//! Signing in and out, the locked screen, and which areas the signed-in user may open.

use std::sync::Arc;

use sala_core::auth::{self, Area, SessionState, SessionView, SignInScreen};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
pub async fn get_sign_in_screen(state: State<'_, Arc<AppState>>) -> Result<SignInScreen, IpcError> {
    Arc::clone(&state).run(|db, _| auth::sign_in_screen(db.conn())).await
}

#[tauri::command]
pub async fn get_session(state: State<'_, Arc<AppState>>) -> Result<SessionState, IpcError> {
    Arc::clone(&state).run(|db, ctx| ctx.session_state(db)).await
}

#[tauri::command]
pub async fn sign_in(
    state: State<'_, Arc<AppState>>,
    username: String,
    secret: String,
) -> Result<SessionView, IpcError> {
    Arc::clone(&state)
        .run(move |db, ctx| {
            let token = auth::sign_in(db, ctx.now, &username, &secret)?;
            ctx.start_session(token);
            ctx.session_view(db)
        })
        .await
}

#[tauri::command]
pub async fn sign_out(state: State<'_, Arc<AppState>>) -> Result<(), IpcError> {
    Arc::clone(&state)
        .run(|db, ctx| {
            ctx.end_session().map_or(Ok(()), |token| auth::sign_out(db, &token, ctx.now))
        })
        .await
}

/// The user stepped away, or the window's idle timer ran out.
#[tauri::command]
pub async fn lock_session(state: State<'_, Arc<AppState>>) -> Result<(), IpcError> {
    Arc::clone(&state)
        .run(|_, ctx| {
            ctx.lock_session();
            Ok(())
        })
        .await
}

/// A key press or click in the window: keeps the session from locking while someone works.
#[tauri::command]
pub async fn touch_session(state: State<'_, Arc<AppState>>) -> Result<(), IpcError> {
    Arc::clone(&state).run_as(|_, _, _| Ok(())).await
}

#[tauri::command]
pub async fn open_area(state: State<'_, Arc<AppState>>, area: Area) -> Result<(), IpcError> {
    Arc::clone(&state).run_as(move |_, _, session| session.open_area(area)).await
}
