//! One taxpayer's record: every parcel, building and condo unit with its co-owners and its uses per year,
//! and the properties of others this taxpayer co-owns. The ID and phone are masked, as in lists.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::{PropertyKind, check, full_name};
use crate::Lang;
use crate::auth::{Action, Session};
use crate::error::Result;
use crate::i18n::tr;
use crate::money::Satang;
use crate::privacy::mask_phone;
use crate::tax::engine::{OwnerKind, Qty, Structure, Use};
use crate::thai::ThaiId;

/// A taxpayer as the record shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaxpayerView {
    /// UUIDv7.
    pub id: String,
    /// Individual or juristic.
    pub kind: OwnerKind,
    /// `1-2345-xxxxx-xx-1`, if an ID is on record.
    pub id_no_masked: Option<String>,
    /// Title.
    pub title: String,
    /// Name.
    pub name: String,
    /// Last name.
    pub last_name: String,
    /// Title, name and last name.
    pub full_name: String,
    /// Postal address.
    pub address: String,
    /// `08x-xxx-5678`, if a phone is on record.
    pub phone_masked: Option<String>,
    /// The linked citizen, if any.
    pub citizen_id: Option<String>,
}

/// A use of a property in one tax year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UseView {
    /// The use row's id.
    pub id: String,
    /// Tax year, B.E.
    pub tax_year: i32,
    /// The use.
    #[serde(rename = "use")]
    #[ts(rename = "use")]
    pub use_: Use,
    /// Percent of the property in this use.
    pub share_percent: String,
    /// Vacant: first year of the current vacancy (as stored, or worked out from the vacant rows of the years
    /// before when none was typed).
    pub vacant_since: Option<i32>,
}

/// A co-owner of a property.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CoOwnerView {
    /// The co-owner row's id.
    pub id: String,
    /// The co-owning taxpayer.
    pub taxpayer_id: String,
    /// Their name.
    pub full_name: String,
}

/// A parcel on the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ParcelView {
    /// UUIDv7.
    pub id: String,
    /// Deed type.
    pub deed_type: String,
    /// Deed number.
    pub deed_no: String,
    /// Land number.
    pub land_no: String,
    /// หมู่ / ตำบล.
    pub location: String,
    /// Contiguous-parcel key.
    pub tax_unit: String,
    /// ไร่.
    pub rai: u32,
    /// งาน.
    pub ngan: u32,
    /// ตารางวา.
    pub sq_wah: String,
    /// The whole area in square wah.
    pub area_sq_wah: String,
    /// Treasury price per square wah.
    pub price_per_sq_wah: Satang,
    /// Appraisal round.
    pub appraisal_round: String,
    /// Co-owners.
    pub co_owners: Vec<CoOwnerView>,
    /// Uses, newest year first.
    pub uses: Vec<UseView>,
}

/// A building on the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BuildingView {
    /// UUIDv7.
    pub id: String,
    /// The parcel it stands on.
    pub parcel_id: Option<String>,
    /// That parcel's deed (โฉนดที่ดิน 12345).
    pub parcel_label: Option<String>,
    /// The land's owner when it is someone else (a house on rented land).
    pub land_owner: Option<String>,
    /// House number.
    pub house_no: String,
    /// Type.
    pub building_type: String,
    /// Structure.
    pub structure: Structure,
    /// Floors.
    pub floors: u32,
    /// Floor area, m².
    pub area_m2: String,
    /// Year built, B.E.
    pub year_built: i32,
    /// Price per m².
    pub price_per_m2: Satang,
    /// Appraisal round.
    pub appraisal_round: String,
    /// Co-owners.
    pub co_owners: Vec<CoOwnerView>,
    /// Uses, newest year first.
    pub uses: Vec<UseView>,
}

