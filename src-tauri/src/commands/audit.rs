//! The audit log for supervisors: browse, filter, and check the chain.

use std::sync::Arc;

use sala_core::audit::{self, AuditChainStatus, AuditFilter, AuditFilterOptions, AuditPage};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
pub async fn browse_audit(
    state: State<'_, Arc<AppState>>,
    filter: AuditFilter,
) -> Result<AuditPage, IpcError> {
    Arc::clone(&state).run_as(move |db, _, s| audit::browse(db.conn(), s, &filter)).await
}

#[tauri::command]
pub async fn get_audit_filter_options(
    state: State<'_, Arc<AppState>>,
) -> Result<AuditFilterOptions, IpcError> {
    Arc::clone(&state).run_as(|db, _, s| audit::filter_options(db.conn(), s)).await
}

#[tauri::command]
pub async fn get_audit_chain_status(
    state: State<'_, Arc<AppState>>,
) -> Result<AuditChainStatus, IpcError> {
    Arc::clone(&state).run_as(|db, ctx, s| audit::chain_status(db.conn(), s, ctx.lang)).await
}
