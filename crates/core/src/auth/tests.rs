//! The permission matrix, sign-in and lockout, idle lock, account management, and the restricted/masked
//! citizen rules, against a real (in-memory) demo database.

use std::collections::BTreeMap;

use chrono::Duration;
use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::*;
use crate::audit::{self, AuditFilter};
use crate::citizen;
use crate::db::tests::t0;
use crate::db::{Actor, Db, Entity};
use crate::error::ErrorCode;
use crate::office::{self, DEMO_PASSWORD, RESTRICTED_CITIZEN, create_demo_office};

fn demo() -> Db {
    let mut db = Db::open_in_memory(t0()).expect("open");
    create_demo_office(&mut db, t0()).expect("demo");
    db
}

/// Every row of every table, so "changes nothing" can be checked exactly.
fn fingerprint(conn: &Connection) -> BTreeMap<String, Vec<String>> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'citizen_fts%' \
             AND name NOT LIKE 'taxpayer_fts%'",
        )
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    tables
        .into_iter()
        .map(|t| {
            let mut stmt =
                conn.prepare(&format!("SELECT * FROM {t} ORDER BY rowid")).expect("select");
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| match r.get_ref(i).expect("value") {
                            ValueRef::Text(s) => String::from_utf8_lossy(s).into_owned(),
                            other => format!("{other:?}"),
                        })
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .expect("rows")
                .collect::<Result<Vec<_>, _>>()
                .expect("collect");
            (t, rows)
        })
        .collect()
}

fn user_id(conn: &Connection, username: &str) -> String {
    conn.query_row("SELECT id FROM app_user WHERE username = ?1", [username], |r| r.get(0))
        .expect("user")
}

fn citizen_id(conn: &Connection, thai_id: &str) -> String {
    conn.query_row("SELECT id FROM citizen WHERE thai_id = ?1", [thai_id], |r| r.get(0))
        .expect("citizen")
}

type Probe = Box<dyn Fn(&mut Db, &Session) -> crate::Result<()>>;

