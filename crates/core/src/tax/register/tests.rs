//! The register against a real (in-memory) database: checks that refuse bad input and change nothing,
//! search, the record, the bridge to the engine, and the CSV import (all or nothing, idempotent).

use std::collections::BTreeMap;

use super::*;
use crate::Lang;
use crate::auth::{Session, test_session};
use crate::db::tests::{db_with_office, t0};
use crate::db::{Actor, Db, Entity};
use crate::tax::engine::{OwnerKind, Qty, Structure, Use};

fn db() -> Db {
    let mut db = db_with_office();
    db.write(&Actor::system(), t0(), |w| {
        for (username, role) in [("finance", "finance"), ("clerk", "clerk")] {
            w.insert(
                Entity::User,
                &[
                    ("username", username.to_owned().into()),
                    ("display_name", username.to_owned().into()),
                    ("role", role.to_owned().into()),
                    ("password_hash", "x".to_owned().into()),
                ],
            )?;
        }
        Ok(())
    })
    .expect("users");
    db
}

fn finance(db: &Db) -> Session {
    test_session(db.conn(), "finance")
}

fn counts(db: &Db) -> BTreeMap<&'static str, i64> {
    [
        "taxpayer",
        "parcel",
        "building",
        "condo_unit",
        "co_owner",
        "property_use",
        "audit_log",
        "outbox",
    ]
    .into_iter()
    .map(|t| {
        let n = db
            .conn()
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .expect("count");
        (t, n)
    })
    .collect()
}

fn person(name: &str, id_no: &str) -> TaxpayerForm {
    TaxpayerForm {
        id: None,
        kind: OwnerKind::Individual,
        id_no: Some(id_no.to_owned()),
        title: "นาย".into(),
        name: name.into(),
        last_name: "ใจดี".into(),
        address: "1 หมู่ที่ 1".into(),
        phone: Some(String::new()),
        citizen_id: None,
    }
}

fn parcel(
    taxpayer: &str,
    deed: &str,
    unit: &str,
    (rai, ngan, wah): (&str, &str, &str),
) -> ParcelForm {
    ParcelForm {
        id: None,
        taxpayer_id: taxpayer.into(),
        deed_type: "โฉนดที่ดิน".into(),
        deed_no: deed.into(),
        land_no: String::new(),
        location: "หมู่ที่ 1".into(),
        tax_unit: unit.into(),
        rai: rai.into(),
        ngan: ngan.into(),
        sq_wah: wah.into(),
        price_per_sq_wah: "1000".into(),
        appraisal_round: String::new(),
    }
}

fn house(taxpayer: &str, parcel: Option<&str>, house_no: &str) -> BuildingForm {
    BuildingForm {
        id: None,
        taxpayer_id: taxpayer.into(),
        parcel_id: parcel.map(str::to_owned),
        house_no: house_no.into(),
        building_type: "บ้านเดี่ยว".into(),
        structure: "masonry".into(),
        floors: "2".into(),
        area_m2: "100".into(),
        year_built: "2560".into(),
        price_per_m2: "7000".into(),
        appraisal_round: String::new(),
    }
}

fn use_of(kind: PropertyKind, id: &str, u: &str, share: &str, since: &str) -> UseForm {
    UseForm {
        id: None,
        property_kind: kind,
        property_id: id.into(),
        tax_year: 2569,
        use_: u.into(),
        share_percent: share.into(),
        vacant_since: since.into(),
    }
}

const ID_A: &str = "3100100123451";
const ID_B: &str = "3310400612340";

