//! The assessment engine: pure, no database, no clock. See `docs/dev/tax.md` and the domain note's §16.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::decimal::{SCALE, div_half_up};
use crate::money::Satang;
use crate::{Error, Result};

/// Who owns the property on 1 January.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OwnerKind {
    /// A natural person: may have the agricultural and home exemptions.
    Individual,
    /// A company, partnership or other juristic person: no exemptions.
    Juristic,
}

/// The use of a part of a property in the tax year (s.37, s.41).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Use {
    /// Farming (s.37(1)); an individual's first 50 M baht in the office's area is exempt (s.40).
    Agricultural,
    /// The owner's home: land and house owned, name in the house registration (R1, 50 M exempt).
    ResidentialHome,
    /// The owner's home on someone else's land: house owned, name registered (R2, 10 M exempt).
    ResidentialHouseOnly,
    /// Any other residential use (R3, no exemption).
    ResidentialOther,
    /// Commerce, industry and every other use (s.37(3)).
    Other,
    /// Vacant or not used reasonably (s.37(4)), with the s.43 escalation.
    Vacant,
}

/// A building's structure, which sets its depreciation (ตึก / ครึ่งตึกครึ่งไม้ / ไม้).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Structure {
    /// ตึก: masonry, reinforced concrete or steel.
    Masonry,
    /// ตึกครึ่งไม้: half masonry, half wood.
    HalfWood,
    /// ไม้: wood.
    Wood,
}

/// An exact non-negative decimal quantity (an area, a share), in ten-thousandths. Reads a JSON string
/// (`"50.25"`) or number (`2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Qty(pub i128);

/// A percentage rate in ten-thousandths of a percent: `0.01 %` is `Rate(100)`, `0.3 %` is `Rate(3000)`.
/// Serializes as its shortest decimal text (`"0.3"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Rate(pub i64);

/// Land in one part: area in rai-ngan-square wah and the Treasury price per square wah.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LandInput {
    /// ไร่ (400 square wah).
    #[serde(default)]
    pub rai: Qty,
    /// งาน (100 square wah).
    #[serde(default)]
    pub ngan: Qty,
    /// ตารางวา, may have decimals.
    #[serde(default)]
    pub sq_wah: Qty,
    /// Treasury appraisal per square wah, baht.
    pub price_per_sq_wah: Baht,
}

/// A building (or the share of one) in one part.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BuildingInput {
    /// Total floor area in m².
    pub area_m2: Qty,
    /// Treasury price per m² for its type, baht.
    pub price_per_m2: Baht,
    /// Its structure, for depreciation.
    pub structure: Structure,
    /// The year it was built, B.E.
    pub year_built: i32,
}

/// Exact baht read from JSON text (`"1200.50"`) or a number (`1200`), held as satang.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Baht(pub Satang);

/// One part: a tax unit (a parcel or contiguous group with its buildings, or a condo unit) in one use.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PartInput {
    /// The use (s.37).
    #[serde(rename = "use")]
    pub use_: Use,
    /// The appraised value, when known directly; otherwise it is computed from `land` and `buildings`.
    #[serde(default)]
    pub value: Option<Baht>,
    /// Land in this part.
    #[serde(default)]
    pub land: Vec<LandInput>,
    /// Buildings in this part.
    #[serde(default)]
    pub buildings: Vec<BuildingInput>,
    /// First year (B.E.) of the current uninterrupted vacancy; vacant parts only.
    #[serde(default)]
    pub vacant_since: Option<i32>,
    /// Royal-Decree reduction flags of this property (`inherited`, `npa`, `private_school`,
    /// `housing_project`).
    #[serde(default)]
    pub flags: Vec<String>,
    /// What the part is, for the notice (a deed number, a house number).
    #[serde(default)]
    pub label: Option<String>,
}

/// The owner, as the JSON contract gives it: `{"kind": "individual"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct OwnerInput {
    /// Individual or juristic.
    pub kind: OwnerKind,
}