/// Core calls that need each action; each must succeed for an allowed role and be refused, changing
/// nothing, for every other role.
fn probes(db: &Db) -> Vec<(Action, &'static str, Probe)> {
    let spare = user_id(db.conn(), "finance");
    let boonmee = citizen_id(db.conn(), "3310100815903");
    let (s1, s2, s3, s4) = (spare.clone(), spare.clone(), spare.clone(), spare);
    vec![
        (
            Action::ViewOffice,
            "overview",
            Box::new(|db, s| office::overview(db.conn(), s).map(drop)),
        ),
        (Action::UseQueue, "open queue", Box::new(|_, s| s.open_area(Area::Queue))),
        (Action::UseRequests, "open requests", Box::new(|_, s| s.open_area(Area::Requests))),
        (Action::UseTax, "open tax", Box::new(|_, s| s.open_area(Area::Tax))),
        (Action::ViewReports, "open reports", Box::new(|_, s| s.open_area(Area::Reports))),
        (
            Action::ViewAuditLog,
            "browse",
            Box::new(|db, s| audit::browse(db.conn(), s, &AuditFilter::default()).map(drop)),
        ),
        (
            Action::ViewAuditLog,
            "filter options",
            Box::new(|db, s| audit::filter_options(db.conn(), s).map(drop)),
        ),
        (
            Action::ViewAuditLog,
            "chain status",
            Box::new(|db, s| audit::chain_status(db.conn(), s, crate::Lang::Th).map(drop)),
        ),
        (
            Action::SearchCitizens,
            "search",
            Box::new(|db, s| citizen::search(db.conn(), s, "บุญมี").map(drop)),
        ),
        (
            Action::RevealPersonalData,
            "reveal",
            Box::new(move |db, s| citizen::reveal(db, s, t0(), &boonmee).map(drop)),
        ),
        (
            Action::ManageUsers,
            "list accounts",
            Box::new(|db, s| list_accounts(db.conn(), s, t0()).map(drop)),
        ),
        (
            Action::ManageUsers,
            "create user",
            Box::new(|db, s| {
                let input = NewUserInput {
                    username: format!("new_{}", s.role().as_str()),
                    display_name: "ผู้ใช้ใหม่".into(),
                    role: Role::Clerk,
                    password: "first password".into(),
                };
                create_user(db, s, t0(), &input).map(drop)
            }),
        ),
        (
            Action::ManageUsers,
            "reset password",
            Box::new(move |db, s| reset_password(db, s, t0(), &s1, "temporary pass")),
        ),
        (
            Action::ManageUsers,
            "deactivate",
            Box::new(move |db, s| set_active(db, s, t0(), &s2, false)),
        ),
        (
            Action::ManageUsers,
            "reactivate",
            Box::new(move |db, s| set_active(db, s, t0(), &s3, true)),
        ),
        (
            Action::ManageUsers,
            "change role",
            Box::new(move |db, s| set_role(db, s, t0(), &s4, Role::Finance)),
        ),
        (
            Action::ManageSecurity,
            "get policy",
            Box::new(|db, s| get_policy(db.conn(), s).map(drop)),
        ),
        (
            Action::ManageSecurity,
            "set policy",
            Box::new(|db, s| {
                let p = SecurityPolicy { max_failures: 6, lock_minutes: 10, idle_lock_minutes: 15 };
                set_policy(db, s, t0(), &p)
            }),
        ),
        (
            Action::ManagePrinters,
            "set a print route",
            Box::new(|db, s| {
                let mut route =
                    crate::print::Route::default_for(crate::doc::DocumentKind::QueueSlip);
                route.destination =
                    Some(crate::print::Destination::Cups { printer: "Slip".into() });
                crate::print::set_route(db, s, t0(), &route)
            }),
        ),
        (
            Action::ManageQueue,
            "change the queue settings",
            Box::new(|db, s| {
                let settings = crate::queue::QueueSettings {
                    max_wait_minutes: 30,
                    ..crate::queue::QueueSettings::default()
                };
                crate::queue::set_settings(db, s, t0(), &settings).map(drop)
            }),
        ),
        (
            Action::ManageTax,
            "set a tax year's calendar",
            Box::new(|db, s| {
                let year = crate::tax::settings::TaxYearSettings::example(2571);
                crate::tax::settings::save_year(db, s, t0(), &year).map(drop)
            }),
        ),
        (
            Action::ManageTax,
            "assign a receipt book",
            Box::new(|db, s| {
                let device = db.device_id()?;
                let book = if s.role() == Role::Finance { 91 } else { 92 };
                crate::tax::receipt::assign_book(db, s, t0(), 2570, book, 1, 100, &device).map(drop)
            }),
        ),
        (
            Action::VoidReceipt,
            "void a receipt (someone else's)",
            Box::new(|db, s| {
                let id: String = db
                    .conn()
                    .query_row(
                        "SELECT id FROM tax_receipt WHERE status = 'issued' AND received_by <> ?1 \
                         ORDER BY created_at LIMIT 1",
                        [&s.user().id],
                        |r| r.get(0),
                    )
                    .unwrap_or_default();
                crate::tax::receipt::void_receipt(db, s, t0(), &id, "ทดสอบสิทธิ์").map(drop)
            }),
        ),
        (
            Action::SuperviseRequests,
            "list escalated requests",
            Box::new(|db, s| {
                let filter = crate::requests::ListFilter {
                    scope: crate::requests::Scope::Escalated,
                    ..crate::requests::ListFilter::default()
                };
                crate::requests::list(db.conn(), s, t0().date_naive(), &filter).map(drop)
            }),
        ),
        (
            Action::ManageRequestCategories,
            "add a request category",
            Box::new(|db, s| {
                let input = crate::requests::CategoryInput {
                    id: None,
                    code: format!("probe_{}", s.user().username),
                    kind: crate::requests::Kind::Service,
                    name_th: "ทดสอบสิทธิ์".into(),
                    name_en: String::new(),
                    department_code: Some("works".into()),
                    expected_days: 7,
                    confidentiality: crate::privacy::Confidentiality::Internal,
                    attributes: Vec::new(),
                    form_labels: Vec::new(),
                    active: true,
                    sort_order: 0,
                };
                crate::requests::save_category(db, s, t0(), &input).map(drop)
            }),
        ),
        (
            Action::ExportPersonalData,
            "export requests with the reporters' personal data",
            Box::new(|db, s| {
                let options = crate::requests::ExportOptions {
                    format: crate::requests::ExportFormat::Csv,
                    from: None,
                    to: None,
                    include_personal: true,
                };
                crate::requests::export(db.conn(), s, &options).map(drop)
            }),
        ),
        (
            Action::UseQueue,
            "issue a ticket",
            Box::new(|db, s| {
                let input =
                    crate::queue::IssueInput::walk_in("general", crate::queue::Priority::Normal);
                crate::queue::issue(db, s, t0(), &input).map(drop)
            }),
        ),
    ]
}

