//! `salactl tax pay` and `salactl receipt …` against the demo office: two processes paying at the same time on
//! one database draw unique, gap-free receipt numbers; a receipt's PDF carries its Thai text and a QR that
//! scans back to a payload `salactl receipt verify` accepts, while a tampered one is refused with the reason.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::{FINANCE, PALAD, json, salactl, tool};
use anyhow::{Context, Result, ensure};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chrono::{Datelike, Utc};
use sala_tests::TempDataDir;
use serde_json::Value;

/// The demo office, with book 9 of the current fiscal year for this PC when the demo has none for it.
fn office() -> Result<(TempDataDir, i64)> {
    let data = TempDataDir::new()?;
    let init = salactl(data.path(), None, &["init", "--demo"])?;
    ensure!(init.status.success(), "init --demo: {}", String::from_utf8_lossy(&init.stderr));
    let today = Utc::now().with_timezone(&sala_core::thai::date::office_offset()).date_naive();
    let fy = i64::from(today.year() + 543 + i32::from(today.month() >= 10));
    let books = json(
        data.path(),
        FINANCE,
        &["receipt", "books", "list", "--fiscal-year", &fy.to_string()],
    )?;
    if books.as_array().is_none_or(Vec::is_empty) {
        let fy = fy.to_string();
        json(
            data.path(),
            FINANCE,
            &["receipt", "books", "assign", "--fiscal-year", &fy, "--book", "9", "--last", "500"],
        )?;
    }
    Ok((data, fy))
}

/// Two 2569 notices with at least 20 baht unpaid.
fn two_notices(dir: &Path) -> Result<[String; 2]> {
    let arrears = json(dir, FINANCE, &["tax", "arrears", "--year", "2569"])?;
    let numbers: Vec<String> = arrears["lines"]
        .as_array()
        .context("arrears lines")?
        .iter()
        .filter(|l| l["unpaid"].as_i64().is_some_and(|u| u >= 2_000))
        .filter_map(|l| l["number"].as_str().map(str::to_owned))
        .collect();
    ensure!(numbers.len() >= 2, "two demo notices in arrears: {arrears}");
    Ok([numbers[0].clone(), numbers[1].clone()])
}

#[test]
fn two_processes_paying_at_once_get_unique_gap_free_numbers() -> Result<()> {
    let (data, fy) = office()?;
    let dir: PathBuf = data.path().to_owned();
    let notices = two_notices(&dir)?;
    let workers: Vec<_> = notices
        .iter()
        .map(|notice| {
            let dir = dir.clone();
            let notice = notice.clone();
            std::thread::spawn(move || -> Result<Vec<(i64, i64, i64)>> {
                (0..20)
                    .map(|_| {
                        let r = json(
                            &dir,
                            FINANCE,
                            &[
                                "tax", "pay", "--notice", &notice, "--amount", "1", "--method",
                                "cash",
                            ],
                        )?;
                        Ok((
                            r["fiscal_year"].as_i64().context("fy")?,
                            r["book_no"].as_i64().context("book")?,
                            r["number"].as_i64().context("number")?,
                        ))
                    })
                    .collect()
            })
        })
        .collect();
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.join().map_err(|_| anyhow::anyhow!("a worker panicked"))??);
    }
    ensure!(all.len() == 40, "40 receipts: {all:?}");
    ensure!(all.iter().all(|(y, _, _)| *y == fy), "all in fiscal year {fy}: {all:?}");
    let book = all[0].1;
    ensure!(all.iter().all(|(_, b, _)| *b == book), "all from one book: {all:?}");
    let mut numbers: Vec<i64> = all.iter().map(|(_, _, n)| *n).collect();
    numbers.sort_unstable();
    ensure!(numbers == (1..=40).collect::<Vec<_>>(), "unique and gap-free 1..40: {numbers:?}");
    // The control register agrees: 40 issued, none voided, the rest of the book unused.
    let reg = json(&dir, FINANCE, &["receipt", "register", "--fiscal-year", &fy.to_string()])?;
    let b = reg["books"]
        .as_array()
        .and_then(|bs| bs.iter().find(|b| b["book_no"] == book))
        .context("book")?;
    ensure!(b["issued"] == 40 && b["voided"] == 0 && b["accounted"] == true, "{b}");
    Ok(())
}

