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

mod browsing {
    use chrono::{Duration, NaiveDate};

    use crate::audit::{AuditFilter, browse, chain_status, filter_options};
    use crate::auth::test_session;
    use crate::citizen;
    use crate::db::tests::t0;
    use crate::i18n::Lang;

    #[test]
    fn supervisors_page_through_the_log_newest_first_and_filter_it() {
        let mut db = super::demo();
        let clerk = test_session(db.conn(), "clerk");
        let palad = test_session(db.conn(), "palad");
        let boonmee = citizen::search(db.conn(), &clerk, "บุญมี").expect("search")[0].id.clone();
        let later = t0() + Duration::days(2);
        citizen::reveal(&mut db, &clerk, later, &boonmee).expect("reveal");

        let first =
            browse(db.conn(), &palad, &AuditFilter { limit: Some(10), ..AuditFilter::default() })
                .expect("browse");
        assert_eq!(first.entries.len(), 10);
        assert!(first.entries.windows(2).all(|w| w[0].seq > w[1].seq), "newest first");
        let newest = &first.entries[0];
        assert_eq!(newest.action, "reveal");
        assert_eq!(newest.actor.as_ref().map(|u| u.username.as_str()), Some("clerk"));
        assert!(newest.at.ends_with("+07:00"), "office time: {}", newest.at);
        assert_eq!(newest.changes[0].field, "fields");
        let next = browse(
            db.conn(),
            &palad,
            &AuditFilter {
                limit: Some(10),
                before_seq: first.next_before_seq,
                ..AuditFilter::default()
            },
        )
        .expect("page 2");
        assert_eq!(next.entries[0].seq, first.entries[9].seq - 1, "pages do not overlap or skip");

        let by_clerk =
            AuditFilter { actor_id: Some(clerk.user().id.clone()), ..AuditFilter::default() };
        let mine = browse(db.conn(), &palad, &by_clerk).expect("by user");
        assert_eq!(mine.entries.len(), 1);
        assert_eq!(mine.next_before_seq, None);
        let system = AuditFilter { actor_id: Some("system".into()), ..AuditFilter::default() };
        assert!(
            browse(db.conn(), &palad, &system)
                .expect("system")
                .entries
                .iter()
                .all(|e| e.actor.is_none())
        );

        // Inserts carry their fields as "after"; an update shows before and after.
        let inserts = AuditFilter {
            entity: Some("citizen".into()),
            action: Some("insert".into()),
            ..AuditFilter::default()
        };
        let page = browse(db.conn(), &palad, &inserts).expect("inserts");
        assert!(page.entries.iter().all(|e| e.entity == "citizen" && e.action == "insert"));
        let name = page.entries.iter().flat_map(|e| &e.changes).find(|c| c.field == "first_name");
        assert!(name.is_some_and(|c| c.before.is_none() && c.after.is_some()));

        // Dates are the office's local days: t0 is 2026-11-24 09:00 UTC = 16:00 in Thailand.
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d);
        let on = |from, to| AuditFilter { from, to, ..AuditFilter::default() };
        let today = browse(db.conn(), &palad, &on(day(24), day(24))).expect("24th");
        assert!(!today.entries.is_empty() && today.entries.iter().all(|e| e.action != "reveal"));
        let two_days_on = browse(db.conn(), &palad, &on(day(26), None)).expect("26th");
        assert_eq!(two_days_on.entries.len(), 1);
        let err = browse(db.conn(), &palad, &on(day(26), day(24))).expect_err("backwards");
        assert_eq!(err.key(), "error.audit.dates");

        let options = filter_options(db.conn(), &palad).expect("options");
        assert!(
            options.actions.contains(&"reveal".to_owned())
                && options.entities.contains(&"citizen".to_owned())
        );
        assert_eq!(options.users.len(), 5);
        let status = chain_status(db.conn(), &palad, Lang::Th).expect("status");
        assert!(status.intact && status.entries > 10);
    }

    #[test]
    fn the_header_names_the_first_broken_entry() {
        let db = super::demo();
        let palad = test_session(db.conn(), "palad");
        db.conn().execute("UPDATE audit_log SET summary = '{}' WHERE seq = 3", []).expect("tamper");
        let status = chain_status(db.conn(), &palad, Lang::Th).expect("status");
        assert!(!status.intact);
        assert!(status.problem.is_some_and(|p| p.contains('3')));
    }
}
