//! Requests through their public operations on a real (in-memory) demo office: the state machine, who may
//! do what, confidentiality on every read path, notifications and the call-back list, escalation.

use chrono::Duration;

use super::*;
use crate::auth::{Session, test_session};
use crate::db::Db;
use crate::error::ErrorCode;
use crate::requests::test_support::{at, demo, today};

fn who(db: &Db, username: &str) -> Session {
    test_session(db.conn(), username)
}

/// What a refused call must leave untouched: the audit chain's length (every write appends to it), the
/// outbox, and the stored attachment contents.
fn writes(db: &Db) -> (i64, i64, i64) {
    db.conn()
        .query_row(
            "SELECT (SELECT count(*) FROM audit_log), (SELECT count(*) FROM outbox), \
             (SELECT count(*) FROM file_blob)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("counts")
}

/// Answers to every required question of the demo category `code` (the first choice of a list).
fn required_answers(code: &str) -> serde_json::Map<String, serde_json::Value> {
    let db = demo();
    let category = category::by_code(db.conn(), code).expect("category");
    super::demo::answers_for(&category)
}

fn street_light(phone: &str) -> IntakeInput {
    IntakeInput {
        category: "street_light".into(),
        contact_name: "นางสาวสมใจ ทดสอบ".into(),
        contact_phone: phone.into(),
        description: "ไฟถนนหน้าบ้านดับมา 3 คืน".into(),
        answers: required_answers("street_light"),
        address: "หน้าบ้านเลขที่ 45 หมู่ที่ 2".into(),
        area: "หมู่ที่ 2".into(),
        ..IntakeInput::default()
    }
}

fn corruption(anonymous: bool) -> IntakeInput {
    IntakeInput {
        category: "corruption".into(),
        anonymous,
        contact_name: if anonymous {
            String::new()
        } else {
            "นายวีระ กล้าแจ้ง".into()
        },
        contact_phone: "0897776607".into(),
        description: "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต".into(),
        ..IntakeInput::default()
    }
}

fn take(db: &mut Db, s: &Session, input: &IntakeInput) -> Received {
    intake(db, s, at(9, 0), input).expect("intake")
}

/// Moves a request at 10:00 plus a minute per step already taken (events are ordered by time).
fn move_to(db: &mut Db, s: &Session, id: &str, to: State, note: &str) -> RequestDetail {
    let steps: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM request_event WHERE request_id = ?1", [id], |r| r.get(0))
        .expect("events");
    change_state(db, s, at(10, 0) + Duration::minutes(steps), id, to, note, None).expect("move")
}

fn visible_codes(db: &Db, s: &Session, filter: &ListFilter) -> Vec<String> {
    list(db.conn(), s, today(), filter)
        .expect("list")
        .into_iter()
        .map(|r| r.tracking_code)
        .collect()
}

#[test]
fn the_state_table_is_the_documented_workflow() {
    use State::*;
    assert!(Received.can_go(Checking) && Checking.can_go(InProgress));
    assert!(InProgress.can_go(Forwarded) && Forwarded.can_go(Done) && InProgress.can_go(Done));
    for from in [Received, Checking, InProgress, Forwarded] {
        assert!(from.is_open() && from.open311() == "open");
        assert!(from.can_go(Cancelled), "{from:?} can be cancelled");
        assert!(!from.can_go(from), "{from:?} does not move to itself");
    }
    assert!(!Received.can_go(Done), "nothing is done before anyone looked at it");
    assert!(!Received.can_go(InProgress) && !Checking.can_go(Done));
    for closed in [Done, NotOurRemit, Duplicate, Cancelled] {
        assert!(!closed.is_open() && closed.open311() == "closed");
        assert_eq!(closed.next(), &[Checking], "{closed:?} only reopens");
    }
    assert!(Checking.needs_public_note(Done), "reopening says why");
    assert!(NotOurRemit.needs_public_note(Checking) && Forwarded.needs_public_note(Checking));
    assert!(!Done.needs_public_note(InProgress) && !InProgress.needs_public_note(Checking));
    for s in State::ALL {
        assert_eq!(State::parse(s.as_str()).expect("parse"), s);
        assert_eq!(State::parse(&crate::i18n::t(crate::Lang::Th, s.label_key())).expect("thai"), s);
    }
    assert_eq!(State::parse("เสร็จ").expect_err("unknown").code(), ErrorCode::Validation);
}

#[test]
fn a_street_light_request_goes_from_the_counter_to_done_and_the_citizen_hears_each_step() {
    let mut db = demo();
    let (clerk, chang) = (who(&db, "clerk"), who(&db, "chang"));
    let got = take(&mut db, &clerk, &street_light("081-555-0101"));
    assert!(got.tracking_code.starts_with("R6901-"), "{}", got.tracking_code);
    assert_eq!(got.tracking_code.len(), 11);
    assert_eq!(got.contact_channel, ContactChannel::Sms, "a phone means SMS updates");
    assert_eq!(got.due_on, "2026-12-09", "street lights: 15 days");
    assert!(!got.restricted);

    let detail =
        get(db.conn(), &chang, today(), &got.tracking_code).expect("the works officer sees it");
    assert_eq!(detail.state, State::Received);
    assert_eq!(detail.department_code.as_deref(), Some("works"));
    assert_eq!(detail.allowed_states, State::Received.next());
    assert!(detail.notifications.is_empty(), "the slip was the acknowledgement at the counter");
    assert_eq!(detail.reporter.as_ref().map(|r| r.phone.as_str()), Some("0815550101"));

    move_to(&mut db, &chang, &got.id, State::Checking, "");
    move_to(&mut db, &chang, &got.id, State::InProgress, "นัดช่างเข้าเปลี่ยนหลอดวันพฤหัสบดี");
    let done = move_to(&mut db, &chang, &got.id, State::Done, "เปลี่ยนหลอดไฟแล้ว");
    assert_eq!(done.status, "closed");
    assert!(done.closed_at.is_some());
    assert_eq!(done.status_notes, "เปลี่ยนหลอดไฟแล้ว");
    assert_eq!(done.notifications.len(), 3, "one SMS per state change");
    assert!(done.notifications.iter().all(|n| n.channel == "sms" && n.state == "queued"));
    assert!(done.notifications[2].message.contains(&got.tracking_code));
    assert!(done.notifications[2].message.contains("เสร็จสิ้น"));
    assert!(done.notifications[1].message.contains("นัดช่าง"), "public notes go to the citizen");
    let kinds: Vec<&str> = done.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["received", "state", "state", "state"]);
    assert!(done.can_rate);

    let rated = rate(&mut db, &clerk, at(11, 0), &got.id, 5).expect("rate");
    assert_eq!(rated.rating, Some(5));
    let again = rate(&mut db, &clerk, at(11, 1), &got.id, 4).expect_err("once");
    assert_eq!(again.code(), ErrorCode::Conflict);
}

