//! The audit log's hash chain: how an entry's hash is made, and [`verify`], which walks the chain and names
//! the first entry that was modified, deleted, inserted or moved outside Sala (for example with the
//! `sqlite3` shell).
//!
//! Each entry's hash is SHA-256 over the previous entry's hash, its own `seq` and its content. `seq` runs
//! 1, 2, 3, … and `sync_state` keeps the head (last `seq` and hash), so removing entries from the end shows
//! too. What a local chain cannot show is a rewrite of every entry from some point on *and* of the head: that
//! needs a copy of the head somewhere else, which the sync issue provides by sending entries to the server.

mod browse;

pub use browse::{
    AuditChainStatus, AuditEntryView, AuditFilter, AuditFilterOptions, AuditPage, FieldChange,
    browse, chain_status, filter_options,
};

use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::i18n::{Lang, tr};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The content of one audit entry, as hashed.
#[derive(Debug, Clone)]
pub struct EntryContent<'a> {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// UUIDv7 of the entry.
    pub id: &'a str,
    /// When (RFC 3339 UTC).
    pub at: &'a str,
    /// On which device.
    pub device_id: &'a str,
    /// Who (`app_user.id`), empty for the system.
    pub actor_id: &'a str,
    /// Which table.
    pub entity: &'a str,
    /// Which row.
    pub entity_id: &'a str,
    /// `insert`, `update` or `delete`.
    pub action: &'a str,
    /// The before/after summary (JSON text).
    pub summary: &'a str,
}

impl EntryContent<'_> {
    /// The entry's hash given the previous entry's: SHA-256 (hex) over the fields, each preceded by a unit
    /// separator so that no two different entries hash the same text.
    pub fn hash(&self, prev_hash: &str) -> String {
        let mut hasher = Sha256::new();
        hasher.update(prev_hash.as_bytes());
        let seq = self.seq.to_string();
        for field in [
            seq.as_str(),
            self.id,
            self.at,
            self.device_id,
            self.actor_id,
            self.entity,
            self.entity_id,
            self.action,
            self.summary,
        ] {
            hasher.update([0x1f]);
            hasher.update(field.as_bytes());
        }
        hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// Entries in the log.
    pub entries: u64,
    /// The first problem, if any.
    pub problem: Option<Problem>,
}

/// The first place the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The entry concerned (for a deletion, the first missing one).
    pub seq: i64,
    /// What happened to it.
    pub kind: ProblemKind,
}

/// How an entry was tampered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Its content (or its position) no longer matches its hash, or the next entry no longer links to it.
    Modified,
    /// It is missing.
    Deleted,
    /// It was added outside Sala.
    Inserted,
}

impl Problem {
    /// A one-line explanation in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let key = match self.kind {
            ProblemKind::Modified => "msg.audit.modified",
            ProblemKind::Deleted => "msg.audit.deleted",
            ProblemKind::Inserted => "msg.audit.inserted",
        };
        tr(lang, key, &[("seq", self.seq.to_string())])
    }
}

struct Row {
    seq: i64,
    id: String,
    at: String,
    device_id: String,
    actor_id: String,
    entity: String,
    entity_id: String,
    action: String,
    summary: String,
    prev_hash: String,
    hash: String,
}

impl Row {
    fn content(&self) -> EntryContent<'_> {
        EntryContent {
            seq: self.seq,
            id: &self.id,
            at: &self.at,
            device_id: &self.device_id,
            actor_id: &self.actor_id,
            entity: &self.entity,
            entity_id: &self.entity_id,
            action: &self.action,
            summary: &self.summary,
        }
    }
}

/// Walks the whole chain and reports the first entry that was modified, deleted or inserted.
pub fn verify(conn: &Connection) -> Result<Verification> {
    let (head_seq, head_hash): (i64, String) =
        conn.query_row("SELECT audit_head_seq, audit_head_hash FROM sync_state", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let mut stmt = conn.prepare(
        "SELECT seq, id, at, device_id, coalesce(actor_id, ''), entity, entity_id, action, summary, \
         prev_hash, hash FROM audit_log ORDER BY seq",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Row {
            seq: r.get(0)?,
            id: r.get(1)?,
            at: r.get(2)?,
            device_id: r.get(3)?,
            actor_id: r.get(4)?,
            entity: r.get(5)?,
            entity_id: r.get(6)?,
            action: r.get(7)?,
            summary: r.get(8)?,
            prev_hash: r.get(9)?,
            hash: r.get(10)?,
        })
    })?;
    let mut entries = 0_u64;
    let mut expected_seq = 1_i64;
    let mut prev_hash = GENESIS_HASH.to_owned();
    let found = |seq, kind| Some(Problem { seq, kind });
    let mut problem = None;
    for row in rows {
        let row = row?;
        entries += 1;
        if problem.is_some() {
            continue; // Keep counting; the first problem is the one reported.
        }
        // Past the head means appended outside Sala, whatever else is wrong with it.
        let beyond_head = row.seq > head_seq;
        if row.seq < expected_seq {
            problem = found(row.seq, ProblemKind::Inserted);
        } else if row.seq > expected_seq {
            problem = found(expected_seq, ProblemKind::Deleted);
        } else if row.content().hash(&row.prev_hash) != row.hash {
            problem = found(
                row.seq,
                if beyond_head { ProblemKind::Inserted } else { ProblemKind::Modified },
            );
        } else if row.prev_hash != prev_hash {
            // This entry is intact but no longer links to the one before it: that one was rewritten
            // (with a recomputed hash), or this one was added after it from outside.
            problem = if beyond_head {
                found(row.seq, ProblemKind::Inserted)
            } else {
                found(row.seq - 1, ProblemKind::Modified)
            };
        }
        prev_hash = row.hash;
        expected_seq = row.seq + 1;
    }
    let last = expected_seq - 1;
    if problem.is_none() {
        problem = if last < head_seq {
            found(last + 1, ProblemKind::Deleted)
        } else if last > head_seq {
            found(head_seq + 1, ProblemKind::Inserted)
        } else if prev_hash != head_hash {
            found(last, ProblemKind::Modified)
        } else {
            None
        };
    }
    Ok(Verification { entries, problem })
}

#[cfg(test)]
mod tests;
