use super::layout::Item;
use super::samples::{HARD_THAI, queue_slip, tax_notice, test_page};
use super::*;

fn text_items(page: &Page) -> Vec<&layout::TextRun> {
    page.items.iter().filter_map(|i| if let Item::Text(r) = i { Some(r) } else { None }).collect()
}

#[test]
fn the_text_layer_gives_back_exactly_what_was_written() {
    let text = HARD_THAI.join("\n");
    let doc = text_document(&text, 14.0, Paper::A4);
    let pages = layout(&doc).unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].text().trim_end(), text);
}

#[test]
fn thai_wraps_between_words_within_the_width_and_loses_nothing() {
    let sentence = "กรุณาชำระภาษีที่ดินและสิ่งปลูกสร้างภายในกำหนดเพื่อหลีกเลี่ยงเบี้ยปรับและเงินเพิ่มตามกฎหมาย";
    let mut doc = Document::new("t", Paper::Roll58);
    doc.push(Block::Text(Paragraph::new(sentence, 12.0)));
    let page = &layout(&doc).unwrap()[0];
    let runs = text_items(page);
    assert!(runs.len() >= 3, "a long sentence on 58 mm wraps: {} lines", runs.len());
    let joined: String = runs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(joined, sentence, "wrapping must not drop or repeat characters");
    let right = page.width - page.margin_x;
    for run in &runs {
        let first = run.text.chars().next().unwrap();
        // A line never starts with a mark or a following vowel (a cluster was not split).
        assert!(!"ัิีึืุู่้๊๋็์ํะาำๅ".contains(first), "line starts inside a cluster: {}", run.text);
        for g in &run.glyphs {
            assert!(g.x <= right + 0.5, "glyph beyond the printable width in {}", run.text);
        }
    }
    // Breaks fall between words: "ภาษี" is never cut in two.
    assert!(runs.iter().all(|r| !r.text.ends_with("ภา") && !r.text.starts_with("ษี")));
}

#[test]
fn an_overlong_unbreakable_word_is_cut_between_clusters() {
    let word = "A".repeat(200);
    let mut doc = Document::new("t", Paper::Roll58);
    doc.push(Block::Text(Paragraph::new(word.clone(), 12.0)));
    let page = &layout(&doc).unwrap()[0];
    let runs = text_items(page);
    assert!(runs.len() > 3);
    assert_eq!(runs.iter().map(|r| r.text.as_str()).collect::<String>(), word);
}

#[test]
fn a_test_page_line_wider_than_the_paper_widens_the_page_instead_of_wrapping() {
    let line = "ก".repeat(80);
    let pages = layout(&text_document(&line, 14.0, Paper::Roll58)).unwrap();
    assert_eq!(text_items(&pages[0]).len(), 1, "one input line, one printed line");
    assert!(pages[0].width > Paper::Roll58.width_mm() * PT_PER_MM);
}

#[test]
fn alignment_places_lines_left_centre_and_right() {
    let width = Paper::A4.width_mm() * PT_PER_MM;
    let mx = Paper::A4.margins_mm().0 * PT_PER_MM;
    let mut doc = Document::new("t", Paper::A4);
    for align in [Align::Left, Align::Center, Align::Right] {
        doc.push(Block::Text(Paragraph::new("1,234.50", 12.0).align(align)));
    }
    let page = &layout(&doc).unwrap()[0];
    let starts: Vec<f32> = text_items(page).iter().map(|r| r.glyphs[0].x).collect();
    assert!((starts[0] - mx).abs() < 0.01);
    assert!(starts[1] > mx + 100.0 && starts[1] < width / 2.0);
    assert!(starts[2] > starts[1]);
}

#[test]
fn long_documents_break_into_a4_pages_within_the_margins() {
    let text: Vec<String> = (1..=120).map(|i| format!("บรรทัดที่ {i} ภาษีที่ดินและสิ่งปลูกสร้าง")).collect();
    let doc = text_document(&text.join("\n"), 14.0, Paper::A4);
    let pages = layout(&doc).unwrap();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let bottom = (297.0 - 15.0) * PT_PER_MM;
    let mut all = String::new();
    for page in &pages {
        for run in text_items(page) {
            for g in &run.glyphs {
                assert!(g.y <= bottom + 0.5, "text below the bottom margin");
            }
        }
        all.push_str(&page.text());
    }
    assert_eq!(all.trim_end(), text.join("\n"), "every line once, in order, across pages");
}

#[test]
fn a_roll_is_one_page_as_long_as_its_content() {
    let short = layout(&text_document("A012", 12.0, Paper::Roll80)).unwrap();
    let long = layout(&queue_slip(Paper::Roll80)).unwrap();
    assert_eq!(long.len(), 1);
    assert!(long[0].height > short[0].height + 100.0);
    assert!((long[0].width - 80.0 * PT_PER_MM).abs() < 0.01);
}

#[test]
fn tables_align_amounts_right_and_repeat_nothing() {
    let page = &layout(&tax_notice()).unwrap()[0];
    let text = page.text();
    for needle in ["รายการ", "5,400.00", "ที่ดินรกร้างว่างเปล่า", "6,600.00"]
    {
        assert_eq!(text.matches(needle).count(), 1, "{needle} once in {text}");
    }
}

