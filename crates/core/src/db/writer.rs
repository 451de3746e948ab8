//! The single write path: [`Writer`] stamps the sync columns, appends the audit entry and the outbox entry
//! for every change, inside the caller's transaction.

use chrono::{DateTime, Utc};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde_json::{Map, Value as Json, json};

use super::SCHEMA_VERSION;
use crate::audit::EntryContent;
use crate::error::{Error, ErrorCode, Result};
use crate::ids;

/// Who is making a change: a signed-in user, or the system itself (set-up, demo data, imports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    user_id: Option<String>,
}

impl Actor {
    /// The system (no user): office set-up and the demo office.
    pub fn system() -> Actor {
        Actor { user_id: None }
    }

    /// The user with `id` (an `app_user.id`).
    pub fn user(id: impl Into<String>) -> Actor {
        Actor { user_id: Some(id.into()) }
    }

    /// The acting user's id, `None` for the system.
    pub fn user_id(&self) -> Option<&str> {
        self.user_id.as_deref()
    }
}

/// A synced table. Its name is never taken from input, so building SQL from it is safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    /// `office`
    Office,
    /// `department`
    Department,
    /// `service`
    Service,
    /// `counter`
    Counter,
    /// `counter_service`
    CounterService,
    /// `app_user`
    User,
    /// `citizen`
    Citizen,
    /// `parcel`
    Parcel,
    /// `access_grant`
    AccessGrant,
    /// A print job and its outcome (`print_job`).
    PrintJob,
    /// A queue ticket: one segment of a visit (`queue_ticket`).
    QueueTicket,
    /// A step in a queue ticket's life (`queue_event`).
    QueueEvent,
    /// Who pays land and building tax (`taxpayer`).
    Taxpayer,
    /// A building on the tax register (`building`).
    Building,
    /// A condominium unit on the tax register (`condo_unit`).
    CondoUnit,
    /// A co-owner of a parcel, building or unit (`co_owner`).
    CoOwner,
    /// The use of a property in one tax year (`property_use`).
    PropertyUse,
    /// The office's calendar, rates and reductions for one tax year (`tax_year`).
    TaxYear,
    /// An assessment notice, ภ.ด.ส.6 (`tax_notice`).
    TaxNotice,
    /// A book of receipt numbers assigned to one PC (`receipt_book`).
    ReceiptBook,
    /// A tax payment and its receipt (`tax_receipt`).
    TaxReceipt,
    /// A kind of request with its questions, division and expected time (`request_category`).
    RequestCategory,
    /// A citizen's request or complaint (`request`).
    Request,
    /// A step in a request's life: state change, assignment, note, rating (`request_event`).
    RequestEvent,
    /// A photo or document on a request (`request_attachment`); its bytes are in `file_blob`.
    RequestAttachment,
    /// A message to a citizen about their request, or a call-back to make (`notification`).
    Notification,
}

impl Entity {
    /// Every synced entity (tests walk them all).
    pub const ALL: [Entity; 26] = [
        Entity::Office,
        Entity::Department,
        Entity::Service,
        Entity::Counter,
        Entity::CounterService,
        Entity::User,
        Entity::Citizen,
        Entity::Parcel,
        Entity::AccessGrant,
        Entity::PrintJob,
        Entity::QueueTicket,
        Entity::QueueEvent,
        Entity::Taxpayer,
        Entity::Building,
        Entity::CondoUnit,
        Entity::CoOwner,
        Entity::PropertyUse,
        Entity::TaxYear,
        Entity::TaxNotice,
        Entity::ReceiptBook,
        Entity::TaxReceipt,
        Entity::RequestCategory,
        Entity::Request,
        Entity::RequestEvent,
        Entity::RequestAttachment,
        Entity::Notification,
    ];

    /// The table's name, also the entity's name in audit and outbox entries.
    pub fn table(self) -> &'static str {
        match self {
            Entity::Office => "office",
            Entity::Department => "department",
            Entity::Service => "service",
            Entity::Counter => "counter",
            Entity::CounterService => "counter_service",
            Entity::User => "app_user",
            Entity::Citizen => "citizen",
            Entity::Parcel => "parcel",
            Entity::AccessGrant => "access_grant",
            Entity::PrintJob => "print_job",
            Entity::QueueTicket => "queue_ticket",
            Entity::QueueEvent => "queue_event",
            Entity::Taxpayer => "taxpayer",
            Entity::Building => "building",
            Entity::CondoUnit => "condo_unit",
            Entity::CoOwner => "co_owner",
            Entity::PropertyUse => "property_use",
            Entity::TaxYear => "tax_year",
            Entity::TaxNotice => "tax_notice",
            Entity::ReceiptBook => "receipt_book",
            Entity::TaxReceipt => "tax_receipt",
            Entity::RequestCategory => "request_category",
            Entity::Request => "request",
            Entity::RequestEvent => "request_event",
            Entity::RequestAttachment => "request_attachment",
            Entity::Notification => "notification",
        }
    }
}

