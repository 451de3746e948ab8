//! The engine and late-payment rules against the domain note's worked examples (examples.json, copied from
//! shared/domain) and many more: each use, band edges, exemption sharing, escalation steps, reductions by
//! year, late stages and instalment splits. Figures are worked by hand in the comments.

#![allow(clippy::needless_pass_by_value)] // the helpers take the JSON they build inline

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::{Value, json};

use super::engine::{self, AssessInput, Assessment, Rules};
use super::late::{self, Stage};
use crate::money::Satang;

fn assess(input: Value) -> crate::Result<Assessment> {
    let input: AssessInput = engine::parse_input(&input.to_string())?;
    engine::assess(&input, &Rules::for_year(input.tax_year))
}

fn tax(input: Value) -> String {
    assess(input).expect("valid input").tax.to_string()
}

fn one(year: i32, kind: &str, part: Value) -> Value {
    json!({"tax_year": year, "owner": {"kind": kind}, "parts": [part]})
}

fn b(baht: &str) -> Satang {
    Satang::parse(baht).expect("amount")
}

fn d(s: &str) -> NaiveDate {
    late::parse_date(s).expect("date")
}

// ---- the domain note's examples --------------------------------------------------------------------

#[test]
fn every_worked_example_of_the_domain_note() {
    let examples: Vec<Value> =
        serde_json::from_str(include_str!("examples.json")).expect("examples");
    let mut checked = 0;
    for ex in &examples {
        let id = ex["id"].as_str().expect("id");
        let exp = &ex["expected"];
        match id {
            "A1-dla-manual-main-house-exempt" => {
                let i = &ex["inputs"];
                let land = &i["land"];
                let bld = &i["buildings"][0];
                let year = ex["tax_year_be"].as_i64().expect("year") as i32;
                let input = one(
                    year,
                    "individual",
                    json!({
                        "use": "residential_home",
                        "land": [{"rai": land["area_rai"], "ngan": land["area_ngan"], "sq_wah": land["area_sq_wah"],
                                  "price_per_sq_wah": land["appraisal_per_sq_wah_baht"]}],
                        "buildings": [{"area_m2": bld["floor_area_m2"], "price_per_m2": bld["price_per_m2_baht"],
                                       "structure": bld["structure"], "year_built": year - bld["age_years"].as_i64().expect("age") as i32}],
                    }),
                );
                let a = assess(input).expect("A1");
                let p = &a.parts[0];
                assert_eq!(p.land[0].value, b("3000000"), "{id} land");
                assert_eq!(p.buildings[0].gross, b("600000"), "{id} building gross");
                assert_eq!(p.buildings[0].depreciation_percent, 40, "{id} depreciation");
                assert_eq!(p.buildings[0].value, b("360000"), "{id} building value");
                // The example (and its source) print the base as 3,600,000, but 3,000,000 + 360,000 is
                // 3,360,000: either way it is under the 50 M exemption and the tax is 0.
                assert_eq!(p.value, b("3360000"), "{id} base");
                assert_eq!(p.exemption, p.value, "{id} exemption");
                assert_eq!(a.tax, b(&exp["tax_baht"].to_string()), "{id}");
            }
            "A3-agricultural-individual-100M" => {
                let v = ex["inputs"]["agricultural_value_in_lga_baht"].to_string();
                let a = assess(one(
                    2567,
                    "individual",
                    json!({"use": "agricultural", "value": v.clone()}),
                ))
                .expect("A3");
                assert_eq!(a.parts[0].exemption, b("50000000"));
                assert_eq!(a.tax, b(&exp["tax_baht"].to_string()), "{id}");
                // "2566+": in 2566 itself the same 5,000 is computed, then RD No. 3's 15 % comes off.
                let a = assess(one(2566, "individual", json!({"use": "agricultural", "value": v})))
                    .expect("A3");
                assert_eq!((a.parts[0].tax_before_reduction, a.tax), (b("5000"), b("4250")));
            }
            "A6-residential-R1-75M-multibracket" => {
                let v = ex["inputs"]["land_and_building_value_baht"].to_string();
                let a =
                    assess(one(2567, "individual", json!({"use": "residential_home", "value": v})))
                        .expect("A6");
                let band = &a.parts[0].bands[0];
                assert_eq!(
                    (band.from, band.to, band.rate_percent.to_string()),
                    (b("50000000"), b("75000000"), "0.03".into())
                );
                assert_eq!(band.tax, b(&exp["bands"][0]["tax"].to_string()));
                assert_eq!(a.tax, b(&exp["tax_baht"].to_string()), "{id}");
            }
            "A7-vacant-land-1M-years-1-to-3" => {
                // Before the 90 % reductions of 2563/2564: so check 2565 (no reduction) with each vacancy count.
                for since in [2565, 2564, 2563] {
                    let a = assess(one(
                        2565,
                        "juristic",
                        json!({"use": "vacant", "value": "1000000", "vacant_since": since}),
                    ))
                    .expect("A7");
                    assert_eq!(
                        a.parts[0].tax_before_reduction,
                        b(&exp["tax_baht"].to_string()),
                        "{id} since {since}"
                    );
                    assert_eq!(a.tax, b("3000"), "{id}");
                }
                // And 2563 itself: 3,000 before the 90 % reduction, 300 after.
                let a =
                    assess(one(2563, "individual", json!({"use": "vacant", "value": "1000000"})))
                        .expect("A7");
                assert_eq!((a.parts[0].tax_before_reduction, a.tax), (b("3000"), b("300")));
            }
            "A9-late-payment-before-warning-1-month" => {
                let c = late::late_charges(
                    b("1000"),
                    d("2567-06-30"),
                    d("2567-07-20"),
                    Stage::BeforeWarning,
                    false,
                );
                assert_eq!(c.months, 1);
                assert_eq!(c.penalty, b(&exp["penalty_baht"].to_string()));
                assert_eq!(c.surcharge, b(&exp["surcharge_baht"].to_string()));
                assert_eq!(c.total, b(&exp["total_payable_baht"].to_string()));
            }
            "C2-other-use-100M" => {
                let a =
                    assess(one(2567, "juristic", json!({"use": "other", "value": "100000000"})))
                        .expect("C2");
                let bands: Vec<(Satang, Satang, String, Satang)> = a.parts[0]
                    .bands
                    .iter()
                    .map(|x| (x.from, x.to, x.rate_percent.to_string(), x.tax))
                    .collect();
                assert_eq!(
                    bands,
                    vec![
                        (b("0"), b("50000000"), "0.3".into(), b("150000")),
                        (b("50000000"), b("100000000"), "0.4".into(), b("200000")),
                    ]
                );
                assert_eq!(a.tax, b(&exp["tax_baht"].to_string()), "{id}");
            }
            "C8-instalments-9000" => {
                let list = late::instalments(b("9000"), 3).expect("C8");
                let want: Vec<Satang> = exp["instalments_baht"]
                    .as_array()
                    .expect("list")
                    .iter()
                    .map(|v| b(&v.to_string()))
                    .collect();
                assert_eq!(list, want);
            }
            other => panic!("an example without a check: {other}"),
        }
        checked += 1;
    }
    assert_eq!(checked, examples.len());
}