#[test]
fn refused_steps_say_why_in_thai_and_change_nothing() {
    let mut db = demo();
    let (clerk, chang, finance) = (who(&db, "clerk"), who(&db, "chang"), who(&db, "finance"));
    let got = take(&mut db, &clerk, &street_light("0815550101"));
    let before = writes(&db);

    let jump =
        change_state(&mut db, &chang, at(10, 0), &got.id, State::Done, "", None).expect_err("jump");
    assert_eq!(jump.code(), ErrorCode::Validation);
    assert!(jump.to_string().contains("รับเรื่อง") && jump.to_string().contains("เสร็จสิ้น"), "{jump}");
    let not_ours =
        change_state(&mut db, &chang, at(10, 0), &got.id, State::NotOurRemit, "  ", None)
            .expect_err("a reason is needed");
    assert_eq!(not_ours.key(), "error.request.note_required");
    let dup = change_state(&mut db, &chang, at(10, 0), &got.id, State::Duplicate, "", None)
        .expect_err("which one?");
    assert_eq!(dup.key(), "error.request.duplicate_of");
    let own = change_state(
        &mut db,
        &chang,
        at(10, 0),
        &got.id,
        State::Duplicate,
        "",
        Some(&got.tracking_code),
    )
    .expect_err("not itself");
    assert_eq!(own.key(), "error.request.duplicate_self");
    for outsider in [&clerk, &finance] {
        let err = change_state(&mut db, outsider, at(10, 0), &got.id, State::Checking, "", None)
            .expect_err("another division's request");
        assert_eq!(err.code(), ErrorCode::NotPermitted);
    }
    assert_eq!(
        rate(&mut db, &clerk, at(10, 0), &got.id, 5).expect_err("open").code(),
        ErrorCode::Conflict
    );
    assert_eq!(writes(&db), before, "nothing was written");
    assert_eq!(get(db.conn(), &chang, today(), &got.id).expect("get").state, State::Received);
}

