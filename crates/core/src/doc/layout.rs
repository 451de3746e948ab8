//! Layout: blocks → pages of positioned items (glyph runs, rectangles, lines, images), in points with the
//! origin at the top left of the page. Both the PDF writer and the rasteriser draw these items, so a slip
//! on a thermal printer and its PDF are the same picture.

use std::sync::Arc;

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{GraphemeClusterSegmenter, LineSegmenter};

use super::font::{Weight, face};
use super::shape::{Shaped, shape};
use super::{Align, Block, Boxed, Document, Image, PT_PER_MM, Paragraph, Qr, RowCell, Span, Table};
use crate::{Error, Result};

/// A glyph placed on the page (points, top-left origin, `y` is the baseline).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PlacedGlyph {
    pub gid: u16,
    pub x: f32,
    pub y: f32,
    /// Byte offset in the run's text of the cluster this glyph draws (for the PDF's glyph → Unicode map).
    pub cluster: usize,
}

/// One shaped line of one weight: what a PDF text span and a raster glyph run are made of.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextRun {
    pub weight: Weight,
    pub size: f32,
    pub glyphs: Vec<PlacedGlyph>,
    /// The text these glyphs show, exactly as written (the PDF's `/ActualText`).
    pub text: String,
    /// Whether this run ends a visual line (the PDF adds the line break to the extracted text).
    pub line_end: bool,
}

/// A decoded RGBA image.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pixels {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Text(TextRun),
    /// A filled rectangle; `shade` 0.0 white … 1.0 black.
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        shade: f32,
    },
    /// A stroked rectangle outline.
    Frame {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        width: f32,
    },
    /// A straight line.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        dashed: bool,
    },
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        pixels: Arc<Pixels>,
    },
}

impl Item {
    fn shift(&mut self, dx: f32, dy: f32) {
        match self {
            Item::Text(run) => {
                for g in &mut run.glyphs {
                    g.x += dx;
                    g.y += dy;
                }
            }
            Item::Fill { x, y, .. } | Item::Frame { x, y, .. } | Item::Image { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Item::Line { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
        }
    }
}

/// A laid-out page: its size in points and what is drawn on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// Left margin in points (the printable area of a roll starts here).
    pub margin_x: f32,
    pub(crate) items: Vec<Item>,
}

impl Page {
    /// The text of the page, line by line, as the PDF's text layer gives it back.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for item in &self.items {
            if let Item::Text(run) = item {
                out.push_str(&run.text);
                if run.line_end {
                    out.push('\n');
                }
            }
        }
        out
    }
}

/// A block laid out at the origin: its items, height, and the heights at which a page may break.
#[derive(Debug, Default)]
struct Laid {
    items: Vec<Item>,
    height: f32,
    /// Offsets (from the block's top) between lines or rows where a page break may fall.
    breaks: Vec<f32>,
    /// The widest unwrapped line when wider than the column (the page grows to fit it).
    overflow: f32,
}

impl Laid {
    fn append(&mut self, mut other: Laid, dx: f32) {
        let dy = self.height;
        for item in &mut other.items {
            item.shift(dx, dy);
        }
        self.items.extend(other.items);
        self.breaks.extend(other.breaks.iter().map(|b| b + dy));
        self.height += other.height;
        self.overflow = self.overflow.max(other.overflow);
    }
}

fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

fn check_size(size: f32) -> Result<()> {
    if size.is_finite() && (4.0..=200.0).contains(&size) {
        Ok(())
    } else {
        Err(Error::validation("error.doc.font_size").arg("size", format!("{size}")))
    }
}

