//! Loading a register from CSV (layout: `docs/tax-register-csv.md`; template: [`TEMPLATE_CSV`]).
//!
//! One line per property and use: `taxpayer_ref` and `property_ref` link lines, the first line of a ref
//! carries its details and later lines may leave them empty (or must repeat them exactly). Every line is
//! checked first (each problem reported with its line number, several per line when several things are
//! wrong); nothing is written unless every line passes; then everything goes in one transaction. Importing
//! the same file again adds nothing: taxpayers are matched by ID (or, without one, by kind and full name),
//! parcels by owner, deed type and deed number, buildings by owner and house number, condo units by owner, condominium
//! and unit number, uses by property, year and use.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::check::{self, Problems};
use super::{
    BuildingClean, BuildingForm, CondoClean, CondoUnitForm, ParcelClean, ParcelForm, PropertyKind,
    TaxpayerClean, TaxpayerForm, UseClean, check_building, check_condo, check_parcel,
    check_taxpayer, check_use, check_use_fits,
};
use crate::Lang;
use crate::auth::{Action, Session};
use crate::db::{Db, Entity};
use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::tax::engine::{OwnerKind, Qty};

/// The template shipped with the app: the header and examples of an individual farmer, a juristic
/// company, a house on another's land, a condo unit and vacant land.
pub const TEMPLATE_CSV: &str = include_str!("../../../templates/tax-register.csv");

const TAXPAYER_COLUMNS: &[&str] =
    &["kind", "id_no", "title", "name", "last_name", "address", "phone"];
const PROPERTY_COLUMNS: &[&str] = &[
    "property_type",
    "deed_type",
    "deed_no",
    "land_no",
    "location",
    "tax_unit",
    "rai",
    "ngan",
    "sq_wah",
    "price_per_sq_wah",
    "on_land_ref",
    "house_no",
    "building_type",
    "structure",
    "floors",
    "area_m2",
    "year_built",
    "price_per_m2",
    "condo_name",
    "condo_reg_no",
    "unit_no",
    "floor",
    "appraisal_round",
    "co_owner_refs",
];
const USE_COLUMNS: &[&str] = &["tax_year", "use", "share_percent", "vacant_since"];

/// A line that failed, and why.
#[derive(Debug)]
pub struct ImportLineError {
    /// 1-based line number in the file (the header is line 1).
    pub line: u32,
    /// What is wrong.
    pub error: Error,
}

/// What an import did, or why it did nothing.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Every problem found; when there is any, nothing was imported.
    pub errors: Vec<ImportLineError>,
    /// Taxpayers added.
    pub taxpayers_new: u32,
    /// Taxpayers already on the register (matched, updated if changed).
    pub taxpayers_existing: u32,
    /// Parcels, buildings and condo units added.
    pub properties_new: u32,
    /// Properties already on the register.
    pub properties_existing: u32,
    /// Uses added.
    pub uses_new: u32,
    /// Uses already on the register.
    pub uses_existing: u32,
    /// Co-owners added.
    pub co_owners_new: u32,
}

/// An import's outcome for the app, messages in the UI's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportView {
    /// Whether the register was changed (false when any line failed).
    pub imported: bool,
    /// Taxpayers added.
    pub taxpayers_new: u32,
    /// Taxpayers matched.
    pub taxpayers_existing: u32,
    /// Properties added.
    pub properties_new: u32,
    /// Properties matched.
    pub properties_existing: u32,
    /// Uses added.
    pub uses_new: u32,
    /// Uses matched.
    pub uses_existing: u32,
    /// Each failed line and its message.
    pub errors: Vec<ImportErrorView>,
}

/// One failed line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportErrorView {
    /// Line number.
    pub line: u32,
    /// The reason, in the UI's language.
    pub message: String,
}

impl ImportReport {
    /// Whether everything was imported.
    pub fn imported(&self) -> bool {
        self.errors.is_empty()
    }

    /// Each error as `บรรทัด N: reason`.
    pub fn error_lines(&self, lang: Lang) -> Vec<String> {
        self.errors
            .iter()
            .map(|e| {
                tr(
                    lang,
                    "msg.tax.import_line",
                    &[("line", e.line.to_string()), ("reason", e.error.message(lang))],
                )
            })
            .collect()
    }