#[test]
fn duplicates_link_the_original_and_reopening_needs_a_reason_and_a_new_due_date() {
    let mut db = demo();
    let (clerk, chang) = (who(&db, "clerk"), who(&db, "chang"));
    let first = take(&mut db, &clerk, &street_light("0815550101"));
    let second = take(&mut db, &clerk, &street_light("0815550102"));
    let dup = change_state(
        &mut db,
        &chang,
        at(10, 0),
        &second.id,
        State::Duplicate,
        "",
        Some(&first.tracking_code),
    )
    .expect("duplicate");
    assert_eq!(dup.duplicate_of.as_deref(), Some(first.tracking_code.as_str()));
    assert_eq!(dup.status, "closed");

    let later = at(10, 0) + Duration::days(30);
    let err = change_state(&mut db, &chang, later, &second.id, State::Checking, "", None)
        .expect_err("why?");
    assert_eq!(err.key(), "error.request.note_required");
    let reopened =
        change_state(&mut db, &chang, later, &second.id, State::Checking, "ไม่ใช่เสาเดียวกัน", None)
            .expect("reopen");
    assert_eq!(reopened.state, State::Checking);
    assert_eq!(reopened.duplicate_of, None);
    assert_eq!(reopened.closed_at, None);
    assert_eq!(reopened.due_on, "2027-01-08", "15 days from the reopening day");
}

#[test]
fn bad_intake_is_refused_with_a_thai_reason_and_writes_nothing() {
    let mut db = demo();
    let clerk = who(&db, "clerk");
    let before = writes(&db);
    let cases: Vec<(IntakeInput, &str)> = vec![
        (
            IntakeInput { description: "  ".into(), ..street_light("0815550101") },
            "error.request.description",
        ),
        (street_light("12345"), "error.request.phone"),
        (
            IntakeInput { contact_name: String::new(), ..street_light("0815550101") },
            "error.request.name_required",
        ),
        (
            IntakeInput { anonymous: true, contact_name: String::new(), ..street_light("") },
            "error.request.anonymous_service",
        ),
        (
            IntakeInput { address: String::new(), ..street_light("0815550101") },
            "error.request.place",
        ),
        (
            IntakeInput { lat: Some("14.99".into()), ..street_light("0815550101") },
            "error.request.coordinates_pair",
        ),
        (
            IntakeInput {
                lat: Some("95".into()),
                long: Some("102.1".into()),
                ..street_light("0815550101")
            },
            "error.request.lat",
        ),
        (
            IntakeInput { occurred_on: Some("2026-12-01".into()), ..street_light("0815550101") },
            "error.request.date_future",
        ),
        (
            IntakeInput { occurred_on: Some("2569-11-01".into()), ..street_light("0815550101") },
            "error.date.buddhist_year",
        ),
        (
            IntakeInput { contact_email: "somchai@".into(), ..street_light("0815550101") },
            "error.request.email",
        ),
        (
            IntakeInput {
                contact_channel: Some(ContactChannel::Email),
                ..street_light("0815550101")
            },
            "error.request.channel_needs_email",
        ),
        (
            IntakeInput { thai_id: Some("1234567890123".into()), ..street_light("0815550101") },
            "error.thai_id.check_digit",
        ),
        (
            IntakeInput {
                confidentiality: Some(crate::privacy::Confidentiality::Public),
                ..corruption(true)
            },
            "error.request.confidentiality_lower",
        ),
    ];
    for (input, key) in cases {
        let err = intake(&mut db, &clerk, at(9, 0), &input).expect_err(key);
        assert_eq!(err.code(), ErrorCode::Validation, "{key}: {err}");
        assert_eq!(err.key(), key);
        assert!(
            err.to_string().chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)),
            "Thai: {err}"
        );
    }
    assert_eq!(writes(&db), before);
}