#[test]
fn bad_input_is_refused_with_its_reason_and_changes_nothing() {
    let mut db = db();
    let s = finance(&db);
    let a = save_taxpayer(&mut db, &s, t0(), &person("สมชาย", ID_A)).expect("taxpayer");
    let before = counts(&db);

    let bad_id = save_taxpayer(&mut db, &s, t0(), &person("สมหญิง", "3100100123452"));
    assert_eq!(bad_id.expect_err("check digit").key(), "error.thai_id.check_digit");
    let juristic_with_citizen_id =
        TaxpayerForm { kind: OwnerKind::Juristic, ..person("บริษัท", ID_B) };
    let err = save_taxpayer(&mut db, &s, t0(), &juristic_with_citizen_id).expect_err("juristic");
    assert_eq!(err.key(), "error.tax.register.juristic_id");
    let err = save_taxpayer(&mut db, &s, t0(), &person("ซ้ำ", ID_A)).expect_err("taken");
    assert_eq!(err.key(), "error.tax.register.id_taken");
    assert!(err.to_string().contains("นายสมชาย ใจดี"), "{err}");

    let err =
        save_parcel(&mut db, &s, t0(), &parcel(&a, "1", "", ("1", "4", "0"))).expect_err("ngan 4");
    assert_eq!(err.key(), "error.tax.register.ngan");
    assert!(err.to_string().contains("ทดเป็นไร่"), "says what to do: {err}");
    let err =
        save_parcel(&mut db, &s, t0(), &parcel(&a, "1", "", ("-2", "0", "0"))).expect_err("neg");
    assert_eq!(err.key(), "error.tax.register.negative");
    let err =
        save_parcel(&mut db, &s, t0(), &parcel(&a, "1", "", ("0", "0", "100"))).expect_err("wah");
    assert_eq!(err.key(), "error.tax.register.sq_wah");
    let err =
        save_parcel(&mut db, &s, t0(), &parcel(&a, "1", "", ("0", "0", "0"))).expect_err("zero");
    assert_eq!(err.key(), "error.tax.register.area_zero");
    let mut b = house(&a, None, "1");
    b.structure = "brick".into();
    assert_eq!(
        save_building(&mut db, &s, t0(), &b).expect_err("structure").key(),
        "error.tax.register.structure"
    );
    assert_eq!(counts(&db), before, "nothing written by refused saves");

    let p =
        save_parcel(&mut db, &s, t0(), &parcel(&a, "100", "", ("1", "0", "0"))).expect("parcel");
    let before = counts(&db);
    let err = save_use(&mut db, &s, t0(), &use_of(PropertyKind::Parcel, &p, "farm", "", ""))
        .expect_err("unknown use");
    assert_eq!(err.key(), "error.tax.register.use");
    let err =
        save_use(&mut db, &s, t0(), &use_of(PropertyKind::Parcel, &p, "agricultural", "", "2563"))
            .expect_err("vacant_since on a farm");
    assert_eq!(err.key(), "error.tax.register.vacant_since_not_vacant");
    let err = save_use(&mut db, &s, t0(), &use_of(PropertyKind::Parcel, &p, "other", "0", ""))
        .expect_err("share 0");
    assert_eq!(err.key(), "error.tax.register.share");
    save_use(&mut db, &s, t0(), &use_of(PropertyKind::Parcel, &p, "other", "60", ""))
        .expect("60 %");
    let err =
        save_use(&mut db, &s, t0(), &use_of(PropertyKind::Parcel, &p, "agricultural", "50", ""))
            .expect_err("110 %");
    assert_eq!(err.key(), "error.tax.register.share_total");
    assert_eq!(counts(&db)["property_use"], before["property_use"] + 1);
}

#[test]
fn a_clerk_may_not_touch_the_register() {
    let mut db = db();
    let clerk = test_session(db.conn(), "clerk");
    let before = counts(&db);
    let err = save_taxpayer(&mut db, &clerk, t0(), &person("สมชาย", ID_A)).expect_err("clerk");
    assert_eq!(err.code(), crate::ErrorCode::NotPermitted);
    assert!(search(db.conn(), &clerk, "สมชาย").is_err());
    assert_eq!(counts(&db), before);
}

#[test]
fn search_finds_thai_substrings_ids_deeds_and_house_numbers_with_ids_masked() {
    let mut db = db();
    let s = finance(&db);
    let a = save_taxpayer(&mut db, &s, t0(), &person("สมชาย", ID_A)).expect("a");
    let b = save_taxpayer(
        &mut db,
        &s,
        t0(),
        &TaxpayerForm { last_name: "มั่งมี".into(), ..person("วันดี", ID_B) },
    )
    .expect("b");
    save_parcel(&mut db, &s, t0(), &parcel(&a, "55123", "", ("1", "0", "0"))).expect("parcel");
    save_building(&mut db, &s, t0(), &house(&b, None, "77/5")).expect("house");

    let names_in = |db: &Db, q: &str| -> Vec<String> {
        search(db.conn(), &s, q).expect("search").into_iter().map(|h| h.full_name).collect()
    };
    let names = |q: &str| names_in(&db, q);
    assert_eq!(names("มชา"), ["นายสมชาย ใจดี"], "a Thai substring in the middle of a name");
    assert_eq!(names("ใจดี"), ["นายสมชาย ใจดี"]);
    assert_eq!(names("1-0010-01234"), ["นายสมชาย ใจดี"], "an ID typed with dashes");
    assert_eq!(names("55123"), ["นายสมชาย ใจดี"], "a deed number");
    assert_eq!(names("77/5"), ["นายวันดี มั่งมี"], "a house number");
    assert_eq!(names("ดี"), ["นายวันดี มั่งมี", "นายสมชาย ใจดี"], "two characters fall back to a scan");
    assert_eq!(names("สมชาย 55"), ["นายสมชาย ใจดี"], "every word must match");
    assert!(names("ไม่มีใคร").is_empty());

    let hit = search(db.conn(), &s, "สมชาย").expect("search").remove(0);
    assert_eq!(hit.id_no_masked.as_deref(), Some("3-1001-xxxxx-xx-1"));
    assert_eq!(hit.properties, 1);
    let json = serde_json::to_string(&search(db.conn(), &s, "ดี").expect("search")).expect("json");
    assert!(!json.contains(ID_A) && !json.contains(ID_B), "no full ID in results: {json}");

    // Renamed and removed taxpayers follow in the index.
    let mut renamed = person("สมศักดิ์", ID_A);
    renamed.id = Some(a.clone());
    renamed.id_no = None;
    save_taxpayer(&mut db, &s, t0(), &renamed).expect("rename");
    assert!(names_in(&db, "สมชาย").is_empty());
    assert_eq!(names_in(&db, "สมศักดิ์"), ["นายสมศักดิ์ ใจดี"]);
    assert_eq!(
        names_in(&db, "55123"),
        ["นายสมศักดิ์ ใจดี"],
        "the ID was kept and the deed still found"
    );
    let record = record(db.conn(), &s, &a).expect("record");
    delete_property(&mut db, &s, t0(), PropertyKind::Parcel, &record.parcels[0].id)
        .expect("delete");
    assert!(names_in(&db, "55123").is_empty());
    delete_taxpayer(&mut db, &s, t0(), &a).expect("delete taxpayer");
    assert!(names_in(&db, "สมศักดิ์").is_empty());
    rebuild_search(db.conn()).expect("rebuild");
    assert_eq!(names_in(&db, "77/5"), ["นายวันดี มั่งมี"]);
}

