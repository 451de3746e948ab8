//! The property register (ทะเบียนทรัพย์สิน) of the land and building tax: taxpayers (individual or juristic),
//! their parcels, buildings and condominium units, co-owners, and the use of each property per tax year.
//!
//! - Every save goes through the [`crate::db::Writer`] after its checks: bad input is refused with a Thai
//!   message and changes nothing. Finance staff and supervisors (`Action::UseTax`).
//! - [`search()`] finds taxpayers by name, ID, deed, land, house or unit number or any Thai substring
//!   (`taxpayer_fts`, trigram; kept in step by triggers in `schema.sql`), IDs masked.
//! - [`record`] is one taxpayer with everything on record.
//! - [`assess_input`] is the bridge to the engine: the taxpayer's uses of one year grouped into parts, one per
//!   tax unit and use; [`taxpayers_for_year`] lists whom a batch of notices is for.
//! - [`import_csv`] loads a register from the CSV layout of `docs/tax-register-csv.md` (template:
//!   [`TEMPLATE_CSV`]): every line checked first, all or nothing.
//!
//! See `docs/dev/tax.md` (the register).

mod bridge;
mod check;
mod csv;
pub(crate) mod demo;
mod search;
mod view;

#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::{Action, Session};
use crate::db::{Db, Entity, Writer};
use crate::error::{Error, ErrorCode, Result};
use crate::money::Satang;
use crate::tax::engine::{OwnerKind, Qty, Structure, Use};

pub use bridge::{assess_input, taxpayers_for_year};
pub use check::use_str;
pub use csv::{
    ImportErrorView, ImportLineError, ImportReport, ImportView, TEMPLATE_CSV, import_csv,
};
pub use demo::synthetic;
pub use search::{SEARCH_LIMIT, TaxpayerHit, rebuild_search, search};
pub use view::{
    BuildingView, CoOwnedView, CoOwnerView, CondoUnitView, ParcelView, TaxpayerRecord,
    TaxpayerView, UseView, record,
};

use check::Problems;

/// The Treasury's current appraisal round, used when a form or a CSV line leaves it empty.
pub const DEFAULT_ROUND: &str = "2566-2569";

/// Which kind of property a use or a co-owner belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PropertyKind {
    /// Land (`parcel`).
    Parcel,
    /// A building (`building`).
    Building,
    /// A condominium unit (`condo_unit`).
    CondoUnit,
}

impl PropertyKind {
    fn entity(self) -> Entity {
        match self {
            PropertyKind::Parcel => Entity::Parcel,
            PropertyKind::Building => Entity::Building,
            PropertyKind::CondoUnit => Entity::CondoUnit,
        }
    }

    /// The column of `property_use` and `co_owner` that points at this kind.
    fn column(self) -> &'static str {
        match self {
            PropertyKind::Parcel => "parcel_id",
            PropertyKind::Building => "building_id",
            PropertyKind::CondoUnit => "condo_unit_id",
        }
    }

    fn field(self) -> &'static str {
        match self {
            PropertyKind::Parcel => "field.tax.parcel",
            PropertyKind::Building => "field.tax.building",
            PropertyKind::CondoUnit => "field.tax.condo_unit",
        }
    }
}

/// A taxpayer as the form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaxpayerForm {
    /// The taxpayer to change; `None` adds one.
    pub id: Option<String>,
    /// Individual or juristic.
    pub kind: OwnerKind,
    /// The 13-digit citizen ID or juristic tax ID (dashes allowed), `""` if not known. `None` keeps the one on
    /// record (the record shows it masked).
    pub id_no: Option<String>,
    /// นาย, นาง, บริษัท…
    pub title: String,
    /// First name, or the juristic person's whole name.
    pub name: String,
    /// Last name (empty for a juristic person).
    pub last_name: String,
    /// Postal address.
    pub address: String,
    /// Phone, `""` for none; `None` keeps the one on record (shown masked).
    pub phone: Option<String>,
    /// The same person in the citizen register, if linked.
    pub citizen_id: Option<String>,
}

/// A parcel (land) as the form edits it. Numbers are text, as typed: core checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ParcelForm {
    /// The parcel to change; `None` adds one.
    pub id: Option<String>,
    /// The owner on 1 January.
    pub taxpayer_id: String,
    /// โฉนดที่ดิน, น.ส.3ก, …
    pub deed_type: String,
    /// The deed number.
    pub deed_no: String,
    /// เลขที่ดิน.
    pub land_no: String,
    /// หมู่ / ตำบล.
    pub location: String,
    /// Contiguous parcels of one owner share a key and are valued together (s.42); empty = on its own.
    pub tax_unit: String,
    /// ไร่ (whole).
    pub rai: String,
    /// งาน, 0–3.
    pub ngan: String,
    /// ตารางวา, 0 to under 100, decimals allowed.
    pub sq_wah: String,
    /// Treasury appraisal, baht per square wah.
    pub price_per_sq_wah: String,
    /// The Treasury's appraisal round (`2566-2569`); empty = [`DEFAULT_ROUND`].
    pub appraisal_round: String,
}

