//! The two bundled Sarabun faces, parsed once: rustybuzz for shaping, ttf-parser (inside it) for outlines
//! and metrics, and a reverse character map for the PDF's ToUnicode table.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::fonts::{SARABUN_BOLD, SARABUN_REGULAR};
use crate::{Error, ErrorCode, Result};

/// The weight of a run of text. Sarabun Regular and Sarabun Bold are embedded; nothing else is used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Weight {
    /// Sarabun Regular.
    #[default]
    Regular,
    /// Sarabun Bold.
    Bold,
}

/// A parsed face with the metrics layout needs.
pub(crate) struct Face {
    pub data: &'static [u8],
    pub shaper: rustybuzz::Face<'static>,
    /// Font units per em.
    pub upem: f32,
    /// Ascender and descender (negative) in font units, from `hhea`.
    pub ascender: f32,
    pub descender: f32,
    pub line_gap: f32,
    /// Glyph id → the character it stands for in `cmap` (for text extraction of a glyph seen alone).
    pub glyph_chars: HashMap<u16, char>,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face").field("upem", &self.upem).finish_non_exhaustive()
    }
}

impl Face {
    fn parse(data: &'static [u8]) -> Option<Face> {
        let shaper = rustybuzz::Face::from_slice(data, 0)?;
        let upem = f32::from(shaper.units_per_em() as u16);
        let ascender = f32::from(shaper.ascender());
        let descender = f32::from(shaper.descender());
        let line_gap = f32::from(shaper.line_gap());
        let mut glyph_chars = HashMap::new();
        if let Some(cmap) = shaper.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if let (Some(c), Some(g)) = (char::from_u32(cp), sub.glyph_index(cp)) {
                        // Keep the lowest code point for a glyph shared by several (stable, deterministic).
                        glyph_chars
                            .entry(g.0)
                            .and_modify(|old: &mut char| *old = (*old).min(c))
                            .or_insert(c);
                    }
                });
            }
        }
        Some(Face { data, shaper, upem, ascender, descender, line_gap, glyph_chars })
    }

    /// Font units → points at `size`.
    pub fn scale(&self, size: f32) -> f32 {
        size / self.upem
    }

    /// The natural line height (ascender − descender + line gap) at `size`, in points.
    pub fn line_height(&self, size: f32) -> f32 {
        (self.ascender - self.descender + self.line_gap) * self.scale(size)
    }

    /// The ascender at `size`, in points (the baseline's distance from the top of a line box).
    pub fn ascent(&self, size: f32) -> f32 {
        self.ascender * self.scale(size)
    }
}

/// The face for `weight`, parsed on first use.
pub(crate) fn face(weight: Weight) -> Result<&'static Face> {
    static REGULAR: OnceLock<Option<Face>> = OnceLock::new();
    static BOLD: OnceLock<Option<Face>> = OnceLock::new();
    let (cell, data) = match weight {
        Weight::Regular => (&REGULAR, SARABUN_REGULAR),
        Weight::Bold => (&BOLD, SARABUN_BOLD),
    };
    cell.get_or_init(|| Face::parse(data))
        .as_ref()
        .ok_or_else(|| Error::new(ErrorCode::Internal, "error.doc.font"))
}
