//! Shaping: text → positioned glyphs through rustybuzz (HarfBuzz's algorithm in Rust), so Thai tone marks,
//! upper vowels, SARA AM and descender-less ญ/ฐ come out exactly as HarfBuzz and Pango place them.
//!
//! A run is split by script first (Thai vs everything else, with spaces, digits and punctuation joining the
//! run they are in), as Pango itemises, so Latin text is shaped with Latin rules and Thai with Thai rules.

use super::font::{Weight, face};
use crate::Result;

/// One glyph placed relative to the start of its run: `x` is the pen position plus the glyph's own offset,
/// `y` the offset upwards from the baseline (both in points).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Glyph {
    pub gid: u16,
    pub x: f32,
    pub y: f32,
    /// Byte offset in the shaped text of the cluster this glyph belongs to.
    pub cluster: usize,
}

/// A shaped run: its glyphs and its advance width in points.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Shaped {
    pub glyphs: Vec<Glyph>,
    pub width: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Thai,
    Other,
}

fn script_of(c: char) -> Option<Script> {
    match c {
        '\u{0E00}'..='\u{0E7F}' => Some(Script::Thai),
        c if c.is_alphabetic() => Some(Script::Other),
        // Spaces, digits and punctuation take the script of the run they are in.
        _ => None,
    }
}

/// Splits `text` into (byte range, script) runs.
fn itemise(text: &str) -> Vec<(usize, usize, Script)> {
    let mut runs: Vec<(usize, usize, Script)> = Vec::new();
    let mut current: Option<Script> = None;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match (script_of(c), current) {
            (Some(s), Some(cur)) if s != cur => {
                runs.push((start, i, cur));
                start = i;
                current = Some(s);
            }
            (Some(s), None) => current = Some(s),
            _ => {}
        }
    }
    if start < text.len() {
        runs.push((start, text.len(), current.unwrap_or(Script::Other)));
    }
    runs
}

/// Shapes `text` in `weight` at `size` points.
pub(crate) fn shape(text: &str, weight: Weight, size: f32) -> Result<Shaped> {
    let face = face(weight)?;
    let scale = face.scale(size);
    let mut out = Shaped::default();
    for (start, end, script) in itemise(text) {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(&text[start..end]);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        match script {
            Script::Thai => {
                buffer.set_script(rustybuzz::script::THAI);
                if let Ok(lang) = "th".parse() {
                    buffer.set_language(lang);
                }
            }
            Script::Other => buffer.guess_segment_properties(),
        }
        let shaped = rustybuzz::shape(&face.shaper, &[], buffer);
        for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            out.glyphs.push(Glyph {
                gid: u16::try_from(info.glyph_id).unwrap_or(0),
                x: out.width + pos.x_offset as f32 * scale,
                y: pos.y_offset as f32 * scale,
                cluster: start + info.cluster as usize,
            });
            out.width += pos.x_advance as f32 * scale;
        }
    }
    Ok(out)
}

#[cfg(test)]
/// The advance width of `text` in points.
pub(crate) fn measure(text: &str, weight: Weight, size: f32) -> Result<f32> {
    Ok(shape(text, weight, size)?.width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_marks_sit_above_their_vowel_not_on_it() {
        // ที่: the tone mark ่ over the upper vowel ี must be raised (HarfBuzz's GPOS mark-to-mark), so its y
        // offset is above the plain ่ in ที.
        let stacked = shape("ที่", Weight::Regular, 20.0).unwrap();
        let plain = shape("ท่", Weight::Regular, 20.0).unwrap();
        assert_eq!(stacked.glyphs.len(), 3);
        let tone_stacked = stacked.glyphs[2];
        let tone_plain = plain.glyphs[1];
        assert!(
            tone_stacked.y > tone_plain.y || tone_stacked.gid != tone_plain.gid,
            "the tone mark over an upper vowel must be raised or replaced by its high form: {stacked:?} vs {plain:?}"
        );
        // Marks take no advance: the run is as wide as ท + ี.
        assert!(stacked.width > 0.0);
    }

    #[test]
    fn sara_am_decomposes_and_clusters_point_into_the_text() {
        let s = shape("น้ำ", Weight::Regular, 12.0).unwrap();
        // น, the tone mark, then SARA AM: HarfBuzz reorders SARA AM's nikhahit part before the tone mark and
        // merges the syllable into one cluster, which is why extraction needs /ActualText.
        assert_eq!(s.glyphs.len(), 3, "{s:?}");
        assert!(s.glyphs.iter().all(|g| g.cluster == 0), "{s:?}");
        assert_eq!(s.glyphs[1].x, s.glyphs[2].x, "the tone mark takes no advance: {s:?}");
        assert!(s.glyphs.iter().all(|g| g.cluster < "น้ำ".len()));
    }

    #[test]
    fn itemising_keeps_spaces_and_digits_in_the_current_run() {
        let runs = itemise("ราคา 1,234 บาท Sala 2569");
        let scripts: Vec<_> = runs.iter().map(|r| r.2).collect();
        assert_eq!(scripts, vec![Script::Thai, Script::Other]);
        assert_eq!(runs[0], (0, "ราคา 1,234 บาท ".len(), Script::Thai));
    }

    #[test]
    fn bold_is_wider_than_regular() {
        let r = measure("ใบเสร็จรับเงิน", Weight::Regular, 12.0).unwrap();
        let b = measure("ใบเสร็จรับเงิน", Weight::Bold, 12.0).unwrap();
        assert!(b > r, "{b} > {r}");
    }
}
