//! The queue in the real window (issue 5): a clerk issues three tickets of two priorities, calls them at
//! counter 1 in the fair order, transfers one, finishes one, the citizen rates it on the customer screen, and
//! the display board follows.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use sala_tests::{TempDataDir, Window};

use crate::FIRST_PAGE;

const CLERK_PIN: &str = "135790";
const SUPERVISOR_PIN: &str = "975310";

/// Switches the session to the app window whose address contains `needle` (`view=board`…), waiting for it.
fn switch_to(win: &Window, needle: &str) -> Result<()> {
    let client = win.client()?.clone();
    let deadline = Instant::now() + win.timeout();
    loop {
        let handles = win.block_on(client.windows())?;
        for handle in handles {
            win.block_on(client.switch_to_window(handle))?;
            let url = win.block_on(client.current_url())?;
            if url.as_str().contains(needle) {
                return Ok(());
            }
        }
        if Instant::now() > deadline {
            bail!("no window at an address with {needle}");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The main window is the one that is neither the board nor a customer screen.
fn switch_to_main(win: &Window) -> Result<()> {
    let client = win.client()?.clone();
    for handle in win.block_on(client.windows())? {
        win.block_on(client.switch_to_window(handle))?;
        let url = win.block_on(client.current_url())?;
        if !url.as_str().contains("view=") {
            return Ok(());
        }
    }
    bail!("the main window is gone")
}

/// Scrolls the element into the middle of the view (the counter's buttons sit low on a 768-pixel screen),
/// then clicks it.
fn click(win: &Window, id: &str) -> Result<()> {
    let el = win.find_testid(id)?;
    let client = win.client()?.clone();
    let arg = serde_json::to_value(&el)?;
    win.block_on(client.execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg]))?;
    win.block_on(el.click()).with_context(|| format!("clicking {id}"))
}

fn issue(win: &Window, priority: &str, service: &str, number: &str) -> Result<()> {
    win.click_testid(&format!("issue-priority-{priority}"))?;
    win.click_testid(&format!("issue-service-{service}"))?;
    win.wait_for_text("issued-number", number, win.timeout())
        .with_context(|| format!("issuing {priority} {service} gives {number}"))?;
    Ok(())
}

#[test]
fn a_clerk_issues_calls_transfers_finishes_and_the_board_follows() -> Result<()> {
    let data = TempDataDir::new()?;
    Window::open(data.path())?.story("queue", |win| {
        let t = win.timeout();
        win.wait_shown("signin-demo-accounts", FIRST_PAGE)?;
        win.sign_in("clerk", CLERK_PIN, t)?;
        win.click_testid("nav-queue")?;
        win.click_testid("queue-tab-issue")?;
        issue(win, "normal", "general", "A001")?;
        issue(win, "elderly", "general", "A002")?;
        issue(win, "normal", "general", "A003")?;
        let ahead = win.text_of("issued-ahead")?;
        ensure!(ahead.contains('2'), "A003 has two people ahead: {ahead}");

        win.click_testid("queue-tab-counter")?;
        win.find_css("[data-testid=counter-select] option[value='1']")
            .and_then(|o| win.block_on(o.click()).context("choosing counter 1"))?;
        click(win, "counter-next")?;
        win.wait_for_text("counter-current-number", "A002", t)
            .context("the elderly ticket is called first")?;

        // A002 needs land tax too: transfer it, keeping its number.
        click(win, "counter-transfer")?;
        click(win, "transfer-kind-service")?;
        win.find_css("[data-testid=transfer-service] option[value='land_tax']")
            .and_then(|o| win.block_on(o.click()).context("choosing land tax"))?;
        click(win, "transfer-confirm")?;
        win.wait_shown("counter-current-none", t)
            .context("the counter is free after the transfer")?;

        click(win, "counter-next")?;
        win.wait_for_text("counter-current-number", "A001", t)?;
        click(win, "counter-start")?;
        click(win, "counter-finish")?;
        click(win, "finish-outcome-served")?;
        click(win, "finish-confirm")?;
        win.wait_shown("counter-current-none", t)?;

        // The citizen rates the service on the customer screen of counter 1.
        click(win, "open-customer")?;
        switch_to(win, "view=customer")?;
        win.wait_shown("customer-rating", t).context("the customer screen asks for a rating")?;
        click(win, "rate-5")?;
        win.wait_shown("customer-thanks", t)?;

        // The board shows the counter's last call, and follows the next one.
        switch_to_main(win)?;
        click(win, "open-board")?;
        switch_to(win, "view=board")?;
        win.wait_for_text("board-counter-1", "ว่าง", t)
            .context("counter 1 is free after finishing")?;
        win.wait_for_text("board-now-number", "A001", t)
            .context("the newest call is the big one")?;
        win.wait_for_text("board-recent", "A002", t)
            .context("the earlier call is listed below it")?;
        let board = win.page_text()?;
        ensure!(!board.contains("สมชาย"), "no names on the board: {board}");
        switch_to_main(win)?;
        click(win, "counter-next")?;
        win.wait_for_text("counter-current-number", "A003", t)?;
        switch_to(win, "view=board")?;
        win.wait_for_text("board-now-number", "A003", t)
            .context("the board announces the new call")?;
        win.wait_for_text("board-counter-1", "A003", t)?;
        let announcing = win
            .find_testid("board")
            .and_then(|b| {
                win.block_on(b.attr("data-announcing")).context("reading data-announcing")
            })?
            .unwrap_or_default();
        ensure!(
            announcing.contains("letter-a digit-0 digit-0 digit-3 at-counter digit-1"),
            "the voice call for A003 at counter 1: {announcing}"
        );
        win.screenshot("queue-board")?;
        switch_to_main(win)?;

        // The supervisor watches the office: counter 1 has A003, A002 waits at land tax, and the KPIs show.
        win.sign_out()?;
        win.sign_in("palad", SUPERVISOR_PIN, t)?;
        win.click_testid("nav-queue")?;
        win.click_testid("queue-tab-overview")?;
        win.wait_for_text("overview-counter-1", "A003", t)?;
        let waiting = win.find_css("[data-testid=overview-line-land_tax] td")?;
        let waiting = win.block_on(waiting.text())?;
        ensure!(waiting.trim() == "1", "one ticket (A002) waits at land tax: {waiting}");
        click(win, "kpi-show")?;
        win.wait_shown("kpi-range", t)?;
        win.screenshot("queue-overview")?;
        Ok(())
    })
}
