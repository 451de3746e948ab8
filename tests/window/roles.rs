//! Roles in the real window (issue 3): what a clerk may open and see, the supervisor's audit log with the
//! clerk's actions in it, five wrong PINs locking an account, and the idle lock.

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use sala_core::office::DEMO_PASSWORD;
use sala_tests::{TempDataDir, Window};

use crate::FIRST_PAGE;

const CLERK_PIN: &str = "135790";

/// A clerk sees the counter's areas only and finds no restricted citizen; the supervisor then sees the
/// clerk's sign-in and reading of a citizen's full ID in the audit log.
#[test]
fn a_clerk_is_kept_out_and_the_supervisor_sees_what_the_clerk_did() -> Result<()> {
    let data = TempDataDir::new()?;
    Window::open(data.path())?.story("roles", |win| {
        let t = win.timeout();
        win.wait_shown("signin-demo-accounts", FIRST_PAGE)
            .context("the demo office's sign-in screen lists the demo accounts")?;
        win.wait_for_text("signin-demo-clerk", CLERK_PIN, t)?;
        win.sign_in("clerk", CLERK_PIN, t).context("a clerk signs in with the PIN")?;
        win.wait_for_text("status-user", "สมชาย", t)?;
        for open in ["nav-queue", "nav-requests", "nav-sync", "nav-settings"] {
            win.find_testid(open).with_context(|| format!("a clerk has {open}"))?;
        }
        for closed in ["nav-tax", "nav-reports"] {
            ensure!(!win.is_shown(closed)?, "a clerk must not see {closed}");
        }
        ensure!(!win.is_shown("users-section")?, "nor user management");

        // Citizens: masked in the list, the full ID on request; the restricted complainant is not there.
        win.click_testid("nav-requests")?;
        win.type_testid("citizen-search", "บุญมี")?;
        let row = win
            .wait_for_text("citizen-result", "3-3101-xxxxx-xx-3", t)
            .context("the ID is masked in the list")?;
        ensure!(!row.contains("00815"), "no full ID in the list: {row}");
        win.click_testid("citizen-reveal")?;
        win.wait_for_text("citizen-full-id", "3-3101-00815-90-3", t)?;
        win.type_testid("citizen-search", "วีระ")?;
        win.wait_shown("citizen-empty", t)
            .context("a restricted citizen is not found by a clerk")?;
        win.sign_out()?;

        win.sign_in("palad", DEMO_PASSWORD, t)?;
        win.click_testid("nav-reports")?;
        win.wait_for_text("audit-chain", "ถูกต้อง", t).context("the chain is intact")?;
        let log = win
            .wait_for_text("audit-log", "สมชาย", t)
            .context("the clerk's actions are in the audit log")?;
        for action in ["ดูข้อมูลส่วนบุคคล", "เข้าสู่ระบบ", "ออกจากระบบ"]
        {
            ensure!(log.contains(action), "the log should show \"{action}\"");
        }
        win.click_testid("nav-requests")?;
        win.type_testid("citizen-search", "วีระ")?;
        win.wait_for_text("citizen-result", "วีระ", t)
            .context("the supervisor finds the restricted citizen")?;
        win.screenshot("roles-supervisor.png")?;
        Ok(())
    })
}

/// Five wrong PINs lock the account: even the right PIN is refused until the lock ends.
#[test]
fn five_wrong_pins_lock_the_account() -> Result<()> {
    let data = TempDataDir::new()?;
    Window::open(data.path())?.story("lockout", |win| {
        let t = win.timeout();
        for attempt in 1..=5 {
            win.try_sign_in("clerk", "000001", if attempt == 1 { FIRST_PAGE } else { t })?;
            let needle = if attempt < 5 {
                "ไม่ถูกต้อง"
            } else {
                "ถูกล็อก"
            };
            let shown = win
                .wait_for_text("error-message", needle, t)
                .with_context(|| format!("wrong PIN number {attempt}"))?;
            if attempt < 5 {
                ensure!(
                    shown.contains(&(5 - attempt).to_string()),
                    "says how many tries are left: {shown}"
                );
            }
        }
        win.try_sign_in("clerk", CLERK_PIN, t)?;
        win.wait_for_text("error-message", "ถูกล็อก", t)
            .context("the right PIN waits for the lock")?;
        ensure!(!win.is_shown("status-user")?, "still signed out");
        win.sign_in("finance", "246801", t).context("other accounts still work")?;
        win.screenshot("lockout.png")?;
        Ok(())
    })
}

/// The screen locks itself after the idle time an administrator set; the same clerk unlocks with the PIN
/// and finds their work as they left it.
#[test]
fn the_screen_locks_when_idle_and_unlocks_with_the_pin() -> Result<()> {
    let data = TempDataDir::new()?;
    Window::open(data.path())?.story("idle-lock", |win| {
        let t = win.timeout();
        win.sign_in("admin", DEMO_PASSWORD, FIRST_PAGE)?;
        win.click_testid("nav-settings")?;
        win.type_testid("policy-idle-minutes", "1")?;
        win.click_testid("policy-save")?;
        win.wait_shown("policy-saved", t)?;
        win.sign_out()?;

        win.sign_in("clerk", CLERK_PIN, t)?;
        win.click_testid("nav-requests")?;
        win.type_testid("citizen-search", "บุญมี")?;
        win.wait_shown("citizen-result", t)?;
        win.wait_shown("lock-screen", Duration::from_secs(100))
            .context("one idle minute locks the screen")?;
        ensure!(!win.is_shown("citizen-result")?, "nothing is readable behind the lock");
        win.type_testid("lock-secret", CLERK_PIN)?;
        win.click_testid("lock-submit")?;
        win.wait_shown("citizen-result", t).context("unlocking returns to the same search")?;
        ensure!(!win.is_shown("lock-screen")?, "unlocked");
        Ok(())
    })
}
