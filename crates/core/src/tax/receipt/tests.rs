//! Payments and receipts against a real (in-memory) database: numbering, part payments, instalments and late
//! charges, voiding, the verification QR, the control register, the cash summary and the arrears.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;
use crate::auth::{Role, Session, UserSummary};
use crate::db::tests::db_with_office;
use crate::db::{Actor, Db, Entity};
use crate::error::ErrorCode;
use crate::tax::late::Stage;
use crate::tax::settings::{TaxYearSettings, save_year_in};

/// 2026-11-24 09:00 office time.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 2, 0, 0).single().expect("time")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

struct Fixture {
    db: Db,
    finance: Session,
    finance2: Session,
    palad: Session,
    clerk: Session,
    device: String,
}

fn user(db: &mut Db, username: &str, name: &str, role: Role) -> Session {
    let id = db
        .write(&Actor::system(), now(), |w| {
            w.insert(
                Entity::User,
                &[
                    ("username", username.to_owned().into()),
                    ("display_name", name.to_owned().into()),
                    ("role", role.as_str().to_owned().into()),
                    ("password_hash", "x".to_owned().into()),
                ],
            )
        })
        .expect("user");
    Session::for_tests(UserSummary {
        id,
        username: username.into(),
        display_name: name.into(),
        role,
    })
}

/// An office with four users, a 2569 calendar (single payment due 2026-06-30; instalments 06-30, 07-31,
/// 08-31; no warning yet) and no books.
fn fixture() -> Fixture {
    let mut db = db_with_office();
    let finance = user(&mut db, "finance", "นางสาวการเงิน ขยัน", Role::Finance);
    let finance2 = user(&mut db, "finance2", "นายรับเงิน สอง", Role::Finance);
    let palad = user(&mut db, "palad", "นายปลัด ใจดี", Role::Supervisor);
    let clerk = user(&mut db, "clerk", "นางธุรการ", Role::Clerk);
    db.write(&Actor::system(), now(), |w| {
        save_year_in(
            w,
            &TaxYearSettings {
                tax_year: 2569,
                notice_date: d("2026-02-15"),
                due_date: d("2026-06-30"),
                instalment_dates: [d("2026-06-30"), d("2026-07-31"), d("2026-08-31")],
                warning_date: None,
                warning_days: 30,
                rates: None,
                reductions: None,
            },
        )
    })
    .expect("calendar");
    let device = db.device_id().expect("device");
    Fixture { db, finance, finance2, palad, clerk, device }
}

impl Fixture {
    /// A taxpayer and an issued 2569 notice of `tax` in `instalments`.
    fn notice(&mut self, number: &str, tax: i64, instalments: i64) -> String {
        self.db
            .write(&Actor::system(), now(), |w| {
                let taxpayer = w.insert(
                    Entity::Taxpayer,
                    &[
                        ("kind", "individual".to_owned().into()),
                        ("title", "นาย".to_owned().into()),
                        ("name", format!("สมชาย{number}").into()),
                        ("last_name", "ใจดี".to_owned().into()),
                        ("address", "12 หมู่ 3 ตำบลบ้านสาธิต".to_owned().into()),
                    ],
                )?;
                w.insert(
                    Entity::TaxNotice,
                    &[
                        ("taxpayer_id", taxpayer.into()),
                        ("tax_year", 2569_i64.into()),
                        ("number", number.to_owned().into()),
                        ("issued_on", "2026-02-15".to_owned().into()),
                        ("due_date", "2026-06-30".to_owned().into()),
                        ("tax_satang", tax.into()),
                        ("assessment", "{}".to_owned().into()),
                        ("instalments", instalments.into()),
                    ],
                )
            })
            .expect("notice")
    }

    fn book(&mut self, fy: i32, book: u32, first: u32, last: u32) -> ReceiptBook {
        let device = self.device.clone();
        assign_book(&mut self.db, &self.finance, now(), fy, book, first, last, &device)
            .expect("book")
    }

