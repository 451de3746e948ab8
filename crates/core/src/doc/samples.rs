//! Sample documents: the printer test page, and the slip and notice the benchmark and tests render. They
//! use only made-up data, and show every primitive a real template uses (logo, table, QR, boxes, rules,
//! hard Thai).

use super::{
    Align, Block, Boxed, Column, Document, Image, Paper, Paragraph, Qr, RowCell, Rule, Span, Table,
};

/// The placeholder office logo (the app icon) used until an office sets its own.
pub const PLACEHOLDER_LOGO: &[u8] = include_bytes!("../../assets/logo-placeholder.png");

/// Thai words that break naive PDF text: tone marks over upper vowels, SARA AM, descender-less ญ/ฐ,
/// ฤ/ฦ with ๅ, Thai digits, mixed Latin. The test page prints them; tests read them back.
pub const HARD_THAI: &[&str] = &[
    "ที่ สิ่ง น้ำ ปั้น ผู้ใหญ่ ญาติ ฐาน ปู่ ฎีกา ฏ",
    "กรุณาชำระภาษีที่ดินและสิ่งปลูกสร้างภายในวันที่ ๓๐ เมษายน ๒๕๖๙",
    "เจ้าหน้าที่ ปิ่นโต กั๊ก ก๋วยเตี๋ยว ฤๅษี ฦๅ ศักดิ์สิทธิ์ พระภิกษุ",
    "จำนวนเงิน ๑,๒๓๔.๕๐ บาท (หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์)",
    "Sala ศาลา: A012 → ช่องบริการ 2 — 08:30 น.",
];

/// A printer and font test page for `paper`: the office name, every hard Thai line, a table, a QR code.
pub fn test_page(office_name: &str, paper: Paper) -> Document {
    let roll = paper.is_roll();
    let (title, body) = if roll { (16.0, 11.0) } else { (20.0, 14.0) };
    let mut doc = Document::new("Sala test page", paper);
    doc.push(Block::Text(Paragraph::bold(office_name, title).align(Align::Center)));
    doc.push(Block::Text(
        Paragraph::new("หน้าทดสอบเครื่องพิมพ์ / Printer test page", body).align(Align::Center),
    ));
    doc.push(Block::Rule(Rule { thickness: 0.8, dashed: roll }));
    for line in HARD_THAI {
        doc.push(Block::Text(Paragraph::new(*line, body)));
    }
    doc.push(Block::Rule(Rule { thickness: 0.8, dashed: roll }));
    doc.push(Block::Qr(Qr {
        payload: "SALA-TEST-0001".into(),
        module_mm: 0.5,
        align: Align::Center,
    }));
    doc
}

/// A queue slip as the queue feature prints it (the benchmark's "slip").
pub fn queue_slip(paper: Paper) -> Document {
    let mut doc = Document::new("A012", paper);
    doc.push(Block::Text(Paragraph::bold("องค์การบริหารส่วนตำบลนางรอง", 13.0).align(Align::Center)));
    doc.push(Block::Text(Paragraph::new("บัตรคิว / Queue ticket", 10.0).align(Align::Center)));
    doc.push(Block::Rule(Rule { thickness: 0.6, dashed: true }));
    doc.push(Block::Text(Paragraph::bold("A012", 48.0).align(Align::Center)));
    doc.push(Block::Text(
        Paragraph::new("งานทะเบียนและบัตร · ช่องบริการ 2", 12.0).align(Align::Center),
    ));
    doc.push(Block::Text(
        Paragraph::new("รับบัตรเมื่อ 24 พฤศจิกายน 2569 เวลา 09:41 น.", 10.0).align(Align::Center),
    ));
    doc.push(Block::Text(Paragraph::new("รออีก 3 คิว · ประมาณ 15 นาที", 12.0).align(Align::Center)));
    doc.push(Block::Rule(Rule { thickness: 0.6, dashed: true }));
    doc.push(Block::Text(Paragraph::bold("เอกสารที่ต้องเตรียม", 10.0)));
    doc.push(Block::Text(Paragraph::new(
        "• บัตรประจำตัวประชาชน\n• สำเนาทะเบียนบ้าน\n• หนังสือมอบอำนาจ (ถ้ามี)",
        10.0,
    )));
    doc.push(Block::Qr(Qr {
        payload: "Q-20261124-A012".into(),
        module_mm: 0.5,
        align: Align::Center,
    }));
    doc
}

