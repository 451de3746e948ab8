//! The office and what it is made of: departments and their services, counters, users, citizens, parcels.
//!
//! An office is created once per database, either as the demo office ([`create_demo_office`]) or by the
//! setup wizard ([`setup_office`]). Reads return the view types below, which cross the IPC boundary as-is
//! (their TypeScript twins are generated into `ui/src/generated`).

mod catalog;
mod demo;
mod setup;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use demo::{DEMO_PASSWORD, RESTRICTED_CITIZEN, create_demo_office, demo_accounts};
pub use setup::{AdminInput, CounterInput, OfficeSetup, setup_office};

use crate::auth::{self, Action, Session, UserSummary};
use crate::error::Result;

/// The office as the status bar and documents show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OfficeSummary {
    /// UUIDv7.
    pub id: String,
    /// Office code (e.g. the DLA code).
    pub code: String,
    /// Full Thai name, e.g. องค์การบริหารส่วนตำบลบ้านสาธิต.
    pub name: String,
    /// Postal address.
    pub address: String,
    /// 13-digit tax ID.
    pub tax_id: String,
    /// The logo as a `data:` URL, if one was given.
    pub logo_data_url: Option<String>,
    /// Whether this is the demo office (its data is made up).
    pub is_demo: bool,
}

/// Everything the settings area shows about the office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OfficeOverview {
    /// The office.
    pub office: OfficeSummary,
    /// Departments in display order, each with its services.
    pub departments: Vec<DepartmentView>,
    /// Counters by number.
    pub counters: Vec<CounterView>,
    /// Users, active ones first.
    pub users: Vec<UserSummary>,
    /// Number of citizens on record that this user may see.
    pub citizen_count: u32,
    /// Number of land parcels on record.
    pub parcel_count: u32,
}

/// A department (กอง/สำนัก) and its services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DepartmentView {
    /// UUIDv7.
    pub id: String,
    /// Stable code: `palad`, `finance`, `works`, `education`, or the office's own.
    pub code: String,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
    /// Its services in display order.
    pub services: Vec<ServiceView>,
}

/// A service citizens queue for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceView {
    /// UUIDv7.
    pub id: String,
    /// Stable code.
    pub code: String,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
    /// Queue ticket prefix, e.g. `A`.
    pub ticket_prefix: String,
    /// Expected minutes of service per citizen (drives wait estimates).
    pub expected_minutes: u32,
    /// Documents to bring (Thai), shown on queue slips.
    pub documents: Vec<String>,
}

/// A counter (ช่องบริการ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CounterView {
    /// UUIDv7.
    pub id: String,
    /// The number called out: "ช่องบริการ 2".
    pub number: u32,
    /// Name.
    pub name: String,
    /// Where it is in the building.
    pub location: String,
    /// Ids of the services it serves.
    pub service_ids: Vec<String>,
}

/// The office of this database, if set up.
pub fn summary(conn: &Connection) -> Result<Option<OfficeSummary>> {
    Ok(conn
        .query_row(
            "SELECT o.id, o.code, o.name, o.address, o.tax_id, o.logo_data_url, o.is_demo \
             FROM office o JOIN sync_state s ON s.office_id = o.id WHERE o.deleted_at IS NULL",
            [],
            |r| {
                Ok(OfficeSummary {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    name: r.get(2)?,
                    address: r.get(3)?,
                    tax_id: r.get(4)?,
                    logo_data_url: r.get(5)?,
                    is_demo: r.get(6)?,
                })
            },
        )
        .optional()?)
}

/// The whole office set-up for the settings area. Record counts leave out records this user may not see.
pub fn overview(conn: &Connection, session: &Session) -> Result<OfficeOverview> {
    session.require(Action::ViewOffice)?;
    let office = summary(conn)?
        .ok_or_else(|| crate::Error::new(crate::ErrorCode::NotFound, "error.office.missing"))?;
    let mut departments: Vec<DepartmentView> = conn
        .prepare(
            "SELECT id, code, name_th, name_en FROM department WHERE deleted_at IS NULL \
             ORDER BY sort_order, name_th",
        )?
        .query_map([], |r| {
            Ok(DepartmentView {
                id: r.get(0)?,
                code: r.get(1)?,
                name_th: r.get(2)?,
                name_en: r.get(3)?,
                services: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut services = conn.prepare(
        "SELECT id, code, name_th, name_en, ticket_prefix, expected_minutes, documents_th FROM service \
         WHERE department_id = ?1 AND deleted_at IS NULL ORDER BY sort_order, code",
    )?;
    for dept in &mut departments {
        dept.services = services
            .query_map([&dept.id], |r| {
                let docs: String = r.get(6)?;
                Ok(ServiceView {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    name_th: r.get(2)?,
                    name_en: r.get(3)?,
                    ticket_prefix: r.get(4)?,
                    expected_minutes: r.get(5)?,
                    documents: serde_json::from_str(&docs).unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    let mut counters: Vec<CounterView> = conn
        .prepare("SELECT id, number, name, location FROM counter WHERE deleted_at IS NULL ORDER BY number")?
        .query_map([], |r| {
            Ok(CounterView {
                id: r.get(0)?,
                number: r.get(1)?,
                name: r.get(2)?,
                location: r.get(3)?,
                service_ids: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut links = conn.prepare(
        "SELECT cs.service_id FROM counter_service cs JOIN service s ON s.id = cs.service_id \
         WHERE cs.counter_id = ?1 AND cs.deleted_at IS NULL ORDER BY s.sort_order, s.code",
    )?;
    for counter in &mut counters {
        counter.service_ids =
            links.query_map([&counter.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    }
    let count = |table: &str| -> Result<u32> {
        let sql = format!("SELECT count(*) FROM {table} WHERE deleted_at IS NULL");
        Ok(conn.query_row(&sql, [], |r| r.get(0))?)
    };
    Ok(OfficeOverview {
        office,
        departments,
        counters,
        users: auth::users_list(conn)?,
        citizen_count: crate::citizen::visible_count(conn, session)?,
        parcel_count: count("parcel")?,
    })
}

#[cfg(test)]
mod tests;