// ---- each use and its bands --------------------------------------------------------------------------

#[test]
fn band_edges_fall_in_the_lower_band() {
    // Exactly 50 M of other use: all at 0.3 % = 150,000; 100 baht more is in the 0.4 % band: + 0.40.
    assert_eq!(
        tax(one(2567, "juristic", json!({"use": "other", "value": "50000000"}))),
        "150000.00"
    );
    assert_eq!(
        tax(one(2567, "juristic", json!({"use": "other", "value": "50000100"}))),
        "150000.40"
    );
    // One satang above the edge: 0.004 satang at 0.4 % rounds away.
    assert_eq!(
        tax(one(2567, "juristic", json!({"use": "other", "value": "50000000.01"}))),
        "150000.00"
    );
    // 200 M: 150,000 + 150 M × 0.4 % = 750,000.
    assert_eq!(
        tax(one(2567, "juristic", json!({"use": "other", "value": "200000000"}))),
        "750000.00"
    );
    // 6,000 M: 150k + 600k + 4,000k + 24,000k + 1,000 M × 0.7 % = 7,000k → 35,750,000.
    assert_eq!(
        tax(one(2567, "juristic", json!({"use": "other", "value": "6000000000"}))),
        "35750000.00"
    );
}

#[test]
fn agricultural_bands_for_an_individual_start_after_the_exemption() {
    // 125 M: net 75 M × 0.01 % = 7,500.  150 M: 7,500 + 25 M × 0.03 % = 15,000.
    // 600 M: net 550 M: 7,500 + 7,500 + 400 M × 0.05 % (200,000) + 50 M × 0.07 % (35,000) = 250,000.
    for (value, want) in
        [("125000000", "7500.00"), ("150000000", "15000.00"), ("600000000", "250000.00")]
    {
        assert_eq!(
            tax(one(2568, "individual", json!({"use": "agricultural", "value": value}))),
            want,
            "{value}"
        );
    }
    // A juristic person has no exemption: 10 M × 0.01 % = 1,000.
    assert_eq!(
        tax(one(2568, "juristic", json!({"use": "agricultural", "value": "10000000"}))),
        "1000.00"
    );
    // 2563–2565: an individual's farmland is wholly exempt (s.96); from 2566 only the first 50 M.
    assert_eq!(
        tax(one(2565, "individual", json!({"use": "agricultural", "value": "200000000"}))),
        "0.00"
    );
    assert_eq!(
        tax(one(2566, "individual", json!({"use": "agricultural", "value": "60000000"}))),
        "850.00"
    );
}