#[test]
fn assess_input_groups_a_tax_unit_with_its_buildings_and_keeps_others_apart() {
    let mut db = db();
    let s = finance(&db);
    let a = save_taxpayer(&mut db, &s, t0(), &person("สมชาย", ID_A)).expect("a");
    let b = save_taxpayer(&mut db, &s, t0(), &person("สมหญิง", ID_B)).expect("b");
    // Two contiguous parcels (one unit) with a house, and a lone parcel.
    let p1 = save_parcel(&mut db, &s, t0(), &parcel(&a, "1", "U1", ("1", "0", "0"))).expect("p1");
    let p2 = save_parcel(&mut db, &s, t0(), &parcel(&a, "2", "U1", ("0", "2", "50"))).expect("p2");
    let p3 = save_parcel(&mut db, &s, t0(), &parcel(&a, "3", "", ("2", "0", "0"))).expect("p3");
    let h = save_building(&mut db, &s, t0(), &house(&a, Some(&p1), "9")).expect("house");
    // B's house stands on A's lone parcel: its own unit.
    let hb = save_building(&mut db, &s, t0(), &house(&b, Some(&p3), "9/1")).expect("b's house");
    for (kind, id, u, share) in [
        (PropertyKind::Parcel, &p1, "residential_home", "100"),
        (PropertyKind::Parcel, &p2, "residential_home", "100"),
        (PropertyKind::Building, &h, "residential_home", "100"),
        (PropertyKind::Parcel, &p3, "other", "25"),
        (PropertyKind::Parcel, &p3, "agricultural", "75"),
        (PropertyKind::Building, &hb, "residential_house_only", "100"),
    ] {
        save_use(&mut db, &s, t0(), &use_of(kind, id, u, share, "")).expect("use");
    }
    // A use in another year does not count.
    let mut other_year = use_of(PropertyKind::Parcel, &p3, "vacant", "100", "2563");
    other_year.tax_year = 2570;
    save_use(&mut db, &s, t0(), &other_year).expect("2570");

    let input = assess_input(db.conn(), &a, 2569).expect("input");
    assert_eq!(input.owner.kind, OwnerKind::Individual);
    let summary: Vec<(Use, usize, usize)> =
        input.parts.iter().map(|p| (p.use_, p.land.len(), p.buildings.len())).collect();
    assert_eq!(
        summary,
        [(Use::ResidentialHome, 2, 1), (Use::Agricultural, 1, 0), (Use::Other, 1, 0),],
        "the unit's two parcels and its house in one part; the lone parcel split by use: {:?}",
        input.parts
    );
    let home = &input.parts[0];
    assert_eq!(home.buildings[0].structure, Structure::Masonry);
    assert_eq!(home.buildings[0].area_m2, Qty::whole(100));
    assert!(
        home.label
            .as_deref()
            .is_some_and(|l| l.contains("โฉนดที่ดิน เลขที่ 1") && l.contains("บ้านเลขที่ 9"))
    );
    // 2 rai = 800 sq wah: 75 % is 600, 25 % is 200.
    assert_eq!(input.parts[1].land[0].sq_wah, Qty::whole(600));
    assert_eq!(input.parts[2].land[0].sq_wah, Qty::whole(200));

    let input_b = assess_input(db.conn(), &b, 2569).expect("b");
    assert_eq!(input_b.parts.len(), 1);
    assert_eq!(input_b.parts[0].use_, Use::ResidentialHouseOnly);
    assert!(input_b.parts[0].land.is_empty(), "B pays for the house only: {:?}", input_b.parts);

    let vacant = assess_input(db.conn(), &a, 2570).expect("2570");
    assert_eq!(vacant.parts.len(), 1);
    assert_eq!(vacant.parts[0].vacant_since, Some(2563));

    assert_eq!(
        taxpayers_for_year(db.conn(), 2569).expect("ids"),
        [a.clone(), b],
        "by name: สมชาย, สมหญิง"
    );
    assert_eq!(taxpayers_for_year(db.conn(), 2570).expect("ids"), [a]);
}

