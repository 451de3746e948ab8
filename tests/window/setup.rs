//! First start on a real office: with no database, the window offers the demo office or the setup
//! wizard; bad input is refused with a Thai message and writes nothing; good input creates the office,
//! its counter and its first administrator, and the app opens on it.

use anyhow::{Context, Result, ensure};
use rusqlite::Connection;
use sala_tests::{TempDataDir, Window};

use crate::FIRST_PAGE;

const OFFICE: &str = "องค์การบริหารส่วนตำบลทดลองจริง";

fn offices(data: &TempDataDir) -> Result<i64> {
    let conn = Connection::open(data.path().join("sala.sqlite"))?;
    Ok(conn.query_row("SELECT count(*) FROM office", [], |r| r.get(0))?)
}

#[test]
fn setup_wizard_creates_a_real_office() -> Result<()> {
    let data = TempDataDir::new()?;
    let args = vec!["--data-dir".to_owned(), data.path().to_string_lossy().into_owned()];
    let win = Window::open_with_args(&args)?;
    let res = story(&win, &data);
    if res.is_err() {
        let _ = win.screenshot("setup-failure.png");
    }
    res?;
    win.close()
}

fn story(win: &Window, data: &TempDataDir) -> Result<()> {
    let t = win.timeout();
    win.wait_shown("setup-demo", FIRST_PAGE).context("a first start offers the demo office")?;
    win.click_testid("setup-real")?;

    win.type_testid("setup-name", OFFICE)?;
    win.type_testid("setup-code", "6311199")?;
    win.type_testid("setup-address", "หมู่ที่ 3 ตำบลทดลอง อำเภอนางรอง จังหวัดบุรีรัมย์ 31110")?;
    win.type_testid("setup-taxid", "0-9940-00526-01-6")?;
    win.type_testid("setup-counter-name-1", "งานทะเบียนและคลัง")?;
    win.type_testid("setup-counter-location-1", "ชั้น 1")?;
    win.type_testid("setup-admin-username", "somsak")?;
    win.type_testid("setup-admin-name", "นายสมศักดิ์ ผู้ดูแล")?;
    win.type_testid("setup-admin-password", "รหัสผ่านยาว1")?;
    win.type_testid("setup-admin-password2", "รหัสผ่านไม่ตรง")?;

    // A mismatched confirmation is refused with a Thai message; nothing reaches the database.
    win.click_testid("setup-submit")?;
    win.wait_shown("setup-invalid", t).context("a mismatched password confirmation is refused")?;
    ensure!(win.is_shown("setup-form")?, "the wizard stays open");
    ensure!(offices(data)? == 0, "no office is written while the form is invalid");

    win.type_testid("setup-admin-password2", "รหัสผ่านยาว1")?;
    win.click_testid("setup-submit")?;
    win.wait_for_text("status-office", OFFICE, t).context("the app opens on the new office")?;
    win.wait_for_text("status-user", "สมศักดิ์", t).context("signed in as its first administrator")?;

    win.click_testid("nav-settings")?;
    win.wait_for_text("settings-counters", "งานทะเบียนและคลัง", t)?;
    win.wait_for_text("settings-departments", "กองคลัง", t)?;
    win.wait_for_text("settings-office", "0-9940-00526-01-6", t)?;

    let conn = Connection::open(data.path().join("sala.sqlite"))?;
    let (tax_id, demo): (String, i64) =
        conn.query_row("SELECT tax_id, is_demo FROM office", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    ensure!(tax_id == "0994000526016" && demo == 0, "stored as a real office: {tax_id} {demo}");
    let audited: i64 = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
    let queued: i64 = conn.query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))?;
    ensure!(audited > 0 && audited == queued, "every row audited and queued: {audited}/{queued}");

    // A real office's sign-in screen never shows demo credentials; its admin signs in with the password.
    win.sign_out()?;
    ensure!(!win.is_shown("signin-demo-accounts")?, "no demo accounts on a real office");
    win.sign_in("somsak", "รหัสผ่านยาว1", t)?;
    win.wait_for_text("status-user", "สมศักดิ์", t)?;
    win.screenshot("setup-done.png")?;
    Ok(())
}