/// Columns that hold secrets: kept out of the audit summary (the outbox carries them to the server).
const REDACTED: &[&str] = &["password_hash", "pin_hash"];
/// `(table, column)`s that name who reported a request: kept out of the audit summary, because supervisors
/// read the audit log and a restricted complaint's reporter is for its handlers only (the outbox carries them).
const REPORTER: &[(&str, &str)] = &[
    ("request", "contact_name"),
    ("request", "contact_phone"),
    ("request", "contact_email"),
    ("request", "contact_address"),
    ("request", "citizen_id"),
    ("notification", "recipient"),
];
/// The sync columns the writer owns; callers never pass them.
const SYNC_COLUMNS: &[&str] =
    &["id", "office_id", "device_id", "created_at", "updated_at", "revision", "deleted_at"];
/// Longer text (a logo's data URL) is shortened in audit summaries.
const SUMMARY_TEXT_MAX: usize = 200;

/// Writes inside one transaction, each with its audit and outbox entry. Made by [`super::Db::write`].
#[derive(Debug)]
pub struct Writer<'a> {
    tx: Transaction<'a>,
    actor: Actor,
    now: DateTime<Utc>,
    device_id: String,
    office_id: Option<String>,
}

impl<'a> Writer<'a> {
    pub(super) fn new(tx: Transaction<'a>, actor: Actor, now: DateTime<Utc>) -> Result<Writer<'a>> {
        let (device_id, office_id) =
            tx.query_row("SELECT device_id, office_id FROM sync_state", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok(Writer { tx, actor, now, device_id, office_id })
    }

    pub(super) fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }

    /// The transaction's connection, for reads that must see this transaction's own writes.
    pub fn conn(&self) -> &Connection {
        &self.tx
    }

    /// The time of this write.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Moves this writer's clock: the demo office's made-up history writes past days in one transaction.
    pub(crate) fn set_now(&mut self, now: DateTime<Utc>) {
        self.now = now;
    }

    /// The acting user.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The office rows belong to; `None` before the office exists.
    pub fn office_id(&self) -> Option<&str> {
        self.office_id.as_deref()
    }

    /// Inserts a row with `fields` (no sync columns) and returns its new UUIDv7 id.
    ///
    /// Inserting an [`Entity::Office`] also makes it this database's office.
    pub fn insert(&mut self, entity: Entity, fields: &[(&str, Value)]) -> Result<String> {
        let id = ids::new_id(self.now);
        self.insert_with_id(entity, &id, fields)?;
        Ok(id)
    }

    /// Like [`Writer::insert`], with an id the caller made (from [`ids::new_id`]) because a field must
    /// repeat it (a queue ticket is its own visit).
    pub(crate) fn insert_with_id(
        &mut self,
        entity: Entity,
        id: &str,
        fields: &[(&str, Value)],
    ) -> Result<()> {
        let id = id.to_owned();
        let office_id = match entity {
            Entity::Office => {
                if self.office_id.is_some() {
                    return Err(Error::new(ErrorCode::Conflict, "error.office.exists"));
                }
                self.tx.execute("UPDATE sync_state SET office_id = ?1", [&id])?;
                self.office_id = Some(id.clone());
                id.clone()
            }
            _ => self.require_office()?,
        };
        let stamp = ids::timestamp(self.now);
        let mut columns: Vec<&str> =
            vec!["id", "office_id", "device_id", "created_at", "updated_at", "revision"];
        let mut values: Vec<Value> = vec![
            id.clone().into(),
            office_id.into(),
            self.device_id.clone().into(),
            stamp.clone().into(),
            stamp.into(),
            1_i64.into(),
        ];
        for (name, value) in fields {
            check_column(name)?;
            columns.push(name);
            values.push(value.clone());
        }
        let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            entity.table(),
            columns.join(", "),
            placeholders.join(", ")
        );
        self.tx.execute(&sql, rusqlite::params_from_iter(values))?;
        let after = self.row_json(entity, &id)?;
        let summary = json!({ "after": summarize(entity, &after, None) });
        self.record(entity, &id, "insert", &summary, &after)
    }

