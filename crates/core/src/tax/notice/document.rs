//! The notice on paper (A4): ภ.ด.ส.6 — the office, the taxpayer, the total in figures and Thai words, the due
//! date and instalment plan from the year's calendar, where and how to pay with a Thai QR bill payment and
//! the BOT counter barcode text, the s.68–70 warning and the objection right — followed by the ภ.ด.ส.7
//! (land and buildings) or ภ.ด.ส.8 (condominium units) detail of every part.

use base64::Engine as _;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Notice, NoticeStatus, PlannedInstalment, by_id, instalment_plan};
use crate::doc::samples::PLACEHOLDER_LOGO;
use crate::doc::{
    Align, Block, Boxed, Column, Document, DocumentKind, Image, Paper, Paragraph, Qr, RowCell,
    Rule, Span, Table,
};
use crate::error::{Error, ErrorCode, Result};
use crate::i18n::{Lang, t, tr};
use crate::money::Satang;
use crate::tax::decimal::SCALE;
use crate::tax::engine::{Structure, Use};
use crate::tax::settings;
use crate::thai::baht::baht_text;
use crate::thai::date::long_date;
use crate::thaiqr::{self, BillPayment};

/// The kind of document a notice is, for its print route.
pub const KIND: DocumentKind = DocumentKind::TaxNotice;

/// The document's title (PDF metadata, print job name) in `lang`: `ภ.ด.ส.6 256901000001`.
pub fn title(number: &str, lang: Lang) -> String {
    tr(lang, "msg.tax.notice.doc_title", &[("number", number.to_owned())])
}

/// How the notice is paid at a bank: the Thai QR bill payment and the matching counter barcode text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoticePayment {
    /// The QR payload (tag 30: biller ID, ref1 = notice number, ref2 = tax year, the amount).
    pub qr_payload: String,
    /// The BOT counter barcode text: `|biller\rref1\rref2\rsatang` (not for a QR).
    pub barcode_text: String,
    /// The biller ID.
    pub biller_id: String,
}

/// The payment codes of a notice with tax to pay; `None` when the tax is zero. Refused with a Thai message
/// when the office has no biller ID.
pub fn notice_payment(conn: &Connection, notice: &Notice) -> Result<Option<NoticePayment>> {
    if notice.tax <= Satang::ZERO {
        return Ok(None);
    }
    let biller_id = settings::biller_id(conn)?
        .ok_or_else(|| Error::new(ErrorCode::Conflict, "error.tax.no_biller"))?;
    let ref2 = notice.tax_year.to_string();
    let qr_payload = thaiqr::bill_payment(&BillPayment {
        biller_id: biller_id.clone(),
        ref1: notice.number.clone(),
        ref2: Some(ref2.clone()),
        ref3: None,
        amount: Some(notice.tax),
        poi: None,
    })?;
    let barcode_text =
        thaiqr::bot_barcode(&biller_id, &notice.number, Some(&ref2), Some(notice.tax))?;
    Ok(Some(NoticePayment { qr_payload, barcode_text, biller_id }))
}