/// Everything one taxpayer owns in the office's area in one tax year: the engine's input.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AssessInput {
    /// The tax year, B.E.
    pub tax_year: i32,
    /// The owner on 1 January.
    pub owner: OwnerInput,
    /// The parts, each in one use.
    pub parts: Vec<PartInput>,
}

/// One rate band of a table: net values above the previous band's `up_to` and not above this one (the Act's
/// "ไม่เกิน"), at `rate`. The last band has no ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    /// The band's ceiling in net value, `None` for the top band.
    pub up_to: Option<Satang>,
    /// The rate.
    pub rate: Rate,
}

/// A rate table per use: the Royal Decree B.E. 2564 by default, or the office's own (s.37 paras 6–7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateTable {
    /// Agricultural.
    pub agricultural: Vec<Band>,
    /// R1: the owner's home (land and house).
    pub residential_home: Vec<Band>,
    /// R2: the owner's house on another's land.
    pub residential_house_only: Vec<Band>,
    /// R3: other residential.
    pub residential_other: Vec<Band>,
    /// Other use.
    pub other: Vec<Band>,
    /// Vacant land, before the s.43 escalation.
    pub vacant: Vec<Band>,
}

/// A Royal-Decree reduction (s.55), applied multiplicatively to the computed tax of the parts it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reduction {
    /// Percent of the tax taken off.
    pub percent: Rate,
    /// The uses it covers; empty = every use.
    #[serde(default)]
    pub uses: Vec<Use>,
    /// The property flag it needs (`inherited`…); `None` = every property.
    #[serde(default)]
    pub flag: Option<String>,
    /// Properties with any of these flags do not get it (RD No. 3 2566: the 90 % properties).
    #[serde(default)]
    pub unless_flags: Vec<String>,
}

/// The rules for one tax year: the rate table and the reductions in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// The rates.
    pub rates: RateTable,
    /// The reductions for this tax year.
    pub reductions: Vec<Reduction>,
}

/// One band's slice of a part's value, in gross value (net + exemption), as the notice shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BandTax {
    /// Where the slice starts (gross value).
    pub from: Satang,
    /// Where it ends (gross value).
    pub to: Satang,
    /// The band's rate, with any vacant-land escalation.
    #[ts(type = "string")]
    pub rate_percent: Rate,
    /// The slice's tax, rounded to satang for display (the part's tax is rounded once, from the exact sum).
    pub tax: Satang,
}

/// A land valuation line (ภ.ด.ส.7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LandValuation {
    /// Area in square wah (rai × 400 + ngan × 100 + wah).
    #[ts(type = "string")]
    pub area_sq_wah: Qty,
    /// Price per square wah.
    pub price_per_sq_wah: Satang,
    /// Value, rounded to satang.
    pub value: Satang,
}

/// A building valuation line (ภ.ด.ส.7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BuildingValuation {
    /// Floor area, m².
    #[ts(type = "string")]
    pub area_m2: Qty,
    /// Price per m².
    pub price_per_m2: Satang,
    /// Structure.
    pub structure: Structure,
    /// Age in completed years (tax year − year built).
    pub age_years: i32,
    /// Depreciation taken off, percent.
    pub depreciation_percent: u32,
    /// Area × price.
    pub gross: Satang,
    /// After depreciation, rounded to satang.
    pub value: Satang,
}

/// The assessment of one part, every baht explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PartAssessment {
    /// The use.
    #[serde(rename = "use")]
    pub use_: Use,
    /// The part's label, if given.
    pub label: Option<String>,
    /// Land lines.
    pub land: Vec<LandValuation>,
    /// Building lines.
    pub buildings: Vec<BuildingValuation>,
    /// The tax base (s.35).
    pub value: Satang,
    /// The exemption deducted (s.40, s.41, s.96).
    pub exemption: Satang,
    /// Value less exemption: the bands apply to this.
    pub net: Satang,
    /// Completed 3-year vacancy periods (s.43); 0 for other uses.
    pub vacant_steps: u32,
    /// The bands that hold some of the net value.
    pub bands: Vec<BandTax>,
    /// Tax from the bands, rounded to satang.
    pub tax_before_reduction: Satang,
    /// The combined reduction, percent of the tax.
    #[ts(type = "string")]
    pub reduction_percent: Rate,
    /// The part's tax after reductions, rounded once to satang (half up).
    pub tax: Satang,
}

