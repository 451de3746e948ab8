//! The queue through its public operations on a real (in-memory) demo office.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::*;
use crate::auth::{Session, test_session};
use crate::db::Db;
use crate::error::ErrorCode;
use crate::thai::date::office_offset;

/// 2026-11-24 (a Tuesday) at `h:m` office time.
fn at(h: u32, m: u32) -> DateTime<Utc> {
    office_offset()
        .with_ymd_and_hms(2026, 11, 24, h, m, 0)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .expect("valid time")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid date")
}

fn demo() -> Db {
    let mut db = Db::open_in_memory(at(7, 0)).expect("db");
    crate::office::create_demo_office(&mut db, at(7, 0)).expect("demo office");
    db
}

fn clerk(db: &Db) -> Session {
    test_session(db.conn(), "clerk")
}

fn issue_at(db: &mut Db, s: &Session, now: DateTime<Utc>, service: &str, p: Priority) -> Ticket {
    super::issue(db, s, now, &IssueInput::walk_in(service, p)).expect("issue")
}

fn call(db: &mut Db, s: &Session, now: DateTime<Utc>, counter: u32) -> String {
    call_next(db, s, now, counter).expect("call next").number
}

#[test]
fn the_demo_has_history_but_nobody_waiting_today() {
    let db = demo();
    let s = test_session(db.conn(), "palad");
    let st = state(db.conn(), &s, at(8, 30)).expect("state");
    assert!(st.services.iter().all(|l| l.waiting.is_empty() && l.later.is_empty()));
    assert!(st.carried_over.is_empty(), "the demo's past days are closed");
    assert!(st.counters.iter().all(|c| c.current.is_none()));
    let past: i64 = db
        .conn()
        .query_row("SELECT count(DISTINCT business_day) FROM queue_ticket", [], |r| r.get(0))
        .expect("days");
    assert_eq!(past, 5, "five past working days");
    let from = today() - Duration::days(10);
    let k = kpis(db.conn(), &s, from, today()).expect("kpis");
    assert!(k.overall.served > 30, "{:?}", k.overall);
    assert!(k.overall.avg_rating.is_some());
}

#[test]
fn numbers_count_up_per_prefix_with_people_ahead_and_an_estimate() {
    let mut db = demo();
    let s = clerk(&db);
    let a1 = issue_at(&mut db, &s, at(9, 0), "general", Priority::Normal);
    let a2 = issue_at(&mut db, &s, at(9, 1), "general", Priority::Normal);
    let b1 = issue_at(&mut db, &s, at(9, 2), "welfare", Priority::Normal);
    let a3 = issue_at(&mut db, &s, at(9, 3), "general", Priority::Elderly);
    assert_eq!([&a1.number, &a2.number, &b1.number, &a3.number], ["A001", "A002", "B001", "A003"]);
    assert_eq!((a1.ahead, a1.estimated_wait_minutes), (Some(0), Some(0)));
    assert_eq!(
        (a2.ahead, a2.estimated_wait_minutes),
        (Some(1), Some(10)),
        "general takes 10 minutes, one counter"
    );
    // The elderly ticket goes before the two normal ones.
    assert_eq!(a3.ahead, Some(0));
    let found = find_ticket(db.conn(), &s, at(9, 4), "a002").expect("find");
    assert_eq!(found.ahead, Some(2), "A003 now goes first");
}

