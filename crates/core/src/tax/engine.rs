//! The assessment engine: pure, no database, no clock. See `docs/dev/tax.md` and the domain note's §16.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::money::Satang;
use crate::Result;

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

/// Assesses one taxpayer's parts for one tax year under `rules`. Fails with a Thai message, and computes
/// nothing, when any part is invalid (a juristic owner's home exemption, a negative area…).
pub fn assess(input: &AssessInput, rules: &Rules) -> Result<Assessment> {
    let _ = (input, rules);
    todo!("being written")
}

/// Reads the JSON contract's input (`salactl tax assess`), with a Thai message naming what is wrong.
pub fn parse_input(text: &str) -> Result<AssessInput> {
    let _ = text;
    todo!("being written")
}

impl Rules {
    /// The built-in rules of a tax year: the Royal Decree B.E. 2564 rates (the s.94 rates) and that year's
    /// general reductions (2563: 90 %, 2564: 90 %, 2566: 15 %) plus the standing property-flag reductions.
    pub fn for_year(tax_year: i32) -> Rules {
        let _ = tax_year;
        todo!("being written")
    }
}

impl Assessment {
    /// The JSON contract of `salactl tax assess`: snake_case keys, amounts as decimal strings with two places.
    pub fn contract_json(&self) -> serde_json::Value {
        todo!("being written")
    }
}
