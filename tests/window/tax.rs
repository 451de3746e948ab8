//! The land and building tax in the real window (issue 6), walked as finance staff: find a taxpayer in the
//! register, see the assessment, print the notice, take a part payment and then the rest (each receipt
//! printed at once), and verify one receipt's signed QR text. Printing goes to a private CUPS scheduler with
//! a PDF printer, so every printed page is read back.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use chrono::Utc;
use rusqlite::{Connection, OptionalExtension};
use sala_core::db::{DB_FILE, Db};
use sala_core::doc::DocumentKind;
use sala_core::money::Satang;
use sala_core::print::{self, Destination, Route};
use sala_core::{auth, office};
use sala_tests::{PrivateCups, TempDataDir, Window};

use crate::FIRST_PAGE;

const FINANCE_PIN: &str = "246801";
const SUPERVISOR_PIN: &str = "975310";

/// A demo taxpayer with a 2569 notice of at least 1,000 baht and nothing paid on it: (name, notice number, tax).
fn unpaid_taxpayer(conn: &Connection) -> Result<(String, String, Satang)> {
    conn.query_row(
        "SELECT t.name, n.number, n.tax_satang FROM tax_notice n JOIN taxpayer t ON t.id = n.taxpayer_id \
         WHERE n.tax_year = 2569 AND n.status = 'issued' AND n.tax_satang >= 100000 AND n.instalments = 1 \
           AND NOT EXISTS (SELECT 1 FROM tax_receipt r WHERE r.notice_id = n.id) \
         ORDER BY n.tax_satang LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, Satang(r.get(2)?))),
    )
    .optional()?
    .context("the demo office should have an unpaid 2569 notice of 1,000 baht or more")
}

