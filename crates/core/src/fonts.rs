//! The bundled Sarabun typeface (SIL Open Font License; see `crates/core/fonts/OFL.txt`). Every document
//! Sala prints uses it; no system font is ever used.

/// Sarabun Regular (TrueType).
pub const SARABUN_REGULAR: &[u8] = include_bytes!("../fonts/Sarabun-Regular.ttf");
/// Sarabun Bold (TrueType).
pub const SARABUN_BOLD: &[u8] = include_bytes!("../fonts/Sarabun-Bold.ttf");

/// A bundled font and whether it is usable for Thai.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FontCheck {
    /// File name.
    pub name: &'static str,
    /// Size in bytes.
    pub bytes: usize,
    /// The font parses and has glyphs for the Thai block, tone marks and Thai digits.
    pub covers_thai: bool,
}

/// Checks every bundled font.
pub fn check_fonts() -> Vec<FontCheck> {
    [("Sarabun-Regular.ttf", SARABUN_REGULAR), ("Sarabun-Bold.ttf", SARABUN_BOLD)]
        .into_iter()
        .map(|(name, data)| FontCheck { name, bytes: data.len(), covers_thai: covers_thai(data) })
        .collect()
}

fn covers_thai(data: &[u8]) -> bool {
    ttf_parser::Face::parse(data, 0).is_ok_and(|face| {
        // Consonants, vowels, tone marks (่ ้ ๊ ๋), the baht sign and Thai digits.
        "กขคฆงจฉชซญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮะาำิีึืุู่้๊๋็์฿๐๑๒๓๔๕๖๗๘๙"
            .chars()
            .all(|c| face.glyph_index(c).is_some())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn bundled_fonts_cover_thai() {
        for font in super::check_fonts() {
            assert!(font.covers_thai, "{} must cover Thai", font.name);
        }
    }
}
