//! The hall's display board and the counter's customer screen (`docs/dev/board.md`): their data, the
//! citizen's rating, and the windows that show them.
//!
//! None of these needs a sign-in. The board carries ticket numbers, counters and waiting counts, never a
//! name or an ID; the customer screen can only rate the ticket that has just finished at its own counter.
//! The two windows get only these commands (`capabilities/display.json`, `capabilities/customer.json`), so a
//! screen the public can touch never reaches the clerk's session.

use std::sync::Arc;

use sala_core::queue::{self, Board, RatingPrompt};
use sala_core::{Error, ErrorCode, Lang, i18n};
use tauri::{
    AppHandle, Manager, Monitor, PhysicalPosition, State, WebviewUrl, WebviewWindow,
    WebviewWindowBuilder,
};

use crate::error::IpcError;
use crate::state::AppState;

/// The board's data: office, counters and what they serve, the latest calls with their voice clips, waiting
/// counts. The board polls it every second.
#[tauri::command]
pub async fn queue_board(state: State<'_, Arc<AppState>>) -> Result<Board, IpcError> {
    Arc::clone(&state).run(|db, ctx| queue::board(db.conn(), ctx.now)).await
}

/// The ticket that just finished at `counter` and may still be rated, if any.
#[tauri::command]
pub async fn queue_rating_prompt(
    state: State<'_, Arc<AppState>>,
    counter: u32,
) -> Result<Option<RatingPrompt>, IpcError> {
    Arc::clone(&state).run(move |db, ctx| queue::rating_prompt(db.conn(), ctx.now, counter)).await
}

/// Rates the ticket of `counter`'s current prompt. Answers nothing: the customer's screen has no use for
/// the ticket's record.
#[tauri::command]
pub async fn queue_rate_at_counter(
    state: State<'_, Arc<AppState>>,
    counter: u32,
    score: u8,
) -> Result<(), IpcError> {
    Arc::clone(&state)
        .run(move |db, ctx| queue::rate_at_counter(db, ctx.now, counter, score).map(drop))
        .await
}

/// Opens the display board full screen on monitor `monitor` (an index into the system's list), or on the
/// last monitor, which is the TV when a counter PC drives one; focuses the board if it is already open.
/// Async because creating a window from a synchronous command deadlocks on Windows.
#[tauri::command]
pub async fn open_board_window(
    app: AppHandle,
    state: State<'_, Arc<AppState>>,
    monitor: Option<u32>,
) -> Result<(), IpcError> {
    let lang = state.lang();
    let title = i18n::t(lang, "msg.window.board");
    open_window(&app, "board", "index.html?view=board", &title, Placement::FullScreen(monitor))
        .map_err(|e| window_error(&e, lang))
}

/// Opens (or focuses) the customer screen of counter `counter`: a normal window the counter PC shows on
/// a small screen turned towards the citizen.
#[tauri::command]
pub async fn open_customer_window(
    app: AppHandle,
    state: State<'_, Arc<AppState>>,
    counter: u32,
) -> Result<(), IpcError> {
    let lang = state.lang();
    let title = i18n::tr(lang, "msg.window.customer", &[("counter", counter.to_string())]);
    let label = format!("customer-{counter}");
    let url = format!("index.html?view=customer&counter={counter}");
    open_window(&app, &label, &url, &title, Placement::Window).map_err(|e| window_error(&e, lang))
}

/// F11 on the board or a customer screen: full screen on or off for the window that asks (to move it to
/// another monitor, or to leave it), and nothing else.
#[tauri::command]
pub async fn toggle_fullscreen(
    window: WebviewWindow,
    state: State<'_, Arc<AppState>>,
) -> Result<(), IpcError> {
    let lang = state.lang();
    window
        .is_fullscreen()
        .and_then(|on| window.set_fullscreen(!on))
        .map_err(|e| window_error(&e, lang))
}

/// Where a new window goes.
#[derive(Debug, Clone, Copy)]
enum Placement {
    /// Full screen on the monitor with this index, or on the last one.
    FullScreen(Option<u32>),
    /// A normal window.
    Window,
}

fn open_window(
    app: &AppHandle,
    label: &str,
    url: &str,
    title: &str,
    placement: Placement,
) -> tauri::Result<()> {
    if let Some(window) = app.get_webview_window(label) {
        window.unminimize()?;
        return window.set_focus();
    }
    let builder = WebviewWindowBuilder::new(app, label, WebviewUrl::App(url.into())).title(title);
    match placement {
        Placement::Window => {
            builder.inner_size(1024.0, 640.0).min_inner_size(640.0, 400.0).build()?;
        }
        Placement::FullScreen(index) => {
            let monitors = app.available_monitors()?;
            let Some(monitor) = pick_monitor(&monitors, index) else {
                builder.fullscreen(true).build()?;
                return Ok(());
            };
            // Open on that monitor, then fill it; full screen alone would use the monitor the window is on.
            let at = monitor.position();
            let logical = at.to_logical::<f64>(monitor.scale_factor());
            let window = builder.position(logical.x, logical.y).build()?;
            window.set_fullscreen_on_monitor(PhysicalPosition::new(
                f64::from(at.x),
                f64::from(at.y),
            ))?;
        }
    }
    Ok(())
}

/// Monitor `index` if there is one, else the last monitor (none on a headless session).
fn pick_monitor(monitors: &[Monitor], index: Option<u32>) -> Option<&Monitor> {
    index.and_then(|i| monitors.get(usize::try_from(i).ok()?)).or_else(|| monitors.last())
}

fn window_error(err: &tauri::Error, lang: Lang) -> IpcError {
    let err = Error::new(ErrorCode::Internal, "error.internal").arg("cause", err.to_string());
    IpcError::from_core(&err, lang)
}
