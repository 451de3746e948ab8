//! The property register of the land and building tax: search, a taxpayer's record, the forms' saves and
//! deletes, and the CSV import. Core checks every permission and every field; these are one-call adapters.

use std::sync::Arc;

use sala_core::tax::register::{
    self, BuildingForm, CondoUnitForm, ImportView, ParcelForm, PropertyKind, TaxpayerForm,
    TaxpayerHit, TaxpayerRecord, UseForm,
};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Taxpayers matching `query` (IDs masked).
#[tauri::command]
pub async fn tax_search(
    state: State<'_, Arc<AppState>>,
    query: String,
) -> Result<Vec<TaxpayerHit>, IpcError> {
    Arc::clone(&state).run_as(move |db, _, s| register::search(db.conn(), s, &query)).await
}

/// One taxpayer with everything on the register.
#[tauri::command]
pub async fn tax_taxpayer(
    state: State<'_, Arc<AppState>>,
    taxpayer_id: String,
) -> Result<TaxpayerRecord, IpcError> {
    Arc::clone(&state).run_as(move |db, _, s| register::record(db.conn(), s, &taxpayer_id)).await
}

#[tauri::command]
pub async fn tax_save_taxpayer(
    state: State<'_, Arc<AppState>>,
    form: TaxpayerForm,
) -> Result<String, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| register::save_taxpayer(db, s, ctx.now, &form))
        .await
}

#[tauri::command]
pub async fn tax_save_parcel(
    state: State<'_, Arc<AppState>>,
    form: ParcelForm,
) -> Result<String, IpcError> {
    Arc::clone(&state).run_as(move |db, ctx, s| register::save_parcel(db, s, ctx.now, &form)).await
}

#[tauri::command]
pub async fn tax_save_building(
    state: State<'_, Arc<AppState>>,
    form: BuildingForm,
) -> Result<String, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| register::save_building(db, s, ctx.now, &form))
        .await
}

#[tauri::command]
pub async fn tax_save_condo_unit(
    state: State<'_, Arc<AppState>>,
    form: CondoUnitForm,
) -> Result<String, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| register::save_condo_unit(db, s, ctx.now, &form))
        .await
}

#[tauri::command]
pub async fn tax_save_use(
    state: State<'_, Arc<AppState>>,
    form: UseForm,
) -> Result<String, IpcError> {
    Arc::clone(&state).run_as(move |db, ctx, s| register::save_use(db, s, ctx.now, &form)).await
}

#[tauri::command]
pub async fn tax_delete_use(state: State<'_, Arc<AppState>>, id: String) -> Result<(), IpcError> {
    Arc::clone(&state).run_as(move |db, ctx, s| register::delete_use(db, s, ctx.now, &id)).await
}

#[tauri::command]
pub async fn tax_delete_property(
    state: State<'_, Arc<AppState>>,
    kind: PropertyKind,
    id: String,
) -> Result<(), IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| register::delete_property(db, s, ctx.now, kind, &id))
        .await
}

#[tauri::command]
pub async fn tax_add_co_owner(
    state: State<'_, Arc<AppState>>,
    kind: PropertyKind,
    property_id: String,
    taxpayer_id: String,
) -> Result<String, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            register::add_co_owner(db, s, ctx.now, kind, &property_id, &taxpayer_id)
        })
        .await
}

/// Removes a co-owner row (the id from the property's `coOwners`).
#[tauri::command]
pub async fn tax_remove_co_owner(
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<(), IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| register::remove_co_owner(db, s, ctx.now, &id))
        .await
}

/// Removes a taxpayer who owns nothing any more (core refuses one with property, in Thai).
#[tauri::command]
pub async fn tax_delete_taxpayer(
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<(), IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| register::delete_taxpayer(db, s, ctx.now, &id))
        .await
}

/// Imports CSV text (the UI reads the file): all or nothing, with every bad line in the user's language.
#[tauri::command]
pub async fn tax_import_csv(
    state: State<'_, Arc<AppState>>,
    text: String,
) -> Result<ImportView, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            register::import_csv(db, s, ctx.now, &text).map(|r| r.view(ctx.lang))
        })
        .await
}

/// The CSV template, for "download the template".
#[tauri::command]
pub async fn tax_register_template(state: State<'_, Arc<AppState>>) -> Result<String, IpcError> {
    Arc::clone(&state).run_as(move |_, _, _| Ok(register::TEMPLATE_CSV.to_owned())).await
}
