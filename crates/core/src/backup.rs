//! Backup and restore of the whole database with SQLite's online backup API.
//!
//! A backup is a consistent snapshot even while the app is writing. A restore refuses a file that fails
//! `integrity_check`, is not a Sala database, or was written by a newer Sala, and keeps the previous database
//! next to the restored one (`sala.sqlite.before-restore-<time>`), so a wrong restore can be undone.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::backup::Progress;
use rusqlite::{Connection, MAIN_DB, OpenFlags};
use serde::Serialize;

use crate::db::{DB_FILE, DataDirLock, Db, SCHEMA_VERSION};
use crate::error::{Error, ErrorCode, Result};
use crate::ids;

/// What a backup or restore did.
#[derive(Debug, Clone, Serialize)]
pub struct BackupReport {
    /// The file written (backup) or read (restore).
    pub file: PathBuf,
    /// Its schema version.
    pub schema_version: i32,
    /// Bytes in the resulting file.
    pub bytes: u64,
    /// Where the previous database was kept (restore only).
    pub previous: Option<PathBuf>,
}

/// Writes a consistent copy of the database in `data_dir` to `dest` (which must not exist). The copy is
/// written and checked under a temporary name first, so a failed backup never leaves a file that looks
/// like one.
pub fn backup(data_dir: &Path, dest: &Path) -> Result<BackupReport> {
    let src = Db::open_existing_read_only(&data_dir.join(DB_FILE))?;
    if dest.exists() {
        return Err(exists(dest));
    }
    let partial = with_suffix(dest, ".partial");
    remove_db_files(&partial)?;
    let written = src
        .backup(MAIN_DB, &partial, None::<fn(Progress)>)
        .map_err(Error::from)
        .and_then(|()| check_file(&partial))
        // A hard link refuses to replace an existing file, unlike a rename.
        .and_then(|version| match std::fs::hard_link(&partial, dest) {
            Ok(()) => Ok(version),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists(dest)),
            Err(e) => Err(e.into()),
        });
    remove_db_files(&partial)?;
    let schema_version = written?;
    sync_dir(dest)?;
    Ok(BackupReport {
        file: dest.to_owned(),
        schema_version,
        bytes: std::fs::metadata(dest)?.len(),
        previous: None,
    })
}

/// Replaces the database in `data_dir` with the backup `src`, after checking it. Nothing changes if a
/// check fails.
///
/// - The current database (even a damaged one) is kept as `sala.sqlite.before-restore-<time>`, never
///   overwritten, together with its `-wal` if it could not be folded in.
/// - The restored database becomes a new device for sync: it gets a fresh `device_id`, so its outbox
///   sequence numbers can never collide with those the server already has from the device that made the
///   backup (or from this PC before the restore). The old id is kept in `setting` under `restored_from`.
/// - The final step is one atomic rename, followed by an fsync of the folder: a crash leaves either the old
///   or the restored database at `sala.sqlite`, never none.
pub fn restore(data_dir: &Path, src: &Path, now: DateTime<Utc>) -> Result<BackupReport> {
    let schema_version = check_file(src)?;
    // Refuse while the app has this folder open: it would go on writing to the file being replaced.
    let _lock = DataDirLock::try_acquire(data_dir)
        .map_err(|e| if e.code() == ErrorCode::Conflict { in_use(data_dir) } else { e })?;
    let live = data_dir.join(DB_FILE);
    let staging = with_suffix(&live, ".restoring");
    remove_db_files(&staging)?;
    let staged = stage(src, &staging, now);
    if let Err(err) = staged {
        remove_db_files(&staging)?;
        return Err(err);
    }

    let previous = match swap_in(&staging, &live, data_dir, now) {
        Ok(previous) => previous,
        Err(err) => {
            remove_db_files(&staging)?;
            return Err(err);
        }
    };
    Ok(BackupReport {
        file: src.to_owned(),
        schema_version,
        bytes: std::fs::metadata(&live)?.len(),
        previous,
    })
}

/// Keeps the live database (if any) under a new name and renames `staging` into its place; returns where
/// the previous database was kept.
fn swap_in(
    staging: &Path,
    live: &Path,
    data_dir: &Path,
    now: DateTime<Utc>,
) -> Result<Option<PathBuf>> {
    let mut previous = None;
    if live.exists() {
        fold_wal(live, data_dir)?;
        let kept =
            with_suffix(live, &format!(".before-restore-{}", now.format("%Y%m%dT%H%M%S%3fZ")));
        // Hard links keep the old files under the new name without a moment where neither exists, and
        // fail instead of overwriting an earlier kept copy.
        for suffix in ["", "-wal"] {
            let from = with_suffix(live, suffix);
            if from.exists() {
                match std::fs::hard_link(&from, with_suffix(&kept, suffix)) {
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        return Err(exists(&kept));
                    }
                    other => other?,
                }
            }
        }
        for suffix in ["-wal", "-shm"] {
            let file = with_suffix(live, suffix);
            if file.exists() {
                std::fs::remove_file(file)?;
            }
        }
        previous = Some(kept);
    }
    std::fs::rename(staging, live)?;
    sync_dir(live)?;
    Ok(previous)
}

