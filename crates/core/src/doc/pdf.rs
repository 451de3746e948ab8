//! PDF output through printpdf: shaped glyphs by id at their HarfBuzz positions, Sarabun subset-embedded,
//! and each line wrapped in a marked-content span carrying `/ActualText`, so text extraction returns the
//! characters as written (a glyph-by-glyph ToUnicode map alone cannot: SARA AM is drawn as two glyphs around
//! the tone mark, and alternate low/left marks have no code point of their own).
//!
//! Deterministic: fixed resource names, the epoch as creation date, no random document id.

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, Color, DictItem, FontId, Greyscale, Line, LineDashPattern, LinePoint, Mm, Op,
    PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    RawImage, RawImageData, RawImageFormat, Rect, TextItem, TextMatrix, WindingOrder, XObjectId,
    XObjectTransform,
};

use super::font::{Weight, face};
use super::layout::{Item, Page, TextRun};
use crate::{Error, ErrorCode, Result};

fn font_id(weight: Weight) -> FontId {
    // Six capital letters: printpdf uses them as the subset tag (`SLREGU+Sarabun-Regular`, ISO 32000 9.6.4).
    FontId(match weight {
        Weight::Regular => "SLREGU".into(),
        Weight::Bold => "SLBOLD".into(),
    })
}

fn grey(shade: f32) -> Color {
    // `shade` is ink: 1.0 black.
    Color::Greyscale(Greyscale { percent: 1.0 - shade.clamp(0.0, 1.0), icc_profile: None })
}

/// A PDF text string: UTF-16BE with its byte-order mark, as `/ActualText` requires for non-Latin text.
fn pdf_text_string(text: &str) -> DictItem {
    let mut data = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        data.extend_from_slice(&unit.to_be_bytes());
    }
    DictItem::String { data, literal: false }
}

/// Writes `pages` as a PDF titled `title`.
pub fn write(title: &str, pages: &[Page]) -> Result<Vec<u8>> {
    let mut doc = PdfDocument::new(title);
    doc.metadata.info.producer = "Sala".into();
    doc.metadata.info.creator = "Sala".into();
    for weight in [Weight::Regular, Weight::Bold] {
        let uses = pages
            .iter()
            .any(|p| p.items.iter().any(|i| matches!(i, Item::Text(r) if r.weight == weight)));
        if uses {
            let data = face(weight)?.data;
            let mut warnings = Vec::new();
            let parsed = ParsedFont::from_bytes(data, 0, &mut warnings)
                .ok_or_else(|| Error::new(ErrorCode::Internal, "error.doc.font"))?;
            doc.resources.fonts.map.insert(font_id(weight), printpdf::PdfFont::new(parsed));
        }
    }
    let mut image_count = 0usize;
    let mut out_pages = Vec::with_capacity(pages.len());
    for page in pages {
        let mut ops = Vec::new();
        let h = page.height;
        // Shapes and images first, text on top.
        for item in &page.items {
            match item {
                Item::Fill { x, y, w, h: rh, shade } => {
                    ops.push(Op::SetFillColor { col: grey(*shade) });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(*x),
                            y: Pt(h - y - rh),
                            width: Pt(*w),
                            height: Pt(*rh),
                            mode: Some(PaintMode::Fill),
                            winding_order: Some(WindingOrder::NonZero),
                        },
                    });
                }
                Item::Frame { x, y, w, h: rh, width } => {
                    ops.push(Op::SetOutlineColor { col: grey(1.0) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(*x),
                            y: Pt(h - y - rh),
                            width: Pt(*w),
                            height: Pt(*rh),
                            mode: Some(PaintMode::Stroke),
                            winding_order: Some(WindingOrder::NonZero),
                        },
                    });
                }
                Item::Line { x1, y1, x2, y2, width, dashed } => {
                    ops.push(Op::SaveGraphicsState);
                    ops.push(Op::SetOutlineColor { col: grey(1.0) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    if *dashed {
                        ops.push(Op::SetLineDashPattern {
                            dash: LineDashPattern::new(0.0, &[3.0, 2.0]),
                        });
                    }
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint { p: Point { x: Pt(*x1), y: Pt(h - y1) }, bezier: false },
                                LinePoint { p: Point { x: Pt(*x2), y: Pt(h - y2) }, bezier: false },
                            ],
                            is_closed: false,
                        },
                    });
                    ops.push(Op::RestoreGraphicsState);
                }
                Item::Image { x, y, w, h: ih, pixels } => {
                    image_count += 1;
                    let id = XObjectId(format!("Im{image_count}"));
                    let image = RawImage {
                        pixels: RawImageData::U8(pixels.rgba.clone()),
                        width: pixels.width as usize,
                        height: pixels.height as usize,
                        data_format: RawImageFormat::RGBA8,
                        tag: Vec::new(),
                    };
                    doc.resources.xobjects.map.insert(id.clone(), printpdf::XObject::Image(image));
                    ops.push(Op::UseXobject {
                        id,
                        transform: XObjectTransform {
                            translate_x: Some(Pt(*x)),
                            translate_y: Some(Pt(h - y - ih)),
                            scale_x: Some(w / pixels.width as f32),
                            scale_y: Some(ih / pixels.height as f32),
                            dpi: Some(72.0),
                            ..XObjectTransform::default()
                        },
                    });
                }
                Item::Text(_) => {}
            }
        }
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFillColor { col: grey(1.0) });
        let mut current: Option<(Weight, f32)> = None;
        let mut pending_break = false;
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            if current != Some((run.weight, run.size)) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_id(run.weight)),
                    size: Pt(run.size),
                });
                current = Some((run.weight, run.size));
            }
            text_ops(&mut ops, run, h, pending_break)?;
            pending_break = run.line_end;
        }
        ops.push(Op::EndTextSection);
        out_pages.push(PdfPage::new(
            Mm(page.width / super::PT_PER_MM),
            Mm(page.height / super::PT_PER_MM),
            ops,
        ));
    }
    let mut warnings = Vec::new();
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    Ok(stable_id(doc.with_pages(out_pages).save(&opts, &mut warnings)))
}

