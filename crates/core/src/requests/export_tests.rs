//! The Open311 and CSV export on a real (in-memory) demo office: field names and order, office-time
//! datetimes with their offset, coordinates as numbers, the date filter on office days, no restricted
//! request for anyone, personal data only for those who may export it.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::*;
use crate::auth::test_session;
use crate::db::Db;
use crate::requests::test_support::{at, demo};
use crate::requests::{IntakeInput, Received, intake};

fn options(format: ExportFormat, include_personal: bool) -> ExportOptions {
    ExportOptions { format, from: None, to: None, include_personal }
}

fn water(name: &str) -> IntakeInput {
    IntakeInput {
        category: "water_supply".into(),
        contact_name: name.into(),
        contact_phone: "0812345678".into(),
        contact_email: "somjai@example.com".into(),
        description: "=น้ำไม่ไหล, ทั้งซอย".into(),
        address: "ซอยร่มเย็น หมู่ 5".into(),
        lat: Some("7.1234567".into()),
        long: Some("100.6123456".into()),
        ..IntakeInput::default()
    }
}

fn take(db: &mut Db, username: &str, now: DateTime<Utc>, input: &IntakeInput) -> Received {
    let s = test_session(db.conn(), username);
    intake(db, &s, now, input).expect("intake")
}

fn open311(db: &Db, username: &str, opts: &ExportOptions) -> Vec<Value> {
    let s = test_session(db.conn(), username);
    let text = export(db.conn(), &s, opts).expect("export");
    serde_json::from_str::<Value>(&text).expect("JSON").as_array().expect("a list").clone()
}

#[test]
fn a_request_in_geo_report_v2_fields() {
    let mut db = demo();
    let got = take(&mut db, "clerk", at(9, 5), &water("นางสมใจ ใจดี"));
    let s = test_session(db.conn(), "clerk");
    let text = export(db.conn(), &s, &options(ExportFormat::Open311, false)).expect("export");
    let start = text.find(&format!("\"{}\"", got.tracking_code)).expect("the request is there");
    let object = &text[text[..start].rfind('{').expect("object")..];
    let keys: Vec<&str> = object
        .lines()
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('}'))
        .filter_map(|l| l.trim().strip_prefix('"').and_then(|l| l.split('"').next()))
        .collect();
    assert_eq!(keys, FIELDS, "Open311's fields, in order, then Sala's; no personal ones");

    let list = open311(&db, "clerk", &options(ExportFormat::Open311, false));
    let r =
        list.iter().find(|r| r["service_request_id"] == got.tracking_code.as_str()).expect("it");
    assert_eq!(r["status"], "open");
    assert_eq!(r["sala_state"], "received");
    assert_eq!(r["sala_kind"], "service");
    assert_eq!(r["service_code"], "water_supply");
    assert_eq!(r["service_name"], "การขอระบบประปา หรือแจ้งน้ำไม่ไหล");
    assert_eq!(r["agency_responsible"], "กองช่าง");
    assert_eq!(r["description"], "=น้ำไม่ไหล, ทั้งซอย", "JSON keeps the text as it is");
    assert_eq!(r["requested_datetime"], "2026-11-24T09:05:00+07:00");
    assert_eq!(r["expected_datetime"], format!("{}T16:30:00+07:00", got.due_on));
    assert_eq!(r["lat"], serde_json::json!(7.1234567));
    assert_eq!(r["long"], serde_json::json!(100.6123456));
    assert!(r["lat"].is_number(), "a JSON number, not text");
    assert!(r.get("phone").is_none() && r.get("first_name").is_none(), "no personal data: {r}");
    assert!(!text.contains("0812345678") && !text.contains("สมใจ"), "not anywhere");
}