#[test]
fn the_whole_permission_matrix() {
    let mut db = demo();
    let probes = probes(&db);
    for action in Action::ALL {
        assert!(probes.iter().any(|(a, _, _)| *a == action), "{action:?} has no probe");
    }
    let users = [
        ("clerk", Role::Clerk),
        ("finance", Role::Finance),
        ("palad", Role::Supervisor),
        ("admin", Role::Admin),
    ];
    let mut cells = 0;
    for (username, role) in users {
        let session = test_session(db.conn(), username);
        assert_eq!(session.role(), role);
        for (action, name, probe) in &probes {
            cells += 1;
            let before = fingerprint(db.conn());
            let result = probe(&mut db, &session);
            if allowed(role, *action) {
                assert!(result.is_ok(), "{role:?} may {name}: {result:?}");
                assert!(session.can(*action));
            } else {
                let err = result.expect_err(&format!("{role:?} must not {name}"));
                assert_eq!(err.code(), ErrorCode::NotPermitted, "{role:?} {name}");
                assert!(err.to_string().starts_with("คุณไม่มีสิทธิ์"), "Thai message: {err}");
                assert!(!err.to_string().contains("action."), "the action is named in Thai: {err}");
                assert_eq!(
                    fingerprint(db.conn()),
                    before,
                    "{role:?} {name}: refused and changed nothing"
                );
                assert!(!session.can(*action));
            }
        }
    }
    assert_eq!(cells, 4 * probes.len());
}

#[test]
fn the_session_view_lists_exactly_what_the_table_allows() {
    let db = demo();
    let clerk = session_view(db.conn(), &test_session(db.conn(), "clerk")).expect("view");
    assert_eq!(clerk.areas, [Area::Queue, Area::Requests, Area::Sync, Area::Settings]);
    assert!(clerk.permissions.contains(&Action::SearchCitizens));
    assert!(!clerk.permissions.contains(&Action::ViewAuditLog));
    assert!(clerk.has_pin, "demo users have a PIN");
    let palad = session_view(db.conn(), &test_session(db.conn(), "palad")).expect("view");
    assert_eq!(palad.areas, Area::ALL);
    let admin = session_view(db.conn(), &test_session(db.conn(), "admin")).expect("view");
    assert_eq!(admin.areas, [Area::Sync, Area::Settings]);
    assert_eq!(admin.idle_lock_minutes, 10);
}