/// printpdf writes a random trailer `/ID`; replace it with one derived from the content, so the same
/// document always gives the same bytes (the two ids keep their 32-character length, so no offset moves).
fn stable_id(mut pdf: Vec<u8>) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    const ID: &[u8] = b"/ID[(";
    let Some(at) = pdf.windows(ID.len()).rposition(|w| w == ID) else { return pdf };
    let first = at + ID.len();
    let second = first + 32 + 2;
    let shape_ok = pdf.len() >= second + 34
        && &pdf[first + 32..second] == b")("
        && &pdf[second + 32..second + 34] == b")]";
    if !shape_ok {
        return pdf;
    }
    for b in &mut pdf[first..first + 32] {
        *b = b'0';
    }
    for b in &mut pdf[second..second + 32] {
        *b = b'0';
    }
    let digest = Sha256::digest(&pdf);
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02X}")).collect();
    pdf[first..first + 32].copy_from_slice(hex.as_bytes());
    pdf[second..second + 32].copy_from_slice(hex.as_bytes());
    pdf
}

fn text_ops(ops: &mut Vec<Op>, run: &TextRun, page_h: f32, _after_line_end: bool) -> Result<()> {
    if run.glyphs.is_empty() {
        return Ok(());
    }
    let face = face(run.weight)?;
    let mut props = BTreeMap::new();
    props.insert("ActualText".to_string(), pdf_text_string(&run.text));
    ops.push(Op::BeginMarkedContentWithProperties {
        tag: "Span".into(),
        properties: DictItem::Dict { map: props },
    });
    for g in &run.glyphs {
        // The glyph → Unicode entry: the glyph's own character when the font maps one to it, else the first
        // character of its cluster (alternate forms of marks and ญ/ฐ without a descender).
        let own = face.glyph_chars.get(&g.gid).copied();
        let cluster_char = run.text.get(g.cluster..).and_then(|t| t.chars().next());
        let ch = own.or(cluster_char).unwrap_or('\u{FFFD}');
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Raw([1.0, 0.0, 0.0, 1.0, g.x, page_h - g.y]),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(vec![Codepoint::with_cid(g.gid, 0.0, ch.to_string())])],
        });
    }
    ops.push(Op::EndMarkedContent);
    Ok(())
}
