//! `sala`: the desktop app. A thin Tauri v2 shell over `sala-core`.
//!
//! What lives here and nowhere else: the window, the IPC commands (one-line adapters in `commands/`), the
//! app's process-level state (the open database, the session, the UI language, connectivity), reading the
//! command line, the environment, the wall clock and the platform's data folder. Rules live in core.

mod args;
mod commands;
mod connectivity;
mod error;
mod state;

#[cfg(test)]
mod bindings;

use std::sync::Arc;

use state::AppState;

/// Starts the app: reads the command line, starts the connectivity check and opens the window. The database
/// is opened by the first command, on a worker thread.
pub fn run() {
    let args = args::Args::from_env();
    let state = Arc::new(AppState::new(args));
    let probe_state = Arc::clone(&state);
    let result = tauri::Builder::default()
        .manage(state)
        .setup(move |_app| {
            tauri::async_runtime::spawn(connectivity::watch(probe_state));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::get_app_status,
            commands::app::set_language,
            commands::office::create_demo_office,
            commands::office::setup_office,
            commands::office::get_office_overview,
            commands::session::get_sign_in_screen,
            commands::session::get_session,
            commands::session::sign_in,
            commands::session::sign_out,
            commands::session::lock_session,
            commands::session::touch_session,
            commands::session::open_area,
            commands::users::change_own_password,
            commands::users::set_own_pin,
            commands::users::list_user_accounts,
            commands::users::create_user,
            commands::users::reset_user_password,
            commands::users::set_user_active,
            commands::users::set_user_role,
            commands::users::get_security_policy,
            commands::users::set_security_policy,
            commands::audit::browse_audit,
            commands::audit::get_audit_filter_options,
            commands::audit::get_audit_chain_status,
            commands::citizens::search_citizens,
            commands::citizens::reveal_citizen,
            commands::printing::list_printers,
            commands::printing::get_print_routes,
            commands::printing::set_print_route,
            commands::printing::print_test_page,
            commands::printing::reprint_job,
            commands::printing::list_print_jobs,
            commands::printing::refresh_print_jobs,
            commands::board::queue_board,
            commands::board::queue_rating_prompt,
            commands::board::queue_rate_at_counter,
            commands::board::open_board_window,
            commands::board::open_customer_window,
            commands::board::toggle_fullscreen,
            commands::tax_payments::tax_pay,
            commands::tax_payments::tax_reprint_receipt,
            commands::tax_payments::tax_find_notice,
            commands::tax_payments::tax_payable_notices,
            commands::tax_payments::tax_outstanding,
            commands::tax_payments::tax_quote,
            commands::tax_payments::tax_notice_receipts,
            commands::tax_payments::tax_void_receipt,
            commands::tax_payments::tax_verify_receipt,
            commands::tax_payments::tax_cash_summary,
            commands::tax_payments::tax_print_cash_summary,
            commands::tax_payments::tax_control_register,
            commands::tax_payments::tax_arrears,
            commands::tax_payments::tax_receipt_books,
            commands::tax_payments::tax_assign_book,
            commands::tax_notices::tax_settings,
            commands::tax_notices::tax_year_save,
            commands::tax_notices::tax_built_in_rules,
            commands::tax_notices::tax_check_rules,
            commands::tax_notices::tax_biller_set,
            commands::tax_notices::tax_notice_block_set,
            commands::tax_notices::tax_notice_preview,
            commands::tax_notices::tax_issue_notice,
            commands::tax_notices::tax_print_notice,
            commands::tax_notices::tax_save_notice_pdf,
            commands::tax_notices::tax_set_instalments,
            commands::tax_notices::tax_notice_batch_step,
            commands::tax_register::tax_search,
            commands::tax_register::tax_taxpayer,
            commands::tax_register::tax_save_taxpayer,
            commands::tax_register::tax_save_parcel,
            commands::tax_register::tax_save_building,
            commands::tax_register::tax_save_condo_unit,
            commands::tax_register::tax_save_use,
            commands::tax_register::tax_delete_use,
            commands::tax_register::tax_delete_property,
            commands::tax_register::tax_add_co_owner,
            commands::tax_register::tax_remove_co_owner,
            commands::tax_register::tax_delete_taxpayer,
            commands::tax_register::tax_import_csv,
            commands::tax_register::tax_register_template,
            commands::queue::queue_issue,
            commands::queue::queue_call_next,
            commands::queue::queue_call_ticket,
            commands::queue::queue_recall,
            commands::queue::queue_start,
            commands::queue::queue_hold,
            commands::queue::queue_resume,
            commands::queue::queue_no_show,
            commands::queue::queue_transfer,
            commands::queue::queue_finish,
            commands::queue::queue_cancel,
            commands::queue::queue_services,
            commands::queue::queue_counters,
            commands::queue::queue_state,
            commands::queue::queue_get_settings,
            commands::queue::queue_set_settings,
            commands::queue::queue_kpis,
            commands::queue::queue_save_service,
            commands::queue::queue_save_counter,
            commands::queue::queue_export_csv,
            commands::requests::request_categories,
            commands::requests::request_save_category,
            commands::requests::request_intake,
            commands::requests::request_list,
            commands::requests::request_counts,
            commands::requests::request_get,
            commands::requests::request_change_state,
            commands::requests::request_assign,
            commands::requests::request_add_note,
            commands::requests::request_add_attachment,
            commands::requests::request_rate,
            commands::requests::request_callbacks,
            commands::requests::request_mark_called,
            commands::requests::request_staff,
            commands::requests::request_attachment,
            commands::requests::user_set_department,
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("Sala could not start: {err}");
        std::process::exit(1);
    }
}
