//! Tax payments and receipts: find a notice, what it owes, take a payment (the receipt prints at once),
//! reprint, void, verify a receipt's QR, the day's cash summary, the control register, the arrears and the
//! receipt books. Core checks every permission; these are one-call adapters.

use std::sync::Arc;

use sala_core::doc::DocumentKind;
use sala_core::money::Satang;
use sala_core::print::{self, PrintJob};
use sala_core::tax::late::parse_date;
use sala_core::tax::receipt::{
    self, Arrears, CashSummary, ControlRegister, Outstanding, PayableNotice, PaymentInput, Quote,
    Receipt, ReceiptBook, VerifiedReceipt,
};
use sala_core::thai::date::fiscal_year_be;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::commands::printing::{send, send_prepared};
use crate::error::IpcError;
use crate::state::AppState;

/// A receipt and what became of its printing. A receipt that did not print never undoes the payment: the
/// clerk reprints it (`tax_reprint_receipt`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptPrint {
    /// The receipt.
    pub receipt: Receipt,
    /// Its print job (sent, queued or failed with the reason), if one could be recorded.
    pub print: Option<PrintJob>,
    /// Why no print job could be recorded or sent at all.
    pub print_error: Option<IpcError>,
}

async fn print_receipt(
    state: &State<'_, Arc<AppState>>,
    receipt: Receipt,
    prepared: Result<print::Prepared, IpcError>,
) -> ReceiptPrint {
    let (print, print_error) = send_prepared(Arc::clone(state), prepared).await;
    ReceiptPrint { receipt, print, print_error }
}

/// Takes a payment, then prints its receipt on this PC's receipt route.
#[tauri::command]
pub async fn tax_pay(
    state: State<'_, Arc<AppState>>,
    input: PaymentInput,
) -> Result<ReceiptPrint, IpcError> {
    let (r, prepared) = Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            let r = receipt::take_payment(db, s, ctx.now, &input)?;
            let prepared = receipt::receipt_document(db.conn(), &r)
                .and_then(|doc| print::prepare(db, s, ctx.now, doc, DocumentKind::Receipt, None))
                .map_err(|e| IpcError::from_core(&e, ctx.lang));
            Ok((r, prepared))
        })
        .await?;
    Ok(print_receipt(&state, r, prepared).await)
}

/// Prints a receipt again as it stands now (a voided one with its ยกเลิก stamp).
#[tauri::command]
pub async fn tax_reprint_receipt(
    state: State<'_, Arc<AppState>>,
    receipt_id: String,
) -> Result<ReceiptPrint, IpcError> {
    let (r, prepared) = Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            let r = receipt::receipt(db.conn(), s, &receipt_id)?;
            let prepared = receipt::receipt_document(db.conn(), &r)
                .and_then(|doc| print::prepare(db, s, ctx.now, doc, DocumentKind::Receipt, None))
                .map_err(|e| IpcError::from_core(&e, ctx.lang));
            Ok((r, prepared))
        })
        .await?;
    Ok(print_receipt(&state, r, prepared).await)
}

#[tauri::command]
pub async fn tax_find_notice(
    state: State<'_, Arc<AppState>>,
    input: String,
) -> Result<PayableNotice, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| receipt::find_notice(db.conn(), s, ctx.now, &input))
        .await
}

#[tauri::command]
pub async fn tax_payable_notices(
    state: State<'_, Arc<AppState>>,
    taxpayer_id: String,
) -> Result<Vec<PayableNotice>, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| receipt::payable_notices(db.conn(), s, ctx.now, &taxpayer_id))
        .await
}

#[tauri::command]
pub async fn tax_outstanding(
    state: State<'_, Arc<AppState>>,
    notice_id: String,
    paid_on: Option<String>,
) -> Result<Outstanding, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            let on = match paid_on.as_deref().filter(|d| !d.trim().is_empty()) {
                Some(d) => parse_date(d)?,
                None => ctx.today,
            };
            receipt::outstanding(db.conn(), s, &notice_id, on)
        })
        .await
}

