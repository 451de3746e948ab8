//! Print routes and jobs against a real (in-memory) demo database and a loopback ESC/POS printer.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::thread;

use chrono::Duration;

use super::escpos;
use super::*;
use crate::auth::test_session;
use crate::db::Db;
use crate::db::tests::t0;
use crate::doc::{DocumentKind, Paper, samples};
use crate::error::ErrorCode;
use crate::{Lang, office};

fn demo() -> Db {
    let mut db = Db::open_in_memory(t0()).expect("open");
    office::create_demo_office(&mut db, t0()).expect("demo");
    db
}

/// A loopback thermal printer: answers every `DLE EOT n` with "all fine" and hands back all it received.
fn fake_printer() -> (String, mpsc::Receiver<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else { return };
        let mut all = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            let n = match stream.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let start = all.len();
            all.extend_from_slice(&buf[..n]);
            // Answer queries that completed in this read (a query split across reads is answered too).
            let from = start.saturating_sub(2);
            for i in from..all.len().saturating_sub(2) {
                if i + 2 >= start && all[i] == 0x10 && all[i + 1] == 0x04 {
                    let _ = stream.write_all(&[0x12]);
                }
            }
        }
        let _ = tx.send(all);
    });
    (format!("tcp://{addr}"), rx)
}

fn env() -> PrintEnv {
    PrintEnv { escpos_timeout: std::time::Duration::from_secs(3), ..PrintEnv::default() }
}

fn count(db: &Db, sql: &str) -> i64 {
    db.conn().query_row(sql, [], |r| r.get(0)).expect("count")
}

#[test]
fn without_a_printer_the_job_fails_with_the_reason_and_is_listed_for_reprint() {
    let mut db = demo();
    let clerk = test_session(db.conn(), "clerk");
    let job = print(
        &mut db,
        &clerk,
        t0(),
        samples::queue_slip(Paper::Roll80),
        DocumentKind::QueueSlip,
        &env(),
        Lang::Th,
    )
    .expect("recorded");
    assert_eq!(job.status, JobStatus::Failed);
    assert_eq!(job.reason.as_deref(), Some("ยังไม่ได้เลือกเครื่องพิมพ์สำหรับบัตรคิว (ตั้งค่า → เครื่องพิมพ์)"));
    assert_eq!(job.destination, "");
    let problems = jobs(db.conn(), &clerk, true, 50, Lang::En).expect("jobs");
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].reason.as_deref(),
        Some("No printer is chosen for queue slips (Settings → Printers)")
    );
    // Recorded through the writer: an insert and an update, each audited and queued for sync.
    assert_eq!(count(&db, "SELECT count(*) FROM audit_log WHERE entity = 'print_job'"), 2);
    assert_eq!(count(&db, "SELECT count(*) FROM outbox WHERE entity = 'print_job'"), 2);
    assert_eq!(count(&db, "SELECT count(*) FROM print_document"), 1);
}

#[test]
fn a_thermal_route_prints_the_raster_and_a_reprint_clears_the_failure() {
    let mut db = demo();
    let admin = test_session(db.conn(), "admin");
    let clerk = test_session(db.conn(), "clerk");

    // The printer is off: nothing listens on the port.
    let closed = TcpListener::bind("127.0.0.1:0").expect("bind");
    let closed_addr = format!("tcp://{}", closed.local_addr().expect("addr"));
    drop(closed);
    let mut route = Route::default_for(DocumentKind::QueueSlip);
    route.destination = Some(Destination::Escpos { target: closed_addr });
    set_route(&mut db, &admin, t0(), &route).expect("route");

    let failed = print(
        &mut db,
        &clerk,
        t0(),
        samples::queue_slip(Paper::Roll58),
        DocumentKind::QueueSlip,
        &env(),
        Lang::Th,
    )
    .expect("recorded");
    assert_eq!(failed.status, JobStatus::Failed, "{failed:?}");
    assert_eq!(failed.paper, Paper::Roll80, "the route's paper wins over the template's");
    assert!(failed.reason.is_some());

    // The printer comes back on another address; the admin points the route at it and the clerk reprints.
    let (addr, received) = fake_printer();
    route.destination = Some(Destination::Escpos { target: addr });
    set_route(&mut db, &admin, t0(), &route).expect("route");
    let again = reprint(&mut db, &clerk, t0() + Duration::seconds(5), &failed.id, &env(), Lang::Th)
        .expect("reprint");
    assert_eq!(again.status, JobStatus::Sent, "{again:?}");
    assert_eq!(again.reprint_of.as_deref(), Some(failed.id.as_str()));
    let bytes = received.recv_timeout(std::time::Duration::from_secs(5)).expect("bytes");
    let decoded = escpos::decode(&bytes).expect("decodes");
    assert_eq!(decoded.raster.width, 576);
    let expected = samples::queue_slip(Paper::Roll80).to_raster(576).expect("raster");
    assert_eq!(decoded.raster.height, expected[0].height);
    assert!(
        jobs(db.conn(), &clerk, true, 50, Lang::Th).expect("jobs").is_empty(),
        "reprinted: no longer a problem"
    );
    assert_eq!(jobs(db.conn(), &clerk, false, 50, Lang::Th).expect("jobs").len(), 2);
}

