//! `salactl requests …` as the office uses it, on the demo office (`salactl init --demo`), each story in its
//! own data folder with the real binary signed in as `--as USER` with `SALA_PIN`:
//! - the old Google Form's responses imported all or nothing, once (`tests/fixtures/requests/*.csv`), and
//!   with a mapping file for a form whose questions were worded differently;
//! - the Open311 export of a request taken with `requests new`, field by field;
//! - a corruption complaint hunted for as the clerk who took it, through every command;
//! - a street-light request moved through its states by the works division's officer;
//! - the call-back list.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, ensure};
use sala_tests::{TempDataDir, workspace_root};
use serde_json::Value;

use crate::run::{CLERK, PALAD, json, salactl};

/// The works division's officer (handles street lights).
const CHANG: (&str, &str) = ("chang", "802460");

fn fixture(name: &str) -> PathBuf {
    workspace_root().join("tests/fixtures/requests").join(name)
}

fn path(p: &Path) -> Result<&str> {
    p.to_str().context("a UTF-8 path")
}

fn demo() -> Result<TempDataDir> {
    let data = TempDataDir::new()?;
    let init = salactl(data.path(), None, &["init", "--demo"])?;
    ensure!(init.status.success(), "init --demo: {}", String::from_utf8_lossy(&init.stderr));
    Ok(data)
}

fn request_count(dir: &Path) -> Result<i64> {
    let conn = rusqlite::Connection::open(dir.join("sala.sqlite"))?;
    Ok(conn.query_row("SELECT count(*) FROM request", [], |r| r.get(0))?)
}