/// A condominium unit on the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CondoUnitView {
    /// UUIDv7.
    pub id: String,
    /// Condominium.
    pub condo_name: String,
    /// Its registration number.
    pub condo_reg_no: String,
    /// Unit number.
    pub unit_no: String,
    /// Floor.
    pub floor: String,
    /// Area, m².
    pub area_m2: String,
    /// Appraisal per m².
    pub price_per_m2: Satang,
    /// Appraisal round.
    pub appraisal_round: String,
    /// Co-owners.
    pub co_owners: Vec<CoOwnerView>,
    /// Uses, newest year first.
    pub uses: Vec<UseView>,
}

/// A property of someone else that this taxpayer co-owns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CoOwnedView {
    /// Kind of property.
    pub kind: PropertyKind,
    /// Its id.
    pub property_id: String,
    /// What it is (โฉนดที่ดิน 12345, บ้านเลขที่ 9).
    pub label: String,
    /// The owner who gets the notice.
    pub owner_id: String,
    /// Their name.
    pub owner_name: String,
}

/// One taxpayer with everything on the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaxpayerRecord {
    /// The taxpayer.
    pub taxpayer: TaxpayerView,
    /// Parcels.
    pub parcels: Vec<ParcelView>,
    /// Buildings.
    pub buildings: Vec<BuildingView>,
    /// Condo units.
    pub condo_units: Vec<CondoUnitView>,
    /// Others' properties this taxpayer co-owns.
    pub co_owned: Vec<CoOwnedView>,
    /// Tax years with any use on record, newest first.
    pub years: Vec<i32>,
}

fn mask_id(digits: &str) -> String {
    ThaiId::parse(digits).map_or_else(|_| "x".repeat(13), |id| id.masked())
}

/// A property's label as the notice and messages show it.
pub(crate) fn property_label(conn: &Connection, kind: PropertyKind, id: &str) -> Result<String> {
    Ok(match kind {
        PropertyKind::Parcel => conn
            .query_row("SELECT deed_type, deed_no FROM parcel WHERE id = ?1", [id], |r| {
                Ok(parcel_label(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?))
            })
            .optional()?
            .unwrap_or_default(),
        PropertyKind::Building => conn
            .query_row("SELECT house_no, building_type FROM building WHERE id = ?1", [id], |r| {
                Ok(building_label(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?))
            })
            .optional()?
            .unwrap_or_default(),
        PropertyKind::CondoUnit => conn
            .query_row("SELECT condo_name, unit_no FROM condo_unit WHERE id = ?1", [id], |r| {
                Ok(condo_label(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?))
            })
            .optional()?
            .unwrap_or_default(),
    })
}

pub(crate) fn parcel_label(deed_type: &str, deed_no: &str) -> String {
    tr(
        Lang::Th,
        "tax.label.parcel",
        &[("deed_type", deed_type.to_owned()), ("deed_no", deed_no.to_owned())],
    )
}

pub(crate) fn building_label(house_no: &str, building_type: &str) -> String {
    if house_no.is_empty() {
        building_type.to_owned()
    } else {
        tr(Lang::Th, "tax.label.house", &[("house_no", house_no.to_owned())])
    }
}

pub(crate) fn condo_label(condo_name: &str, unit_no: &str) -> String {
    tr(
        Lang::Th,
        "tax.label.condo",
        &[("unit_no", unit_no.to_owned()), ("condo", condo_name.to_owned())],
    )
}

fn uses_of(conn: &Connection, kind: PropertyKind, id: &str) -> Result<Vec<UseView>> {
    let sql = format!(
        "SELECT id, tax_year, use, share_percent, vacant_since FROM property_use \
         WHERE {} = ?1 AND deleted_at IS NULL ORDER BY tax_year DESC, use",
        kind.column()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i32>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<i32>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (row_id, tax_year, use_, share_percent, stored) = row?;
        let use_ = check::parse_use(&use_)?;
        // The year the notice uses: stored, or worked out from the years before.
        let vacant_since = if use_ == Use::Vacant {
            Some(super::bridge::vacancy_start(conn, kind.column(), id, tax_year, stored)?)
        } else {
            None
        };
        out.push(UseView { id: row_id, tax_year, use_, share_percent, vacant_since });
    }
    Ok(out)
}