/// A building as the form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BuildingForm {
    /// The building to change; `None` adds one.
    pub id: Option<String>,
    /// Its owner.
    pub taxpayer_id: String,
    /// The parcel it stands on (its owner may be someone else), if on the register.
    pub parcel_id: Option<String>,
    /// บ้านเลขที่.
    pub house_no: String,
    /// The Treasury price list's type (บ้านเดี่ยว, ตึกแถว…).
    pub building_type: String,
    /// `masonry`, `half_wood` or `wood`.
    pub structure: String,
    /// Number of floors.
    pub floors: String,
    /// Total floor area, m².
    pub area_m2: String,
    /// Year built, B.E.
    pub year_built: String,
    /// Treasury price per m², baht.
    pub price_per_m2: String,
    /// Appraisal round; empty = [`DEFAULT_ROUND`].
    pub appraisal_round: String,
}

/// A condominium unit as the form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CondoUnitForm {
    /// The unit to change; `None` adds one.
    pub id: Option<String>,
    /// Its owner.
    pub taxpayer_id: String,
    /// The condominium's name.
    pub condo_name: String,
    /// ทะเบียนอาคารชุด.
    pub condo_reg_no: String,
    /// Unit number.
    pub unit_no: String,
    /// Floor.
    pub floor: String,
    /// Unit area, m².
    pub area_m2: String,
    /// Appraisal per m², baht.
    pub price_per_m2: String,
    /// Appraisal round; empty = [`DEFAULT_ROUND`].
    pub appraisal_round: String,
}

/// The use of (a share of) a property in one tax year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UseForm {
    /// The use row to change; `None` adds one (or changes the row of the same property, year and use).
    pub id: Option<String>,
    /// Parcel, building or condo unit.
    pub property_kind: PropertyKind,
    /// Its id.
    pub property_id: String,
    /// Tax year, B.E.
    pub tax_year: i32,
    /// `agricultural`, `residential_home`, `residential_house_only`, `residential_other`, `other`, `vacant`.
    #[serde(rename = "use")]
    #[ts(rename = "use")]
    pub use_: String,
    /// Percent of the land area or floor area in this use (`100` if empty).
    pub share_percent: String,
    /// Vacant only: the first year (B.E.) of the current vacancy; empty = worked out from the register's
    /// vacant rows of the years before (this tax year when the year before was not vacant).
    pub vacant_since: String,
}