#[test]
fn a_vacancy_without_a_typed_start_year_follows_the_years_before_s43() {
    use crate::tax::engine::{Rules, assess};
    let mut db = db();
    let s = finance(&db);
    let a = save_taxpayer(&mut db, &s, t0(), &person("สมชาย", ID_A)).expect("a");
    let p = save_parcel(&mut db, &s, t0(), &parcel(&a, "1", "", ("1", "0", "0"))).expect("p");
    let q = save_parcel(&mut db, &s, t0(), &parcel(&a, "2", "", ("1", "0", "0"))).expect("q");
    let add = |db: &mut Db, id: &str, year: i32, u: &str, since: &str| {
        let mut f = use_of(PropertyKind::Parcel, id, u, "100", since);
        f.tax_year = year;
        save_use(db, &s, t0(), &f).expect("use");
    };
    // Parcel 1: vacant 2563, 2564, 2565 and 2566, one row a year, no start year typed.
    for year in 2563..=2566 {
        add(&mut db, &p, year, "vacant", "");
    }
    // Parcel 2: vacant 2563, farmed 2564, vacant 2565 and 2566.
    add(&mut db, &q, 2563, "vacant", "");
    add(&mut db, &q, 2564, "agricultural", "");
    add(&mut db, &q, 2565, "vacant", "");
    add(&mut db, &q, 2566, "vacant", "");

    let input = assess_input(db.conn(), &a, 2566).expect("2566");
    let since: Vec<Option<i32>> = input.parts.iter().map(|p| p.vacant_since).collect();
    assert_eq!(since, [Some(2563), Some(2565)], "{:?}", input.parts);
    let steps: Vec<u32> = assess(&input, &Rules::for_year(2566))
        .expect("assess")
        .parts
        .iter()
        .map(|p| p.vacant_steps)
        .collect();
    assert_eq!(
        steps,
        [1, 0],
        "three full years vacant before 2566 is step 1; farming in 2564 resets it"
    );
    let first_year = assess_input(db.conn(), &a, 2563).expect("2563");
    assert_eq!(
        first_year.parts[0].vacant_since,
        Some(2563),
        "no row before: vacant since its own year"
    );

    // The record shows the year the notice uses.
    let r = record(db.conn(), &s, &a).expect("record");
    let shown: Vec<(i32, Option<i32>)> =
        r.parcels[0].uses.iter().map(|u| (u.tax_year, u.vacant_since)).collect();
    assert_eq!(
        shown,
        [(2566, Some(2563)), (2565, Some(2563)), (2564, Some(2563)), (2563, Some(2563))]
    );

    // A start year typed on an earlier row wins over the walk; a gap (no row) ends it.
    let c = save_parcel(&mut db, &s, t0(), &parcel(&a, "3", "", ("1", "0", "0"))).expect("c");
    add(&mut db, &c, 2564, "vacant", "2560");
    add(&mut db, &c, 2565, "vacant", "");
    add(&mut db, &c, 2566, "vacant", "");
    let d = save_parcel(&mut db, &s, t0(), &parcel(&a, "4", "", ("1", "0", "0"))).expect("d");
    add(&mut db, &d, 2563, "vacant", "");
    add(&mut db, &d, 2566, "vacant", "");
    let input = assess_input(db.conn(), &a, 2566).expect("2566");
    let since: BTreeMap<String, Option<i32>> =
        input.parts.iter().map(|p| (p.label.clone().unwrap_or_default(), p.vacant_since)).collect();
    assert_eq!(since["โฉนดที่ดิน เลขที่ 3"], Some(2560), "{since:?}");
    assert_eq!(since["โฉนดที่ดิน เลขที่ 4"], Some(2566), "no row for 2564 and 2565: {since:?}");
}

