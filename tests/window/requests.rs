//! Requests in the real window (issue 7), walked as the counter clerk, the works division's officer and the
//! supervisor: the clerk takes a street-light request and its acknowledgement slip prints at once (read back
//! from a private CUPS PDF printer: the tracking code in the text and in the QR); the officer moves it from
//! รับเรื่อง through ตรวจสอบ and กำลังดำเนินการ to เสร็จสิ้น; each step queues an SMS to the citizen; the
//! supervisor sees the office's restricted complaint, which the clerk's lists never show, records the citizen's
//! rating of the finished request, and clears a call-back with its outcome.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use chrono::Utc;
use rusqlite::Connection;
use sala_core::db::{DB_FILE, Db};
use sala_core::doc::DocumentKind;
use sala_core::print::{self, Destination, Route};
use sala_core::{auth, office};
use sala_tests::{PrivateCups, TempDataDir, Window};

use crate::FIRST_PAGE;

const CLERK_PIN: &str = "135790";
const OFFICER_PIN: &str = "802460";
const SUPERVISOR_PIN: &str = "975310";

/// Chooses `value` in the `<select>` with `data-testid="<id>"` and sends the change event the page listens to
/// (WebKitWebDriver cannot click an `<option>` of a closed drop-down).
///
/// Waits first for the option to be there: lists such as the categories load after the form shows.
fn choose(win: &Window, id: &str, value: &str) -> Result<()> {
    let option = format!("[data-testid={id}] option[value='{value}']");
    let deadline = Instant::now() + win.timeout();
    let client = win.client()?.clone();
    while win.block_on(client.find_all(fantoccini::Locator::Css(&option)))?.is_empty() {
        ensure!(Instant::now() < deadline, "no option {value} in {id}");
        std::thread::sleep(Duration::from_millis(100));
    }
    let el = win.find_testid(id)?;
    let client = win.client()?.clone();
    let script = "arguments[0].value = arguments[1]; \
                  arguments[0].dispatchEvent(new Event('change', { bubbles: true }));";
    let args = vec![serde_json::to_value(&el)?, serde_json::Value::from(value)];
    win.block_on(client.execute(script, args))
        .with_context(|| format!("choosing {value} in {id}"))?;
    Ok(())
}

/// Scrolls an element into view and clicks it (the detail's buttons sit low on a 768-pixel screen).
fn click_css(win: &Window, css: &str) -> Result<()> {
    let el = win.find_css(css)?;
    let client = win.client()?.clone();
    let arg = serde_json::to_value(&el)?;
    win.block_on(client.execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg]))?;
    win.block_on(el.click()).with_context(|| format!("clicking {css}"))
}

/// Scrolls the field into the middle of the view (the long intake form runs below the status bar), then
/// types into it.
fn type_into(win: &Window, id: &str, text: &str) -> Result<()> {
    let el = win.find_testid(id)?;
    let client = win.client()?.clone();
    let arg = serde_json::to_value(&el)?;
    win.block_on(client.execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg]))?;
    win.type_testid(id, text)
}