#[test]
fn residential_cases_r1_r2_r3() {
    // R1 120 M: net 70 M: 25 M × 0.03 % (7,500) + 25 M × 0.05 % (12,500) + 20 M × 0.1 % (20,000) = 40,000.
    assert_eq!(
        tax(one(2569, "individual", json!({"use": "residential_home", "value": "120000000"}))),
        "40000.00"
    );
    // R2 (house only) 12 M: net 2 M × 0.02 % = 400.  60 M: net 50 M: 40 M × 0.02 % + 10 M × 0.03 % = 11,000.
    assert_eq!(
        tax(one(2569, "individual", json!({"use": "residential_house_only", "value": "12000000"}))),
        "400.00"
    );
    assert_eq!(
        tax(one(2569, "individual", json!({"use": "residential_house_only", "value": "60000000"}))),
        "11000.00"
    );
    // R3 3 M: 0.02 % = 600; 80 M: 10,000 + 7,500 + 5 M × 0.05 % = 20,000.
    assert_eq!(
        tax(one(2569, "individual", json!({"use": "residential_other", "value": "3000000"}))),
        "600.00"
    );
    assert_eq!(
        tax(one(2569, "juristic", json!({"use": "residential_other", "value": "80000000"}))),
        "20000.00"
    );
}

#[test]
fn exemptions_are_shared_largest_part_first() {
    // Two farm parcels of 40 M and 30 M: the 50 M goes to the 40 M first, 10 M to the other; net 20 M × 0.01 %.
    let a = assess(json!({"tax_year": 2569, "owner": {"kind": "individual"}, "parts": [
        {"use": "agricultural", "value": "30000000"},
        {"use": "agricultural", "value": "40000000"},
        {"use": "other", "value": "1000000"},
    ]}))
    .expect("valid");
    let ex: Vec<Satang> = a.parts.iter().map(|p| p.exemption).collect();
    assert_eq!(ex, vec![b("10000000"), b("40000000"), b("0")]);
    assert_eq!(a.parts[0].tax, b("2000"));
    assert_eq!(a.parts[1].tax, b("0"));
    assert_eq!(a.parts[2].tax, b("3000"));
    assert_eq!(a.tax, b("5000"));
    // Each band of a part with an exemption is shown in gross value: from 40 M (after its 10 M) to 30 M? No:
    // the slice starts at the exemption: 10 M → 30 M.
    assert_eq!((a.parts[0].bands[0].from, a.parts[0].bands[0].to), (b("10000000"), b("30000000")));
}

#[test]
fn one_person_has_one_home_allowance() {
    // A home of 45 M and a house on another's land of 20 M: the home takes 45 M of the 50 M; the house-only
    // part gets the 5 M left (not its own 10 M), so its net is 15 M × 0.02 % = 3,000.
    let a = assess(json!({"tax_year": 2569, "owner": {"kind": "individual"}, "parts": [
        {"use": "residential_home", "value": "45000000"},
        {"use": "residential_house_only", "value": "20000000"},
    ]}))
    .expect("valid");
    let ex: Vec<Satang> = a.parts.iter().map(|p| p.exemption).collect();
    assert_eq!(ex, vec![b("45000000"), b("5000000")]);
    assert_eq!(a.tax, b("3000"));
    // Two house-only parts share the 10 M.
    let a = assess(json!({"tax_year": 2569, "owner": {"kind": "individual"}, "parts": [
        {"use": "residential_house_only", "value": "8000000"},
        {"use": "residential_house_only", "value": "6000000"},
    ]}))
    .expect("valid");
    let ex: Vec<Satang> = a.parts.iter().map(|p| p.exemption).collect();
    assert_eq!(ex, vec![b("8000000"), b("2000000")]);
}

