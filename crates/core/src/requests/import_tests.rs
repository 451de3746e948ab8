//! The Google Form import on a real (in-memory) demo office: all or nothing, every bad line named with the
//! file's own line number, a second run importing nothing, the mapping file, and the parsers it rests on.

use chrono::{DateTime, Utc};

use super::*;
use crate::auth::test_session;
use crate::requests::test_support::demo;

/// The import runs at 10:00 on the demo day.
fn now() -> DateTime<Utc> {
    crate::requests::test_support::at(10, 0)
}

/// 2026-11-24 at 10:00 office time.
/// Everything a write leaves behind: requests, audit entries, outbox entries.
fn writes(db: &Db) -> (i64, i64, i64) {
    db.conn()
        .query_row(
            "SELECT (SELECT count(*) FROM request), (SELECT count(*) FROM audit_log), \
             (SELECT count(*) FROM outbox)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("counts")
}

/// An imported request: category, name, phone, description, place, date, received at, source, fingerprint.
type Imported = (String, String, String, String, String, String, String, String, Option<String>);

const HEADER: &str = "ประทับเวลา,อีเมล,ชื่อ - นามสกุล,หมายเลขโทรศัพท์,ที่อยู่ตามทะเบียนบ้าน,อายุ (ปี),\
แจ้งเรื่องที่ต้องการขอรับบริการ,สถานที่ที่ต้องการรับบริการ,\
วันที่แจ้งเรื่องการขอรับบริการ (วัน/เดือน/ปี),ข้อเสนอแนะ";

/// A good export: BOM, CRLF, a B.E. and a C.E. date, a quoted two-line suggestion, a quoted quote, the
/// "อื่นๆ" free text, `+66` and a phone that lost its 0, an empty suggestion.
fn good_csv() -> String {
    [
        format!("\u{feff}{HEADER}"),
        "\"15/7/2568, 14:03:10\",malee@example.com,มาลี ศรีสุข,089-876-5432,45/1 หมู่ 5,\
         อายุ 31 - 40 ปี,การขอระบบประปา หรือแจ้งน้ำไม่ไหล,ซอยร่มเย็น หมู่ 5,15/07/2568,\
         \"น้ำไม่ไหลมา 2 วัน\r\nทั้งซอย \"\"ด่วน\"\"\""
            .to_owned(),
        "2/8/2025 9:30:00,,วิชัย  รักถิ่น,+66 89 123 4567,,60,ขอตัดกิ่งไม้ที่บังสายไฟ,\
         ถนนสายหลัก หมู่ 2,2-8-2025,"
            .to_owned(),
        ",,บุญมี มีสุข,812345678,,,ประปา,หน้าโรงเรียน หมู่ 6,1.9.2568,".to_owned(),
    ]
    .join("\r\n")
        + "\r\n"
}

#[test]
fn a_good_export_imports_every_row_once() {
    let mut db = demo();
    let clerk = test_session(db.conn(), "clerk");
    let report =
        import_google_form(&mut db, &clerk, now(), good_csv().as_bytes(), None).expect("import");
    assert_eq!((report.rows, report.imported, report.skipped), (3, 3, 0));
    assert_eq!(report.tracking_codes.len(), 3);

    let rows: Vec<Imported> = db
        .conn()
        .prepare(
            "SELECT c.code, r.contact_name, r.contact_phone, r.description, r.address, r.occurred_on, \
             r.received_at, r.source, r.source_ref FROM request r \
             JOIN request_category c ON c.id = r.category_id WHERE r.source = 'google_form' \
             AND r.tracking_code IN (?1, ?2, ?3) ORDER BY r.occurred_on",
        )
        .expect("prepare")
        .query_map(rusqlite::params_from_iter(&report.tracking_codes), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?))
        })
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    assert_eq!(rows.len(), 3);
    let water = &rows[0];
    assert_eq!(water.0, "water_supply");
    assert_eq!(water.2, "0898765432", "dashes dropped");
    assert_eq!(water.3, "น้ำไม่ไหลมา 2 วัน\nทั้งซอย \"ด่วน\"", "the quoted two-line suggestion");
    assert_eq!(water.5, "2025-07-15", "15/07/2568 is B.E.");
    assert_eq!(water.6, "2025-07-15T07:03:10.000Z", "the form's timestamp, office time to UTC");
    assert!(water.8.as_deref().is_some_and(|f| f.len() == 64), "fingerprint kept: {:?}", water.8);

    let other = &rows[1];
    assert_eq!(other.0, "other_service", "free text goes to the other category");
    assert_eq!(other.1, "วิชัย รักถิ่น", "spaces collapsed");
    assert_eq!(other.2, "0891234567", "+66 becomes 0");
    assert_eq!(other.3, "ขอตัดกิ่งไม้ที่บังสายไฟ", "the free text is the description");
    assert_eq!(other.5, "2025-08-02", "C.E. with dashes");

    let short = &rows[2];
    assert_eq!(short.0, "water_supply", "a short name in form_labels");
    assert_eq!(short.2, "0812345678", "the 0 a spreadsheet dropped is back");
    assert_eq!(short.3, "การขอระบบประปา หรือแจ้งน้ำไม่ไหล", "no suggestion: the category's name");
    assert_eq!(short.6, crate::ids::timestamp(now()), "no timestamp: received now");

    let before = writes(&db);
    let again =
        import_google_form(&mut db, &clerk, now(), good_csv().as_bytes(), None).expect("again");
    assert_eq!((again.rows, again.imported, again.skipped), (3, 0, 3));
    assert!(again.tracking_codes.is_empty());
    assert_eq!(writes(&db), before, "a second import writes nothing");
}