#[test]
fn a_thai_id_links_a_returning_citizen_or_records_a_new_one() {
    let mut db = demo();
    let clerk = who(&db, "clerk");
    let count = |db: &Db| -> i64 {
        db.conn().query_row("SELECT count(*) FROM citizen", [], |r| r.get(0)).expect("count")
    };
    let n = count(&db);
    let returning = IntakeInput { thai_id: Some("3-3101-00815-90-3".into()), ..street_light("") };
    let got = take(&mut db, &clerk, &returning);
    assert_eq!(count(&db), n, "บุญมี is on record");
    let detail = get(db.conn(), &clerk, today(), &got.id).expect("get");
    let reporter = detail.reporter.expect("reporter");
    assert!(reporter.citizen_id.is_some());
    assert_eq!(reporter.phone, "", "the typed phone was empty and is not made up");
    let newcomer =
        IntakeInput { thai_id: Some("1101700230708".into()), ..street_light("0815550103") };
    take(&mut db, &clerk, &newcomer);
    assert_eq!(count(&db), n + 1, "a new citizen record");
    let (first, last): (String, String) = db
        .conn()
        .query_row(
            "SELECT first_name, last_name FROM citizen WHERE thai_id = '1101700230708'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("row");
    assert_eq!((first.as_str(), last.as_str()), ("สมใจ", "ทดสอบ"));
}

#[test]
fn a_clerk_cannot_reach_a_restricted_complaint_by_any_path() {
    let mut db = demo();
    let (clerk, chang, palad, finance) =
        (who(&db, "clerk"), who(&db, "chang"), who(&db, "palad"), who(&db, "finance"));
    let counts_before = counts(db.conn(), &clerk, today()).expect("counts");
    let secret = take(&mut db, &clerk, &corruption(false));
    assert!(secret.restricted, "the clerk is told it will leave their lists");
    let open = take(&mut db, &clerk, &street_light("0815550101"));

    for s in [&clerk, &chang, &finance] {
        let all = visible_codes(&db, s, &ListFilter::default());
        assert!(all.contains(&open.tracking_code));
        assert!(!all.contains(&secret.tracking_code), "{:?} lists it", s.role());
        for text in [secret.tracking_code.as_str(), "เรียกรับเงิน", "วีระ", "0897776607"]
        {
            let found = visible_codes(
                &db,
                s,
                &ListFilter { text: Some(text.into()), ..ListFilter::default() },
            );
            assert!(found.is_empty(), "search {text} finds it");
        }
        let by_kind = ListFilter { category: Some("corruption".into()), ..ListFilter::default() };
        assert!(visible_codes(&db, s, &by_kind).is_empty());
        for key in [secret.id.as_str(), secret.tracking_code.as_str()] {
            let err = get(db.conn(), s, today(), key).expect_err("by id");
            assert_eq!(err.code(), ErrorCode::NotFound, "not found, never 'not permitted'");
        }
        let err = change_state(&mut db, s, at(10, 0), &secret.id, State::Checking, "", None)
            .expect_err("move");
        assert_eq!(err.code(), ErrorCode::NotFound);
        let err = add_note(&mut db, s, at(10, 0), &secret.id, "ขอดูหน่อย", false).expect_err("note");
        assert_eq!(err.code(), ErrorCode::NotFound);
    }
    let counts_after = counts(db.conn(), &clerk, today()).expect("counts");
    assert_eq!(counts_after.total, counts_before.total + 1, "only the street light is counted");
    let received =
        |c: &RequestCounts| c.by_state.iter().find(|(s, _)| *s == State::Received).map(|(_, n)| *n);
    assert_eq!(received(&counts_after), received(&counts_before).map(|n| n + 1));

    // The supervisor sees that it exists but not who reported it, until they handle it themselves.
    let seen = get(db.conn(), &palad, today(), &secret.tracking_code).expect("supervisor");
    assert!(seen.reporter.is_none() && seen.reporter_hidden);
    let by_name = ListFilter { text: Some("วีระ".into()), ..ListFilter::default() };
    assert!(
        !visible_codes(&db, &palad, &by_name).contains(&secret.tracking_code),
        "a name search would name the reporter"
    );
    let palad_list = list(db.conn(), &palad, today(), &ListFilter::default()).expect("list");
    let row = palad_list.iter().find(|r| r.tracking_code == secret.tracking_code).expect("listed");
    assert!(row.restricted && row.reporter_name.is_none());

    // The audit log, which supervisors read, never names a request's reporter.
    let leaked: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity IN ('request', 'notification') \
             AND (summary LIKE '%วีระ%' OR summary LIKE '%0897776607%')",
            [],
            |r| r.get(0),
        )
        .expect("audit");
    assert_eq!(leaked, 0, "the reporter is kept out of the audit log");
    // Nor can an ordinary request be linked to it as a duplicate (the link would show its code).
    let err = change_state(
        &mut db,
        &palad,
        at(10, 0),
        &open.id,
        State::Duplicate,
        "",
        Some(&secret.tracking_code),
    )
    .expect_err("link to a secret");
    assert_eq!(err.key(), "error.request.duplicate_restricted");

    // Assigned to the works officer, he becomes a handler: he sees it and its reporter; the clerk still not.
    let chang_id = chang.user().id.clone();
    assign(&mut db, &palad, at(10, 0), &secret.id, Some("works"), Some(&chang_id)).expect("assign");
    let handled = get(db.conn(), &chang, today(), &secret.id).expect("handler sees it");
    assert_eq!(handled.reporter.map(|r| r.name), Some("นายวีระ กล้าแจ้ง".to_owned()));
    assert!(get(db.conn(), &clerk, today(), &secret.id).is_err());
    // Given back to the supervisor, he no longer does.
    let palad_id = palad.user().id.clone();
    assign(&mut db, &palad, at(10, 5), &secret.id, Some("palad"), Some(&palad_id))
        .expect("reassign");
    assert_eq!(
        get(db.conn(), &chang, today(), &secret.id).expect_err("gone").code(),
        ErrorCode::NotFound
    );
    let mine = get(db.conn(), &palad, today(), &secret.id).expect("palad handles it");
    assert!(mine.reporter.is_some(), "its handler sees the reporter");
}