#[test]
fn buildings_depreciate_by_structure_and_age() {
    // The Treasury table at its corners.
    use engine::Structure::*;
    let table = [
        (Masonry, 0, 0),
        (Masonry, 1, 1),
        (Masonry, 10, 10),
        (Masonry, 11, 12),
        (Masonry, 42, 74),
        (Masonry, 43, 76),
        (Masonry, 90, 76),
        (HalfWood, 5, 10),
        (HalfWood, 6, 14),
        (HalfWood, 15, 50),
        (HalfWood, 16, 55),
        (HalfWood, 21, 80),
        (HalfWood, 22, 85),
        (HalfWood, 40, 85),
        (Wood, 5, 15),
        (Wood, 6, 20),
        (Wood, 10, 40),
        (Wood, 15, 65),
        (Wood, 16, 72),
        (Wood, 18, 86),
        (Wood, 19, 93),
        (Wood, 50, 93),
    ];
    for (s, age, pct) in table {
        assert_eq!(s.depreciation_percent(age), pct, "{s:?} at {age}");
    }
    // 150 m² masonry at 8,500/m², built 2549, tax year 2569 (20 years: 30 %): 1,275,000 × 70 % = 892,500.
    let a = assess(one(
        2569,
        "juristic",
        json!({"use": "other", "buildings": [
        {"area_m2": "150", "price_per_m2": "8500", "structure": "masonry", "year_built": 2549}]}),
    ))
    .expect("valid");
    assert_eq!(a.parts[0].buildings[0].depreciation_percent, 30);
    assert_eq!(a.parts[0].value, b("892500"));
    assert_eq!(a.tax, b("2677.50"));
}

#[test]
fn land_area_in_rai_ngan_wah_with_decimals() {
    // 2-1-50.5 = 950.5 sq wah × 1,200 = 1,140,600; other use 0.3 % = 3,421.80.
    let a = assess(one(
        2569,
        "juristic",
        json!({"use": "other",
        "land": [{"rai": 2, "ngan": 1, "sq_wah": "50.5", "price_per_sq_wah": "1200"}]}),
    ))
    .expect("valid");
    assert_eq!(a.parts[0].land[0].area_sq_wah.to_string(), "950.5");
    assert_eq!(a.parts[0].value, b("1140600"));
    assert_eq!(a.tax, b("3421.80"));
}

// ---- vacant land and reductions -------------------------------------------------------------------

#[test]
fn vacant_land_escalates_every_three_years_on_every_band_up_to_three_percent() {
    let vacant = |year: i32, since: i32, value: &str| {
        assess(one(
            year,
            "juristic",
            json!({"use": "vacant", "value": value, "vacant_since": since}),
        ))
        .expect("valid")
    };
    // Vacant since 2563: step 0 in 2565, 1 in 2566 (0.6 %), still 1 in 2568, 2 in 2569 (0.9 %).
    for (year, steps, tax) in
        [(2565, 0, "3000.00"), (2567, 1, "6000.00"), (2568, 1, "6000.00"), (2569, 2, "9000.00")]
    {
        let a = vacant(year, 2563, "1000000");
        assert_eq!((a.parts[0].vacant_steps, a.tax.to_string()), (steps, tax.to_owned()), "{year}");
    }
    // 2566 has the 15 % reduction: 6,000 × 85 % = 5,100.
    assert_eq!(vacant(2566, 2563, "1000000").tax, b("5100"));
    // Every band gets the step: 100 M at step 2 = 50 M × 0.9 % + 50 M × 1.0 % = 950,000.
    let a = vacant(2569, 2563, "100000000");
    let rates: Vec<String> = a.parts[0].bands.iter().map(|x| x.rate_percent.to_string()).collect();
    assert_eq!(rates, vec!["0.9", "1"]);
    assert_eq!(a.tax, b("950000"));
    // 30 years vacant = 10 steps: 0.3 + 3.0 capped at 3 % on every band.
    let a = vacant(2599, 2569, "100000000");
    assert!(a.parts[0].bands.iter().all(|x| x.rate_percent.to_string() == "3"));
    assert_eq!(a.tax, b("3000000"));
}

