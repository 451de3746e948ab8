//! Categories: the defaults every office gets (also an office migrated from schema 5), a supervisor's edits
//! and their checks, and the answers to a category's questions.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value as Json, json};

use super::*;
use crate::auth::test_session;
use crate::db::{Actor, Db};
use crate::error::ErrorCode;
use crate::requests::test_support::demo;

/// 2026-11-24 at `h:00` office time.
fn at(h: u32) -> DateTime<Utc> {
    crate::requests::test_support::at(h, 0)
}

/// Everything a refused call must leave as it was.
fn writes(db: &Db) -> (i64, i64, String) {
    db.conn()
        .query_row(
            "SELECT (SELECT count(*) FROM audit_log), (SELECT count(*) FROM outbox), \
             (SELECT group_concat(code || revision, ',') FROM request_category)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("counts")
}

fn answers(v: &Json) -> Map<String, Json> {
    v.as_object().cloned().expect("an object")
}

fn pothole() -> CategoryInput {
    CategoryInput {
        id: None,
        code: "road_pothole".into(),
        kind: Kind::Service,
        name_th: "  แจ้งถนนชำรุด  ".into(),
        name_en: String::new(),
        department_code: Some("works".into()),
        expected_days: 10,
        confidentiality: Confidentiality::Internal,
        attributes: vec![
            AttributeDef {
                code: "size".into(),
                datatype: Datatype::Singlevaluelist,
                required: true,
                description_th: "ขนาดหลุม".into(),
                description_en: "Size".into(),
                order: 2,
                values: vec![
                    AttributeValue {
                        key: "small".into(),
                        name_th: "เล็ก".into(),
                        name_en: "Small".into(),
                    },
                    AttributeValue {
                        key: "large".into(),
                        name_th: "ใหญ่".into(),
                        name_en: String::new(),
                    },
                ],
            },
            AttributeDef {
                code: "road".into(),
                datatype: Datatype::String,
                required: false,
                description_th: "ชื่อถนน".into(),
                description_en: String::new(),
                order: 1,
                values: Vec::new(),
            },
        ],
        form_labels: vec![
            "  ถนนชำรุด ".into(),
            String::new(),
            "ถนนชำรุด".into(),
            "ถนน  เป็นหลุม".into(),
        ],
        active: true,
        sort_order: 80,
    }
}

#[test]
fn every_office_starts_with_the_online_forms_categories_routed_to_its_divisions() {
    let db = demo();
    let clerk = test_session(db.conn(), "clerk");
    let all = categories(db.conn(), &clerk, false).expect("categories");
    let codes: Vec<&str> = all.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "water_supply_household",
            "water_supply",
            "street_light",
            "electrical_installation",
            "other_service",
            "grievance",
            "corruption"
        ]
    );
    let get = |code: &str| all.iter().find(|c| c.code == code).expect("present");
    let light = get("street_light");
    assert_eq!(light.department_code.as_deref(), Some("works"));
    assert_eq!(light.department_name.as_deref(), Some("กองช่าง"));
    assert_eq!(light.expected_days, 15);
    assert!(light.form_labels.iter().any(|l| l == "ไฟฟ้าส่องสว่าง"));
    let problem = light.attributes.iter().find(|a| a.code == "problem").expect("problem");
    assert!(problem.values.iter().any(|v| v.key == "broken"));
    assert!(problem.required, "the counter asks what is wrong with the light");
    let water = get("water_supply_household");
    assert_eq!((water.department_code.as_deref(), water.expected_days), (Some("palad"), 3));
    assert!(
        water.form_labels.iter().any(|l| l == "การขอทำอุปโภค - บริโภค"),
        "the seed's OCR variant"
    );
    let install = get("electrical_installation");
    assert!(install.form_labels.iter().any(|l| l == "การติดตั้งเครื่องปรับอากาศไฟฟ้า"));
    let corruption = get("corruption");
    assert_eq!(corruption.kind, Kind::Corruption);
    assert_eq!(corruption.confidentiality, Confidentiality::Restricted);
    assert_eq!(corruption.expected_days, 30);
    assert_eq!(get("grievance").confidentiality, Confidentiality::Internal);
}

#[test]
fn seeding_twice_adds_nothing() {
    let mut db = demo();
    let before = writes(&db);
    db.write(&Actor::system(), at(8), seed_defaults).expect("seed again");
    assert_eq!(writes(&db), before);
}