fn audit_actions(conn: &Connection) -> Vec<String> {
    conn.prepare("SELECT action FROM audit_log WHERE entity = 'app_user' AND action NOT IN ('insert') ORDER BY seq")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn sign_in_with_password_or_pin_and_every_attempt_is_audited() {
    let mut db = demo();
    let now = t0();
    let mut token = sign_in(&mut db, now, "clerk", DEMO_PASSWORD).expect("password");
    let s = resume(db.conn(), &mut token, now).expect("resume");
    assert_eq!((s.user().username.as_str(), s.role()), ("clerk", Role::Clerk));
    sign_out(&mut db, &token, now).expect("sign out");
    sign_in(&mut db, now, " clerk ", "135790").expect("PIN, name trimmed");
    let err = sign_in(&mut db, now, "my secret pw", "whatever1").expect_err("unknown");
    assert_eq!((err.code(), err.key()), (ErrorCode::SignInFailed, "error.auth.invalid"));
    let logged: String = db
        .conn()
        .query_row("SELECT summary FROM audit_log ORDER BY seq DESC", [], |r| r.get(0))
        .expect("entry");
    assert!(!logged.contains("my secret pw"), "a password typed as a name is not logged: {logged}");
    let err = sign_in(&mut db, now, "clerk", "").expect_err("empty");
    assert_eq!(err.key(), "error.auth.empty");
    assert_eq!(audit_actions(db.conn()), ["sign_in", "sign_out", "sign_in", "sign_in_failed"]);
    let (actor, summary): (Option<String>, String) = db
        .conn()
        .query_row(
            "SELECT actor_id, summary FROM audit_log WHERE action = 'sign_in' ORDER BY seq DESC",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("entry");
    assert_eq!(actor.as_deref(), Some(user_id(db.conn(), "clerk").as_str()));
    assert!(summary.contains("\"pin\""), "{summary}");
    assert_eq!(audit::verify(db.conn()).expect("verify").problem, None);
}

#[test]
fn five_wrong_tries_lock_the_account_for_five_minutes() {
    let mut db = demo();
    let now = t0();
    for left in (1..=4).rev() {
        let err = sign_in(&mut db, now, "clerk", "000001").expect_err("wrong PIN");
        assert_eq!(err.key(), "error.auth.invalid_tries");
        assert!(err.to_string().contains(&format!("ลองได้อีก {left} ครั้ง")), "{err}");
    }
    let err = sign_in(&mut db, now, "clerk", "000001").expect_err("fifth");
    assert_eq!((err.code(), err.key()), (ErrorCode::SignInFailed, "error.auth.locked"));
    assert!(err.to_string().contains("5 นาที"), "{err}");
    let err = sign_in(&mut db, now + Duration::minutes(4), "clerk", "135790").expect_err("locked");
    assert_eq!(err.key(), "error.auth.locked", "even the right PIN waits");
    assert!(err.to_string().contains("1 นาที"), "{err}");
    let err = sign_in(&mut db, now, "clerk", DEMO_PASSWORD).expect_err("and the password");
    assert_eq!(err.key(), "error.auth.locked");
    let admin = test_session(db.conn(), "admin");
    let locked = list_accounts(db.conn(), &admin, now).expect("accounts");
    let clerk = locked.iter().find(|a| a.user.username == "clerk").expect("clerk");
    assert!(clerk.locked_until.is_some(), "the admin sees the lock");
    assert!(audit_actions(db.conn()).contains(&"account_locked".to_owned()));
    // Other accounts are not affected, and the lock ends by itself.
    sign_in(&mut db, now, "finance", "246801").expect("someone else");
    sign_in(&mut db, now + Duration::minutes(5) + Duration::seconds(1), "clerk", "135790")
        .expect("unlocked after five minutes");
    // A success clears the count: four more wrong tries do not lock.
    for _ in 0..4 {
        sign_in(&mut db, now + Duration::minutes(6), "clerk", "000001").expect_err("wrong");
    }
    sign_in(&mut db, now + Duration::minutes(6), "clerk", "135790").expect("not locked");
}

#[test]
fn lockout_follows_the_policy_and_the_policy_is_validated() {
    let mut db = demo();
    let admin = test_session(db.conn(), "admin");
    let strict = SecurityPolicy { max_failures: 3, lock_minutes: 15, idle_lock_minutes: 2 };
    set_policy(&mut db, &admin, t0(), &strict).expect("set");
    assert_eq!(policy(db.conn()).expect("policy"), strict);
    for _ in 0..2 {
        sign_in(&mut db, t0(), "clerk", "wrong password").expect_err("wrong");
    }
    let err = sign_in(&mut db, t0(), "clerk", "wrong password").expect_err("third");
    assert!(err.to_string().contains("15 นาที"), "{err}");
    for bad in [
        SecurityPolicy { max_failures: 2, ..strict },
        SecurityPolicy { lock_minutes: 0, ..strict },
        SecurityPolicy { idle_lock_minutes: 241, ..strict },
    ] {
        let before = fingerprint(db.conn());
        let err = set_policy(&mut db, &admin, t0(), &bad).expect_err("out of range");
        assert_eq!(err.key(), "error.policy.range");
        assert!(!err.to_string().contains("setting."), "named in Thai: {err}");
        assert_eq!(fingerprint(db.conn()), before);
    }
    let entry: String = db
        .conn()
        .query_row("SELECT summary FROM audit_log WHERE action = 'setting'", [], |r| r.get(0))
        .expect("the change is audited");
    assert!(entry.contains("\"maxFailures\":3"), "{entry}");
}

#[test]
fn an_idle_session_locks_and_a_deactivated_user_is_out_at_once() {
    let mut db = demo();
    let now = t0();
    let mut token = sign_in(&mut db, now, "clerk", DEMO_PASSWORD).expect("sign in");
    resume(db.conn(), &mut token, now + Duration::minutes(9)).expect("still active");
    token.touch(now + Duration::minutes(9));
    resume(db.conn(), &mut token, now + Duration::minutes(19))
        .expect("activity moved the deadline");
    let err = resume(db.conn(), &mut token, now + Duration::minutes(19) + Duration::seconds(1))
        .expect_err("idle");
    assert_eq!((err.code(), err.key()), (ErrorCode::SignInRequired, "error.session.idle"));
    assert!(token.is_locked());
    let state = session_state(db.conn(), Some(&mut token), now).expect("state");
    assert_eq!(state.active, None);
    assert_eq!(state.locked.map(|u| u.username), Some("clerk".into()));

    let mut token = sign_in(&mut db, now, "clerk", DEMO_PASSWORD).expect("sign in again");
    let admin = test_session(db.conn(), "admin");
    let clerk = user_id(db.conn(), "clerk");
    set_active(&mut db, &admin, now, &clerk, false).expect("deactivate");
    let err = resume(db.conn(), &mut token, now).expect_err("deactivated");
    assert_eq!(err.key(), "error.session.ended");
    let err = sign_in(&mut db, now, "clerk", DEMO_PASSWORD).expect_err("cannot sign in");
    assert_eq!(err.key(), "error.auth.inactive");
    // Never deleted: the account and its history stay.
    let n: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM app_user WHERE username = 'clerk' AND deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(n, 1);
    set_active(&mut db, &admin, now, &clerk, true).expect("reactivate");
    sign_in(&mut db, now, "clerk", DEMO_PASSWORD).expect("back");
}

#[test]
fn admins_create_users_who_must_choose_their_own_password() {
    let mut db = demo();
    let now = t0();
    let admin = test_session(db.conn(), "admin");
    let input = NewUserInput {
        username: "somying".into(),
        display_name: "นางสาวสมหญิง ใจดี".into(),
        role: Role::Finance,
        password: "temporary1".into(),
    };
    let created = create_user(&mut db, &admin, now, &input).expect("create");
    assert_eq!(created.role, Role::Finance);
    let err = create_user(&mut db, &admin, now, &input).expect_err("taken");
    assert_eq!(err.code(), ErrorCode::Conflict);

    let mut token = sign_in(&mut db, now, "somying", "temporary1").expect("first sign-in");
    let s = resume(db.conn(), &mut token, now).expect("resume");
    let view = session_view(db.conn(), &s).expect("view");
    assert!(view.must_change_password && view.areas.is_empty() && view.permissions.is_empty());
    let err = s.require(Action::UseTax).expect_err("nothing before a new password");
    assert_eq!(err.key(), "error.session.must_change_password");
    let err =
        change_own_password(&mut db, &s, now, "wrong one", "my own secret").expect_err("current");
    assert_eq!(err.key(), "error.user.current_password");
    let err = change_own_password(&mut db, &s, now, "temporary1", "temporary1").expect_err("same");
    assert_eq!(err.key(), "error.user.password_same");
    change_own_password(&mut db, &s, now, "temporary1", "my own secret").expect("change");
    let s = resume(db.conn(), &mut token, now).expect("resume");
    assert!(s.can(Action::UseTax));

    set_own_pin(&mut db, &s, now, "my own secret", Some("123456")).expect_err("weak PIN");
    set_own_pin(&mut db, &s, now, "my own secret", Some("408213")).expect("PIN");
    sign_in(&mut db, now, "somying", "408213").expect("PIN sign-in");

    // A reset: temporary password, PIN gone, must change again.
    reset_password(&mut db, &admin, now, &created.id, "another temp").expect("reset");
    sign_in(&mut db, now, "somying", "408213").expect_err("PIN cleared");
    let mut token = sign_in(&mut db, now, "somying", "another temp").expect("temp");
    let s = resume(db.conn(), &mut token, now).expect("resume");
    assert!(!s.can(Action::UseTax));
    let summary: String = db
        .conn()
        .query_row(
            "SELECT summary FROM audit_log WHERE entity = 'app_user' AND action = 'update' ORDER BY seq DESC",
            [],
            |r| r.get(0),
        )
        .expect("audited");
    assert!(!summary.contains("$argon2"), "hashes never reach the audit log: {summary}");
}

#[test]
fn the_office_keeps_an_active_admin() {
    let mut db = demo();
    let admin = test_session(db.conn(), "admin");
    let me = admin.user().id.clone();
    let err = set_active(&mut db, &admin, t0(), &me, false).expect_err("self");
    assert_eq!(err.key(), "error.user.deactivate_self");
    let err = set_role(&mut db, &admin, t0(), &me, Role::Clerk).expect_err("last admin");
    assert_eq!(err.key(), "error.user.last_admin");
    let palad = user_id(db.conn(), "palad");
    set_role(&mut db, &admin, t0(), &palad, Role::Admin).expect("a second admin");
    set_role(&mut db, &admin, t0(), &me, Role::Supervisor).expect("now the first may step down");
}

#[test]
fn admins_route_users_to_divisions_and_an_unknown_division_changes_nothing() {
    let mut db = demo();
    let admin = test_session(db.conn(), "admin");
    let division = |db: &Db, username: &str| {
        let accounts = list_accounts(db.conn(), &admin, t0()).expect("accounts");
        accounts.into_iter().find(|a| a.user.username == username).expect("user").department_code
    };
    assert_eq!(division(&db, "chang").as_deref(), Some("works"));
    assert_eq!(division(&db, "admin"), None);
    let clerk = user_id(db.conn(), "clerk");
    set_department(&mut db, &admin, t0(), &clerk, Some("works")).expect("move to works");
    assert_eq!(division(&db, "clerk").as_deref(), Some("works"));
    let before = fingerprint(db.conn());
    let err = set_department(&mut db, &admin, t0(), &clerk, Some("nowhere")).expect_err("unknown");
    assert_eq!(err.key(), "error.user.department_unknown");
    assert_eq!(fingerprint(db.conn()), before);
    let palad = test_session(db.conn(), "palad");
    let err = set_department(&mut db, &palad, t0(), &clerk, None).expect_err("not an admin");
    assert_eq!(err.code(), ErrorCode::NotPermitted);
    set_department(&mut db, &admin, t0(), &clerk, None).expect("no division");
    assert_eq!(division(&db, "clerk"), None);
}

#[test]
fn restricted_citizens_are_invisible_to_those_not_named() {
    let mut db = demo();
    let clerk = test_session(db.conn(), "clerk");
    let palad = test_session(db.conn(), "palad");
    assert!(citizen::search(db.conn(), &clerk, "วีระ").expect("search").is_empty());
    assert!(citizen::search(db.conn(), &clerk, "กล้าแจ้ง").expect("search").is_empty());
    assert!(citizen::search(db.conn(), &clerk, RESTRICTED_CITIZEN).expect("search").is_empty());
    assert!(citizen::search(db.conn(), &clerk, "0897776607").expect("by phone").is_empty());
    let found = citizen::search(db.conn(), &palad, "วีระ").expect("search");
    assert_eq!(found.len(), 1);
    assert!(found[0].restricted);
    let all = citizen::visible_count(db.conn(), &palad).expect("count");
    assert_eq!(
        citizen::visible_count(db.conn(), &clerk).expect("count"),
        all - 1,
        "counts leave it out"
    );
    assert_eq!(
        office::overview(db.conn(), &clerk).expect("overview").citizen_count,
        all - 1,
        "so does the office overview"
    );
    let hidden = citizen_id(db.conn(), RESTRICTED_CITIZEN);
    let before = fingerprint(db.conn());
    let err = citizen::reveal(&mut db, &clerk, t0(), &hidden).expect_err("hidden");
    assert_eq!(err.code(), ErrorCode::NotFound, "not 'not permitted': existence is not revealed");
    assert_eq!(fingerprint(db.conn()), before);

    // A user named on the record (its handler) sees it.
    let clerk_id = clerk.user().id.clone();
    db.write(&Actor::system(), t0(), |w| {
        w.insert(
            Entity::AccessGrant,
            &[
                ("entity", "citizen".to_owned().into()),
                ("entity_id", hidden.clone().into()),
                ("user_id", clerk_id.clone().into()),
            ],
        )
    })
    .expect("grant");
    assert_eq!(citizen::search(db.conn(), &clerk, "วีระ").expect("search").len(), 1);
    let finance = test_session(db.conn(), "finance");
    assert!(
        citizen::search(db.conn(), &finance, "วีระ").expect("search").is_empty(),
        "only the named user"
    );
}

#[test]
fn lists_mask_ids_and_phones_and_reading_them_in_full_is_audited() {
    let mut db = demo();
    let clerk = test_session(db.conn(), "clerk");
    let found = citizen::search(db.conn(), &clerk, "บุญมี").expect("search");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].full_name, "นายบุญมี ศรีสุข");
    assert_eq!(found[0].thai_id_masked.as_deref(), Some("3-3101-xxxxx-xx-3"));
    assert_eq!(found[0].phone_masked.as_deref(), Some("08x-xxx-5601"));
    let json = serde_json::to_string(&found).expect("json");
    assert!(!json.contains("3310100815903") && !json.contains("0812345601"), "{json}");
    // Found by a typed ID (with dashes), by two letters, by phone.
    assert_eq!(citizen::search(db.conn(), &clerk, "3-3101-00815-90-3").expect("id").len(), 1);
    assert!(!citizen::search(db.conn(), &clerk, "บุ").expect("short").is_empty());
    assert_eq!(citizen::search(db.conn(), &clerk, "5601").expect("phone").len(), 1);
    assert!(citizen::search(db.conn(), &clerk, "  ").expect("blank").is_empty());
    assert!(citizen::search(db.conn(), &clerk, "\"%_").expect("odd input is just text").is_empty());

    let full = citizen::reveal(&mut db, &clerk, t0(), &found[0].id).expect("reveal");
    assert_eq!(full.thai_id.as_deref(), Some("3-3101-00815-90-3"));
    assert_eq!(full.phone.as_deref(), Some("0812345601"));
    let (actor, entity_id, summary): (String, String, String) = db
        .conn()
        .query_row(
            "SELECT actor_id, entity_id, summary FROM audit_log WHERE action = 'reveal'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("the read is in the audit log");
    assert_eq!((actor, entity_id), (clerk.user().id.clone(), found[0].id.clone()));
    assert!(summary.contains("thai_id") && !summary.contains("3310100815903"), "{summary}");
    let outbox: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM outbox WHERE entity = 'citizen' AND op_type LIKE 'upsert%' AND entity_id = ?1",
            [&found[0].id], |r| r.get(0))
        .expect("count");
    assert_eq!(outbox, 1, "a read is not a change to sync");
}