#[test]
fn reductions_by_tax_year_apply_to_the_computed_tax() {
    let other = |year| {
        assess(one(year, "juristic", json!({"use": "other", "value": "10000000"}))).expect("valid")
    };
    // 10 M × 0.3 % = 30,000 before reductions.
    for (year, pct, tax) in [
        (2563, "90", "3000.00"),
        (2564, "90", "3000.00"),
        (2565, "0", "30000.00"),
        (2566, "15", "25500.00"),
        (2567, "0", "30000.00"),
        (2568, "0", "30000.00"),
        (2569, "0", "30000.00"),
    ] {
        let a = other(year);
        assert_eq!(a.parts[0].tax_before_reduction, b("30000"), "{year}");
        assert_eq!(
            (a.parts[0].reduction_percent.to_string(), a.tax.to_string()),
            (pct.to_owned(), tax.to_owned()),
            "{year}"
        );
    }
    // RD No. 3 2566 stacking: an inherited property (50 %) gets the 15 % too: pays 42.5 % → 12,750.
    let a = assess(one(
        2566,
        "juristic",
        json!({"use": "other", "value": "10000000", "flags": ["inherited"]}),
    ))
    .expect("valid");
    assert_eq!((a.parts[0].reduction_percent.to_string(), a.tax), ("57.5".to_owned(), b("12750")));
    // A 90 % property keeps 90 % and does not get the 15 %.
    let a = assess(one(
        2566,
        "juristic",
        json!({"use": "other", "value": "10000000", "flags": ["npa"]}),
    ))
    .expect("valid");
    assert_eq!(a.tax, b("3000"));
}

#[test]
fn rounding_is_once_per_line_half_up() {
    // 1,234,567.89 of R3: × 0.02 % = 246.913578 → 246.91. 1,234,575 → 246.915 → 246.92 (half up).
    assert_eq!(
        tax(one(2569, "juristic", json!({"use": "residential_other", "value": "1234567.89"}))),
        "246.91"
    );
    assert_eq!(
        tax(one(2569, "juristic", json!({"use": "residential_other", "value": "1234575"}))),
        "246.92"
    );
    // 2566 reduction on an odd amount: 246.915 × 85 % = 209.87775 → 209.88 (not 246.92 × 85 % = 209.882).
    assert_eq!(
        tax(one(2566, "juristic", json!({"use": "residential_other", "value": "1234575"}))),
        "209.88"
    );
}

// ---- refusals -------------------------------------------------------------------------------------

#[test]
fn invalid_input_is_refused_with_a_reason() {
    let key = |v: Value| assess(v).expect_err("invalid").key().to_owned();
    assert_eq!(
        key(one(2569, "individual", json!({"use": "palace", "value": "1"}))),
        "error.tax.unknown_use"
    );
    assert_eq!(
        key(one(2569, "juristic", json!({"use": "residential_home", "value": "1"}))),
        "error.tax.juristic_home"
    );
    assert_eq!(
        key(one(2569, "juristic", json!({"use": "residential_house_only", "value": "1"}))),
        "error.tax.juristic_home"
    );
    assert_eq!(
        key(one(
            2569,
            "individual",
            json!({"use": "other",
        "land": [{"rai": -1, "ngan": 0, "sq_wah": "0", "price_per_sq_wah": "100"}]})
        )),
        "error.tax.negative"
    );
    assert_eq!(
        key(one(
            2569,
            "individual",
            json!({"use": "other",
        "buildings": [{"area_m2": "-80", "price_per_m2": "100", "structure": "wood", "year_built": 2550}]})
        )),
        "error.tax.negative"
    );
    assert_eq!(
        key(one(2569, "individual", json!({"use": "other", "value": "-5"}))),
        "error.tax.negative"
    );
    assert_eq!(
        key(one(2569, "individual", json!({"use": "other", "value": "5", "vacant_since": 2560}))),
        "error.tax.vacant_since_not_vacant"
    );
    assert_eq!(
        key(one(2569, "individual", json!({"use": "vacant", "value": "5", "vacant_since": 2570}))),
        "error.tax.vacant_since_future"
    );
    assert_eq!(key(one(2569, "individual", json!({"use": "other"}))), "error.tax.no_value");
    assert_eq!(
        key(one(2562, "individual", json!({"use": "other", "value": "5"}))),
        "error.tax.year"
    );
    assert_eq!(
        key(one(2569, "company", json!({"use": "other", "value": "5"}))),
        "error.tax.unknown_owner"
    );
    assert_eq!(key(json!({"tax_year": 2569})), "error.tax.input");
    assert_eq!(
        key(one(
            2569,
            "individual",
            json!({"use": "other",
        "buildings": [{"area_m2": "80", "price_per_m2": "100", "structure": "stone", "year_built": 2550}]})
        )),
        "error.tax.unknown_structure"
    );
}