/// Waits for the private CUPS to print its first PDF, keeps a copy beside the screenshots, and returns what
/// zbarimg reads from the printed page rendered at 300 dpi.
fn printed_qr(cups: &PrivateCups, timeout: Duration) -> Result<String> {
    let deadline = Instant::now() + timeout;
    let pdf = loop {
        let found = std::fs::read_dir(cups.pdf_dir())?
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "pdf"));
        if let Some(p) = found {
            break p;
        }
        if Instant::now() > deadline {
            bail!("CUPS printed no slip\n{}", cups.log_tail(20));
        }
        std::thread::sleep(Duration::from_millis(250));
    };
    let artifacts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    std::fs::create_dir_all(&artifacts)?;
    let kept = artifacts.join("requests-slip.pdf");
    let png = artifacts.join("requests-slip");
    // cups-pdf may still be writing the file: retry until the page renders and its QR reads.
    loop {
        std::fs::copy(&pdf, &kept)?;
        let rendered = std::process::Command::new("pdftoppm")
            .args(["-r", "300", "-gray", "-singlefile", "-png"])
            .arg(&kept)
            .arg(&png)
            .stderr(std::process::Stdio::null())
            .status()
            .context("running pdftoppm")?;
        if rendered.success() {
            let out = std::process::Command::new("zbarimg")
                .args(["--quiet", "--raw"])
                .arg(png.with_extension("png"))
                .stderr(std::process::Stdio::null())
                .output()
                .context("running zbarimg")?;
            let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            if !text.is_empty() {
                return Ok(text);
            }
        }
        if Instant::now() > deadline {
            bail!("no QR code could be read from the printed slip {}", kept.display());
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// The text of the slip's PDF as Sala rendered it for the printer (kept with its print job for reprints).
/// The CUPS filter chain re-renders roll paper through cairo, which keeps the look but not the text layer,
/// so the text is read from the job's own PDF.
fn slip_text(conn: &Connection, code: &str) -> Result<String> {
    let pdf: Vec<u8> = conn.query_row(
        "SELECT d.pdf FROM print_job j JOIN print_document d ON d.job_id = j.id \
         WHERE j.kind = 'request_slip' AND j.title = ?1 ORDER BY j.created_at DESC LIMIT 1",
        [code],
        |r| r.get(0),
    )?;
    let dir = TempDataDir::new()?;
    let file = dir.path().join("slip.pdf");
    std::fs::write(&file, pdf)?;
    let out = std::process::Command::new("pdftotext").arg(&file).arg("-").output()?;
    ensure!(out.status.success(), "pdftotext failed on the slip");
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_counter_takes_a_street_light_request_the_officer_closes_it_and_the_citizen_hears()
-> Result<()> {
    let cups = PrivateCups::start()?;
    let data = TempDataDir::new()?;
    let path = data.path().join(DB_FILE);
    // The demo office, with this PC's request slips going to the private CUPS's PDF printer (as a supervisor
    // would set in ตั้งค่า → เครื่องพิมพ์).
    {
        let now = Utc::now();
        let mut db = Db::open(&path, now)?;
        office::create_demo_office(&mut db, now)?;
        let mut token = auth::sign_in(&mut db, now, "palad", SUPERVISOR_PIN)?;
        let session = auth::resume(db.conn(), &mut token, now)?;
        let route = Route {
            destination: Some(Destination::Cups { printer: PrivateCups::PDF_QUEUE.to_owned() }),
            ..Route::default_for(DocumentKind::RequestSlip)
        };
        print::set_route(&mut db, &session, now, &route)?;
    }
    let restricted: Vec<String> = {
        let conn = Connection::open(&path)?;
        let mut stmt =
            conn.prepare("SELECT tracking_code FROM request WHERE confidentiality = 'restricted'")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    ensure!(!restricted.is_empty(), "the demo office has a restricted complaint");

    Window::open_with_env(data.path(), &[("SALA_CUPS_SERVER", cups.address())])?.story(
        "requests",
        |win| {
            let t = win.timeout();
            // The clerk at the counter.
            win.sign_in("clerk", CLERK_PIN, FIRST_PAGE)?;
            win.click_testid("nav-requests")?;
            win.click_testid("requests-tab-intake")?;
            win.click_testid("intake-kind-service")?;
            choose(win, "intake-category", "street_light")?;
            win.wait_shown("intake-q-problem", t)?;
            choose(win, "intake-q-problem", "broken")?;
            type_into(win, "intake-q-pole_number", "ST-0042")?;
            type_into(win, "intake-name", "นางสาวสมใจ ทดสอบ")?;
            type_into(win, "intake-phone", "081-555-0101")?;
            type_into(win, "intake-description", "ไฟถนนหน้าบ้านดับมา 3 คืน")?;
            type_into(win, "intake-address", "หน้าบ้านเลขที่ 45 หมู่ที่ 2")?;
            type_into(win, "intake-area", "หมู่ที่ 2")?;
            click_css(win, "[data-testid=intake-submit]")?;
            let code = win.wait_for_text("intake-code", "R69", t)?;
            let code = code.trim().to_owned();
            win.wait_for_text("intake-due", "25", t)?;
            win.screenshot("requests-intake.png")?;

            // The acknowledgement slip came out of the printer with the code in words and in its QR.
            let qr = printed_qr(&cups, t)?;
            let slip = slip_text(&Connection::open(&path)?, &code)?;
            ensure!(slip.contains("ใบรับเรื่อง"), "the slip's title:\n{slip}");
            ensure!(slip.contains(&code), "the slip carries {code}:\n{slip}");
            ensure!(
                !slip.contains("สมใจ") && !slip.contains("0815550101"),
                "no personal data:\n{slip}"
            );
            ensure!(qr == code, "the slip's QR decodes to the tracking code: {qr:?}");

            // The clerk's list has the new request and none of the restricted ones.
            win.click_testid("requests-tab-all")?;
            win.wait_shown("requests-list-all", t)?;
            win.wait_for_text("requests-list-all", &code, t)?;
            let listed = win.text_of("requests-list-all")?;
            for secret in &restricted {
                ensure!(!listed.contains(secret.as_str()), "the clerk sees restricted {secret}");
            }
            win.sign_out()?;

            // The works division's officer takes it to done.
            let id: String = Connection::open(&path)?.query_row(
                "SELECT id FROM request WHERE tracking_code = ?1",
                [&code],
                |r| r.get(0),
            )?;
            win.sign_in("chang", OFFICER_PIN, FIRST_PAGE)?;
            win.click_testid("nav-requests")?;
            win.click_testid("requests-tab-division")?;
            win.wait_for_text("requests-list-division", &code, t)?;
            // WebKitWebDriver cannot click a table row itself: click its code cell.
            click_css(
                win,
                &format!("[data-testid=request-row][data-request-id='{id}'] [data-testid=request-row-code]"),
            )?;
            win.wait_for_text("detail-code", &code, t)?;
            win.wait_for_text("detail-state", "รับเรื่อง", t)?;
            click_css(win, "[data-testid=state-to-checking]")?;
            win.wait_for_text("detail-state", "ตรวจสอบ", t)?;
            click_css(win, "[data-testid=state-to-in_progress]")?;
            win.wait_for_text("detail-state", "กำลังดำเนินการ", t)?;
            type_into(win, "state-note", "เปลี่ยนหลอดไฟแล้ว")?;
            click_css(win, "[data-testid=state-to-done]")?;
            win.wait_for_text("detail-state", "เสร็จสิ้น", t)?;
            win.wait_for_text("detail-notifications", "เสร็จสิ้น", t)?;
            win.screenshot("requests-done.png")?;

            // Each step queued an SMS to the citizen's phone for the central endpoint to send.
            let conn = Connection::open(&path)?;
            let queued: Vec<(String, String, String)> = {
                let mut stmt = conn.prepare(
                    "SELECT n.channel, n.recipient, n.message FROM notification n \
                     JOIN request r ON r.id = n.request_id WHERE r.tracking_code = ?1 \
                     AND n.state = 'queued' ORDER BY n.rowid",
                )?;
                let rows = stmt.query_map([&code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            ensure!(queued.len() == 3, "three state changes, three messages: {queued:?}");
            ensure!(
                queued
                    .iter()
                    .all(|(ch, to, msg)| ch == "sms" && to == "0815550101" && msg.contains(&code)),
                "SMS to the citizen naming the request: {queued:?}"
            );
            ensure!(queued[2].2.contains("เสร็จสิ้น") && queued[2].2.contains("เปลี่ยนหลอดไฟแล้ว"));
            win.sign_out()?;

            // The supervisor sees the office's restricted complaint in the list.
            win.sign_in("palad", SUPERVISOR_PIN, FIRST_PAGE)?;
            win.click_testid("nav-requests")?;
            win.click_testid("requests-tab-all")?;
            win.wait_for_text("requests-list-all", &restricted[0], t)?;
            win.wait_shown("request-row-restricted", t)?;
            win.screenshot("requests-supervisor.png")?;

            // The rating asked at close: the supervisor opens the finished request and records a 5.
            click_css(
                win,
                &format!("[data-testid=request-row][data-request-id='{id}'] [data-testid=request-row-code]"),
            )?;
            win.wait_for_text("detail-state", "เสร็จสิ้น", t)?;
            click_css(win, "[data-testid=rate-5]")?;
            win.wait_for_text("detail-rating", "5", t)?;
            let rating: Option<i64> = Connection::open(&path)?.query_row(
                "SELECT rating FROM request WHERE id = ?1",
                [&id],
                |r| r.get(0),
            )?;
            ensure!(rating == Some(5), "the rating is stored: {rating:?}");

            // The call-back list: the demo's citizen without a phone is told, and the call is recorded.
            let waiting = |conn: &Connection| -> Result<i64> {
                Ok(conn.query_row(
                    "SELECT count(*) FROM notification WHERE channel = 'call_back' AND state = 'queued'",
                    [],
                    |r| r.get(0),
                )?)
            };
            let before = waiting(&Connection::open(&path)?)?;
            ensure!(before > 0, "the demo office has a call-back to make");
            win.click_testid("requests-tab-callbacks")?;
            win.wait_shown("callback", t)?;
            let outcome = win.find_css("[data-testid=callback] [data-testid=callback-outcome]")?;
            win.block_on(outcome.send_keys("โทรแจ้งแล้ว"))?;
            click_css(win, "[data-testid=callback] [data-testid=callback-done]")?;
            let deadline = Instant::now() + t;
            while waiting(&Connection::open(&path)?)? != before - 1 {
                ensure!(Instant::now() < deadline, "the call-back was not marked done");
                std::thread::sleep(Duration::from_millis(200));
            }
            let outcome: String = Connection::open(&path)?.query_row(
                "SELECT outcome FROM notification WHERE channel = 'call_back' AND state = 'done' \
                 ORDER BY done_at DESC LIMIT 1",
                [],
                |r| r.get(0),
            )?;
            ensure!(outcome == "โทรแจ้งแล้ว", "the call's outcome is kept: {outcome}");
            Ok(())
        },
    )
}

/// A 1×1 PNG: a photo as far as the attachment check is concerned (it reads the type from the bytes).
const TINY_PNG: [u8; 67] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

#[test]
fn the_supervisor_adds_a_category_and_the_clerk_takes_one_with_a_photo() -> Result<()> {
    let data = TempDataDir::new()?;
    let files = TempDataDir::new()?;
    let photo = files.path().join("pothole.png");
    std::fs::write(&photo, TINY_PNG)?;
    let path = data.path().join(DB_FILE);
    Window::open(data.path())?.story("request-categories", |win| {
        let t = win.timeout();
        // The supervisor adds "road repair" with a required choice, routed to the works division.
        win.sign_in("palad", SUPERVISOR_PIN, FIRST_PAGE)?;
        win.click_testid("nav-settings")?;
        // The section loads its categories first; add only once they are listed.
        win.wait_shown("category-row-street_light", t)?;
        click_css(win, "[data-testid=category-add]")?;
        win.wait_shown("category-editor", t)?;
        type_into(win, "category-code", "road_repair")?;
        choose(win, "category-kind", "service")?;
        type_into(win, "category-name-th", "ซ่อมถนน")?;
        type_into(win, "category-name-en", "Road repair")?;
        choose(win, "category-division", "works")?;
        type_into(win, "category-days", "10")?;
        click_css(win, "[data-testid=question-add]")?;
        type_into(win, "question-code", "size")?;
        choose(win, "question-type", "singlevaluelist")?;
        type_into(win, "question-th", "ขนาดหลุม")?;
        type_into(win, "question-en", "Pothole size")?;
        click_css(win, "[data-testid=question-required]")?;
        // One choice a line; WebDriver's Enter key (U+E007) breaks the line as the keyboard would.
        type_into(win, "question-choices", "small | เล็ก | Small\u{E007}big | ใหญ่ | Big")?;
        click_css(win, "[data-testid=category-save]")?;
        win.wait_shown("category-saved", t)?;
        win.wait_for_text("category-row-road_repair", "ซ่อมถนน", t)?;
        win.screenshot("request-categories.png")?;
        let attributes: String = Connection::open(&path)?.query_row(
            "SELECT attributes FROM request_category WHERE code = 'road_repair'",
            [],
            |r| r.get(0),
        )?;
        ensure!(
            attributes.contains(r#""key":"small""#) && attributes.contains(r#""key":"big""#),
            "two choices saved: {attributes}"
        );
        win.sign_out()?;

        // The clerk finds it at the counter, with its question, and attaches a photo.
        win.sign_in("clerk", CLERK_PIN, FIRST_PAGE)?;
        win.click_testid("nav-requests")?;
        win.click_testid("requests-tab-intake")?;
        win.click_testid("intake-kind-service")?;
        choose(win, "intake-category", "road_repair")?;
        win.wait_shown("intake-q-size", t)?;
        choose(win, "intake-q-size", "big")?;
        type_into(win, "intake-name", "นายประเสริฐ น้ำใจดี")?;
        type_into(win, "intake-phone", "0954445505")?;
        type_into(win, "intake-description", "ถนนหน้าวัดเป็นหลุมลึก รถจักรยานยนต์ล้มแล้วสองคัน")?;
        type_into(win, "intake-address", "ถนนหน้าวัดบ้านสาธิต")?;
        let input = win.find_testid("intake-files")?;
        win.block_on(input.send_keys(&photo.display().to_string()))
            .context("choosing the photo")?;
        win.wait_for_text("intake-file-list", "pothole.png", t)?;
        click_css(win, "[data-testid=intake-submit]")?;
        let code = win.wait_for_text("intake-code", "R69", t)?.trim().to_owned();

        // Core kept the answer by its key, routed the request to the works division with the category's
        // 10 days, and stored the photo once, by its content.
        let conn = Connection::open(&path)?;
        let (answers, division, received, due): (String, String, String, String) = conn.query_row(
            "SELECT r.attributes, d.code, date(r.received_at, '+7 hours'), r.due_on FROM request r \
             JOIN request_category c ON c.id = r.category_id JOIN department d ON d.id = r.department_id \
             WHERE r.tracking_code = ?1 AND c.code = 'road_repair'",
            [&code],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        ensure!(answers == r#"{"size":"big"}"#, "the answer by its key: {answers}");
        ensure!(division == "works", "routed to the category's division: {division}");
        let received = chrono::NaiveDate::parse_from_str(&received, "%Y-%m-%d")?;
        ensure!(
            due == (received + chrono::Duration::days(10)).format("%Y-%m-%d").to_string(),
            "due in the category's 10 days: {due}"
        );
        let (media, size, blobs): (String, i64, i64) = conn.query_row(
            "SELECT a.media_type, a.size, (SELECT count(*) FROM file_blob b WHERE b.sha256 = a.sha256) \
             FROM request_attachment a JOIN request r ON r.id = a.request_id WHERE r.tracking_code = ?1",
            [&code],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        ensure!(media == "image/png" && size == 67 && blobs == 1, "{media} {size} {blobs}");
        win.screenshot("request-with-photo.png")?;
        Ok(())
    })
}