#[test]
fn an_anonymous_complaint_names_nobody_to_anyone() {
    let mut db = demo();
    let (clerk, palad) = (who(&db, "clerk"), who(&db, "palad"));
    let got = take(&mut db, &clerk, &corruption(true));
    assert_eq!(got.contact_channel, ContactChannel::Sms, "a phone left for updates");
    let palad_id = palad.user().id.clone();
    let detail =
        assign(&mut db, &palad, at(10, 0), &got.id, None, Some(&palad_id)).expect("assign");
    assert!(detail.reporter.is_none() && !detail.reporter_hidden && detail.anonymous);
    let row: (String, Option<String>) = db
        .conn()
        .query_row("SELECT contact_name, citizen_id FROM request WHERE id = ?1", [&got.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("row");
    assert_eq!(row, (String::new(), None), "no identity is stored");
    let call_me =
        IntakeInput { contact_channel: Some(ContactChannel::CallBack), ..corruption(true) };
    let err = intake(&mut db, &clerk, at(9, 0), &call_me).expect_err("staff would see the phone");
    assert_eq!(err.key(), "error.request.anonymous_call_back");
    let named = IntakeInput { contact_name: "นายวีระ".into(), ..corruption(true) };
    assert_eq!(
        intake(&mut db, &clerk, at(9, 0), &named).expect_err("named").key(),
        "error.request.anonymous_identity"
    );
}

#[test]
fn citizens_without_phone_or_email_land_on_the_call_back_list() {
    let mut db = demo();
    let (clerk, chang) = (who(&db, "clerk"), who(&db, "chang"));
    let input =
        IntakeInput { contact_address: "9 หมู่ที่ 6".into(), ..street_light("") };
    let got = take(&mut db, &clerk, &input);
    assert_eq!(got.contact_channel, ContactChannel::CallBack);
    let mine = |db: &Db| -> Vec<CallBack> {
        let all = callbacks(db.conn(), &clerk).expect("list");
        all.into_iter().filter(|c| c.tracking_code == got.tracking_code).collect()
    };
    let demo_backlog = callbacks(db.conn(), &clerk).expect("list").len();
    assert!(mine(&db).is_empty(), "nothing to tell yet");
    move_to(&mut db, &chang, &got.id, State::Checking, "");
    let waiting = mine(&db);
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].tracking_code, got.tracking_code);
    assert!(waiting[0].recipient.contains("สมใจ") && waiting[0].recipient.contains("หมู่ที่ 6"));
    assert!(waiting[0].message.contains("ตรวจสอบ"));
    let count = counts(db.conn(), &clerk, today()).expect("counts").callbacks;
    assert_eq!(count as usize, demo_backlog + 1);
    let err = mark_called(&mut db, &clerk, at(11, 0), &waiting[0].id, " ").expect_err("outcome");
    assert_eq!(err.key(), "error.request.callback_outcome");
    mark_called(&mut db, &clerk, at(11, 0), &waiting[0].id, "โทรแจ้งแล้ว").expect("called");
    assert!(mine(&db).is_empty());
    assert_eq!(
        mark_called(&mut db, &clerk, at(11, 1), &waiting[0].id, "ซ้ำ").expect_err("done").code(),
        ErrorCode::NotFound
    );
}

