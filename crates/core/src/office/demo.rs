//! The demo office: a made-up อบต. with the plan's four departments, their services and counters, a user of
//! every role, some citizens and land parcels — so a newcomer sees a working app at once.
//!
//! Everything here is fictional (names, ID numbers with valid check digits, deeds).

use chrono::{DateTime, Utc};

use super::catalog;
use crate::auth::{DemoAccount, NewUser, Role, insert_user_in};
use crate::db::{Actor, Db, Entity};
use crate::error::Result;

/// The password of every demo user (shown on the demo sign-in screen only).
pub const DEMO_PASSWORD: &str = "demo1234";

const OFFICE_NAME: &str = "องค์การบริหารส่วนตำบลบ้านสาธิต";
const OFFICE_CODE: &str = "6999901";
const OFFICE_ADDRESS: &str = "หมู่ที่ 1 ตำบลบ้านสาธิต อำเภอนางรอง จังหวัดบุรีรัมย์ 31110";
const OFFICE_TAX_ID: &str = "0994000526016";

/// `(number, name, location, department codes served)`.
const COUNTERS: &[(u32, &str, &str, &[&str])] = &[
    (1, "งานทะเบียนและบริการทั่วไป", "ชั้น 1 ทางเข้าด้านซ้าย", &["palad"]),
    (2, "งานจัดเก็บรายได้ (กองคลัง)", "ชั้น 1 ตรงกลาง", &["finance"]),
    (3, "กองช่างและกองการศึกษา", "ชั้น 1 ด้านขวา", &["works", "education"]),
];

/// `(username, display name, role, PIN)`.
const USERS: &[(&str, &str, Role, &str)] = &[
    ("admin", "ผู้ดูแลระบบ (ตัวอย่าง)", Role::Admin, "864200"),
    ("palad", "นางสาวพรทิพย์ ปลัดสาธิต", Role::Supervisor, "975310"),
    ("finance", "นางมาลี รักษ์การเงิน", Role::Finance, "246801"),
    ("clerk", "นายสมชาย บริการดี", Role::Clerk, "135790"),
    ("chang", "นายวิชัย ช่างไฟดี", Role::Clerk, "802460"),
];

/// Each demo user's division (`app_user.department_id`): requests are routed to divisions. The works
/// officer (`chang`) handles street lights and water; the admin has none.
const USER_DIVISIONS: &[(&str, &str)] =
    &[("palad", "palad"), ("finance", "finance"), ("clerk", "palad"), ("chang", "works")];

/// The demo users and their credentials, for the demo office's sign-in screen.
pub fn demo_accounts() -> Vec<DemoAccount> {
    USERS
        .iter()
        .map(|(username, display_name, role, pin)| DemoAccount {
            username: (*username).to_owned(),
            display_name: (*display_name).to_owned(),
            role: *role,
            password: DEMO_PASSWORD.to_owned(),
            pin: (*pin).to_owned(),
        })
        .collect()
}

/// `(thai id, title, first, last, phone, address)`. The last one is restricted (see [`RESTRICTED_CITIZEN`]).
const CITIZENS: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("3310100815903", "นาย", "บุญมี", "ศรีสุข", "0812345601", "12 หมู่ที่ 1 ตำบลบ้านสาธิต"),
    ("1310100830167", "นางสาว", "กาญจนา", "ทองดี", "0898765402", "45 หมู่ที่ 2 ตำบลบ้านสาธิต"),
    ("3310400613184", "นาง", "สมศรี", "มีสุข", "0861112203", "7/1 หมู่ที่ 3 ตำบลบ้านสาธิต"),
    ("1319900609137", "นาย", "ธนากร", "ใจงาม", "0923334404", "88 หมู่ที่ 4 ตำบลบ้านสาธิต"),
    ("5310100909963", "นาย", "ประเสริฐ", "น้ำใจดี", "0954445505", "101 หมู่ที่ 5 ตำบลบ้านสาธิต"),
    ("3310100030825", "นาง", "ทองใบ", "สิ่งสวัสดิ์", "", "23 หมู่ที่ 1 ตำบลบ้านสาธิต"),
    ("3100100456786", "นาย", "วีระ", "กล้าแจ้ง", "0897776607", "9 หมู่ที่ 6 ตำบลบ้านสาธิต"),
];

