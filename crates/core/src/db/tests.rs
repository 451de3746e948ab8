//! Storage tests: pragmas, versioning, the schema-equivalence proof and the write path's guarantees.

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::Connection;
use rusqlite::types::Value;

use super::*;
use crate::error::ErrorCode;

pub(crate) fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 2, 0, 0).single().expect("valid time")
}

/// A fresh in-memory database with an office, for tests that need one.
pub(crate) fn db_with_office() -> Db {
    let mut db = Db::open_in_memory(t0()).expect("opens");
    db.write(&Actor::system(), t0(), |w| {
        w.insert(
            Entity::Office,
            &[
                ("code", "T1".to_owned().into()),
                ("name", "องค์การบริหารส่วนตำบลทดสอบ".to_owned().into()),
                ("address", String::new().into()),
                ("tax_id", "0994000000011".to_owned().into()),
            ],
        )
    })
    .expect("office inserted");
    db
}

fn add_citizen(w: &mut Writer<'_>, first: &str) -> crate::Result<String> {
    w.insert(
        Entity::Citizen,
        &[("first_name", first.to_owned().into()), ("last_name", "ใจดี".to_owned().into())],
    )
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect("count query")
}

#[test]
fn file_database_uses_wal_full_sync_and_foreign_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = Db::open(&dir.path().join(DB_FILE), t0()).expect("opens");
    let conn = db.conn();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("pragma");
    let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).expect("pragma");
    let fks: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).expect("pragma");
    assert_eq!(
        (mode.as_str(), sync, fks),
        ("wal", 2, 1),
        "WAL, synchronous=FULL (2), foreign keys on"
    );
    let version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("pragma");
    assert_eq!(version, SCHEMA_VERSION);
}

#[test]
fn newer_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE);
    drop(Db::open(&path, t0()).expect("creates"));
    let conn = Connection::open(&path).expect("raw open");
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).expect("bump version");
    drop(conn);
    let before = std::fs::read(&path).expect("read db");

    let err = Db::open(&path, t0()).expect_err("a newer database must be refused");
    assert_eq!(err.code(), ErrorCode::SchemaTooNew);
    assert!(err.to_string().contains("รุ่นใหม่กว่า"), "Thai message says the file is newer: {err}");
    assert_eq!(std::fs::read(&path).expect("read db"), before, "refused database is unchanged");
}

#[test]
fn refused_files_are_not_switched_to_wal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("other.sqlite");
    Connection::open(&path).expect("raw").execute_batch("CREATE TABLE x (y)").expect("table");
    Db::open(&path, t0()).expect_err("not a Sala database");
    let mode: String = Connection::open(&path)
        .expect("raw")
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "delete", "a refused file keeps its journal mode");
    assert!(!dir.path().join("other.sqlite-wal").exists());
}

#[test]
fn foreign_sqlite_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("other.sqlite");
    Connection::open(&path).expect("raw").execute_batch("CREATE TABLE x (y)").expect("table");
    let err = Db::open(&path, t0()).expect_err("not a Sala database");
    assert_eq!(err.key(), "error.db.not_sala");
}

/// Migration 0 → N (baseline + every delta) must produce exactly `schema.sql`: same tables, columns, types,
/// defaults, keys, indexes, foreign keys and triggers.
#[test]
fn schema_sql_equals_baseline_plus_migrations() {
    let fresh = Db::open_in_memory(t0()).expect("fresh from schema.sql");
    let mut migrated = Connection::open_in_memory().expect("memory db");
    migrate::build_from_migrations(&mut migrated).expect("migrations apply");
    assert_eq!(describe(fresh.conn()), describe(&migrated));
}