// The stored assessment, read back for printing (the engine's types only serialize).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredAssessment {
    parts: Vec<StoredPart>,
    tax: Satang,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredPart {
    #[serde(rename = "use")]
    use_: Use,
    label: Option<String>,
    #[serde(default)]
    land: Vec<StoredLand>,
    #[serde(default)]
    buildings: Vec<StoredBuilding>,
    value: Satang,
    exemption: Satang,
    net: Satang,
    #[serde(default)]
    vacant_steps: u32,
    bands: Vec<StoredBand>,
    tax_before_reduction: Satang,
    reduction_percent: String,
    tax: Satang,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredLand {
    area_sq_wah: String,
    price_per_sq_wah: Satang,
    value: Satang,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredBuilding {
    area_m2: String,
    price_per_m2: Satang,
    structure: Structure,
    age_years: i32,
    depreciation_percent: u32,
    value: Satang,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredBand {
    from: Satang,
    to: Satang,
    rate_percent: String,
    tax: Satang,
}

/// Square wah (exact decimal text) as ไร่-งาน-ตารางวา: `2250.5` → `5-2-50.5`.
pub fn rai_ngan_wah(sq_wah: &str) -> String {
    let Ok(q) = crate::tax::engine::Qty::parse(sq_wah) else { return sq_wah.to_owned() };
    let total = q.0;
    let rai = total / (400 * SCALE);
    let rest = total % (400 * SCALE);
    let ngan = rest / (100 * SCALE);
    let wah = crate::tax::engine::Qty(rest % (100 * SCALE));
    format!("{rai}-{ngan}-{wah}")
}

fn structure_key(s: Structure) -> &'static str {
    match s {
        Structure::Masonry => "msg.tax.notice.structure.masonry",
        Structure::HalfWood => "msg.tax.notice.structure.half_wood",
        Structure::Wood => "msg.tax.notice.structure.wood",
    }
}

fn logo(data_url: Option<&str>) -> Vec<u8> {
    data_url
        .and_then(|u| u.strip_prefix("data:image/png;base64,"))
        .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
        .unwrap_or_else(|| PLACEHOLDER_LOGO.to_vec())
}

fn cells(row: &[String]) -> Vec<Vec<Span>> {
    row.iter().map(|c| vec![Span::regular(c.clone())]).collect()
}

fn table(weights: &[(f32, Align)], header: &[String], rows: &[Vec<String>], size: f32) -> Block {
    Block::Table(Table {
        columns: weights
            .iter()
            .map(|(weight, align)| Column { weight: *weight, align: *align })
            .collect(),
        header: header.to_vec(),
        rows: rows.iter().map(|r| cells(r)).collect(),
        size,
        grid: true,
    })
}

fn text(s: impl Into<String>, size: f32) -> Block {
    Block::Text(Paragraph::new(s, size))
}

fn bold(s: impl Into<String>, size: f32) -> Block {
    Block::Text(Paragraph::bold(s, size))
}

/// The notice `notice_id` as an A4 document. Refused when its tax is above zero and the office has no
/// biller ID (the notice would have no way to pay by QR).
pub fn notice_document(conn: &Connection, notice_id: &str, lang: Lang) -> Result<Document> {
    let notice = by_id(conn, notice_id)?;
    let payment = notice_payment(conn, &notice)?;
    let stored: StoredAssessment = serde_json::from_value(notice.assessment.clone())
        .map_err(|e| Error::new(ErrorCode::Internal, "error.internal").with_source(e))?;
    let office = crate::office::summary(conn)?;
    let (office_name, office_address, office_logo) =
        office.map(|o| (o.name, o.address, o.logo_data_url)).unwrap_or_default();
    let (address, title, name, last) = conn.query_row(
        "SELECT address, title, name, last_name FROM taxpayer WHERE id = ?1",
        [&notice.taxpayer_id],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        },
    )?;
    let taxpayer = super::full_name(&title, &name, &last);
    let calendar = settings::year(conn, notice.tax_year)?;
    let plan: Vec<PlannedInstalment> = match &calendar {
        Some(year) => instalment_plan(notice.tax, year)?,
        None => Vec::new(),
    };
    let year = notice.tax_year.to_string();
    let d = |x: NaiveDate| long_date(x, lang);
    let m = |s: Satang| s.to_grouped();

    let mut doc = Document::new(self::title(&notice.number, lang), Paper::A4);
    // Header: logo, the office, the form's title.
    doc.push(Block::Row(vec![
        RowCell {
            weight: 1.0,
            blocks: vec![Block::Image(Image {
                png: logo(office_logo.as_deref()),
                width_mm: 20.0,
                align: Align::Left,
            })],
        },
        RowCell {
            weight: 5.0,
            blocks: vec![
                Block::Text(Paragraph::bold(office_name.clone(), 16.0).align(Align::Center)),
                Block::Text(Paragraph::new(office_address, 11.0).align(Align::Center)),
                Block::Text(
                    Paragraph::bold(t(lang, "msg.tax.notice.title"), 15.0).align(Align::Center),
                ),
                Block::Text(
                    Paragraph::new(
                        tr(lang, "msg.tax.notice.year", &[("year", year.clone())]),
                        13.0,
                    )
                    .align(Align::Center),
                ),
            ],
        },
    ]));
    doc.push(Block::Text(
        Paragraph::new(
            tr(
                lang,
                "msg.tax.notice.number_date",
                &[("number", notice.number.clone()), ("date", d(notice.issued_on))],
            ),
            12.0,
        )
        .align(Align::Right),
    ));
    if notice.status != NoticeStatus::Issued {
        doc.push(Block::Text(
            Paragraph::bold(t(lang, "msg.tax.notice.superseded"), 14.0).align(Align::Center),
        ));
    }
    doc.push(Block::Rule(Rule { thickness: 0.8, dashed: false }));
    doc.push(Block::Text(Paragraph {
        spans: vec![
            Span::bold(t(lang, "msg.tax.notice.to")),
            Span::regular(format!(" {taxpayer}")),
        ],
        size: 13.0,
        align: Align::Left,
        wrap: true,
    }));
    if !address.trim().is_empty() {
        doc.push(text(tr(lang, "msg.tax.notice.address", &[("address", address)]), 12.0));
    }
    doc.push(Block::Space(1.5));
    doc.push(text(
        tr(
            lang,
            "msg.tax.notice.body",
            &[("office", office_name.clone()), ("year", year.clone()), ("tax", m(notice.tax))],
        ),
        12.0,
    ));
    doc.push(Block::Space(1.5));

    // The summary of the parts.
    let header: Vec<String> = [
        "msg.tax.notice.col.part",
        "msg.tax.notice.col.value",
        "msg.tax.notice.col.exemption",
        "msg.tax.notice.col.net",
        "msg.tax.notice.col.tax",
    ]
    .iter()
    .map(|k| t(lang, k))
    .collect();
    let rows: Vec<Vec<String>> = stored
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| vec![part_title(lang, i, p), m(p.value), m(p.exemption), m(p.net), m(p.tax)])
        .collect();
    doc.push(table(
        &[
            (4.0, Align::Left),
            (1.8, Align::Right),
            (1.6, Align::Right),
            (1.8, Align::Right),
            (1.4, Align::Right),
        ],
        &header,
        &rows,
        11.0,
    ));
    doc.push(Block::Space(1.5));
    doc.push(Block::Boxed(Boxed {
        blocks: vec![
            Block::Text(
                Paragraph::bold(tr(lang, "msg.tax.notice.total", &[("tax", m(stored.tax))]), 15.0)
                    .align(Align::Right),
            ),
            Block::Text(
                Paragraph::new(format!("({})", baht_text(stored.tax)), 13.0).align(Align::Right),
            ),
        ],
        padding_mm: 2.0,
        border: 0.8,
        shade: Some(0.06),
    }));
    doc.push(Block::Space(1.5));

    // When and how to pay.
    let mut pay: Vec<Block> = Vec::new();
    if notice.tax > Satang::ZERO {
        pay.push(bold(tr(lang, "msg.tax.notice.due", &[("date", d(notice.due_date))]), 13.0));
        if !plan.is_empty() {
            pay.push(text(t(lang, "msg.tax.notice.instalments"), 11.0));
            let header: Vec<String> = [
                "msg.tax.notice.col.instalment",
                "msg.tax.notice.col.due",
                "msg.tax.notice.col.amount",
            ]
            .iter()
            .map(|k| t(lang, k))
            .collect();
            let rows: Vec<Vec<String>> =
                plan.iter().map(|i| vec![i.number.to_string(), d(i.due), m(i.amount)]).collect();
            pay.push(table(
                &[(1.0, Align::Center), (2.4, Align::Left), (1.8, Align::Right)],
                &header,
                &rows,
                10.5,
            ));
        }
        pay.push(Block::Space(1.5));
        pay.push(text(tr(lang, "msg.tax.notice.where", &[("office", office_name)]), 11.0));
    } else {
        pay.push(bold(t(lang, "msg.tax.notice.nothing_to_pay"), 13.0));
    }
    match &payment {
        Some(p) => {
            doc.push(Block::Row(vec![
                RowCell { weight: 2.3, blocks: pay },
                RowCell {
                    weight: 1.0,
                    blocks: vec![
                        Block::Qr(Qr {
                            payload: p.qr_payload.clone(),
                            module_mm: 0.5,
                            align: Align::Center,
                        }),
                        Block::Text(
                            Paragraph::new(t(lang, "msg.tax.notice.scan"), 9.5)
                                .align(Align::Center),
                        ),
                    ],
                },
            ]));
            doc.push(Block::Text(
                Paragraph::new(
                    tr(
                        lang,
                        "msg.tax.notice.barcode",
                        &[
                            ("biller", p.biller_id.clone()),
                            ("ref1", notice.number.clone()),
                            ("ref2", year.clone()),
                            ("amount", m(notice.tax)),
                        ],
                    ),
                    9.5,
                )
                .align(Align::Left),
            ));
            doc.push(text(p.barcode_text.replace('\r', " "), 9.5));
        }
        None => {
            for block in pay {
                doc.push(block);
            }
        }
    }
    doc.push(Block::Space(1.0));
    let warning_days = calendar.as_ref().map_or(30, |c| c.warning_days);
    doc.push(text(tr(lang, "msg.tax.notice.warning", &[("days", warning_days.to_string())]), 10.5));
    doc.push(text(t(lang, "msg.tax.notice.objection"), 10.5));
    doc.push(Block::Space(4.0));
    doc.push(Block::Text(
        Paragraph::new(t(lang, "msg.tax.notice.signature"), 11.0).align(Align::Right),
    ));

    // The detail: ภ.ด.ส.7 for land and buildings, ภ.ด.ส.8 for condominium units.
    doc.push(Block::PageBreak);
    let condo = |p: &StoredPart| p.land.is_empty() && p.buildings.is_empty();
    for (form, parts) in [
        (
            "msg.tax.notice.form7",
            stored.parts.iter().enumerate().filter(|(_, p)| !condo(p)).collect::<Vec<_>>(),
        ),
        (
            "msg.tax.notice.form8",
            stored.parts.iter().enumerate().filter(|(_, p)| condo(p)).collect::<Vec<_>>(),
        ),
    ] {
        if parts.is_empty() {
            continue;
        }
        doc.push(Block::Text(
            Paragraph::bold(tr(lang, form, &[("year", year.clone())]), 14.0).align(Align::Center),
        ));
        doc.push(Block::Text(
            Paragraph::new(
                tr(
                    lang,
                    "msg.tax.notice.detail_of",
                    &[("name", taxpayer.clone()), ("number", notice.number.clone())],
                ),
                11.0,
            )
            .align(Align::Center),
        ));
        for (i, part) in parts {
            part_detail(&mut doc, lang, i, part);
        }
    }
    Ok(doc)
}

