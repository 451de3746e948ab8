//! The receipt (A5 portrait, the receipt route's default paper) and the day's cash summary (A4). Both are
//! official paper, so always in Thai.

use base64::Engine as _;
use chrono::NaiveDate;
use rusqlite::Connection;

use super::reports::CashSummary;
use super::{Receipt, ReceiptStatus};
use crate::doc::{
    Align, Block, Boxed, Column, Document, Image, Paper, Paragraph, Qr, RowCell, Rule, Span, Table,
};
use crate::error::Result;
use crate::i18n::{Lang, t, tr};
use crate::money::Satang;
use crate::thai::baht::baht_text;
use crate::thai::date::long_date;

const TH: Lang = Lang::Th;

fn date(text: &str) -> String {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_or_else(|_| text.to_owned(), |d| long_date(d, TH))
}

fn logo(data_url: Option<&str>) -> Option<Vec<u8>> {
    let b64 = data_url?.strip_prefix("data:image/png;base64,")?;
    base64::engine::general_purpose::STANDARD.decode(b64).ok()
}

fn amount_row(label: String, amount: Satang, bold: bool) -> Vec<Vec<Span>> {
    let span = |s: String| if bold { Span::bold(s) } else { Span::regular(s) };
    vec![vec![span(label)], vec![span(amount.to_grouped())]]
}

/// The office's header: logo beside its name and address.
fn header(conn: &Connection, doc: &mut Document) -> Result<()> {
    let office = crate::office::summary(conn)?.unwrap_or_else(|| crate::office::OfficeSummary {
        id: String::new(),
        code: String::new(),
        name: String::new(),
        address: String::new(),
        tax_id: String::new(),
        logo_data_url: None,
        is_demo: false,
    });
    let text = vec![
        Block::Text(Paragraph::bold(office.name.clone(), 14.0)),
        Block::Text(Paragraph::new(office.address.clone(), 9.0)),
        Block::Text(Paragraph::new(
            tr(TH, "msg.tax.receipt.tax_id", &[("id", office.tax_id)]),
            9.0,
        )),
    ];
    match logo(office.logo_data_url.as_deref()) {
        Some(png) => doc.push(Block::Row(vec![
            RowCell {
                weight: 1.0,
                blocks: vec![Block::Image(Image { png, width_mm: 16.0, align: Align::Left })],
            },
            RowCell { weight: 6.0, blocks: text },
        ])),
        None => doc.push(Block::Row(vec![RowCell { weight: 1.0, blocks: text }])),
    };
    Ok(())
}