/// The demo citizen whose record is restricted: he reported an official's misconduct, so only supervisors
/// see him (clerks' searches and counts leave him out).
pub const RESTRICTED_CITIZEN: &str = "3100100456786";

/// Creates the demo office in an empty database, in one transaction.
pub fn create_demo_office(db: &mut Db, now: DateTime<Utc>) -> Result<String> {
    let users = USERS
        .iter()
        .map(|(username, display_name, role, pin)| {
            NewUser::new(username, display_name, *role, DEMO_PASSWORD)?.with_pin(pin)
        })
        .collect::<Result<Vec<_>>>()?;
    db.write(&Actor::system(), now, |w| {
        let office_id = w.insert(
            Entity::Office,
            &[
                ("code", OFFICE_CODE.to_owned().into()),
                ("name", OFFICE_NAME.to_owned().into()),
                ("address", OFFICE_ADDRESS.to_owned().into()),
                ("tax_id", OFFICE_TAX_ID.to_owned().into()),
                ("is_demo", 1_i64.into()),
            ],
        )?;
        let services = catalog::insert_catalog(w)?;
        for (number, name, location, depts) in COUNTERS {
            let served: Vec<&String> =
                services.iter().filter(|(d, _)| depts.contains(d)).map(|(_, id)| id).collect();
            catalog::insert_counter(w, *number, name, location, &served)?;
        }
        let mut user_ids = Vec::new();
        for (user, (username, ..)) in users.iter().zip(USERS) {
            let division = USER_DIVISIONS.iter().find(|(u, _)| u == username).map(|(_, d)| d);
            let department: Option<String> = match division {
                Some(code) => Some(w.conn().query_row(
                    "SELECT id FROM department WHERE code = ?1 AND deleted_at IS NULL",
                    [code],
                    |r| r.get(0),
                )?),
                None => None,
            };
            user_ids.push(insert_user_in(w, user, department)?);
        }
        let mut citizen_ids = Vec::new();
        for (thai_id, title, first, last, phone, address) in CITIZENS {
            let phone = (!phone.is_empty()).then(|| (*phone).to_owned());
            let level = if *thai_id == RESTRICTED_CITIZEN { "restricted" } else { "internal" };
            citizen_ids.push(w.insert(
                Entity::Citizen,
                &[
                    ("thai_id", (*thai_id).to_owned().into()),
                    ("title", (*title).to_owned().into()),
                    ("first_name", (*first).to_owned().into()),
                    ("last_name", (*last).to_owned().into()),
                    ("phone", phone.into()),
                    ("address", (*address).to_owned().into()),
                    ("confidentiality", level.to_owned().into()),
                ],
            )?);
        }
        // Past days' queue: counter 1 by the clerk, 2 by finance, 3 by the supervisor.
        let staff: Vec<String> = ["clerk", "finance", "palad"]
            .iter()
            .filter_map(|name| USERS.iter().position(|u| u.0 == *name).map(|i| user_ids[i].clone()))
            .collect();
        let served: Vec<Vec<String>> = COUNTERS
            .iter()
            .map(|(_, _, _, depts)| {
                catalog::DEPARTMENTS
                    .iter()
                    .filter(|d| depts.contains(&d.code))
                    .flat_map(|d| d.services.iter().map(|s| s.code.to_owned()))
                    .collect()
            })
            .collect();
        crate::queue::demo::history(w, now, &staff, &served)?;
        // The property register: about 25 taxpayers with their uses for 2569 and 2570.
        crate::tax::register::demo::seed(w, now)?;
        // Calendars for 2569 and 2570, the biller ID, and every taxpayer's 2569 notice.
        crate::tax::notice::demo::seed(w, OFFICE_TAX_ID)?;
        // Receipt books for this PC and a few payments on the 2569 notices (after the notices' seed).
        let finance = USERS.iter().position(|u| u.0 == "finance").map(|i| user_ids[i].clone());
        crate::tax::receipt::demo::seed(w, now, &finance.unwrap_or_default())?;
        // Request categories (the seed form's) and a few requests in every state.
        crate::requests::category::seed_defaults(w)?;
        crate::requests::demo::seed(w, now)?;
        Ok(office_id)
    })
}
