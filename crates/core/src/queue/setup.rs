//! Setting up the queue: services (by department, with a ticket prefix, an expected time and the documents
//! to bring) and counters (each serving a set of services). Supervisors and administrators; every change
//! is audited and queued for sync like any other row.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::{Action, Session};
use crate::db::{Db, Entity};
use crate::error::{Error, ErrorCode, Result};

/// A service as the set-up screen edits it (matched by `code`: an unknown code adds a service).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueServiceInput {
    /// Lower-case letters, digits and `_` (2–30): `land_tax`.
    pub code: String,
    /// The department's code.
    pub department_code: String,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
    /// One or two capital letters A–Z (the board reads them out).
    pub prefix: String,
    /// Expected minutes per citizen (1–240).
    pub expected_minutes: u32,
    /// Documents to bring, one per item (at most 12).
    pub documents: Vec<String>,
}

/// A counter as the set-up screen edits it (matched by `number`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueCounterInput {
    /// 1–99: the number called out.
    pub number: u32,
    /// Name.
    pub name: String,
    /// Where it is in the building (printed on slips).
    pub location: String,
    /// Codes of the services it serves (at least one).
    pub services: Vec<String>,
}

fn required(value: &str, field: &'static str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::validation("error.queue.setup.required").arg_key("field", field));
    }
    Ok(v.to_owned())
}

/// Adds or changes a service.
pub fn save_service(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    input: &QueueServiceInput,
) -> Result<()> {
    session.require(Action::ManageQueue)?;
    let code = input.code.trim();
    let code_ok = (2..=30).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !code_ok {
        return Err(Error::validation("error.queue.setup.code").arg("input", code.to_owned()));
    }
    let prefix = input.prefix.trim().to_ascii_uppercase();
    if !(1..=2).contains(&prefix.len()) || !prefix.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(Error::validation("error.queue.setup.prefix")
            .arg("input", input.prefix.trim().to_owned()));
    }
    if !(1..=240).contains(&input.expected_minutes) {
        return Err(Error::validation("error.policy.range")
            .arg_key("setting", "field.queue.expected_minutes")
            .arg("min", "1")
            .arg("max", "240")
            .arg("input", input.expected_minutes.to_string()));
    }
    let name_th = required(&input.name_th, "field.queue.name_th")?;
    let name_en = required(&input.name_en, "field.queue.name_en")?;
    let documents: Vec<&str> =
        input.documents.iter().map(|d| d.trim()).filter(|d| !d.is_empty()).collect();
    if documents.len() > 12 {
        return Err(Error::validation("error.queue.setup.documents").arg("max", "12"));
    }
    let documents = serde_json::to_string(&documents)
        .map_err(|e| Error::new(ErrorCode::Internal, "error.internal").with_source(e))?;
    let department: String = db
        .conn()
        .query_row(
            "SELECT id FROM department WHERE code = ?1 AND deleted_at IS NULL",
            [input.department_code.trim()],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| {
            Error::new(ErrorCode::NotFound, "error.queue.setup.no_department")
                .arg("code", input.department_code.trim().to_owned())
        })?;
    let existing: Option<String> = db
        .conn()
        .query_row("SELECT id FROM service WHERE code = ?1 AND deleted_at IS NULL", [code], |r| {
            r.get(0)
        })
        .optional()?;
    let clash: Option<String> = db
        .conn()
        .query_row(
            "SELECT code FROM service WHERE ticket_prefix = ?1 AND code <> ?2 AND deleted_at IS NULL",
            [&prefix, code],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = clash {
        return Err(Error::new(ErrorCode::Conflict, "error.queue.setup.prefix_taken")
            .arg("prefix", prefix)
            .arg("code", other));
    }
    let fields = [
        ("department_id", department.into()),
        ("name_th", name_th.into()),
        ("name_en", name_en.into()),
        ("ticket_prefix", prefix.into()),
        ("expected_minutes", i64::from(input.expected_minutes).into()),
        ("documents_th", documents.into()),
    ];
    db.write(&session.actor(), now, |w| match &existing {
        Some(id) => w.update(Entity::Service, id, &fields),
        None => {
            let mut all = vec![("code", code.to_owned().into())];
            all.extend(fields.iter().cloned());
            let order: i64 =
                w.conn().query_row("SELECT count(*) FROM service", [], |r| r.get(0))?;
            all.push(("sort_order", order.into()));
            w.insert(Entity::Service, &all).map(drop)
        }
    })
}

/// Adds or changes a counter and the services it serves.
pub fn save_counter(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    input: &QueueCounterInput,
) -> Result<()> {
    session.require(Action::ManageQueue)?;
    if !(1..=99).contains(&input.number) {
        return Err(Error::validation("error.queue.setup.counter_number")
            .arg("input", input.number.to_string()));
    }
    let name = required(&input.name, "field.queue.counter_name")?;
    let location = required(&input.location, "field.queue.location")?;
    if input.services.is_empty() {
        return Err(Error::validation("error.queue.setup.no_services"));
    }
    let mut service_ids = Vec::new();
    for code in &input.services {
        service_ids.push(super::ops::service_by_code(db.conn(), code)?.id);
    }
    let existing: Option<String> = db
        .conn()
        .query_row(
            "SELECT id FROM counter WHERE number = ?1 AND deleted_at IS NULL",
            [input.number],
            |r| r.get(0),
        )
        .optional()?;
    db.write(&session.actor(), now, |w| {
        let counter = match existing {
            Some(id) => {
                w.update(Entity::Counter, &id, &[("name", name.clone().into()), ("location", location.clone().into())])?;
                id
            }
            None => w.insert(
                Entity::Counter,
                &[
                    ("number", i64::from(input.number).into()),
                    ("name", name.clone().into()),
                    ("location", location.clone().into()),
                ],
            )?,
        };
        let pairs: Vec<(String, String, bool)> = w
            .conn()
            .prepare("SELECT id, service_id, deleted_at IS NULL FROM counter_service WHERE counter_id = ?1")?
            .query_map([&counter], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, service, live) in &pairs {
            let wanted = service_ids.contains(service);
            if *live && !wanted {
                w.delete(Entity::CounterService, id)?;
            } else if !*live && wanted {
                w.undelete(Entity::CounterService, id)?;
            }
        }
        for service in &service_ids {
            if !pairs.iter().any(|(_, s, _)| s == service) {
                w.insert(
                    Entity::CounterService,
                    &[("counter_id", counter.clone().into()), ("service_id", service.clone().into())],
                )?;
            }
        }
        Ok(())
    })
}