#[test]
fn restricted_requests_are_never_exported_and_personal_data_needs_the_permission() {
    let mut db = demo();
    let corruption = IntakeInput {
        category: "corruption".into(),
        anonymous: true,
        description: "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต".into(),
        ..IntakeInput::default()
    };
    let secret = take(&mut db, "clerk", at(9, 0), &corruption);
    assert!(secret.restricted);
    let named = take(&mut db, "clerk", at(9, 10), &water("นางสมใจ ใจดี"));

    for username in ["clerk", "finance", "palad"] {
        let s = test_session(db.conn(), username);
        for format in [ExportFormat::Open311, ExportFormat::Csv] {
            let include_personal = username == "palad";
            let text = export(db.conn(), &s, &options(format, include_personal)).expect("export");
            assert!(
                !text.contains(&secret.tracking_code),
                "{username} {format:?}: never restricted"
            );
            assert!(!text.contains("เรียกรับเงิน"), "{username} {format:?}");
            assert!(!text.contains("corruption"), "{username} {format:?}");
        }
    }
    let restricted_in_db: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM request WHERE confidentiality = 'restricted'", [], |r| {
            r.get(0)
        })
        .expect("count");
    assert!(restricted_in_db >= 1, "there was one to leave out");

    for username in ["clerk", "finance"] {
        let s = test_session(db.conn(), username);
        let err = export(db.conn(), &s, &options(ExportFormat::Csv, true)).expect_err(username);
        assert_eq!(err.code(), ErrorCode::NotPermitted, "{username}");
    }
    let admin = test_session(db.conn(), "admin");
    let err = export(db.conn(), &admin, &options(ExportFormat::Open311, false)).expect_err("admin");
    assert_eq!(err.code(), ErrorCode::NotPermitted, "admins do not work requests");

    let list = open311(&db, "palad", &options(ExportFormat::Open311, true));
    let r =
        list.iter().find(|r| r["service_request_id"] == named.tracking_code.as_str()).expect("it");
    assert_eq!(r["first_name"], "นางสมใจ");
    assert_eq!(r["last_name"], "ใจดี");
    assert_eq!(r["phone"], "0812345678");
    assert_eq!(r["email"], "somjai@example.com");
    for r in &list {
        assert!(r.get("phone").is_some(), "every row has the personal fields: {r}");
    }
}

#[test]
fn csv_is_excel_ready_and_guarded() {
    let mut db = demo();
    let got = take(&mut db, "clerk", at(9, 5), &water("นางสมใจ ใจดี"));
    let s = test_session(db.conn(), "palad");
    let csv = export(db.conn(), &s, &options(ExportFormat::Csv, true)).expect("export");
    assert!(csv.starts_with('\u{feff}'), "a BOM, so Excel reads the Thai");
    let mut lines = csv.trim_start_matches('\u{feff}').split("\r\n");
    let header = lines.next().expect("header");
    let mut expected: Vec<&str> = FIELDS.to_vec();
    expected.extend(PERSONAL_FIELDS);
    assert_eq!(header, expected.join(","));
    let row = csv.split("\r\n").find(|l| l.starts_with(&got.tracking_code)).expect("the row");
    assert!(row.contains(",\"'=น้ำไม่ไหล, ทั้งซอย\","), "quoted, and no formula for Excel: {row}");
    assert!(row.contains(",7.1234567,100.6123456,"), "exact coordinates: {row}");
    assert!(row.contains(",2026-11-24T09:05:00+07:00,"), "{row}");
    assert!(row.ends_with(",นางสมใจ,ใจดี,0812345678,somjai@example.com"), "{row}");
    assert!(csv.ends_with("\r\n"));
}

#[test]
fn from_and_to_are_office_days() {
    let mut db = demo();
    let late = take(&mut db, "clerk", at(23, 30), &water("นางสมใจ ใจดี"));
    let early = take(&mut db, "clerk", at(0, 10), &water("นายมานะ ใจดี"));
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
    let codes = |from, to| -> Vec<String> {
        let opts =
            ExportOptions { format: ExportFormat::Open311, from, to, include_personal: false };
        open311(&db, "clerk", &opts)
            .iter()
            .map(|r| r["service_request_id"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let on_24 = codes(Some(day(24)), Some(day(24)));
    assert!(on_24.contains(&late.tracking_code), "23:30 office time is still the 24th (16:30 UTC)");
    assert!(
        on_24.contains(&early.tracking_code),
        "00:10 office time is the 24th (the 23rd in UTC)"
    );
    let on_25 = codes(Some(day(25)), None);
    assert!(!on_25.contains(&late.tracking_code) && !on_25.contains(&early.tracking_code));
    let to_23 = codes(None, Some(day(23)));
    assert!(!to_23.contains(&late.tracking_code) && !to_23.contains(&early.tracking_code));
    let early_pos = on_24.iter().position(|c| *c == early.tracking_code);
    let late_pos = on_24.iter().position(|c| *c == late.tracking_code);
    assert!(early_pos < late_pos, "ordered by received time: {on_24:?}");

    let s = test_session(db.conn(), "clerk");
    let backwards = ExportOptions {
        format: ExportFormat::Csv,
        from: Some(day(25)),
        to: Some(day(24)),
        include_personal: false,
    };
    let err = export(db.conn(), &s, &backwards).expect_err("backwards");
    assert_eq!(err.key(), "error.request.export.range");
}