/// Lays out `doc` into pages.
pub fn layout(doc: &Document) -> Result<Vec<Page>> {
    let paper = doc.paper;
    let (mx, my) = paper.margins_mm();
    let (mx, my) = (mm(mx), mm(my));
    let mut width = mm(paper.width_mm());
    let content_w = width - 2.0 * mx;

    let mut blocks = Vec::new();
    for block in &doc.blocks {
        if matches!(block, Block::PageBreak) {
            blocks.push(None);
        } else {
            let laid = lay_block(block, content_w)?;
            width = width.max(laid.overflow + 2.0 * mx);
            blocks.push(Some(laid));
        }
    }

    let Some(height_mm) = paper.height_mm() else {
        // A roll: one page, as long as its content (at least a short slip's length).
        let mut all = Laid::default();
        for laid in blocks.into_iter().flatten() {
            all.append(laid, 0.0);
        }
        let mut items = all.items;
        for item in &mut items {
            item.shift(mx, my);
        }
        let height = (all.height + 2.0 * my).max(mm(20.0));
        return Ok(vec![Page { width, height, margin_x: mx, items }]);
    };

    let height = mm(height_mm);
    let usable = height - 2.0 * my;
    let mut pages: Vec<Page> = Vec::new();
    let mut current: Vec<Item> = Vec::new();
    let mut y = 0.0f32;
    let new_page = |pages: &mut Vec<Page>, current: &mut Vec<Item>| {
        let mut items = std::mem::take(current);
        for item in &mut items {
            item.shift(mx, my);
        }
        pages.push(Page { width, height, margin_x: mx, items });
    };
    for laid in blocks {
        let Some(mut laid) = laid else {
            new_page(&mut pages, &mut current);
            y = 0.0;
            continue;
        };
        // Place the block, splitting it at its break points while it does not fit.
        loop {
            if y + laid.height <= usable + 0.01 {
                for mut item in laid.items {
                    item.shift(0.0, y);
                    current.push(item);
                }
                y += laid.height;
                break;
            }
            let room = usable - y;
            let split = laid.breaks.iter().copied().rev().find(|b| *b > 0.0 && *b <= room + 0.01);
            match split {
                Some(at) => {
                    let (head, tail): (Vec<Item>, Vec<Item>) =
                        laid.items.into_iter().partition(|item| item_top(item) < at - 0.01);
                    for mut item in head {
                        item.shift(0.0, y);
                        current.push(item);
                    }
                    let mut tail = tail;
                    for item in &mut tail {
                        item.shift(0.0, -at);
                    }
                    laid = Laid {
                        items: tail,
                        height: laid.height - at,
                        breaks: laid.breaks.iter().map(|b| b - at).filter(|b| *b > 0.0).collect(),
                        overflow: laid.overflow,
                    };
                    new_page(&mut pages, &mut current);
                    y = 0.0;
                }
                None if y > 0.0 => {
                    // Nothing fits on what is left of this page: start the block on a fresh one.
                    new_page(&mut pages, &mut current);
                    y = 0.0;
                }
                None => {
                    // Taller than a page and unbreakable: place it and let the bottom be cut, as a printer
                    // would; templates keep boxes smaller than a page.
                    for item in laid.items {
                        current.push(item);
                    }
                    y = laid.height;
                    break;
                }
            }
        }
    }
    if !current.is_empty() || pages.is_empty() {
        new_page(&mut pages, &mut current);
    }
    Ok(pages)
}

/// The top edge of an item, for deciding which side of a page break it falls on.
fn item_top(item: &Item) -> f32 {
    match item {
        Item::Text(run) => run.glyphs.first().map_or(0.0, |g| g.y - run.size),
        Item::Fill { y, .. } | Item::Frame { y, .. } | Item::Image { y, .. } => *y,
        Item::Line { y1, y2, .. } => y1.min(*y2),
    }
}

fn lay_block(block: &Block, width: f32) -> Result<Laid> {
    match block {
        Block::Text(p) => lay_paragraph(p, width),
        Block::Table(t) => lay_table(t, width),
        Block::Rule(rule) => {
            let gap = mm(1.5);
            let mut laid = Laid { height: 2.0 * gap + rule.thickness, ..Laid::default() };
            let y = gap + rule.thickness / 2.0;
            laid.items.push(Item::Line {
                x1: 0.0,
                y1: y,
                x2: width,
                y2: y,
                width: rule.thickness,
                dashed: rule.dashed,
            });
            Ok(laid)
        }
        Block::Image(image) => lay_image(image, width),
        Block::Qr(qr) => lay_qr(qr, width),
        Block::Boxed(boxed) => lay_boxed(boxed, width),
        Block::Row(cells) => lay_row(cells, width),
        Block::Space(h) => {
            Ok(Laid { height: mm(h.max(0.0)), breaks: vec![0.0], ..Laid::default() })
        }
        Block::PageBreak => Ok(Laid::default()),
    }
}

