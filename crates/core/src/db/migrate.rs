//! Schema creation and forward-only migrations, tracked by `PRAGMA user_version`.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, TransactionBehavior};

use super::{Actor, Writer};
use crate::error::{Error, ErrorCode, Result};
use crate::ids;

/// The canonical current schema (`schema.sql` at the repository root).
pub const SCHEMA_SQL: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema.sql"));

/// The schema version this binary writes. A database with a higher `user_version` is refused.
pub const SCHEMA_VERSION: i32 = 6;

/// One forward-only migration: running `sql` on a database at `version - 1` brings it to `version`.
#[derive(Debug)]
pub struct Migration {
    /// The `user_version` after this migration.
    pub version: i32,
    /// File name, for messages.
    pub name: &'static str,
    /// The SQL, run in one transaction.
    pub sql: &'static str,
}

/// Every migration, oldest first. Never edit a shipped entry; append a new one and update `schema.sql`.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_baseline.sql",
        sql: include_str!("../../migrations/0001_baseline.sql"),
    },
    Migration {
        version: 2,
        name: "0002_roles.sql",
        sql: include_str!("../../migrations/0002_roles.sql"),
    },
    Migration {
        version: 3,
        name: "0003_printing.sql",
        sql: include_str!("../../migrations/0003_printing.sql"),
    },
    Migration {
        version: 4,
        name: "0004_queue.sql",
        sql: include_str!("../../migrations/0004_queue.sql"),
    },
    Migration {
        version: 5,
        name: "0005_tax.sql",
        sql: include_str!("../../migrations/0005_tax.sql"),
    },
    Migration {
        version: 6,
        name: "0006_requests.sql",
        sql: include_str!("../../migrations/0006_requests.sql"),
    },
];

/// Refuses, without writing anything, a database this binary must not touch: one written by a newer Sala,
/// or a SQLite file that is not Sala's.
pub(crate) fn preflight(conn: &Connection) -> Result<i32> {
    let version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(Error::new(ErrorCode::SchemaTooNew, "error.db.too_new")
            .arg("db_version", version.to_string())
            .arg("app_version", SCHEMA_VERSION.to_string()));
    }
    if version == 0 {
        let n_tables: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [], |r| {
                r.get(0)
            })?;
        if n_tables > 0 {
            return Err(Error::new(ErrorCode::Validation, "error.db.not_sala"));
        }
    }
    Ok(version)
}

/// Brings the database to [`SCHEMA_VERSION`] in one IMMEDIATE transaction: a new, empty database gets
/// `schema.sql` directly, an older one the missing migrations in order. The version is read again inside
/// the transaction, so two processes opening the same database at once never both migrate it.
pub(crate) fn migrate(conn: &mut Connection, now: DateTime<Utc>) -> Result<()> {
    if preflight(conn)? == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version = preflight(&tx)?;
    if version == 0 {
        // A new database: the schema, this device's identity and the version land together.
        tx.execute_batch(SCHEMA_SQL)?;
        tx.execute(
            "INSERT INTO sync_state (singleton, device_id, created_at) VALUES (1, ?1, ?2)",
            (ids::new_id(now), ids::timestamp(now)),
        )?;
    } else {
        for m in MIGRATIONS.iter().filter(|m| m.version > version) {
            tx.execute_batch(m.sql).map_err(|e| {
                Error::new(ErrorCode::Storage, "error.db.migration")
                    .arg("name", m.name)
                    .with_source(e)
            })?;
        }
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    if version == 0 {
        tx.commit()?;
        return Ok(());
    }
    // Rows an upgraded office needs that SQL cannot write go through a Writer as the system (with their
    // audit and outbox entries), in the same transaction: the migration and its data land together.
    let mut w = Writer::new(tx, Actor::system(), now)?;
    if version < 6 {
        // Schema 6 added request categories: an office set up before them gets the defaults.
        crate::requests::category::seed_defaults(&mut w)?;
    }
    w.commit()
}

/// Applies every migration in order to an empty connection (the schema-equivalence test).
#[cfg(test)]
pub(crate) fn build_from_migrations(conn: &mut Connection) -> Result<()> {
    for m in MIGRATIONS {
        let tx = conn.transaction()?;
        tx.execute_batch(m.sql)?;
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
    }
    Ok(())
}