    /// The outcome in `lang`, for the app.
    pub fn view(&self, lang: Lang) -> ImportView {
        ImportView {
            imported: self.imported(),
            taxpayers_new: self.taxpayers_new,
            taxpayers_existing: self.taxpayers_existing,
            properties_new: self.properties_new,
            properties_existing: self.properties_existing,
            uses_new: self.uses_new,
            uses_existing: self.uses_existing,
            errors: self
                .errors
                .iter()
                .map(|e| ImportErrorView { line: e.line, message: e.error.message(lang) })
                .collect(),
        }
    }
}

/// One data line, by column name.
struct Line<'a> {
    number: u32,
    header: &'a [String],
    values: Vec<String>,
}

impl Line<'_> {
    fn get(&self, column: &str) -> &str {
        self.header
            .iter()
            .position(|h| h == column)
            .and_then(|i| self.values.get(i))
            .map_or("", |v| v.trim())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    Land,
    Building,
    Condo,
}

impl Type {
    fn kind(self) -> PropertyKind {
        match self {
            Type::Land => PropertyKind::Parcel,
            Type::Building => PropertyKind::Building,
            Type::Condo => PropertyKind::CondoUnit,
        }
    }
}

enum Property {
    Land(ParcelClean),
    Building(BuildingClean, Option<String>),
    Condo(CondoClean),
}

struct TaxpayerDef {
    line: u32,
    clean: TaxpayerClean,
    values: Vec<(String, String)>,
}

struct PropertyDef {
    line: u32,
    owner_ref: String,
    property: Property,
    co_owners: Vec<String>,
    values: Vec<(String, String)>,
}

struct UseDef {
    line: u32,
    property_ref: String,
    clean: UseClean,
}

fn errs(out: &mut Vec<ImportLineError>, line: u32, p: Problems) {
    out.extend(p.0.into_iter().map(|error| ImportLineError { line, error }));
}

fn conflict(key: &'static str, reference: &str, column: &str, first: u32) -> Error {
    Error::validation(key)
        .arg("ref", reference.to_owned())
        .arg("column", column.to_owned())
        .arg("first", first.to_string())
}

