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

/// Writes a consistent copy of the database in `data_dir` to `dest` (which must not exist).
pub fn backup(data_dir: &Path, dest: &Path) -> Result<BackupReport> {
    let src = Db::open_existing_read_only(&data_dir.join(DB_FILE))?;
    if dest.exists() {
        return Err(Error::new(ErrorCode::Conflict, "error.backup.exists")
            .arg("path", dest.display().to_string()));
    }
    src.backup(MAIN_DB, dest, None::<fn(Progress)>)?;
    let schema_version = check_file(dest)?;
    Ok(BackupReport {
        file: dest.to_owned(),
        schema_version,
        bytes: std::fs::metadata(dest)?.len(),
        previous: None,
    })
}

/// Replaces the database in `data_dir` with the backup `src`, after checking it. The current database is
/// kept as `sala.sqlite.before-restore-<now>`. Nothing changes if any check fails.
pub fn restore(data_dir: &Path, src: &Path, now: DateTime<Utc>) -> Result<BackupReport> {
    let schema_version = check_file(src)?;
    // Refuse while the app has this folder open: it would go on writing to the file being replaced.
    let _lock = DataDirLock::try_acquire(data_dir)
        .map_err(|e| if e.code() == ErrorCode::Conflict { in_use(data_dir) } else { e })?;
    let live = data_dir.join(DB_FILE);
    std::fs::create_dir_all(data_dir)?;
    // Copy into a temporary file next to the live one first, so the final step is a rename.
    let staging = data_dir.join(format!("{DB_FILE}.restoring"));
    remove_db_files(&staging)?;
    Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)?.backup(
        MAIN_DB,
        &staging,
        None::<fn(Progress)>,
    )?;
    check_file(&staging)?;

    let mut previous = None;
    if live.exists() {
        // Make sure no one else has the database open for writing, and fold the WAL into the main file so
        // the kept copy is complete on its own.
        let conn = Connection::open(&live)?;
        conn.busy_timeout(std::time::Duration::from_millis(200))?;
        let busy: i64 = conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
            .map_err(|e| Error::new(ErrorCode::Conflict, "error.restore.in_use").with_source(e))?;
        if busy != 0 {
            return Err(
                Error::new(ErrorCode::Conflict, "error.restore.in_use").arg("cause", "busy")
            );
        }
        drop(conn);
        let kept =
            data_dir.join(format!("{DB_FILE}.before-restore-{}", now.format("%Y%m%dT%H%M%SZ")));
        std::fs::rename(&live, &kept)?;
        remove_db_files(&live)?;
        previous = Some(kept);
    }
    std::fs::rename(&staging, &live)?;
    Ok(BackupReport {
        file: src.to_owned(),
        schema_version,
        bytes: std::fs::metadata(&live)?.len(),
        previous,
    })
}

/// Checks that `path` is an intact Sala database this binary can open; returns its schema version.
pub fn check_file(path: &Path) -> Result<i32> {
    let conn = Db::open_existing_read_only(path)?;
    let corrupt = |cause: String| {
        Error::new(ErrorCode::Validation, "error.backup.corrupt")
            .arg("path", path.display().to_string())
            .arg("cause", cause)
    };
    let verdict: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| corrupt(e.to_string()))?;
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

fn in_use(data_dir: &Path) -> Error {
    Error::new(ErrorCode::Conflict, "error.restore.in_use")
        .arg("path", data_dir.display().to_string())
}

fn remove_db_files(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
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
    }
}