#[test]
fn an_office_migrated_from_schema_5_gets_the_default_categories() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/db/v0.5-schema5-demo.sqlite");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sala.sqlite");
    std::fs::copy(&fixture, &path).expect("copy the v0.5 fixture");
    let db = Db::open(&path, at(8)).expect("open and migrate");
    let (n, restricted, actors): (i64, i64, i64) = db
        .conn()
        .query_row(
            "SELECT count(*), sum(confidentiality = 'restricted'), \
             (SELECT count(*) FROM audit_log WHERE entity = 'request_category' AND actor_id IS NULL) \
             FROM request_category",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("count");
    assert_eq!((n, restricted, actors), (7, 1, 7), "seeded by the system, audited");
    let chain = crate::audit::verify(db.conn()).expect("verify");
    assert!(chain.problem.is_none(), "{chain:?}");
    let routed: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM request_category WHERE department_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .expect("routed");
    assert_eq!(routed, 7, "the demo divisions exist in v0.5");
    drop(db);
    let again = Db::open(&path, at(9)).expect("reopen");
    let n2: i64 = again
        .conn()
        .query_row("SELECT count(*) FROM request_category", [], |r| r.get(0))
        .expect("n");
    assert_eq!(n2, 7, "opening again seeds nothing");
}

#[test]
fn a_new_database_without_an_office_gets_no_categories_until_set_up() {
    let db = Db::open_in_memory(at(7)).expect("db");
    let n: i64 =
        db.conn().query_row("SELECT count(*) FROM request_category", [], |r| r.get(0)).expect("n");
    assert_eq!(n, 0);
}

#[test]
fn a_supervisor_adds_and_edits_a_category() {
    let mut db = demo();
    let palad = test_session(db.conn(), "palad");
    let saved = save_category(&mut db, &palad, at(9), &pothole()).expect("save");
    assert_eq!(saved.name_th, "แจ้งถนนชำรุด", "trimmed");
    assert_eq!(saved.name_en, "แจ้งถนนชำรุด", "English falls back to Thai");
    assert_eq!(saved.department_name.as_deref(), Some("กองช่าง"));
    assert_eq!(saved.form_labels, ["ถนนชำรุด", "ถนน เป็นหลุม"], "trimmed, no empties, no repeats");
    let order: Vec<&str> = saved.attributes.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(order, ["road", "size"], "questions in their order");
    assert_eq!(saved.attributes[1].values[1].name_en, "ใหญ่");
    assert_eq!(by_code(db.conn(), "road_pothole").expect("by code"), saved);

    // A corruption category is restricted whatever the form said; an inactive one leaves the intake list.
    let edit = CategoryInput {
        id: Some(saved.id.clone()),
        kind: Kind::Corruption,
        confidentiality: Confidentiality::Public,
        active: false,
        ..pothole()
    };
    let edited = save_category(&mut db, &palad, at(10), &edit).expect("edit");
    assert_eq!(edited.id, saved.id);
    assert_eq!(edited.confidentiality, Confidentiality::Restricted);
    let clerk = test_session(db.conn(), "clerk");
    let active = categories(db.conn(), &clerk, false).expect("active");
    assert!(!active.iter().any(|c| c.code == "road_pothole"));
    let all = categories(db.conn(), &clerk, true).expect("all");
    assert_eq!(
        all.last().map(|c| c.code.as_str()),
        Some("road_pothole"),
        "sort order 80 comes last"
    );
    let revision: i64 = db
        .conn()
        .query_row("SELECT revision FROM request_category WHERE id = ?1", [&saved.id], |r| r.get(0))
        .expect("revision");
    assert_eq!(revision, 2, "an update through the writer");
}

