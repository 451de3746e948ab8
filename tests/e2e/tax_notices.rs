//! `salactl tax notices|notice|year|biller` against the demo office: a whole year's notices written as one
//! PDF per taxpayer, a second run writing nothing new; one notice's QR payload parses back to the office's
//! biller, the notice number, the tax year and the tax; a year without a calendar is refused in Thai.

use std::path::Path;

use crate::run::{CLERK, FINANCE, json, salactl};
use anyhow::{Context, Result, ensure};
use sala_tests::TempDataDir;

fn demo() -> Result<TempDataDir> {
    let data = TempDataDir::new()?;
    let init = salactl(data.path(), None, &["init", "--demo"])?;
    ensure!(init.status.success(), "init --demo: {}", String::from_utf8_lossy(&init.stderr));
    Ok(data)
}

fn pdfs(dir: &Path) -> Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .map(|e| Ok(e?.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_>>()?;
    names.sort();
    Ok(names)
}

#[test]
fn a_years_notices_are_one_pdf_per_taxpayer_and_a_rerun_writes_nothing_new() -> Result<()> {
    let data = demo()?;
    let out = data.path().join("notices-2569");
    let out_arg = out.to_string_lossy().into_owned();

    let human = salactl(
        data.path(),
        Some(FINANCE),
        &["tax", "notices", "--year", "2569", "--out", &out_arg],
    )?;
    let stdout = String::from_utf8_lossy(&human.stdout).into_owned();
    ensure!(human.status.success(), "{stdout}{}", String::from_utf8_lossy(&human.stderr));
    ensure!(stdout.contains("ดำเนินการแล้ว"), "progress lines in Thai:\n{stdout}");

    let names = pdfs(&out)?;
    ensure!(names.len() >= 10, "one PDF per demo taxpayer: {names:?}");
    for name in &names {
        let number = name.strip_suffix(".pdf").context("a .pdf")?;
        ensure!(
            number.len() == 12 && number.starts_with("256901"),
            "numbered <year><block><seq>: {name}"
        );
        ensure!(number.bytes().all(|b| b.is_ascii_digit()), "digits only (QR ref1): {name}");
        let bytes = std::fs::read(out.join(name))?;
        ensure!(bytes.starts_with(b"%PDF"), "{name} is a PDF");
    }
    let first = out.join(&names[0]);
    let modified = std::fs::metadata(&first)?.modified()?;

    let again =
        json(data.path(), FINANCE, &["tax", "notices", "--year", "2569", "--out", &out_arg])?;
    ensure!(
        again["written"] == 0 && again["issued"] == 0,
        "a rerun writes and issues nothing: {again}"
    );
    ensure!(again["skipped"].as_u64() == Some(names.len() as u64), "every file skipped: {again}");
    ensure!(pdfs(&out)? == names, "the same files");
    ensure!(std::fs::metadata(&first)?.modified()? == modified, "existing files are left alone");

    // A removed file is written again on the next run (a stopped run resumes).
    std::fs::remove_file(&first)?;
    let resumed =
        json(data.path(), FINANCE, &["tax", "notices", "--year", "2569", "--out", &out_arg])?;
    ensure!(resumed["written"] == 1, "only the missing file: {resumed}");

    // A clerk may not; 2571 has no calendar: refused in Thai, saying where it is set.
    let clerk = salactl(
        data.path(),
        Some(CLERK),
        &["tax", "notices", "--year", "2569", "--out", &out_arg],
    )?;
    ensure!(clerk.status.code() == Some(1), "a clerk is refused");
    let none = salactl(
        data.path(),
        Some(FINANCE),
        &["tax", "notices", "--year", "2571", "--out", &out_arg],
    )?;
    let err = String::from_utf8_lossy(&none.stderr).into_owned();
    ensure!(none.status.code() == Some(1) && err.contains("ยังไม่ได้ตั้งปฏิทินภาษีปี 2571"), "{err}");
    Ok(())
}

#[test]
fn one_notice_reuses_its_number_and_its_qr_pays_the_office_for_that_notice() -> Result<()> {
    let data = demo()?;
    let year = json(data.path(), FINANCE, &["tax", "year", "show", "--year", "2569"])?;
    ensure!(year[0]["due_date"] == "2026-06-30", "the demo calendar: {year}");
    let biller = json(data.path(), FINANCE, &["tax", "biller"])?;
    ensure!(biller["biller_id"] == "099400052601600", "{biller}");

    // The demo's first 2569 notice, by its taxpayer (a batch run lists them).
    let out = data.path().join("n");
    let batch = json(
        data.path(),
        FINANCE,
        &["tax", "notices", "--year", "2569", "--out", &out.to_string_lossy()],
    )?;
    ensure!(batch["failures"].as_array().is_some_and(Vec::is_empty), "{batch}");
    ensure!(!pdfs(&out)?.is_empty(), "notices written");
    // A notice with tax to pay (some demo taxpayers owe nothing and get no QR).
    let conn = rusqlite::Connection::open(data.path().join(sala_core::db::DB_FILE))?;
    let (number, taxpayer): (String, String) = conn.query_row(
        "SELECT number, taxpayer_id FROM tax_notice WHERE tax_year = 2569 AND status = 'issued' \
         AND tax_satang > 0 ORDER BY number LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    drop(conn);

    let pdf = data.path().join("one.pdf");
    let n = json(
        data.path(),
        FINANCE,
        &[
            "tax",
            "notice",
            "--taxpayer",
            &taxpayer,
            "--year",
            "2569",
            "--pdf",
            &pdf.to_string_lossy(),
        ],
    )?;
    ensure!(n["number"] == number.as_str() && n["outcome"] == "reused", "the same notice: {n}");
    ensure!(std::fs::read(&pdf)?.starts_with(b"%PDF"), "--pdf writes it");
    let payload = n["qr_payload"].as_str().context("a QR payload")?;
    let parsed = json(data.path(), FINANCE, &["qr", "parse", payload])?;
    ensure!(parsed["kind"] == "bill_payment", "{parsed}");
    ensure!(parsed["biller_id"] == "099400052601600", "{parsed}");
    ensure!(parsed["ref1"] == number.as_str() && parsed["ref2"] == "2569", "{parsed}");
    ensure!(parsed["amount"] == n["tax"], "the amount is the tax: {parsed} {n}");

    // Setting a calendar: a bad one is refused in Thai and changes nothing.
    let bad = salactl(
        data.path(),
        Some(FINANCE),
        &[
            "tax",
            "year",
            "set",
            "--year",
            "2571",
            "--due",
            "2571-04-30",
            "--instalments",
            "2571-04-30,2571-06-30,2571-05-31",
        ],
    )?;
    ensure!(bad.status.code() == Some(1), "out-of-order instalments refused");
    ensure!(String::from_utf8_lossy(&bad.stderr).contains("งวดผ่อนชำระต้องเรียงกัน"), "Thai reason");
    let set = json(
        data.path(),
        FINANCE,
        &[
            "tax",
            "year",
            "set",
            "--year",
            "2571",
            "--due",
            "2571-04-30",
            "--instalments",
            "2571-04-30,2571-05-31,2571-06-30",
        ],
    )?;
    ensure!(set["due_date"] == "2028-04-30", "B.E. dates read: {set}");
    Ok(())
}

#[test]
fn a_year_run_keeps_a_paid_notice_whose_tax_changed_unless_told_to_reassess() -> Result<()> {
    let data = demo()?;
    let db = data.path().join(sala_core::db::DB_FILE);
    // A 2569 notice with tax to pay, whose owner's land is in use that year.
    let conn = rusqlite::Connection::open(&db)?;
    let (notice, number, taxpayer, parcel, name): (String, String, String, String, String) = conn
        .query_row(
            "SELECT n.id, n.number, n.taxpayer_id, p.id, t.title || t.name || ' ' || t.last_name \
             FROM tax_notice n JOIN taxpayer t ON t.id = n.taxpayer_id \
             JOIN parcel p ON p.taxpayer_id = n.taxpayer_id \
             JOIN property_use u ON u.parcel_id = p.id AND u.tax_year = 2569 \
             WHERE n.tax_year = 2569 AND n.status = 'issued' AND n.tax_satang > 0 AND t.kind = 'individual' \
             ORDER BY n.number LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
    // A receipt of 100 baht on it (as the counter would have taken), then the land's price doubles.
    let (office, device, book, user): (String, String, String, String) = conn.query_row(
        "SELECT b.office_id, b.device_id, b.id, (SELECT id FROM app_user WHERE username = 'finance') \
         FROM receipt_book b WHERE b.fiscal_year = 2569 AND b.book_no = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    conn.execute(
        "INSERT INTO tax_receipt (id, office_id, device_id, created_at, updated_at, book_id, fiscal_year, \
         book_no, number, notice_id, taxpayer_id, payer_name, paid_on, written_on, method, tax_satang, \
         total_satang, received_by, signed_payload) VALUES ('e2e-receipt', ?1, ?2, '2026-03-01T00:00:00Z', \
         '2026-03-01T00:00:00Z', ?3, 2569, 1, 499, ?4, ?5, 'e2e', '2026-03-01', '2026-03-01', 'cash', 10000, \
         10000, ?6, 'x')",
        rusqlite::params![office, device, book, notice, taxpayer, user],
    )?;
    conn.execute(
        "UPDATE parcel SET price_per_sq_wah_satang = price_per_sq_wah_satang * 2 WHERE id = ?1",
        [&parcel],
    )?;
    let paid_satang: i64 = conn.query_row(
        "SELECT sum(tax_satang) FROM tax_receipt WHERE notice_id = ?1 AND status = 'issued'",
        [&notice],
        |r| r.get(0),
    )?;
    drop(conn);

    let out = data.path().join("n").to_string_lossy().into_owned();
    let kept = json(data.path(), FINANCE, &["tax", "notices", "--year", "2569", "--out", &out])?;
    ensure!(kept["kept_paid"] == 1, "{kept}");
    let paid = &kept["paid_notices"][0];
    ensure!(paid["kept"] == true && paid["number"] == number.as_str(), "{paid}");
    ensure!(paid["taxpayer_name"] == name.as_str(), "named: {paid}");
    let expected = format!("{}.{:02}", paid_satang / 100, paid_satang % 100);
    ensure!(
        paid["paid"] == expected.as_str(),
        "every standing receipt counted ({expected}): {paid}"
    );
    let current = |db: &Path| -> Result<String> {
        let conn = rusqlite::Connection::open(db)?;
        Ok(conn.query_row(
            "SELECT number FROM tax_notice WHERE taxpayer_id = ?1 AND tax_year = 2569 AND status = 'issued'",
            [&taxpayer],
            |r| r.get(0),
        )?)
    };
    ensure!(current(&db)? == number, "the paid notice stays current");

    let human = salactl(
        data.path(),
        Some(FINANCE),
        &["tax", "notices", "--year", "2569", "--out", &out, "--reassess"],
    )?;
    let stderr = String::from_utf8_lossy(&human.stderr).into_owned();
    ensure!(human.status.success(), "{stderr}");
    ensure!(
        stderr.contains(&name) && stderr.contains("ยอดที่ชำระแล้วจะนำมาหักจากหนังสือแจ้งฉบับใหม่"),
        "the replaced paid notice is named with the warning:\n{stderr}"
    );
    ensure!(current(&db)? != number, "replaced with --reassess");
    Ok(())
}