#[test]
fn an_office_rate_table_is_checked_against_the_ceilings() {
    let mut rates = engine::RateTable::royal_decree_2564();
    rates.validate().expect("the decree's own table");
    rates.agricultural[0].rate = engine::Rate(1_500);
    rates.validate().expect("0.15 % is the ceiling itself");
    rates.agricultural[0].rate = engine::Rate(1_600);
    assert_eq!(rates.validate().expect_err("above").key(), "error.tax.rate_ceiling");
    let mut rates = engine::RateTable::royal_decree_2564();
    rates.other.swap(0, 1);
    assert_eq!(rates.validate().expect_err("unordered").key(), "error.tax.rate_table");
}

// ---- late payment and instalments -----------------------------------------------------------------

#[test]
fn months_late_count_each_started_month() {
    // Due 30 June: the first month is 1–31 July, the second from 1 August.
    let due = d("2026-06-30");
    for (paid, months) in [
        ("2026-06-30", 0),
        ("2026-07-01", 1),
        ("2026-07-30", 1),
        ("2026-07-31", 1),
        ("2026-08-01", 2),
        ("2026-08-31", 2),
        ("2026-09-01", 3),
        ("2027-06-30", 12),
        ("2027-07-01", 13),
    ] {
        assert_eq!(late::months_late(due, d(paid)), months, "due 30 June, paid {paid}");
    }
    // Due mid-month: 16 June–15 July is 1 month, 16 July starts the second.
    let due = d("2026-06-15");
    for (paid, months) in [("2026-06-16", 1), ("2026-07-15", 1), ("2026-07-16", 2)] {
        assert_eq!(late::months_late(due, d(paid)), months, "due 15 June, paid {paid}");
    }
    // From 31 January the first month ends with February, however short; the third starts on 31 March.
    let due = d("2027-01-30");
    for (paid, months) in [
        ("2027-02-27", 1),
        ("2027-02-28", 1),
        ("2027-03-01", 2),
        ("2027-03-30", 2),
        ("2027-03-31", 3),
    ] {
        assert_eq!(late::months_late(due, d(paid)), months, "due 30 January, paid {paid}");
    }
    // B.E. dates read the same.
    assert_eq!(late::months_late(d("2569-06-30"), d("2569-07-01")), 1);
}

#[test]
fn penalty_by_stage_and_surcharge_capped_at_the_tax() {
    let due = d("2569-06-30");
    for (stage, pct, total) in [
        (Stage::BeforeWarning, 10, "1110.00"),
        (Stage::WithinWarning, 20, "1210.00"),
        (Stage::AfterWarning, 40, "1410.00"),
    ] {
        let c = late::late_charges(b("1000"), due, d("2569-07-15"), stage, false);
        assert_eq!((c.penalty_percent, c.total.to_string()), (pct, total.to_owned()));
    }
    // Kept extension: 0.5 % a month. 3 months on 1,000 = 15.
    let c = late::late_charges(b("1000"), due, d("2569-09-15"), Stage::BeforeWarning, true);
    assert_eq!((c.months, c.surcharge), (3, b("15")));
    // 120 months: 120 % would exceed the tax, so the surcharge is the tax.
    let c = late::late_charges(b("1000"), due, d("2579-06-30"), Stage::AfterWarning, false);
    assert_eq!((c.surcharge, c.penalty, c.total), (b("1000"), b("400"), b("2400")));
    // On time: nothing added.
    let c = late::late_charges(b("1000"), due, due, Stage::AfterWarning, false);
    assert_eq!((c.months, c.penalty, c.surcharge, c.total), (0, b("0"), b("0"), b("1000")));
    // Rounding half up: 333.33 × 10 % = 33.333 → 33.33; × 1 % = 3.3333 → 3.33.
    let c = late::late_charges(b("333.35"), due, d("2569-07-02"), Stage::BeforeWarning, false);
    assert_eq!((c.penalty, c.surcharge), (b("33.34"), b("3.33")));
}