/// Copies `src` to `staging`, checks it, and gives it a new device identity.
fn stage(src: &Path, staging: &Path, now: DateTime<Utc>) -> Result<()> {
    Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)?.backup(
        MAIN_DB,
        staging,
        None::<fn(Progress)>,
    )?;
    check_file(staging)?;
    let conn = Connection::open(staging)?;
    let old: String = conn.query_row("SELECT device_id FROM sync_state", [], |r| r.get(0))?;
    let note = serde_json::json!({ "device_id": old, "at": ids::timestamp(now) }).to_string();
    conn.execute_batch("BEGIN IMMEDIATE")?;
    conn.execute("UPDATE sync_state SET device_id = ?1", [ids::new_id(now)])?;
    conn.execute(
        "INSERT INTO setting (key, value) VALUES ('restored_from', ?1) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [note],
    )?;
    conn.execute_batch("COMMIT")?;
    // One self-contained file, so the rename moves everything.
    conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0))?;
    Ok(())
}

/// Folds the live database's WAL into the main file so the kept copy stands alone. A damaged database
/// whose WAL cannot be folded is kept as it is (with its `-wal`); only a busy database stops the restore.
fn fold_wal(live: &Path, data_dir: &Path) -> Result<()> {
    let Ok(conn) = Connection::open(live) else { return Ok(()) };
    match conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get::<_, i64>(0)) {
        Ok(0) => Ok(()),
        Ok(_) => Err(in_use(data_dir)),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) =>
        {
            Err(in_use(data_dir))
        }
        Err(_) => Ok(()),
    }
}

fn exists(path: &Path) -> Error {
    Error::new(ErrorCode::Conflict, "error.backup.exists").arg("path", path.display().to_string())
}

fn in_use(data_dir: &Path) -> Error {
    Error::new(ErrorCode::Conflict, "error.restore.in_use")
        .arg("path", data_dir.display().to_string())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

/// Makes the renames and links in `path`'s folder durable (a no-op where folders cannot be opened).
fn sync_dir(path: &Path) -> Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if let Ok(handle) = std::fs::File::open(dir) {
        handle.sync_all()?;
    }
    Ok(())
}

/// Checks that `path` is an intact Sala database this binary can open; returns its schema version.
pub fn check_file(path: &Path) -> Result<i32> {
    let conn = Db::open_existing_read_only(path)?;
    let corrupt = |cause: String| {
        Error::new(ErrorCode::Validation, "error.backup.corrupt")
            .arg("path", path.display().to_string())
            .arg("cause", cause)
    };
    let verdict = crate::db::integrity_check(&conn);
    if verdict != ["ok"] {
        return Err(corrupt(verdict.join("; ")));
    }
    let is_sala: bool = conn
        .query_row(
            "SELECT count(*) = 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sync_state'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| corrupt(e.to_string()))?;
    if !is_sala {
        return Err(Error::new(ErrorCode::Validation, "error.db.not_sala"));
    }
    let version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(Error::new(ErrorCode::SchemaTooNew, "error.db.too_new")
            .arg("db_version", version.to_string())
            .arg("app_version", SCHEMA_VERSION.to_string()));
    }
    Ok(version)
}