#[test]
fn overdue_requests_are_escalated_once_to_the_supervisors() {
    let mut db = demo();
    let (clerk, palad) = (who(&db, "clerk"), who(&db, "palad"));
    let before = escalate_overdue(&mut db, at(8, 0), today()).expect("demo backlog");
    let got = take(&mut db, &clerk, &street_light("0815550101"));
    let late = today() + Duration::days(16);
    let later = at(8, 0) + Duration::days(16);
    let overdue = ListFilter { scope: Scope::Overdue, ..ListFilter::default() };
    assert!(!visible_codes(&db, &clerk, &overdue).contains(&got.tracking_code));
    let n = escalate_overdue(&mut db, later, late).expect("escalate");
    assert!(n >= 1, "escalated {n} (after {before} for the demo's own)");
    assert_eq!(escalate_overdue(&mut db, later, late).expect("again"), 0, "only once");
    let detail = get(db.conn(), &palad, late, &got.id).expect("get");
    assert!(detail.overdue && detail.escalated_at.is_some());
    assert_eq!(detail.events.last().map(|e| e.kind.as_str()), Some("escalated"));
    let overdue_now = list(db.conn(), &clerk, late, &overdue).expect("overdue");
    assert!(overdue_now.iter().any(|r| r.tracking_code == got.tracking_code && r.overdue));
    let escalated = ListFilter { scope: Scope::Escalated, ..ListFilter::default() };
    let codes: Vec<String> = list(db.conn(), &palad, late, &escalated)
        .expect("escalated")
        .into_iter()
        .map(|r| r.tracking_code)
        .collect();
    assert!(codes.contains(&got.tracking_code));
    assert_eq!(
        list(db.conn(), &clerk, late, &escalated).expect_err("supervisors only").code(),
        ErrorCode::NotPermitted
    );
}