fn describe(conn: &Connection) -> Vec<String> {
    let rows = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).expect("prepare");
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            (0..n)
                .map(|i| r.get::<_, Value>(i).map(|v| format!("{v:?}")))
                .collect::<Result<Vec<_>, _>>()
        })
        .expect("query")
        .map(|row| row.expect("row").join(" | "))
        .collect()
    };
    let normalize = |sql: &str| sql.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    let objects: Vec<(String, String, Option<String>)> = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    for (kind, name, sql) in objects {
        out.push(format!("{kind} {name}"));
        match kind.as_str() {
            // ALTER TABLE rewrites a table's stored SQL, so tables are compared by what SQLite reports.
            "table" => {
                for pragma in ["table_xinfo", "index_list", "foreign_key_list"] {
                    out.extend(
                        rows(&format!("PRAGMA {pragma}('{name}')"))
                            .into_iter()
                            .map(|r| format!("  {pragma}: {r}")),
                    );
                }
            }
            "index" => out.extend(
                rows(&format!("PRAGMA index_xinfo('{name}')"))
                    .into_iter()
                    .map(|r| format!("  {r}")),
            ),
            // Triggers, views and virtual tables: their (whitespace-normalised) definition.
            _ => out.push(format!("  {}", normalize(sql.as_deref().unwrap_or("")))),
        }
    }
    // STRICT, WITHOUT ROWID and the like.
    out.extend(rows("SELECT name, type, ncol, wr, strict FROM pragma_table_list WHERE schema = 'main' ORDER BY name"));
    out.push(format!(
        "user_version {}",
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i32>(0)).expect("version")
    ));
    out
}

#[test]
fn every_write_appends_audit_and_outbox_in_order() {
    let mut db = db_with_office();
    let actor = Actor::user("u-1");
    let id = db.write(&actor, t0(), |w| add_citizen(w, "สมชาย")).expect("insert");
    db.write(&actor, t0(), |w| {
        w.update(Entity::Citizen, &id, &[("phone", "0812345678".to_owned().into())])
    })
    .expect("update");
    db.write(&actor, t0(), |w| w.delete(Entity::Citizen, &id)).expect("delete");

    let conn = db.conn();
    let (revision, deleted): (i64, Option<String>) = conn
        .query_row("SELECT revision, deleted_at FROM citizen WHERE id = ?1", [&id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("row kept as tombstone");
    assert_eq!(revision, 3, "insert, update, delete");
    assert!(deleted.is_some(), "delete is a tombstone, not a DELETE");

    let audit: Vec<(String, String, Option<String>)> = conn
        .prepare(
            "SELECT action, summary, actor_id FROM audit_log WHERE entity_id = ?1 ORDER BY seq",
        )
        .expect("prepare")
        .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let actions: Vec<&str> = audit.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(actions, ["insert", "update", "delete"]);
    assert!(
        audit[1].1.contains("\"before\":{\"phone\":null}"),
        "update keeps before: {}",
        audit[1].1
    );
    assert!(audit.iter().all(|a| a.2.as_deref() == Some("u-1")), "every entry names the actor");

    let seqs: Vec<i64> = conn
        .prepare("SELECT seq FROM outbox ORDER BY seq")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(seqs, (1..=4).collect::<Vec<_>>(), "office + 3 changes, gap-free from 1");
    let next: i64 =
        conn.query_row("SELECT next_seq FROM sync_state", [], |r| r.get(0)).expect("seq");
    assert_eq!(next, 5);
}

#[test]
fn an_update_that_changes_nothing_writes_nothing() {
    let mut db = db_with_office();
    let id = db.write(&Actor::system(), t0(), |w| add_citizen(w, "สมชาย")).expect("insert");
    let outbox = count(db.conn(), "SELECT count(*) FROM outbox");
    db.write(&Actor::system(), t0(), |w| {
        w.update(Entity::Citizen, &id, &[("first_name", "สมชาย".to_owned().into())])
    })
    .expect("no-op update");
    let revision = count(db.conn(), "SELECT revision FROM citizen");
    assert_eq!((revision, count(db.conn(), "SELECT count(*) FROM outbox")), (1, outbox));
}

#[test]
fn failed_write_leaves_nothing_behind() {
    let mut db = db_with_office();
    let before = (
        count(db.conn(), "SELECT count(*) FROM citizen"),
        count(db.conn(), "SELECT count(*) FROM audit_log"),
        count(db.conn(), "SELECT count(*) FROM outbox"),
        count(db.conn(), "SELECT next_seq FROM sync_state"),
    );
    let err = db
        .write(&Actor::system(), t0(), |w| {
            add_citizen(w, "หนึ่ง")?;
            add_citizen(w, "สอง")?;
            Err::<(), _>(crate::Error::validation("error.office.missing"))
        })
        .expect_err("closure fails");
    assert_eq!(err.code(), ErrorCode::Validation);
    let after = (
        count(db.conn(), "SELECT count(*) FROM citizen"),
        count(db.conn(), "SELECT count(*) FROM audit_log"),
        count(db.conn(), "SELECT count(*) FROM outbox"),
        count(db.conn(), "SELECT next_seq FROM sync_state"),
    );
    assert_eq!(before, after, "rows, audit, outbox and sequence all rolled back");
}

#[test]
fn audit_entries_form_a_hash_chain() {
    let mut db = db_with_office();
    db.write(&Actor::system(), t0(), |w| add_citizen(w, "ก")).expect("insert");
    let rows: Vec<(String, String)> = db
        .conn()
        .prepare("SELECT prev_hash, hash FROM audit_log ORDER BY seq")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].0, rows[0].1, "each entry links to the previous hash");
    assert_ne!(rows[0].1, rows[1].1);
}