// ---- checked values ----

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TaxpayerClean {
    kind: OwnerKind,
    /// `None`: keep the one on record.
    id_no: Option<Option<String>>,
    title: String,
    name: String,
    last_name: String,
    address: String,
    phone: Option<Option<String>>,
    citizen_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParcelClean {
    deed_type: String,
    deed_no: String,
    land_no: String,
    location: String,
    tax_unit: String,
    rai: i64,
    ngan: i64,
    sq_wah: Qty,
    price: Satang,
    round: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BuildingClean {
    house_no: String,
    building_type: String,
    structure: Structure,
    floors: i64,
    area_m2: Qty,
    year_built: i64,
    price: Satang,
    round: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CondoClean {
    condo_name: String,
    condo_reg_no: String,
    unit_no: String,
    floor: String,
    area_m2: Qty,
    price: Satang,
    round: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UseClean {
    tax_year: i32,
    use_: Use,
    share: Qty,
    vacant_since: Option<i32>,
}

fn round_or_default(value: &str) -> String {
    let v = value.trim();
    if v.is_empty() { DEFAULT_ROUND.to_owned() } else { v.to_owned() }
}

pub(crate) fn check_taxpayer(f: &TaxpayerForm, p: &mut Problems) -> Option<TaxpayerClean> {
    let id_no = match &f.id_no {
        None => Some(None),
        Some(v) => p.keep(check::id_no(v, f.kind)).map(Some),
    };
    let phone = match &f.phone {
        None => Some(None),
        Some(v) => p.keep(check::phone(v)).map(Some),
    };
    let name = p.keep(check::required(&f.name, "field.tax.name"));
    Some(TaxpayerClean {
        kind: f.kind,
        id_no: id_no?,
        title: f.title.trim().to_owned(),
        name: name?,
        last_name: f.last_name.trim().to_owned(),
        address: f.address.trim().to_owned(),
        phone: phone?,
        citizen_id: f.citizen_id.clone().filter(|c| !c.trim().is_empty()),
    })
}

pub(crate) fn check_parcel(f: &ParcelForm, p: &mut Problems) -> Option<ParcelClean> {
    let deed_type = p.keep(check::required(&f.deed_type, "field.tax.deed_type"));
    let deed_no = p.keep(check::required(&f.deed_no, "field.tax.deed_no"));
    let location = p.keep(check::required(&f.location, "field.tax.location"));
    let rai =
        p.keep(check::whole(if f.rai.trim().is_empty() { "0" } else { &f.rai }, "field.tax.rai"));
    let ngan = p.keep(
        check::whole(if f.ngan.trim().is_empty() { "0" } else { &f.ngan }, "field.tax.ngan")
            .and_then(|n| {
                if n > 3 {
                    Err(Error::validation("error.tax.register.ngan").arg("input", n.to_string()))
                } else {
                    Ok(n)
                }
            }),
    );
    let sq_wah = p.keep(check::decimal(&f.sq_wah, "field.tax.sq_wah", true).and_then(|q| {
        if q >= Qty::whole(100) {
            Err(Error::validation("error.tax.register.sq_wah").arg("input", q.to_string()))
        } else {
            Ok(q)
        }
    }));
    let price = p.keep(check::amount(&f.price_per_sq_wah, "field.tax.price_per_sq_wah"));
    if let (Some(r), Some(n), Some(w)) = (rai, ngan, sq_wah)
        && r == 0
        && n == 0
        && w.0 == 0
    {
        p.push(Error::validation("error.tax.register.area_zero"));
    }
    Some(ParcelClean {
        deed_type: deed_type?,
        deed_no: deed_no?,
        land_no: f.land_no.trim().to_owned(),
        location: location?,
        tax_unit: f.tax_unit.trim().to_owned(),
        rai: rai?,
        ngan: ngan?,
        sq_wah: sq_wah?,
        price: price?,
        round: round_or_default(&f.appraisal_round),
    })
}

pub(crate) fn check_building(
    f: &BuildingForm,
    now_be: i32,
    p: &mut Problems,
) -> Option<BuildingClean> {
    let building_type = p.keep(check::required(&f.building_type, "field.tax.building_type"));
    let structure = p.keep(check::structure(&f.structure));
    let floors = p.keep(
        check::whole(if f.floors.trim().is_empty() { "1" } else { &f.floors }, "field.tax.floors")
            .and_then(|n| {
                if (1..=200).contains(&n) {
                    Ok(n)
                } else {
                    Err(Error::validation("error.tax.register.floors").arg("input", n.to_string()))
                }
            }),
    );
    let area = p.keep(positive(&f.area_m2, "field.tax.area_m2"));
    let year = p.keep(check::whole(&f.year_built, "field.tax.year_built").and_then(|y| {
        if (2400..=i64::from(now_be)).contains(&y) {
            Ok(y)
        } else {
            Err(Error::validation("error.tax.register.year_built")
                .arg("input", y.to_string())
                .arg("max", now_be.to_string()))
        }
    }));
    let price = p.keep(check::amount(&f.price_per_m2, "field.tax.price_per_m2"));
    Some(BuildingClean {
        house_no: f.house_no.trim().to_owned(),
        building_type: building_type?,
        structure: structure?,
        floors: floors?,
        area_m2: area?,
        year_built: year?,
        price: price?,
        round: round_or_default(&f.appraisal_round),
    })
}

pub(crate) fn check_condo(f: &CondoUnitForm, p: &mut Problems) -> Option<CondoClean> {
    let condo_name = p.keep(check::required(&f.condo_name, "field.tax.condo_name"));
    let unit_no = p.keep(check::required(&f.unit_no, "field.tax.unit_no"));
    let area = p.keep(positive(&f.area_m2, "field.tax.area_m2"));
    let price = p.keep(check::amount(&f.price_per_m2, "field.tax.price_per_m2"));
    Some(CondoClean {
        condo_name: condo_name?,
        condo_reg_no: f.condo_reg_no.trim().to_owned(),
        unit_no: unit_no?,
        floor: f.floor.trim().to_owned(),
        area_m2: area?,
        price: price?,
        round: round_or_default(&f.appraisal_round),
    })
}

fn positive(value: &str, field: &'static str) -> Result<Qty> {
    let q = check::decimal(value, field, false)?;
    if q.0 == 0 {
        return Err(Error::validation("error.tax.register.area_zero"));
    }
    Ok(q)
}

/// Checks a use on its own (the property's kind and owner are checked against the database separately).
pub(crate) fn check_use(
    tax_year: i64,
    use_text: &str,
    share: &str,
    vacant_since: &str,
    now_be: i32,
    p: &mut Problems,
) -> Option<UseClean> {
    let year = p.keep(check::tax_year(tax_year, now_be));
    let use_ = p.keep(check::parse_use(use_text));
    let share = p.keep(
        check::decimal(
            if share.trim().is_empty() { "100" } else { share },
            "field.tax.share_percent",
            false,
        )
        .and_then(|q| {
            if q.0 == 0 || q > Qty::whole(100) {
                Err(Error::validation("error.tax.register.share").arg("input", q.to_string()))
            } else {
                Ok(q)
            }
        }),
    );
    let since_text = vacant_since.trim();
    let mut since = None;
    if !since_text.is_empty() {
        if use_.is_some_and(|u| u != Use::Vacant) {
            p.push(Error::validation("error.tax.register.vacant_since_not_vacant"));
        } else {
            let max = year.unwrap_or(i32::try_from(tax_year).unwrap_or(2563));
            match since_text.parse::<i32>() {
                Ok(y) if (2400..=max).contains(&y) => since = Some(y),
                _ => p.push(
                    Error::validation("error.tax.register.vacant_since")
                        .arg("input", since_text)
                        .arg("year", max.to_string()),
                ),
            }
        }
    }
    let (year, use_, share) = (year?, use_?, share?);
    // Left empty, the first year of the vacancy is worked out from the register's earlier years when the
    // notice is assessed (`bridge::vacancy_start`), so it follows the history as rows are added.
    let vacant_since = if use_ == Use::Vacant { since } else { None };
    Some(UseClean { tax_year: year, use_, share, vacant_since })
}

/// The use rules that need the property: a juristic owner has no home exemption; "house only" is for
/// buildings; a condo unit is not farmland.
pub(crate) fn check_use_fits(kind: PropertyKind, owner: OwnerKind, use_: Use, p: &mut Problems) {
    if owner == OwnerKind::Juristic
        && matches!(use_, Use::ResidentialHome | Use::ResidentialHouseOnly)
    {
        p.push(
            Error::validation("error.tax.register.juristic_home").arg_key("use", use_label(use_)),
        );
    }
    if use_ == Use::ResidentialHouseOnly && kind != PropertyKind::Building {
        p.push(Error::validation("error.tax.register.house_only"));
    }
    if use_ == Use::Agricultural && kind == PropertyKind::CondoUnit {
        p.push(Error::validation("error.tax.register.condo_farm"));
    }
}

/// The message key of a use's Thai label (เกษตรกรรม…).
pub fn use_label(u: Use) -> &'static str {
    match u {
        Use::Agricultural => "tax.use.agricultural",
        Use::ResidentialHome => "tax.use.residential_home",
        Use::ResidentialHouseOnly => "tax.use.residential_house_only",
        Use::ResidentialOther => "tax.use.residential_other",
        Use::Other => "tax.use.other",
        Use::Vacant => "tax.use.vacant",
    }
}

// ---- rows ----

fn taxpayer_fields(c: &TaxpayerClean) -> Vec<(&'static str, Value)> {
    let mut f: Vec<(&'static str, Value)> = vec![
        ("kind", check::kind_str(c.kind).to_owned().into()),
        ("title", c.title.clone().into()),
        ("name", c.name.clone().into()),
        ("last_name", c.last_name.clone().into()),
        ("address", c.address.clone().into()),
        ("citizen_id", c.citizen_id.clone().into()),
    ];
    if let Some(id_no) = &c.id_no {
        f.push(("id_no", id_no.clone().into()));
    }
    if let Some(phone) = &c.phone {
        f.push(("phone", phone.clone().into()));
    }
    f
}

fn parcel_fields(taxpayer: &str, c: &ParcelClean) -> Vec<(&'static str, Value)> {
    vec![
        ("taxpayer_id", taxpayer.to_owned().into()),
        ("deed_type", c.deed_type.clone().into()),
        ("deed_no", c.deed_no.clone().into()),
        ("land_no", c.land_no.clone().into()),
        ("location", c.location.clone().into()),
        ("tax_unit", c.tax_unit.clone().into()),
        ("area_rai", c.rai.into()),
        ("area_ngan", c.ngan.into()),
        ("area_sq_wah", c.sq_wah.to_string().into()),
        ("price_per_sq_wah_satang", c.price.0.into()),
        ("appraisal_round", c.round.clone().into()),
    ]
}

fn building_fields(
    taxpayer: &str,
    parcel: Option<&str>,
    c: &BuildingClean,
) -> Vec<(&'static str, Value)> {
    vec![
        ("taxpayer_id", taxpayer.to_owned().into()),
        ("parcel_id", parcel.map(str::to_owned).into()),
        ("house_no", c.house_no.clone().into()),
        ("building_type", c.building_type.clone().into()),
        ("structure", check::structure_str(c.structure).to_owned().into()),
        ("floors", c.floors.into()),
        ("area_m2", c.area_m2.to_string().into()),
        ("year_built", c.year_built.into()),
        ("price_per_m2_satang", c.price.0.into()),
        ("appraisal_round", c.round.clone().into()),
    ]
}

fn condo_fields(taxpayer: &str, c: &CondoClean) -> Vec<(&'static str, Value)> {
    vec![
        ("taxpayer_id", taxpayer.to_owned().into()),
        ("condo_name", c.condo_name.clone().into()),
        ("condo_reg_no", c.condo_reg_no.clone().into()),
        ("unit_no", c.unit_no.clone().into()),
        ("floor", c.floor.clone().into()),
        ("area_m2", c.area_m2.to_string().into()),
        ("price_per_m2_satang", c.price.0.into()),
        ("appraisal_round", c.round.clone().into()),
    ]
}

fn use_fields(c: &UseClean) -> Vec<(&'static str, Value)> {
    vec![
        ("share_percent", c.share.to_string().into()),
        ("vacant_since", c.vacant_since.map(i64::from).into()),
    ]
}

/// Inserts or updates a row, returning its id.
fn upsert(
    w: &mut Writer<'_>,
    entity: Entity,
    id: Option<&str>,
    fields: &[(&str, Value)],
) -> Result<String> {
    match id {
        Some(id) => {
            w.update(entity, id, fields)?;
            Ok(id.to_owned())
        }
        None => w.insert(entity, fields),
    }
}

/// Writes a use of `property` (kind, id): changes the live row of the same property, year and use if there
/// is one, else adds a row.
fn write_use(
    w: &mut Writer<'_>,
    id: Option<&str>,
    kind: PropertyKind,
    property: &str,
    c: &UseClean,
) -> Result<String> {
    let existing = match id {
        Some(id) => Some(id.to_owned()),
        None => same_use(w.conn(), kind, property, c.tax_year, c.use_)?,
    };
    match existing {
        Some(id) => {
            let mut f = use_fields(c);
            f.push(("use", use_str(c.use_).to_owned().into()));
            f.push(("tax_year", i64::from(c.tax_year).into()));
            w.update(Entity::PropertyUse, &id, &f)?;
            Ok(id)
        }
        None => {
            let mut f = use_fields(c);
            f.push(("use", use_str(c.use_).to_owned().into()));
            f.push(("tax_year", i64::from(c.tax_year).into()));
            f.push((kind.column(), property.to_owned().into()));
            w.insert(Entity::PropertyUse, &f)
        }
    }
}

fn same_use(
    conn: &Connection,
    kind: PropertyKind,
    property: &str,
    year: i32,
    use_: Use,
) -> Result<Option<String>> {
    let sql = format!(
        "SELECT id FROM property_use WHERE {} = ?1 AND tax_year = ?2 AND use = ?3 AND deleted_at IS NULL",
        kind.column()
    );
    Ok(conn.query_row(&sql, (property, year, use_str(use_)), |r| r.get(0)).optional()?)
}

// ---- database checks ----

/// A live taxpayer's kind, or not found.
fn taxpayer_kind(conn: &Connection, id: &str) -> Result<OwnerKind> {
    let kind: Option<String> = conn
        .query_row("SELECT kind FROM taxpayer WHERE id = ?1 AND deleted_at IS NULL", [id], |r| {
            r.get(0)
        })
        .optional()?;
    kind.map(|k| check::owner_kind(&k))
        .transpose()?
        .ok_or_else(|| check::not_found("field.tax.taxpayer"))
}

/// The display name of a taxpayer row.
pub(crate) fn full_name(title: &str, name: &str, last_name: &str) -> String {
    if last_name.is_empty() {
        format!("{title}{name}")
    } else {
        format!("{title}{name} {last_name}")
    }
}

fn taxpayer_name(conn: &Connection, id: &str) -> Result<String> {
    Ok(conn.query_row("SELECT title, name, last_name FROM taxpayer WHERE id = ?1", [id], |r| {
        Ok(full_name(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?, &r.get::<_, String>(2)?))
    })?)
}

/// Refuses an ID another live taxpayer has.
fn id_no_free(conn: &Connection, id_no: &str, except: Option<&str>) -> Result<()> {
    let other: Option<String> = conn
        .query_row(
            "SELECT id FROM taxpayer WHERE id_no = ?1 AND deleted_at IS NULL AND id IS NOT ?2",
            (id_no, except),
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = other {
        return Err(Error::new(ErrorCode::Conflict, "error.tax.register.id_taken")
            .arg("id", id_no.to_owned())
            .arg("name", taxpayer_name(conn, &other)?));
    }
    Ok(())
}

/// Refuses a deed already on the register as another parcel.
fn deed_free(conn: &Connection, c: &ParcelClean, except: Option<&str>) -> Result<()> {
    let other: Option<String> = conn
        .query_row(
            "SELECT taxpayer_id FROM parcel WHERE deed_type = ?1 AND deed_no = ?2 AND deleted_at IS NULL \
             AND id IS NOT ?3",
            (&c.deed_type, &c.deed_no, except),
            |r| r.get(0),
        )
        .optional()?;
    if let Some(owner) = other {
        return Err(Error::new(ErrorCode::Conflict, "error.tax.register.deed_taken")
            .arg("deed_type", c.deed_type.clone())
            .arg("deed_no", c.deed_no.clone())
            .arg("name", taxpayer_name(conn, &owner)?));
    }
    Ok(())
}

fn live(conn: &Connection, kind: PropertyKind, id: &str) -> Result<()> {
    let sql = format!(
        "SELECT count(*) FROM {} WHERE id = ?1 AND deleted_at IS NULL",
        kind.entity().table()
    );
    let n: i64 = conn.query_row(&sql, [id], |r| r.get(0))?;
    if n == 0 {
        return Err(check::not_found(kind.field()));
    }
    Ok(())
}

/// The owner of a live property.
fn property_owner(conn: &Connection, kind: PropertyKind, id: &str) -> Result<String> {
    let sql = format!(
        "SELECT taxpayer_id FROM {} WHERE id = ?1 AND deleted_at IS NULL",
        kind.entity().table()
    );
    conn.query_row(&sql, [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| check::not_found(kind.field()))
}

/// The shares of a property's other live uses in a year, in ten-thousandths of a percent.
fn other_shares(
    conn: &Connection,
    kind: PropertyKind,
    property: &str,
    year: i32,
    except: Option<&str>,
    except_use: Use,
) -> Result<Qty> {
    let sql = format!(
        "SELECT share_percent FROM property_use WHERE {} = ?1 AND tax_year = ?2 AND deleted_at IS NULL \
         AND id IS NOT ?3 AND use <> ?4",
        kind.column()
    );
    let mut stmt = conn.prepare(&sql)?;
    let shares: Vec<String> = stmt
        .query_map((property, year, except, use_str(except_use)), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Qty(shares.iter().filter_map(|s| Qty::parse(s).ok()).map(|q| q.0).sum()))
}

fn share_total_error(property_label: String, year: i32, total: Qty) -> Error {
    Error::validation("error.tax.register.share_total")
        .arg("property", property_label)
        .arg("year", year.to_string())
        .arg("total", total.to_string())
}

// ---- saves ----

/// Adds or changes a taxpayer. Returns its id.
pub fn save_taxpayer(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    form: &TaxpayerForm,
) -> Result<String> {
    session.require(Action::UseTax)?;
    let mut p = Problems::default();
    let clean = check_taxpayer(form, &mut p);
    p.first()?;
    let Some(clean) = clean else { return Err(Error::validation("error.tax.register.invalid")) };
    let conn = db.conn();
    if let Some(id) = &form.id {
        taxpayer_kind(conn, id)?;
    }
    if let Some(Some(id_no)) = &clean.id_no {
        id_no_free(conn, id_no, form.id.as_deref())?;
    }
    if let Some(c) = &clean.citizen_id {
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM citizen WHERE id = ?1 AND deleted_at IS NULL",
            [c],
            |r| r.get(0),
        )?;
        if n == 0 {
            return Err(check::not_found("field.tax.citizen"));
        }
    }
    let fields = taxpayer_fields(&clean);
    db.write(&session.actor(), now, |w| upsert(w, Entity::Taxpayer, form.id.as_deref(), &fields))
}

/// Adds or changes a parcel. Returns its id.
pub fn save_parcel(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    form: &ParcelForm,
) -> Result<String> {
    session.require(Action::UseTax)?;
    let mut p = Problems::default();
    let clean = check_parcel(form, &mut p);
    p.first()?;
    let Some(clean) = clean else { return Err(Error::validation("error.tax.register.invalid")) };
    taxpayer_kind(db.conn(), &form.taxpayer_id)?;
    if let Some(id) = &form.id {
        live(db.conn(), PropertyKind::Parcel, id)?;
    }
    deed_free(db.conn(), &clean, form.id.as_deref())?;
    let fields = parcel_fields(&form.taxpayer_id, &clean);
    db.write(&session.actor(), now, |w| upsert(w, Entity::Parcel, form.id.as_deref(), &fields))
}

/// Adds or changes a building. Returns its id.
pub fn save_building(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    form: &BuildingForm,
) -> Result<String> {
    session.require(Action::UseTax)?;
    let mut p = Problems::default();
    let clean = check_building(form, check::be_year_of(now), &mut p);
    p.first()?;
    let Some(clean) = clean else { return Err(Error::validation("error.tax.register.invalid")) };
    taxpayer_kind(db.conn(), &form.taxpayer_id)?;
    if let Some(id) = &form.id {
        live(db.conn(), PropertyKind::Building, id)?;
    }
    let parcel = form.parcel_id.as_deref().filter(|p| !p.trim().is_empty());
    if let Some(parcel) = parcel {
        live(db.conn(), PropertyKind::Parcel, parcel)?;
    }
    let fields = building_fields(&form.taxpayer_id, parcel, &clean);
    db.write(&session.actor(), now, |w| upsert(w, Entity::Building, form.id.as_deref(), &fields))
}

/// Adds or changes a condominium unit. Returns its id.
pub fn save_condo_unit(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    form: &CondoUnitForm,
) -> Result<String> {
    session.require(Action::UseTax)?;
    let mut p = Problems::default();
    let clean = check_condo(form, &mut p);
    p.first()?;
    let Some(clean) = clean else { return Err(Error::validation("error.tax.register.invalid")) };
    taxpayer_kind(db.conn(), &form.taxpayer_id)?;
    if let Some(id) = &form.id {
        live(db.conn(), PropertyKind::CondoUnit, id)?;
    }
    let fields = condo_fields(&form.taxpayer_id, &clean);
    db.write(&session.actor(), now, |w| upsert(w, Entity::CondoUnit, form.id.as_deref(), &fields))
}

/// Adds or changes the use of a property in a tax year. Returns the use row's id.
pub fn save_use(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    form: &UseForm,
) -> Result<String> {
    session.require(Action::UseTax)?;
    let mut p = Problems::default();
    let clean = check_use(
        i64::from(form.tax_year),
        &form.use_,
        &form.share_percent,
        &form.vacant_since,
        check::be_year_of(now),
        &mut p,
    );
    p.first()?;
    let Some(clean) = clean else { return Err(Error::validation("error.tax.register.invalid")) };
    let conn = db.conn();
    let owner = property_owner(conn, form.property_kind, &form.property_id)?;
    let mut p = Problems::default();
    check_use_fits(form.property_kind, taxpayer_kind(conn, &owner)?, clean.use_, &mut p);
    p.first()?;
    if let Some(id) = &form.id {
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM property_use WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )?;
        if n == 0 {
            return Err(check::not_found("field.tax.use"));
        }
    }
    let others = other_shares(
        conn,
        form.property_kind,
        &form.property_id,
        clean.tax_year,
        form.id.as_deref(),
        clean.use_,
    )?;
    let total = Qty(others.0 + clean.share.0);
    if total > Qty::whole(100) {
        return Err(share_total_error(
            view::property_label(conn, form.property_kind, &form.property_id)?,
            clean.tax_year,
            total,
        ));
    }
    db.write(&session.actor(), now, |w| {
        write_use(w, form.id.as_deref(), form.property_kind, &form.property_id, &clean)
    })
}

/// Removes a use row.
pub fn delete_use(db: &mut Db, session: &Session, now: DateTime<Utc>, id: &str) -> Result<()> {
    session.require(Action::UseTax)?;
    db.write(&session.actor(), now, |w| w.delete(Entity::PropertyUse, id)).map_err(|e| {
        if e.code() == ErrorCode::NotFound { check::not_found("field.tax.use") } else { e }
    })
}

/// Removes a property from the register with its uses and co-owners (all tombstoned, so they sync).
pub fn delete_property(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    kind: PropertyKind,
    id: &str,
) -> Result<()> {
    session.require(Action::UseTax)?;
    live(db.conn(), kind, id)?;
    let dependents = |table: &str| -> Result<Vec<String>> {
        let sql =
            format!("SELECT id FROM {table} WHERE {} = ?1 AND deleted_at IS NULL", kind.column());
        let mut stmt = db.conn().prepare(&sql)?;
        let ids = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    };
    if kind == PropertyKind::Parcel {
        // A building keeps pointing at its land: it is moved or removed first, not left on a deleted parcel.
        let buildings: i64 = db.conn().query_row(
            "SELECT count(*) FROM building WHERE parcel_id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )?;
        if buildings > 0 {
            return Err(Error::new(ErrorCode::Conflict, "error.tax.register.parcel_has_buildings")
                .arg("count", buildings.to_string()));
        }
    }
    let uses = dependents("property_use")?;
    let owners = dependents("co_owner")?;
    db.write(&session.actor(), now, |w| {
        for u in &uses {
            w.delete(Entity::PropertyUse, u)?;
        }
        for o in &owners {
            w.delete(Entity::CoOwner, o)?;
        }
        w.delete(kind.entity(), id)
    })
}

/// Removes a taxpayer who owns nothing on the register any more.
pub fn delete_taxpayer(db: &mut Db, session: &Session, now: DateTime<Utc>, id: &str) -> Result<()> {
    session.require(Action::UseTax)?;
    taxpayer_kind(db.conn(), id)?;
    let count: i64 = db.conn().query_row(
        "SELECT (SELECT count(*) FROM parcel WHERE taxpayer_id = ?1 AND deleted_at IS NULL) \
         + (SELECT count(*) FROM building WHERE taxpayer_id = ?1 AND deleted_at IS NULL) \
         + (SELECT count(*) FROM condo_unit WHERE taxpayer_id = ?1 AND deleted_at IS NULL)",
        [id],
        |r| r.get(0),
    )?;
    if count > 0 {
        return Err(Error::new(ErrorCode::Conflict, "error.tax.register.has_property")
            .arg("count", count.to_string()));
    }
    // Notices and receipts are the office's records of what was assessed and paid: their taxpayer stays.
    let notices: i64 = db.conn().query_row(
        "SELECT count(*) FROM tax_notice WHERE taxpayer_id = ?1 AND deleted_at IS NULL",
        [id],
        |r| r.get(0),
    )?;
    if notices > 0 {
        return Err(Error::new(ErrorCode::Conflict, "error.tax.register.has_notices")
            .arg("count", notices.to_string()));
    }
    let co: Vec<String> = db
        .conn()
        .prepare("SELECT id FROM co_owner WHERE taxpayer_id = ?1 AND deleted_at IS NULL")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    db.write(&session.actor(), now, |w| {
        for c in &co {
            w.delete(Entity::CoOwner, c)?;
        }
        w.delete(Entity::Taxpayer, id)
    })
}

/// Names `taxpayer_id` a co-owner of a property (s.47: any co-owner may pay). Returns the co-owner row's id;
/// naming the same person twice changes nothing.
pub fn add_co_owner(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    kind: PropertyKind,
    property_id: &str,
    taxpayer_id: &str,
) -> Result<String> {
    session.require(Action::UseTax)?;
    let owner = property_owner(db.conn(), kind, property_id)?;
    taxpayer_kind(db.conn(), taxpayer_id)?;
    if owner == taxpayer_id {
        return Err(Error::validation("error.tax.register.co_owner_self"));
    }
    db.write(&session.actor(), now, |w| write_co_owner(w, kind, property_id, taxpayer_id))
}

fn write_co_owner(
    w: &mut Writer<'_>,
    kind: PropertyKind,
    property_id: &str,
    taxpayer_id: &str,
) -> Result<String> {
    let sql = format!(
        "SELECT id FROM co_owner WHERE {} = ?1 AND taxpayer_id = ?2 AND deleted_at IS NULL",
        kind.column()
    );
    let existing: Option<String> =
        w.conn().query_row(&sql, (property_id, taxpayer_id), |r| r.get(0)).optional()?;
    match existing {
        Some(id) => Ok(id),
        None => w.insert(
            Entity::CoOwner,
            &[
                ("taxpayer_id", taxpayer_id.to_owned().into()),
                (kind.column(), property_id.to_owned().into()),
            ],
        ),
    }
}

/// Removes a co-owner row.
pub fn remove_co_owner(db: &mut Db, session: &Session, now: DateTime<Utc>, id: &str) -> Result<()> {
    session.require(Action::UseTax)?;
    db.write(&session.actor(), now, |w| w.delete(Entity::CoOwner, id))
}