#[test]
fn division_members_assign_within_their_division_and_lists_follow() {
    let mut db = demo();
    let (clerk, chang, finance) = (who(&db, "clerk"), who(&db, "chang"), who(&db, "finance"));
    let got = take(&mut db, &clerk, &street_light("0815550101"));
    let division = ListFilter { scope: Scope::Division, ..ListFilter::default() };
    assert!(visible_codes(&db, &chang, &division).contains(&got.tracking_code));
    assert!(!visible_codes(&db, &clerk, &division).contains(&got.tracking_code));
    let chang_id = chang.user().id.clone();
    let taken =
        assign(&mut db, &chang, at(9, 30), &got.id, None, Some(&chang_id)).expect("take it");
    assert_eq!(taken.assignee_name.as_deref(), Some("นายวิชัย ช่างไฟดี"));
    let mine = ListFilter { scope: Scope::Mine, ..ListFilter::default() };
    let before = visible_codes(&db, &clerk, &mine).len();
    assert!(visible_codes(&db, &chang, &mine).contains(&got.tracking_code));
    assert_eq!(before, 0, "the clerk has none assigned");
    let chang_mine = counts(db.conn(), &chang, today()).expect("counts").mine as usize;
    assert_eq!(
        chang_mine,
        visible_codes(&db, &chang, &ListFilter { open_only: true, ..mine }).len()
    );
    let err = assign(&mut db, &chang, at(9, 31), &got.id, Some("finance"), None)
        .expect_err("other division");
    assert_eq!(err.code(), ErrorCode::NotPermitted);
    let finance_id = finance.user().id.clone();
    let err = assign(&mut db, &chang, at(9, 31), &got.id, None, Some(&finance_id))
        .expect_err("not in works");
    assert_eq!(err.key(), "error.request.assignee_division");
    // An internal note by anyone who sees it; the citizen is not told.
    let noted = add_note(&mut db, &clerk, at(9, 40), &got.id, "ผู้ร้องโทรมาถามความคืบหน้า", false)
        .expect("note");
    assert!(noted.notifications.is_empty() && noted.events.last().is_some_and(|e| !e.public));
    let err = add_note(&mut db, &clerk, at(9, 41), &got.id, "แจ้งผู้ร้อง", true)
        .expect_err("public: handlers");
    assert_eq!(err.code(), ErrorCode::NotPermitted);
}

#[test]
fn tracking_codes_run_per_pc_block_and_year() {
    let mut db = demo();
    let clerk = who(&db, "clerk");
    let a = take(&mut db, &clerk, &street_light("0815550101"));
    let b = take(&mut db, &clerk, &street_light("0815550102"));
    let seq = |c: &str| c[6..].parse::<u32>().expect("digits");
    assert_eq!(seq(&b.tracking_code), seq(&a.tracking_code) + 1);
    let finance = who(&db, "finance");
    crate::tax::settings::set_notice_block(&mut db, &finance, at(9, 5), 7).expect("block");
    let c = take(&mut db, &clerk, &street_light("0815550103"));
    assert_eq!(&c.tracking_code[..6], "R6907-", "another PC's block");
    assert_eq!(seq(&c.tracking_code), 1);
}

#[test]
fn a_supervisor_who_works_an_unhandled_complaint_becomes_its_handler() {
    let mut db = demo();
    let (clerk, palad) = (who(&db, "clerk"), who(&db, "palad"));
    let input = IntakeInput {
        contact_phone: String::new(),
        contact_address: "9 หมู่ที่ 6".into(),
        ..corruption(false)
    };
    let got = take(&mut db, &clerk, &input);
    assert_eq!(got.contact_channel, ContactChannel::CallBack);
    let before = get(db.conn(), &palad, today(), &got.id).expect("seen");
    assert!(before.reporter_hidden && before.assignee_id.is_none());
    let moved =
        change_state(&mut db, &palad, at(10, 0), &got.id, State::Checking, "", None).expect("move");
    assert_eq!(moved.assignee_id.as_deref(), Some(palad.user().id.as_str()));
    assert!(moved.reporter.is_some(), "now its handler, she sees whom to call back");
    let waiting = callbacks(db.conn(), &palad).expect("callbacks");
    assert!(
        waiting.iter().any(|c| c.tracking_code == got.tracking_code),
        "the call-back has someone to see it"
    );
    assert!(!callbacks(db.conn(), &clerk).expect("list").iter().any(|c| c.request_id == got.id));
}