#[test]
fn every_bad_line_is_named_and_nothing_is_imported() {
    let mut db = demo();
    let clerk = test_session(db.conn(), "clerk");
    let csv = [
        HEADER.to_owned(),
        // 2: good, with a suggestion over three file lines (2-4).
        ",,สมพร ถูกต้อง,0812345674,,,ประปา,หมู่ 3,03/06/2568,\"บรรทัดแรก\nบรรทัดสอง\nบรรทัดสาม\"".into(),
        // 5: no name.
        ",,,0812345678,,,ประปา,หมู่ 3,03/06/2568,".into(),
        // 6: bad phone.
        ",,สมปอง เบอร์ผิด,12345,,,ประปา,หมู่ 3,03/06/2568,".into(),
        // 7: no request type.
        ",,สมศรี ไม่เลือก,0812345679,,,,หมู่ 3,03/06/2568,".into(),
        // 8: no place.
        ",,สมหมาย ไม่บอกที่,0812345670,,,ประปา,,03/06/2568,".into(),
        // 9: no such day.
        ",,สมใจ วันผิด,0812345671,,,ประปา,หมู่ 3,31/02/2569,".into(),
        // 10: after today.
        ",,สมจิต วันอนาคต,0812345672,,,ประปา,หมู่ 3,25/11/2569,".into(),
        // 11: bad e-mail and a bad age.
        ",somchai@,สมชาย อีเมลผิด,0812345673,,อายุ 99 - 100 ปี,ประปา,หมู่ 3,03/06/2568,".into(),
        // 12: unreadable date and timestamp.
        "เมื่อวาน,,สมร วันอ่านไม่ได้,0812345675,,,ประปา,หมู่ 3,3 มิ.ย. 68,".into(),
    ]
    .join("\n");
    let before = writes(&db);
    let err = import_google_form(&mut db, &clerk, now(), csv.as_bytes(), None).expect_err("bad");
    assert_eq!(err.code(), ErrorCode::Validation);
    assert_eq!(err.key(), "error.request.import.lines");
    let th = err.message(Lang::Th);
    for (line, reason) in [
        (5, "ชื่อ - นามสกุล"),
        (6, "12345"),
        (7, "แจ้งเรื่องที่ต้องการขอรับบริการ"),
        (8, "สถานที่ที่ต้องการรับบริการ"),
        (9, "31/02/2569"),
        (10, "25/11/2569"),
        (11, "somchai@"),
        (11, "อายุ 99 - 100 ปี"),
        (12, "3 มิ.ย. 68"),
        (12, "เมื่อวาน"),
    ] {
        assert!(
            th.lines().any(|l| l.starts_with(&format!("บรรทัด {line}: ")) && l.contains(reason)),
            "line {line} names {reason}: {th}"
        );
    }
    assert!(th.contains("8 บรรทัด"), "eight bad lines counted: {th}");
    assert!(!th.contains("บรรทัด 2:"), "the good line is not blamed: {th}");
    assert!(
        err.message(Lang::En).contains("Line 9: There is no such date"),
        "{}",
        err.message(Lang::En)
    );
    assert_eq!(writes(&db), before, "nothing imported, nothing audited");
}