/// The receipt: office, title, เล่มที่/เลขที่, date, payer, notice and tax year, the items in baht and satang
/// (tax per instalment, penalty with its percent, surcharge with its months), the total in figures and Thai
/// words, method and reference, the receiving officer, signature lines and the verification QR. A voided
/// receipt carries a large ยกเลิก stamp with the reason.
pub fn receipt_document(conn: &Connection, r: &Receipt) -> Result<Document> {
    let mut doc = Document::new(
        tr(
            TH,
            "msg.tax.receipt.doc_title",
            &[("book", r.book_no.to_string()), ("number", r.number.to_string())],
        ),
        Paper::A5,
    );
    if r.status == ReceiptStatus::Voided {
        let reason = r.void_reason.clone().unwrap_or_default();
        doc.push(Block::Boxed(Boxed {
            blocks: vec![
                Block::Text(
                    Paragraph::bold(t(TH, "msg.tax.receipt.voided_stamp"), 40.0)
                        .align(Align::Center),
                ),
                Block::Text(
                    Paragraph::new(
                        tr(TH, "msg.tax.receipt.voided_reason", &[("reason", reason)]),
                        10.0,
                    )
                    .align(Align::Center),
                ),
            ],
            padding_mm: 2.0,
            border: 2.5,
            shade: None,
        }));
    }
    header(conn, &mut doc)?;
    doc.push(Block::Rule(Rule { thickness: 0.8, dashed: false }));
    doc.push(Block::Text(
        Paragraph::bold(t(TH, "msg.tax.receipt.title"), 16.0).align(Align::Center),
    ));
    doc.push(Block::Row(vec![
        RowCell {
            weight: 1.6,
            blocks: vec![Block::Text(Paragraph::bold(
                tr(
                    TH,
                    "msg.tax.receipt.book_number",
                    &[
                        ("book", r.book_no.to_string()),
                        ("number", r.number.to_string()),
                        ("year", r.fiscal_year.to_string()),
                    ],
                ),
                11.0,
            ))],
        },
        RowCell {
            weight: 1.0,
            blocks: vec![Block::Text(
                Paragraph::new(
                    tr(TH, "msg.tax.receipt.date", &[("date", date(&r.written_on))]),
                    11.0,
                )
                .align(Align::Right),
            )],
        },
    ]));
    let mut about = vec![tr(TH, "msg.tax.receipt.payer", &[("name", r.payer_name.clone())])];
    if r.payer_name != r.taxpayer_name {
        about.push(tr(TH, "msg.tax.receipt.taxpayer", &[("name", r.taxpayer_name.clone())]));
    }
    if !r.payer_address.is_empty() {
        about.push(tr(TH, "msg.tax.receipt.address", &[("address", r.payer_address.clone())]));
    }
    about.push(tr(
        TH,
        "msg.tax.receipt.notice",
        &[("number", r.notice_number.clone()), ("year", r.tax_year.to_string())],
    ));
    if r.paid_on != r.written_on {
        about.push(tr(TH, "msg.tax.receipt.paid_on", &[("date", date(&r.paid_on))]));
    }
    if r.items.iter().any(|i| i.extension_kept) {
        about.push(t(TH, "msg.tax.receipt.extension_kept"));
    }
    doc.push(Block::Text(Paragraph::new(about.join("\n"), 11.0)));
    doc.push(Block::Space(1.5));

    let mut rows = Vec::new();
    for item in &r.items {
        let label = if item.of > 1 {
            tr(
                TH,
                "msg.tax.receipt.item_instalment",
                &[
                    ("k", item.instalment.to_string()),
                    ("n", item.of.to_string()),
                    ("due", date(&item.due_date)),
                ],
            )
        } else {
            t(TH, "msg.tax.receipt.item_tax")
        };
        rows.push(amount_row(label, item.tax, false));
        if item.penalty.0 > 0 {
            let label = tr(
                TH,
                "msg.tax.receipt.item_penalty",
                &[("percent", item.penalty_percent.to_string())],
            );
            rows.push(amount_row(label, item.penalty, false));
        }
        if item.surcharge.0 > 0 {
            let rate = format!("{}.{}", item.surcharge_permille / 10, item.surcharge_permille % 10);
            let rate = rate.strip_suffix(".0").map(str::to_owned).unwrap_or(rate);
            let label = tr(
                TH,
                "msg.tax.receipt.item_surcharge",
                &[("rate", rate), ("months", item.months.to_string())],
            );
            rows.push(amount_row(label, item.surcharge, false));
        }
    }
    rows.push(amount_row(t(TH, "msg.tax.receipt.total"), r.total, true));
    doc.push(Block::Table(Table {
        columns: vec![
            Column { weight: 3.0, align: Align::Left },
            Column { weight: 1.2, align: Align::Right },
        ],
        header: vec![t(TH, "msg.tax.receipt.col_item"), t(TH, "msg.tax.receipt.col_amount")],
        rows,
        size: 11.0,
        grid: true,
    }));
    doc.push(Block::Text(
        Paragraph::bold(format!("({})", baht_text(r.total)), 12.0).align(Align::Center),
    ));
    let method = t(TH, r.method.label_key());
    let paid_by = match &r.reference {
        Some(reference) => tr(
            TH,
            "msg.tax.receipt.method_ref",
            &[("method", method), ("reference", reference.clone())],
        ),
        None => tr(TH, "msg.tax.receipt.method", &[("method", method)]),
    };
    doc.push(Block::Text(Paragraph::new(paid_by, 11.0)));
    doc.push(Block::Space(2.0));
    doc.push(Block::Row(vec![
        RowCell {
            weight: 1.0,
            blocks: vec![
                Block::Qr(Qr { payload: r.payload.clone(), module_mm: 0.5, align: Align::Left }),
                Block::Text(Paragraph::new(t(TH, "msg.tax.receipt.qr_note"), 8.0)),
            ],
        },
        RowCell {
            weight: 1.4,
            blocks: vec![
                Block::Space(6.0),
                Block::Text(
                    Paragraph::new(t(TH, "msg.tax.receipt.sign_line"), 11.0).align(Align::Center),
                ),
                Block::Text(
                    Paragraph::new(format!("({})", r.received_by_name), 11.0).align(Align::Center),
                ),
                Block::Text(
                    Paragraph::new(t(TH, "msg.tax.receipt.officer"), 10.0).align(Align::Center),
                ),
            ],
        },
    ]));
    Ok(doc)
}

