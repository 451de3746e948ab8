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

/// 10:00 office time on `day`: a receipt written then is dated `day`.
fn at(day: &str) -> DateTime<Utc> {
    d(day)
        .and_hms_opt(10, 0, 0)
        .and_then(|t| t.and_local_timezone(crate::thai::date::office_offset()).single())
        .expect("time")
        .with_timezone(&Utc)
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

    /// Cash of `baht` taken at the counter on `on` (the receipt is written that day).
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
        let input = cash(notice, amount);
        take_payment(&mut self.db, who, at(on), &input)
    }

    fn count(&self, sql: &str) -> i64 {
        self.db.conn().query_row(sql, [], |r| r.get(0)).expect("count")
    }
}

fn cash(notice: &str, amount: Satang) -> PaymentInput {
    PaymentInput {
        notice_id: notice.to_owned(),
        tax_amount: amount,
        method: Method::Cash,
        reference: None,
        payer_name: None,
        paid_on: None,
        extension_kept: None,
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
    let tomorrow = PaymentInput {
        method: Method::Transfer,
        reference: Some("KTB 1".into()),
        paid_on: Some("2026-06-21".into()),
        ..cash(&n, Satang(60_000))
    };
    let err = take_payment(&mut f.db, &f.finance, at("2026-06-20"), &tomorrow).expect_err("future");
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
        extension_kept: None,
    };
    take_payment(&mut f.db, &f.finance2, at("2026-06-01"), &input).expect("transfer");
    let cheque = PaymentInput { method: Method::Cheque, reference: None, ..input.clone() };
    let err =
        take_payment(&mut f.db, &f.finance2, at("2026-06-01"), &cheque).expect_err("no cheque");
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

/// A taxpayer with one parcel of other use for 2569: 1 rai at `price_baht` per square wah (0.3 %).
fn registered(f: &mut Fixture, price_baht: i64) -> (String, String) {
    f.db.write(&Actor::system(), now(), |w| {
        let t = w.insert(
            Entity::Taxpayer,
            &[
                ("kind", "individual".to_owned().into()),
                ("title", "นาย".to_owned().into()),
                ("name", "ประเมินใหม่".to_owned().into()),
                ("last_name", "ใจดี".to_owned().into()),
                ("address", "1 หมู่ 1".to_owned().into()),
            ],
        )?;
        let p = w.insert(
            Entity::Parcel,
            &[
                ("taxpayer_id", t.clone().into()),
                ("deed_type", "โฉนดที่ดิน".to_owned().into()),
                ("deed_no", "777".to_owned().into()),
                ("location", "หมู่ที่ 1".to_owned().into()),
                ("area_rai", 1_i64.into()),
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
                ("use", "other".to_owned().into()),
            ],
        )?;
        Ok((t, p))
    })
    .expect("register")
}

fn reprice(f: &mut Fixture, parcel: &str, price_baht: i64) -> String {
    f.db.write(&Actor::system(), now(), |w| {
        w.update(Entity::Parcel, parcel, &[("price_per_sq_wah_satang", (price_baht * 100).into())])
    })
    .expect("price");
    let t: String =
        f.db.conn()
            .query_row("SELECT taxpayer_id FROM parcel WHERE id = ?1", [parcel], |r| r.get(0))
            .expect("taxpayer");
    crate::tax::notice::issue(&mut f.db, &f.finance, now(), &t, 2569).expect("reissue").id
}

#[test]
fn a_reassessment_keeps_what_was_paid_and_an_overpayment_takes_nothing_more() {
    let mut f = fixture();
    f.book(2569, 1, 1, 100);
    let (t, parcel) = registered(&mut f, 10_000);
    let first = crate::tax::notice::issue(&mut f.db, &f.finance, now(), &t, 2569).expect("issue");
    assert_eq!(first.tax, Satang(1_200_000), "12,000 baht");
    f.pay(&first.id, 5_000, "2026-06-01").expect("part");
    // The register changes (s.53): 18,000 baht on a new notice; the 5,000 paid still count.
    let second = reprice(&mut f, &parcel, 15_000);
    assert_ne!(second, first.id);
    let o = outstanding(f.db.conn(), &f.finance, &second, d("2026-06-10")).expect("owed");
    assert_eq!(o.tax, Satang(1_800_000));
    assert_eq!(
        (o.paid, o.paid_earlier, o.unpaid),
        (Satang(500_000), Satang(500_000), Satang(1_300_000))
    );
    assert_eq!(o.suggested, Satang(1_300_000));
    let listed = receipts_for_notice(f.db.conn(), &f.finance, &second).expect("receipts");
    assert_eq!(listed.len(), 1, "the receipt on the superseded notice is shown with the new one");
    let found = find_notice(f.db.conn(), &f.finance, now(), &o.notice_number).expect("find");
    assert_eq!(found.unpaid, Satang(1_300_000));
    let err = f.pay(&second, 13_001, "2026-06-10").expect_err("more than the rest");
    assert_eq!(err.key(), "error.tax.pay.overpay");
    f.pay(&second, 13_000, "2026-06-10").expect("the rest");
    // Lowered to 6,000 baht after 18,000 were paid: 12,000 overpaid, shown and no payment taken.
    let third = reprice(&mut f, &parcel, 5_000);
    let o = outstanding(f.db.conn(), &f.finance, &third, d("2026-06-20")).expect("owed");
    assert_eq!(
        (o.tax, o.paid, o.unpaid, o.overpaid),
        (Satang(600_000), Satang(1_800_000), Satang(0), Satang(1_200_000))
    );
    assert_eq!(o.total_due, Satang(0));
    let before = f.count("SELECT count(*) FROM tax_receipt");
    let err = f.pay(&third, 1, "2026-06-20").expect_err("overpaid");
    assert_eq!(err.key(), "error.tax.pay.overpaid");
    let text = err.to_string();
    assert!(text.contains("12,000.00") && text.contains("ภ.ด.ส.9"), "{text}");
    assert_eq!(f.count("SELECT count(*) FROM tax_receipt"), before);
    let listed = payable_notices(f.db.conn(), &f.finance, now(), &t).expect("list");
    let current = listed.iter().find(|n| n.notice_id == third).expect("current");
    assert_eq!((current.unpaid, current.overpaid), (Satang(0), Satang(1_200_000)));
}

#[test]
fn the_receipt_is_dated_and_booked_on_the_day_it_is_written() {
    let mut f = fixture();
    f.book(2569, 1, 1, 100);
    f.book(2570, 1, 1, 100);
    let n = f.notice("690001", 1_000_000, 1);
    let written = at("2026-10-02");
    // Cash is paid today: an earlier date is refused and nothing is written.
    let back = PaymentInput { paid_on: Some("2026-09-25".into()), ..cash(&n, Satang(10_000)) };
    let before = f.count("SELECT count(*) FROM audit_log");
    let err = take_payment(&mut f.db, &f.finance, written, &back).expect_err("cash back-dated");
    assert_eq!(err.key(), "error.tax.pay.cash_today");
    assert!(err.to_string().contains("เงินสด"), "{err}");
    assert_eq!(f.count("SELECT count(*) FROM audit_log"), before);
    let today = PaymentInput { paid_on: Some("2026-10-02".into()), ..back.clone() };
    let c = take_payment(&mut f.db, &f.finance, written, &today).expect("cash today");
    assert_eq!((c.paid_on.as_str(), c.written_on.as_str()), ("2026-10-02", "2026-10-02"));
    // A transfer carries the bank's date (s.51) but the receipt is of the day written: fiscal year 2570.
    let transfer = PaymentInput {
        method: Method::Transfer,
        reference: Some("KTB 555".into()),
        paid_on: Some("2026-09-25".into()),
        ..cash(&n, Satang(20_000))
    };
    let r = take_payment(&mut f.db, &f.finance, written, &transfer).expect("transfer");
    assert_eq!((r.fiscal_year, r.book_number()), (2570, "1/2".to_owned()));
    assert_eq!((r.paid_on.as_str(), r.written_on.as_str()), ("2026-09-25", "2026-10-02"));
    let audit: String =
        f.db.conn()
            .query_row(
                "SELECT summary FROM audit_log WHERE entity = 'tax_receipt' AND entity_id = ?1",
                [&r.id],
                |row| row.get(0),
            )
            .expect("audit");
    assert!(
        audit.contains("\"paid_on\":\"2026-09-25\"")
            && audit.contains("\"written_on\":\"2026-10-02\""),
        "{audit}"
    );
    let text = doc_text(&receipt_document(f.db.conn(), &r).expect("doc"));
    assert!(text.contains("วันที่ตามธนาคาร"), "{text}");
    // Never in the future, never before the notice was issued (15 February).
    for (date, key) in
        [("2026-10-03", "error.tax.pay.future"), ("2026-02-14", "error.tax.pay.before_notice")]
    {
        let bad = PaymentInput { paid_on: Some(date.into()), ..transfer.clone() };
        assert_eq!(take_payment(&mut f.db, &f.finance, written, &bad).expect_err(date).key(), key);
    }
    // The day's cash summary is of receipts written that day, each with its payment date.
    let s = cash_summary(f.db.conn(), &f.finance, d("2026-10-02"), None).expect("summary");
    assert_eq!((s.count, s.total), (2, Satang(c.total.0 + r.total.0)));
    let dates: Vec<&str> = s.clerks[0].receipts.iter().map(|r| r.paid_on.as_str()).collect();
    assert_eq!(dates, ["2026-10-02", "2026-09-25"]);
    let doc = doc_text(&cash_summary_document(f.db.conn(), &s).expect("doc"));
    assert!(doc.contains("วันที่ชำระ") && doc.contains("25 กันยายน 2569"), "{doc}");
    assert!(!doc.contains("\\n"), "signature lines break, no literal \\n: {doc}");
    let old = cash_summary(f.db.conn(), &f.finance, d("2026-09-25"), None).expect("summary");
    assert_eq!(old.count, 0, "nothing is written into a past day");
}

#[test]
fn a_receipt_signed_as_voided_is_refused_where_the_record_is_missing() {
    let mut f = fixture();
    f.book(2569, 1, 1, 100);
    let n = f.notice("690001", 100_000, 1);
    let r = f.pay(&n, 100, "2026-06-01").expect("pay");
    let key = signing::existing_key(f.db.conn()).expect("read").expect("key here");
    let mut facts = verify(f.db.conn(), &r.payload).expect("ok").facts;
    // The cancelled copy of a receipt another PC issued and voided, not synced here yet.
    facts.number = 99;
    facts.status = ReceiptStatus::Voided;
    let err = verify(f.db.conn(), &signing::sign(&key, &facts)).expect_err("voided");
    assert_eq!(err.key(), "error.tax.verify.voided_signed");
    assert!(err.to_string().contains("ใบเสร็จนี้ถูกยกเลิกแล้ว"), "{err}");
    facts.status = ReceiptStatus::Issued;
    let ok = verify(f.db.conn(), &signing::sign(&key, &facts)).expect("issued, not here");
    assert!(!ok.in_database);
}

#[test]
fn a_number_with_no_receipt_is_missing_from_the_control_register() {
    let mut f = fixture();
    f.book(2569, 1, 1, 10);
    let n = f.notice("690001", 1_000_000, 1);
    let ids: Vec<String> = (0..3).map(|_| f.pay(&n, 5, "2026-06-01").expect("pay").id).collect();
    f.db.write(&Actor::system(), now(), |w| w.delete(Entity::TaxReceipt, &ids[1])).expect("delete");
    let reg = control_register(f.db.conn(), &f.finance, 2569).expect("register");
    let b = &reg.books[0];
    assert_eq!(b.missing, [2]);
    assert!(!b.accounted && !reg.accounted);
    assert_eq!((b.issued, b.unused, b.unused_ranges.clone()), (2, 7, vec![[4, 10]]));
    // The highest number gone too: still missing, and the book goes on after it.
    f.db.write(&Actor::system(), now(), |w| w.delete(Entity::TaxReceipt, &ids[2])).expect("delete");
    assert_eq!(f.pay(&n, 5, "2026-06-01").expect("pay").book_number(), "1/4");
    let reg = control_register(f.db.conn(), &f.finance, 2569).expect("register");
    assert_eq!((reg.books[0].missing.clone(), reg.missing), (vec![2, 3], 2));
}

#[test]
fn arrears_count_only_instalments_past_their_due_date() {
    let mut f = fixture();
    f.book(2569, 1, 1, 100);
    let n = f.notice("690002", 900_000, 3); // 3 × 3,000.00 due 30 June, 31 July, 31 August
    f.notice("690003", 50_000, 1); // due 30 June
    let a = arrears(f.db.conn(), &f.finance, 2569, d("2026-06-30")).expect("arrears");
    assert!(a.lines.is_empty(), "nothing is late on the due date itself: {:?}", a.lines);
    let a = arrears(f.db.conn(), &f.finance, 2569, d("2026-08-15")).expect("arrears");
    let l = a.lines.iter().find(|l| l.notice_id == n).expect("690002");
    assert_eq!(l.unpaid, Satang(600_000), "instalments 1 and 2 only; 3 is due 31 August");
    assert_eq!(a.unpaid, Satang(650_000));
    f.pay(&n, 6_000, "2026-08-15").expect("1 and 2");
    let a = arrears(f.db.conn(), &f.finance, 2569, d("2026-08-20")).expect("arrears");
    assert!(a.lines.iter().all(|l| l.notice_id != n), "instalment 3 is not due yet");
}

#[test]
fn a_stored_date_that_does_not_read_is_an_error() {
    let mut f = fixture();
    let n = f.notice("690001", 100_000, 1);
    f.db.write(&Actor::system(), now(), |w| {
        w.update(Entity::TaxNotice, &n, &[("due_date", "30/06/2569".to_owned().into())])
    })
    .expect("bad date");
    assert!(outstanding(f.db.conn(), &f.finance, &n, d("2026-06-01")).is_err());
    assert!(find_notice(f.db.conn(), &f.finance, now(), "690001").is_err());
}

#[test]
fn the_quote_is_what_the_payment_collects_and_writes_nothing() {
    let mut f = fixture();
    f.book(2569, 1, 1, 100);
    let n = f.notice("690002", 900_000, 3);
    f.pay(&n, 3000, "2026-06-20").expect("instalment 1");
    let before = f.count("SELECT count(*) FROM audit_log");
    let q = quote(f.db.conn(), &f.finance, &n, Satang(600_000), d("2026-08-10"), false).expect("q");
    assert_eq!(
        (q.tax, q.penalty, q.surcharge, q.total),
        (Satang(600_000), Satang(30_000), Satang(3_000), Satang(633_000))
    );
    assert_eq!(f.count("SELECT count(*) FROM audit_log"), before, "a quote writes nothing");
    let err = quote(f.db.conn(), &f.finance, &n, Satang(600_001), d("2026-08-10"), false)
        .expect_err("more");
    assert_eq!(err.key(), "error.tax.pay.overpay");
    assert!(quote(f.db.conn(), &f.clerk, &n, Satang(1), d("2026-08-10"), false).is_err());
    let r = f.pay(&n, 6000, "2026-08-10").expect("pay");
    assert_eq!((r.items.clone(), r.total), (q.lines, q.total));
}

#[test]
fn a_kept_extension_halves_the_surcharge_and_is_recorded() {
    let mut f = fixture();
    f.book(2569, 1, 1, 100);
    let n = f.notice("690001", 300_000, 1); // 3,000.00 due 30 June
    let q = quote(f.db.conn(), &f.finance, &n, Satang(300_000), d("2026-08-10"), true).expect("q");
    assert_eq!((q.penalty, q.surcharge), (Satang(30_000), Satang(3_000)), "2 months × 0.5 %");
    let input = PaymentInput { extension_kept: Some(true), ..cash(&n, Satang(300_000)) };
    let r = take_payment(&mut f.db, &f.finance, at("2026-08-10"), &input).expect("pay");
    assert_eq!((r.surcharge, r.items[0].surcharge_permille), (Satang(3_000), 5));
    assert!(r.items[0].extension_kept);
    let audit: String =
        f.db.conn()
            .query_row(
                "SELECT summary FROM audit_log WHERE entity = 'tax_receipt' AND entity_id = ?1",
                [&r.id],
                |row| row.get(0),
            )
            .expect("audit");
    assert!(audit.contains("\"extension_kept\":1"), "{audit}");
    let text = doc_text(&receipt_document(f.db.conn(), &r).expect("doc"));
    assert!(text.contains("ร้อยละ 0.5 ต่อเดือน 2 เดือน") && text.contains("ขยายเวลา"), "{text}");
}