#[test]
fn a_receipt_pdf_scans_to_a_payload_that_verifies_and_a_tampered_one_is_refused() -> Result<()> {
    tool("pdftotext")?;
    tool("zbarimg")?;
    let (data, fy) = office()?;
    let dir = data.path();
    let [notice, _] = two_notices(dir)?;
    let pdf = dir.join("receipt.pdf");
    let pdf_text = pdf.display().to_string();
    let r = json(
        dir,
        FINANCE,
        &[
            "tax",
            "pay",
            "--notice",
            &notice,
            "--amount",
            "12.50",
            "--method",
            "transfer",
            "--reference",
            "KTB 4455",
            "--pdf",
            &pdf_text,
        ],
    )?;
    ensure!(r["fiscal_year"] == fy && r["tax"] == 1250, "{r}");
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output()?;
    let text = String::from_utf8(text.stdout)?;
    for needle in ["ใบเสร็จรับเงิน", "ภาษีที่ดินและสิ่งปลูกสร้าง", "KTB 4455", &notice]
    {
        ensure!(text.contains(needle), "{needle} in the receipt: {text}");
    }
    let total = sala_core::money::Satang(r["total"].as_i64().context("total")?);
    let words = sala_core::thai::baht::baht_text(total);
    ensure!(text.contains(&words), "the total in Thai words ({words}): {text}");

    let prefix = dir.join("receipt");
    let png = Command::new("pdftoppm")
        .args(["-r", "200", "-singlefile", "-png"])
        .arg(&pdf)
        .arg(&prefix)
        .status()?;
    ensure!(png.success(), "pdftoppm");
    let scan = Command::new("zbarimg")
        .args(["-q", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(prefix.with_extension("png"))
        .output()?;
    let payload = String::from_utf8(scan.stdout)?.trim().to_owned();
    ensure!(
        payload == r["payload"].as_str().unwrap_or_default(),
        "the QR is the receipt's payload: {payload}"
    );

    let ok = salactl(dir, None, &["receipt", "verify", &payload])?;
    let out = String::from_utf8_lossy(&ok.stdout);
    ensure!(
        ok.status.success() && out.contains("ใบเสร็จถูกต้อง"),
        "valid: {out}{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    // One digit of the signed facts changed (the tax, 1250 satang, becomes 9250): the signature no longer matches.
    let mut parts: Vec<String> = payload.split('.').map(str::to_owned).collect();
    let facts = String::from_utf8(B64.decode(&parts[2])?)?;
    ensure!(facts.contains("|1250|"), "the facts carry the tax in satang: {facts}");
    parts[2] = B64.encode(facts.replacen("|1250|", "|9250|", 1));
    let tampered = parts.join(".");
    let bad = salactl(dir, None, &["receipt", "verify", &tampered])?;
    let err = String::from_utf8_lossy(&bad.stderr);
    ensure!(bad.status.code() == Some(1), "tampered exits 1: {:?}", bad.status);
    ensure!(err.contains("ถูกแก้ไข"), "the reason is printed: {err}");
    let other = salactl(dir, None, &["receipt", "verify", "SALA-Q:6310101:2026-11-24:A001"])?;
    ensure!(other.status.code() == Some(1), "a queue slip is no receipt");

    // Voided by the supervisor: the same QR is now refused as voided.
    let (book, number) = (r["book_no"].to_string(), r["number"].to_string());
    json(
        dir,
        PALAD,
        &[
            "receipt",
            "void",
            "--book",
            &book,
            "--number",
            &number,
            "--reason",
            "ทดสอบยกเลิก",
            "--fiscal-year",
            &fy.to_string(),
        ],
    )?;
    let voided = salactl(dir, None, &["--lang", "en", "receipt", "verify", &payload])?;
    ensure!(voided.status.code() == Some(1), "voided exits 1");
    ensure!(
        String::from_utf8_lossy(&voided.stderr).contains("voided"),
        "{}",
        String::from_utf8_lossy(&voided.stderr)
    );
    Ok(())
}

/// Copies a data folder (a second PC's snapshot of the database).
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

#[test]
fn a_receipt_voided_elsewhere_is_refused_where_its_record_has_not_arrived() -> Result<()> {
    let (data, fy) = office()?;
    let dir = data.path();
    let [notice, _] = two_notices(dir)?;
    let pay = |extra: &[&str]| -> Result<Value> {
        let mut args = vec!["tax", "pay", "--notice", &notice, "--amount", "3", "--method", "cash"];
        args.extend_from_slice(extra);
        json(dir, FINANCE, &args)
    };
    pay(&[])?; // the office's signing key exists from here on
    // Another PC's copy of the database: it has the office's key but not the receipts that follow.
    let other = TempDataDir::new()?;
    copy_dir(dir, other.path())?;
    let r = pay(&["--extension-kept"])?;
    ensure!(r["items"][0]["extension_kept"] == true, "the kept extension is on the receipt: {r}");
    let payload = r["payload"].as_str().context("payload")?.to_owned();
    let issued = salactl(other.path(), None, &["receipt", "verify", &payload])?;
    ensure!(issued.status.success(), "valid, not in this database yet: {issued:?}");

    let (book, number) = (r["book_no"].to_string(), r["number"].to_string());
    let v = json(
        dir,
        PALAD,
        &[
            "receipt",
            "void",
            "--book",
            &book,
            "--number",
            &number,
            "--reason",
            "รับเงินผิดราย",
            "--fiscal-year",
            &fy.to_string(),
        ],
    )?;
    let voided = v["payload"].as_str().context("voided payload")?;
    ensure!(voided != payload, "the cancelled copy is re-signed as voided");
    let out = salactl(other.path(), None, &["receipt", "verify", voided])?;
    let err = String::from_utf8_lossy(&out.stderr);
    ensure!(out.status.code() == Some(1), "a voided receipt exits 1 even off-record: {out:?}");
    ensure!(err.contains("ใบเสร็จนี้ถูกยกเลิกแล้ว"), "the reason is printed: {err}");
    Ok(())
}