#[test]
fn each_bad_category_is_refused_with_its_reason_and_changes_nothing() {
    let mut db = demo();
    let palad = test_session(db.conn(), "palad");
    let list = |mut a: AttributeDef| {
        a.datatype = Datatype::Singlevaluelist;
        a
    };
    let base = pothole();
    let q = base.attributes[1].clone();
    let cases: Vec<(&str, CategoryInput)> = vec![
        ("error.request.category_code", CategoryInput { code: "ถนน".into(), ..pothole() }),
        ("error.request.category_code", CategoryInput { code: "x".into(), ..pothole() }),
        (
            "error.request.category_code_taken",
            CategoryInput { code: "street_light".into(), ..pothole() },
        ),
        ("error.request.category_name", CategoryInput { name_th: "  ".into(), ..pothole() }),
        ("error.request.category_days", CategoryInput { expected_days: 0, ..pothole() }),
        ("error.request.category_days", CategoryInput { expected_days: 366, ..pothole() }),
        (
            "error.request.division",
            CategoryInput { department_code: Some("roads".into()), ..pothole() },
        ),
        (
            "error.request.attribute_code",
            CategoryInput {
                attributes: vec![AttributeDef { code: "pole number".into(), ..q.clone() }],
                ..pothole()
            },
        ),
        (
            "error.request.attribute_duplicate",
            CategoryInput { attributes: vec![q.clone(), q.clone()], ..pothole() },
        ),
        (
            "error.request.attribute_question",
            CategoryInput {
                attributes: vec![AttributeDef { description_th: " ".into(), ..q.clone() }],
                ..pothole()
            },
        ),
        (
            "error.request.attribute_values",
            CategoryInput { attributes: vec![list(q.clone())], ..pothole() },
        ),
        (
            "error.request.attribute_no_values",
            CategoryInput {
                attributes: vec![AttributeDef { values: base.attributes[0].values.clone(), ..q }],
                ..pothole()
            },
        ),
        (
            "error.request.attribute_value_key",
            CategoryInput {
                attributes: vec![AttributeDef {
                    values: vec![
                        base.attributes[0].values[0].clone(),
                        base.attributes[0].values[0].clone(),
                    ],
                    ..base.attributes[0].clone()
                }],
                ..pothole()
            },
        ),
        (
            "error.request.attribute_value_name",
            CategoryInput {
                attributes: vec![AttributeDef {
                    values: vec![AttributeValue {
                        key: "x".into(),
                        name_th: String::new(),
                        name_en: "X".into(),
                    }],
                    ..base.attributes[0].clone()
                }],
                ..pothole()
            },
        ),
    ];
    let before = writes(&db);
    for (key, input) in &cases {
        let err = save_category(&mut db, &palad, at(9), input).expect_err(key);
        assert_eq!((err.code(), err.key()), (ErrorCode::Validation, *key), "{input:?}");
        assert!(!err.to_string().contains("error."), "a Thai message: {err}");
        assert_eq!(writes(&db), before, "{key}: nothing changed");
    }
    let taken = save_category(&mut db, &palad, at(9), &cases[2].1).expect_err("taken");
    assert!(taken.to_string().contains("street_light"), "{taken}");

    let clerk = test_session(db.conn(), "clerk");
    let err = save_category(&mut db, &clerk, at(9), &pothole()).expect_err("a clerk");
    assert_eq!(err.code(), ErrorCode::NotPermitted);
    let missing = CategoryInput { id: Some("no-such-id".into()), ..pothole() };
    let err = save_category(&mut db, &palad, at(9), &missing).expect_err("unknown id");
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(writes(&db), before);
}

#[test]
fn an_unknown_category_is_named_and_nothing_else_is_listed() {
    let db = demo();
    let err = by_code(db.conn(), " ไฟถนนเสีย ").expect_err("unknown");
    assert_eq!((err.code(), err.key()), (ErrorCode::NotFound, "error.request.category"));
    let text = err.to_string();
    assert!(text.contains("\"ไฟถนนเสีย\""), "{text}");
    assert!(
        !text.contains("street_light") && !text.contains("corruption"),
        "lists nothing: {text}"
    );
    assert_eq!(by_code(db.conn(), "STREET_LIGHT").expect("any case").code, "street_light");
    let admin = test_session(db.conn(), "admin");
    assert_eq!(
        categories(db.conn(), &admin, false).expect_err("admin").code(),
        ErrorCode::NotPermitted
    );
}