fn lay_blocks(blocks: &[Block], width: f32) -> Result<Laid> {
    let mut laid = Laid::default();
    for block in blocks {
        laid.append(lay_block(block, width)?, 0.0);
    }
    Ok(laid)
}

/// A piece of a paragraph's text between two break opportunities, with its style ranges.
struct Piece {
    start: usize,
    end: usize,
}

/// Paragraph text flattened: the whole string and the weight of each byte range.
struct Flat {
    text: String,
    styles: Vec<(usize, usize, Weight)>,
}

impl Flat {
    fn new(spans: &[Span]) -> Flat {
        let mut text = String::new();
        let mut styles = Vec::new();
        for span in spans {
            let start = text.len();
            text.push_str(&span.text);
            if text.len() > start {
                styles.push((start, text.len(), span.weight));
            }
        }
        Flat { text, styles }
    }

    /// Shapes `[start, end)` style by style; glyph x positions continue across styles.
    fn shape(
        &self,
        start: usize,
        end: usize,
        size: f32,
    ) -> Result<Vec<(Weight, Shaped, usize, usize)>> {
        let mut out = Vec::new();
        for &(s, e, weight) in &self.styles {
            let (a, b) = (s.max(start), e.min(end));
            if a < b {
                out.push((weight, shape(&self.text[a..b], weight, size)?, a, b));
            }
        }
        Ok(out)
    }

    fn width(&self, start: usize, end: usize, size: f32) -> Result<f32> {
        Ok(self.shape(start, end, size)?.iter().map(|(_, s, _, _)| s.width).sum())
    }
}

/// Where a line may break inside `text` (byte offsets, ascending, excluding 0).
fn break_points(text: &str) -> Vec<usize> {
    let segmenter = LineSegmenter::new_dictionary(LineBreakOptions::default());
    segmenter.segment_str(text).filter(|&b| b > 0).collect()
}