fn remove_db_files(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let p = with_suffix(path, suffix);
        if p.exists() {
            std::fs::remove_file(p)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::tests::t0;

    fn demo_dir() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut db = Db::open(&dir.path().join(DB_FILE), t0()).expect("open");
        crate::office::create_demo_office(&mut db, t0()).expect("demo");
        dir
    }

    fn office_name(dir: &Path) -> Option<String> {
        let conn = Db::open_existing_read_only(&dir.join(DB_FILE)).expect("open");
        crate::office::summary(&conn).expect("summary").map(|o| o.name)
    }

    #[test]
    fn backup_then_restore_round_trips_and_keeps_the_previous_database() {
        let demo = demo_dir();
        let file = demo.path().join("backup.sqlite");
        let report = backup(demo.path(), &file).expect("backup");
        assert_eq!(report.schema_version, SCHEMA_VERSION);

        let other = tempfile::tempdir().expect("tempdir");
        drop(Db::open(&other.path().join(DB_FILE), t0()).expect("empty db"));
        assert_eq!(office_name(other.path()), None);
        let report = restore(other.path(), &file, t0()).expect("restore");
        assert_eq!(office_name(other.path()).as_deref(), Some("องค์การบริหารส่วนตำบลบ้านสาธิต"));
        let kept = report.previous.expect("previous database kept");
        assert!(kept.exists(), "the replaced database is kept at {}", kept.display());
    }

    fn device_id(dir: &Path) -> String {
        let conn = Db::open_existing_read_only(&dir.join(DB_FILE)).expect("open");
        conn.query_row("SELECT device_id FROM sync_state", [], |r| r.get(0)).expect("device")
    }

    /// Sync dedupes by (device_id, seq): a restored copy that kept the old id would reuse sequence
    /// numbers the server already has, and its new changes would be dropped as duplicates.
    #[test]
    fn a_restored_database_is_a_new_device() {
        let demo = demo_dir();
        let file = demo.path().join("backup.sqlite");
        backup(demo.path(), &file).expect("backup");
        let before = device_id(demo.path());
        restore(demo.path(), &file, t0()).expect("restore");
        let after = device_id(demo.path());
        assert_ne!(before, after, "a fresh device id after restore");
        let conn = Db::open_existing_read_only(&demo.path().join(DB_FILE)).expect("open");
        let note: String = conn
            .query_row("SELECT value FROM setting WHERE key = 'restored_from'", [], |r| r.get(0))
            .expect("restore recorded");
        assert!(note.contains(&before), "the old device id is kept: {note}");
    }

    #[test]
    fn a_second_restore_never_overwrites_the_kept_database() {
        let demo = demo_dir();
        let file = demo.path().join("backup.sqlite");
        backup(demo.path(), &file).expect("backup");
        let first = restore(demo.path(), &file, t0()).expect("first");
        let err =
            restore(demo.path(), &file, t0()).expect_err("same name: refused, not overwritten");
        assert_eq!(err.code(), ErrorCode::Conflict, "{err}");
        assert!(
            !with_suffix(&demo.path().join(DB_FILE), ".restoring").exists(),
            "staging cleaned up"
        );
        assert!(first.previous.expect("kept").exists());
        assert!(demo.path().join(DB_FILE).exists(), "the live database is still there");
    }

    /// A live database so damaged that SQLite cannot read it must still be replaceable: that is what
    /// restore is for.
    #[test]
    fn restore_replaces_a_database_sqlite_cannot_read() {
        let demo = demo_dir();
        let file = demo.path().join("backup.sqlite");
        backup(demo.path(), &file).expect("backup");
        let live = demo.path().join(DB_FILE);
        std::fs::write(&live, b"this is not a database at all, just garbage bytes")
            .expect("damage");
        let report = restore(demo.path(), &file, t0()).expect("restore over a damaged database");
        assert!(report.previous.expect("damaged file kept").exists());
        assert_eq!(office_name(demo.path()).as_deref(), Some("องค์การบริหารส่วนตำบลบ้านสาธิต"));
    }

    #[test]
    fn restore_refuses_a_corrupted_file_and_changes_nothing() {
        let demo = demo_dir();
        let file = demo.path().join("backup.sqlite");
        backup(demo.path(), &file).expect("backup");
        let mut bytes = std::fs::read(&file).expect("read");
        // Scribble over the middle of the file (past the header, into table pages).
        let mid = bytes.len() / 2;
        for b in &mut bytes[mid..mid + 4096] {
            *b = 0xA5;
        }
        std::fs::write(&file, &bytes).expect("write");

        let target = demo_dir();
        let before = std::fs::read(target.path().join(DB_FILE)).expect("read");
        let err = restore(target.path(), &file, t0()).expect_err("corrupted backup refused");
        assert!(matches!(err.code(), ErrorCode::Validation | ErrorCode::Storage), "{err}");
        assert_eq!(std::fs::read(target.path().join(DB_FILE)).expect("read"), before);
        let leftovers: Vec<_> = std::fs::read_dir(target.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("restoring") || n.contains("before-restore"))
            .collect();
        assert!(leftovers.is_empty(), "a refused restore leaves no files behind: {leftovers:?}");
    }

    #[test]
    fn restore_refuses_a_newer_database() {
        let demo = demo_dir();
        let file = demo.path().join("backup.sqlite");
        backup(demo.path(), &file).expect("backup");
        Connection::open(&file)
            .expect("open")
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("bump");
        let err = restore(demo.path(), &file, t0()).expect_err("newer refused");
        assert_eq!(err.code(), ErrorCode::SchemaTooNew);
    }

    #[test]
    fn restore_refuses_while_the_app_holds_the_folder() {
        let demo = demo_dir();
        let file = demo.path().join("backup.sqlite");
        backup(demo.path(), &file).expect("backup");
        let app = DataDirLock::try_acquire(demo.path()).expect("the app's lock");
        let err = restore(demo.path(), &file, t0()).expect_err("in use");
        assert_eq!(err.key(), "error.restore.in_use");
        drop(app);
        restore(demo.path(), &file, t0()).expect("restores once the app has closed");
    }

    #[test]
    fn backup_never_overwrites() {
        let demo = demo_dir();
        let file = demo.path().join("backup.sqlite");
        backup(demo.path(), &file).expect("backup");
        assert_eq!(backup(demo.path(), &file).expect_err("exists").code(), ErrorCode::Conflict);
        assert!(!with_suffix(&file, ".partial").exists(), "no temporary file left behind");
    }
}