#[test]
fn call_next_follows_the_fairness_rules() {
    let mut db = demo();
    let s = clerk(&db);
    issue_at(&mut db, &s, at(9, 0), "general", Priority::Normal); // A001
    issue_at(&mut db, &s, at(9, 1), "general", Priority::Elderly); // A002
    issue_at(&mut db, &s, at(9, 2), "general", Priority::Monk); // A003
    issue_at(&mut db, &s, at(9, 3), "general", Priority::Pregnant); // A004
    issue_at(&mut db, &s, at(9, 4), "general", Priority::Normal); // A005
    let order: Vec<String> = (0..5).map(|i| call(&mut db, &s, at(9, 10 + i), 1)).collect();
    assert_eq!(order, ["A002", "A003", "A001", "A004", "A005"]);
    let err = call_next(&mut db, &s, at(9, 20), 1).expect_err("nobody waiting");
    assert_eq!(err.code(), ErrorCode::NotFound);
    // Nothing changed: A005 is still at the counter.
    let st = state(db.conn(), &s, at(9, 20)).expect("state");
    assert_eq!(st.counters[0].current.as_ref().map(|t| t.number.as_str()), Some("A005"));
}

#[test]
fn a_ticket_waiting_longer_than_max_wait_goes_first() {
    let mut db = demo();
    let s = clerk(&db);
    issue_at(&mut db, &s, at(9, 0), "general", Priority::Normal); // A001
    issue_at(&mut db, &s, at(9, 40), "general", Priority::Elderly); // A002
    assert_eq!(call(&mut db, &s, at(9, 45), 1), "A002", "45 minutes is not longer than 45");
    issue_at(&mut db, &s, at(9, 45), "general", Priority::Elderly); // A003
    assert_eq!(call(&mut db, &s, at(9, 46), 1), "A001", "46 minutes beats priority");
}

#[test]
fn counters_call_only_their_services() {
    let mut db = demo();
    let s = clerk(&db);
    issue_at(&mut db, &s, at(9, 0), "land_tax", Priority::Normal);
    assert_eq!(
        call_next(&mut db, &s, at(9, 1), 1).expect_err("counter 1 serves palad").code(),
        ErrorCode::NotFound
    );
    assert_eq!(call(&mut db, &s, at(9, 1), 2), "C001");
}

#[test]
fn a_no_show_returns_once_after_the_grace_period_then_ends() {
    let mut db = demo();
    let s = clerk(&db);
    issue_at(&mut db, &s, at(9, 0), "general", Priority::Normal); // A001
    issue_at(&mut db, &s, at(9, 1), "general", Priority::Normal); // A002
    assert_eq!(call(&mut db, &s, at(9, 2), 1), "A001");
    let t = no_show(&mut db, &s, at(9, 3), 1).expect("no-show");
    assert_eq!((t.status, t.no_shows), (TicketStatus::Waiting, 1));
    assert_eq!(call(&mut db, &s, at(9, 4), 1), "A002", "A001 is away for the grace period");
    assert_eq!(
        call_next(&mut db, &s, at(9, 7), 1).expect_err("not back yet").code(),
        ErrorCode::NotFound
    );
    assert_eq!(call(&mut db, &s, at(9, 8), 1), "A001", "back after 5 minutes, keeping its place");
    let t = no_show(&mut db, &s, at(9, 9), 1).expect("second no-show");
    assert_eq!(t.status, TicketStatus::NoShow);
    assert_eq!(call_next(&mut db, &s, at(9, 30), 1).expect_err("gone").code(), ErrorCode::NotFound);
}

#[test]
fn a_transfer_keeps_the_number_and_the_link() {
    let mut db = demo();
    let s = clerk(&db);
    let first = issue_at(&mut db, &s, at(9, 0), "general", Priority::Elderly);
    call(&mut db, &s, at(9, 1), 1);
    let moved = transfer(&mut db, &s, at(9, 5), 1, &TransferTo::Service("land_tax".into()))
        .expect("transfer");
    assert_eq!(moved.number, "A001");
    assert_eq!(moved.service, "land_tax");
    assert_eq!(moved.previous_id.as_deref(), Some(first.id.as_str()));
    assert_eq!(moved.visit_id, first.id);
    assert_eq!(moved.priority, Priority::Elderly, "the priority class travels with the citizen");
    assert_eq!(moved.status, TicketStatus::Waiting);
    assert_eq!(call(&mut db, &s, at(9, 6), 2), "A001", "counter 2 serves land tax");
    // To a counter: only that counter may call it.
    let pinned = transfer(&mut db, &s, at(9, 7), 2, &TransferTo::Counter(3)).expect("to counter 3");
    assert_eq!(pinned.pinned_counter, Some(3));
    assert_eq!(
        call_next(&mut db, &s, at(9, 8), 2).expect_err("pinned to 3").code(),
        ErrorCode::NotFound
    );
    assert_eq!(call(&mut db, &s, at(9, 8), 3), "A001");
    let segments: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM queue_ticket WHERE visit_id = ?1", [&first.id], |r| {
            r.get(0)
        })
        .expect("segments");
    assert_eq!(segments, 3);
}