    fn pay(&mut self, notice: &str, baht: i64, on: &str) -> crate::Result<Receipt> {
        self.pay_as(&self.finance.clone(), notice, Satang(baht * 100), on)
    }

    fn pay_as(
        &mut self,
        who: &Session,
        notice: &str,
        amount: Satang,
        on: &str,
    ) -> crate::Result<Receipt> {
        let input = PaymentInput {
            notice_id: notice.to_owned(),
            tax_amount: amount,
            method: Method::Cash,
            reference: None,
            payer_name: None,
            paid_on: Some(on.to_owned()),
        };
        take_payment(&mut self.db, who, now(), &input)
    }

    fn count(&self, sql: &str) -> i64 {
        self.db.conn().query_row(sql, [], |r| r.get(0)).expect("count")
    }
}

#[test]
fn numbers_are_gap_free_across_books_and_a_full_book_is_marked() {
    let mut f = fixture();
    let n = f.notice("690001", 1_000_000, 1);
    f.book(2569, 1, 1, 3);
    f.book(2569, 2, 1, 50);
    let numbers: Vec<String> =
        (0..5).map(|_| f.pay(&n, 10, "2026-06-01").expect("pay").book_number()).collect();
    assert_eq!(numbers, ["1/1", "1/2", "1/3", "2/1", "2/2"]);
    let books = books(f.db.conn(), &f.finance, Some(2569)).expect("books");
    assert_eq!(books[0].status, "full", "book 1 is full once its last number is used");
    assert_eq!(books[1].next_no, Some(3));
    // Receipts dated in October draw from the new fiscal year's books only.
    let err = f.pay(&n, 10, "2026-10-01").expect_err("no 2570 book");
    assert_eq!(err.key(), "error.tax.book.none");
    assert!(err.to_string().contains("หัวหน้าการเงิน"), "{err}");
    assert!(err.to_string().contains("2570"), "{err}");
    f.book(2570, 1, 1, 100);
    assert_eq!(f.pay(&n, 10, "2026-10-01").expect("2570").book_number(), "1/1");
}

#[test]
fn without_a_book_nothing_is_written() {
    let mut f = fixture();
    let n = f.notice("690001", 500_000, 1);
    let before = f.count("SELECT count(*) FROM audit_log");
    let err = f.pay(&n, 100, "2026-06-01").expect_err("no book");
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert_eq!(f.count("SELECT count(*) FROM audit_log"), before, "no key, no receipt, no audit");
    assert_eq!(f.count("SELECT count(*) FROM setting WHERE key LIKE 'tax.%'"), 0);
}

#[test]
fn a_book_number_is_given_once_per_fiscal_year() {
    let mut f = fixture();
    f.book(2569, 1, 1, 100);
    let device = f.device.clone();
    let err = assign_book(&mut f.db, &f.finance, now(), 2569, 1, 101, 200, "another-pc")
        .expect_err("taken");
    assert_eq!(err.key(), "error.tax.book.taken");
    assert!(err.to_string().contains("เล่มที่ 1"), "{err}");
    let err =
        assign_book(&mut f.db, &f.finance, now(), 2569, 2, 50, 10, &device).expect_err("range");
    assert_eq!(err.key(), "error.tax.book.range");
    let err = assign_book(&mut f.db, &f.clerk, now(), 2569, 3, 1, 10, &device).expect_err("clerk");
    assert_eq!(err.code(), ErrorCode::NotPermitted);
    // The same book number in the next fiscal year is a different book.
    f.book(2570, 1, 1, 100);
}