/// Imports `text` (see the module docs). With any bad line, returns the report of every problem and
/// changes nothing.
pub fn import_csv(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    text: &str,
) -> Result<ImportReport> {
    session.require(Action::UseTax)?;
    let now_be = check::be_year_of(now);
    let mut report = ImportReport::default();
    let records = match crate::csv::parse_records(text) {
        Ok(r) => r,
        Err(line) => {
            report
                .errors
                .push(ImportLineError { line, error: Error::validation("error.tax.csv.quote") });
            return Ok(report);
        }
    };
    let Some(((_, header), rows)) = records.split_first() else {
        report
            .errors
            .push(ImportLineError { line: 1, error: Error::validation("error.tax.csv.empty") });
        return Ok(report);
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    let known: BTreeSet<&str> = ["taxpayer_ref", "property_ref"]
        .iter()
        .chain(TAXPAYER_COLUMNS)
        .chain(PROPERTY_COLUMNS)
        .chain(USE_COLUMNS)
        .copied()
        .collect();
    let mut seen = BTreeSet::new();
    for h in &header {
        if !known.contains(h.as_str()) {
            report.errors.push(ImportLineError {
                line: 1,
                error: Error::validation("error.tax.csv.unknown_column").arg("column", h.clone()),
            });
        } else if !seen.insert(h.clone()) {
            report.errors.push(ImportLineError {
                line: 1,
                error: Error::validation("error.tax.csv.duplicate_column").arg("column", h.clone()),
            });
        }
    }
    for required in ["taxpayer_ref", "name"] {
        if !header.iter().any(|h| h == required) {
            report.errors.push(ImportLineError {
                line: 1,
                error: Error::validation("error.tax.csv.missing_column").arg("column", required),
            });
        }
    }
    if !report.errors.is_empty() {
        return Ok(report);
    }
    if rows.is_empty() {
        report
            .errors
            .push(ImportLineError { line: 1, error: Error::validation("error.tax.csv.no_rows") });
        return Ok(report);
    }

    let mut taxpayers: BTreeMap<String, TaxpayerDef> = BTreeMap::new();
    let mut taxpayer_order: Vec<String> = Vec::new();
    let mut properties: BTreeMap<String, PropertyDef> = BTreeMap::new();
    let mut property_order: Vec<String> = Vec::new();
    let mut uses: Vec<UseDef> = Vec::new();
    let mut errors: Vec<ImportLineError> = Vec::new();

    for (number, values) in rows {
        let line = Line { number: *number, header: &header, values: values.clone() };
        let mut p = Problems::default();
        if values.len() > header.len() {
            p.push(
                Error::validation("error.tax.csv.columns")
                    .arg("count", values.len().to_string())
                    .arg("expected", header.len().to_string()),
            );
        }
        let tref = line.get("taxpayer_ref").to_owned();
        if tref.is_empty() {
            p.push(Error::validation("error.tax.csv.no_taxpayer_ref"));
            errs(&mut errors, line.number, p);
            continue;
        }
        // The taxpayer: defined by its first line, repeated identically or left empty on later ones.
        let tvalues: Vec<(String, String)> = TAXPAYER_COLUMNS
            .iter()
            .map(|c| ((*c).to_owned(), line.get(c).to_owned()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let owner_kind = if let Some(def) = taxpayers.get(&tref) {
            for (column, value) in &tvalues {
                let first = def.values.iter().find(|(c, _)| c == column).map(|(_, v)| v.as_str());
                if first != Some(value.as_str()) {
                    p.push(conflict("error.tax.csv.taxpayer_conflict", &tref, column, def.line));
                }
            }
            Some(def.clean.kind)
        } else {
            let kind = p.keep(if line.get("kind").is_empty() {
                Ok(OwnerKind::Individual)
            } else {
                check::owner_kind(line.get("kind"))
            });
            let form = TaxpayerForm {
                id: None,
                kind: kind.unwrap_or(OwnerKind::Individual),
                id_no: Some(line.get("id_no").to_owned()),
                title: line.get("title").to_owned(),
                name: line.get("name").to_owned(),
                last_name: line.get("last_name").to_owned(),
                address: line.get("address").to_owned(),
                phone: Some(line.get("phone").to_owned()),
                citizen_id: None,
            };
            let clean = check_taxpayer(&form, &mut p);
            if let (Some(clean), Some(_)) = (clean, kind) {
                taxpayers.insert(
                    tref.clone(),
                    TaxpayerDef { line: line.number, clean, values: tvalues },
                );
                taxpayer_order.push(tref.clone());
            }
            kind
        };

        // The property.
        let pref = line.get("property_ref").to_owned();
        let pvalues: Vec<(String, String)> = PROPERTY_COLUMNS
            .iter()
            .map(|c| ((*c).to_owned(), line.get(c).to_owned()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let mut property_kind = None;
        if pref.is_empty() {
            if !pvalues.is_empty() {
                p.push(Error::validation("error.tax.csv.no_property_ref"));
            }
        } else if let Some(def) = properties.get(&pref) {
            if def.owner_ref != tref {
                p.push(
                    Error::validation("error.tax.csv.property_owner")
                        .arg("ref", pref.clone())
                        .arg("first", def.line.to_string()),
                );
            }
            for (column, value) in &pvalues {
                let first = def.values.iter().find(|(c, _)| c == column).map(|(_, v)| v.as_str());
                if first != Some(value.as_str()) {
                    p.push(conflict("error.tax.csv.property_conflict", &pref, column, def.line));
                }
            }
            property_kind = Some(match def.property {
                Property::Land(_) => PropertyKind::Parcel,
                Property::Building(..) => PropertyKind::Building,
                Property::Condo(_) => PropertyKind::CondoUnit,
            });
        } else {
            let ty = match line.get("property_type") {
                "land" | "ที่ดิน" => Some(Type::Land),
                "building" | "สิ่งปลูกสร้าง" => Some(Type::Building),
                "condo" | "ห้องชุด" => Some(Type::Condo),
                other => {
                    p.push(Error::validation("error.tax.csv.property_type").arg("input", other));
                    None
                }
            };
            let property = match ty {
                Some(Type::Land) => check_parcel(
                    &ParcelForm {
                        id: None,
                        taxpayer_id: String::new(),
                        deed_type: line.get("deed_type").to_owned(),
                        deed_no: line.get("deed_no").to_owned(),
                        land_no: line.get("land_no").to_owned(),
                        location: line.get("location").to_owned(),
                        tax_unit: line.get("tax_unit").to_owned(),
                        rai: line.get("rai").to_owned(),
                        ngan: line.get("ngan").to_owned(),
                        sq_wah: line.get("sq_wah").to_owned(),
                        price_per_sq_wah: line.get("price_per_sq_wah").to_owned(),
                        appraisal_round: line.get("appraisal_round").to_owned(),
                    },
                    &mut p,
                )
                .map(Property::Land),
                Some(Type::Building) => check_building(
                    &BuildingForm {
                        id: None,
                        taxpayer_id: String::new(),
                        parcel_id: None,
                        house_no: line.get("house_no").to_owned(),
                        building_type: line.get("building_type").to_owned(),
                        structure: line.get("structure").to_owned(),
                        floors: line.get("floors").to_owned(),
                        area_m2: line.get("area_m2").to_owned(),
                        year_built: line.get("year_built").to_owned(),
                        price_per_m2: line.get("price_per_m2").to_owned(),
                        appraisal_round: line.get("appraisal_round").to_owned(),
                    },
                    now_be,
                    &mut p,
                )
                .map(|b| {
                    let on = line.get("on_land_ref");
                    Property::Building(b, (!on.is_empty()).then(|| on.to_owned()))
                }),
                Some(Type::Condo) => check_condo(
                    &CondoUnitForm {
                        id: None,
                        taxpayer_id: String::new(),
                        condo_name: line.get("condo_name").to_owned(),
                        condo_reg_no: line.get("condo_reg_no").to_owned(),
                        unit_no: line.get("unit_no").to_owned(),
                        floor: line.get("floor").to_owned(),
                        area_m2: line.get("area_m2").to_owned(),
                        price_per_m2: line.get("price_per_m2").to_owned(),
                        appraisal_round: line.get("appraisal_round").to_owned(),
                    },
                    &mut p,
                )
                .map(Property::Condo),
                None => None,
            };
            property_kind = ty.map(Type::kind);
            if let Some(property) = property {
                let co_owners: Vec<String> = line
                    .get("co_owner_refs")
                    .split([';', ','])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                properties.insert(
                    pref.clone(),
                    PropertyDef {
                        line: line.number,
                        owner_ref: tref.clone(),
                        property,
                        co_owners,
                        values: pvalues,
                    },
                );
                property_order.push(pref.clone());
            }
        }

        // The use.
        let (year, use_text) = (line.get("tax_year"), line.get("use"));
        let use_given = !year.is_empty()
            || !use_text.is_empty()
            || !line.get("share_percent").is_empty()
            || !line.get("vacant_since").is_empty();
        if use_given {
            if pref.is_empty() {
                p.push(Error::validation("error.tax.csv.use_without_property"));
            } else if year.is_empty() || use_text.is_empty() {
                p.push(Error::validation("error.tax.csv.use_incomplete"));
            } else {
                let year_num = p.keep(check::whole(year, "field.tax.tax_year"));
                if let Some(y) = year_num {
                    let clean = check_use(
                        y,
                        use_text,
                        line.get("share_percent"),
                        line.get("vacant_since"),
                        now_be,
                        &mut p,
                    );
                    if let Some(clean) = clean {
                        if let (Some(kind), Some(owner)) = (property_kind, owner_kind) {
                            check_use_fits(kind, owner, clean.use_, &mut p);
                        }
                        uses.push(UseDef { line: line.number, property_ref: pref.clone(), clean });
                    }
                }
            }
        }
        errs(&mut errors, line.number, p);
    }

    // Across lines: references, duplicates, shares.
    for pref in &property_order {
        let def = &properties[pref];
        for co in &def.co_owners {
            if !taxpayers.contains_key(co) {
                errors.push(ImportLineError {
                    line: def.line,
                    error: Error::validation("error.tax.csv.unknown_ref")
                        .arg("column", "co_owner_refs")
                        .arg("ref", co.clone()),
                });
            } else if *co == def.owner_ref {
                errors.push(ImportLineError {
                    line: def.line,
                    error: Error::validation("error.tax.register.co_owner_self"),
                });
            }
        }
        if let Property::Building(_, Some(on)) = &def.property {
            match properties.get(on) {
                None => errors.push(ImportLineError {
                    line: def.line,
                    error: Error::validation("error.tax.csv.unknown_ref")
                        .arg("column", "on_land_ref")
                        .arg("ref", on.clone()),
                }),
                Some(PropertyDef { property: Property::Land(_), .. }) => {}
                Some(_) => errors.push(ImportLineError {
                    line: def.line,
                    error: Error::validation("error.tax.csv.on_land_not_land")
                        .arg("ref", on.clone()),
                }),
            }
        }
    }
    let mut deeds: BTreeMap<(String, String), u32> = BTreeMap::new();
    for pref in &property_order {
        let def = &properties[pref];
        if let Property::Land(c) = &def.property {
            let key = (c.deed_type.clone(), c.deed_no.clone());
            if let Some(first) = deeds.get(&key) {
                errors.push(ImportLineError {
                    line: def.line,
                    error: Error::validation("error.tax.csv.deed_twice")
                        .arg("deed_type", c.deed_type.clone())
                        .arg("deed_no", c.deed_no.clone())
                        .arg("first", first.to_string()),
                });
            } else {
                deeds.insert(key, def.line);
            }
        }
    }
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for tref in &taxpayer_order {
        let def = &taxpayers[tref];
        if let Some(Some(id_no)) = &def.clean.id_no {
            if let Some(other) = ids.get(id_no) {
                errors.push(ImportLineError {
                    line: def.line,
                    error: Error::validation("error.tax.csv.id_twice")
                        .arg("id", id_no.clone())
                        .arg("ref", tref.clone())
                        .arg("other", other.clone()),
                });
            } else {
                ids.insert(id_no.clone(), tref.clone());
            }
        }
    }
    let mut use_seen: BTreeMap<(String, i32, &'static str), u32> = BTreeMap::new();
    let mut shares: BTreeMap<(String, i32), (i128, u32)> = BTreeMap::new();
    for u in &uses {
        let key = (u.property_ref.clone(), u.clean.tax_year, check::use_str(u.clean.use_));
        if let Some(first) = use_seen.get(&key) {
            errors.push(ImportLineError {
                line: u.line,
                error: Error::validation("error.tax.csv.duplicate_use")
                    .arg("ref", u.property_ref.clone())
                    .arg("use", key.2)
                    .arg("year", u.clean.tax_year.to_string())
                    .arg("first", first.to_string()),
            });
        } else {
            use_seen.insert(key, u.line);
        }
        let total = shares.entry((u.property_ref.clone(), u.clean.tax_year)).or_insert((0, u.line));
        total.0 += u.clean.share.0;
        total.1 = u.line;
    }
    // Against the register: who is already there, and deeds that belong to someone else.
    let conn = db.conn();
    let mut matched: BTreeMap<String, String> = BTreeMap::new();
    for tref in &taxpayer_order {
        if let Some(id) = match_taxpayer(conn, &taxpayers[tref].clean)? {
            matched.insert(tref.clone(), id);
        }
    }
    for pref in &property_order {
        let def = &properties[pref];
        if let Property::Land(c) = &def.property {
            let owner: Option<String> = conn
                .query_row(
                    "SELECT taxpayer_id FROM parcel WHERE deed_type = ?1 AND deed_no = ?2 \
                     AND deleted_at IS NULL",
                    (&c.deed_type, &c.deed_no),
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(owner) = owner
                && matched.get(&def.owner_ref) != Some(&owner)
            {
                errors.push(ImportLineError {
                    line: def.line,
                    error: Error::validation("error.tax.register.deed_taken")
                        .arg("deed_type", c.deed_type.clone())
                        .arg("deed_no", c.deed_no.clone())
                        .arg("name", super::taxpayer_name(conn, &owner)?),
                });
            }
        }
    }

    // The shares of each property and year, with the uses already on the register that the file does not
    // replace (a file that adds a use to a property on the register must not take it over 100 %).
    let existing = existing_properties(conn, &property_order, &properties, &matched)?;
    for ((pref, year), (total, line)) in &shares {
        let mut total = *total;
        if let (Some(Some(id)), Some(def)) = (existing.get(pref), properties.get(pref)) {
            let in_file: BTreeSet<&str> = uses
                .iter()
                .filter(|u| u.property_ref == *pref && u.clean.tax_year == *year)
                .map(|u| check::use_str(u.clean.use_))
                .collect();
            let kind = property_type(&def.property).kind();
            for (use_, share) in register_uses(conn, kind, id, *year)? {
                if !in_file.contains(use_.as_str()) {
                    total += Qty::parse(&share).map_or(0, |q| q.0);
                }
            }
        }
        if total > Qty::whole(100).0 {
            errors.push(ImportLineError {
                line: *line,
                error: super::share_total_error(pref.clone(), *year, Qty(total)),
            });
        }
    }

    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        report.errors = errors;
        return Ok(report);
    }

    db.write(&session.actor(), now, |w| {
        let mut ids: BTreeMap<String, String> = BTreeMap::new();
        for tref in &taxpayer_order {
            let def = &taxpayers[tref];
            let fields: Vec<_> = super::taxpayer_fields(&def.clean)
                .into_iter()
                .filter(|(name, _)| *name != "citizen_id")
                .collect();
            let id = match matched.get(tref) {
                Some(id) => {
                    w.update(Entity::Taxpayer, id, &fields)?;
                    report.taxpayers_existing += 1;
                    id.clone()
                }
                None => {
                    report.taxpayers_new += 1;
                    w.insert(Entity::Taxpayer, &fields)?
                }
            };
            ids.insert(tref.clone(), id);
        }
        let mut property_ids: BTreeMap<String, (PropertyKind, String)> = BTreeMap::new();
        // Land first, so buildings can point at it.
        let land_first = property_order
            .iter()
            .filter(|r| matches!(properties[*r].property, Property::Land(_)))
            .chain(
                property_order
                    .iter()
                    .filter(|r| !matches!(properties[*r].property, Property::Land(_))),
            );
        for pref in land_first {
            let def = &properties[pref];
            let owner = ids[&def.owner_ref].clone();
            let (kind, existing, fields) = match &def.property {
                Property::Land(c) => (
                    PropertyKind::Parcel,
                    find_property(w.conn(), &owner, &def.property, None)?,
                    super::parcel_fields(&owner, c),
                ),
                Property::Building(c, on) => {
                    let parcel =
                        on.as_ref().and_then(|r| property_ids.get(r)).map(|(_, id)| id.clone());
                    let existing =
                        find_property(w.conn(), &owner, &def.property, parcel.as_deref())?;
                    (
                        PropertyKind::Building,
                        existing,
                        super::building_fields(&owner, parcel.as_deref(), c),
                    )
                }
                Property::Condo(c) => (
                    PropertyKind::CondoUnit,
                    find_property(w.conn(), &owner, &def.property, None)?,
                    super::condo_fields(&owner, c),
                ),
            };
            let id = match existing {
                Some(id) => {
                    w.update(kind.entity(), &id, &fields)?;
                    report.properties_existing += 1;
                    id
                }
                None => {
                    report.properties_new += 1;
                    w.insert(kind.entity(), &fields)?
                }
            };
            for co in &def.co_owners {
                let co_id = &ids[co];
                let before = count_rows(w.conn(), "co_owner")?;
                super::write_co_owner(w, kind, &id, co_id)?;
                if count_rows(w.conn(), "co_owner")? > before {
                    report.co_owners_new += 1;
                }
            }
            property_ids.insert(pref.clone(), (kind, id));
        }
        for u in &uses {
            let (kind, id) = &property_ids[&u.property_ref];
            let existing = super::same_use(w.conn(), *kind, id, u.clean.tax_year, u.clean.use_)?;
            if existing.is_some() {
                report.uses_existing += 1;
            } else {
                report.uses_new += 1;
            }
            super::write_use(w, existing.as_deref(), *kind, id, &u.clean)?;
        }
        Ok(())
    })?;
    Ok(report)
}

fn property_type(p: &Property) -> Type {
    match p {
        Property::Land(_) => Type::Land,
        Property::Building(..) => Type::Building,
        Property::Condo(_) => Type::Condo,
    }
}

/// The live property of `owner` a file's property is: a parcel by deed type and deed number (a โฉนด 123
/// and a น.ส.3 123 are two parcels), a building by house number (or, without one, by type and the parcel
/// it stands on), a condo unit by condominium and unit number.
fn find_property(
    conn: &Connection,
    owner: &str,
    property: &Property,
    parcel: Option<&str>,
) -> Result<Option<String>> {
    let owner = owner.to_owned();
    match property {
        Property::Land(c) => find(
            conn,
            "SELECT id FROM parcel WHERE taxpayer_id = ?1 AND deed_type = ?2 AND deed_no = ?3 \
             AND deleted_at IS NULL",
            &[&owner, &c.deed_type, &c.deed_no],
        ),
        Property::Building(c, _) if c.house_no.is_empty() => find(
            conn,
            "SELECT id FROM building WHERE taxpayer_id = ?1 AND house_no = '' AND building_type = ?2 \
             AND parcel_id IS ?3 AND deleted_at IS NULL",
            &[&owner, &c.building_type, &parcel.unwrap_or_default().to_owned()],
        ),
        Property::Building(c, _) => find(
            conn,
            "SELECT id FROM building WHERE taxpayer_id = ?1 AND house_no = ?2 AND deleted_at IS NULL",
            &[&owner, &c.house_no],
        ),
        Property::Condo(c) => find(
            conn,
            "SELECT id FROM condo_unit WHERE taxpayer_id = ?1 AND condo_name = ?2 AND unit_no = ?3 \
             AND deleted_at IS NULL",
            &[&owner, &c.condo_name, &c.unit_no],
        ),
    }
}

/// Which of the file's properties are already on the register (before anything is written): `None` for
/// one the import will add.
fn existing_properties(
    conn: &Connection,
    order: &[String],
    properties: &BTreeMap<String, PropertyDef>,
    matched: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, Option<String>>> {
    let mut out: BTreeMap<String, Option<String>> = BTreeMap::new();
    // Land first, so a building finds the parcel it stands on.
    let land_first = order
        .iter()
        .filter(|r| matches!(properties[*r].property, Property::Land(_)))
        .chain(order.iter().filter(|r| !matches!(properties[*r].property, Property::Land(_))));
    for pref in land_first {
        let def = &properties[pref];
        let id = match matched.get(&def.owner_ref) {
            None => None,
            Some(owner) => match &def.property {
                Property::Building(c, on) => {
                    let parcel = on.as_ref().map(|r| out.get(r).cloned().flatten());
                    match parcel {
                        // On land the import adds: a building without a house number is new too.
                        Some(None) if c.house_no.is_empty() => None,
                        parcel => {
                            find_property(conn, owner, &def.property, parcel.flatten().as_deref())?
                        }
                    }
                }
                property => find_property(conn, owner, property, None)?,
            },
        };
        out.insert(pref.clone(), id);
    }
    Ok(out)
}

/// The live uses of a property in a year: (use, share).
fn register_uses(
    conn: &Connection,
    kind: PropertyKind,
    id: &str,
    year: i32,
) -> Result<Vec<(String, String)>> {
    let sql = format!(
        "SELECT use, share_percent FROM property_use WHERE {} = ?1 AND tax_year = ?2 AND deleted_at IS NULL",
        kind.column()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map((id, year), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn count_rows(conn: &Connection, table: &str) -> Result<i64> {
    Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
}

fn find(conn: &Connection, sql: &str, params: &[&String]) -> Result<Option<String>> {
    // A building with no parcel matches `parcel_id IS ''`'s NULL case through the caller's empty string.
    let params: Vec<Option<&str>> =
        params.iter().map(|p| if p.is_empty() { None } else { Some(p.as_str()) }).collect();
    Ok(conn.query_row(sql, rusqlite::params_from_iter(params), |r| r.get(0)).optional()?)
}

/// The live taxpayer this line describes: same ID, or (without an ID) same kind and full name.
fn match_taxpayer(conn: &Connection, c: &TaxpayerClean) -> Result<Option<String>> {
    match &c.id_no {
        Some(Some(id_no)) => Ok(conn
            .query_row(
                "SELECT id FROM taxpayer WHERE id_no = ?1 AND deleted_at IS NULL",
                [id_no],
                |r| r.get(0),
            )
            .optional()?),
        _ => Ok(conn
            .query_row(
                "SELECT id FROM taxpayer WHERE id_no IS NULL AND kind = ?1 AND title = ?2 AND name = ?3 \
                 AND last_name = ?4 AND deleted_at IS NULL ORDER BY created_at LIMIT 1",
                (check::kind_str(c.kind), &c.title, &c.name, &c.last_name),
                |r| r.get(0),
            )
            .optional()?),
    }
}