#[test]
fn finishing_with_a_next_service_continues_the_visit() {
    let mut db = demo();
    let s = clerk(&db);
    issue_at(&mut db, &s, at(9, 0), "general", Priority::Normal);
    call(&mut db, &s, at(9, 1), 1);
    start(&mut db, &s, at(9, 2), 1).expect("start");
    let done = finish(&mut db, &s, at(9, 10), 1, Outcome::FollowUp, Some("fees")).expect("finish");
    assert_eq!((done.status, done.outcome), (TicketStatus::Done, Some(Outcome::FollowUp)));
    let st = state(db.conn(), &s, at(9, 11)).expect("state");
    let fees = st.services.iter().find(|l| l.code == "fees").expect("fees line");
    assert_eq!(fees.waiting.iter().map(|t| t.number.as_str()).collect::<Vec<_>>(), ["A001"]);
}

#[test]
fn hold_and_resume() {
    let mut db = demo();
    let s = clerk(&db);
    issue_at(&mut db, &s, at(9, 0), "general", Priority::Normal);
    issue_at(&mut db, &s, at(9, 0), "general", Priority::Normal);
    call(&mut db, &s, at(9, 1), 1);
    assert_eq!(hold(&mut db, &s, at(9, 2), 1).expect("hold").status, TicketStatus::Held);
    assert_eq!(call(&mut db, &s, at(9, 3), 1), "A002");
    let busy = resume(&mut db, &s, at(9, 4), 1, None).expect_err("counter busy");
    assert_eq!(busy.code(), ErrorCode::Conflict);
    finish(&mut db, &s, at(9, 5), 1, Outcome::Served, None).expect("finish A002");
    let back = resume(&mut db, &s, at(9, 6), 1, Some("a001")).expect("resume");
    assert_eq!((back.number.as_str(), back.status), ("A001", TicketStatus::Serving));
}