#[test]
fn a_part_payment_then_the_rest() {
    let mut f = fixture();
    f.book(2569, 1, 1, 100);
    let n = f.notice("690001", 100_000, 1); // 1,000.00
    let first = f.pay(&n, 400, "2026-06-10").expect("part");
    assert_eq!(
        (first.tax, first.penalty, first.surcharge, first.total),
        (Satang(40_000), Satang(0), Satang(0), Satang(40_000))
    );
    let o = outstanding(f.db.conn(), &f.finance, &n, d("2026-06-20")).expect("owed");
    assert_eq!((o.paid, o.unpaid, o.suggested), (Satang(40_000), Satang(60_000), Satang(60_000)));
    let err = f.pay(&n, 601, "2026-06-20").expect_err("overpay");
    assert_eq!(err.key(), "error.tax.pay.overpay");
    assert!(err.to_string().contains("600.00"), "{err}");
    let err = f.pay(&n, 0, "2026-06-20").expect_err("zero");
    assert_eq!(err.key(), "error.tax.pay.amount_zero");
    let err = f.pay(&n, 600, "2026-11-25").expect_err("tomorrow");
    assert_eq!(err.key(), "error.tax.pay.future");
    let rest = f.pay(&n, 600, "2026-06-20").expect("rest");
    assert_eq!(rest.book_number(), "1/2");
    let o = outstanding(f.db.conn(), &f.finance, &n, d("2026-11-24")).expect("owed");
    assert_eq!((o.unpaid, o.total_due), (Satang(0), Satang(0)));
    assert_eq!(f.pay(&n, 1, "2026-06-20").expect_err("paid").key(), "error.tax.pay.nothing_due");
}

#[test]
fn late_charges_fall_on_the_missed_instalment_only() {
    let mut f = fixture();
    f.book(2569, 1, 1, 100);
    let n = f.notice("690002", 900_000, 3); // 9,000.00 in 3 × 3,000.00
    let o = outstanding(f.db.conn(), &f.finance, &n, d("2026-06-20")).expect("owed");
    let shares: Vec<(i64, &str)> =
        o.instalments.iter().map(|i| (i.amount.0, i.due_date.as_str())).collect();
    assert_eq!(shares, [(300_000, "2026-06-30"), (300_000, "2026-07-31"), (300_000, "2026-08-31")]);
    assert_eq!(o.suggested, Satang(300_000), "the next instalment is offered");
    f.pay(&n, 3000, "2026-06-20").expect("instalment 1 on time");
    // Instalment 2 is missed (due 31 July); on 10 August instalments 2 and 3 are paid together.
    let r = f.pay(&n, 6000, "2026-08-10").expect("2 and 3");
    assert_eq!(r.items.len(), 2);
    let (two, three) = (&r.items[0], &r.items[1]);
    assert_eq!((two.instalment, two.months, two.penalty_percent), (2, 1, 10));
    assert_eq!((two.penalty, two.surcharge), (Satang(30_000), Satang(3_000)));
    assert_eq!(
        (three.instalment, three.months, three.penalty, three.surcharge),
        (3, 0, Satang(0), Satang(0))
    );
    assert_eq!(
        (r.tax, r.penalty, r.surcharge, r.total),
        (Satang(600_000), Satang(30_000), Satang(3_000), Satang(633_000))
    );
    let text = doc_text(&receipt_document(f.db.conn(), &r).expect("doc"));
    assert!(text.contains("เบี้ยปรับ ร้อยละ 10"), "{text}");
    assert!(text.contains("เงินเพิ่ม ร้อยละ 1 ต่อเดือน 1 เดือน"));
    assert!(text.contains("งวดที่ 2 จาก 3"));
    assert!(text.contains("หกพันสามร้อยสามสิบบาทถ้วน"), "the total in Thai words");
}