/// The whole assessment: the notice's total is `tax`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    /// The tax year, B.E.
    pub tax_year: i32,
    /// Individual or juristic.
    pub owner_kind: OwnerKind,
    /// The parts, in input order.
    pub parts: Vec<PartAssessment>,
    /// The tax to pay: the sum of the parts' taxes.
    pub tax: Satang,
}

/// 1,000,000 baht in satang.
const MILLION: i64 = 100_000_000;
/// 100 % in [`Rate`] units.
const HUNDRED_PERCENT: i64 = 1_000_000;
/// One s.43 step: +0.3 percentage points.
const VACANT_STEP: Rate = Rate(3_000);
/// The s.43 cap on an escalated rate: 3 %.
const VACANT_CAP: Rate = Rate(30_000);
/// The first tax year of the Act (tax collected from 1 January 2563).
pub const FIRST_TAX_YEAR: i32 = 2563;

fn band(up_to_millions: Option<i64>, rate: i64) -> Band {
    Band { up_to: up_to_millions.map(|m| Satang(m * MILLION)), rate: Rate(rate) }
}

impl RateTable {
    /// The Royal Decree B.E. 2564 table, the s.94 rates (in force from tax year 2565; the same as 2563–2564).
    pub fn royal_decree_2564() -> RateTable {
        let other = vec![
            band(Some(50), 3_000),
            band(Some(200), 4_000),
            band(Some(1_000), 5_000),
            band(Some(5_000), 6_000),
            band(None, 7_000),
        ];
        RateTable {
            agricultural: vec![
                band(Some(75), 100),
                band(Some(100), 300),
                band(Some(500), 500),
                band(Some(1_000), 700),
                band(None, 1_000),
            ],
            residential_home: vec![band(Some(25), 300), band(Some(50), 500), band(None, 1_000)],
            residential_house_only: vec![
                band(Some(40), 200),
                band(Some(65), 300),
                band(Some(90), 500),
                band(None, 1_000),
            ],
            residential_other: vec![
                band(Some(50), 200),
                band(Some(75), 300),
                band(Some(100), 500),
                band(None, 1_000),
            ],
            other: other.clone(),
            vacant: other,
        }
    }

    /// The bands of one use.
    pub fn bands(&self, use_: Use) -> &[Band] {
        match use_ {
            Use::Agricultural => &self.agricultural,
            Use::ResidentialHome => &self.residential_home,
            Use::ResidentialHouseOnly => &self.residential_house_only,
            Use::ResidentialOther => &self.residential_other,
            Use::Other => &self.other,
            Use::Vacant => &self.vacant,
        }
    }

    /// Checks an office's own table (s.37 paras 6–7): every use has bands with rising ceilings and an open
    /// top band, and no rate above the legal ceiling (agricultural 0.15 %, residential 0.3 %, other use and
    /// vacant land 1.2 % before the s.43 escalation).
    pub fn validate(&self) -> Result<()> {
        for use_ in Use::ALL {
            let bands = self.bands(use_);
            let ceiling = use_.legal_ceiling();
            let well_formed = !bands.is_empty()
                && bands
                    .iter()
                    .enumerate()
                    .all(|(i, b)| (i + 1 == bands.len()) == b.up_to.is_none())
                && bands.windows(2).all(|w| match (w[0].up_to, w[1].up_to) {
                    (Some(a), Some(b)) => a < b && a.0 > 0,
                    (Some(a), None) => a.0 > 0,
                    _ => false,
                });
            if !well_formed {
                return Err(
                    Error::validation("error.tax.rate_table").arg_key("use", use_.label_key())
                );
            }
            if let Some(b) = bands.iter().find(|b| b.rate > ceiling || b.rate.0 < 0) {
                return Err(Error::validation("error.tax.rate_ceiling")
                    .arg_key("use", use_.label_key())
                    .arg("rate", b.rate.to_string())
                    .arg("ceiling", ceiling.to_string()));
            }
        }
        Ok(())
    }
}

