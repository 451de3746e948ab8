//! The bridge from the register to the engine: one taxpayer's uses of one tax year as engine parts.
//!
//! A **tax unit** (s.42 para 2, domain note §16.5) is a parcel, or the parcels of the taxpayer sharing a
//! non-empty `tax_unit` key, together with the taxpayer's buildings standing on them. A building on someone
//! else's land (or on no parcel on record) is a unit of its own; so is each condo unit. The parts are one per
//! (tax unit, use), and for vacant use also per first year of vacancy, so that the s.43 escalation follows
//! each vacancy; a vacant row without a stored first year takes it from the register's earlier years
//! ([`vacancy_start`]). Land enters with its area times the use's share (as square wah when the share is not 100 %),
//! buildings with their floor area times the share; a condo unit as its value (area × price per m², rounded
//! to satang) times the share. Only properties with a use row in the year are assessed: a property without
//! one is not on that year's notice.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::check;
use super::view::{area_sq_wah, building_label, condo_label, parcel_label};
use crate::error::Result;
use crate::money::Satang;
use crate::tax::decimal::{SCALE, div_half_up};
use crate::tax::engine::{
    AssessInput, Baht, BuildingInput, LandInput, OwnerInput, PartInput, Qty, Use,
};

/// A part being built: its key orders the parts (unit order, then use order).
struct Part {
    use_: Use,
    vacant_since: Option<i32>,
    land: Vec<LandInput>,
    buildings: Vec<BuildingInput>,
    value: Option<Satang>,
    labels: Vec<String>,
}

fn use_rank(u: Use) -> u8 {
    match u {
        Use::Agricultural => 0,
        Use::ResidentialHome => 1,
        Use::ResidentialHouseOnly => 2,
        Use::ResidentialOther => 3,
        Use::Other => 4,
        Use::Vacant => 5,
    }
}

/// id, tax unit, deed type, deed no, rai, ngan, square wah, price per square wah (satang).
type ParcelRow = (String, String, String, String, i64, i64, String, i64);
/// id, parcel, the parcel's owner, house no, type, structure, area, year built, price per m² (satang).
type BuildingRow =
    (String, Option<String>, Option<String>, String, String, String, String, i32, i64);

type Parts = BTreeMap<(String, u8, Option<i32>), Part>;

fn part<'a>(parts: &'a mut Parts, unit: &str, use_: Use, since: Option<i32>) -> &'a mut Part {
    parts.entry((unit.to_owned(), use_rank(use_), since)).or_insert_with(|| Part {
        use_,
        vacant_since: since,
        land: Vec::new(),
        buildings: Vec::new(),
        value: None,
        labels: Vec::new(),
    })
}

fn scale_share(q: Qty, share: Qty) -> Qty {
    if share == Qty::whole(100) {
        return q;
    }
    Qty(div_half_up(q.0 * share.0, 100 * SCALE))
}