#[test]
fn a_condo_unit_is_its_own_part_valued_by_area_times_price() {
    let mut db = db();
    let s = finance(&db);
    let a = save_taxpayer(&mut db, &s, t0(), &person("สมชาย", ID_A)).expect("a");
    let unit = CondoUnitForm {
        id: None,
        taxpayer_id: a.clone(),
        condo_name: "สาธิตคอนโด".into(),
        condo_reg_no: String::new(),
        unit_no: "305".into(),
        floor: "3".into(),
        area_m2: "32.5".into(),
        price_per_m2: "40000".into(),
        appraisal_round: String::new(),
    };
    let u = save_condo_unit(&mut db, &s, t0(), &unit).expect("unit");
    let err =
        save_use(&mut db, &s, t0(), &use_of(PropertyKind::CondoUnit, &u, "agricultural", "", ""))
            .expect_err("farm condo");
    assert_eq!(err.key(), "error.tax.register.condo_farm");
    save_use(&mut db, &s, t0(), &use_of(PropertyKind::CondoUnit, &u, "residential_other", "", ""))
        .expect("use");
    let input = assess_input(db.conn(), &a, 2569).expect("input");
    assert_eq!(input.parts.len(), 1);
    assert_eq!(input.parts[0].value.map(|b| b.0), Some(crate::money::Satang(130_000_000)));
    assert_eq!(input.parts[0].label.as_deref(), Some("ห้องชุดเลขที่ 305 สาธิตคอนโด"));
}

#[test]
fn the_record_shows_every_property_co_owner_and_use() {
    let mut db = db();
    let s = finance(&db);
    let a = save_taxpayer(&mut db, &s, t0(), &person("สมชาย", ID_A)).expect("a");
    let b = save_taxpayer(&mut db, &s, t0(), &person("สมหญิง", ID_B)).expect("b");
    let p = save_parcel(&mut db, &s, t0(), &parcel(&a, "1", "", ("1", "2", "30.5"))).expect("p");
    add_co_owner(&mut db, &s, t0(), PropertyKind::Parcel, &p, &b).expect("co-owner");
    add_co_owner(&mut db, &s, t0(), PropertyKind::Parcel, &p, &b).expect("twice changes nothing");
    assert_eq!(
        add_co_owner(&mut db, &s, t0(), PropertyKind::Parcel, &p, &a).expect_err("self").key(),
        "error.tax.register.co_owner_self"
    );
    let hb = save_building(&mut db, &s, t0(), &house(&b, Some(&p), "3")).expect("b's house");
    save_use(&mut db, &s, t0(), &use_of(PropertyKind::Parcel, &p, "vacant", "", "2565"))
        .expect("use");
    save_use(
        &mut db,
        &s,
        t0(),
        &use_of(PropertyKind::Building, &hb, "residential_house_only", "", ""),
    )
    .expect("use");

    let r = record(db.conn(), &s, &a).expect("record");
    assert_eq!(r.taxpayer.full_name, "นายสมชาย ใจดี");
    assert_eq!(r.taxpayer.id_no_masked.as_deref(), Some("3-1001-xxxxx-xx-1"));
    assert_eq!(r.parcels.len(), 1);
    assert_eq!(r.parcels[0].area_sq_wah, "630.5");
    assert_eq!(r.parcels[0].co_owners.len(), 1);
    assert_eq!(r.parcels[0].uses[0].vacant_since, Some(2565));
    assert_eq!(r.years, [2569]);
    let rb = record(db.conn(), &s, &b).expect("b");
    assert_eq!(rb.buildings[0].land_owner.as_deref(), Some("นายสมชาย ใจดี"));
    assert_eq!(rb.co_owned.len(), 1);
    assert_eq!(rb.co_owned[0].owner_id, a);
    assert_eq!(
        delete_taxpayer(&mut db, &s, t0(), &b).expect_err("owns a house").key(),
        "error.tax.register.has_property"
    );
}

const GOOD_CSV: &str = "\u{feff}taxpayer_ref,kind,id_no,title,name,last_name,address,property_ref,property_type,deed_type,deed_no,rai,ngan,sq_wah,price_per_sq_wah,location,on_land_ref,house_no,building_type,structure,floors,area_m2,year_built,price_per_m2,co_owner_refs,tax_year,use,share_percent,vacant_since\r\n\
T1,individual,3100100123451,นาย,สมชาย,ใจดี,\"1 หมู่ที่ 1, ตำบลสาธิต\",L1,land,โฉนดที่ดิน,501,2,1,50,150,หมู่ที่ 1,,,,,,,,,T2,2569,agricultural,100,\r\n\
T1,,,,,,,L1,,,,,,,,,,,,,,,,,,2570,agricultural,100,\r\n\
T2,individual,3310400612340,นาง,สมหญิง,ใจดี,,B1,building,,,,,,,,L1,5/1,บ้านเดี่ยว,wood,1,64,2545,4400,,2569,residential_house_only,,\r\n\
T3,juristic,0105557999999,บริษัท,สาธิต จำกัด,,,L2,land,โฉนดที่ดิน,502,0,3,0,9000,หมู่ที่ 2,,,,,,,,,,2569,vacant,,2563\r\n";