impl Use {
    /// Every use, in the Act's order.
    pub const ALL: [Use; 6] = [
        Use::Agricultural,
        Use::ResidentialHome,
        Use::ResidentialHouseOnly,
        Use::ResidentialOther,
        Use::Other,
        Use::Vacant,
    ];

    /// The contract's name (`residential_home`).
    pub fn as_str(self) -> &'static str {
        match self {
            Use::Agricultural => "agricultural",
            Use::ResidentialHome => "residential_home",
            Use::ResidentialHouseOnly => "residential_house_only",
            Use::ResidentialOther => "residential_other",
            Use::Other => "other",
            Use::Vacant => "vacant",
        }
    }

    /// Reads a contract name.
    pub fn parse(input: &str) -> Result<Use> {
        Use::ALL
            .into_iter()
            .find(|u| u.as_str() == input.trim())
            .ok_or_else(|| Error::validation("error.tax.unknown_use").arg("input", input.trim()))
    }

    /// The message key of its Thai name.
    pub fn label_key(self) -> &'static str {
        match self {
            Use::Agricultural => "tax.use.agricultural",
            Use::ResidentialHome => "tax.use.residential_home",
            Use::ResidentialHouseOnly => "tax.use.residential_house_only",
            Use::ResidentialOther => "tax.use.residential_other",
            Use::Other => "tax.use.other",
            Use::Vacant => "tax.use.vacant",
        }
    }

    /// The s.37 ceiling on its rate.
    pub fn legal_ceiling(self) -> Rate {
        match self {
            Use::Agricultural => Rate(1_500),
            Use::ResidentialHome | Use::ResidentialHouseOnly | Use::ResidentialOther => Rate(3_000),
            Use::Other | Use::Vacant => Rate(12_000),
        }
    }
}

impl Structure {
    /// Percent of a building's value taken off for depreciation at `age` completed years (the Treasury
    /// table, §7.3: ตึก 1 %/yr to 10, then 2 %/yr to 74 % at 42, 76 % from 43; ตึกครึ่งไม้ 2/4/5 %/yr, 85 % from
    /// 22; ไม้ 3/5/7 %/yr, 93 % from 19). Age 0 has none.
    pub fn depreciation_percent(self, age: i32) -> u32 {
        let a = u32::try_from(age.max(0)).unwrap_or(0);
        match self {
            Structure::Masonry => match a {
                0..=10 => a,
                11..=42 => 10 + 2 * (a - 10),
                _ => 76,
            },
            Structure::HalfWood => match a {
                0..=5 => 2 * a,
                6..=15 => 10 + 4 * (a - 5),
                16..=21 => 50 + 5 * (a - 15),
                _ => 85,
            },
            Structure::Wood => match a {
                0..=5 => 3 * a,
                6..=15 => 15 + 5 * (a - 5),
                16..=18 => 65 + 7 * (a - 15),
                _ => 93,
            },
        }
    }
}

