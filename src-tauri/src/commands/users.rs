//! Accounts: the user's own password and PIN, and the administrator's user management and sign-in policy.

use std::sync::Arc;

use sala_core::auth::{
    self, NewUserInput, Role, SecurityPolicy, SecurityPolicySettings, SessionView, UserAccount,
    UserSummary,
};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
pub async fn change_own_password(
    state: State<'_, Arc<AppState>>,
    current: String,
    new_password: String,
) -> Result<SessionView, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            auth::change_own_password(db, s, ctx.now, &current, &new_password)?;
            ctx.session_view(db)
        })
        .await
}

#[tauri::command]
pub async fn set_own_pin(
    state: State<'_, Arc<AppState>>,
    current_password: String,
    pin: Option<String>,
) -> Result<SessionView, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            auth::set_own_pin(db, s, ctx.now, &current_password, pin.as_deref())?;
            ctx.session_view(db)
        })
        .await
}

#[tauri::command]
pub async fn list_user_accounts(
    state: State<'_, Arc<AppState>>,
) -> Result<Vec<UserAccount>, IpcError> {
    Arc::clone(&state).run_as(|db, ctx, s| auth::list_accounts(db.conn(), s, ctx.now)).await
}

#[tauri::command]
pub async fn create_user(
    state: State<'_, Arc<AppState>>,
    input: NewUserInput,
) -> Result<UserSummary, IpcError> {
    Arc::clone(&state).run_as(move |db, ctx, s| auth::create_user(db, s, ctx.now, &input)).await
}

#[tauri::command]
pub async fn reset_user_password(
    state: State<'_, Arc<AppState>>,
    user_id: String,
    new_password: String,
) -> Result<(), IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| auth::reset_password(db, s, ctx.now, &user_id, &new_password))
        .await
}

#[tauri::command]
pub async fn set_user_active(
    state: State<'_, Arc<AppState>>,
    user_id: String,
    active: bool,
) -> Result<(), IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| auth::set_active(db, s, ctx.now, &user_id, active))
        .await
}

#[tauri::command]
pub async fn set_user_role(
    state: State<'_, Arc<AppState>>,
    user_id: String,
    role: Role,
) -> Result<(), IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| auth::set_role(db, s, ctx.now, &user_id, role))
        .await
}

#[tauri::command]
pub async fn get_security_policy(
    state: State<'_, Arc<AppState>>,
) -> Result<SecurityPolicySettings, IpcError> {
    Arc::clone(&state).run_as(|db, _, s| auth::get_policy(db.conn(), s)).await
}

#[tauri::command]
pub async fn set_security_policy(
    state: State<'_, Arc<AppState>>,
    policy: SecurityPolicy,
) -> Result<SecurityPolicySettings, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            auth::set_policy(db, s, ctx.now, &policy)?;
            auth::get_policy(db.conn(), s)
        })
        .await
}