/// `salactl requests ARGS` as `user`, which must exit 1 with a Thai error; its stderr.
fn refused(dir: &Path, user: (&str, &str), args: &[&str]) -> Result<String> {
    let mut all = vec!["requests"];
    all.extend_from_slice(args);
    let out = salactl(dir, Some(user), &all)?;
    ensure!(
        out.status.code() == Some(1),
        "requests {args:?} as {} should exit 1, got {:?}: {}",
        user.0,
        out.status.code(),
        String::from_utf8_lossy(&out.stdout)
    );
    ensure!(out.stdout.is_empty(), "nothing on stdout: {}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    ensure!(err.contains("ข้อผิดพลาด"), "a Thai error: {err}");
    Ok(err)
}

/// `salactl --json requests ARGS` as `user`.
fn requests(dir: &Path, user: (&str, &str), args: &[&str]) -> Result<Value> {
    let mut all = vec!["requests"];
    all.extend_from_slice(args);
    json(dir, user, &all)
}

/// `salactl requests export ARGS` as `user`: its standard output.
fn export(dir: &Path, user: (&str, &str), args: &[&str]) -> Result<String> {
    let mut all = vec!["requests", "export"];
    all.extend_from_slice(args);
    let out = salactl(dir, Some(user), &all)?;
    ensure!(out.status.success(), "export {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    Ok(String::from_utf8(out.stdout)?)
}

fn codes(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| {
                    r.get("tracking_code").or_else(|| r.get("service_request_id"))?.as_str()
                })
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn new(dir: &Path, user: (&str, &str), args: &[&str]) -> Result<Value> {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    requests(dir, user, &all)
}

#[test]
fn the_old_google_form_imports_all_or_nothing_and_only_once() -> Result<()> {
    let data = demo()?;
    let dir = data.path();
    let before = request_count(dir)?;

    let bad = fixture("google-form-bad.csv");
    let args = ["requests", "import", "--google-form", path(&bad)?];
    let out = salactl(dir, Some(CLERK), &args)?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    ensure!(out.status.code() == Some(1), "exit {:?}: {stderr}", out.status.code());
    for (line, reason) in [
        (2, "ชื่อ-นามสกุล"),
        (3, "12345"),
        (4, "แจ้งเรื่องที่ต้องการขอรับบริการ"),
        (5, "สถานที่ที่ต้องการรับบริการ"),
        (6, "31/02/2569"),
        (7, "01/01/2600"),
        (8, "somchai@"),
    ] {
        ensure!(
            stderr.lines().any(|l| l.starts_with(&format!("บรรทัด {line}: ")) && l.contains(reason)),
            "line {line} named with {reason}: {stderr}"
        );
    }
    ensure!(!stderr.contains("บรรทัด 10"), "the good row (after a two-line cell) is not blamed");
    ensure!(stderr.contains("7 บรรทัด"), "seven bad lines counted: {stderr}");
    ensure!(request_count(dir)? == before, "nothing imported");

    let good = fixture("google-form-good.csv");
    let report = requests(dir, CLERK, &["import", "--google-form", path(&good)?])?;
    ensure!(report["rows"] == 6 && report["imported"] == 6 && report["skipped"] == 0, "{report}");
    let created = report["tracking_codes"].as_array().context("codes")?;
    ensure!(created.len() == 6, "{report}");
    ensure!(request_count(dir)? == before + 6);

    // The two-line suggestion, the B.E. date, the "อื่นๆ" free text.
    let first = requests(dir, CLERK, &["show", created[0].as_str().context("code")?])?;
    ensure!(first["category_code"] == "street_light", "{first}");
    ensure!(first["source"] == "google_form" && first["occurred_on"] == "2025-06-03", "{first}");
    let description = first["description"].as_str().context("description")?;
    ensure!(description.contains("3 ต้น\nช่วงกลางคืน"), "the quoted two-line cell: {description}");
    let other = requests(dir, CLERK, &["show", created[2].as_str().context("code")?])?;
    ensure!(other["category_code"] == "other_service", "{other}");
    ensure!(
        other["description"].as_str().is_some_and(|d| d.starts_with("ขอตัดกิ่งไม้")),
        "the free text leads the description: {other}"
    );

    let again = requests(dir, CLERK, &["import", "--google-form", path(&good)?])?;
    ensure!(
        again["imported"] == 0 && again["skipped"] == 6,
        "a second run imports nothing: {again}"
    );
    ensure!(request_count(dir)? == before + 6);
    Ok(())
}

#[test]
fn a_mapping_file_reads_a_form_with_other_questions() -> Result<()> {
    let data = demo()?;
    let dir = data.path();
    let csv = dir.join("other-form.csv");
    std::fs::write(
        &csv,
        "\u{feff}เวลาที่ส่ง,ผู้แจ้ง,เบอร์ติดต่อ,เรื่องที่แจ้ง,จุดที่เกิดเหตุ,วันที่แจ้ง,รายละเอียดเพิ่มเติม\r\n\
         \"3/6/2568, 8:15:42\",นางสาวสมใจ ทดสอบ,0812345678,ขอน้ำใช้,บ้านเลขที่ 7 หมู่ 1,03/06/2568,บ่อแห้ง\r\n",
    )?;
    let mapping = dir.join("mapping.json");
    std::fs::write(
        &mapping,
        r#"{
  "columns": {"timestamp": "เวลาที่ส่ง", "name": "ผู้แจ้ง", "phone": "เบอร์ติดต่อ",
              "request_type": "เรื่องที่แจ้ง", "place": "จุดที่เกิดเหตุ", "date": "วันที่แจ้ง",
              "suggestion": "รายละเอียดเพิ่มเติม"},
  "request_types": {"ขอน้ำใช้": "water_supply_household"}
}"#,
    )?;
    // Without the mapping, the file's headers are not the form's: the missing ones are named.
    let err = refused(dir, CLERK, &["import", "--google-form", path(&csv)?])?;
    ensure!(err.contains("ชื่อ - นามสกุล") && err.contains("--mapping"), "{err}");

    let report = requests(
        dir,
        CLERK,
        &["import", "--google-form", path(&csv)?, "--mapping", path(&mapping)?],
    )?;
    ensure!(report["imported"] == 1, "{report}");
    let code = report["tracking_codes"][0].as_str().context("code")?;
    let shown = requests(dir, CLERK, &["show", code])?;
    ensure!(shown["category_code"] == "water_supply_household", "{shown}");
    ensure!(shown["description"] == "บ่อแห้ง" && shown["address"] == "บ้านเลขที่ 7 หมู่ 1", "{shown}");
    ensure!(shown["received_at"] == "2025-06-03T01:15:42.000Z", "the form's timestamp: {shown}");
    Ok(())
}

#[test]
fn the_open311_export_of_a_request_field_by_field() -> Result<()> {
    let data = demo()?;
    let dir = data.path();
    let got = new(
        dir,
        CLERK,
        &[
            "--category",
            "water_supply",
            "--description",
            "น้ำประปาไม่ไหลมา 2 วัน",
            "--name",
            "นางสมใจ ใจดี",
            "--phone",
            "081-234-5678",
            "--place",
            "ซอยร่มเย็น หมู่ 5",
            "--area",
            "หมู่ที่ 5",
            "--lat",
            "7.1234567",
            "--long",
            "100.6123456",
            "--answer",
            "problem=no_water",
        ],
    )?;
    let code = got["tracking_code"].as_str().context("tracking_code")?;
    let due = got["due_on"].as_str().context("due_on")?;
    ensure!(got["contact_channel"] == "sms" && got["restricted"] == false, "{got}");

    let text = export(dir, CLERK, &["--format", "open311"])?;
    let list: Value = serde_json::from_str(&text)?;
    let r = list
        .as_array()
        .and_then(|a| a.iter().find(|r| r["service_request_id"] == code))
        .with_context(|| format!("{code} in {text}"))?;
    let keys: Vec<&String> = r.as_object().context("object")?.keys().collect();
    let mut expected = [
        "service_request_id",
        "status",
        "status_notes",
        "service_name",
        "service_code",
        "description",
        "agency_responsible",
        "service_notice",
        "requested_datetime",
        "updated_datetime",
        "expected_datetime",
        "address",
        "address_id",
        "zipcode",
        "lat",
        "long",
        "media_url",
        "sala_state",
        "sala_kind",
    ];
    let mut got_keys: Vec<&str> = keys.iter().map(|k| k.as_str()).collect();
    got_keys.sort_unstable();
    expected.sort_unstable();
    ensure!(got_keys == expected, "exactly the fields, no personal ones: {keys:?}");
    ensure!(r["status"] == "open" && r["sala_state"] == "received", "{r}");
    ensure!(r["service_code"] == "water_supply" && r["sala_kind"] == "service", "{r}");
    ensure!(r["service_name"] == "การขอระบบประปา หรือแจ้งน้ำไม่ไหล", "{r}");
    ensure!(r["agency_responsible"] == "กองช่าง", "{r}");
    ensure!(r["description"] == "น้ำประปาไม่ไหลมา 2 วัน" && r["address"] == "ซอยร่มเย็น หมู่ 5", "{r}");
    ensure!(r["expected_datetime"] == format!("{due}T16:30:00+07:00").as_str(), "{r}");
    for field in ["requested_datetime", "updated_datetime"] {
        let t = r[field].as_str().context("datetime")?;
        ensure!(t.ends_with("+07:00") && chrono::DateTime::parse_from_rfc3339(t).is_ok(), "{t}");
    }
    ensure!(r["lat"].as_f64() == Some(7.1234567) && r["lat"].is_number(), "{r}");
    ensure!(r["long"].as_f64() == Some(100.6123456) && r["long"].is_number(), "{r}");
    ensure!(text.contains("\"lat\": 7.1234567,"), "the exact text as a number: {text}");
    ensure!(!text.contains("0812345678") && !text.contains("สมใจ"), "no personal data");

    // The same request in CSV, in the same field names.
    let csv = export(dir, CLERK, &["--format", "csv"])?;
    let header = csv.trim_start_matches('\u{feff}').lines().next().context("header")?;
    ensure!(header.starts_with("service_request_id,status,status_notes,service_name,"), "{header}");
    ensure!(csv.lines().any(|l| l.starts_with(code) && l.contains(",7.1234567,100.6123456,")));
    Ok(())
}

#[test]
fn a_clerk_cannot_reach_a_corruption_complaint_by_any_path() -> Result<()> {
    let data = demo()?;
    let dir = data.path();
    let count_before = requests(dir, CLERK, &["count"])?;
    let list_before = codes(&requests(dir, CLERK, &["list"])?);

    let got = new(
        dir,
        CLERK,
        &[
            "--category",
            "corruption",
            "--anonymous",
            "--description",
            "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง",
        ],
    )?;
    ensure!(got["restricted"] == true && got["anonymous"] == true, "{got}");
    let code = got["tracking_code"].as_str().context("tracking_code")?;

    // As the clerk who took it: gone from everything.
    let list = codes(&requests(dir, CLERK, &["list"])?);
    ensure!(!list.iter().any(|c| c == code), "not in the clerk's list");
    ensure!(list == list_before, "the clerk's list did not change");
    for scope in ["mine", "division", "overdue"] {
        let list = codes(&requests(dir, CLERK, &["list", "--scope", scope])?);
        ensure!(!list.iter().any(|c| c == code), "not in --scope {scope}");
    }
    let search = requests(dir, CLERK, &["list", "--search", code])?;
    ensure!(search.as_array().is_some_and(Vec::is_empty), "no search hit: {search}");
    let search = requests(dir, CLERK, &["list", "--search", "เรียกรับเงิน"])?;
    ensure!(search.as_array().is_some_and(Vec::is_empty), "not by its words: {search}");
    let count = requests(dir, CLERK, &["count"])?;
    ensure!(count == count_before, "counts unchanged: {count} vs {count_before}");
    for format in ["open311", "csv"] {
        let text = export(dir, CLERK, &["--format", format])?;
        ensure!(!text.contains(code) && !text.contains("เรียกรับเงิน"), "{format}: {text}");
    }
    let err = refused(dir, CLERK, &["show", code])?;
    ensure!(err.contains("ไม่พบ"), "not found, not 'not permitted': {err}");
    let err = refused(dir, CLERK, &["move", code, "--to", "checking"])?;
    ensure!(err.contains("ไม่พบ"), "{err}");
    let err = refused(dir, CLERK, &["note", code, "--text", "ลองดู"])?;
    ensure!(err.contains("ไม่พบ"), "{err}");
    for args in [&["rate", code, "--score", "5"][..], &["assign", code, "--to", "clerk"][..]] {
        let err = refused(dir, CLERK, args)?;
        ensure!(err.contains("ไม่พบ"), "{args:?}: {err}");
    }

    // A named complaint: its reporter's name and phone find nothing, for the clerk or for a supervisor who is
    // not its handler, and its call-back is on nobody's list until someone handles it.
    let named_secret = new(
        dir,
        CLERK,
        &[
            "--category",
            "corruption",
            "--description",
            "เจ้าหน้าที่ขอเงินค่าดำเนินการนอกระเบียบ",
            "--name",
            "นายสมหมาย กล้าพูด",
            "--phone",
            "0897770000",
            "--channel",
            "call_back",
        ],
    )?;
    let secret_code = named_secret["tracking_code"].as_str().context("tracking_code")?;
    for user in [CLERK, PALAD] {
        for text in ["สมหมาย", "0897770000", "089-777-0000"] {
            let hits = codes(&requests(dir, user, &["list", "--search", text])?);
            ensure!(!hits.iter().any(|c| c == secret_code), "{user:?} finds it by {text}");
        }
    }
    let callbacks = requests(dir, CLERK, &["callbacks"])?.to_string();
    ensure!(!callbacks.contains(secret_code) && !callbacks.contains("สมหมาย"), "{callbacks}");
    let shown = requests(dir, PALAD, &["show", secret_code])?;
    ensure!(shown["reporter"].is_null(), "a supervisor who is not its handler: {shown}");

    // The supervisor sees it in lists and by code; the export still never has it.
    let palad_list = codes(&requests(dir, PALAD, &["list"])?);
    ensure!(palad_list.iter().any(|c| c == code), "the supervisor sees it: {palad_list:?}");
    let shown = requests(dir, PALAD, &["show", code])?;
    ensure!(shown["anonymous"] == true && shown["reporter"].is_null(), "nobody sees a reporter");
    for format in ["open311", "csv"] {
        let text = export(dir, PALAD, &["--format", format, "--include-personal"])?;
        ensure!(!text.contains(code), "{format}: restricted never exported, whoever asks");
    }

    // Personal data: refused for the clerk (nothing printed), given to the supervisor.
    let err = refused(dir, CLERK, &["export", "--format", "open311", "--include-personal"])?;
    ensure!(err.contains("ไม่มีสิทธิ์"), "{err}");
    let named = new(
        dir,
        CLERK,
        &[
            "--category",
            "grievance",
            "--description",
            "เสียงดังจากโรงงานตอนกลางคืน",
            "--name",
            "นายมานะ อดทน",
            "--phone",
            "0891112222",
        ],
    )?;
    let text = export(dir, PALAD, &["--format", "open311", "--include-personal"])?;
    let list: Value = serde_json::from_str(&text)?;
    let r = list
        .as_array()
        .and_then(|a| a.iter().find(|r| r["service_request_id"] == named["tracking_code"]))
        .context("the named grievance")?;
    ensure!(r["first_name"] == "นายมานะ" && r["last_name"] == "อดทน", "{r}");
    ensure!(r["phone"] == "0891112222", "{r}");
    Ok(())
}

#[test]
fn the_works_officer_takes_a_street_light_to_done_and_the_citizen_hears() -> Result<()> {
    let data = demo()?;
    let dir = data.path();
    let got = new(
        dir,
        CLERK,
        &[
            "--category",
            "street_light",
            "--description",
            "ไฟถนนหน้าบ้านดับ 3 คืน",
            "--name",
            "นางสาวสมใจ ทดสอบ",
            "--phone",
            "0812345678",
            "--place",
            "หน้าบ้านเลขที่ 45 หมู่ที่ 2",
            "--answer",
            "problem=broken",
            "--answer",
            "pole_number=12/3",
        ],
    )?;
    let code = got["tracking_code"].as_str().context("tracking_code")?;
    let state = |user| -> Result<Value> { requests(dir, user, &["show", code]) };
    let start = state(CHANG)?;
    ensure!(start["state"] == "received" && start["department_code"] == "works", "{start}");
    let notes_before = start["notifications"].as_array().map_or(0, Vec::len);

    let err = refused(dir, CHANG, &["move", code, "--to", "done"])?;
    ensure!(err.contains("เสร็จสิ้น") || err.contains("สถานะ"), "the refused jump says why: {err}");
    let after = state(CHANG)?;
    ensure!(after["state"] == "received" && after["events"] == start["events"], "nothing changed");

    for to in ["checking", "in_progress", "done"] {
        let moved = requests(dir, CHANG, &["move", code, "--to", to])?;
        ensure!(moved["state"] == to, "{to}: {moved}");
    }
    let done = state(CLERK)?;
    ensure!(done["state"] == "done" && done["status"] == "closed", "{done}");
    let notifications = done["notifications"].as_array().context("notifications")?;
    ensure!(notifications.len() >= notes_before + 3, "one per step: {notifications:?}");
    ensure!(
        notifications.iter().all(|n| n["channel"] == "sms" && n["state"] == "queued"),
        "queued for the central endpoint: {notifications:?}"
    );
    let events = done["events"].as_array().context("events")?;
    let steps: Vec<&str> = events.iter().filter_map(|e| e["to_state"].as_str()).collect();
    ensure!(steps.ends_with(&["checking", "in_progress", "done"]), "{steps:?}");

    let rated = requests(dir, CLERK, &["rate", code, "--score", "5"])?;
    ensure!(rated["rating"] == 5, "{rated}");
    Ok(())
}

#[test]
fn a_citizen_without_phone_lands_on_the_call_back_list() -> Result<()> {
    let data = demo()?;
    let dir = data.path();
    let got = new(
        dir,
        CLERK,
        &[
            "--category",
            "water_supply",
            "--description",
            "ท่อประปาแตกหน้าบ้าน",
            "--name",
            "นายทองดี มีสุข",
            "--address",
            "12 หมู่ 4",
            "--channel",
            "call_back",
            "--place",
            "หน้าบ้านเลขที่ 12 หมู่ 4",
        ],
    )?;
    let code = got["tracking_code"].as_str().context("tracking_code")?;
    ensure!(got["contact_channel"] == "call_back", "{got}");
    requests(dir, CHANG, &["move", code, "--to", "checking"])?;

    let list = requests(dir, CLERK, &["callbacks"])?;
    let mine: Vec<&Value> =
        list.as_array().context("list")?.iter().filter(|c| c["tracking_code"] == code).collect();
    ensure!(!mine.is_empty(), "the update waits for a call: {list}");
    ensure!(mine.iter().any(|c| c["recipient"].as_str().is_some_and(|r| r.contains("ทองดี"))));
    let id = mine[0]["id"].as_str().context("id")?;
    requests(dir, CLERK, &["called", id, "--outcome", "โทรแจ้งแล้ว"])?;
    let list = requests(dir, CLERK, &["callbacks"])?;
    ensure!(!list.as_array().context("list")?.iter().any(|c| c["id"] == id), "done: {list}");
    Ok(())
}