#[test]
fn instalments_split_into_equal_satang_with_the_remainder_first() {
    assert_eq!(
        late::instalments(b("10000"), 3).expect("ok"),
        vec![b("3333.34"), b("3333.33"), b("3333.33")]
    );
    assert_eq!(late::instalments(b("3000"), 3).expect("ok"), vec![b("1000"), b("1000"), b("1000")]);
    assert_eq!(late::instalments(b("3000.01"), 2).expect("ok"), vec![b("1500.01"), b("1500")]);
    assert_eq!(
        late::instalments(b("2999.99"), 3).expect_err("below").key(),
        "error.tax.instalment_minimum"
    );
    assert_eq!(late::instalments(b("2999.99"), 1).expect("one"), vec![b("2999.99")]);
    assert_eq!(
        late::instalments(b("9000"), 4).expect_err("four").key(),
        "error.tax.instalment_count"
    );
}

#[test]
fn dates_above_2400_are_buddhist_era() {
    assert_eq!(d("2569-06-30"), NaiveDate::from_ymd_opt(2026, 6, 30).expect("date"));
    assert_eq!(d("2026-06-30"), NaiveDate::from_ymd_opt(2026, 6, 30).expect("date"));
    assert!(late::parse_date("2569-02-30").is_err());
    assert!(late::parse_date("30/06/2569").is_err());
}

proptest! {
    /// Splitting never loses or makes a satang, and the shares differ by at most the remainder.
    #[test]
    fn instalments_always_add_up(satang in 300_000i64..10_000_000_000, n in 1u32..=3) {
        let list = late::instalments(Satang(satang), n).expect("eligible");
        prop_assert_eq!(list.iter().map(|s| s.0).sum::<i64>(), satang);
        prop_assert!(list.windows(2).all(|w| w[0] >= w[1] && w[0].0 - w[1].0 < i64::from(n)));
    }

    /// More value never means less tax, and the shown bands add up to the tax within a satang per band.
    #[test]
    fn tax_is_monotonic_and_bands_explain_it(v in 0i64..2_000_000_000_000, extra in 0i64..1_000_000_000, use_ in 0usize..6, since in 2530i32..=2569) {
        let u = engine::Use::ALL[use_];
        let kind = "individual";
        let part = |value: i64| {
            let mut p = json!({"use": u.as_str(), "value": Satang(value).to_string()});
            if u == engine::Use::Vacant { p["vacant_since"] = json!(since); }
            p
        };
        let a = assess(one(2569, kind, part(v))).expect("valid");
        let more = assess(one(2569, kind, part(v + extra))).expect("valid");
        prop_assert!(more.tax >= a.tax);
        let p = &a.parts[0];
        let shown: i64 = p.bands.iter().map(|x| x.tax.0).sum();
        prop_assert!((shown - p.tax_before_reduction.0).abs() <= p.bands.len() as i64);
        prop_assert_eq!(p.exemption.0 + p.net.0, p.value.0);
        prop_assert!(p.bands.iter().all(|x| x.rate_percent.0 <= 30_000));
    }

    /// The surcharge never exceeds the tax and grows with lateness.
    #[test]
    fn surcharge_is_capped_and_monotonic(tax in 0i64..100_000_000, days in 0i64..5000) {
        let due = d("2569-06-30");
        let paid = due + chrono::Duration::days(days);
        let later = paid + chrono::Duration::days(31);
        let c = late::late_charges(Satang(tax), due, paid, Stage::AfterWarning, false);
        let c2 = late::late_charges(Satang(tax), due, later, Stage::AfterWarning, false);
        prop_assert!(c.surcharge.0 <= tax);
        prop_assert!(c2.surcharge >= c.surcharge);
        prop_assert_eq!(c.total.0, tax + c.penalty.0 + c.surcharge.0);
    }
}