fn part_title(lang: Lang, i: usize, p: &StoredPart) -> String {
    let use_ = t(lang, p.use_.label_key());
    match p.label.as_deref().filter(|l| !l.trim().is_empty()) {
        Some(label) => format!("{}. {label} ({use_})", i + 1),
        None => format!("{}. {use_}", i + 1),
    }
}

fn part_detail(doc: &mut Document, lang: Lang, i: usize, p: &StoredPart) {
    let m = |s: Satang| s.to_grouped();
    doc.push(Block::Space(2.0));
    doc.push(bold(part_title(lang, i, p), 12.0));
    if !p.land.is_empty() {
        let header: Vec<String> = [
            "msg.tax.notice.col.area_rai",
            "msg.tax.notice.col.price_wah",
            "msg.tax.notice.col.land_value",
        ]
        .iter()
        .map(|k| t(lang, k))
        .collect();
        let rows: Vec<Vec<String>> = p
            .land
            .iter()
            .map(|l| vec![rai_ngan_wah(&l.area_sq_wah), m(l.price_per_sq_wah), m(l.value)])
            .collect();
        doc.push(table(
            &[(2.0, Align::Center), (2.0, Align::Right), (2.0, Align::Right)],
            &header,
            &rows,
            10.0,
        ));
    }
    if !p.buildings.is_empty() {
        let header: Vec<String> = [
            "msg.tax.notice.col.structure",
            "msg.tax.notice.col.area_m2",
            "msg.tax.notice.col.price_m2",
            "msg.tax.notice.col.age",
            "msg.tax.notice.col.depreciation",
            "msg.tax.notice.col.building_value",
        ]
        .iter()
        .map(|k| t(lang, k))
        .collect();
        let rows: Vec<Vec<String>> = p
            .buildings
            .iter()
            .map(|b| {
                vec![
                    t(lang, structure_key(b.structure)),
                    b.area_m2.clone(),
                    m(b.price_per_m2),
                    b.age_years.to_string(),
                    b.depreciation_percent.to_string(),
                    m(b.value),
                ]
            })
            .collect();
        doc.push(table(
            &[
                (1.8, Align::Left),
                (1.2, Align::Right),
                (1.4, Align::Right),
                (0.8, Align::Right),
                (1.0, Align::Right),
                (1.8, Align::Right),
            ],
            &header,
            &rows,
            10.0,
        ));
    }
    let line = |key: &str, amount: Satang| vec![t(lang, key), m(amount)];
    let mut rows = vec![
        line("msg.tax.notice.line.value", p.value),
        line("msg.tax.notice.line.exemption", p.exemption),
        line("msg.tax.notice.line.net", p.net),
    ];
    for b in &p.bands {
        rows.push(vec![
            tr(
                lang,
                "msg.tax.notice.line.band",
                &[("from", m(b.from)), ("to", m(b.to)), ("rate", b.rate_percent.clone())],
            ),
            m(b.tax),
        ]);
    }
    if p.vacant_steps > 0 {
        rows.push(vec![
            tr(lang, "msg.tax.notice.line.vacant_steps", &[("steps", p.vacant_steps.to_string())]),
            String::new(),
        ]);
    }
    rows.push(line("msg.tax.notice.line.before_reduction", p.tax_before_reduction));
    if p.reduction_percent != "0" {
        rows.push(vec![
            tr(lang, "msg.tax.notice.line.reduction", &[("percent", p.reduction_percent.clone())]),
            m(p.tax_before_reduction.checked_sub(p.tax).unwrap_or(Satang::ZERO)),
        ]);
    }
    rows.push(line("msg.tax.notice.line.tax", p.tax));
    doc.push(table(&[(4.0, Align::Left), (1.6, Align::Right)], &[], &rows, 10.5));
}

#[cfg(test)]
mod tests {
    use super::rai_ngan_wah;

    #[test]
    fn square_wah_read_as_rai_ngan_wah() {
        assert_eq!(rai_ngan_wah("2240"), "5-2-40");
        assert_eq!(rai_ngan_wah("125.5"), "0-1-25.5");
        assert_eq!(rai_ngan_wah("4800"), "12-0-0");
        assert_eq!(rai_ngan_wah("99.25"), "0-0-99.25");
    }
}
