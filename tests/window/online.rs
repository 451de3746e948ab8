//! The status bar's online indicator against a real endpoint: a TCP server on loopback stands in for the
//! central server. Configured and answering → ออนไลน์; server gone → ออฟไลน์; never a made-up state.

use std::net::TcpListener;
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, ensure};
use sala_tests::{TempDataDir, Window, salactl_bin};

use crate::FIRST_PAGE;

/// The app checks the endpoint every 15 s and the UI polls every 5 s.
const STATE_CHANGE: Duration = Duration::from_secs(40);

#[test]
fn status_bar_follows_the_endpoint_online_and_offline() -> Result<()> {
    let data = TempDataDir::new()?;
    let dir = data.path().to_string_lossy().into_owned();
    let server = TcpListener::bind("127.0.0.1:0").context("a loopback stand-in server")?;
    let url = format!("http://{}", server.local_addr()?);
    for args in [vec!["init", "--demo"], vec!["sync", "endpoint", url.as_str()]] {
        let out = Command::new(salactl_bin()?).arg("--data-dir").arg(&dir).args(&args).output()?;
        ensure!(out.status.success(), "salactl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    let win = Window::open_with_args(&["--data-dir".to_owned(), dir])?;
    win.sign_in("clerk", "135790", FIRST_PAGE)?;
    win.wait_for_text("status-online", "ออนไลน์", FIRST_PAGE)
        .context("a configured endpoint that answers shows ออนไลน์")?;
    win.click_testid("nav-sync")?;
    win.wait_for_text("sync-endpoint", &url, win.timeout())
        .context("the sync area shows the endpoint")?;

    drop(server);
    win.wait_for_text("status-online", "ออฟไลน์", STATE_CHANGE)
        .context("when the server goes away the status bar says ออฟไลน์")?;
    win.close()
}
