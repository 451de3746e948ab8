//! Notices against a real (in-memory) database: numbering, reuse and supersession, instalments, the year
//! refused without a calendar, batches that resume, and the PDF read back with poppler and zbar.

use std::collections::BTreeSet;
use std::process::Command;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::*;
use crate::auth::Session;
use crate::db::tests::t0;
use crate::db::{Actor, Db, Entity};
use crate::error::ErrorCode;
use crate::i18n::Lang;
use crate::tax::settings::tests::office_with_staff;
use crate::tax::settings::{self, TaxYearSettings};

/// A taxpayer with one parcel in `use_` for 2569: `rai` rai at `price` baht per square wah.
fn taxpayer(db: &mut Db, name: &str, rai: i64, price_baht: i64, use_: &str) -> (String, String) {
    db.write(&Actor::system(), t0(), |w| {
        let t = w.insert(
            Entity::Taxpayer,
            &[
                ("kind", "individual".to_owned().into()),
                ("title", "นาย".to_owned().into()),
                ("name", name.to_owned().into()),
                ("last_name", "ทดสอบดี".to_owned().into()),
                ("address", "9 หมู่ที่ 2 ตำบลทดสอบ".to_owned().into()),
            ],
        )?;
        let p = w.insert(
            Entity::Parcel,
            &[
                ("taxpayer_id", t.clone().into()),
                ("deed_type", "โฉนดที่ดิน".to_owned().into()),
                ("deed_no", format!("{}", 1000 + rai).into()),
                ("location", "หมู่ที่ 2".to_owned().into()),
                ("area_rai", rai.into()),
                ("area_ngan", 0_i64.into()),
                ("area_sq_wah", "0".to_owned().into()),
                ("price_per_sq_wah_satang", (price_baht * 100).into()),
                ("appraisal_round", "2566-2569".to_owned().into()),
            ],
        )?;
        w.insert(
            Entity::PropertyUse,
            &[
                ("tax_year", 2569_i64.into()),
                ("parcel_id", p.clone().into()),
                ("use", use_.to_owned().into()),
            ],
        )?;
        Ok((t, p))
    })
    .expect("taxpayer")
}

fn calendar(db: &mut Db, s: &Session) -> TaxYearSettings {
    let d = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").expect("date");
    let y = TaxYearSettings {
        notice_date: d("2026-02-01"),
        due_date: d("2026-06-30"),
        instalment_dates: [d("2026-06-30"), d("2026-07-31"), d("2026-08-31")],
        ..TaxYearSettings::example(2569)
    };
    settings::save_year(db, s, t0(), &y).expect("calendar")
}

const BILLER: &str = "099400000001400";