/// The day's cash summary (ใบสรุปการรับเงินประจำวัน) on A4: per clerk their receipts, totals per method and a
/// line to sign when handing the money to finance; voided receipts listed apart.
pub fn cash_summary_document(conn: &Connection, s: &CashSummary) -> Result<Document> {
    let mut doc =
        Document::new(tr(TH, "msg.tax.cash.doc_title", &[("date", s.day.clone())]), Paper::A4);
    header(conn, &mut doc)?;
    doc.push(Block::Rule(Rule { thickness: 0.8, dashed: false }));
    doc.push(Block::Text(Paragraph::bold(t(TH, "msg.tax.cash.title"), 16.0).align(Align::Center)));
    doc.push(Block::Text(
        Paragraph::new(tr(TH, "msg.tax.cash.day", &[("date", date(&s.day))]), 12.0)
            .align(Align::Center),
    ));
    let columns = vec![
        Column { weight: 1.2, align: Align::Left },
        Column { weight: 1.3, align: Align::Left },
        Column { weight: 2.3, align: Align::Left },
        Column { weight: 1.3, align: Align::Left },
        Column { weight: 1.2, align: Align::Left },
        Column { weight: 1.4, align: Align::Right },
    ];
    let header_row = vec![
        t(TH, "msg.tax.cash.col_book"),
        t(TH, "msg.tax.cash.col_notice"),
        t(TH, "msg.tax.cash.col_payer"),
        t(TH, "msg.tax.cash.col_method"),
        t(TH, "msg.tax.cash.col_paid_on"),
        t(TH, "msg.tax.cash.col_amount"),
    ];
    let line = |r: &Receipt| {
        vec![
            vec![Span::regular(r.book_number())],
            vec![Span::regular(r.notice_number.clone())],
            vec![Span::regular(r.payer_name.clone())],
            vec![Span::regular(t(TH, r.method.label_key()))],
            vec![Span::regular(date(&r.paid_on))],
            vec![Span::regular(r.total.to_grouped())],
        ]
    };
    for clerk in &s.clerks {
        doc.push(Block::Space(3.0));
        doc.push(Block::Text(Paragraph::bold(
            tr(TH, "msg.tax.cash.clerk", &[("name", clerk.name.clone())]),
            12.0,
        )));
        doc.push(Block::Table(Table {
            columns: columns.clone(),
            header: header_row.clone(),
            rows: clerk.receipts.iter().map(line).collect(),
            size: 10.0,
            grid: true,
        }));
        let per: Vec<String> = clerk
            .methods
            .iter()
            .map(|m| {
                tr(
                    TH,
                    "msg.tax.cash.method_total",
                    &[
                        ("method", t(TH, m.method.label_key())),
                        ("count", m.count.to_string()),
                        ("total", m.total.to_grouped()),
                    ],
                )
            })
            .collect();
        doc.push(Block::Text(Paragraph::new(per.join("   "), 10.0)));
        doc.push(Block::Text(Paragraph::bold(
            tr(
                TH,
                "msg.tax.cash.clerk_total",
                &[
                    ("count", clerk.count.to_string()),
                    ("total", clerk.total.to_grouped()),
                    ("words", baht_text(clerk.total)),
                ],
            ),
            11.0,
        )));
        doc.push(Block::Space(4.0));
        doc.push(Block::Row(vec![
            RowCell {
                weight: 1.0,
                blocks: vec![Block::Text(
                    Paragraph::new(
                        tr(TH, "msg.tax.cash.handed", &[("name", clerk.name.clone())]),
                        10.0,
                    )
                    .align(Align::Center),
                )],
            },
            RowCell {
                weight: 1.0,
                blocks: vec![Block::Text(
                    Paragraph::new(t(TH, "msg.tax.cash.received"), 10.0).align(Align::Center),
                )],
            },
        ]));
    }
    if !s.voided.is_empty() {
        doc.push(Block::Space(3.0));
        doc.push(Block::Text(Paragraph::bold(t(TH, "msg.tax.cash.voided"), 12.0)));
        doc.push(Block::Table(Table {
            columns,
            header: header_row,
            rows: s
                .voided
                .iter()
                .map(|r| {
                    let mut row = line(r);
                    row[2].push(Span::regular(format!(
                        " ({})",
                        r.void_reason.clone().unwrap_or_default()
                    )));
                    row
                })
                .collect(),
            size: 10.0,
            grid: true,
        }));
    }
    doc.push(Block::Space(3.0));
    doc.push(Block::Text(Paragraph::bold(
        tr(
            TH,
            "msg.tax.cash.grand_total",
            &[
                ("count", s.count.to_string()),
                ("total", s.total.to_grouped()),
                ("words", baht_text(s.total)),
            ],
        ),
        12.0,
    )));
    Ok(doc)
}
