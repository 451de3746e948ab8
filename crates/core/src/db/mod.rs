//! The local SQLite database: opening (the only place that sets pragmas), migrating, and the write path.
//!
//! Reads take `&Connection` (from [`Db::conn`]); writes go through [`Db::write`], which hands a
//! [`Writer`] to the caller inside one transaction and commits it only if the closure succeeds. The writer is
//! the only way to change a synced table: it stamps the sync columns, appends the audit entry and the outbox
//! entry, so "every change is audited and queued for sync" holds by construction.

mod migrate;
mod writer;

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension};

pub use migrate::{MIGRATIONS, Migration, SCHEMA_SQL, SCHEMA_VERSION};
pub use writer::{Actor, AuditEvent, Entity, Writer};

use crate::error::{Error, ErrorCode, Result};

/// The database file's name inside the data folder.
pub const DB_FILE: &str = "sala.sqlite";

/// The `directories` triple the shells use for the default data folder
/// (`~/.local/share/sala` on Linux, `%APPDATA%\\sala\\Sala\\data` on Windows).
pub const PROJECT_DIRS: (&str, &str, &str) = ("th.go.local", "sala", "Sala");

/// Chooses the data folder: the `--data-dir` flag, else `SALA_DATA_DIR`, else the platform default. Shells
/// read the flag, the environment and `directories`; this keeps their precedence identical.
pub fn choose_data_dir(
    flag: Option<std::path::PathBuf>,
    env: Option<std::ffi::OsString>,
    platform_default: Option<std::path::PathBuf>,
) -> Result<std::path::PathBuf> {
    flag.filter(|f| !f.as_os_str().is_empty())
        .or_else(|| env.filter(|v| !v.is_empty()).map(Into::into))
        .or(platform_default)
        .ok_or_else(|| Error::new(ErrorCode::Storage, "error.db.no_data_dir"))
}

/// The lock file in the data folder that the desktop app holds while it runs.
pub const LOCK_FILE: &str = "sala.lock";

/// An exclusive, advisory lock on a data folder, released when dropped (or when the process dies, even by
/// `kill -9`). The desktop app holds it while it runs, so a second app window on the same folder and a
/// restore under a running app are refused instead of writing to a file that is being replaced.
#[derive(Debug)]
pub struct DataDirLock {
    _file: std::fs::File,
}

impl DataDirLock {
    /// Takes the lock on `data_dir`, or fails with [`ErrorCode::Conflict`] if another process holds it.
    pub fn try_acquire(data_dir: &Path) -> Result<DataDirLock> {
        std::fs::create_dir_all(data_dir)?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(data_dir.join(LOCK_FILE))?;
        match file.try_lock() {
            Ok(()) => Ok(DataDirLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => {
                Err(Error::new(ErrorCode::Conflict, "error.db.in_use")
                    .arg("path", data_dir.display().to_string()))
            }
            Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
        }
    }
}

/// How long a writer waits for another connection's lock before giving up (a second window, the CLI).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open, migrated Sala database.
#[derive(Debug)]
pub struct Db {
    conn: Connection,
}

impl Db {
    /// Opens (creating if needed) the database at `path`, sets the pragmas and migrates it to
    /// [`SCHEMA_VERSION`]. A database written by a newer Sala is refused with [`ErrorCode::SchemaTooNew`]
    /// and left untouched.
    pub fn open(path: &Path, now: DateTime<Utc>) -> Result<Db> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let conn = Connection::open(path)?;
        Db::from_connection(conn, now)
    }

    /// Opens an existing database without creating or migrating it (backup checks, `doctor`).
    pub fn open_existing_read_only(path: &Path) -> Result<Connection> {
        if !path.exists() {
            return Err(Error::new(ErrorCode::NotFound, "error.db.missing")
                .arg("path", path.display().to_string()));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(conn)
    }

    /// A fresh in-memory database (tests).
    pub fn open_in_memory(now: DateTime<Utc>) -> Result<Db> {
        Db::from_connection(Connection::open_in_memory()?, now)
    }

    fn from_connection(conn: Connection, now: DateTime<Utc>) -> Result<Db> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Refuse a newer or foreign database before changing anything in it (even its journal mode).
        migrate::preflight(&conn)?;
        configure(&conn)?;
        let mut db = Db { conn };
        migrate::migrate(&mut db.conn, now)?;
        Ok(db)
    }

    /// The connection, for reads. Writes go through [`Db::write`].
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` with a [`Writer`] in one transaction: the domain rows, their audit entries and their outbox
    /// entries commit together or not at all. If `f` returns an error nothing is written.
    pub fn write<T>(
        &mut self,
        actor: &Actor,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        // IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading read locks.
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut writer = Writer::new(tx, actor.clone(), now)?;
        let out = f(&mut writer)?;
        writer.commit()?;
        Ok(out)
    }

    /// This installation's device id (made when the database was created).
    pub fn device_id(&self) -> Result<String> {
        Ok(self.conn.query_row("SELECT device_id FROM sync_state", [], |r| r.get(0))?)
    }

    /// The office this database belongs to, if one has been set up.
    pub fn office_id(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT office_id FROM sync_state", [], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }
}

/// SQLite's `integrity_check` verdict: `["ok"]` for a sound database, else the problems it lists (or the error
/// that stopped it, for a file too damaged to check).
pub fn integrity_check(conn: &Connection) -> Vec<String> {
    conn.prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .unwrap_or_else(|e| vec![e.to_string()])
}

/// Sets the connection's pragmas. This is the only place in Sala that does.
///
/// - `journal_mode=WAL`: readers never block the writer (the display board reads while a clerk writes);
/// - `synchronous=FULL`: the database holds money; NORMAL may lose the last commits on power loss;
/// - `foreign_keys=ON`: SQLite's default is off;
/// - `busy_timeout`: a second connection waits instead of failing at once.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    // In-memory databases report "memory"; files must be in WAL.
    if mode != "wal" && mode != "memory" {
        return Err(Error::new(ErrorCode::Storage, "error.db.wal").arg("mode", mode));
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests;