/// The first year of the uninterrupted vacancy a vacant use of `tax_year` belongs to (s.43, domain note
/// §16.6), for the property whose `column` (`parcel_id`, `building_id`, `condo_unit_id`) is `id`:
/// - the row's own `vacant_since` when one was stored;
/// - else the property's vacant rows of the years just before are walked back, one year at a time: a year
///   with a vacant row continues the vacancy, a year without one (another use, or no row) ends it, and an
///   earlier row's stored `vacant_since` wins (the office said when that vacancy began);
/// - with no vacant row the year before, the vacancy starts in `tax_year`.
///
/// So land entered as vacant for 2563, 2564 and 2565 (one row a year, no year typed) is vacant since 2563
/// in 2566 (step 1), and a 2564 agricultural row in between makes it vacant since 2565.
pub(crate) fn vacancy_start(
    conn: &Connection,
    column: &str,
    id: &str,
    tax_year: i32,
    stored: Option<i32>,
) -> Result<i32> {
    if let Some(year) = stored {
        return Ok(year);
    }
    let sql = format!(
        "SELECT tax_year, vacant_since FROM property_use WHERE {column} = ?1 AND tax_year < ?2 \
         AND use = 'vacant' AND deleted_at IS NULL ORDER BY tax_year DESC"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows: Vec<(i32, Option<i32>)> = stmt
        .query_map((id, tax_year), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut first = tax_year;
    for (year, since) in rows {
        if year == first {
            continue; // a second vacant row of a year already walked
        }
        if year != first - 1 {
            break; // a year with no vacant row ends the vacancy
        }
        if let Some(since) = since {
            return Ok(since.min(year));
        }
        first = year;
    }
    Ok(first)
}

/// Groups `taxpayer_id`'s uses of `tax_year` into the engine's input (see the module docs).
pub fn assess_input(conn: &Connection, taxpayer_id: &str, tax_year: i32) -> Result<AssessInput> {
    let kind: String = conn
        .query_row(
            "SELECT kind FROM taxpayer WHERE id = ?1 AND deleted_at IS NULL",
            [taxpayer_id],
            |r| r.get(0),
        )
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => check::not_found("field.tax.taxpayer"),
            e => e.into(),
        })?;
    let owner = check::owner_kind(&kind)?;

    // Unit keys: (order, key). Parcels first in deed order, then lone buildings, then condo units.
    let mut parts: Parts = BTreeMap::new();
    let mut unit_of_parcel: BTreeMap<String, String> = BTreeMap::new();

    let mut stmt = conn.prepare(
        "SELECT id, tax_unit, deed_type, deed_no, area_rai, area_ngan, area_sq_wah, price_per_sq_wah_satang \
         FROM parcel WHERE taxpayer_id = ?1 AND deleted_at IS NULL ORDER BY deed_no, id",
    )?;
    let parcels: Vec<ParcelRow> = stmt
        .query_map([taxpayer_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    // A unit's key sorts by its first parcel's deed number.
    let mut first_deed: BTreeMap<String, String> = BTreeMap::new();
    for (id, unit, _, deed_no, ..) in &parcels {
        let key = if unit.is_empty() { format!("p:{id}") } else { format!("u:{unit}") };
        first_deed.entry(key.clone()).or_insert_with(|| format!("1:{deed_no}:{key}"));
        unit_of_parcel.insert(id.clone(), first_deed[&key].clone());
    }

    let uses = |column: &str, id: &str| -> Result<Vec<(Use, Qty, Option<i32>)>> {
        let sql = format!(
            "SELECT use, share_percent, vacant_since FROM property_use WHERE {column} = ?1 AND tax_year = ?2 \
             AND deleted_at IS NULL ORDER BY use"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows: Vec<(String, String, Option<i32>)> = stmt
            .query_map((id, tax_year), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(u, s, v)| {
                let use_ = check::parse_use(&u)?;
                let since = if use_ == Use::Vacant {
                    Some(vacancy_start(conn, column, id, tax_year, v)?)
                } else {
                    None
                };
                Ok((use_, Qty::parse(&s)?, since))
            })
            .collect()
    };

    for (id, _, deed_type, deed_no, rai, ngan, wah, price) in &parcels {
        let unit = unit_of_parcel[id].clone();
        let wah = Qty::parse(wah)?;
        for (use_, share, since) in uses("parcel_id", id)? {
            let land = if share == Qty::whole(100) {
                LandInput {
                    rai: Qty::whole(*rai),
                    ngan: Qty::whole(*ngan),
                    sq_wah: wah,
                    price_per_sq_wah: Baht(Satang(*price)),
                }
            } else {
                LandInput {
                    rai: Qty(0),
                    ngan: Qty(0),
                    sq_wah: scale_share(area_sq_wah(*rai, *ngan, wah), share),
                    price_per_sq_wah: Baht(Satang(*price)),
                }
            };
            let p = part(&mut parts, &unit, use_, since);
            p.land.push(land);
            p.labels.push(parcel_label(deed_type, deed_no));
        }
    }

    let mut stmt = conn.prepare(
        "SELECT b.id, b.parcel_id, p.taxpayer_id, b.house_no, b.building_type, b.structure, b.area_m2, \
         b.year_built, b.price_per_m2_satang FROM building b LEFT JOIN parcel p ON p.id = b.parcel_id \
         AND p.deleted_at IS NULL WHERE b.taxpayer_id = ?1 AND b.deleted_at IS NULL ORDER BY b.house_no, b.id",
    )?;
    let buildings: Vec<BuildingRow> = stmt
        .query_map([taxpayer_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, parcel, land_owner, house_no, building_type, structure, area, year, price) in
        &buildings
    {
        let unit = match (parcel, land_owner) {
            (Some(p), Some(o)) if o == taxpayer_id => {
                unit_of_parcel.get(p).cloned().unwrap_or_else(|| format!("2:{house_no}:{id}"))
            }
            _ => format!("2:{house_no}:{id}"),
        };
        let structure = check::structure(structure)?;
        let area = Qty::parse(area)?;
        for (use_, share, since) in uses("building_id", id)? {
            let b = BuildingInput {
                area_m2: scale_share(area, share),
                price_per_m2: Baht(Satang(*price)),
                structure,
                year_built: *year,
            };
            let p = part(&mut parts, &unit, use_, since);
            p.buildings.push(b);
            p.labels.push(building_label(house_no, building_type));
        }
    }

    let mut stmt = conn.prepare(
        "SELECT id, condo_name, unit_no, area_m2, price_per_m2_satang FROM condo_unit \
         WHERE taxpayer_id = ?1 AND deleted_at IS NULL ORDER BY condo_name, unit_no, id",
    )?;
    let units: Vec<(String, String, String, String, i64)> = stmt
        .query_map([taxpayer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, condo, unit_no, area, price) in &units {
        let unit = format!("3:{condo}:{unit_no}:{id}");
        let area = Qty::parse(area)?;
        for (use_, share, since) in uses("condo_unit_id", id)? {
            // value = area × price × share / 100, rounded once to satang.
            let value = div_half_up(area.0 * i128::from(*price) * share.0, SCALE * SCALE * 100);
            let value = i64::try_from(value)
                .map_err(|_| crate::Error::validation("error.tax.too_large"))?;
            let p = part(&mut parts, &unit, use_, since);
            p.value = Some(Satang(p.value.unwrap_or(Satang::ZERO).0 + value));
            p.labels.push(condo_label(condo, unit_no));
        }
    }

    let parts = parts
        .into_values()
        .map(|p| {
            let mut labels = p.labels;
            labels.dedup();
            PartInput {
                use_: p.use_,
                value: p.value.map(Baht),
                land: p.land,
                buildings: p.buildings,
                vacant_since: p.vacant_since,
                flags: Vec::new(),
                label: Some(labels.join(", ")),
            }
        })
        .collect();
    Ok(AssessInput { tax_year, owner: OwnerInput { kind: owner }, parts })
}

/// The taxpayers with any use on record in `tax_year`, by name: whom a batch of notices is for.
pub fn taxpayers_for_year(conn: &Connection, tax_year: i32) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT t.id FROM taxpayer t WHERE t.deleted_at IS NULL AND t.id IN ( \
           SELECT p.taxpayer_id FROM property_use u JOIN parcel p ON p.id = u.parcel_id \
             WHERE u.tax_year = ?1 AND u.deleted_at IS NULL AND p.deleted_at IS NULL \
           UNION SELECT b.taxpayer_id FROM property_use u JOIN building b ON b.id = u.building_id \
             WHERE u.tax_year = ?1 AND u.deleted_at IS NULL AND b.deleted_at IS NULL \
           UNION SELECT c.taxpayer_id FROM property_use u JOIN condo_unit c ON c.id = u.condo_unit_id \
             WHERE u.tax_year = ?1 AND u.deleted_at IS NULL AND c.deleted_at IS NULL) \
         ORDER BY t.name, t.last_name, t.id",
    )?;
    let ids = stmt.query_map([tax_year], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}
