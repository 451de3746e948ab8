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
        open_citizen_lookup(win)?;
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
        open_citizen_lookup(win)?;
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
        open_citizen_lookup(win)?;
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

/// The administrator's account work in the real window: a new finance officer must choose her own password
/// at the first sign-in, then sees the finance areas; once deactivated she can no longer sign in.
#[test]
fn an_admin_creates_a_user_who_chooses_her_password_and_is_later_deactivated() -> Result<()> {
    let data = TempDataDir::new()?;
    Window::open(data.path())?.story("accounts", |win| {
        let t = win.timeout();
        win.sign_in("admin", DEMO_PASSWORD, FIRST_PAGE)?;
        win.click_testid("nav-settings")?;
        win.type_testid("user-new-username", "somying")?;
        win.type_testid("user-new-name", "นางสาวสมหญิง ใจดี")?;
        win.find_css("[data-testid=\"user-new-role\"] option[value=\"finance\"]")
            .and_then(|option| win.block_on(option.click()).map_err(anyhow::Error::from))
            .context("choosing the finance role")?;
        win.type_testid("user-new-password", "temporary1")?;
        win.click_testid("user-new-submit")?;
        win.wait_for_text("user-row-somying", "เจ้าหน้าที่การเงิน", t)
            .context("the new account is listed with its role")?;
        win.sign_out()?;

        win.try_sign_in("somying", "temporary1", t)?;
        win.wait_shown("change-password-screen", t).context("a first password must be changed")?;
        ensure!(!win.is_shown("nav-tax")?, "nothing opens before the new password");
        win.type_testid("cp-current", "temporary1")?;
        win.type_testid("cp-new", "my own secret")?;
        win.type_testid("cp-confirm", "my own secret")?;
        win.click_testid("cp-submit")?;
        win.wait_shown("nav-tax", t).context("with her own password she works in tax")?;
        ensure!(!win.is_shown("nav-reports")?, "finance staff have no reports area");
        win.sign_out()?;

        win.sign_in("admin", DEMO_PASSWORD, t)?;
        win.click_testid("nav-settings")?;
        click_into_view(win, "user-toggle-somying")?;
        click_into_view(win, "user-toggle-confirm-somying")?;
        win.wait_for_text("user-state-somying", "ปิด", t).context("the account is deactivated")?;
        win.sign_out()?;
        win.try_sign_in("somying", "my own secret", t)?;
        win.wait_for_text("error-message", "ปิดใช้งาน", t)
            .context("a deactivated account cannot sign in")?;
        Ok(())
    })
}

/// Opens the returning-citizen lookup: คำร้อง → รับเรื่อง → ค้นหาผู้ร้องเดิม.
fn open_citizen_lookup(win: &Window) -> Result<()> {
    win.click_testid("nav-requests")?;
    win.click_testid("requests-tab-intake")?;
    if !win.is_shown("citizen-search")? {
        click_into_view(win, "intake-find-citizen")?;
    }
    win.wait_shown("citizen-search", win.timeout())
}

/// Scrolls an element into the middle of the view, then clicks it (long pages run below the status bar).
fn click_into_view(win: &Window, id: &str) -> Result<()> {
    let el = win.find_testid(id)?;
    let client = win.client()?.clone();
    let arg = serde_json::to_value(&el)?;
    win.block_on(client.execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg]))?;
    win.block_on(el.click()).with_context(|| format!("clicking {id}"))
}