impl Rules {
    /// The built-in rules of a tax year: the Royal Decree B.E. 2564 rates (the s.94 rates) and that year's
    /// general reductions (2563: 90 %, 2564: 90 %, 2566: 15 %; none found for 2565, 2567–2569) plus the
    /// standing reductions of the 2563 decree by property flag (`inherited` 50 %; `npa`, `private_school`,
    /// `housing_project` 90 %). A property with a 90 % flag does not also get a general reduction.
    pub fn for_year(tax_year: i32) -> Rules {
        let ninety: Vec<String> =
            ["npa", "private_school", "housing_project"].iter().map(|f| (*f).to_owned()).collect();
        let general = |percent: i64| Reduction {
            percent: Rate(percent * 10_000),
            uses: Vec::new(),
            flag: None,
            unless_flags: ninety.clone(),
        };
        let mut reductions = match tax_year {
            2563 | 2564 => vec![general(90)],
            2566 => vec![general(15)],
            _ => Vec::new(),
        };
        reductions.push(Reduction {
            percent: Rate(50 * 10_000),
            uses: Vec::new(),
            flag: Some("inherited".to_owned()),
            unless_flags: Vec::new(),
        });
        for flag in &ninety {
            reductions.push(Reduction {
                percent: Rate(90 * 10_000),
                uses: Vec::new(),
                flag: Some(flag.clone()),
                unless_flags: Vec::new(),
            });
        }
        Rules { rates: RateTable::royal_decree_2564(), reductions }
    }
}

