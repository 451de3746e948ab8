//! The acknowledgement slip: what the citizen takes home, and nothing about the reporter.

use chrono::{DateTime, Utc};

use super::*;
use crate::auth::test_session;

use crate::doc::Block;
use crate::requests::test_support::demo;
use crate::requests::{IntakeInput, Kind, intake};

/// 2026-11-24 at `h:05` office time.
fn at(h: u32) -> DateTime<Utc> {
    crate::requests::test_support::at(h, 5)
}

/// Every text of the slip, one paragraph a line.
fn text(doc: &Document) -> String {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Text(p) => Some(p.spans.iter().map(|s| s.text.as_str()).collect::<String>()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn qr(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Qr(q) => Some(q.payload.clone()),
            _ => None,
        })
        .collect()
}

fn street_light() -> Received {
    Received {
        id: "r1".into(),
        tracking_code: "R6901-00042".into(),
        kind: Kind::Service,
        category_name_th: "การขอระบบไฟฟ้าส่องสว่าง".into(),
        category_name_en: "Street lighting".into(),
        department_name: Some("กองช่าง".into()),
        received_at: "2026-11-24T02:05:00Z".into(),
        due_on: "2026-12-09".into(),
        contact_channel: ContactChannel::Sms,
        restricted: false,
        anonymous: false,
    }
}

#[test]
fn the_slip_has_the_code_the_be_due_date_and_a_qr_of_the_code() {
    let db = demo();
    let doc = slip_document(db.conn(), &street_light(), Lang::Th).expect("slip");
    assert_eq!(doc.paper, Paper::Roll80);
    let shown = text(&doc);
    let office = crate::office::summary(db.conn()).expect("office").expect("an office").name;
    for want in [
        office.as_str(),
        "ใบรับเรื่อง",
        "ขอรับบริการ",
        "R6901-00042",
        "การขอระบบไฟฟ้าส่องสว่าง",
        "กองช่าง",
        "24 พฤศจิกายน 2569 เวลา 09:05",
        "กำหนดแล้วเสร็จ 9 ธันวาคม 2569",
        "แจ้งผลทาง: ข้อความ SMS",
        "ที่เคาน์เตอร์",
    ] {
        assert!(shown.contains(want), "{want:?} missing from\n{shown}");
    }
    assert!(!shown.contains("ความลับ"), "an ordinary request has no confidentiality note");
    assert_eq!(qr(&doc), ["R6901-00042"]);
    assert_eq!(slip_payload(&street_light()), "R6901-00042");
    // It renders: PDF for the preview, a raster for the thermal printer.
    assert!(doc.to_pdf().expect("pdf").starts_with(b"%PDF-"));
    assert_eq!(doc.to_raster(576).expect("raster").len(), 1, "one roll page");

    let none = Received { contact_channel: ContactChannel::None, ..street_light() };
    let shown = text(&slip_document(db.conn(), &none, Lang::Th).expect("slip"));
    assert!(shown.contains("ติดตามผลด้วยเลขที่รับเรื่อง"), "{shown}");
}

#[test]
fn a_restricted_complaints_slip_names_nobody_and_says_the_identity_is_kept_confidential() {
    let mut db = demo();
    let clerk = test_session(db.conn(), "clerk");
    let input = IntakeInput {
        category: "corruption".into(),
        contact_name: "นายวีระ กล้าแจ้ง".into(),
        contact_phone: "089-777-6607".into(),
        contact_email: "weera@example.com".into(),
        contact_address: "12 หมู่ที่ 3".into(),
        description: "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต".into(),
        ..IntakeInput::default()
    };
    let got = intake(&mut db, &clerk, at(9), &input).expect("intake");
    assert!(got.restricted);
    let doc = slip_document(db.conn(), &got, Lang::Th).expect("slip");
    let all = format!("{}\n{}\n{}", doc.title, text(&doc), qr(&doc).join("\n"));
    for personal in ["วีระ", "กล้าแจ้ง", "0897776607", "089-777-6607", "weera", "12 หมู่ที่ 3"]
    {
        assert!(!all.contains(personal), "{personal:?} on the slip:\n{all}");
    }
    assert!(all.contains("ข้อมูลผู้แจ้งจะถูกเก็บเป็นความลับ"), "{all}");
    assert!(all.contains(&got.tracking_code), "{all}");
    // Nor what it is about: the slip's print job is listed to printer managers.
    assert!(!all.contains("ทุจริต") && !all.contains("สำนักปลัด"), "{all}");
    assert_ne!(doc.title, got.tracking_code, "the print job is not titled with the code");
    assert_eq!(qr(&doc), std::slice::from_ref(&got.tracking_code));
    let due = chrono::NaiveDate::parse_from_str(&got.due_on, "%Y-%m-%d").expect("due");
    assert!(
        all.contains(&crate::thai::date::long_date(due, Lang::Th)),
        "30 days on, in B.E.: {all}"
    );

    let anonymous = Received { anonymous: true, ..got };
    let shown = text(&slip_document(db.conn(), &anonymous, Lang::Th).expect("slip"));
    assert!(shown.contains("ไม่ระบุชื่อ"), "{shown}");
}