#[test]
fn routes_are_checked_and_audited() {
    let mut db = demo();
    let admin = test_session(db.conn(), "admin");
    let mut route = Route::default_for(DocumentKind::TaxNotice);
    route.destination = Some(Destination::Escpos { target: "tcp://printer:9100".into() });
    let err = set_route(&mut db, &admin, t0(), &route).expect_err("A4 on a thermal printer");
    assert_eq!(err.key(), "error.print.escpos_needs_roll");
    route.destination = Some(Destination::Cups { printer: "  ".into() });
    assert_eq!(
        set_route(&mut db, &admin, t0(), &route).expect_err("empty").key(),
        "error.print.printer_required"
    );
    route.destination = Some(Destination::Cups { printer: "Office-A4".into() });
    route.open_drawer = true;
    assert_eq!(
        set_route(&mut db, &admin, t0(), &route).expect_err("drawer").key(),
        "error.print.drawer_needs_escpos"
    );
    route.open_drawer = false;
    let before = count(&db, "SELECT count(*) FROM audit_log WHERE action = 'setting'");
    set_route(&mut db, &admin, t0(), &route).expect("ok");
    set_route(&mut db, &admin, t0(), &route).expect("same again: no change");
    assert_eq!(count(&db, "SELECT count(*) FROM audit_log WHERE action = 'setting'"), before + 1);
    let stored = routes(db.conn()).expect("routes");
    assert_eq!(stored.len(), DocumentKind::ALL.len());
    assert_eq!(stored.iter().find(|r| r.kind == DocumentKind::TaxNotice), Some(&route));
    assert_eq!(
        stored.iter().find(|r| r.kind == DocumentKind::QueueSlip).map(|r| r.paper),
        Some(Paper::Roll80)
    );
}

#[test]
fn people_see_and_reprint_their_own_jobs_and_supervisors_everyones() {
    let mut db = demo();
    let clerk = test_session(db.conn(), "clerk");
    let finance = test_session(db.conn(), "finance");
    let palad = test_session(db.conn(), "palad");
    let job = print(
        &mut db,
        &finance,
        t0(),
        samples::tax_notice(),
        DocumentKind::TaxNotice,
        &env(),
        Lang::Th,
    )
    .expect("job");
    assert!(jobs(db.conn(), &clerk, false, 50, Lang::Th).expect("jobs").is_empty());
    assert_eq!(jobs(db.conn(), &palad, false, 50, Lang::Th).expect("jobs").len(), 1);
    let err = reprint(&mut db, &clerk, t0(), &job.id, &env(), Lang::Th).expect_err("not theirs");
    assert_eq!(err.code(), ErrorCode::NotPermitted);
    assert!(job_pdf(db.conn(), &finance, &job.id).expect("pdf").starts_with(b"%PDF-"));
    assert_eq!(
        reprint(&mut db, &palad, t0(), "nope", &env(), Lang::Th).expect_err("missing").key(),
        "error.print.job_not_found"
    );
}

#[test]
fn a_job_left_sending_by_a_crash_becomes_failed_not_printed() {
    let mut db = demo();
    let clerk = test_session(db.conn(), "clerk");
    let prepared = prepare(
        &mut db,
        &clerk,
        t0(),
        samples::queue_slip(Paper::Roll80),
        DocumentKind::QueueSlip,
        None,
    )
    .expect("prepared");
    // The app dies here, before deliver/finish.
    assert_eq!(
        refresh(&mut db, &clerk, t0() + Duration::seconds(10), &env()).expect("refresh"),
        0,
        "too early to tell"
    );
    assert_eq!(refresh(&mut db, &clerk, t0() + Duration::minutes(5), &env()).expect("refresh"), 1);
    let listed = jobs(db.conn(), &clerk, true, 50, Lang::Th).expect("jobs");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, prepared.job_id());
    assert_eq!(listed[0].status, JobStatus::Failed);
    assert!(listed[0].reason.as_deref().is_some_and(|r| r.contains("ขัดจังหวะ")));
}
