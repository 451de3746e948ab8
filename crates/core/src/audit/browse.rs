//! The supervisor's view of the audit log: newest first, filtered by date, user, record type and action,
//! a page at a time. Read-only: nothing in Sala edits or deletes an entry.

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use rusqlite::{Connection, ToSql};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use ts_rs::TS;

use crate::auth::{Action, Session, UserSummary};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::thai::date::office_offset;

/// What to show. Every field is optional; dates are the office's local dates, inclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AuditFilter {
    /// From this day (local), `YYYY-MM-DD`.
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    /// Up to and including this day (local), `YYYY-MM-DD`.
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    /// Only this user's entries (`app_user.id`); `"system"` for set-up and demo data.
    pub actor_id: Option<String>,
    /// Only entries about this table (`citizen`, `app_user`, …).
    pub entity: Option<String>,
    /// Only this action (`insert`, `update`, `reveal`, `sign_in`, …).
    pub action: Option<String>,
    /// The next page: entries older than this `seq`.
    #[ts(type = "number | null")]
    pub before_seq: Option<i64>,
    /// Page size (1–200, default 50).
    pub limit: Option<u32>,
}

/// One entry as the log shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntryView {
    /// Position in the chain.
    #[ts(type = "number")]
    pub seq: i64,
    /// When, as RFC 3339 in the office's time zone (`2026-11-24T09:15:00+07:00`).
    pub at: String,
    /// Who (`None`: the system).
    pub actor: Option<UserSummary>,
    /// On which device.
    pub device_id: String,
    /// Which table.
    pub entity: String,
    /// Which row (empty for a sign-in attempt with an unknown name).
    pub entity_id: String,
    /// What happened.
    pub action: String,
    /// The fields concerned, with their values before and after.
    pub changes: Vec<FieldChange>,
}

/// One field in an entry's summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// Column or detail name.
    pub field: String,
    /// The value before (updates only).
    pub before: Option<String>,
    /// The value after, or the detail's value.
    pub after: Option<String>,
}

/// A page of entries, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    /// The entries.
    pub entries: Vec<AuditEntryView>,
    /// Pass as `beforeSeq` for the next (older) page; `None` at the end.
    #[ts(type = "number | null")]
    pub next_before_seq: Option<i64>,
}

/// What the filters offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditFilterOptions {
    /// Every user (active or not: history keeps its names).
    pub users: Vec<UserSummary>,
    /// The tables that appear in the log.
    pub entities: Vec<String>,
    /// The actions that appear in the log.
    pub actions: Vec<String>,
}

/// The chain's state, for the log's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditChainStatus {
    /// Entries in the log.
    #[ts(type = "number")]
    pub entries: u64,
    /// Whether the chain is intact.
    pub intact: bool,
    /// If not, which entry is the first problem and what happened to it, in the UI's language.
    pub problem: Option<String>,
}

const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 200;

fn utc_bound(day: NaiveDate, tz: FixedOffset) -> Result<String> {
    let local = day.and_hms_opt(0, 0, 0).and_then(|t| tz.from_local_datetime(&t).single());
    let local = local
        .ok_or_else(|| Error::validation("error.date.format").arg("input", day.to_string()))?;
    Ok(crate::ids::timestamp(local.with_timezone(&Utc)))
}