#[test]
fn a_good_csv_imports_once_and_again_adds_nothing() {
    let mut db = db();
    let s = finance(&db);
    let report = import_csv(&mut db, &s, t0(), GOOD_CSV).expect("import");
    assert!(report.imported(), "{:?}", report.error_lines(Lang::Th));
    assert_eq!((report.taxpayers_new, report.properties_new, report.uses_new), (3, 3, 4));
    assert_eq!(report.co_owners_new, 1);
    let after_first = counts(&db);
    assert_eq!(after_first["taxpayer"], 3);

    let again = import_csv(&mut db, &s, t0(), GOOD_CSV).expect("again");
    assert!(again.imported());
    assert_eq!((again.taxpayers_new, again.properties_new, again.uses_new), (0, 0, 0));
    assert_eq!(
        (again.taxpayers_existing, again.properties_existing, again.uses_existing),
        (3, 3, 4)
    );
    assert_eq!(counts(&db), after_first, "no row, audit entry or outbox entry added");

    let hit = search(db.conn(), &s, "สมหญิง").expect("search").remove(0);
    let r = record(db.conn(), &s, &hit.id).expect("record");
    assert_eq!(r.buildings[0].land_owner.as_deref(), Some("นายสมชาย ใจดี"), "on_land_ref resolved");
    let t1 = search(db.conn(), &s, "501").expect("deed").remove(0);
    let r1 = record(db.conn(), &s, &t1.id).expect("record");
    assert_eq!(r1.taxpayer.address, "1 หมู่ที่ 1, ตำบลสาธิต", "a quoted comma");
    assert_eq!(r1.years, [2570, 2569]);
    let company = search(db.conn(), &s, "สาธิต จำกัด").expect("search").remove(0);
    let input = assess_input(db.conn(), &company.id, 2569).expect("input");
    assert_eq!(input.owner.kind, OwnerKind::Juristic);
    assert_eq!(input.parts[0].vacant_since, Some(2563));
}

const CSV_HEAD: &str = "taxpayer_ref,kind,id_no,title,name,last_name,property_ref,property_type,deed_type,deed_no,rai,ngan,sq_wah,price_per_sq_wah,location,tax_year,use,share_percent,vacant_since\n";

#[test]
fn a_reimport_that_adds_a_use_counts_the_shares_already_on_the_register() {
    let mut db = db();
    let s = finance(&db);
    let owner = "T1,individual,3100100123451,นาย,สมชาย,ใจดี";
    let first = format!("{CSV_HEAD}{owner},L1,land,โฉนดที่ดิน,901,1,0,0,100,หมู่ 1,2569,other,60,\n");
    assert!(import_csv(&mut db, &s, t0(), &first).expect("first").imported());
    let before = counts(&db);

    // Adds a farm use of 50 % to the parcel's 60 % on the register: 110 %.
    let more =
        format!("{CSV_HEAD}{owner},L1,land,โฉนดที่ดิน,901,1,0,0,100,หมู่ 1,2569,agricultural,50,\n");
    let report = import_csv(&mut db, &s, t0(), &more).expect("report");
    assert!(!report.imported());
    assert_eq!(report.errors.len(), 1, "{:?}", report.error_lines(Lang::Th));
    assert_eq!(report.errors[0].line, 2);
    assert_eq!(report.errors[0].error.key(), "error.tax.register.share_total");
    assert!(report.error_lines(Lang::Th)[0].contains("110"), "{:?}", report.error_lines(Lang::Th));
    assert_eq!(counts(&db), before, "nothing imported");

    // The same file that also changes the other use to 50 % replaces it: 100 %.
    let both = format!(
        "{CSV_HEAD}{owner},L1,land,โฉนดที่ดิน,901,1,0,0,100,หมู่ 1,2569,other,50,\nT1,,,,,,L1,,,,,,,,,2569,agricultural,50,\n"
    );
    let report = import_csv(&mut db, &s, t0(), &both).expect("both");
    assert!(report.imported(), "{:?}", report.error_lines(Lang::Th));
    assert_eq!((report.uses_new, report.uses_existing), (1, 1));
    // Another year is counted on its own.
    let next =
        format!("{CSV_HEAD}{owner},L1,land,โฉนดที่ดิน,901,1,0,0,100,หมู่ 1,2570,agricultural,100,\n");
    assert!(import_csv(&mut db, &s, t0(), &next).expect("2570").imported());
}