#[test]
fn writes_need_an_office_and_one_office_only() {
    let mut db = Db::open_in_memory(t0()).expect("opens");
    let err = db.write(&Actor::system(), t0(), |w| add_citizen(w, "ก")).expect_err("no office");
    assert_eq!(err.key(), "error.office.missing");
    let mut db = db_with_office();
    let err = db
        .write(&Actor::system(), t0(), |w| {
            w.insert(Entity::Office, &[("code", "T2".to_owned().into())])
        })
        .expect_err("second office");
    assert_eq!(err.code(), ErrorCode::Conflict);
}

#[test]
fn passwords_never_reach_the_audit_log() {
    let mut db = db_with_office();
    db.write(&Actor::system(), t0(), |w| {
        w.insert(
            Entity::User,
            &[
                ("username", "admin".to_owned().into()),
                ("display_name", "ผู้ดูแล".to_owned().into()),
                ("role", "admin".to_owned().into()),
                ("password_hash", "$argon2id$secret".to_owned().into()),
            ],
        )
    })
    .expect("user");
    let n = count(db.conn(), "SELECT count(*) FROM audit_log WHERE summary LIKE '%argon2id%'");
    assert_eq!(n, 0, "hash redacted in audit summaries");
}

/// Thai has no word breaks: any substring of a name, ID or phone finds the citizen (FTS5 trigram).
#[test]
fn thai_substring_search_uses_fts5_trigram() {
    let mut db = db_with_office();
    let id = db.write(&Actor::system(), t0(), |w| add_citizen(w, "สมศักดิ์")).expect("insert");
    let hits = |db: &Db, q: &str| -> Vec<String> {
        db.conn()
            .prepare("SELECT citizen_id FROM citizen_fts WHERE citizen_fts MATCH ?1")
            .expect("prepare")
            .query_map([format!("\"{q}\"")], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    assert_eq!(hits(&db, "ศักดิ์"), vec![id.clone()], "middle-of-word substring matches");
    assert!(hits(&db, "สมหญิง").is_empty());
    db.write(&Actor::system(), t0(), |w| w.delete(Entity::Citizen, &id)).expect("delete");
    assert!(hits(&db, "ศักดิ์").is_empty(), "tombstoned citizens leave the search index");
}
