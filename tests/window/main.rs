//! Real-window stories: the built `sala` app in a real WebKitGTK window, driven over WebDriver
//! by [`sala_tests::Window`]. Needs a display: run under `xvfb-run` (scripts/test does).
//!
//! Each story starts the app on a fresh demo data folder, walks it like a clerk would, and
//! saves a screenshot under `tests/artifacts/` (also on failure, as `<story>-failure.png`).

mod online;
mod queue;
mod requests;
mod roles;
mod setup;
mod tax;

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use chrono::{Datelike, Local, NaiveDate};
use sala_tests::{TempDataDir, Window};

/// First start creates the demo office, so the first page can take a while in a debug build.
pub(crate) const FIRST_PAGE: Duration = Duration::from_secs(60);

/// The nav buttons, their Thai and English labels, and the area each one shows.
const AREAS: [(&str, &str, &str, &str); 6] = [
    ("nav-queue", "คิว", "Queue", "area-queue"),
    ("nav-requests", "คำร้อง", "Requests", "area-requests"),
    ("nav-tax", "ภาษี", "Tax", "area-tax"),
    ("nav-reports", "รายงาน", "Reports", "area-reports"),
    ("nav-sync", "ซิงก์", "Sync", "area-sync"),
    ("nav-settings", "ตั้งค่า", "Settings", "area-settings"),
];

/// The demo office's departments (the four every อบต. has).
const DEPARTMENTS: [&str; 4] = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา"];

const THAI_MONTHS: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// Foundation: a fresh demo office opens in Thai, every area is reachable, the status bar
/// shows the office and today's Buddhist-era date, and the language toggle round-trips.
#[test]
fn foundation() -> Result<()> {
    let data = TempDataDir::new()?;
    let win = Window::open(data.path())?;
    let res = foundation_story(&win);
    if res.is_err() {
        // Best effort: the picture usually explains the failure faster than the message.
        if let Ok(path) = win.screenshot("foundation-failure.png") {
            eprintln!("screenshot of the failure: {}", path.display());
        }
        match win.page_text() {
            Ok(text) if text.trim().is_empty() => eprintln!(
                "the page shows no text at all: the UI's start-up script probably threw \
                 (look for a JS error, e.g. by opening ui/dist in the app with devtools)"
            ),
            Ok(text) => eprintln!("page text:\n{}", text.chars().take(600).collect::<String>()),
            Err(e) => eprintln!("could not read the page text: {e:#}"),
        }
        eprintln!("driver and app log: {}", win.driver_log().display());
    }
    res?;
    win.close()
}

fn foundation_story(win: &Window) -> Result<()> {
    let t = win.timeout();
    // The supervisor may open every area.
    win.sign_in("palad", sala_core::office::DEMO_PASSWORD, FIRST_PAGE)?;
    win.wait_for_text("nav-queue", "คิว", t)
        .context("the app should open in Thai, with the queue first in the nav")?;

    for (nav, thai, _, _) in AREAS {
        let text = win.wait_for_text(nav, thai, t)?;
        ensure!(text.contains(thai), "{nav} should read \"{thai}\" in Thai, got \"{text}\"");
    }

    let today = Local::now().date_naive();
    let date = win.text_of("status-date")?;
    check_thai_date(&date, today).context("status-date should show today in B.E.")?;
    win.wait_for_text("status-office", "องค์การบริหารส่วนตำบล", t)
        .context("the demo office is an อบต., shown in the status bar")?;
    for id in ["status-online", "status-outbox", "status-user"] {
        win.find_testid(id).with_context(|| format!("the status bar should show {id}"))?;
    }

    for (nav, thai, _, area) in AREAS {
        win.click_testid(nav)?;
        win.wait_shown(area, t).with_context(|| format!("clicking {nav} should show {area}"))?;
        let heading = win
            .text_of_css(&format!("[data-testid=\"{area}\"] h1"))
            .with_context(|| format!("{area} should have an <h1> heading"))?;
        ensure!(
            has_thai(&heading) && heading.contains(thai),
            "{area}'s heading should name the area in Thai (\"{thai}\"), got \"{heading}\""
        );
        for (_, _, _, other) in AREAS {
            if other != area {
                ensure!(!win.is_shown(other)?, "{other} should be hidden while {area} is shown");
            }
        }
    }

    win.click_testid("nav-sync")?;
    win.find_testid("sync-pending").context("the sync area should show the pending count")?;

    win.click_testid("nav-settings")?;
    for id in ["settings-office", "settings-counters", "settings-users"] {
        win.find_testid(id).with_context(|| format!("settings should show {id}"))?;
    }
    for dept in DEPARTMENTS {
        win.wait_for_text("settings-departments", dept, t)
            .with_context(|| format!("the demo office should have the department {dept}"))?;
    }

    win.click_testid("lang-toggle")?;
    win.wait_for_text("nav-queue", "Queue", t).context("lang-toggle should switch to English")?;
    win.wait_for_text("nav-settings", "Settings", t)?;
    ensure!(!has_thai(&win.text_of("nav-queue")?), "nav-queue should be English only");

    win.click_testid("lang-toggle")?;
    win.wait_for_text("nav-queue", "คิว", t).context("lang-toggle should switch back to Thai")?;
    win.wait_for_text("nav-settings", "ตั้งค่า", t)?;
    win.wait_shown("area-settings", t).context("switching language should keep the area")?;

    let shot = win.screenshot("foundation-thai.png")?;
    eprintln!("screenshot: {}", shot.display());
    Ok(())
}

/// `date` must contain `<day> <Thai month> … <year + 543>`, e.g. `24 พฤศจิกายน 2568` or
/// `24 พฤศจิกายน พ.ศ. 2568`; the day may have a weekday before it.
fn check_thai_date(date: &str, today: NaiveDate) -> Result<()> {
    let month = THAI_MONTHS[today.month0() as usize];
    let day_month = format!("{} {month}", today.day());
    let be_year = (today.year() + 543).to_string();
    let expected = format!("{day_month} {be_year}");
    ensure!(
        date.contains(&day_month) && date.contains(&be_year),
        "expected today as \"{expected}\" (Thai month, Buddhist-era year), got \"{date}\""
    );
    ensure!(
        !date.contains(&today.year().to_string()),
        "\"{date}\" shows the Christian-era year {}",
        today.year()
    );
    Ok(())
}

fn has_thai(text: &str) -> bool {
    text.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c))
}

#[test]
fn thai_date_check_accepts_common_forms() -> Result<()> {
    let day = NaiveDate::from_ymd_opt(2025, 11, 24).context("valid date")?;
    check_thai_date("24 พฤศจิกายน 2568", day)?;
    check_thai_date("วันจันทร์ที่ 24 พฤศจิกายน พ.ศ. 2568", day)?;
    ensure!(check_thai_date("24 พฤศจิกายน 2025", day).is_err(), "C.E. year must fail");
    ensure!(check_thai_date("24 ต.ค. 2568", day).is_err(), "wrong month must fail");
    Ok(())
}