#[test]
fn headers_match_loosely_and_a_missing_column_is_named() {
    let mut db = demo();
    let clerk = test_session(db.conn(), "clerk");
    // The form's spacing variants and a required question's ` *`.
    let csv = "ชื่อ-นามสกุล,หมายเลขโทรศัพท์ *,  แจ้งเรื่องที่ต้องการขอรับบริการ ,สถานที่ที่ต้องการรับบริการ,\
               วันที่แจ้งเรื่องการขอรับบริการ  (วัน/เดือน/ปี)\n\
               สมพร ถูกต้อง,0812345674,ประปา,หมู่ 3,03/06/2568\n";
    let report = import_google_form(&mut db, &clerk, now(), csv.as_bytes(), None).expect("import");
    assert_eq!(report.imported, 1);

    let csv = "ชื่อ - นามสกุล,แจ้งเรื่องที่ต้องการขอรับบริการ,วันที่\nสมพร,ประปา,03/06/2568\n";
    let err =
        import_google_form(&mut db, &clerk, now(), csv.as_bytes(), None).expect_err("missing");
    assert_eq!(err.key(), "error.request.import.missing_columns");
    let message = err.to_string();
    assert!(message.contains("\"หมายเลขโทรศัพท์\""), "{message}");
    assert!(message.contains("\"สถานที่ที่ต้องการรับบริการ\""), "{message}");
    assert!(message.contains("วันที่แจ้งเรื่องการขอรับบริการ (วัน/เดือน/ปี)"), "{message}");
}

