//! The departments every อบต. has (from the office's plan: สำนักปลัด, กองคลัง, กองช่าง, กองการศึกษาฯ) and
//! their usual walk-in services. Both the demo office and a new real office start from this catalogue;
//! supervisors edit it later.

use rusqlite::types::Value;

use crate::db::{Entity, Writer};
use crate::error::Result;

pub(crate) struct DepartmentDef {
    pub code: &'static str,
    pub name_th: &'static str,
    pub name_en: &'static str,
    pub services: &'static [ServiceDef],
}

pub(crate) struct ServiceDef {
    pub code: &'static str,
    pub name_th: &'static str,
    pub name_en: &'static str,
    pub prefix: &'static str,
    pub minutes: i64,
    pub documents: &'static [&'static str],
}

pub(crate) const DEPARTMENTS: &[DepartmentDef] = &[
    DepartmentDef {
        code: "palad",
        name_th: "สำนักปลัด",
        name_en: "Office of the Chief Administrator",
        services: &[
            ServiceDef {
                code: "general",
                name_th: "ติดต่อทั่วไปและรับเรื่องร้องเรียน",
                name_en: "General enquiries and complaints",
                prefix: "A",
                minutes: 10,
                documents: &["บัตรประจำตัวประชาชน"],
            },
            ServiceDef {
                code: "welfare",
                name_th: "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุและผู้พิการ",
                name_en: "Elderly and disability allowance registration",
                prefix: "B",
                minutes: 15,
                documents: &[
                    "บัตรประจำตัวประชาชน",
                    "สำเนาทะเบียนบ้าน",
                    "สมุดบัญชีเงินฝากธนาคาร",
                    "บัตรประจำตัวคนพิการ (ถ้ามี)",
                ],
            },
        ],
    },
    DepartmentDef {
        code: "finance",
        name_th: "กองคลัง",
        name_en: "Finance Division",
        services: &[
            ServiceDef {
                code: "land_tax",
                name_th: "ชำระภาษีที่ดินและสิ่งปลูกสร้าง",
                name_en: "Land and building tax payment",
                prefix: "C",
                minutes: 10,
                documents: &["หนังสือแจ้งการประเมินภาษี", "บัตรประจำตัวประชาชน"],
            },
            ServiceDef {
                code: "fees",
                name_th: "ชำระค่าธรรมเนียมเก็บขยะและค่าน้ำประปา",
                name_en: "Waste collection and water fees",
                prefix: "D",
                minutes: 5,
                documents: &["ใบแจ้งหนี้ (ถ้ามี)"],
            },
        ],
    },
    DepartmentDef {
        code: "works",
        name_th: "กองช่าง",
        name_en: "Public Works Division",
        services: &[
            ServiceDef {
                code: "building_permit",
                name_th: "ขออนุญาตก่อสร้าง ดัดแปลง หรือรื้อถอนอาคาร",
                name_en: "Building, alteration and demolition permits",
                prefix: "E",
                minutes: 20,
                documents: &["บัตรประจำตัวประชาชน", "สำเนาทะเบียนบ้าน", "สำเนาโฉนดที่ดิน", "แบบแปลนอาคาร"],
            },
            ServiceDef {
                code: "repairs",
                name_th: "แจ้งซ่อมไฟฟ้าสาธารณะ ประปา และถนน",
                name_en: "Street light, water supply and road repairs",
                prefix: "F",
                minutes: 10,
                documents: &["ภาพถ่ายจุดที่ชำรุด (ถ้ามี)"],
            },
        ],
    },
    DepartmentDef {
        code: "education",
        name_th: "กองการศึกษา ศาสนาและวัฒนธรรม",
        name_en: "Education, Religion and Culture Division",
        services: &[ServiceDef {
            code: "child_centre",
            name_th: "สมัครเรียนศูนย์พัฒนาเด็กเล็ก",
            name_en: "Child development centre enrolment",
            prefix: "G",
            minutes: 15,
            documents: &[
                "สูติบัตรของเด็ก",
                "สำเนาทะเบียนบ้าน",
                "บัตรประจำตัวประชาชนของผู้ปกครอง",
                "สมุดบันทึกสุขภาพ (วัคซีน)",
            ],
        }],
    },
];

/// Inserts the catalogue; returns `(department code, service id)` for every service, in order.
pub(super) fn insert_catalog(w: &mut Writer<'_>) -> Result<Vec<(&'static str, String)>> {
    let mut services = Vec::new();
    for (d_idx, dept) in DEPARTMENTS.iter().enumerate() {
        let dept_id = w.insert(
            Entity::Department,
            &[
                ("code", Value::from(dept.code.to_owned())),
                ("name_th", dept.name_th.to_owned().into()),
                ("name_en", dept.name_en.to_owned().into()),
                ("sort_order", i64::try_from(d_idx).unwrap_or(0).into()),
            ],
        )?;
        for (s_idx, svc) in dept.services.iter().enumerate() {
            let docs = serde_json::to_string(svc.documents)?;
            let id = w.insert(
                Entity::Service,
                &[
                    ("department_id", dept_id.clone().into()),
                    ("code", svc.code.to_owned().into()),
                    ("name_th", svc.name_th.to_owned().into()),
                    ("name_en", svc.name_en.to_owned().into()),
                    ("ticket_prefix", svc.prefix.to_owned().into()),
                    ("expected_minutes", svc.minutes.into()),
                    ("documents_th", docs.into()),
                    ("sort_order", i64::try_from(s_idx).unwrap_or(0).into()),
                ],
            )?;
            services.push((dept.code, id));
        }
    }
    Ok(services)
}

/// Inserts a counter serving `service_ids`; returns its id.
pub(super) fn insert_counter(
    w: &mut Writer<'_>,
    number: u32,
    name: &str,
    location: &str,
    service_ids: &[&String],
) -> Result<String> {
    let counter_id = w.insert(
        Entity::Counter,
        &[
            ("number", i64::from(number).into()),
            ("name", name.to_owned().into()),
            ("location", location.to_owned().into()),
        ],
    )?;
    for service_id in service_ids {
        w.insert(
            Entity::CounterService,
            &[
                ("counter_id", counter_id.clone().into()),
                ("service_id", (*service_id).clone().into()),
            ],
        )?;
    }
    Ok(counter_id)
}