/// A page of the log for a supervisor.
pub fn browse(conn: &Connection, session: &Session, filter: &AuditFilter) -> Result<AuditPage> {
    session.require(Action::ViewAuditLog)?;
    let limit = filter.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let tz = office_offset();
    let mut clauses = vec!["1 = 1".to_owned()];
    let mut params: Vec<Box<dyn ToSql>> = Vec::new();
    let mut push = |clause: &str, value: Box<dyn ToSql>| {
        params.push(value);
        clauses.push(clause.replace('?', &format!("?{}", params.len())));
    };
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && from > to
    {
        return Err(Error::validation("error.audit.dates"));
    }
    if let Some(from) = filter.from {
        push("a.at >= ?", Box::new(utc_bound(from, tz)?));
    }
    if let Some(to) = filter.to {
        push("a.at < ?", Box::new(utc_bound(to + Duration::days(1), tz)?));
    }
    match filter.actor_id.as_deref() {
        Some("system") => push("a.actor_id IS ?", Box::new(None::<String>)),
        Some(id) => push("a.actor_id = ?", Box::new(id.to_owned())),
        None => {}
    }
    if let Some(entity) = &filter.entity {
        push("a.entity = ?", Box::new(entity.clone()));
    }
    if let Some(action) = &filter.action {
        push("a.action = ?", Box::new(action.clone()));
    }
    if let Some(before) = filter.before_seq {
        push("a.seq < ?", Box::new(before));
    }
    let sql = format!(
        "SELECT a.seq, a.at, a.actor_id, u.username, u.display_name, u.role, a.device_id, a.entity, \
         a.entity_id, a.action, a.summary FROM audit_log a LEFT JOIN app_user u ON u.id = a.actor_id \
         WHERE {} ORDER BY a.seq DESC LIMIT {}",
        clauses.join(" AND "),
        limit + 1
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            (
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ),
            r.get::<_, Option<String>>(5)?,
            (r.get::<_, String>(6)?, r.get::<_, String>(7)?, r.get::<_, String>(8)?),
            r.get::<_, String>(9)?,
            r.get::<_, String>(10)?,
        ))
    })?;
    let mut entries = Vec::new();
    for row in rows {
        let (
            seq,
            at,
            (actor_id, username, display_name),
            role,
            (device_id, entity, entity_id),
            action,
            summary,
        ) = row?;
        let actor = match (actor_id, username, display_name, role) {
            (Some(id), Some(username), Some(display_name), Some(role)) => Some(UserSummary {
                id,
                username,
                display_name,
                role: crate::auth::Role::parse(&role)?,
            }),
            _ => None,
        };
        let at = chrono::DateTime::parse_from_rfc3339(&at)
            .map(|t| t.with_timezone(&tz).to_rfc3339())
            .unwrap_or(at);
        entries.push(AuditEntryView {
            seq,
            at,
            actor,
            device_id,
            entity,
            entity_id,
            action,
            changes: changes(&summary),
        });
    }
    let next_before_seq = if entries.len() > limit as usize {
        entries.truncate(limit as usize);
        entries.last().map(|e| e.seq)
    } else {
        None
    };
    Ok(AuditPage { entries, next_before_seq })
}

/// Flattens a summary (`{"before": {...}, "after": {...}}`, or an event's details) into field changes.
fn changes(summary: &str) -> Vec<FieldChange> {
    let Ok(Json::Object(map)) = serde_json::from_str::<Json>(summary) else {
        return vec![FieldChange {
            field: String::new(),
            before: None,
            after: Some(summary.to_owned()),
        }];
    };
    let text = |v: &Json| match v {
        Json::String(s) => s.clone(),
        Json::Null => String::new(),
        other => other.to_string(),
    };
    let side = |name: &str| map.get(name).and_then(Json::as_object).cloned().unwrap_or_default();
    if map.contains_key("before") || map.contains_key("after") {
        let (before, after): (Map<String, Json>, Map<String, Json>) =
            (side("before"), side("after"));
        let mut fields: Vec<&String> = after.keys().chain(before.keys()).collect();
        fields.sort();
        fields.dedup();
        return fields
            .into_iter()
            .map(|f| FieldChange {
                field: f.clone(),
                before: before.get(f).map(text),
                after: after.get(f).map(text),
            })
            .collect();
    }
    map.iter()
        .map(|(f, v)| FieldChange { field: f.clone(), before: None, after: Some(text(v)) })
        .collect()
}

/// The choices for the filters.
pub fn filter_options(conn: &Connection, session: &Session) -> Result<AuditFilterOptions> {
    session.require(Action::ViewAuditLog)?;
    let distinct = |col: &str| -> Result<Vec<String>> {
        let sql = format!("SELECT DISTINCT {col} FROM audit_log ORDER BY {col}");
        let mut stmt = conn.prepare(&sql)?;
        Ok(stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
    };
    Ok(AuditFilterOptions {
        users: crate::auth::users_list(conn)?,
        entities: distinct("entity")?,
        actions: distinct("action")?,
    })
}

/// Walks the chain ([`super::verify`]) for the log's header.
pub fn chain_status(conn: &Connection, session: &Session, lang: Lang) -> Result<AuditChainStatus> {
    session.require(Action::ViewAuditLog)?;
    let v = super::verify(conn)?;
    Ok(AuditChainStatus {
        entries: v.entries,
        intact: v.problem.is_none(),
        problem: v.problem.map(|p| p.message(lang)),
    })
}