fn co_owners_of(conn: &Connection, kind: PropertyKind, id: &str) -> Result<Vec<CoOwnerView>> {
    let sql = format!(
        "SELECT c.id, t.id, t.title, t.name, t.last_name FROM co_owner c JOIN taxpayer t ON t.id = c.taxpayer_id \
         WHERE c.{} = ?1 AND c.deleted_at IS NULL ORDER BY t.name, t.last_name",
        kind.column()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([id], |r| {
        Ok(CoOwnerView {
            id: r.get(0)?,
            taxpayer_id: r.get(1)?,
            full_name: full_name(
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
                &r.get::<_, String>(4)?,
            ),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Area in square wah: rai × 400 + ngan × 100 + wah.
pub(crate) fn area_sq_wah(rai: i64, ngan: i64, wah: Qty) -> Qty {
    Qty(i128::from(rai * 400 + ngan * 100) * crate::tax::decimal::SCALE + wah.0)
}

/// One taxpayer's record.
pub fn record(conn: &Connection, session: &Session, taxpayer_id: &str) -> Result<TaxpayerRecord> {
    session.require(Action::UseTax)?;
    let taxpayer = conn
        .query_row(
            "SELECT id, kind, id_no, title, name, last_name, address, phone, citizen_id FROM taxpayer \
             WHERE id = ?1 AND deleted_at IS NULL",
            [taxpayer_id],
            |r| {
                let title: String = r.get(3)?;
                let name: String = r.get(4)?;
                let last_name: String = r.get(5)?;
                Ok((
                    r.get::<_, String>(1)?,
                    TaxpayerView {
                        id: r.get(0)?,
                        kind: OwnerKind::Individual,
                        id_no_masked: r.get::<_, Option<String>>(2)?.as_deref().map(mask_id),
                        full_name: full_name(&title, &name, &last_name),
                        title,
                        name,
                        last_name,
                        address: r.get(6)?,
                        phone_masked: r
                            .get::<_, Option<String>>(7)?
                            .filter(|p| !p.is_empty())
                            .map(|p| mask_phone(&p)),
                        citizen_id: r.get(8)?,
                    },
                ))
            },
        )
        .optional()?;
    let Some((kind, mut taxpayer)) = taxpayer else {
        return Err(check::not_found("field.tax.taxpayer"));
    };
    taxpayer.kind = check::owner_kind(&kind)?;

    let mut parcels = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT id, deed_type, deed_no, land_no, location, tax_unit, area_rai, area_ngan, area_sq_wah, \
             price_per_sq_wah_satang, appraisal_round FROM parcel WHERE taxpayer_id = ?1 AND deleted_at IS NULL \
             ORDER BY tax_unit, deed_no",
        )?;
        let rows = stmt.query_map([taxpayer_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, i64>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, i64>(9)?,
                r.get::<_, String>(10)?,
            ))
        })?;
        for row in rows {
            let (id, deed_type, deed_no, land_no, location, tax_unit, rai, ngan, wah, price, round) =
                row?;
            let area = area_sq_wah(rai, ngan, Qty::parse(&wah).unwrap_or_default());
            parcels.push(ParcelView {
                co_owners: co_owners_of(conn, PropertyKind::Parcel, &id)?,
                uses: uses_of(conn, PropertyKind::Parcel, &id)?,
                id,
                deed_type,
                deed_no,
                land_no,
                location,
                tax_unit,
                rai: u32::try_from(rai).unwrap_or(0),
                ngan: u32::try_from(ngan).unwrap_or(0),
                sq_wah: wah,
                area_sq_wah: area.to_string(),
                price_per_sq_wah: Satang(price),
                appraisal_round: round,
            });
        }
    }

    let mut buildings = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT b.id, b.parcel_id, p.deed_type, p.deed_no, p.taxpayer_id, o.title, o.name, o.last_name, \
             b.house_no, b.building_type, b.structure, b.floors, b.area_m2, b.year_built, b.price_per_m2_satang, \
             b.appraisal_round FROM building b LEFT JOIN parcel p ON p.id = b.parcel_id \
             LEFT JOIN taxpayer o ON o.id = p.taxpayer_id \
             WHERE b.taxpayer_id = ?1 AND b.deleted_at IS NULL ORDER BY b.house_no, b.created_at",
        )?;
        let rows = stmt.query_map([taxpayer_id], |r| {
            let deed: Option<(String, String)> = match (r.get::<_, Option<String>>(2)?, r.get(3)?) {
                (Some(t), Some(n)) => Some((t, n)),
                _ => None,
            };
            let land_owner_id: Option<String> = r.get(4)?;
            let land_owner = match land_owner_id {
                Some(o) if o != taxpayer_id => Some(full_name(
                    &r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                    &r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                    &r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                )),
                _ => None,
            };
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                deed.map(|(t, n)| parcel_label(&t, &n)),
                land_owner,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
                r.get::<_, String>(10)?,
                r.get::<_, i64>(11)?,
                r.get::<_, String>(12)?,
                r.get::<_, i32>(13)?,
                r.get::<_, i64>(14)?,
                r.get::<_, String>(15)?,
            ))
        })?;
        for row in rows {
            let (
                id,
                parcel_id,
                parcel_label,
                land_owner,
                house_no,
                building_type,
                structure,
                floors,
                area,
                year,
                price,
                round,
            ) = row?;
            buildings.push(BuildingView {
                co_owners: co_owners_of(conn, PropertyKind::Building, &id)?,
                uses: uses_of(conn, PropertyKind::Building, &id)?,
                id,
                parcel_id,
                parcel_label,
                land_owner,
                house_no,
                building_type,
                structure: check::structure(&structure)?,
                floors: u32::try_from(floors).unwrap_or(1),
                area_m2: area,
                year_built: year,
                price_per_m2: Satang(price),
                appraisal_round: round,
            });
        }
    }

    let mut condo_units = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT id, condo_name, condo_reg_no, unit_no, floor, area_m2, price_per_m2_satang, appraisal_round \
             FROM condo_unit WHERE taxpayer_id = ?1 AND deleted_at IS NULL ORDER BY condo_name, unit_no",
        )?;
        let rows = stmt.query_map([taxpayer_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?;
        for row in rows {
            let (id, condo_name, condo_reg_no, unit_no, floor, area, price, round) = row?;
            condo_units.push(CondoUnitView {
                co_owners: co_owners_of(conn, PropertyKind::CondoUnit, &id)?,
                uses: uses_of(conn, PropertyKind::CondoUnit, &id)?,
                id,
                condo_name,
                condo_reg_no,
                unit_no,
                floor,
                area_m2: area,
                price_per_m2: Satang(price),
                appraisal_round: round,
            });
        }
    }

    let mut co_owned = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT parcel_id, building_id, condo_unit_id FROM co_owner WHERE taxpayer_id = ?1 \
             AND deleted_at IS NULL ORDER BY created_at",
        )?;
        let rows = stmt.query_map([taxpayer_id], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        for row in rows {
            let (kind, id) = match row? {
                (Some(p), _, _) => (PropertyKind::Parcel, p),
                (_, Some(b), _) => (PropertyKind::Building, b),
                (_, _, Some(c)) => (PropertyKind::CondoUnit, c),
                _ => continue,
            };
            let Ok(owner_id) = super::property_owner(conn, kind, &id) else { continue };
            co_owned.push(CoOwnedView {
                kind,
                label: property_label(conn, kind, &id)?,
                owner_name: super::taxpayer_name(conn, &owner_id)?,
                owner_id,
                property_id: id,
            });
        }
    }

    let mut years: Vec<i32> = parcels
        .iter()
        .flat_map(|p| p.uses.iter())
        .chain(buildings.iter().flat_map(|b| b.uses.iter()))
        .chain(condo_units.iter().flat_map(|c| c.uses.iter()))
        .map(|u| u.tax_year)
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();

    Ok(TaxpayerRecord { taxpayer, parcels, buildings, condo_units, co_owned, years })
}