#[test]
fn the_same_document_gives_the_same_pdf_bytes() {
    let a = tax_notice().to_pdf().unwrap();
    let b = tax_notice().to_pdf().unwrap();
    assert_eq!(a, b);
    assert!(a.starts_with(b"%PDF-"));
    let slip = queue_slip(Paper::Roll58).to_pdf().unwrap();
    assert_eq!(slip, queue_slip(Paper::Roll58).to_pdf().unwrap());
}

#[test]
fn the_pdf_embeds_a_sarabun_subset_and_actual_text() {
    let pdf = test_page("อบต.ทดสอบ", Paper::A4).to_pdf().unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("Sarabun"), "the font is named in the PDF");
    // A subset font is tagged ABCDEF+Name.
    assert!(raw.contains("SLREGU+Sarabun-Regular"), "the font is a tagged subset");
    assert!(pdf.len() < 40_000, "a subset keeps the test page small: {} bytes", pdf.len());
}

#[test]
fn qr_modules_snap_to_printer_dots_and_keep_the_quiet_zone() {
    let mut doc = Document::new("qr", Paper::Roll80);
    doc.push(Block::Qr(Qr { payload: "HELLO".into(), module_mm: 0.3, align: Align::Left }));
    let page = &layout(&doc).unwrap()[0];
    let fills: Vec<(f32, f32, f32)> = page
        .items
        .iter()
        .filter_map(|i| if let Item::Fill { x, y, h, .. } = i { Some((*x, *y, *h)) } else { None })
        .collect();
    let module = fills[0].2;
    // 0.3 mm is below the 3-dot minimum: raised to 0.375 mm.
    assert!((module - layout::QR_MIN_MODULE_MM * PT_PER_MM).abs() < 0.01, "{module}");
    let min_x = fills.iter().map(|f| f.0).fold(f32::MAX, f32::min);
    let min_y = fills.iter().map(|f| f.1).fold(f32::MAX, f32::min);
    let (mx, my) = Paper::Roll80.margins_mm();
    assert!((min_x - mx * PT_PER_MM - 4.0 * module).abs() < 0.01, "4 quiet modules on the left");
    assert!((min_y - my * PT_PER_MM - 4.0 * module).abs() < 0.01, "4 quiet modules on top");
}

#[test]
fn the_raster_spans_the_printer_dots_and_carries_the_qr_at_whole_dots() {
    let mut doc = Document::new("qr", Paper::Roll80);
    doc.push(Block::Qr(Qr { payload: "HELLO".into(), module_mm: 0.5, align: Align::Left }));
    let bitmaps = doc.to_raster(576).unwrap();
    let bmp = &bitmaps[0];
    assert_eq!(bmp.width, 576);
    // The finder pattern's top-left corner: 4 quiet modules (16 dots) + the top margin (3 mm = 24 dots).
    let (x0, y0) = (16, 24 + 16);
    assert!(!bmp.get(x0 - 1, y0), "quiet zone is white");
    for d in 0..28 {
        assert!(bmp.get(x0 + d, y0), "finder top edge black at dot {d}");
    }
    assert!(!bmp.get(x0 + 4, y0 + 4), "finder ring's inside is white");
    assert!(bmp.get(x0 + 8, y0 + 8), "finder centre is black");
}

#[test]
fn thai_text_puts_ink_on_the_raster() {
    let bitmaps = queue_slip(Paper::Roll58).to_raster(384).unwrap();
    assert_eq!(bitmaps[0].width, 384);
    assert!(bitmaps[0].ink() > 5_000, "ink {}", bitmaps[0].ink());
}

#[test]
fn bad_input_is_a_clear_error() {
    let err = layout(&text_document("x", 0.0, Paper::A4)).unwrap_err();
    assert_eq!(err.key(), "error.doc.font_size");
    let mut doc = Document::new("t", Paper::A4);
    doc.push(Block::Image(Image {
        png: b"not a png".to_vec(),
        width_mm: 20.0,
        align: Align::Left,
    }));
    assert_eq!(layout(&doc).unwrap_err().key(), "error.doc.image");
    let mut doc = Document::new("t", Paper::A4);
    doc.push(Block::Table(Table {
        columns: vec![Column { weight: 1.0, align: Align::Left }],
        header: vec![],
        rows: vec![vec![vec![Span::regular("a")], vec![Span::regular("b")]]],
        size: 12.0,
        grid: false,
    }));
    assert_eq!(layout(&doc).unwrap_err().key(), "error.doc.table_shape");
    assert_eq!(Paper::parse("letter").unwrap_err().key(), "error.doc.paper");
    let mut doc = Document::new("t", Paper::A4);
    doc.push(Block::Qr(Qr { payload: "x".repeat(3000), module_mm: 0.5, align: Align::Left }));
    assert_eq!(layout(&doc).unwrap_err().key(), "error.doc.qr_too_long");
}

#[test]
fn paper_names_round_trip() {
    for paper in Paper::ALL {
        assert_eq!(Paper::parse(paper.as_str()).unwrap(), paper);
    }
    for kind in DocumentKind::ALL {
        assert_eq!(DocumentKind::parse(kind.as_str()), Some(kind));
    }
}