#[test]
fn a_reimport_matches_a_parcel_by_deed_type_and_number() {
    let mut db = db();
    let s = finance(&db);
    let owner = "T1,individual,3100100123451,นาย,สมชาย,ใจดี";
    let first =
        format!("{CSV_HEAD}{owner},L1,land,โฉนดที่ดิน,123,1,0,0,100,หมู่ 1,2569,agricultural,,\n");
    assert!(import_csv(&mut db, &s, t0(), &first).expect("first").imported());
    let ns3 = format!("{CSV_HEAD}{owner},L2,land,น.ส.3,123,2,0,0,80,หมู่ 2,2569,agricultural,,\n");
    let report = import_csv(&mut db, &s, t0(), &ns3).expect("second");
    assert!(report.imported(), "{:?}", report.error_lines(Lang::Th));
    assert_eq!((report.properties_new, report.properties_existing), (1, 0));
    let t = search(db.conn(), &s, "สมชาย").expect("search").remove(0);
    let mut deeds: Vec<(String, String)> = record(db.conn(), &s, &t.id)
        .expect("record")
        .parcels
        .iter()
        .map(|p| (p.deed_type.clone(), p.deed_no.clone()))
        .collect();
    deeds.sort();
    assert_eq!(
        deeds,
        [("น.ส.3".to_owned(), "123".to_owned()), ("โฉนดที่ดิน".to_owned(), "123".to_owned())],
        "two parcels, the โฉนด kept as it was"
    );
    // Importing both again matches each to its own parcel.
    let again = import_csv(&mut db, &s, t0(), &first).expect("again");
    assert_eq!((again.properties_new, again.properties_existing), (0, 1));
}

#[test]
fn the_shipped_template_imports() {
    let mut db = db();
    let s = finance(&db);
    let report = import_csv(&mut db, &s, t0(), TEMPLATE_CSV).expect("template");
    assert!(report.imported(), "{:?}", report.error_lines(Lang::Th));
    assert_eq!(report.taxpayers_new, 4);
    assert_eq!(report.properties_new, 5);
}

#[test]
fn a_csv_with_bad_lines_imports_nothing_and_names_each_line() {
    let mut db = db();
    let s = finance(&db);
    let before = counts(&db);
    let bad = "taxpayer_ref,kind,id_no,title,name,last_name,property_ref,property_type,deed_type,deed_no,rai,ngan,sq_wah,price_per_sq_wah,location,tax_year,use,share_percent,vacant_since\n\
T1,individual,3100100123451,นาย,สมชาย,ใจดี,L1,land,โฉนดที่ดิน,601,1,0,0,100,หมู่ 1,2569,agricultural,,\n\
T2,individual,3100100123452,นาย,ผิด,เลข,L2,land,โฉนดที่ดิน,602,1,4,0,100,หมู่ 1,2569,farm,,\n\
T3,individual,,นาง,ดี,มาก,L3,land,โฉนดที่ดิน,603,-1,0,0,100,หมู่ 1,2569,other,,2563\n\
T1,,,,,,L1,,,,,,,,,2569,other,50,\n";
    let report = import_csv(&mut db, &s, t0(), bad).expect("report");
    assert!(!report.imported());
    let lines: Vec<u32> = report.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 3, 3, 4, 4, 5], "{:?}", report.error_lines(Lang::Th));
    let keys: Vec<&str> = report.errors.iter().map(|e| e.error.key()).collect();
    assert!(
        keys.contains(&"error.thai_id.check_digit") && keys.contains(&"error.tax.register.ngan")
    );
    assert!(
        keys.contains(&"error.tax.register.use") && keys.contains(&"error.tax.register.negative")
    );
    assert!(keys.contains(&"error.tax.register.vacant_since_not_vacant"));
    assert!(keys.contains(&"error.tax.register.share_total"), "line 5 takes L1 to 150 %");
    let text = report.error_lines(Lang::Th).join("\n");
    assert!(text.contains("บรรทัด 3: ") && text.contains("บรรทัด 5: "), "{text}");
    assert_eq!(counts(&db), before, "nothing imported");

    let header_only = import_csv(&mut db, &s, t0(), "taxpayer_ref,name,colour\n").expect("report");
    assert_eq!(header_only.errors[0].error.key(), "error.tax.csv.unknown_column");
    let unclosed = import_csv(&mut db, &s, t0(), "taxpayer_ref,name\nT1,\"open\n").expect("report");
    assert_eq!(unclosed.errors[0].error.key(), "error.tax.csv.quote");
    assert_eq!(counts(&db), before);
}

