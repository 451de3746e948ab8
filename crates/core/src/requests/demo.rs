//! The demo office's requests, made through the real operations by the demo staff on past days: a few of
//! every kind and state, a restricted complaint handled by the supervisor, an anonymous one, an overdue one,
//! a duplicate, one not the office's to do, and one on the call-back list.

use chrono::{DateTime, Duration, Utc};
use serde_json::{Map, Value as Json};

use super::category::{self, Category, Datatype};
use super::ops::{self, IntakeInput};
use super::{ContactChannel, Source, State};
use crate::auth::Session;
use crate::db::Writer;
use crate::error::Result;

/// Answers to `category`'s required questions (the first choice of a list, `1` for a number, a dash for
/// text), for demo and test data.
pub(crate) fn answers_for(category: &Category) -> Map<String, Json> {
    category
        .attributes
        .iter()
        .filter(|a| a.required)
        .map(|a| {
            let value = match a.datatype {
                Datatype::Singlevaluelist => {
                    Json::String(a.values.first().map(|v| v.key.clone()).unwrap_or_default())
                }
                Datatype::Multivaluelist => Json::Array(
                    a.values.first().map(|v| Json::String(v.key.clone())).into_iter().collect(),
                ),
                Datatype::Number => Json::String("1".into()),
                Datatype::Datetime => Json::String("2026-11-01".into()),
                Datatype::String | Datatype::Text => Json::String("-".into()),
            };
            (a.code.clone(), value)
        })
        .collect()
}

fn session(w: &Writer<'_>, username: &str) -> Result<Session> {
    let user = crate::auth::users_list(w.conn())?
        .into_iter()
        .find(|u| u.username == username)
        .ok_or_else(|| crate::Error::not_found(username.to_owned()))?;
    Ok(Session::for_demo(user))
}

struct Demo<'a> {
    category: &'a str,
    days_ago: i64,
    name: &'a str,
    phone: &'a str,
    address: &'a str,
    place: &'a str,
    area: &'a str,
    description: &'a str,
    source: Source,
    anonymous: bool,
}

impl Demo<'_> {
    fn input(&self, w: &Writer<'_>) -> Result<IntakeInput> {
        let category = category::by_code(w.conn(), self.category)?;
        Ok(IntakeInput {
            category: self.category.to_owned(),
            anonymous: self.anonymous,
            contact_name: self.name.to_owned(),
            contact_phone: self.phone.to_owned(),
            contact_address: self.address.to_owned(),
            contact_channel: (!self.anonymous && self.phone.is_empty())
                .then_some(ContactChannel::CallBack),
            description: self.description.to_owned(),
            answers: answers_for(&category),
            address: self.place.to_owned(),
            area: self.area.to_owned(),
            source: Some(self.source),
            ..IntakeInput::default()
        })
    }
}