    /// Changes `fields` of the live row `id` and bumps its revision. Fields whose value does not change are
    /// left out; if nothing changes, nothing is written (no revision, audit or outbox entry), so sync never
    /// sees a change that did not happen.
    pub fn update(&mut self, entity: Entity, id: &str, fields: &[(&str, Value)]) -> Result<()> {
        let before = self.live_row_json(entity, id)?;
        let fields: Vec<&(&str, Value)> = fields
            .iter()
            .filter(|(name, value)| before.get(*name) != Some(&value_json(value.into())))
            .collect();
        if fields.is_empty() {
            return Ok(());
        }
        let mut sets = vec!["device_id = ?1".to_owned(), "updated_at = ?2".to_owned()];
        let mut values: Vec<Value> =
            vec![self.device_id.clone().into(), ids::timestamp(self.now).into()];
        for (name, value) in &fields {
            check_column(name)?;
            values.push(value.clone());
            sets.push(format!("{name} = ?{}", values.len()));
        }
        values.push(id.to_owned().into());
        let sql = format!(
            "UPDATE {} SET {}, revision = revision + 1 WHERE id = ?{}",
            entity.table(),
            sets.join(", "),
            values.len()
        );
        self.tx.execute(&sql, rusqlite::params_from_iter(values))?;
        let after = self.row_json(entity, id)?;
        let changed: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
        let summary = json!({
            "before": summarize(entity, &before, Some(&changed)),
            "after": summarize(entity, &after, Some(&changed)),
        });
        self.record(entity, id, "update", &summary, &after)
    }

    /// Tombstones the live row `id` (sets `deleted_at`): deletes must sync like any other change.
    pub fn delete(&mut self, entity: Entity, id: &str) -> Result<()> {
        self.live_row_json(entity, id)?;
        let stamp = ids::timestamp(self.now);
        let sql = format!(
            "UPDATE {} SET deleted_at = ?1, updated_at = ?1, device_id = ?2, revision = revision + 1 \
             WHERE id = ?3",
            entity.table()
        );
        self.tx.execute(&sql, (&stamp, &self.device_id, id))?;
        let after = self.row_json(entity, id)?;
        let summary = json!({ "after": { "deleted_at": stamp } });
        self.record(entity, id, "delete", &summary, &after)
    }

    /// Brings back the tombstoned row `id` (clears `deleted_at`): a pair row such as `counter_service` is
    /// unique, so serving a service again revives its old row instead of inserting a second one.
    pub(crate) fn undelete(&mut self, entity: Entity, id: &str) -> Result<()> {
        let stamp = ids::timestamp(self.now);
        let sql = format!(
            "UPDATE {} SET deleted_at = NULL, updated_at = ?1, device_id = ?2, revision = revision + 1 \
             WHERE id = ?3 AND deleted_at IS NOT NULL",
            entity.table()
        );
        if self.tx.execute(&sql, (&stamp, &self.device_id, id))? == 0 {
            return Ok(());
        }
        let after = self.row_json(entity, id)?;
        let summary = json!({ "after": { "deleted_at": null } });
        self.record(entity, id, "update", &summary, &after)
    }

    fn require_office(&self) -> Result<String> {
        self.office_id
            .clone()
            .ok_or_else(|| Error::new(ErrorCode::Conflict, "error.office.missing"))
    }

    fn live_row_json(&self, entity: Entity, id: &str) -> Result<Map<String, Json>> {
        let row = self.row_json(entity, id)?;
        if row.get("deleted_at").is_some_and(|d| !d.is_null()) {
            return Err(Error::not_found(id.to_owned()));
        }
        Ok(row)
    }

    fn row_json(&self, entity: Entity, id: &str) -> Result<Map<String, Json>> {
        let sql = format!("SELECT * FROM {} WHERE id = ?1", entity.table());
        let mut stmt = self.tx.prepare(&sql)?;
        let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
        stmt.query_row([id], |row| {
            let mut map = Map::new();
            for (i, name) in names.iter().enumerate() {
                map.insert(name.clone(), value_json(row.get_ref(i)?));
            }
            Ok(map)
        })
        .optional()?
        .ok_or_else(|| Error::not_found(id.to_owned()))
    }

    /// Appends an audit entry for an event that changes no synced row (a sign-in, a reveal of personal data,
    /// a device setting), by this writer's actor. No outbox entry: there is nothing to sync.
    pub fn event(
        &mut self,
        entity: &str,
        entity_id: &str,
        event: AuditEvent,
        summary: &Json,
    ) -> Result<()> {
        let actor = self.actor.clone();
        self.event_as(&actor, entity, entity_id, event, summary)
    }

    /// Like [`Writer::event`], by `actor` (a sign-in is recorded as the user who signed in).
    pub fn event_as(
        &mut self,
        actor: &Actor,
        entity: &str,
        entity_id: &str,
        event: AuditEvent,
        summary: &Json,
    ) -> Result<()> {
        self.append_audit(actor, entity, entity_id, event.as_str(), &summary.to_string())
    }

