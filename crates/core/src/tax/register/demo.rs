//! The demo office's property register (about 25 taxpayers with uses for tax years 2569 and 2570) and a
//! synthetic register of any size for the notices benchmark. Both are deterministic and go through the
//! `Writer`, so every row is audited and queued for sync like real data.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::check;
use crate::db::{Entity, Writer};
use crate::error::Result;
use crate::money::Satang;

/// The 13th digit for the first twelve (the Thai ID and juristic tax ID check digit).
fn with_check_digit(first12: &str) -> String {
    let sum: u32 = first12.bytes().zip((2..=13).rev()).map(|(d, w)| u32::from(d - b'0') * w).sum();
    format!("{first12}{}", (11 - sum % 11) % 10)
}

struct Tp<'a> {
    kind: &'a str,
    id_no: String,
    title: &'a str,
    name: &'a str,
    last_name: &'a str,
    address: String,
    citizen_id: Option<String>,
}

fn taxpayer(w: &mut Writer<'_>, t: &Tp<'_>) -> Result<String> {
    w.insert(
        Entity::Taxpayer,
        &[
            ("kind", t.kind.to_owned().into()),
            ("id_no", t.id_no.clone().into()),
            ("title", t.title.to_owned().into()),
            ("name", t.name.to_owned().into()),
            ("last_name", t.last_name.to_owned().into()),
            ("address", t.address.clone().into()),
            ("citizen_id", t.citizen_id.clone().into()),
        ],
    )
}

#[allow(clippy::too_many_arguments)]
fn land(
    w: &mut Writer<'_>,
    owner: &str,
    deed_type: &str,
    deed_no: &str,
    moo: u32,
    tax_unit: &str,
    (rai, ngan, wah): (i64, i64, &str),
    price: &str,
) -> Result<String> {
    w.insert(
        Entity::Parcel,
        &[
            ("taxpayer_id", owner.to_owned().into()),
            ("deed_type", deed_type.to_owned().into()),
            ("deed_no", deed_no.to_owned().into()),
            ("land_no", deed_no.chars().rev().take(3).collect::<String>().into()),
            (
                "location",
                crate::i18n::tr(crate::Lang::Th, "tax.demo.location", &[("moo", moo.to_string())])
                    .into(),
            ),
            ("tax_unit", tax_unit.to_owned().into()),
            ("area_rai", rai.into()),
            ("area_ngan", ngan.into()),
            ("area_sq_wah", wah.to_owned().into()),
            ("price_per_sq_wah_satang", Satang::parse(price)?.0.into()),
            ("appraisal_round", super::DEFAULT_ROUND.to_owned().into()),
        ],
    )
}

#[allow(clippy::too_many_arguments)]
fn building(
    w: &mut Writer<'_>,
    owner: &str,
    parcel: Option<&str>,
    house_no: &str,
    building_type: &str,
    structure: &str,
    floors: i64,
    area: &str,
    year: i64,
    price: &str,
) -> Result<String> {
    w.insert(
        Entity::Building,
        &[
            ("taxpayer_id", owner.to_owned().into()),
            ("parcel_id", parcel.map(str::to_owned).into()),
            ("house_no", house_no.to_owned().into()),
            ("building_type", building_type.to_owned().into()),
            ("structure", structure.to_owned().into()),
            ("floors", floors.into()),
            ("area_m2", area.to_owned().into()),
            ("year_built", year.into()),
            ("price_per_m2_satang", Satang::parse(price)?.0.into()),
            ("appraisal_round", super::DEFAULT_ROUND.to_owned().into()),
        ],
    )
}

fn condo(
    w: &mut Writer<'_>,
    owner: &str,
    unit_no: &str,
    area: &str,
    price: &str,
) -> Result<String> {
    w.insert(
        Entity::CondoUnit,
        &[
            ("taxpayer_id", owner.to_owned().into()),
            ("condo_name", crate::i18n::t(crate::Lang::Th, "tax.demo.condo").into()),
            ("condo_reg_no", "1/2560".to_owned().into()),
            ("unit_no", unit_no.to_owned().into()),
            ("floor", unit_no.chars().next().map(String::from).unwrap_or_default().into()),
            ("area_m2", area.to_owned().into()),
            ("price_per_m2_satang", Satang::parse(price)?.0.into()),
            ("appraisal_round", super::DEFAULT_ROUND.to_owned().into()),
        ],
    )
}

