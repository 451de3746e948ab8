//! Raster output for thermal printers: a laid-out page drawn with tiny-skia at the printer's own dots
//! (8 per mm: 576 across an 80 mm roll, 384 across 58 mm) and thresholded to 1 bit. Glyph outlines come from
//! the same Sarabun file at the same shaped positions as the PDF, so Thai prints correctly whatever code
//! pages the printer has.

use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, PixmapPaint, Stroke, StrokeDash, Transform};

use super::font::face;
use super::layout::{Item, Page};
use crate::{Error, Result};

/// A 1-bit image: `width` dots across, rows packed most significant bit first, 1 = black (burnt).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitmap {
    /// Dots across.
    pub width: u32,
    /// Rows.
    pub height: u32,
    /// `height` rows of `width.div_ceil(8)` bytes.
    pub data: Vec<u8>,
}

impl Bitmap {
    /// Bytes per row.
    pub fn stride(&self) -> usize {
        self.width.div_ceil(8) as usize
    }

    /// Whether the dot at (`x`, `y`) is black.
    pub fn get(&self, x: u32, y: u32) -> bool {
        if x >= self.width || y >= self.height {
            return false;
        }
        let byte = self.data[y as usize * self.stride() + (x / 8) as usize];
        byte & (0x80 >> (x % 8)) != 0
    }

    /// The number of black dots (tests and the benchmark use it as a checksum of ink).
    pub fn ink(&self) -> u64 {
        self.data.iter().map(|b| u64::from(b.count_ones())).sum()
    }

    /// The image as a plain PBM (P4) file, for looking at or comparing with other tools.
    pub fn to_pbm(&self) -> Vec<u8> {
        let mut out = format!("P4\n{} {}\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.data);
        out
    }
}

/// A glyph outline in font units, collected into a tiny-skia path.
struct Outline<'a> {
    path: &'a mut PathBuilder,
    scale: f32,
    x: f32,
    y: f32,
}

impl ttf_parser::OutlineBuilder for Outline<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.path.move_to(self.x + x * self.scale, self.y - y * self.scale);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.path.line_to(self.x + x * self.scale, self.y - y * self.scale);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.path.quad_to(
            self.x + x1 * self.scale,
            self.y - y1 * self.scale,
            self.x + x * self.scale,
            self.y - y * self.scale,
        );
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.path.cubic_to(
            self.x + x1 * self.scale,
            self.y - y1 * self.scale,
            self.x + x2 * self.scale,
            self.y - y2 * self.scale,
            self.x + x * self.scale,
            self.y - y * self.scale,
        );
    }
    fn close(&mut self) {
        self.path.close();
    }
}

fn ink(shade: f32) -> Paint<'static> {
    let v = (255.0 * (1.0 - shade.clamp(0.0, 1.0))).round() as u8;
    let mut paint = Paint::default();
    paint.set_color_rgba8(v, v, v, 255);
    paint.anti_alias = true;
    paint
}

/// Draws `page` `dots` wide across its printable width (the page minus its side margins) and returns the
/// 1-bit image. A dot is black when the drawn grey is darker than 50 %.
pub fn render(page: &Page, dots: u32) -> Result<Bitmap> {
    let printable = page.width - 2.0 * page.margin_x;
    if dots == 0 || printable <= 0.0 {
        return Err(Error::validation("error.doc.raster_size"));
    }
    let k = dots as f32 / printable;
    let rows = (page.height * k).ceil().max(1.0) as u32;
    let mut pixmap =
        Pixmap::new(dots, rows).ok_or_else(|| Error::validation("error.doc.raster_size"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let base = Transform::from_row(k, 0.0, 0.0, k, -page.margin_x * k, 0.0);
    for item in &page.items {
        match item {
            Item::Fill { x, y, w, h, shade } => {
                if let Some(rect) = tiny_skia::Rect::from_xywh(*x, *y, *w, *h) {
                    let mut paint = ink(*shade);
                    // Edges of QR modules and table shading stay crisp on a 1-bit head.
                    paint.anti_alias = false;
                    pixmap.fill_rect(rect, &paint, base, None);
                }
            }
            Item::Frame { x, y, w, h, width } => {
                if let Some(rect) = tiny_skia::Rect::from_xywh(*x, *y, *w, *h) {
                    let path = PathBuilder::from_rect(rect);
                    let stroke = Stroke { width: width.max(1.0 / k), ..Stroke::default() };
                    pixmap.stroke_path(&path, &ink(1.0), &stroke, base, None);
                }
            }
            Item::Line { x1, y1, x2, y2, width, dashed } => {
                let mut pb = PathBuilder::new();
                pb.move_to(*x1, *y1);
                pb.line_to(*x2, *y2);
                if let Some(path) = pb.finish() {
                    let mut stroke = Stroke { width: width.max(1.0 / k), ..Stroke::default() };
                    if *dashed {
                        stroke.dash = StrokeDash::new(vec![3.0, 2.0], 0.0);
                    }
                    pixmap.stroke_path(&path, &ink(1.0), &stroke, base, None);
                }
            }
            Item::Image { x, y, w, h, pixels } => {
                let mut data = pixels.rgba.clone();
                // tiny-skia wants premultiplied alpha.
                for px in data.chunks_exact_mut(4) {
                    let a = u16::from(px[3]);
                    for c in &mut px[..3] {
                        *c = ((u16::from(*c) * a + 127) / 255) as u8;
                    }
                }
                let size = tiny_skia::IntSize::from_wh(pixels.width, pixels.height);
                if let Some(image) = size.and_then(|s| Pixmap::from_vec(data, s)) {
                    let t = base
                        .pre_translate(*x, *y)
                        .pre_scale(w / pixels.width as f32, h / pixels.height as f32);
                    let paint = PixmapPaint {
                        quality: tiny_skia::FilterQuality::Bilinear,
                        ..PixmapPaint::default()
                    };
                    pixmap.draw_pixmap(0, 0, image.as_ref(), &paint, t, None);
                }
            }
            Item::Text(run) => {
                let font = face(run.weight)?;
                let scale = font.scale(run.size);
                let mut pb = PathBuilder::new();
                for g in &run.glyphs {
                    let mut outline = Outline { path: &mut pb, scale, x: g.x, y: g.y };
                    font.shaper.outline_glyph(ttf_parser::GlyphId(g.gid), &mut outline);
                }
                if let Some(path) = pb.finish() {
                    pixmap.fill_path(&path, &ink(1.0), FillRule::Winding, base, None);
                }
            }
        }
    }
    Ok(threshold(&pixmap))
}

fn threshold(pixmap: &Pixmap) -> Bitmap {
    let (width, height) = (pixmap.width(), pixmap.height());
    let stride = width.div_ceil(8) as usize;
    let mut data = vec![0u8; stride * height as usize];
    for (i, px) in pixmap.pixels().iter().enumerate() {
        let c = px.demultiply();
        // Luma (Rec. 601), composed over white.
        let a = u32::from(c.alpha());
        let lum =
            (299 * u32::from(c.red()) + 587 * u32::from(c.green()) + 114 * u32::from(c.blue()))
                / 1000;
        let lum = (lum * a + 255 * (255 - a)) / 255;
        if lum < 128 {
            let (x, y) = (i as u32 % width, i as u32 / width);
            data[y as usize * stride + (x / 8) as usize] |= 0x80 >> (x % 8);
        }
    }
    Bitmap { width, height, data }
}