#[test]
fn the_warning_notice_sets_the_penalty_stage() {
    let mut f = fixture();
    f.db.write(&Actor::system(), now(), |w| {
        save_year_in(
            w,
            &TaxYearSettings {
                tax_year: 2569,
                notice_date: d("2026-02-15"),
                due_date: d("2026-06-30"),
                instalment_dates: [d("2026-06-30"), d("2026-07-31"), d("2026-08-31")],
                warning_date: Some(d("2026-09-01")),
                warning_days: 30,
                rates: None,
                reductions: None,
            },
        )
    })
    .expect("warning");
    let n = f.notice("690003", 100_000, 1);
    let stage = |on: &str| outstanding(f.db.conn(), &f.finance, &n, d(on)).expect("owed");
    assert_eq!(stage("2026-08-15").stage, Stage::BeforeWarning);
    let within = stage("2026-09-20");
    assert_eq!((within.stage, within.penalty), (Stage::WithinWarning, Satang(20_000)));
    let after = stage("2026-10-15");
    assert_eq!((after.stage, after.penalty), (Stage::AfterWarning, Satang(40_000)));
    assert_eq!(after.surcharge, Satang(4_000), "4 started months × 1 %");
}

#[test]
fn a_voided_receipt_keeps_its_number_and_its_tax_is_unpaid_again() {
    let mut f = fixture();
    f.book(2569, 1, 1, 10);
    let n = f.notice("690001", 100_000, 1);
    let r1 = f.pay(&n, 300, "2026-06-01").expect("pay");
    let r2 = f.pay(&n, 200, "2026-06-01").expect("pay");
    let err = void_receipt(&mut f.db, &f.finance2, now(), &r1.id, "ผิดคน").expect_err("finance");
    assert_eq!(err.code(), ErrorCode::NotPermitted);
    let err = void_receipt(&mut f.db, &f.palad, now(), &r1.id, "  ").expect_err("reason");
    assert_eq!(err.key(), "error.tax.void.reason");
    let v = void_receipt(&mut f.db, &f.palad, now(), &r1.id, "รับเงินซ้ำ").expect("void");
    assert_eq!(
        (v.status, v.book_number(), v.void_reason.as_deref()),
        (ReceiptStatus::Voided, "1/1".into(), Some("รับเงินซ้ำ"))
    );
    assert_eq!(v.voided_by_name.as_deref(), Some("นายปลัด ใจดี"));
    assert_eq!(
        void_receipt(&mut f.db, &f.palad, now(), &r1.id, "อีก").expect_err("twice").key(),
        "error.tax.void.already"
    );
    let o = outstanding(f.db.conn(), &f.finance, &n, d("2026-06-02")).expect("owed");
    assert_eq!(o.unpaid, Satang(80_000), "the voided 300 baht are owed again");
    assert_eq!(
        f.pay(&n, 100, "2026-06-02").expect("next").book_number(),
        "1/3",
        "no number reused"
    );
    let text = doc_text(&receipt_document(f.db.conn(), &v).expect("doc"));
    assert!(text.contains("ยกเลิก") && text.contains("รับเงินซ้ำ"), "{text}");
    // A supervisor may not void a receipt they took themselves.
    let own = f.pay_as(&f.palad.clone(), &n, Satang(100), "2026-06-02").expect("palad takes money");
    assert_eq!(
        void_receipt(&mut f.db, &f.palad, now(), &own.id, "x").expect_err("own").key(),
        "error.tax.void.own"
    );
    assert_ne!(r2.id, v.id);
}

#[test]
fn the_control_register_accounts_for_every_number() {
    let mut f = fixture();
    f.book(2569, 1, 1, 10);
    f.book(2569, 2, 11, 20);
    let n = f.notice("690001", 1_000_000, 1);
    let ids: Vec<String> = (0..4).map(|_| f.pay(&n, 5, "2026-06-01").expect("pay").id).collect();
    void_receipt(&mut f.db, &f.palad, now(), &ids[1], "พิมพ์ผิด").expect("void");
    let reg = control_register(f.db.conn(), &f.finance, 2569).expect("register");
    let b1 = &reg.books[0];
    assert_eq!((b1.issued, b1.voided, b1.unused), (3, 1, 6));
    assert_eq!(b1.voided_numbers, [2]);
    assert_eq!(b1.unused_ranges, [[5, 10]]);
    assert_eq!(b1.total, Satang(1_500));
    assert!(b1.accounted);
    let b2 = &reg.books[1];
    assert_eq!(
        (b2.issued, b2.voided, b2.unused, b2.unused_ranges.clone()),
        (0, 0, 10, vec![[11, 20]])
    );
    assert_eq!((reg.issued, reg.voided, reg.total), (3, 1, Satang(1_500)));
    assert!(control_register(f.db.conn(), &f.clerk, 2569).is_err(), "clerks do not see it");
}