#[test]
fn a_mapping_file_renames_columns_and_maps_answers() {
    let mut db = demo();
    let clerk = test_session(db.conn(), "clerk");
    let mapping = r#"{"columns": {"name": "ผู้แจ้ง", "phone": "เบอร์โทร", "request_type": "เรื่อง",
        "place": "ที่ไหน", "date": "วันที่", "suggestion": "รายละเอียด"},
        "request_types": {"ขอน้ำใช้": "water_supply_household"}}"#;
    let csv = "ผู้แจ้ง,เบอร์โทร,เรื่อง,ที่ไหน,วันที่,รายละเอียด\n\
               สมพร ถูกต้อง,0812345674,ขอน้ำใช้,หมู่ 3,03/06/2568,บ่อแห้ง\n";
    let report =
        import_google_form(&mut db, &clerk, now(), csv.as_bytes(), Some(mapping)).expect("import");
    assert_eq!(report.imported, 1);
    let code: String = db
        .conn()
        .query_row(
            "SELECT c.code FROM request r JOIN request_category c ON c.id = r.category_id \
             WHERE r.tracking_code = ?1",
            [&report.tracking_codes[0]],
            |r| r.get(0),
        )
        .expect("request");
    assert_eq!(code, "water_supply_household");

    let before = writes(&db);
    for (mapping, key) in [
        (r#"{"columns": {"nmae": "ผู้แจ้ง"}}"#, "error.request.import.mapping_field"),
        (r#"{"request_types": {"ขอน้ำใช้": "no_such"}}"#, "error.request.import.mapping_type"),
        (r#"{"columns": "#, "error.request.import.mapping"),
        (r#"{"colums": {}}"#, "error.request.import.mapping"),
    ] {
        let err = import_google_form(&mut db, &clerk, now(), csv.as_bytes(), Some(mapping))
            .expect_err(mapping);
        assert_eq!(err.key(), key, "{mapping}");
    }
    assert_eq!(writes(&db), before);
}

#[test]
fn files_that_cannot_be_read_are_refused_in_thai() {
    let mut db = demo();
    let clerk = test_session(db.conn(), "clerk");
    // "ชื่อ" in TIS-620, as Excel's plain CSV writes Thai.
    let tis620 = [0xaa_u8, 0xd7, 0xe8, 0xcd, b'\n'];
    let err = import_google_form(&mut db, &clerk, now(), &tis620, None).expect_err("not UTF-8");
    assert_eq!(err.key(), "error.request.import.utf8");
    assert!(err.to_string().contains("UTF-8"), "{err}");
    for (csv, key) in [
        ("", "error.request.import.empty"),
        (HEADER, "error.request.import.no_rows"),
        (&format!("{HEADER}\n,,\"ไม่ปิด,081,ประปา,หมู่ 3,03/06/2568,"), "error.request.import.lines"),
    ] {
        let err = import_google_form(&mut db, &clerk, now(), csv.as_bytes(), None).expect_err(csv);
        assert_eq!(err.key(), key, "{csv}");
    }
}

#[test]
fn a_row_repeated_in_the_file_is_imported_once_and_admins_may_not_import() {
    let mut db = demo();
    let row = ",,สมพร ถูกต้อง,081-234-5674,,,ประปา,หมู่ 3,03/06/2568,";
    let twice = format!("{HEADER}\n{row}\n{}\n", row.replace("081-234-5674", "0812345674"));
    let clerk = test_session(db.conn(), "clerk");
    let report =
        import_google_form(&mut db, &clerk, now(), twice.as_bytes(), None).expect("import");
    assert_eq!((report.rows, report.imported, report.skipped), (2, 1, 1));

    let admin = test_session(db.conn(), "admin");
    let err =
        import_google_form(&mut db, &admin, now(), twice.as_bytes(), None).expect_err("admin");
    assert_eq!(err.code(), ErrorCode::NotPermitted);
}

#[test]
fn phones_dates_and_timestamps_as_the_form_writes_them() {
    assert_eq!(parse_phone("081-234-5678").expect("mobile"), "0812345678");
    assert_eq!(parse_phone("036 781 111").expect("landline"), "036781111");
    assert_eq!(parse_phone("+66812345678").expect("+66"), "0812345678");
    assert_eq!(parse_phone("812345678").expect("lost its 0"), "0812345678");
    for bad in ["12345", "0812345678901", "08123x5678", "0012345678", "212345678"] {
        assert!(parse_phone(bad).is_err(), "{bad}");
    }

    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
    assert_eq!(parse_form_date("24/11/2569"), Ok(d(2026, 11, 24)));
    assert_eq!(parse_form_date("4/1/2026"), Ok(d(2026, 1, 4)));
    assert_eq!(parse_form_date("04-01-2569"), Ok(d(2026, 1, 4)));
    assert_eq!(parse_form_date("4.1.2569"), Ok(d(2026, 1, 4)));
    assert_eq!(parse_form_date("2026-01-04"), Ok(d(2026, 1, 4)));
    assert_eq!(parse_form_date("31/02/2569"), Ok(None), "shape right, no such day");
    assert_eq!(parse_form_date("29/02/2567"), Ok(d(2024, 2, 29)), "2567 B.E. = 2024, a leap year");
    for bad in ["24/11/69", "24 พ.ย. 2569", "2569/11", "", "1/1/1800"] {
        assert_eq!(parse_form_date(bad), Err(()), "{bad}");
    }

    let utc = |y, m, d, h, min, s| Utc.with_ymd_and_hms(y, m, d, h, min, s).single();
    assert_eq!(parse_timestamp("24/11/2569, 9:05:12"), utc(2026, 11, 24, 2, 5, 12));
    assert_eq!(parse_timestamp("24/11/2026 9:05:12"), utc(2026, 11, 24, 2, 5, 12));
    assert_eq!(parse_timestamp("2026-11-24T09:05:12+07:00"), utc(2026, 11, 24, 2, 5, 12));
    assert_eq!(parse_timestamp("2026-11-24 09:05:12"), utc(2026, 11, 24, 2, 5, 12));
    assert_eq!(parse_timestamp("24/11/2569"), None, "a date alone is not a timestamp");
    assert_eq!(parse_timestamp("24/11/2569, 25:00:00"), None);

    assert!(age_ok("อายุ 31 - 40 ปี") && age_ok("อายุ 31-40 ปี") && age_ok("45") && age_ok("45 ปี"));
    assert!(!age_ok("อายุ 99 - 100 ปี") && !age_ok("สี่สิบ") && !age_ok("0"));
    assert_eq!(norm(" ชื่อ - นามสกุล * "), norm("ชื่อ-นามสกุล"));
    assert_eq!(norm("อื่น ๆ"), norm("อื่นๆ"));
}