fn uses(
    w: &mut Writer<'_>,
    column: &str,
    property: &str,
    years: &[i32],
    list: &[(&str, &str, Option<i32>)],
) -> Result<()> {
    for year in years {
        for (use_, share, since) in list {
            let fields: Vec<(&str, Value)> = vec![
                ("tax_year", i64::from(*year).into()),
                (column, property.to_owned().into()),
                ("use", (*use_).to_owned().into()),
                ("share_percent", (*share).to_owned().into()),
                ("vacant_since", since.map(i64::from).into()),
            ];
            w.insert(Entity::PropertyUse, &fields)?;
        }
    }
    Ok(())
}

/// A demo citizen: id, title, first name, last name, address.
type CitizenRow = (String, String, String, String, String);

fn citizen(w: &Writer<'_>, thai_id: &str) -> Result<Option<CitizenRow>> {
    Ok(w.conn()
        .query_row(
            "SELECT id, title, first_name, last_name, address FROM citizen WHERE thai_id = ?1",
            [thai_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?)
}

const YEARS: [i32; 2] = [2569, 2570];
const DEED: &str = "โฉนดที่ดิน";

/// Farmers and home owners added to the demo citizens: `(title, name, last name, moo)`.
const PEOPLE: &[(&str, &str, &str, u32)] = &[
    ("นาย", "สมบัติ", "มีที่ดิน", 3),
    ("นาง", "วันดี", "ร่วมทรัพย์", 4),
    ("นาย", "วันชัย", "ร่วมทรัพย์", 4),
    ("นางสาว", "ศิริพร", "คอนโดสุข", 1),
    ("นาย", "สมหวัง", "ใจเกษตร", 2),
    ("นาง", "บัวผัน", "นาดี", 2),
    ("นาย", "ทองดี", "สวนผลไม้", 3),
    ("นาง", "ประไพ", "ไร่อ้อย", 3),
    ("นาย", "มานพ", "เลี้ยงปลา", 5),
    ("นาย", "สุชาติ", "ปลูกยาง", 5),
    ("นาง", "ลำดวน", "ทำนา", 6),
    ("นาย", "อำนาจ", "บ้านสวย", 1),
    ("นาง", "จันทร์เพ็ญ", "อยู่สุข", 1),
    ("นาย", "ชัยวัฒน์", "ร้านค้า", 2),
    ("นางสาว", "ปราณี", "ใจบุญ", 6),
    ("นาย", "บุญเลิศ", "ทุ่งกว้าง", 6),
    ("นาง", "สายใจ", "รักบ้าน", 4),
];

/// Seeds the demo office's register after its citizens exist (`office::create_demo_office`).
pub(crate) fn seed(w: &mut Writer<'_>, _now: DateTime<Utc>) -> Result<()> {
    // Demo citizens who are also taxpayers (the restricted citizen is not on the register).
    let linked = [
        "3310100815903",
        "1310100830167",
        "3310400613184",
        "1319900609137",
        "5310100909963",
        "3310100030825",
    ];
    let mut c = Vec::new();
    for thai_id in linked {
        let Some((id, title, name, last, address)) = citizen(w, thai_id)? else { continue };
        c.push(taxpayer(
            w,
            &Tp {
                kind: "individual",
                id_no: thai_id.to_owned(),
                title: &title,
                name: &name,
                last_name: &last,
                address,
                citizen_id: Some(id),
            },
        )?);
    }
    let mut people = Vec::new();
    for (i, (title, name, last, moo)) in PEOPLE.iter().enumerate() {
        people.push(taxpayer(
            w,
            &Tp {
                kind: "individual",
                id_no: with_check_digit(&format!("3999{:08}", 100 + i)),
                title,
                name,
                last_name: last,
                address: crate::i18n::tr(
                    crate::Lang::Th,
                    "tax.demo.address",
                    &[("no", (20 + i * 3).to_string()), ("moo", moo.to_string())],
                ),
                citizen_id: None,
            },
        )?);
    }
    let company = taxpayer(
        w,
        &Tp {
            kind: "juristic",
            id_no: with_check_digit("010555712345"),
            title: "บริษัท",
            name: "สาธิตค้าวัสดุ จำกัด",
            last_name: "",
            address: crate::i18n::tr(
                crate::Lang::Th,
                "tax.demo.address",
                &[("no", "99".into()), ("moo", "1".into())],
            ),
            citizen_id: None,
        },
    )?;
    let y = &YEARS;
    let p = "parcel_id";
    let b = "building_id";

    if c.len() == linked.len() {
        // บุญมี: a farmer with his wooden house on the farm.
        let l = land(w, &c[0], DEED, "12345", 1, "", (5, 2, "40"), "150")?;
        uses(w, p, &l, y, &[("agricultural", "100", None)])?;
        let h = building(w, &c[0], Some(&l), "12", "บ้านเดี่ยว", "wood", 1, "72", 2535, "4400")?;
        uses(w, b, &h, y, &[("residential_home", "100", None)])?;
        // กาญจนา: her own home.
        let l = land(w, &c[1], DEED, "23456", 2, "", (0, 1, "25.5"), "1200")?;
        uses(w, p, &l, y, &[("residential_home", "100", None)])?;
        let h = building(w, &c[1], Some(&l), "45", "บ้านเดี่ยว", "masonry", 2, "140", 2555, "7500")?;
        uses(w, b, &h, y, &[("residential_home", "100", None)])?;
        // สมศรี: rice fields (น.ส.3ก).
        let l = land(w, &c[2], "น.ส.3ก", "3789", 3, "", (12, 0, "0"), "85")?;
        uses(w, p, &l, y, &[("agricultural", "100", None)])?;
        // ธนากร: his house on สมบัติ's land (rented).
        let l = land(w, &people[0], DEED, "50001", 4, "", (1, 0, "0"), "900")?;
        uses(w, p, &l, y, &[("residential_other", "100", None)])?;
        let h = building(w, &c[3], Some(&l), "88", "บ้านเดี่ยว", "half_wood", 1, "96", 2548, "5200")?;
        uses(w, b, &h, y, &[("residential_house_only", "100", None)])?;
        // ประเสริฐ: a shophouse, shop downstairs and home upstairs.
        let l = land(w, &c[4], DEED, "45678", 5, "", (0, 0, "18"), "2500.50")?;
        uses(w, p, &l, y, &[("other", "33.33", None), ("residential_home", "66.67", None)])?;
        let h = building(w, &c[4], Some(&l), "101", "ตึกแถว", "masonry", 3, "216", 2546, "8500")?;
        uses(w, b, &h, y, &[("other", "33.33", None), ("residential_home", "66.67", None)])?;
        // ทองใบ: land left vacant since 2563. The register starts in 2569, so that year's row says when the
        // vacancy began; the 2570 row leaves it empty and the history carries it (vacant since 2563, step 2).
        let l = land(w, &c[5], DEED, "60001", 1, "", (3, 0, "0"), "400")?;
        uses(w, p, &l, &y[..1], &[("vacant", "100", Some(2563))])?;
        uses(w, p, &l, &y[1..], &[("vacant", "100", None)])?;
    }
    // The company: two contiguous parcels (one tax unit) with a warehouse.
    let l1 = land(w, &company, DEED, "70001", 1, "A", (2, 0, "0"), "6000")?;
    let l2 = land(w, &company, DEED, "70002", 1, "A", (0, 2, "0"), "6000")?;
    uses(w, p, &l1, y, &[("other", "100", None)])?;
    uses(w, p, &l2, y, &[("other", "100", None)])?;
    let h = building(w, &company, Some(&l1), "99", "โกดัง", "masonry", 1, "600", 2558, "5000")?;
    uses(w, b, &h, y, &[("other", "100", None)])?;
    // วันดี and วันชัย own a rice field together.
    let l = land(w, &people[1], DEED, "80001", 4, "", (4, 0, "0"), "200")?;
    uses(w, p, &l, y, &[("agricultural", "100", None)])?;
    w.insert(
        Entity::CoOwner,
        &[("taxpayer_id", people[2].clone().into()), ("parcel_id", l.clone().into())],
    )?;
    // ศิริพร: a condominium unit.
    let u = condo(w, &people[3], "305", "32.5", "40000")?;
    uses(w, "condo_unit_id", &u, y, &[("residential_other", "100", None)])?;
    // Farmers and home owners.
    for (i, owner) in people.iter().enumerate().skip(4) {
        let deed = format!("{}", 81000 + i * 17);
        let moo = PEOPLE[i].3;
        if i % 3 == 2 {
            let l = land(w, owner, DEED, &deed, moo, "", (0, 1, "50"), "1500")?;
            uses(w, p, &l, y, &[("residential_home", "100", None)])?;
            let h = building(
                w,
                owner,
                Some(&l),
                &format!("{}/{}", 30 + i, moo),
                "บ้านเดี่ยว",
                "masonry",
                2,
                "120",
                2540 + i as i64,
                "6800",
            )?;
            uses(w, b, &h, y, &[("residential_home", "100", None)])?;
        } else {
            let rai = 3 + (i as i64 * 7) % 20;
            let l = land(w, owner, DEED, &deed, moo, "", (rai, (i as i64) % 4, "0"), "120")?;
            uses(w, p, &l, y, &[("agricultural", "100", None)])?;
        }
    }
    Ok(())
}

/// Adds `n` varied taxpayers with properties and uses for `now`'s tax year (B.E.): the register the notices
/// benchmark runs on. Deterministic; IDs start with 19 (01 for companies), never a demo ID.
pub fn synthetic(w: &mut Writer<'_>, now: DateTime<Utc>, n: usize) -> Result<()> {
    let year = [check::be_year_of(now)];
    // Numbers continue after any synthetic taxpayers already there, so it can be called again.
    let start: i64 = w.conn().query_row(
        "SELECT count(*) FROM taxpayer WHERE id_no LIKE '19%' OR id_no LIKE '01%'",
        [],
        |r| r.get(0),
    )?;
    let start = usize::try_from(start).unwrap_or(0);
    for i in start..start + n {
        let juristic = i % 10 == 9;
        let id_no = if juristic {
            with_check_digit(&format!("01{i:010}"))
        } else {
            with_check_digit(&format!("19{i:010}"))
        };
        let (title, name, last) = if juristic {
            ("บริษัท", format!("ทดสอบ {i} จำกัด"), String::new())
        } else {
            (
                if i % 2 == 0 { "นาย" } else { "นาง" },
                format!("ทดสอบ{i}"),
                format!("สังเคราะห์{}", i % 97),
            )
        };
        let moo = u32::try_from(i % 9 + 1).unwrap_or(1);
        let owner = taxpayer(
            w,
            &Tp {
                kind: if juristic { "juristic" } else { "individual" },
                id_no,
                title,
                name: &name,
                last_name: &last,
                address: crate::i18n::tr(
                    crate::Lang::Th,
                    "tax.demo.address",
                    &[("no", (i % 300 + 1).to_string()), ("moo", moo.to_string())],
                ),
                citizen_id: None,
            },
        )?;
        let rai = i64::try_from(i % 40).unwrap_or(0) + 1;
        let deed = format!("S{i}");
        let l = land(
            w,
            &owner,
            DEED,
            &deed,
            moo,
            "",
            (rai, i64::try_from(i % 4).unwrap_or(0), "25"),
            "350",
        )?;
        let land_use = match (juristic, i % 9) {
            (true, _) => "other",
            (false, 0) => "vacant",
            (false, 1 | 4 | 7) => "residential_home",
            _ => "agricultural",
        };
        let since = (land_use == "vacant").then_some(2563);
        uses(w, "parcel_id", &l, &year, &[(land_use, "100", since)])?;
        if land_use == "residential_home" || juristic {
            let h = building(
                w,
                &owner,
                Some(&l),
                &format!("{}/{}", i % 300 + 1, moo),
                "บ้านเดี่ยว",
                ["masonry", "half_wood", "wood"][i % 3],
                1 + i64::try_from(i % 3).unwrap_or(0),
                "120",
                2530 + i64::try_from(i % 38).unwrap_or(0),
                "6500",
            )?;
            let u = if juristic { "other" } else { "residential_home" };
            uses(w, "building_id", &h, &year, &[(u, "100", None)])?;
        }
        if i % 7 == 3 {
            let u = condo(w, &owner, &format!("{}{:02}", i % 8 + 1, i % 40), "35", "38000")?;
            uses(w, "condo_unit_id", &u, &year, &[("residential_other", "100", None)])?;
        }
    }
    Ok(())
}