    /// Appends the hash-chained audit entry and the outbox entry for one change.
    fn record(
        &mut self,
        entity: Entity,
        entity_id: &str,
        action: &str,
        summary: &Json,
        row: &Map<String, Json>,
    ) -> Result<()> {
        let actor = self.actor.clone();
        self.append_audit(&actor, entity.table(), entity_id, action, &summary.to_string())?;
        let at = ids::timestamp(self.now);
        let seq: i64 = self.tx.query_row(
            "UPDATE sync_state SET next_seq = next_seq + 1 RETURNING next_seq - 1",
            [],
            |r| r.get(0),
        )?;
        let op_type = if action == "delete" { "delete" } else { "upsert" };
        self.tx.execute(
            "INSERT INTO outbox (seq, op_id, op_type, entity, entity_id, schema_version, payload, \
             created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                seq,
                ids::new_id(self.now),
                format!("{op_type}:{}", entity.table()),
                entity.table(),
                entity_id,
                SCHEMA_VERSION,
                Json::Object(row.clone()).to_string(),
                at
            ],
        )?;
        Ok(())
    }

    /// Appends one entry to the audit log's hash chain and moves the head.
    fn append_audit(
        &mut self,
        actor: &Actor,
        entity: &str,
        entity_id: &str,
        action: &str,
        summary: &str,
    ) -> Result<()> {
        let at = ids::timestamp(self.now);
        let audit_id = ids::new_id(self.now);
        // The chain's head lives in sync_state: the next entry is head + 1, linked to the head's hash.
        let (head_seq, prev_hash): (i64, String) = self.tx.query_row(
            "SELECT audit_head_seq, audit_head_hash FROM sync_state",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let content = EntryContent {
            seq: head_seq + 1,
            id: &audit_id,
            at: &at,
            device_id: &self.device_id,
            actor_id: actor.user_id().unwrap_or(""),
            entity,
            entity_id,
            action,
            summary,
        };
        let hash = content.hash(&prev_hash);
        self.tx.execute(
            "INSERT INTO audit_log (seq, id, at, device_id, actor_id, entity, entity_id, action, summary, \
             prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            rusqlite::params![
                content.seq,
                audit_id,
                at,
                self.device_id,
                actor.user_id(),
                entity,
                entity_id,
                action,
                summary,
                prev_hash,
                hash
            ],
        )?;
        self.tx.execute(
            "UPDATE sync_state SET audit_head_seq = ?1, audit_head_hash = ?2",
            rusqlite::params![content.seq, hash],
        )?;
        Ok(())
    }
}

/// An audited event that is not a change to a synced row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditEvent {
    /// Someone read personal data that lists mask (a full citizen ID or phone number).
    Reveal,
    /// A user signed in.
    SignIn,
    /// A sign-in failed (wrong secret, unknown name, inactive account).
    SignInFailed,
    /// Too many failed sign-ins locked an account.
    AccountLocked,
    /// A user signed out.
    SignOut,
    /// A device setting changed.
    Setting,
}

impl AuditEvent {
    /// The `audit_log.action` value.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditEvent::Reveal => "reveal",
            AuditEvent::SignIn => "sign_in",
            AuditEvent::SignInFailed => "sign_in_failed",
            AuditEvent::AccountLocked => "account_locked",
            AuditEvent::SignOut => "sign_out",
            AuditEvent::Setting => "setting",
        }
    }
}

fn check_column(name: &str) -> Result<()> {
    // Column names come from core code, never from input; this guards against a future mistake.
    let ok = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok || SYNC_COLUMNS.contains(&name) {
        return Err(Error::new(ErrorCode::Internal, "error.internal").arg("cause", name.to_owned()));
    }
    Ok(())
}

fn value_json(value: ValueRef<'_>) -> Json {
    match value {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => f.into(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect::<String>().into(),
    }
}

/// The audit view of a row: without sync columns, secrets and reporters redacted, long text shortened; only
/// `only`'s columns when given.
fn summarize(entity: Entity, row: &Map<String, Json>, only: Option<&[&str]>) -> Json {
    let reporter = |name: &str| REPORTER.contains(&(entity.table(), name));
    let mut out = Map::new();
    for (name, value) in row {
        if SYNC_COLUMNS.contains(&name.as_str())
            || only.is_some_and(|o| !o.contains(&name.as_str()))
        {
            continue;
        }
        let value = match value {
            _ if REDACTED.contains(&name.as_str()) => Json::from("[redacted]"),
            Json::String(s) if reporter(name) && !s.is_empty() => Json::from("[personal]"),
            Json::String(s) if s.chars().count() > SUMMARY_TEXT_MAX => {
                Json::from(format!("{}…", s.chars().take(SUMMARY_TEXT_MAX).collect::<String>()))
            }
            other => other.clone(),
        };
        out.insert(name.clone(), value);
    }
    Json::Object(out)
}