#[test]
fn the_cash_summary_is_per_clerk_and_method_with_voided_apart() {
    let mut f = fixture();
    f.book(2569, 1, 1, 100);
    let n = f.notice("690001", 1_000_000, 1);
    f.pay(&n, 100, "2026-06-01").expect("cash");
    let input = PaymentInput {
        notice_id: n.clone(),
        tax_amount: Satang(25_000),
        method: Method::Transfer,
        reference: Some("KTB 123".into()),
        payer_name: Some("นางสมหญิง ใจดี".into()),
        paid_on: Some("2026-06-01".into()),
    };
    take_payment(&mut f.db, &f.finance2, now(), &input).expect("transfer");
    let cheque = PaymentInput { method: Method::Cheque, reference: None, ..input.clone() };
    let err = take_payment(&mut f.db, &f.finance2, now(), &cheque).expect_err("no cheque number");
    assert_eq!(err.key(), "error.tax.pay.reference_cheque");
    let voided = f.pay(&n, 50, "2026-06-01").expect("cash");
    void_receipt(&mut f.db, &f.palad, now(), &voided.id, "ลูกค้าขอคืน").expect("void");
    f.pay(&n, 1, "2026-06-02").expect("another day");
    let s = cash_summary(f.db.conn(), &f.finance, d("2026-06-01"), None).expect("summary");
    assert_eq!((s.count, s.total), (2, Satang(35_000)));
    assert_eq!(s.clerks.len(), 2);
    let mine = s.clerks.iter().find(|c| c.user_id == f.finance.user().id).expect("finance");
    assert_eq!((mine.count, mine.total), (1, Satang(10_000)));
    let transfer = s.methods.iter().find(|m| m.method == Method::Transfer).expect("transfer");
    assert_eq!((transfer.count, transfer.total), (1, Satang(25_000)));
    assert_eq!(s.voided.len(), 1);
    let one = cash_summary(f.db.conn(), &f.finance, d("2026-06-01"), Some(&f.finance2.user().id))
        .expect("one");
    assert_eq!((one.clerks.len(), one.total), (1, Satang(25_000)));
    let doc = doc_text(&cash_summary_document(f.db.conn(), &s).expect("doc"));
    assert!(doc.contains("ใบสรุปการรับเงินประจำวัน") && doc.contains("ลูกค้าขอคืน"), "{doc}");
    assert!(doc.contains("สามร้อยห้าสิบบาทถ้วน"), "the day's total in words");
}

#[test]
fn arrears_list_what_is_unpaid_with_late_charges() {
    let mut f = fixture();
    f.book(2569, 1, 1, 100);
    let paid = f.notice("690001", 100_000, 1);
    let part = f.notice("690002", 200_000, 1);
    f.notice("690003", 50_000, 1);
    f.pay(&paid, 1000, "2026-06-01").expect("in full");
    f.pay(&part, 500, "2026-06-01").expect("part");
    let a = arrears(f.db.conn(), &f.finance, 2569, d("2026-08-15")).expect("arrears");
    let numbers: Vec<&str> = a.lines.iter().map(|l| l.number.as_str()).collect();
    assert_eq!(numbers, ["690002", "690003"]);
    let l = &a.lines[0];
    assert_eq!(
        (l.unpaid, l.penalty, l.surcharge, l.months_late),
        (Satang(150_000), Satang(15_000), Satang(3_000), 2)
    );
    assert_eq!(a.unpaid, Satang(200_000));
}