/// Which exemption a part draws from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pool {
    /// s.96: an individual's farm property in 2563–2565, wholly exempt.
    Whole,
    /// Shared allowances, all of which the part draws on at once: s.40 agricultural 50 M; s.41 the home
    /// 50 M, and a house on another's land 10 M within that same 50 M (a person has one registered home).
    Shared(Vec<(&'static str, Satang)>),
}

fn pool(use_: Use, owner: OwnerKind, tax_year: i32) -> Option<Pool> {
    let fifty = Satang(50 * MILLION);
    match (owner, use_) {
        (OwnerKind::Individual, Use::Agricultural) if tax_year <= 2565 => Some(Pool::Whole),
        (OwnerKind::Individual, Use::Agricultural) => Some(Pool::Shared(vec![("farm", fifty)])),
        (OwnerKind::Individual, Use::ResidentialHome) => Some(Pool::Shared(vec![("home", fifty)])),
        (OwnerKind::Individual, Use::ResidentialHouseOnly) => {
            Some(Pool::Shared(vec![("house_only", Satang(10 * MILLION)), ("home", fifty)]))
        }
        _ => None,
    }
}

fn negative(field: &'static str, part: usize) -> Error {
    Error::validation("error.tax.negative").arg("field", field).arg("part", (part + 1).to_string())
}

fn too_large() -> Error {
    Error::validation("error.tax.too_large")
}

/// Valued land and buildings of one part, before exemptions.
struct Valued {
    land: Vec<LandValuation>,
    buildings: Vec<BuildingValuation>,
    value: Satang,
}

fn to_satang(v: i128) -> Result<Satang> {
    i64::try_from(v).map(Satang).map_err(|_| too_large())
}

fn value_part(i: usize, part: &PartInput, tax_year: i32) -> Result<Valued> {
    let mut land = Vec::new();
    let mut buildings = Vec::new();
    let has_detail = !part.land.is_empty() || !part.buildings.is_empty();
    if let Some(Baht(v)) = part.value {
        if has_detail {
            return Err(
                Error::validation("error.tax.value_and_detail").arg("part", (i + 1).to_string())
            );
        }
        if v.is_negative() {
            return Err(negative("value", i));
        }
        return Ok(Valued { land, buildings, value: v });
    }
    if !has_detail {
        return Err(Error::validation("error.tax.no_value").arg("part", (i + 1).to_string()));
    }
    let mut total: i128 = 0;
    for l in &part.land {
        for (name, q) in [("rai", l.rai), ("ngan", l.ngan), ("sq_wah", l.sq_wah)] {
            if q.0 < 0 {
                return Err(negative(name, i));
            }
        }
        if l.price_per_sq_wah.0.is_negative() {
            return Err(negative("price_per_sq_wah", i));
        }
        let area = l.rai.0.checked_mul(400).ok_or_else(too_large)?
            + l.ngan.0.checked_mul(100).ok_or_else(too_large)?
            + l.sq_wah.0;
        let exact = area.checked_mul(i128::from(l.price_per_sq_wah.0.0)).ok_or_else(too_large)?;
        let value = to_satang(div_half_up(exact, SCALE))?;
        total += i128::from(value.0);
        land.push(LandValuation {
            area_sq_wah: Qty(area),
            price_per_sq_wah: l.price_per_sq_wah.0,
            value,
        });
    }
    for b in &part.buildings {
        if b.area_m2.0 < 0 {
            return Err(negative("area_m2", i));
        }
        if b.price_per_m2.0.is_negative() {
            return Err(negative("price_per_m2", i));
        }
        let age = tax_year - b.year_built;
        if age < 0 {
            return Err(Error::validation("error.tax.built_after")
                .arg("year", b.year_built.to_string())
                .arg("tax_year", tax_year.to_string()));
        }
        let dep = b.structure.depreciation_percent(age);
        let exact =
            b.area_m2.0.checked_mul(i128::from(b.price_per_m2.0.0)).ok_or_else(too_large)?;
        let gross = to_satang(div_half_up(exact, SCALE))?;
        let kept = exact.checked_mul(i128::from(100 - dep)).ok_or_else(too_large)?;
        let value = to_satang(div_half_up(kept, SCALE * 100))?;
        total += i128::from(value.0);
        buildings.push(BuildingValuation {
            area_m2: b.area_m2,
            price_per_m2: b.price_per_m2.0,
            structure: b.structure,
            age_years: age,
            depreciation_percent: dep,
            gross,
            value,
        });
    }
    Ok(Valued { land, buildings, value: to_satang(total)? })
}

fn check_part(i: usize, part: &PartInput, input: &AssessInput) -> Result<()> {
    let owner = input.owner.kind;
    if owner == OwnerKind::Juristic
        && matches!(part.use_, Use::ResidentialHome | Use::ResidentialHouseOnly)
    {
        return Err(Error::validation("error.tax.juristic_home")
            .arg("part", (i + 1).to_string())
            .arg_key("use", part.use_.label_key()));
    }
    if let Some(since) = part.vacant_since {
        if part.use_ != Use::Vacant {
            return Err(Error::validation("error.tax.vacant_since_not_vacant")
                .arg("part", (i + 1).to_string()));
        }
        if since > input.tax_year {
            return Err(Error::validation("error.tax.vacant_since_future")
                .arg("year", since.to_string())
                .arg("tax_year", input.tax_year.to_string()));
        }
    }
    Ok(())
}

/// The part of `net` in each band, with the band's (escalated) rate: exact tax numerators in satang × Rate.
fn slices(net: Satang, bands: &[Band], add: Rate) -> Vec<(Satang, Satang, Rate)> {
    let mut out = Vec::new();
    let mut lower = Satang::ZERO;
    for b in bands {
        if net <= lower {
            break;
        }
        let upper = b.up_to.map_or(net, |u| u.min(net));
        if upper > lower {
            let rate = Rate((b.rate.0 + add.0).min(VACANT_CAP.0.max(b.rate.0)));
            out.push((lower, upper, rate));
        }
        match b.up_to {
            Some(u) => lower = u,
            None => break,
        }
    }
    out
}

/// Assesses one taxpayer's parts for one tax year under `rules`. Fails with a Thai message, and computes
/// nothing, when any part is invalid (a juristic owner's home exemption, a negative area…).
///
/// Per part: value (land area × price; buildings area × price less depreciation; or the given value), less
/// the exemption (shared across the owner's parts of that pool, largest part first), then the progressive
/// bands on the net value (vacant land +0.3 points per completed 3 years of vacancy, each band capped at
/// 3 %), summed exactly, reduced by the year's reductions, and rounded once to satang, half up (§16).
pub fn assess(input: &AssessInput, rules: &Rules) -> Result<Assessment> {
    if !(FIRST_TAX_YEAR..=3000).contains(&input.tax_year) {
        return Err(Error::validation("error.tax.year").arg("year", input.tax_year.to_string()));
    }
    if input.parts.is_empty() {
        return Err(Error::validation("error.tax.no_parts"));
    }
    let mut valued = Vec::with_capacity(input.parts.len());
    for (i, part) in input.parts.iter().enumerate() {
        check_part(i, part, input)?;
        valued.push(value_part(i, part, input.tax_year)?);
    }

    // Exemptions: each pool shared across its parts, largest value first (ties in input order).
    let owner = input.owner.kind;
    let mut exemption = vec![Satang::ZERO; input.parts.len()];
    let mut order: Vec<usize> = (0..input.parts.len()).collect();
    order.sort_by(|a, b| valued[*b].value.cmp(&valued[*a].value).then(a.cmp(b)));
    let mut left: Vec<(&'static str, Satang)> = Vec::new();
    for &i in &order {
        let value = valued[i].value;
        exemption[i] = match pool(input.parts[i].use_, owner, input.tax_year) {
            None => Satang::ZERO,
            Some(Pool::Whole) => value,
            Some(Pool::Shared(caps)) => {
                let mut take = value;
                for (key, cap) in &caps {
                    if !left.iter().any(|(k, _)| k == key) {
                        left.push((key, *cap));
                    }
                    let remaining =
                        left.iter().find(|(k, _)| k == key).map_or(Satang::ZERO, |e| e.1);
                    take = take.min(remaining);
                }
                for (key, amount) in &mut left {
                    if caps.iter().any(|(k, _)| k == key) {
                        *amount = Satang(amount.0 - take.0);
                    }
                }
                take
            }
        };
    }

    let mut parts = Vec::with_capacity(input.parts.len());
    let mut total: i64 = 0;
    for (i, (part, v)) in input.parts.iter().zip(valued).enumerate() {
        let net = Satang(v.value.0 - exemption[i].0);
        let steps = match part.use_ {
            Use::Vacant => {
                let since = part.vacant_since.unwrap_or(input.tax_year);
                u32::try_from((input.tax_year - since) / 3).unwrap_or(0)
            }
            _ => 0,
        };
        let add = Rate(VACANT_STEP.0 * i64::from(steps));
        let mut exact: i128 = 0;
        let mut bands = Vec::new();
        for (from, to, rate) in slices(net, rules.rates.bands(part.use_), add) {
            let n = i128::from(to.0 - from.0) * i128::from(rate.0);
            exact += n;
            bands.push(BandTax {
                from: Satang(from.0 + exemption[i].0),
                to: Satang(to.0 + exemption[i].0),
                rate_percent: rate,
                tax: to_satang(div_half_up(n, i128::from(HUNDRED_PERCENT)))?,
            });
        }
        let tax_before_reduction = to_satang(div_half_up(exact, i128::from(HUNDRED_PERCENT)))?;
        // Reductions chain: the part pays the product of (100 % − each reduction).
        let mut paid_num: i128 = 1;
        let mut paid_den: i128 = 1;
        for r in rules.reductions.iter().filter(|r| applies(r, part)) {
            paid_num = paid_num
                .checked_mul(i128::from(HUNDRED_PERCENT - r.percent.0))
                .ok_or_else(too_large)?;
            paid_den = paid_den.checked_mul(i128::from(HUNDRED_PERCENT)).ok_or_else(too_large)?;
        }
        let tax_num = exact.checked_mul(paid_num).ok_or_else(too_large)?;
        let tax_den = i128::from(HUNDRED_PERCENT).checked_mul(paid_den).ok_or_else(too_large)?;
        let tax = to_satang(div_half_up(tax_num, tax_den))?;
        let reduction = HUNDRED_PERCENT
            - i64::try_from(div_half_up(paid_num * i128::from(HUNDRED_PERCENT), paid_den))
                .unwrap_or(0);
        total = total.checked_add(tax.0).ok_or_else(too_large)?;
        parts.push(PartAssessment {
            use_: part.use_,
            label: part.label.clone(),
            land: v.land,
            buildings: v.buildings,
            value: v.value,
            exemption: exemption[i],
            net,
            vacant_steps: steps,
            bands,
            tax_before_reduction,
            reduction_percent: Rate(reduction),
            tax,
        });
    }
    Ok(Assessment { tax_year: input.tax_year, owner_kind: owner, parts, tax: Satang(total) })
}

fn applies(r: &Reduction, part: &PartInput) -> bool {
    let has = |f: &String| part.flags.iter().any(|p| p == f);
    (r.uses.is_empty() || r.uses.contains(&part.use_))
        && r.flag.as_ref().is_none_or(has)
        && !r.unless_flags.iter().any(has)
}

/// Reads the JSON contract's input (`salactl tax assess`), with a Thai message naming what is wrong.
pub fn parse_input(text: &str) -> Result<AssessInput> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Error::validation("error.tax.input").arg("detail", e.to_string()))?;
    // The enumerations first, so an unknown name gets its own message.
    if let Some(kind) = value.pointer("/owner/kind").and_then(|k| k.as_str())
        && !["individual", "juristic"].contains(&kind)
    {
        return Err(Error::validation("error.tax.unknown_owner").arg("input", kind));
    }
    for part in value.get("parts").and_then(|p| p.as_array()).into_iter().flatten() {
        if let Some(u) = part.get("use").and_then(|u| u.as_str()) {
            Use::parse(u)?;
        }
        for b in part.get("buildings").and_then(|b| b.as_array()).into_iter().flatten() {
            if let Some(s) = b.get("structure").and_then(|s| s.as_str())
                && !["masonry", "half_wood", "wood"].contains(&s)
            {
                return Err(Error::validation("error.tax.unknown_structure").arg("input", s));
            }
        }
    }
    serde_json::from_value(value)
        .map_err(|e| Error::validation("error.tax.input").arg("detail", e.to_string()))
}