fn ready() -> (Db, Session, Session) {
    let (mut db, finance, clerk) = office_with_staff();
    calendar(&mut db, &finance);
    settings::set_biller_id(&mut db, &finance, t0(), BILLER).expect("biller");
    (db, finance, clerk)
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

#[test]
fn a_notice_is_issued_with_the_years_dates_and_reused_while_the_tax_stands() {
    let (mut db, finance, clerk) = ready();
    // 1 rai = 400 sq wah at 10,000 baht: 4,000,000 baht of other use at 0.3 % = 12,000 baht.
    let (t, _) = taxpayer(&mut db, "สมหมาย", 1, 10_000, "other");
    let err = issue(&mut db, &clerk, t0(), &t, 2569).expect_err("a clerk does no tax");
    assert_eq!(err.code(), ErrorCode::NotPermitted);
    let (n, outcome) = issue_with_outcome(&mut db, &finance, t0(), &t, 2569).expect("issued");
    assert_eq!(outcome, IssueOutcome::Issued);
    assert_eq!(n.tax, Satang(1_200_000));
    assert_eq!(n.number, "256901000001");
    assert_eq!(n.issued_on.to_string(), "2026-02-01");
    assert_eq!(n.due_date.to_string(), "2026-06-30");
    assert_eq!(n.status, NoticeStatus::Issued);
    assert_eq!(n.taxpayer_name, "นายสมหมาย ทดสอบดี");
    assert_eq!(n.assessment["tax"], serde_json::json!(1_200_000));
    let audit = count(db.conn(), "SELECT count(*) FROM audit_log");
    let (again, outcome) = issue_with_outcome(&mut db, &finance, t0(), &t, 2569).expect("again");
    assert_eq!((again.id.as_str(), outcome), (n.id.as_str(), IssueOutcome::Reused));
    assert_eq!(count(db.conn(), "SELECT count(*) FROM audit_log"), audit, "reuse writes nothing");
    assert_eq!(by_number(db.conn(), " 256901000001 ").expect("by number").id, n.id);
    assert_eq!(current(db.conn(), &t, 2569).expect("current").map(|c| c.id), Some(n.id));
    assert_eq!(current(db.conn(), &t, 2570).expect("2570"), None);
}

#[test]
fn a_changed_register_supersedes_the_notice_s53() {
    let (mut db, finance, _) = ready();
    let (t, parcel) = taxpayer(&mut db, "สมหมาย", 1, 10_000, "other");
    let first = issue(&mut db, &finance, t0(), &t, 2569).expect("issued");
    set_instalments(&mut db, &finance, t0(), &first.id, 3).expect("3 instalments");
    db.write(&Actor::system(), t0(), |w| {
        w.update(Entity::Parcel, &parcel, &[("price_per_sq_wah_satang", 1_500_000_i64.into())])
    })
    .expect("new price");
    let preview = preview(db.conn(), &finance, &t, 2569).expect("preview");
    assert!(preview.changed, "the screen says the notice is out of date");
    assert_eq!(preview.assessment.tax, Satang(1_800_000));
    let (second, outcome) = issue_with_outcome(&mut db, &finance, t0(), &t, 2569).expect("again");
    assert_eq!(outcome, IssueOutcome::Superseded);
    assert_eq!(second.tax, Satang(1_800_000));
    assert_ne!(second.number, first.number);
    assert_eq!(second.instalments, 3, "the taxpayer's choice carries over");
    let old = by_id(db.conn(), &first.id).expect("old");
    assert_eq!(old.status, NoticeStatus::Superseded);
    assert_eq!(old.superseded_by.as_deref(), Some(second.id.as_str()));
    assert_eq!(current(db.conn(), &t, 2569).expect("current").map(|n| n.id), Some(second.id));
    let err = set_instalments(&mut db, &finance, t0(), &first.id, 2).expect_err("old notice");
    assert_eq!(err.key(), "error.tax.notice_not_current");
}

#[test]
fn no_calendar_no_notice_and_nothing_written() {
    let (mut db, finance, _) = office_with_staff();
    let (t, _) = taxpayer(&mut db, "สมหมาย", 1, 10_000, "other");
    let before = count(db.conn(), "SELECT count(*) FROM audit_log");
    let err = issue(&mut db, &finance, t0(), &t, 2569).expect_err("no calendar");
    assert_eq!(err.key(), "error.tax.no_calendar");
    let message = err.message(Lang::Th);
    assert!(
        message.contains("2569") && message.contains("ตั้งค่า"),
        "says who sets it where: {message}"
    );
    assert_eq!(count(db.conn(), "SELECT count(*) FROM audit_log"), before);
    assert_eq!(count(db.conn(), "SELECT count(*) FROM tax_notice"), 0);
}

#[test]
fn numbers_are_digits_sequential_per_block_and_never_shared_between_pcs() {
    let mut numbers = BTreeSet::new();
    for block in [1, 2] {
        let (mut db, finance, _) = ready();
        settings::set_notice_block(&mut db, &finance, t0(), block).expect("block");
        for i in 1..=3 {
            let (t, _) = taxpayer(&mut db, &format!("คนที่{i}"), i, 1_000, "other");
            let n = issue(&mut db, &finance, t0(), &t, 2569).expect("issued");
            assert_eq!(n.number, format!("25690{block}00000{i}"));
            assert!(n.number.len() <= 20 && n.number.bytes().all(|b| b.is_ascii_digit()));
            assert!(numbers.insert(n.number), "unique across both PCs");
        }
    }
    assert_eq!(numbers.len(), 6);
}

#[test]
fn instalments_need_three_thousand_baht() {
    let (mut db, finance, _) = ready();
    // 400 sq wah × 2,000 baht = 800,000 baht at 0.3 % = 2,400 baht: below 3,000.
    let (small, _) = taxpayer(&mut db, "น้อย", 1, 2_000, "other");
    let n = issue(&mut db, &finance, t0(), &small, 2569).expect("issued");
    let err = set_instalments(&mut db, &finance, t0(), &n.id, 3).expect_err("too small");
    assert_eq!(err.key(), "error.tax.instalment_minimum");
    assert!(
        preview(db.conn(), &finance, &small, 2569).expect("preview").instalment_plan.is_empty()
    );
    let (big, _) = taxpayer(&mut db, "มาก", 2, 10_000, "other");
    let n = issue(&mut db, &finance, t0(), &big, 2569).expect("issued");
    assert_eq!(
        set_instalments(&mut db, &finance, t0(), &n.id, 4).expect_err("4").key(),
        "error.tax.instalment_count"
    );
    assert_eq!(set_instalments(&mut db, &finance, t0(), &n.id, 3).expect("3").instalments, 3);
    let plan = preview(db.conn(), &finance, &big, 2569).expect("preview").instalment_plan;
    assert_eq!(plan.iter().map(|i| i.amount.0).sum::<i64>(), n.tax.0);
    assert_eq!(
        plan.iter().map(|i| i.due.to_string()).collect::<Vec<_>>(),
        ["2026-06-30", "2026-07-31", "2026-08-31"]
    );
}

#[test]
fn a_batch_runs_in_steps_and_a_rerun_issues_nothing_new() {
    let (mut db, finance, _) = ready();
    for i in 1..=5 {
        taxpayer(&mut db, &format!("ลำดับ{i}"), i, 1_000, "other");
    }
    let mut after: Option<String> = None;
    let mut steps = Vec::new();
    loop {
        let p = batch_step(&mut db, &finance, t0(), 2569, after.as_deref(), 2, false, Lang::Th)
            .expect("step");
        steps.push((p.done, p.total, p.issued));
        after = p.last.clone();
        if p.finished() {
            break;
        }
    }
    assert_eq!(steps, [(2, 5, 2), (4, 5, 2), (5, 5, 1)]);
    assert_eq!(count(db.conn(), "SELECT count(*) FROM tax_notice"), 5);
    let again =
        batch_step(&mut db, &finance, t0(), 2569, None, 100, false, Lang::Th).expect("rerun");
    assert_eq!((again.done, again.issued, again.notices.len()), (5, 0, 5));
    assert_eq!(count(db.conn(), "SELECT count(*) FROM tax_notice"), 5);

    let dir = tempfile::tempdir().expect("dir");
    let wrote: Vec<bool> = again
        .notices
        .iter()
        .map(|n| batch::write_pdf(db.conn(), n, dir.path(), Lang::Th).expect("pdf"))
        .collect();
    assert_eq!(wrote, [true; 5]);
    let wrote: Vec<bool> = again
        .notices
        .iter()
        .map(|n| batch::write_pdf(db.conn(), n, dir.path(), Lang::Th).expect("pdf"))
        .collect();
    assert_eq!(wrote, [false; 5], "files already there are skipped");
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 5);

    let (mut bare, finance, _) = office_with_staff();
    let err = batch_step(&mut bare, &finance, t0(), 2569, None, 10, false, Lang::Th)
        .expect_err("no calendar");
    assert_eq!(err.key(), "error.tax.no_calendar");
}