#[test]
fn answers_are_checked_against_the_questions_and_normalised() {
    let db = demo();
    let light = by_code(db.conn(), "street_light").expect("street light");
    let water = by_code(db.conn(), "water_supply_household").expect("water");

    // By key, by the Thai name; strings trimmed, empty optional answers dropped.
    let got = validate_answers(
        &light,
        &answers(&json!({ "problem": "broken", "pole_number": "  ST-0042 " })),
    )
    .expect("by key");
    assert_eq!(Json::Object(got), json!({ "problem": "broken", "pole_number": "ST-0042" }));
    let got =
        validate_answers(&light, &answers(&json!({ "problem": "ไฟกะพริบ", "pole_number": "" })))
            .expect("by Thai name");
    assert_eq!(Json::Object(got), json!({ "problem": "flicker" }));

    // Required.
    let strict = &light;
    let err = validate_answers(strict, &answers(&json!({ "pole_number": "ST-1" })))
        .expect_err("required");
    assert_eq!(err.key(), "error.request.answer_required");
    assert!(err.to_string().contains("ปัญหาที่พบ"), "names the question: {err}");
    let err = validate_answers(strict, &answers(&json!({ "problem": "  " }))).expect_err("blank");
    assert_eq!(err.key(), "error.request.answer_required");

    // Not on the list: the choices are named in Thai.
    let err =
        validate_answers(&light, &answers(&json!({ "problem": "stolen" }))).expect_err("choice");
    assert_eq!(err.key(), "error.request.answer_choice");
    assert!(err.to_string().contains("ไฟดับ/ชำรุด"), "{err}");

    // Unknown code.
    let err = validate_answers(&light, &answers(&json!({ "problem": "new", "colour": "red" })))
        .expect_err("unknown");
    assert_eq!(err.key(), "error.request.answer_unknown");
    assert!(err.to_string().contains("colour") && err.to_string().contains("pole_number"), "{err}");

    // Numbers: exact decimal text, JSON numbers accepted, stored as strings.
    let got =
        validate_answers(&water, &answers(&json!({ "household_members": "+4" }))).expect("+4");
    assert_eq!(got.get("household_members"), Some(&json!("4")));
    let got = validate_answers(&water, &answers(&json!({ "household_members": 5 }))).expect("5");
    assert_eq!(got.get("household_members"), Some(&json!("5")));
    let got =
        validate_answers(&water, &answers(&json!({ "household_members": "-2.50" }))).expect("dec");
    assert_eq!(got.get("household_members"), Some(&json!("-2.50")));
    for bad in ["4 คน", "1,000", "1.", ".5", "1e3", "๔"] {
        let err = validate_answers(&water, &answers(&json!({ "household_members": bad })))
            .expect_err(bad);
        assert_eq!(err.key(), "error.request.answer_number", "{bad}");
        assert!(err.to_string().contains("จำนวนสมาชิกในครัวเรือน"), "{err}");
    }
    let err = validate_answers(&water, &answers(&json!({ "water_volume": { "litres": 2000 } })))
        .expect_err("object");
    assert_eq!(err.key(), "error.request.answer_type");
    let long = "ก".repeat(201);
    let err =
        validate_answers(&water, &answers(&json!({ "water_volume": long }))).expect_err("long");
    assert_eq!(err.key(), "error.request.answer_long");
    assert!(validate_answers(&water, &Map::new()).expect("all optional").is_empty());
}

#[test]
fn multiple_choices_and_dates_are_normalised_to_keys_and_checked_dates() {
    let category = Category {
        id: String::new(),
        code: "survey".into(),
        kind: Kind::Service,
        name_th: "สำรวจ".into(),
        name_en: "Survey".into(),
        department_code: None,
        department_name: None,
        expected_days: 5,
        confidentiality: Confidentiality::Internal,
        attributes: vec![
            AttributeDef {
                code: "days".into(),
                datatype: Datatype::Multivaluelist,
                required: true,
                description_th: "วันที่สะดวก".into(),
                description_en: "Convenient days".into(),
                order: 1,
                values: vec![
                    AttributeValue {
                        key: "mon".into(),
                        name_th: "จันทร์".into(),
                        name_en: "Monday".into(),
                    },
                    AttributeValue {
                        key: "tue".into(),
                        name_th: "อังคาร".into(),
                        name_en: "Tuesday".into(),
                    },
                ],
            },
            AttributeDef {
                code: "since".into(),
                datatype: Datatype::Datetime,
                required: false,
                description_th: "เกิดเหตุตั้งแต่".into(),
                description_en: "Since".into(),
                order: 2,
                values: Vec::new(),
            },
        ],
        form_labels: Vec::new(),
        active: true,
        sort_order: 0,
    };
    let got = validate_answers(&category, &answers(&json!({ "days": ["อังคาร", "mon", "tue"] })))
        .expect("array");
    assert_eq!(
        got.get("days"),
        Some(&json!(["tue", "mon"])),
        "keys, once each, in the given order"
    );
    let got = validate_answers(
        &category,
        &answers(&json!({ "days": "จันทร์, Tuesday", "since": "2026-11-20" })),
    )
    .expect("comma text");
    assert_eq!(Json::Object(got), json!({ "days": ["mon", "tue"], "since": "2026-11-20" }));
    let got = validate_answers(
        &category,
        &answers(&json!({ "days": "mon", "since": "2026-11-20T08:30:00+07:00" })),
    )
    .expect("RFC 3339");
    assert_eq!(got.get("since"), Some(&json!("2026-11-20T08:30:00+07:00")));
    let err =
        validate_answers(&category, &answers(&json!({ "days": [] }))).expect_err("none chosen");
    assert_eq!(err.key(), "error.request.answer_required");
    let err =
        validate_answers(&category, &answers(&json!({ "days": ["sun"] }))).expect_err("not listed");
    assert_eq!(err.key(), "error.request.answer_choice");
    for bad in ["20/11/2569", "2026-02-30", "เมื่อวาน"] {
        let err = validate_answers(&category, &answers(&json!({ "days": "mon", "since": bad })))
            .expect_err(bad);
        assert_eq!(err.key(), "error.request.answer_datetime", "{bad}");
        assert!(err.to_string().contains("เกิดเหตุตั้งแต่"), "{err}");
    }
}