impl Assessment {
    /// The JSON contract of `salactl tax assess`: snake_case keys, amounts as decimal strings with two places.
    pub fn contract_json(&self) -> serde_json::Value {
        use serde_json::json;
        let parts: Vec<serde_json::Value> = self
            .parts
            .iter()
            .map(|p| {
                json!({
                    "use": p.use_.as_str(),
                    "label": p.label,
                    "land": p.land.iter().map(|l| json!({
                        "area_sq_wah": l.area_sq_wah.to_string(),
                        "price_per_sq_wah": l.price_per_sq_wah.to_string(),
                        "value": l.value.to_string(),
                    })).collect::<Vec<_>>(),
                    "buildings": p.buildings.iter().map(|b| json!({
                        "area_m2": b.area_m2.to_string(),
                        "price_per_m2": b.price_per_m2.to_string(),
                        "structure": b.structure,
                        "age_years": b.age_years,
                        "depreciation_percent": b.depreciation_percent,
                        "gross": b.gross.to_string(),
                        "value": b.value.to_string(),
                    })).collect::<Vec<_>>(),
                    "value": p.value.to_string(),
                    "exemption": p.exemption.to_string(),
                    "net": p.net.to_string(),
                    "vacant_steps": p.vacant_steps,
                    "bands": p.bands.iter().map(|b| json!({
                        "from": b.from.to_string(),
                        "to": b.to.to_string(),
                        "rate_percent": b.rate_percent.to_string(),
                        "tax": b.tax.to_string(),
                    })).collect::<Vec<_>>(),
                    "tax_before_reduction": p.tax_before_reduction.to_string(),
                    "reduction_percent": p.reduction_percent.to_string(),
                    "tax": p.tax.to_string(),
                })
            })
            .collect();
        json!({
            "tax_year": self.tax_year,
            "owner": { "kind": self.owner_kind },
            "tax": self.tax.to_string(),
            "parts": parts,
        })
    }
}