#[test]
fn without_a_biller_id_the_notice_is_refused_clearly() {
    let (mut db, finance, _) = office_with_staff();
    calendar(&mut db, &finance);
    let (t, _) = taxpayer(&mut db, "สมหมาย", 1, 10_000, "other");
    let n = issue(&mut db, &finance, t0(), &t, 2569).expect("issued");
    let err = notice_document(db.conn(), &n.id, Lang::Th).expect_err("no biller");
    assert_eq!(err.key(), "error.tax.no_biller");
}

fn have(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

#[test]
fn the_notice_pdf_reads_back_and_its_qr_pays_the_right_bill() {
    assert!(
        have("pdftotext") && have("pdftoppm") && have("zbarimg"),
        "poppler-utils and zbar-tools"
    );
    let (mut db, finance, _) = ready();
    let (t, _) = taxpayer(&mut db, "สมหมาย", 3, 10_000, "other");
    let n = issue(&mut db, &finance, t0(), &t, 2569).expect("issued");
    // 1,200 sq wah × 10,000 = 12,000,000 baht at 0.3 % = 36,000 baht.
    assert_eq!(n.tax, Satang(3_600_000));
    let doc = notice_document(db.conn(), &n.id, Lang::Th).expect("document");
    let dir = tempfile::tempdir().expect("dir");
    let pdf = dir.path().join("notice.pdf");
    std::fs::write(&pdf, doc.to_pdf().expect("pdf")).expect("write");

    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext");
    let text = String::from_utf8(text.stdout).expect("utf-8");
    for expected in [
        "ภ.ด.ส.6",
        "ภ.ด.ส.7",
        "นายสมหมาย ทดสอบดี",
        "สามหมื่นหกพันบาทถ้วน",
        "36,000.00",
        &n.number,
        "30 มิถุนายน 2569",
        "1 กุมภาพันธ์ 2569",
        "3-0-0",
        "ภ.ด.ส.10",
    ] {
        assert!(text.contains(expected), "{expected:?} in the notice:\n{text}");
    }
    // The instalment plan: 36,000 in three.
    assert!(text.contains("12,000.00") && text.contains("31 สิงหาคม 2569"), "the plan in:\n{text}");

    let prefix = dir.path().join("page");
    let render = Command::new("pdftoppm")
        .args([
            "-r",
            "300",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            "-mono",
            "-aa",
            "no",
            "-aaVector",
            "no",
        ])
        .arg(&pdf)
        .arg(&prefix)
        .output()
        .expect("pdftoppm");
    assert!(render.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&render.stderr));
    let scan = Command::new("zbarimg")
        .args(["-q", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(prefix.with_extension("pbm"))
        .output()
        .expect("zbarimg");
    let payload = String::from_utf8(scan.stdout).expect("utf-8");
    let parsed = crate::thaiqr::parse(payload.trim()).expect("a valid Thai QR");
    assert_eq!(parsed.kind, crate::thaiqr::Kind::BillPayment);
    assert_eq!(parsed.biller_id.as_deref(), Some(BILLER));
    assert_eq!(parsed.ref1.as_deref(), Some(n.number.as_str()));
    assert_eq!(parsed.ref2.as_deref(), Some("2569"));
    assert_eq!(parsed.amount, Some(Satang(3_600_000)));
    let payment = notice_payment(db.conn(), &n).expect("payment").expect("tax to pay");
    assert_eq!(payment.qr_payload, payload.trim());
    assert_eq!(payment.barcode_text, format!("|{BILLER}\r{}\r2569\r3600000", n.number));
    assert!(
        text.contains(&payment.barcode_text.replace('\r', " ")),
        "barcode text printed:\n{text}"
    );
}

#[test]
fn a_condo_unit_is_detailed_on_form_8() {
    let (mut db, finance, _) = ready();
    let t = db
        .write(&Actor::system(), t0(), |w| {
            let t = w.insert(
                Entity::Taxpayer,
                &[("kind", "individual".to_owned().into()), ("name", "ห้องชุด".to_owned().into())],
            )?;
            let c = w.insert(
                Entity::CondoUnit,
                &[
                    ("taxpayer_id", t.clone().into()),
                    ("condo_name", "อาคารชุดทดสอบ".to_owned().into()),
                    ("unit_no", "101".to_owned().into()),
                    ("area_m2", "35".to_owned().into()),
                    ("price_per_m2_satang", 5_000_000_i64.into()),
                    ("appraisal_round", "2566-2569".to_owned().into()),
                ],
            )?;
            w.insert(
                Entity::PropertyUse,
                &[
                    ("tax_year", 2569_i64.into()),
                    ("condo_unit_id", c.into()),
                    ("use", "residential_other".to_owned().into()),
                ],
            )?;
            Ok(t)
        })
        .expect("condo");
    let n = issue(&mut db, &finance, t0(), &t, 2569).expect("issued");
    let doc = notice_document(db.conn(), &n.id, Lang::Th).expect("document");
    let json = serde_json::to_string(&doc).expect("json");
    assert!(json.contains("ภ.ด.ส.8") && !json.contains("(ภ.ด.ส.7)"), "form 8 only");
}

#[test]
fn the_demo_office_has_calendars_a_biller_and_a_2569_notice_for_every_taxpayer() {
    let mut db = Db::open_in_memory(t0()).expect("open");
    crate::office::create_demo_office(&mut db, t0()).expect("demo");
    let years: Vec<i32> =
        settings::years(db.conn()).expect("years").iter().map(|y| y.tax_year).collect();
    assert_eq!(years, [2570, 2569]);
    let y = settings::year(db.conn(), 2569).expect("read").expect("2569");
    assert_eq!(y.due_date.to_string(), "2026-06-30");
    assert_eq!(y.warning_date.map(|d| d.to_string()).as_deref(), Some("2026-07-15"));
    assert_eq!(settings::biller_id(db.conn()).expect("biller").as_deref(), Some("099400052601600"));
    let taxpayers = crate::tax::register::taxpayers_for_year(db.conn(), 2569).expect("taxpayers");
    assert!(taxpayers.len() >= 10, "a register worth a batch: {}", taxpayers.len());
    for t in &taxpayers {
        let n = current(db.conn(), t, 2569).expect("current").expect("a notice for every taxpayer");
        assert!(n.number.starts_with("256901"));
    }
    let first = current(db.conn(), &taxpayers[0], 2569).expect("current").expect("notice");
    notice_document(db.conn(), &first.id, Lang::Th).expect("renders").to_pdf().expect("pdf");
}

/// A receipt of `tax` satang on a notice, written as the payments screen would leave it (`status`: issued
/// or voided).
fn receipt_on(db: &mut Db, s: &Session, notice: &Notice, number: i64, tax: i64, status: &str) {
    let user = s.user().id.clone();
    db.write(&Actor::system(), t0(), |w| {
        let book: Option<String> = w
            .conn()
            .query_row("SELECT id FROM receipt_book WHERE book_no = 77", [], |r| r.get(0))
            .optional()?;
        let book = match book {
            Some(b) => b,
            None => w.insert(
                Entity::ReceiptBook,
                &[
                    ("fiscal_year", 2569_i64.into()),
                    ("book_no", 77_i64.into()),
                    ("last_no", 100_i64.into()),
                    ("assigned_device_id", "test".to_owned().into()),
                ],
            )?,
        };
        w.insert(
            Entity::TaxReceipt,
            &[
                ("book_id", book.into()),
                ("fiscal_year", 2569_i64.into()),
                ("book_no", 77_i64.into()),
                ("number", number.into()),
                ("notice_id", notice.id.clone().into()),
                ("taxpayer_id", notice.taxpayer_id.clone().into()),
                ("payer_name", notice.taxpayer_name.clone().into()),
                ("paid_on", "2026-03-01".to_owned().into()),
                ("written_on", "2026-03-01".to_owned().into()),
                ("method", "cash".to_owned().into()),
                ("tax_satang", tax.into()),
                ("total_satang", tax.into()),
                ("received_by", user.clone().into()),
                ("signed_payload", "x".to_owned().into()),
                ("status", status.to_owned().into()),
            ],
        )?;
        Ok(())
    })
    .expect("receipt");
}

fn reprice(db: &mut Db, parcel: &str, baht: i64) {
    db.write(&Actor::system(), t0(), |w| {
        w.update(Entity::Parcel, parcel, &[("price_per_sq_wah_satang", (baht * 100).into())])
    })
    .expect("new price");
}

#[test]
fn reissuing_over_a_paid_notice_says_what_was_paid_and_counts_it() {
    let (mut db, finance, _) = ready();
    let (t, parcel) = taxpayer(&mut db, "สมหมาย", 1, 10_000, "other");
    let first = issue(&mut db, &finance, t0(), &t, 2569).expect("issued");
    receipt_on(&mut db, &finance, &first, 1, 500_000, "issued");
    receipt_on(&mut db, &finance, &first, 2, 100_000, "voided");
    assert_eq!(
        paid_for_year(db.conn(), &t, 2569).expect("paid"),
        Satang(500_000),
        "voided not counted"
    );

    reprice(&mut db, &parcel, 15_000);
    let r = issue_full(&mut db, &finance, t0(), &t, 2569, false, Lang::Th).expect("reissue");
    assert_eq!(r.outcome, IssueOutcome::Superseded);
    assert!(r.had_payments);
    assert_eq!(r.paid, Satang(500_000));
    assert_eq!(r.previous_number.as_deref(), Some(first.number.as_str()));
    let warning = r.warning.expect("a warning");
    assert!(
        warning.starts_with(
            "หนังสือแจ้งเดิมมีการชำระแล้ว 5,000.00 บาท ยอดที่ชำระแล้วจะนำมาหักจากหนังสือแจ้งฉบับใหม่"
        ),
        "{warning}"
    );
    assert_eq!(by_id(db.conn(), &first.id).expect("old").status, NoticeStatus::Superseded);

    // Payments on any notice of the chain count: a second reassessment still says so.
    reprice(&mut db, &parcel, 20_000);
    let again = issue_full(&mut db, &finance, t0(), &t, 2569, false, Lang::En).expect("again");
    assert_eq!((again.outcome, again.paid), (IssueOutcome::Superseded, Satang(500_000)));
    assert!(again.warning.is_some_and(|w| w.contains("5,000.00") && w.contains("deducted")));

    // Without payments a reassessment has nothing to say.
    let (u, other) = taxpayer(&mut db, "สมศรี", 2, 10_000, "other");
    issue(&mut db, &finance, t0(), &u, 2569).expect("issued");
    reprice(&mut db, &other, 15_000);
    let r = issue_full(&mut db, &finance, t0(), &u, 2569, false, Lang::Th).expect("reissue");
    assert_eq!((r.outcome, r.had_payments, r.warning), (IssueOutcome::Superseded, false, None));
}

#[test]
fn a_year_batch_keeps_a_paid_notice_unless_told_to_reassess() {
    let (mut db, finance, _) = ready();
    let (paid, paid_parcel) = taxpayer(&mut db, "กมล", 1, 10_000, "other");
    let (unpaid, unpaid_parcel) = taxpayer(&mut db, "ขวัญ", 2, 10_000, "other");
    let step = |db: &mut Db, reassess: bool| {
        batch_step(db, &finance, t0(), 2569, None, 10, reassess, Lang::Th).expect("step")
    };
    step(&mut db, false);
    let first = current(db.conn(), &paid, 2569).expect("current").expect("notice");
    receipt_on(&mut db, &finance, &first, 1, 300_000, "issued");
    db.write(&Actor::system(), t0(), |w| {
        w.update(Entity::Taxpayer, &paid, &[("id_no", "3100100123451".to_owned().into())])
    })
    .expect("id");
    reprice(&mut db, &paid_parcel, 15_000);
    reprice(&mut db, &unpaid_parcel, 15_000);

    let p = step(&mut db, false);
    assert_eq!(p.issued, 1, "only the unpaid one is reassessed");
    assert_eq!(p.paid.len(), 1);
    let kept = &p.paid[0];
    assert!(kept.kept);
    assert_eq!(kept.taxpayer_name, "นายกมล ทดสอบดี");
    assert_eq!(kept.id_no_masked.as_deref(), Some("3-1001-xxxxx-xx-1"));
    assert_eq!((kept.number.as_str(), kept.paid), (first.number.as_str(), Satang(300_000)));
    assert!(
        kept.message.contains("3,000.00") && kept.message.contains(&first.number),
        "{}",
        kept.message
    );
    assert_eq!(
        current(db.conn(), &paid, 2569).expect("current").map(|n| n.id),
        Some(first.id.clone()),
        "the paid notice stays current"
    );
    assert!(p.notices.contains(&first.id), "its PDF is still part of the run");
    // 800 sq wah × 15,000 baht = 12,000,000 baht at 0.3 %.
    assert_eq!(
        current(db.conn(), &unpaid, 2569).expect("current").expect("n").tax,
        Satang(3_600_000)
    );

    // Told to reassess, it is replaced and still reported.
    let p = step(&mut db, true);
    assert_eq!(p.issued, 1);
    assert_eq!(p.paid.len(), 1);
    assert!(!p.paid[0].kept);
    assert_eq!(p.paid[0].number, first.number, "the replaced notice");
    assert!(p.paid[0].message.contains("หักจากหนังสือแจ้งฉบับใหม่"), "{}", p.paid[0].message);
    let now = current(db.conn(), &paid, 2569).expect("current").expect("notice");
    assert_ne!(now.id, first.id);
    assert_eq!(by_id(db.conn(), &first.id).expect("old").superseded_by, Some(now.id));
    // Nothing changed since: nothing more to report.
    assert!(step(&mut db, false).paid.is_empty());
}

#[test]
fn a_batch_failure_names_the_taxpayer_with_the_id_masked() {
    let (mut db, finance, _) = ready();
    let (t, parcel) = taxpayer(&mut db, "ผิดพลาด", 1, 1_000, "other");
    db.write(&Actor::system(), t0(), |w| {
        w.update(Entity::Taxpayer, &t, &[("id_no", "3100100123451".to_owned().into())])?;
        // Vacant since a year after the tax year: the engine refuses the part.
        w.insert(
            Entity::PropertyUse,
            &[
                ("tax_year", 2569_i64.into()),
                ("parcel_id", parcel.clone().into()),
                ("use", "vacant".to_owned().into()),
                ("share_percent", "10".to_owned().into()),
                ("vacant_since", 2575_i64.into()),
            ],
        )?;
        Ok(())
    })
    .expect("bad use");
    let p = batch_step(&mut db, &finance, t0(), 2569, None, 10, false, Lang::Th).expect("step");
    assert_eq!(p.failures.len(), 1, "{p:?}");
    let f = &p.failures[0];
    assert_eq!(f.taxpayer_name, "นายผิดพลาด ทดสอบดี");
    assert_eq!(f.id_no_masked.as_deref(), Some("3-1001-xxxxx-xx-1"));
    assert!(!f.message.is_empty());
}

#[test]
fn the_document_title_is_a_message_in_the_papers_language() {
    let (mut db, finance, _) = ready();
    let (t, _) = taxpayer(&mut db, "สมหมาย", 1, 10_000, "other");
    let n = issue(&mut db, &finance, t0(), &t, 2569).expect("issued");
    assert_eq!(document::title(&n.number, Lang::Th), format!("ภ.ด.ส.6 {}", n.number));
    let en = notice_document(db.conn(), &n.id, Lang::En).expect("document");
    assert_eq!(en.title, format!("Tax notice (ภ.ด.ส.6) {}", n.number));
    assert!(!batch::already_printed(db.conn(), &n.id).expect("printed"));
}