/// Waits until the private CUPS has printed `n` jobs in all, and returns their PDFs' text in job order.
fn printed_texts(cups: &PrivateCups, n: usize, timeout: Duration) -> Result<Vec<String>> {
    let deadline = Instant::now() + timeout;
    loop {
        let mut files: Vec<_> = std::fs::read_dir(cups.pdf_dir())?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        if files.len() >= n {
            files.sort_by_key(|p| {
                let name =
                    p.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                name.rsplit("-job_")
                    .next()
                    .and_then(|s| s.trim_end_matches(".pdf").parse::<u32>().ok())
            });
            return files
                .iter()
                .map(|f| {
                    let out = std::process::Command::new("pdftotext")
                        .args(["-layout"])
                        .arg(f)
                        .arg("-")
                        .output()
                        .context("running pdftotext")?;
                    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
                })
                .collect();
        }
        if Instant::now() > deadline {
            bail!("CUPS printed {} of {n} jobs\n{}", files.len(), cups.log_tail(20));
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// Chooses `value` in the `<select>` with `data-testid="<id>"` as the keyboard would: sets it and sends the
/// change event the page listens to (WebKitWebDriver cannot click an `<option>` of a closed drop-down).
fn choose(win: &Window, id: &str, value: &str) -> Result<()> {
    let el = win.find_testid(id)?;
    let client = win.client()?.clone();
    let script = "arguments[0].value = arguments[1]; \
                  arguments[0].dispatchEvent(new Event('change', { bubbles: true }));";
    let args = vec![serde_json::to_value(&el)?, serde_json::Value::from(value)];
    win.block_on(client.execute(script, args))
        .with_context(|| format!("choosing {value} in {id}"))?;
    Ok(())
}

#[test]
fn finance_finds_assesses_prints_takes_a_part_payment_and_the_rest_and_verifies_a_receipt()
-> Result<()> {
    let cups = PrivateCups::start()?;
    let data = TempDataDir::new()?;
    let path = data.path().join(DB_FILE);
    // The demo office, with this PC's notice and receipt printers set to the private CUPS's PDF printer (as a
    // supervisor would in ตั้งค่า → เครื่องพิมพ์).
    {
        let now = Utc::now();
        let mut db = Db::open(&path, now)?;
        office::create_demo_office(&mut db, now)?;
        let mut token = auth::sign_in(&mut db, now, "palad", SUPERVISOR_PIN)?;
        let session = auth::resume(db.conn(), &mut token, now)?;
        for kind in [DocumentKind::TaxNotice, DocumentKind::Receipt] {
            let route = Route {
                destination: Some(Destination::Cups { printer: PrivateCups::PDF_QUEUE.to_owned() }),
                ..Route::default_for(kind)
            };
            print::set_route(&mut db, &session, now, &route)?;
        }
    }
    let (name, number, tax) = unpaid_taxpayer(&Connection::open(&path)?)?;
    let part = Satang(tax.0 / 2);

    Window::open_with_env(data.path(), &[("SALA_CUPS_SERVER", cups.address())])?.story(
        "tax",
        |win| {
            let t = win.timeout();
            win.sign_in("finance", FINANCE_PIN, FIRST_PAGE)?;
            win.click_testid("nav-tax")?;

            // The register: search as you type, pick the first hit.
            win.click_testid("tax-tab-register")?;
            win.type_testid("tax-search", &name)?;
            win.wait_for_text("tax-result-0", &name, t)?;
            win.click_testid("tax-result-0")?;
            win.wait_for_text("tax-taxpayer-name", &name, t)?;

            // Assess the 2569 notice: the total is its tax, in figures.
            win.click_testid("tax-go-notices")?;
            choose(win, "tax-notice-year", "2569")?;
            win.wait_for_text("tax-assess-total", &tax.to_grouped(), t)?;
            win.wait_for_text("tax-notice-number", &number, t)?;
            win.screenshot("tax-assessment.png")?;
            win.click_testid("tax-issue-notice")?;
            let notice = &printed_texts(&cups, 1, t)?[0];
            ensure!(notice.contains(&number), "the printed notice carries its number {number}");
            ensure!(notice.contains("ภ.ด.ส.6"), "the printed page is the ภ.ด.ส.6 notice");

            // A part payment, then the rest; each receipt prints at once.
            win.click_testid("tax-go-payments")?;
            win.wait_shown("tax-pay-owed", t)?;
            win.type_testid("tax-pay-amount", &part.to_string())?;
            // What to collect is shown before the money is taken.
            win.wait_for_text("tax-pay-quote", &format!("ภาษี {}", part.to_grouped()), t)?;
            win.click_testid("tax-pay-submit")?;
            let first = win.wait_for_text("tax-receipt-number", "เลขที่", t)?;
            win.wait_for_text("tax-pay-total-due", &Satang(tax.0 - part.0).to_grouped(), t)
                .context("after the part payment, the rest of the tax is still owed")?;
            // The amount box now suggests what is left; take it.
            win.click_testid("tax-pay-submit")?;
            let deadline = Instant::now() + t;
            while win.text_of("tax-receipt-number")? == first {
                ensure!(Instant::now() < deadline, "the second receipt was not issued");
                std::thread::sleep(Duration::from_millis(200));
            }
            let pages = printed_texts(&cups, 3, t)?;
            for receipt in &pages[1..] {
                ensure!(receipt.contains("ใบเสร็จรับเงิน"), "a receipt was printed:\n{receipt}");
                ensure!(receipt.contains(&number), "the receipt names notice {number}");
            }

            // Both receipts are on record, the notice is paid, and the first one's QR text verifies in the app.
            let conn = Connection::open(&path)?;
            let (count, paid, payload): (i64, i64, String) = conn.query_row(
                "SELECT count(*), sum(r.tax_satang), min(r.signed_payload) FROM tax_receipt r \
             JOIN tax_notice n ON n.id = r.notice_id WHERE n.number = ?1 AND r.status = 'issued'",
                [&number],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            ensure!(
                count == 2 && paid == tax.0,
                "two receipts paying {tax}: {count} paying {paid}"
            );
            win.type_testid("tax-verify-input", &payload)?;
            win.click_testid("tax-verify-submit")?;
            win.wait_for_text("tax-verify-result", "ใบเสร็จถูกต้อง", t)?;
            // One character changed: refused.
            let mut tampered = payload.into_bytes();
            let i = tampered.len() / 2;
            tampered[i] = if tampered[i] == b'A' { b'B' } else { b'A' };
            win.type_testid("tax-verify-input", &String::from_utf8(tampered)?)?;
            win.click_testid("tax-verify-submit")?;
            let refused = win.find_css("[data-testid=tax-verify-result][data-valid=false]")?;
            let text = win.block_on(refused.text())?;
            ensure!(!text.contains("ใบเสร็จถูกต้อง"), "a tampered QR is refused: {text}");
            win.screenshot("tax-payments.png")?;
            Ok(())
        },
    )
}