#[test]
fn clerks_pick_tickets_only_when_a_supervisor_allows_it() {
    let mut db = demo();
    let s = clerk(&db);
    let boss = test_session(db.conn(), "palad");
    issue_at(&mut db, &s, at(9, 0), "general", Priority::Normal);
    issue_at(&mut db, &s, at(9, 0), "general", Priority::Normal);
    let refused = call_ticket(&mut db, &s, at(9, 1), 1, "A002").expect_err("off by default");
    assert_eq!(refused.code(), ErrorCode::NotPermitted);
    assert_eq!(
        call_ticket(&mut db, &boss, at(9, 1), 1, "A002").expect("supervisor").number,
        "A002"
    );
    let on = QueueSettings { allow_call_specific: true, ..QueueSettings::default() };
    set_settings(&mut db, &boss, at(9, 2), &on).expect("allow");
    assert_eq!(
        call_ticket(&mut db, &s, at(9, 3), 1, "A001").expect("clerk now may").number,
        "A001"
    );
    let audited: String = db
        .conn()
        .query_row(
            "SELECT detail FROM queue_event WHERE kind = 'called' ORDER BY created_at DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("event");
    assert!(audited.contains("\"specific\":true"), "{audited}");
    assert_eq!(
        set_settings(&mut db, &s, at(9, 4), &on).expect_err("clerk").code(),
        ErrorCode::NotPermitted
    );
}

#[test]
fn bad_input_changes_nothing() {
    let mut db = demo();
    let s = clerk(&db);
    let count = |db: &Db| -> i64 {
        db.conn().query_row("SELECT count(*) FROM queue_ticket", [], |r| r.get(0)).expect("count")
    };
    let before = count(&db);
    let bad = |service: &str, phone: Option<&str>| IssueInput {
        service: service.into(),
        priority: Priority::Normal,
        name: None,
        phone: phone.map(Into::into),
        booked_for: None,
    };
    let e = issue(&mut db, &s, at(9, 0), &bad("nope", None)).expect_err("unknown service");
    assert!(e.message(crate::Lang::Th).contains("nope"));
    let e = issue(&mut db, &s, at(9, 0), &bad("general", Some("12345"))).expect_err("bad phone");
    assert_eq!(e.code(), ErrorCode::Validation);
    assert_eq!(Priority::parse("vip").expect_err("unknown class").code(), ErrorCode::Validation);
    assert_eq!(count(&db), before);
}

#[test]
fn bookings_join_the_line_at_their_slot() {
    let mut db = demo();
    let s = clerk(&db);
    let booked = issue(
        &mut db,
        &s,
        at(9, 0),
        &IssueInput {
            booked_for: Some(at(10, 0)),
            ..IssueInput::walk_in("general", Priority::Normal)
        },
    )
    .expect("book");
    assert_eq!(booked.number, "A001");
    issue_at(&mut db, &s, at(9, 30), "general", Priority::Normal); // A002
    assert_eq!(call(&mut db, &s, at(9, 31), 1), "A002");
    finish(&mut db, &s, at(9, 40), 1, Outcome::Served, None).expect("finish");
    assert_eq!(
        call_next(&mut db, &s, at(9, 50), 1).expect_err("slot not yet").code(),
        ErrorCode::NotFound
    );
    issue_at(&mut db, &s, at(10, 1), "general", Priority::Normal); // A003
    assert_eq!(
        call(&mut db, &s, at(10, 2), 1),
        "A001",
        "at its slot it is ahead of later walk-ins"
    );
}

#[test]
fn numbers_restart_each_business_day_and_leftovers_stay_visible() {
    let mut db = demo();
    let s = clerk(&db);
    let boss = test_session(db.conn(), "palad");
    issue_at(&mut db, &s, at(15, 0), "general", Priority::Normal);
    let tomorrow = at(15, 0) + Duration::hours(18);
    let t = issue_at(&mut db, &s, tomorrow, "general", Priority::Normal);
    assert_eq!(t.number, "A001", "a new day starts from 1");
    let st = state(db.conn(), &s, tomorrow).expect("state");
    assert_eq!(st.carried_over.len(), 1);
    assert!(st.carried_over[0].carried_over);
    assert_eq!(call(&mut db, &s, tomorrow, 1), "A001");
    assert!(call_next(&mut db, &s, tomorrow, 1).is_err(), "yesterday's ticket is not called");
    let left = st.carried_over[0].id.clone();
    cancel(&mut db, &boss, tomorrow, &left).expect("close yesterday's");
    assert_eq!(
        cancel(&mut db, &boss, tomorrow, &left).expect_err("closed").code(),
        ErrorCode::NotFound
    );
    assert!(state(db.conn(), &s, tomorrow).expect("state").carried_over.is_empty());
}

#[test]
fn a_second_pc_draws_from_its_own_block() {
    let mut db = demo();
    let boss = test_session(db.conn(), "palad");
    let s = clerk(&db);
    let second = QueueSettings { issuer_block: 2, issuer_blocks: 2, ..QueueSettings::default() };
    set_settings(&mut db, &boss, at(8, 0), &second).expect("settings");
    assert_eq!(issue_at(&mut db, &s, at(9, 0), "general", Priority::Normal).number, "A500");
    let bad = QueueSettings { issuer_block: 3, issuer_blocks: 2, ..QueueSettings::default() };
    assert_eq!(
        set_settings(&mut db, &boss, at(8, 0), &bad).expect_err("3 of 2").code(),
        ErrorCode::Validation
    );
}

#[test]
fn the_board_shows_numbers_never_names_and_the_customer_screen_rates() {
    let mut db = demo();
    let s = clerk(&db);
    let t = issue(
        &mut db,
        &s,
        at(9, 0),
        &IssueInput {
            name: Some("นางสมศรี มีสุข".into()),
            phone: Some("0861112203".into()),
            ..IssueInput::walk_in("general", Priority::Normal)
        },
    )
    .expect("issue");
    assert_eq!(t.phone_masked.as_deref(), Some("08x-xxx-2203"));
    call(&mut db, &s, at(9, 1), 1);
    recall(&mut db, &s, at(9, 2), 1).expect("recall");
    let b = board(db.conn(), at(9, 2)).expect("board");
    let text = serde_json::to_string(&b).expect("json");
    assert!(!text.contains("สมศรี") && !text.contains("2203"), "{text}");
    assert_eq!(b.calls.len(), 2);
    assert!(b.calls[0].recall);
    assert_eq!(
        b.calls[0].voice.join(" "),
        "chime invite letter-a digit-0 digit-0 digit-1 at-counter digit-1"
    );
    assert_eq!(b.counters[0].serving.as_deref(), Some("A001"));
    assert!(rating_prompt(db.conn(), at(9, 3), 1).expect("prompt").is_none(), "not finished yet");
    finish(&mut db, &s, at(9, 5), 1, Outcome::Served, None).expect("finish");
    let prompt = rating_prompt(db.conn(), at(9, 6), 1).expect("prompt").expect("asks");
    assert_eq!(prompt.number, "A001");
    assert_eq!(
        rate_at_counter(&mut db, at(9, 6), 1, 0).expect_err("0 is not a score").code(),
        ErrorCode::Validation
    );
    assert_eq!(rate_at_counter(&mut db, at(9, 6), 1, 5).expect("rate").rating, Some(5));
    assert!(rating_prompt(db.conn(), at(9, 6), 1).expect("prompt").is_none(), "asked once");
    assert!(rating_prompt(db.conn(), at(9, 20), 1).expect("prompt").is_none());
}

/// A small day with hand-computed figures (see the comments).
#[test]
fn kpis_of_a_synthetic_day() {
    let mut db = demo();
    let s = clerk(&db);
    let f = test_session(db.conn(), "finance");
    let boss = test_session(db.conn(), "palad");
    issue_at(&mut db, &s, at(9, 0), "general", Priority::Normal); // A001
    issue_at(&mut db, &s, at(9, 2), "general", Priority::Elderly); // A002
    assert_eq!(call(&mut db, &s, at(9, 5), 1), "A002"); // wait 3 min = 180 s
    start(&mut db, &s, at(9, 6), 1).expect("start");
    issue_at(&mut db, &s, at(9, 10), "land_tax", Priority::Normal); // C001
    assert_eq!(call(&mut db, &f, at(9, 12), 2), "C001"); // wait 120 s, never "started": service from the call
    finish(&mut db, &s, at(9, 16), 1, Outcome::Served, None).expect("finish"); // A002 service 09:06–09:16 = 600 s
    assert_eq!(call(&mut db, &s, at(9, 16), 1), "A001"); // wait 16 min = 960 s
    rate(&mut db, &s, at(9, 17), "A002", 4).expect("rate");
    no_show(&mut db, &s, at(9, 20), 1).expect("first no-show");
    finish(&mut db, &f, at(9, 20), 2, Outcome::Served, None).expect("finish"); // C001 service 480 s
    rate(&mut db, &f, at(9, 21), "C001", 5).expect("rate");
    assert_eq!(call(&mut db, &s, at(9, 30), 1), "A001");
    no_show(&mut db, &s, at(9, 31), 1).expect("final no-show");

    let k = kpis(db.conn(), &boss, today(), today()).expect("kpis");
    let o = &k.overall;
    assert_eq!((o.issued, o.called, o.served, o.no_shows), (3, 3, 2, 1));
    assert_eq!(o.no_show_rate_percent.as_deref(), Some("33.3"));
    assert_eq!(o.avg_wait_seconds, Some(420), "(180 + 120 + 960) / 3");
    assert_eq!(o.max_wait_seconds, Some(960));
    assert_eq!(o.avg_service_seconds, Some(540), "(600 + 480) / 2");
    assert_eq!((o.ratings, o.avg_rating.as_deref()), (2, Some("4.50")));

    let general = k.by_service.iter().find(|r| r.key == "general").expect("general");
    assert_eq!((general.issued, general.served, general.no_shows), (2, 1, 1));
    assert_eq!(general.no_show_rate_percent.as_deref(), Some("50.0"));
    assert_eq!((general.avg_wait_seconds, general.avg_service_seconds), (Some(570), Some(600)));
    assert_eq!(general.avg_rating.as_deref(), Some("4.00"));
    let tax = k.by_service.iter().find(|r| r.key == "land_tax").expect("land tax");
    assert_eq!(
        (tax.avg_wait_seconds, tax.avg_service_seconds, tax.no_show_rate_percent.as_deref()),
        (Some(120), Some(480), Some("0.0"))
    );

    assert_eq!(
        k.by_counter.iter().map(|r| (r.key.as_str(), r.issued)).collect::<Vec<_>>(),
        [("1", 2), ("2", 1)]
    );
    assert_eq!(
        k.by_clerk.iter().map(|r| (r.key.as_str(), r.served)).collect::<Vec<_>>(),
        [("clerk", 1), ("finance", 1)]
    );
    assert_eq!(k.by_hour.len(), 1);
    assert_eq!((k.by_hour[0].label.as_str(), k.by_hour[0].issued), ("09:00", 3));

    let csv = export_csv(db.conn(), &s, today()).expect("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "time,business_day,ticket,service,priority,event,counter,user,detail,ticket_id,visit_id"
    );
    // issued×3, called×4, started, finished×2, rated×2, no-show×2
    assert_eq!(lines.len() - 1, 14, "{csv}");
    assert!(
        lines[1].starts_with("2026-11-24 09:00:00,2026-11-24,A001,general,normal,issued,,clerk,"),
        "{}",
        lines[1]
    );
}

#[test]
fn the_slip_has_everything_a_citizen_needs() {
    let mut db = demo();
    let s = clerk(&db);
    issue_at(&mut db, &s, at(9, 0), "welfare", Priority::Normal);
    let t = issue_at(&mut db, &s, at(9, 1), "welfare", Priority::Elderly);
    let doc = slip_document(db.conn(), &t, crate::Lang::Th).expect("slip");
    let text = serde_json::to_string(&doc).expect("json");
    for needle in [
        "องค์การบริหารส่วนตำบลบ้านสาธิต",
        "B002",
        "ลงทะเบียนเบี้ยยังชีพ",
        "ผู้สูงอายุ",
        "ช่องบริการ 1",
        "ชั้น 1 ทางเข้าด้านซ้าย",
        "24 พฤศจิกายน 2569 เวลา 09:01 น.",
        "รออีก 0 คิว",
        "สำเนาทะเบียนบ้าน",
        "SALA-Q:6999901:2026-11-24:B002",
    ] {
        assert!(text.contains(needle), "the slip lacks {needle}: {text}");
    }
    assert_eq!(doc.paper, crate::doc::Paper::Roll80);
}