#[test]
fn the_demo_register_has_the_promised_cases() {
    let mut db = Db::open_in_memory(t0()).expect("open");
    crate::office::create_demo_office(&mut db, t0()).expect("demo");
    let s = finance(&db);
    let ids = taxpayers_for_year(db.conn(), 2569).expect("2569");
    assert!((20..=30).contains(&ids.len()), "{} taxpayers", ids.len());
    assert_eq!(taxpayers_for_year(db.conn(), 2570).expect("2570").len(), ids.len());
    let mut uses = std::collections::BTreeSet::new();
    let mut kinds = std::collections::BTreeSet::new();
    for id in &ids {
        let input = assess_input(db.conn(), id, 2569).expect("input");
        kinds.insert(format!("{:?}", input.owner.kind));
        uses.extend(input.parts.iter().map(|p| format!("{:?}", p.use_)));
    }
    assert_eq!(uses.len(), 6, "every use: {uses:?}");
    assert_eq!(kinds.len(), 2);
    let boonmee = search(db.conn(), &s, "บุญมี").expect("search");
    assert_eq!(boonmee.len(), 1);
    assert!(record(db.conn(), &s, &boonmee[0].id).expect("record").taxpayer.citizen_id.is_some());
    // The vacant land: vacant since 2563 in both years (typed on 2569, carried by the history in 2570).
    let vacant = search(db.conn(), &s, "60001").expect("search").remove(0);
    for (year, steps) in [(2569, 2), (2570, 2)] {
        let input = assess_input(db.conn(), &vacant.id, year).expect("input");
        assert_eq!(input.parts[0].vacant_since, Some(2563), "{year}");
        let a = crate::tax::engine::assess(&input, &crate::tax::engine::Rules::for_year(year))
            .expect("assess");
        assert_eq!(a.parts[0].vacant_steps, steps, "{year}");
    }
}

#[test]
fn synthetic_registers_are_varied_and_assessable() {
    let mut db = db();
    db.write(&Actor::system(), t0(), |w| synthetic(w, t0(), 60)).expect("synthetic");
    db.write(&Actor::system(), t0(), |w| synthetic(w, t0(), 20)).expect("called again");
    let ids = taxpayers_for_year(db.conn(), 2569).expect("ids");
    assert_eq!(ids.len(), 80, "a second call adds more, with new IDs");
    let mut uses = std::collections::BTreeSet::new();
    for id in &ids {
        let input = assess_input(db.conn(), id, 2569).expect("input");
        assert!(!input.parts.is_empty());
        uses.extend(input.parts.iter().map(|p| format!("{:?}", p.use_)));
    }
    assert!(uses.len() >= 4, "{uses:?}");
}

#[test]
fn the_documented_example_imports() {
    let doc = include_str!("../../../../../docs/tax-register-csv.md");
    let start = doc.find("```csv\n").expect("example") + "```csv\n".len();
    let end = start + doc[start..].find("```").expect("end");
    let mut db = db();
    let s = finance(&db);
    let report = import_csv(&mut db, &s, t0(), &doc[start..end]).expect("import");
    assert!(report.imported(), "{:?}", report.error_lines(Lang::Th));
    assert_eq!((report.taxpayers_new, report.properties_new, report.uses_new), (3, 4, 5));
}

#[test]
fn land_with_a_building_on_it_and_a_taxpayer_with_notices_are_kept() {
    let mut db = db();
    let s = finance(&db);
    let a = save_taxpayer(&mut db, &s, t0(), &person("สมชาย", ID_A)).expect("a");
    let land = save_parcel(&mut db, &s, t0(), &parcel(&a, "1", "", ("1", "0", "0"))).expect("land");
    let home = save_building(&mut db, &s, t0(), &house(&a, Some(&land), "9")).expect("house");
    let before = counts(&db);
    let err = delete_property(&mut db, &s, t0(), PropertyKind::Parcel, &land)
        .expect_err("a house stands on it");
    assert_eq!(err.key(), "error.tax.register.parcel_has_buildings");
    assert_eq!(counts(&db), before, "nothing written");
    // Once the house is gone, the land may go, and then the taxpayer who owns nothing.
    delete_property(&mut db, &s, t0(), PropertyKind::Building, &home).expect("house");
    delete_property(&mut db, &s, t0(), PropertyKind::Parcel, &land).expect("land");
    let b = save_taxpayer(&mut db, &s, t0(), &person("สมหญิง", ID_B)).expect("b");
    // A taxpayer with a notice stays: the notice is the office's record of what was assessed.
    db.write(&Actor::system(), t0(), |w| {
        w.insert(
            Entity::TaxNotice,
            &[
                ("taxpayer_id", b.clone().into()),
                ("tax_year", 2569_i64.into()),
                ("number", "256901000001".to_owned().into()),
                ("issued_on", "2026-02-01".to_owned().into()),
                ("due_date", "2026-06-30".to_owned().into()),
                ("tax_satang", 0_i64.into()),
                ("assessment", "{}".to_owned().into()),
            ],
        )
        .map(drop)
    })
    .expect("notice");
    let err = delete_taxpayer(&mut db, &s, t0(), &b).expect_err("has a notice");
    assert_eq!(err.key(), "error.tax.register.has_notices");
    delete_taxpayer(&mut db, &s, t0(), &a).expect("a owns nothing and has no notice");
}
