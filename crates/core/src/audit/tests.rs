//! Tampering with the audit log the way someone with the `sqlite3` shell would; every change is found and
//! named, an untouched log passes.

use rusqlite::Connection;

use super::*;
use crate::db::Db;
use crate::db::tests::t0;

fn demo() -> Db {
    let mut db = Db::open_in_memory(t0()).expect("open");
    crate::office::create_demo_office(&mut db, t0()).expect("demo");
    db
}

fn last_seq(conn: &Connection) -> i64 {
    conn.query_row("SELECT max(seq) FROM audit_log", [], |r| r.get(0)).expect("max")
}

fn check(tamper: &str, expect: Option<(i64, ProblemKind)>) {
    let db = demo();
    let conn = db.conn();
    let last = last_seq(conn);
    conn.execute_batch(&tamper.replace("$LAST", &last.to_string())).expect("tamper");
    let report = verify(conn).expect("verify");
    let got = report.problem.map(|p| (p.seq, p.kind));
    assert_eq!(
        got,
        expect.map(|(s, k)| (if s < 0 { last + s + 1 } else { s }, k)),
        "after: {tamper}"
    );
}

/// Recomputes an entry's hash as an attacker who read this file would.
fn forge_hash(conn: &Connection, seq: i64) {
    let (row, prev): (Vec<String>, String) = conn
        .query_row(
            "SELECT id, at, device_id, coalesce(actor_id, ''), entity, entity_id, action, summary, prev_hash \
             FROM audit_log WHERE seq = ?1",
            [seq],
            |r| Ok(((0..8).map(|i| r.get(i)).collect::<rusqlite::Result<Vec<String>>>()?, r.get(8)?)),
        )
        .expect("row");
    let content = EntryContent {
        seq,
        id: &row[0],
        at: &row[1],
        device_id: &row[2],
        actor_id: &row[3],
        entity: &row[4],
        entity_id: &row[5],
        action: &row[6],
        summary: &row[7],
    };
    conn.execute(
        "UPDATE audit_log SET hash = ?1 WHERE seq = ?2",
        rusqlite::params![content.hash(&prev), seq],
    )
    .expect("forge");
}

#[test]
fn an_untouched_log_is_intact() {
    let db = demo();
    let report = verify(db.conn()).expect("verify");
    assert_eq!(report.problem, None);
    assert_eq!(report.entries, u64::try_from(last_seq(db.conn())).expect("positive"));
    assert!(report.entries > 30, "the demo office writes many entries");
}

#[test]
fn every_kind_of_tampering_is_found_and_named() {
    use ProblemKind::{Deleted, Modified};
    check("UPDATE audit_log SET summary = '{}' WHERE seq = 10", Some((10, Modified)));
    check("UPDATE audit_log SET actor_id = 'someone' WHERE seq = 3", Some((3, Modified)));
    check(
        "UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = $LAST",
        Some((-1, Modified)),
    );
    check("DELETE FROM audit_log WHERE seq = 10", Some((10, Deleted)));
    check("DELETE FROM audit_log WHERE seq = 1", Some((1, Deleted)));
    check("DELETE FROM audit_log WHERE seq = $LAST", Some((-1, Deleted)));
    check("DELETE FROM audit_log WHERE seq >= 20", Some((20, Deleted)));
}

#[test]
fn an_appended_entry_is_inserted_even_with_a_correct_hash() {
    let db = demo();
    let conn = db.conn();
    let last = last_seq(conn);
    conn.execute_batch(&format!(
        "INSERT INTO audit_log SELECT seq + 1, 'forged', at, device_id, actor_id, entity, entity_id, action, \
         summary, hash, 'x' FROM audit_log WHERE seq = {last}"
    ))
    .expect("append");
    assert_eq!(
        verify(conn).expect("verify").problem,
        Some(Problem { seq: last + 1, kind: ProblemKind::Inserted })
    );
    forge_hash(conn, last + 1);
    assert_eq!(
        verify(conn).expect("verify").problem,
        Some(Problem { seq: last + 1, kind: ProblemKind::Inserted })
    );
}

#[test]
fn an_entry_inserted_before_the_first_is_found() {
    check(
        "INSERT INTO audit_log SELECT 0, 'early', at, device_id, actor_id, entity, entity_id, action, \
         summary, prev_hash, hash FROM audit_log WHERE seq = 1",
        Some((0, ProblemKind::Inserted)),
    );
}

#[test]
fn a_modified_entry_with_a_recomputed_hash_is_still_found() {
    let db = demo();
    let conn = db.conn();
    conn.execute("UPDATE audit_log SET summary = '{\"after\":{}}' WHERE seq = 12", [])
        .expect("edit");
    forge_hash(conn, 12);
    assert_eq!(
        verify(conn).expect("verify").problem,
        Some(Problem { seq: 12, kind: ProblemKind::Modified })
    );
    let last = last_seq(conn);
    conn.execute("UPDATE audit_log SET action = 'update' WHERE seq = ?1", [last])
        .expect("edit last");
    forge_hash(conn, last);
    assert_eq!(
        verify(conn).expect("verify").problem.map(|p| p.seq),
        Some(12),
        "the first problem is named"
    );
}

#[test]
fn reordered_entries_are_found() {
    // Swap the positions of entries 5 and 6, as `UPDATE … SET seq = …` would.
    check(
        "UPDATE audit_log SET seq = -6 WHERE seq = 6; UPDATE audit_log SET seq = 6 WHERE seq = 5; \
         UPDATE audit_log SET seq = 5 WHERE seq = -6;",
        Some((5, ProblemKind::Modified)),
    );
}

#[test]
fn messages_name_the_entry_in_thai_and_english() {
    let p = Problem { seq: 42, kind: ProblemKind::Deleted };
    assert!(p.message(Lang::Th).contains("42") && p.message(Lang::Th).contains("ลบ"));
    assert!(p.message(Lang::En).contains("entry 42 was deleted"));
}