/// What paying `tax_amount` on the notice collects on `paid_on` (default today): shown before taking money.
#[tauri::command]
pub async fn tax_quote(
    state: State<'_, Arc<AppState>>,
    notice_id: String,
    tax_amount: Satang,
    paid_on: Option<String>,
    extension_kept: Option<bool>,
) -> Result<Quote, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            let on = match paid_on.as_deref().filter(|d| !d.trim().is_empty()) {
                Some(d) => parse_date(d)?,
                None => ctx.today,
            };
            let kept = extension_kept.unwrap_or(false);
            receipt::quote(db.conn(), s, &notice_id, tax_amount, on, kept)
        })
        .await
}

#[tauri::command]
pub async fn tax_notice_receipts(
    state: State<'_, Arc<AppState>>,
    notice_id: String,
) -> Result<Vec<Receipt>, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, _ctx, s| receipt::receipts_for_notice(db.conn(), s, &notice_id))
        .await
}

#[tauri::command]
pub async fn tax_void_receipt(
    state: State<'_, Arc<AppState>>,
    receipt_id: String,
    reason: String,
) -> Result<Receipt, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| receipt::void_receipt(db, s, ctx.now, &receipt_id, &reason))
        .await
}

#[tauri::command]
pub async fn tax_verify_receipt(
    state: State<'_, Arc<AppState>>,
    payload: String,
) -> Result<VerifiedReceipt, IpcError> {
    Arc::clone(&state).run_as(move |db, _ctx, _s| receipt::verify(db.conn(), &payload)).await
}

#[tauri::command]
pub async fn tax_cash_summary(
    state: State<'_, Arc<AppState>>,
    day: Option<String>,
    user_id: Option<String>,
) -> Result<CashSummary, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            let day = match day.as_deref().filter(|d| !d.trim().is_empty()) {
                Some(d) => parse_date(d)?,
                None => ctx.today,
            };
            receipt::cash_summary(db.conn(), s, day, user_id.as_deref())
        })
        .await
}

/// Prints the day's cash summary on the report route.
#[tauri::command]
pub async fn tax_print_cash_summary(
    state: State<'_, Arc<AppState>>,
    day: Option<String>,
) -> Result<PrintJob, IpcError> {
    let prepared = Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            let day = match day.as_deref().filter(|d| !d.trim().is_empty()) {
                Some(d) => parse_date(d)?,
                None => ctx.today,
            };
            let summary = receipt::cash_summary(db.conn(), s, day, None)?;
            let doc = receipt::cash_summary_document(db.conn(), &summary)?;
            print::prepare(db, s, ctx.now, doc, DocumentKind::Report, None)
        })
        .await?;
    send(Arc::clone(&state), prepared).await
}

#[tauri::command]
pub async fn tax_control_register(
    state: State<'_, Arc<AppState>>,
    fiscal_year: Option<i32>,
) -> Result<ControlRegister, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            let fy = fiscal_year.unwrap_or_else(|| fiscal_year_be(ctx.today));
            receipt::control_register(db.conn(), s, fy)
        })
        .await
}

#[tauri::command]
pub async fn tax_arrears(
    state: State<'_, Arc<AppState>>,
    tax_year: i32,
    as_of: Option<String>,
) -> Result<Arrears, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            let on = match as_of.as_deref().filter(|d| !d.trim().is_empty()) {
                Some(d) => parse_date(d)?,
                None => ctx.today,
            };
            receipt::arrears(db.conn(), s, tax_year, on)
        })
        .await
}

#[tauri::command]
pub async fn tax_receipt_books(
    state: State<'_, Arc<AppState>>,
    fiscal_year: Option<i32>,
) -> Result<Vec<ReceiptBook>, IpcError> {
    Arc::clone(&state).run_as(move |db, _ctx, s| receipt::books(db.conn(), s, fiscal_year)).await
}

/// Assigns a receipt book to this PC.
#[tauri::command]
pub async fn tax_assign_book(
    state: State<'_, Arc<AppState>>,
    fiscal_year: i32,
    book_no: u32,
    first_no: u32,
    last_no: u32,
) -> Result<ReceiptBook, IpcError> {
    Arc::clone(&state)
        .run_as(move |db, ctx, s| {
            let device = db.device_id()?;
            receipt::assign_book(db, s, ctx.now, fiscal_year, book_no, first_no, last_no, &device)
        })
        .await
}