/// An A4 tax notice with a logo, a computation table, a boxed total and a Thai QR bill payment (the
/// benchmark's "notice"; the real notice comes with the tax feature).
pub fn tax_notice() -> Document {
    let mut doc = Document::new("ภ.ด.ส.6 LT6900012345", Paper::A4);
    doc.push(Block::Row(vec![
        RowCell {
            weight: 1.0,
            blocks: vec![Block::Image(Image {
                png: PLACEHOLDER_LOGO.to_vec(),
                width_mm: 22.0,
                align: Align::Left,
            })],
        },
        RowCell {
            weight: 4.0,
            blocks: vec![
                Block::Text(
                    Paragraph::bold("หนังสือแจ้งการประเมินภาษีที่ดินและสิ่งปลูกสร้าง", 18.0)
                        .align(Align::Center),
                ),
                Block::Text(
                    Paragraph::new("องค์การบริหารส่วนตำบลนางรอง อำเภอนางรอง จังหวัดบุรีรัมย์", 14.0)
                        .align(Align::Center),
                ),
                Block::Text(
                    Paragraph::new("ประจำปีภาษี พ.ศ. ๒๕๖๙ · เลขที่ LT6900012345", 14.0)
                        .align(Align::Center),
                ),
            ],
        },
    ]));
    doc.push(Block::Rule(Rule { thickness: 1.0, dashed: false }));
    doc.push(Block::Text(Paragraph {
        spans: vec![
            Span::bold("เรียน "),
            Span::regular("นางสาวสมศรี ใจดี (ผู้เสียภาษี) บ้านเลขที่ ๑๒๓ หมู่ที่ ๔ ตำบลนางรอง"),
        ],
        size: 14.0,
        align: Align::Left,
        wrap: true,
    }));
    doc.push(Block::Space(2.0));
    let row = |a: &str, b: &str, c: &str, d: &str| {
        vec![
            vec![Span::regular(a)],
            vec![Span::regular(b)],
            vec![Span::regular(c)],
            vec![Span::regular(d)],
        ]
    };
    doc.push(Block::Table(Table {
        columns: vec![
            Column { weight: 3.0, align: Align::Left },
            Column { weight: 2.0, align: Align::Right },
            Column { weight: 1.2, align: Align::Right },
            Column { weight: 1.6, align: Align::Right },
        ],
        header: vec!["รายการ".into(), "มูลค่า (บาท)".into(), "อัตรา (%)".into(), "ภาษี (บาท)".into()],
        rows: vec![
            row("ที่ดินโฉนดเลขที่ ๑๒๓๔๕ ใช้ประกอบเกษตรกรรม", "1,250,000.00", "0.01", "0.00"),
            row("บ้านพร้อมที่ดิน (บ้านหลังหลัก) ส่วนเกิน ๕๐ ล้านบาท", "3,400,000.00", "0.02", "0.00"),
            row("สิ่งปลูกสร้างอื่น (ร้านค้า) ตึก ๒ ชั้น", "1,800,000.00", "0.30", "5,400.00"),
            row("ที่ดินรกร้างว่างเปล่า ตั้งแต่ปี ๒๕๖๓", "400,000.00", "0.30", "1,200.00"),
        ],
        size: 13.0,
        grid: true,
    }));
    doc.push(Block::Space(2.0));
    doc.push(Block::Boxed(Boxed {
        blocks: vec![
            Block::Text(Paragraph::bold("รวมภาษีที่ต้องชำระ 6,600.00 บาท", 16.0).align(Align::Right)),
            Block::Text(Paragraph::new("(หกพันหกร้อยบาทถ้วน)", 14.0).align(Align::Right)),
        ],
        padding_mm: 2.0,
        border: 0.8,
        shade: Some(0.06),
    }));
    doc.push(Block::Space(3.0));
    doc.push(Block::Row(vec![
        RowCell {
            weight: 2.0,
            blocks: vec![
                Block::Text(Paragraph::bold("ชำระภายในวันที่ ๓๐ เมษายน ๒๕๖๙", 14.0)),
                Block::Text(Paragraph::new(
                    "สแกนคิวอาร์โค้ดด้วยแอปธนาคารใดก็ได้ หรือชำระที่กองคลัง องค์การบริหารส่วนตำบลนางรอง ในวันและเวลาราชการ",
                    13.0,
                )),
            ],
        },
        RowCell {
            weight: 1.0,
            blocks: vec![Block::Qr(Qr {
                payload: sample_bill_payload(),
                module_mm: 0.6,
                align: Align::Right,
            })],
        },
    ]));
    doc
}

/// The sample notice's Thai QR bill payment: a made-up biller, ref1 = the notice number, ref2 = the tax year.
fn sample_bill_payload() -> String {
    let bill = crate::thaiqr::BillPayment {
        biller_id: "099999999999100".into(),
        ref1: "LT6900012345".into(),
        ref2: Some("2569".into()),
        ref3: None,
        amount: Some(crate::money::Satang(660_000)),
        poi: None,
    };
    // The inputs are constants that satisfy every rule; an empty payload would only fail layout loudly.
    crate::thaiqr::bill_payment(&bill).unwrap_or_default()
}