fn grapheme_points(text: &str) -> Vec<usize> {
    GraphemeClusterSegmenter::new().segment_str(text).filter(|&b| b > 0).collect()
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// Breaks `[start, end)` of `flat` (one hard line) into visual lines no wider than `width`.
fn wrap(
    flat: &Flat,
    start: usize,
    end: usize,
    size: f32,
    width: f32,
) -> Result<Vec<(usize, usize)>> {
    let slice = &flat.text[start..end];
    let mut pieces: Vec<Piece> = Vec::new();
    let mut last = 0;
    for b in break_points(slice) {
        if b > last {
            pieces.push(Piece { start: start + last, end: start + b });
            last = b;
        }
    }
    if last < slice.len() {
        pieces.push(Piece { start: start + last, end });
    }
    let mut lines = Vec::new();
    let mut line_start: Option<usize> = None;
    let mut line_end = start;
    for piece in pieces {
        let candidate_start = line_start.unwrap_or(piece.start);
        let fits =
            flat.width(candidate_start, trim_end(&flat.text, candidate_start, piece.end), size)?
                <= width;
        if fits {
            line_start = Some(candidate_start);
            line_end = piece.end;
            continue;
        }
        if let Some(s) = line_start {
            lines.push((s, line_end));
        }
        // The piece starts a new line; a word wider than the line is cut between grapheme clusters.
        if flat.width(piece.start, trim_end(&flat.text, piece.start, piece.end), size)? <= width {
            line_start = Some(piece.start);
            line_end = piece.end;
            continue;
        }
        let mut s = piece.start;
        let mut e = piece.start;
        for g in grapheme_points(&flat.text[piece.start..piece.end]) {
            let g = piece.start + g;
            if e > s && flat.width(s, trim_end(&flat.text, s, g), size)? > width {
                lines.push((s, e));
                s = e;
            }
            e = g;
        }
        line_start = Some(s);
        line_end = e;
    }
    if let Some(s) = line_start {
        lines.push((s, line_end));
    }
    if lines.is_empty() {
        lines.push((start, start));
    }
    Ok(lines)
}

fn lay_paragraph(p: &Paragraph, width: f32) -> Result<Laid> {
    check_size(p.size)?;
    let flat = Flat::new(&p.spans);
    let regular = face(Weight::Regular)?;
    let line_h = regular.line_height(p.size);
    let ascent = regular.ascent(p.size);
    let mut laid = Laid::default();
    let mut hard_start = 0;
    let text = flat.text.as_str();
    let mut hard_lines: Vec<(usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        if c == '\n' {
            hard_lines.push((hard_start, i));
            hard_start = i + 1;
        }
    }
    hard_lines.push((hard_start, text.len()));
    for (hs, he) in hard_lines {
        let lines = if p.wrap { wrap(&flat, hs, he, p.size, width)? } else { vec![(hs, he)] };
        for (s, e) in lines {
            let e = trim_end(text, s, e);
            let runs = flat.shape(s, e, p.size)?;
            let line_w: f32 = runs.iter().map(|(_, r, _, _)| r.width).sum();
            if line_w > width {
                laid.overflow = laid.overflow.max(line_w);
            }
            let x0 = match p.align {
                Align::Left => 0.0,
                Align::Center => ((width - line_w) / 2.0).max(0.0),
                Align::Right => (width - line_w).max(0.0),
            };
            let baseline = laid.height + ascent;
            let mut x = x0;
            let count = runs.len();
            if count == 0 {
                // An empty line still takes its height and a (blank) line in the text layer.
                laid.items.push(Item::Text(TextRun {
                    weight: Weight::Regular,
                    size: p.size,
                    glyphs: Vec::new(),
                    text: String::new(),
                    line_end: true,
                }));
            }
            for (i, (weight, run, a, b)) in runs.into_iter().enumerate() {
                let glyphs = run
                    .glyphs
                    .iter()
                    .map(|g| PlacedGlyph {
                        gid: g.gid,
                        x: x + g.x,
                        y: baseline - g.y,
                        cluster: g.cluster,
                    })
                    .collect();
                laid.items.push(Item::Text(TextRun {
                    weight,
                    size: p.size,
                    glyphs,
                    text: text[a..b].to_string(),
                    line_end: i + 1 == count,
                }));
                x += run.width;
            }
            laid.breaks.push(laid.height);
            laid.height += line_h;
        }
    }
    laid.breaks.push(laid.height);
    Ok(laid)
}

fn column_widths(weights: impl Iterator<Item = f32>, width: f32) -> Vec<f32> {
    let weights: Vec<f32> =
        weights.map(|w| if w.is_finite() && w > 0.0 { w } else { 1.0 }).collect();
    let total: f32 = weights.iter().sum();
    weights.iter().map(|w| width * w / total).collect()
}

fn lay_table(t: &Table, width: f32) -> Result<Laid> {
    check_size(t.size)?;
    let n = t.columns.len();
    if n == 0
        || t.rows.iter().any(|r| r.len() != n)
        || (!t.header.is_empty() && t.header.len() != n)
    {
        return Err(Error::validation("error.doc.table_shape"));
    }
    let widths = column_widths(t.columns.iter().map(|c| c.weight), width);
    let pad_x = mm(1.2);
    let pad_y = mm(0.6);
    let rule = 0.5;
    let lay_row = |cells: Vec<Vec<Span>>, shaded: bool| -> Result<Laid> {
        let mut row = Laid::default();
        let mut laid_cells = Vec::new();
        let mut h: f32 = 0.0;
        for (col, spans) in t.columns.iter().zip(cells) {
            let p = Paragraph { spans, size: t.size, align: col.align, wrap: true };
            let idx = laid_cells.len();
            let cell = lay_paragraph(&p, (widths[idx] - 2.0 * pad_x).max(1.0))?;
            h = h.max(cell.height);
            laid_cells.push(cell);
        }
        let h = h + 2.0 * pad_y;
        if shaded {
            row.items.push(Item::Fill { x: 0.0, y: 0.0, w: width, h, shade: 0.12 });
        }
        let mut x = 0.0;
        for (i, mut cell) in laid_cells.into_iter().enumerate() {
            for item in &mut cell.items {
                item.shift(x + pad_x, pad_y);
            }
            row.items.extend(cell.items);
            if t.grid {
                row.items.push(Item::Frame { x, y: 0.0, w: widths[i], h, width: rule });
            }
            x += widths[i];
        }
        if !t.grid {
            row.items.push(Item::Line {
                x1: 0.0,
                y1: h,
                x2: width,
                y2: h,
                width: rule / 2.0,
                dashed: false,
            });
        }
        row.height = h;
        Ok(row)
    };
    let mut laid = Laid::default();
    if !t.header.is_empty() {
        let header = t.header.iter().map(|h| vec![Span::bold(h.clone())]).collect();
        laid.append(lay_row(header, true)?, 0.0);
    }
    for cells in &t.rows {
        laid.breaks.push(laid.height);
        laid.append(lay_row(cells.clone(), false)?, 0.0);
    }
    laid.breaks.push(laid.height);
    Ok(laid)
}

fn aligned_x(align: Align, inner: f32, width: f32) -> f32 {
    match align {
        Align::Left => 0.0,
        Align::Center => ((width - inner) / 2.0).max(0.0),
        Align::Right => (width - inner).max(0.0),
    }
}

fn lay_image(image: &Image, width: f32) -> Result<Laid> {
    let pixels = decode_png(&image.png)?;
    let w = mm(image.width_mm).min(width).max(1.0);
    let h = w * pixels.height as f32 / pixels.width.max(1) as f32;
    let x = aligned_x(image.align, w, width);
    let gap = mm(1.0);
    Ok(Laid {
        items: vec![Item::Image { x, y: gap, w, h, pixels: Arc::new(pixels) }],
        height: h + 2.0 * gap,
        ..Laid::default()
    })
}

/// Decodes a PNG into RGBA pixels (images with transparency are composed over white when drawn).
pub(crate) fn decode_png(png: &[u8]) -> Result<Pixels> {
    let mut warnings = Vec::new();
    let raw = printpdf::RawImage::decode_from_bytes(png, &mut warnings)
        .map_err(|e| Error::validation("error.doc.image").arg("reason", e))?;
    let (width, height) = (raw.width as u32, raw.height as u32);
    let printpdf::RawImageData::U8(data) = raw.pixels else {
        return Err(Error::validation("error.doc.image").arg("reason", "16-bit"));
    };
    let px = (width * height) as usize;
    use printpdf::RawImageFormat as F;
    let rgba: Vec<u8> = match raw.data_format {
        F::RGBA8 => data,
        F::RGB8 => data.chunks_exact(3).flat_map(|c| [c[0], c[1], c[2], 255]).collect(),
        F::R8 => data.iter().flat_map(|&v| [v, v, v, 255]).collect(),
        F::RG8 => data.chunks_exact(2).flat_map(|c| [c[0], c[0], c[0], c[1]]).collect(),
        F::BGR8 => data.chunks_exact(3).flat_map(|c| [c[2], c[1], c[0], 255]).collect(),
        F::BGRA8 => data.chunks_exact(4).flat_map(|c| [c[2], c[1], c[0], c[3]]).collect(),
        _ => return Err(Error::validation("error.doc.image").arg("reason", "format")),
    };
    if rgba.len() != px * 4 || px == 0 {
        return Err(Error::validation("error.doc.image").arg("reason", "size"));
    }
    Ok(Pixels { width, height, rgba })
}

/// The smallest module a 203-dpi thermal head prints so that phones still scan it: 3 dots.
pub const QR_MIN_MODULE_MM: f32 = 0.375;
/// One dot of a 203-dpi (8 dots/mm) head.
const DOT_MM: f32 = 0.125;
/// The quiet zone the QR standard asks for, in modules, on every side.
pub const QR_QUIET_MODULES: u32 = 4;

/// The QR matrix for `payload` (error correction M): `true` is a dark module. No quiet zone.
pub(crate) fn qr_matrix(payload: &str) -> Result<(u32, Vec<bool>)> {
    let code = qrcode::QrCode::with_error_correction_level(payload.as_bytes(), qrcode::EcLevel::M)
        .map_err(|_| {
            Error::validation("error.doc.qr_too_long").arg("length", payload.len().to_string())
        })?;
    let n = code.width() as u32;
    let dark = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
    Ok((n, dark))
}

fn lay_qr(qr: &Qr, width: f32) -> Result<Laid> {
    if qr.payload.is_empty() {
        return Err(Error::validation("error.doc.qr_empty"));
    }
    let (n, dark) = qr_matrix(&qr.payload)?;
    let module_mm = if qr.module_mm.is_finite() { qr.module_mm } else { QR_MIN_MODULE_MM };
    let module_mm = ((module_mm / DOT_MM).round() * DOT_MM).max(QR_MIN_MODULE_MM);
    let mut module = mm(module_mm);
    let full = n + 2 * QR_QUIET_MODULES;
    // Shrink to the column if needed, but never below the minimum module.
    while module * full as f32 > width && module > mm(QR_MIN_MODULE_MM) + 0.01 {
        module -= mm(DOT_MM);
    }
    let side = module * full as f32;
    let x0 = aligned_x(qr.align, side, width);
    let q = QR_QUIET_MODULES as f32 * module;
    let mut items = Vec::new();
    for row in 0..n {
        // Horizontal runs of dark modules become one rectangle each: fewer PDF operators, same picture.
        let mut col = 0;
        while col < n {
            if !dark[(row * n + col) as usize] {
                col += 1;
                continue;
            }
            let start = col;
            while col < n && dark[(row * n + col) as usize] {
                col += 1;
            }
            items.push(Item::Fill {
                x: x0 + q + start as f32 * module,
                y: q + row as f32 * module,
                w: (col - start) as f32 * module,
                h: module,
                shade: 1.0,
            });
        }
    }
    Ok(Laid { items, height: side, ..Laid::default() })
}

fn lay_boxed(boxed: &Boxed, width: f32) -> Result<Laid> {
    let pad = mm(boxed.padding_mm.max(0.0));
    let inner = lay_blocks(&boxed.blocks, (width - 2.0 * pad).max(1.0))?;
    let h = inner.height + 2.0 * pad;
    let mut laid = Laid::default();
    if let Some(shade) = boxed.shade {
        laid.items.push(Item::Fill { x: 0.0, y: 0.0, w: width, h, shade: shade.clamp(0.0, 1.0) });
    }
    let mut items = inner.items;
    for item in &mut items {
        item.shift(pad, pad);
    }
    laid.items.extend(items);
    if boxed.border > 0.0 {
        let b = boxed.border;
        laid.items.push(Item::Frame { x: b / 2.0, y: b / 2.0, w: width - b, h: h - b, width: b });
    }
    laid.height = h;
    Ok(laid)
}

fn lay_row(cells: &[RowCell], width: f32) -> Result<Laid> {
    let widths = column_widths(cells.iter().map(|c| c.weight), width);
    let gap = mm(2.0);
    let mut laid = Laid::default();
    let mut x = 0.0;
    let count = cells.len();
    for (i, cell) in cells.iter().enumerate() {
        let w =
            if count > 1 { widths[i] - gap * (count - 1) as f32 / count as f32 } else { widths[i] };
        let mut inner = lay_blocks(&cell.blocks, w.max(1.0))?;
        for item in &mut inner.items {
            item.shift(x, 0.0);
        }
        laid.items.extend(inner.items);
        laid.height = laid.height.max(inner.height);
        x += w + gap;
    }
    Ok(laid)
}
