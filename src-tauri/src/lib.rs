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
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("Sala could not start: {err}");
        std::process::exit(1);
    }
}