/// Every text of a document, one span after another.
fn doc_text(doc: &crate::doc::Document) -> String {
    use crate::doc::Block;
    fn walk(blocks: &[Block], out: &mut String) {
        for b in blocks {
            match b {
                Block::Text(p) => p.spans.iter().for_each(|s| out.push_str(&s.text)),
                Block::Table(t) => {
                    t.header.iter().for_each(|h| out.push_str(h));
                    t.rows.iter().flatten().flatten().for_each(|s| out.push_str(&s.text));
                }
                Block::Boxed(b) => walk(&b.blocks, out),
                Block::Row(cells) => cells.iter().for_each(|c| walk(&c.blocks, out)),
                _ => {}
            }
            out.push('\n');
        }
    }
    let mut out = String::new();
    walk(&doc.blocks, &mut out);
    out
}

fn flip_fact(payload: &str) -> String {
    let parts: Vec<&str> = payload.split('.').collect();
    let facts = String::from_utf8(B64.decode(parts[2]).expect("b64")).expect("utf8");
    // 100.00 baht of tax becomes 900.00: one character.
    let tampered = facts.replacen("|10000|", "|90000|", 1);
    assert_ne!(tampered, facts);
    format!("{}.{}.{}.{}", parts[0], parts[1], B64.encode(tampered), parts[3])
}

#[test]
fn the_verification_qr_checks_out_and_says_what_is_wrong() {
    let mut f = fixture();
    f.book(2569, 1, 1, 100);
    let n = f.notice("690001", 100_000, 1);
    let r = f.pay(&n, 100, "2026-06-01").expect("pay");
    assert!(r.payload.starts_with("SALA-R1."), "{}", r.payload);
    assert!(r.payload.len() < 220, "short enough for a small QR: {}", r.payload.len());
    let ok = verify(f.db.conn(), &r.payload).expect("valid");
    assert_eq!((ok.facts.book_no, ok.facts.number, ok.facts.tax), (1, 1, Satang(10_000)));
    assert_eq!((ok.facts.office_code.as_str(), ok.facts.notice_number.as_str()), ("T1", "690001"));
    assert!(ok.in_database);

    let err = verify(f.db.conn(), &flip_fact(&r.payload)).expect_err("tampered");
    assert_eq!(err.key(), "error.tax.verify.tampered");
    assert!(err.to_string().contains("ถูกแก้ไข"), "{err}");

    let facts = ok.facts;
    let forged = signing::sign(&signing::test_key(7), &facts);
    assert_eq!(
        verify(f.db.conn(), &forged).expect_err("other key").key(),
        "error.tax.verify.unknown_key"
    );

    for bad in ["SALA-R1.abc", "SALA-R1.x.y.z", "", "SALA-R1..."] {
        let key = verify(f.db.conn(), bad).expect_err(bad).key();
        assert!(
            key == "error.tax.verify.malformed" || key == "error.tax.verify.not_sala",
            "{bad}: {key}"
        );
    }
    assert_eq!(
        verify(f.db.conn(), "SALA-Q:T1:2026-11-24:A001").expect_err("queue").key(),
        "error.tax.verify.not_sala"
    );
    assert_eq!(
        verify(f.db.conn(), "000201010212").expect_err("thai qr").key(),
        "error.tax.verify.not_sala"
    );

    // The key is made once: a second payment is signed by the same key.
    let r2 = f.pay(&n, 100, "2026-06-01").expect("pay");
    assert_eq!(r2.payload.split('.').nth(1), r.payload.split('.').nth(1));
    assert_eq!(f.count("SELECT count(*) FROM office WHERE length(receipt_public_key) = 64"), 1);

    void_receipt(&mut f.db, &f.palad, now(), &r.id, "ยกเลิกทดสอบ").expect("void");
    let err = verify(f.db.conn(), &r.payload).expect_err("voided");
    assert_eq!(err.key(), "error.tax.verify.voided");
    assert!(err.to_string().contains("ยกเลิกทดสอบ"), "{err}");
    let reprinted = receipt(f.db.conn(), &f.finance, &r.id).expect("reload");
    assert_ne!(reprinted.payload, r.payload, "the voided copy is re-signed as voided");
    assert_eq!(
        verify(f.db.conn(), &reprinted.payload).expect_err("voided").key(),
        "error.tax.verify.voided"
    );
}

