//! Office tests: the demo office, the setup wizard's validation, the overview.

use super::*;
use crate::auth::{self, Role, verify_password};
use crate::db::tests::t0;
use crate::db::{Db, Entity};
use crate::error::ErrorCode;
use crate::thai::id::ThaiId;

fn setup_input() -> OfficeSetup {
    OfficeSetup {
        name: "องค์การบริหารส่วนตำบลทดลอง".into(),
        code: "6311101".into(),
        address: "หมู่ 2 ตำบลทดลอง อำเภอเมือง จังหวัดบุรีรัมย์".into(),
        tax_id: "0-9940-00526-01-6".into(),
        logo_base64: None,
        counters: vec![
            CounterInput {
                number: 1, name: "งานทะเบียน".into(), location: "ชั้น 1".into()
            },
            CounterInput {
                number: 2, name: "กองคลัง".into(), location: "ชั้น 1".into()
            },
        ],
        admin: AdminInput {
            username: "somsak".into(),
            display_name: "นายสมศักดิ์ ผู้ดูแล".into(),
            password: "correct horse".into(),
        },
    }
}

fn row_counts(db: &Db) -> Vec<i64> {
    ["office", "department", "service", "counter", "app_user", "audit_log", "outbox"]
        .iter()
        .map(|t| {
            db.conn()
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .expect("count")
        })
        .collect()
}

#[test]
fn demo_office_has_the_plan_departments_roles_citizens_and_parcels() {
    let mut db = Db::open_in_memory(t0()).expect("open");
    create_demo_office(&mut db, t0()).expect("demo");
    let palad = auth::test_session(db.conn(), "palad");
    let o = overview(db.conn(), &palad).expect("overview");
    assert!(o.office.is_demo);
    let depts: Vec<&str> = o.departments.iter().map(|d| d.name_th.as_str()).collect();
    assert_eq!(depts, ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม"]);
    assert!(o.departments.iter().all(|d| !d.services.is_empty()), "every department has services");
    let mut roles: Vec<Role> = o.users.iter().map(|u| u.role).collect();
    roles.dedup();
    assert_eq!(roles, [Role::Admin, Role::Supervisor, Role::Finance, Role::Clerk]);
    assert_eq!(o.counters.len(), 3);
    assert!(o.counters.iter().all(|c| !c.service_ids.is_empty()), "every counter serves something");
    assert!(o.citizen_count >= 5 && o.parcel_count >= 3);

    // Demo data must itself pass the checks a real office's data does.
    let ids: Vec<String> = db
        .conn()
        .prepare("SELECT thai_id FROM citizen")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    for id in ids.iter().chain(std::iter::once(&o.office.tax_id)) {
        ThaiId::parse(id).unwrap_or_else(|e| panic!("demo ID {id} invalid: {e}"));
    }
    let hash: String = db
        .conn()
        .query_row("SELECT password_hash FROM app_user WHERE username = 'clerk'", [], |r| r.get(0))
        .expect("clerk");
    assert!(verify_password(DEMO_PASSWORD, &hash) && !verify_password("wrong", &hash));
}

#[test]
fn every_demo_row_was_audited_and_queued_for_sync() {
    let mut db = Db::open_in_memory(t0()).expect("open");
    create_demo_office(&mut db, t0()).expect("demo");
    for entity in Entity::ALL {
        let sql = format!(
            "SELECT count(*) FROM {t} x WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = x.id) \
             OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = x.id)",
            t = entity.table()
        );
        let orphans: i64 = db.conn().query_row(&sql, [], |r| r.get(0)).expect("count");
        assert_eq!(orphans, 0, "{} rows without audit or outbox entry", entity.table());
    }
}

#[test]
fn setup_wizard_creates_a_working_office() {
    let mut db = Db::open_in_memory(t0()).expect("open");
    let mut token = setup_office(&mut db, t0(), &setup_input()).expect("setup");
    let admin = auth::resume(db.conn(), &mut token, t0()).expect("the new admin is signed in");
    assert_eq!(admin.user().username, "somsak");
    let o = overview(db.conn(), &admin).expect("overview");
    assert_eq!(o.office.tax_id, "0994000526016", "stored as bare digits");
    assert!(!o.office.is_demo);
    assert_eq!(o.departments.len(), 4);
    assert_eq!(o.users.len(), 1);
    assert_eq!(o.users[0].role, Role::Admin);
    let n_services: usize = o.departments.iter().map(|d| d.services.len()).sum();
    assert!(
        o.counters.iter().all(|c| c.service_ids.len() == n_services),
        "counters serve all at first"
    );

    let err = setup_office(&mut db, t0(), &setup_input()).expect_err("second office");
    assert_eq!(err.code(), ErrorCode::Conflict);
}

#[test]
fn setup_wizard_rejects_bad_input_and_writes_nothing() {
    let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    type Spoil = Box<dyn Fn(&mut OfficeSetup)>;
    let cases: Vec<(&str, Spoil)> = vec![
        ("error.setup.name", Box::new(|s| s.name = "  ".into())),
        ("error.setup.code", Box::new(|s| s.code = "รหัส".into())),
        ("error.setup.address", Box::new(|s| s.address = String::new())),
        ("error.thai_id.check_digit", Box::new(|s| s.tax_id = "0994000526017".into())),
        ("error.setup.logo_format", Box::new(|s| s.logo_base64 = Some("aGVsbG8=".into()))),
        ("error.setup.counters", Box::new(|s| s.counters.clear())),
        ("error.setup.counter_number", Box::new(|s| s.counters[0].number = 0)),
        ("error.setup.counter_duplicate", Box::new(|s| s.counters[1].number = 1)),
        ("error.setup.counter_name", Box::new(|s| s.counters[1].name = " ".into())),
        ("error.user.username", Box::new(|s| s.admin.username = "Som Sak".into())),
        ("error.user.password_short", Box::new(|s| s.admin.password = "1234567".into())),
    ];
    for (key, spoil) in cases {
        let mut db = Db::open_in_memory(t0()).expect("open");
        let before = row_counts(&db);
        let mut input = setup_input();
        spoil(&mut input);
        let err = setup_office(&mut db, t0(), &input).expect_err(key);
        assert_eq!((err.code(), err.key()), (ErrorCode::Validation, key));
        assert!(
            !err.to_string().is_empty() && !err.to_string().contains("error."),
            "Thai message: {err}"
        );
        assert_eq!(row_counts(&db), before, "{key}: nothing written");
    }
    let mut db = Db::open_in_memory(t0()).expect("open");
    let mut input = setup_input();
    input.logo_base64 = Some(png.into());
    setup_office(&mut db, t0(), &input).expect("a real PNG logo is accepted");
    let logo = summary(db.conn()).expect("summary").and_then(|o| o.logo_data_url);
    assert!(logo.is_some_and(|l| l.starts_with("data:image/png;base64,")));
}