/// Seeds the demo requests (after users, citizens and categories exist).
pub(crate) fn seed(w: &mut Writer<'_>, now: DateTime<Utc>) -> Result<()> {
    let clerk = session(w, "clerk")?;
    let chang = session(w, "chang")?;
    let palad = session(w, "palad")?;
    let at = |days_ago: i64, hour: i64| {
        now - Duration::days(days_ago) + Duration::hours(hour) - Duration::hours(now_hour(now))
    };
    let demos = [
        Demo {
            category: "street_light",
            days_ago: 6,
            name: "นายบุญมี ศรีสุข",
            phone: "0812345601",
            address: "12 หมู่ที่ 1 ตำบลบ้านสาธิต",
            place: "ถนนหน้าวัดบ้านสาธิต เสาที่ 3 จากสามแยก",
            area: "หมู่ที่ 1",
            description: "ไฟถนนดับทั้งแนว 3 ต้น กลางคืนมืดมาก เด็กนักเรียนเดินกลับบ้านลำบาก",
            source: Source::Counter,
            anonymous: false,
        },
        Demo {
            category: "water_supply",
            days_ago: 12,
            name: "นางสาวกาญจนา ทองดี",
            phone: "0898765402",
            address: "45 หมู่ที่ 2 ตำบลบ้านสาธิต",
            place: "ซอย 2 หมู่ที่ 2",
            area: "หมู่ที่ 2",
            description: "น้ำประปาไม่ไหลมา 2 วัน ทั้งซอย",
            source: Source::Phone,
            anonymous: false,
        },
        Demo {
            category: "water_supply_household",
            days_ago: 2,
            name: "นางทองใบ สิ่งสวัสดิ์",
            phone: "",
            address: "23 หมู่ที่ 1 ตำบลบ้านสาธิต",
            place: "23 หมู่ที่ 1",
            area: "หมู่ที่ 1",
            description: "ขอน้ำอุปโภคบริโภค 2,000 ลิตร บ่อบาดาลแห้ง",
            source: Source::GoogleForm,
            anonymous: false,
        },
        Demo {
            category: "electrical_installation",
            days_ago: 20,
            name: "นายธนากร ใจงาม",
            phone: "0923334404",
            address: "88 หมู่ที่ 4 ตำบลบ้านสาธิต",
            place: "ศาลาประชาคมหมู่ที่ 4",
            area: "หมู่ที่ 4",
            description: "ขอติดตั้งปลั๊กไฟและหลอดไฟในศาลาประชาคม",
            source: Source::Counter,
            anonymous: false,
        },
        Demo {
            category: "grievance",
            days_ago: 4,
            name: "นางสมศรี มีสุข",
            phone: "0861112203",
            address: "7/1 หมู่ที่ 3 ตำบลบ้านสาธิต",
            place: "ฟาร์มสุกรท้ายหมู่ที่ 3",
            area: "หมู่ที่ 3",
            description: "กลิ่นเหม็นจากฟาร์มสุกรรบกวนทั้งหมู่บ้านตั้งแต่ต้นเดือน",
            source: Source::Counter,
            anonymous: false,
        },
        Demo {
            category: "corruption",
            days_ago: 8,
            name: "นายวีระ กล้าแจ้ง",
            phone: "0897776607",
            address: "9 หมู่ที่ 6 ตำบลบ้านสาธิต",
            place: "",
            area: "",
            description: "เจ้าหน้าที่ขอเงินพิเศษเพื่อเร่งออกใบอนุญาตก่อสร้าง",
            source: Source::Counter,
            anonymous: false,
        },
        Demo {
            category: "corruption",
            days_ago: 1,
            name: "",
            phone: "",
            address: "",
            place: "",
            area: "",
            description: "มีการแบ่งงานจ้างซ่อมถนนให้ญาติของเจ้าหน้าที่",
            source: Source::Letter,
            anonymous: true,
        },
        Demo {
            category: "street_light",
            days_ago: 5,
            name: "นายประเสริฐ น้ำใจดี",
            phone: "0954445505",
            address: "101 หมู่ที่ 5 ตำบลบ้านสาธิต",
            place: "ถนนหน้าวัดบ้านสาธิต",
            area: "หมู่ที่ 1",
            description: "ไฟถนนหน้าวัดดับ",
            source: Source::Phone,
            anonymous: false,
        },
        Demo {
            category: "other_service",
            days_ago: 9,
            name: "นางสาวกาญจนา ทองดี",
            phone: "0898765402",
            address: "45 หมู่ที่ 2 ตำบลบ้านสาธิต",
            place: "เสาไฟฟ้าแรงสูง หมู่ที่ 2",
            area: "หมู่ที่ 2",
            description: "สายไฟฟ้าแรงสูงหย่อนต่ำพาดผ่านหลังคาบ้าน",
            source: Source::Counter,
            anonymous: false,
        },
    ];
    let mut codes = Vec::new();
    for d in &demos {
        w.set_now(at(d.days_ago, 9));
        let input = d.input(w)?;
        codes.push(ops::intake_in(w, &clerk, &input, None, None)?.tracking_code);
    }
    let chang_id = chang.user().id.clone();
    let palad_id = palad.user().id.clone();
    let step = |w: &mut Writer<'_>, s: &Session, i: usize, days_ago: i64, to: State, note: &str| {
        w.set_now(at(days_ago, 14));
        ops::change_state_in(w, s, &codes[i], to, note, None).map(drop)
    };
    // 0: the street light, taken by the works officer and being fixed.
    w.set_now(at(5, 10));
    ops::assign_in(w, &chang, &codes[0], None, Some(&chang_id))?;
    step(w, &chang, 0, 5, State::Checking, "")?;
    step(w, &chang, 0, 3, State::InProgress, "สั่งหลอดไฟแล้ว จะเข้าเปลี่ยนภายในสัปดาห์นี้")?;
    // 1: no water, still being checked past its due date.
    step(w, &chang, 1, 10, State::Checking, "")?;
    // 2: household water from the online form: the citizen has no phone, so updates go on the call-back list.
    step(w, &palad, 2, 1, State::Checking, "")?;
    // 3: done and rated.
    step(w, &chang, 3, 18, State::Checking, "")?;
    step(w, &chang, 3, 15, State::InProgress, "")?;
    step(w, &chang, 3, 10, State::Done, "ติดตั้งปลั๊กไฟ 4 จุด และหลอดไฟ 6 ดวงเรียบร้อย")?;
    w.set_now(at(9, 11));
    ops::rate_in(w, &clerk, &codes[3], 4)?;
    // 4: the grievance, in progress with an internal note.
    step(w, &palad, 4, 3, State::Checking, "")?;
    step(w, &palad, 4, 2, State::InProgress, "นัดตรวจฟาร์มร่วมกับปศุสัตว์อำเภอ")?;
    w.set_now(at(2, 15));
    ops::add_note_in(w, &palad, &codes[4], "เจ้าของฟาร์มรับปากติดตั้งระบบบำบัดกลิ่น", false)?;
    // 5: the restricted complaint, handled by the supervisor.
    w.set_now(at(7, 10));
    ops::assign_in(w, &palad, &codes[5], None, Some(&palad_id))?;
    step(w, &palad, 5, 7, State::Checking, "")?;
    // 7: the same street light as 0.
    w.set_now(at(4, 10));
    ops::change_state_in(
        w,
        &chang,
        &codes[7],
        State::Duplicate,
        "เรื่องเดียวกับที่รับไว้แล้ว",
        Some(&codes[0]),
    )?;
    // 8: not the office's to do.
    step(
        w,
        &palad,
        8,
        8,
        State::NotOurRemit,
        "สายไฟฟ้าแรงสูงเป็นของการไฟฟ้าส่วนภูมิภาค ได้ประสานการไฟฟ้าอำเภอนางรองให้แล้ว โทร 1129",
    )?;
    w.set_now(now);
    Ok(())
}

/// The office-time hour of `now`, so demo events fall in office hours whatever time the demo is made.
fn now_hour(now: DateTime<Utc>) -> i64 {
    use chrono::Timelike;
    i64::from(now.with_timezone(&crate::thai::date::office_offset()).hour())
}