#[test]
fn a_signed_receipt_that_differs_from_the_record_is_reported() {
    let mut f = fixture();
    f.book(2569, 1, 1, 100);
    let n = f.notice("690001", 100_000, 1);
    let r = f.pay(&n, 100, "2026-06-01").expect("pay");
    let key = signing::existing_key(f.db.conn()).expect("read").expect("key here");
    let mut facts = verify(f.db.conn(), &r.payload).expect("ok").facts;
    facts.total = Satang(1);
    let err = verify(f.db.conn(), &signing::sign(&key, &facts)).expect_err("differs");
    assert_eq!(err.key(), "error.tax.verify.differs");
    assert!(err.to_string().contains("ยอดรวม"), "{err}");
}

#[test]
fn a_superseded_notice_takes_no_payment_and_bad_input_writes_nothing() {
    let mut f = fixture();
    f.book(2569, 1, 1, 100);
    let n = f.notice("690001", 100_000, 1);
    f.db.write(&Actor::system(), now(), |w| {
        w.update(Entity::TaxNotice, &n, &[("status", "superseded".to_owned().into())])
    })
    .expect("supersede");
    let before = f.count("SELECT count(*) FROM audit_log");
    assert_eq!(
        f.pay(&n, 10, "2026-06-01").expect_err("superseded").key(),
        "error.tax.pay.superseded"
    );
    assert_eq!(f.pay(&n, 10, "2026-01-01").expect_err("before").key(), "error.tax.pay.superseded");
    assert!(f.pay_as(&f.clerk.clone(), &n, Satang(100), "2026-06-01").is_err());
    assert_eq!(f.count("SELECT count(*) FROM audit_log"), before);
    assert_eq!(f.count("SELECT count(*) FROM tax_receipt"), 0);
}

#[test]
fn a_second_pc_needs_the_office_key() {
    let mut f = fixture();
    f.book(2569, 1, 1, 100);
    let n = f.notice("690001", 100_000, 1);
    f.pay(&n, 10, "2026-06-01").expect("pay");
    let seed = signing::export_key(f.db.conn(), &f.finance).expect("export");
    // The same office on a PC that never got the key refuses to sign rather than make a second key.
    f.db.conn()
        .execute("DELETE FROM setting WHERE key = 'tax.receipt_signing_key'", [])
        .expect("forget");
    assert_eq!(f.pay(&n, 10, "2026-06-01").expect_err("no key").key(), "error.tax.key.missing");
    let wrong = "11".repeat(32);
    assert_eq!(
        signing::import_key(&mut f.db, &f.finance, now(), &wrong).expect_err("wrong").key(),
        "error.tax.key.mismatch"
    );
    signing::import_key(&mut f.db, &f.finance, now(), &seed).expect("import");
    f.pay(&n, 10, "2026-06-01").expect("signs again");
}

#[test]
fn finding_a_notice_by_number_qr_or_barcode() {
    let mut f = fixture();
    let n = f.notice("690001", 100_000, 1);
    let by_number = find_notice(f.db.conn(), &f.finance, now(), " 690001 ").expect("number");
    assert_eq!(by_number.notice_id, n);
    let barcode = "|099400000001100\r690001\r2569\r100000";
    assert_eq!(find_notice(f.db.conn(), &f.finance, now(), barcode).expect("barcode").notice_id, n);
    assert_eq!(
        find_notice(f.db.conn(), &f.finance, now(), "999").expect_err("none").code(),
        ErrorCode::NotFound
    );
}
