//! Documents: typed content → laid-out pages → a PDF (through printpdf) or a 1-bit raster for thermal
//! printers, from one layout so both show exactly the same thing.
//!
//! - [`Document`] is what templates build: a [`Paper`] and a list of [`Block`]s (paragraphs of styled
//!   [`Span`]s, tables, rules, boxes, side-by-side rows, an image, QR codes, spaces, page breaks).
//! - [`layout()`] shapes every line with rustybuzz (HarfBuzz's algorithm: Thai marks placed by the font's
//!   GSUB/GPOS), wraps Thai at word boundaries (ICU's dictionary segmenter), and paginates A4/A5; roll paper
//!   is one page as long as its content.
//! - [`pdf`] writes the pages with printpdf: glyphs by id with their shaped positions, Sarabun embedded as a
//!   subset, and every line wrapped in an `/ActualText` span so `pdftotext` (and copy/paste) returns exactly
//!   the text that was written. No dates or random ids: the same document gives the same bytes.
//! - [`raster`] draws the same pages with tiny-skia at a printer's dots, for ESC/POS.

mod font;
pub mod layout;
pub mod pdf;
pub mod raster;
pub mod samples;
mod shape;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use font::Weight;
pub use layout::{Page, layout};

/// Millimetres to PDF points.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// A sheet or roll of paper, with the margins Sala prints inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    /// A4 portrait (210 × 297 mm), for notices and reports.
    A4,
    /// A5 portrait (148 × 210 mm), for receipts.
    A5,
    /// 80 mm thermal roll: 72 mm printable (576 dots at 203 dpi).
    #[serde(rename = "80mm")]
    Roll80,
    /// 58 mm thermal roll: 48 mm printable (384 dots at 203 dpi).
    #[serde(rename = "58mm")]
    Roll58,
}

impl Paper {
    /// Every paper, in the order settings list them.
    pub const ALL: [Paper; 4] = [Paper::A4, Paper::A5, Paper::Roll80, Paper::Roll58];

    /// Its stable name: `a4`, `a5`, `80mm`, `58mm`.
    pub fn as_str(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::A5 => "a5",
            Paper::Roll80 => "80mm",
            Paper::Roll58 => "58mm",
        }
    }

    /// Reads a paper name (`a4`, `a5`, `80mm`, `58mm`; case-insensitive).
    pub fn parse(s: &str) -> crate::Result<Paper> {
        Paper::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| crate::Error::validation("error.doc.paper").arg("input", s))
    }

    /// Width in millimetres.
    pub fn width_mm(self) -> f32 {
        match self {
            Paper::A4 => 210.0,
            Paper::A5 => 148.0,
            Paper::Roll80 => 80.0,
            Paper::Roll58 => 58.0,
        }
    }

    /// Height in millimetres for sheets; `None` for a roll (the page is as long as its content).
    pub fn height_mm(self) -> Option<f32> {
        match self {
            Paper::A4 => Some(297.0),
            Paper::A5 => Some(210.0),
            Paper::Roll80 | Paper::Roll58 => None,
        }
    }

    /// Margins in millimetres: (left/right, top/bottom). On rolls the side margins leave exactly the
    /// printable width of a 203-dpi head (72 mm and 48 mm).
    pub fn margins_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (18.0, 15.0),
            Paper::A5 => (12.0, 10.0),
            Paper::Roll80 => (4.0, 3.0),
            Paper::Roll58 => (5.0, 3.0),
        }
    }

    /// The printer dots across the printable width of a thermal roll (8 dots per mm), or `None` for sheets.
    pub fn roll_dots(self) -> Option<u32> {
        match self {
            Paper::Roll80 => Some(576),
            Paper::Roll58 => Some(384),
            Paper::A4 | Paper::A5 => None,
        }
    }

    /// Whether this is a thermal roll.
    pub fn is_roll(self) -> bool {
        self.height_mm().is_none()
    }
}

/// What a document is to the people who print it; each kind has its own printer and paper in settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Queue ticket slip (thermal).
    QueueSlip,
    /// Acknowledgement of a request or complaint (ใบรับเรื่อง, thermal).
    RequestSlip,
    /// Tax assessment notice (A4).
    TaxNotice,
    /// Payment receipt (A5 or A4).
    Receipt,
    /// Reports and lists (A4).
    Report,
    /// A printer and font test page.
    TestPage,
}

impl DocumentKind {
    /// Every kind, in the order settings list them.
    pub const ALL: [DocumentKind; 6] = [
        DocumentKind::QueueSlip,
        DocumentKind::RequestSlip,
        DocumentKind::TaxNotice,
        DocumentKind::Receipt,
        DocumentKind::Report,
        DocumentKind::TestPage,
    ];

    /// Its stable name (`queue_slip`, …), as stored in settings and print jobs.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::QueueSlip => "queue_slip",
            DocumentKind::RequestSlip => "request_slip",
            DocumentKind::TaxNotice => "tax_notice",
            DocumentKind::Receipt => "receipt",
            DocumentKind::Report => "report",
            DocumentKind::TestPage => "test_page",
        }
    }

    /// Reads a stable name.
    pub fn parse(s: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The paper a kind is printed on until an administrator chooses otherwise: slips on 80 mm rolls,
    /// notices and reports on A4, receipts on A5.
    pub fn default_paper(self) -> Paper {
        match self {
            DocumentKind::QueueSlip | DocumentKind::RequestSlip => Paper::Roll80,
            DocumentKind::TaxNotice | DocumentKind::Report | DocumentKind::TestPage => Paper::A4,
            DocumentKind::Receipt => Paper::A5,
        }
    }
}

/// Horizontal alignment of text or of a block inside its column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Flush left.
    #[default]
    Left,
    /// Centred.
    Center,
    /// Flush right (amounts).
    Right,
}

/// A run of text in one weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    /// The text; `\n` starts a new line.
    pub text: String,
    /// Regular or bold.
    #[serde(default)]
    pub weight: Weight,
}

impl Span {
    /// Regular text.
    pub fn regular(text: impl Into<String>) -> Span {
        Span { text: text.into(), weight: Weight::Regular }
    }

    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Span {
        Span { text: text.into(), weight: Weight::Bold }
    }
}

/// A paragraph: spans wrapped to the column width at Thai word boundaries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The text, in order.
    pub spans: Vec<Span>,
    /// Font size in points.
    pub size: f32,
    /// Alignment of each line.
    #[serde(default)]
    pub align: Align,
    /// Wrap lines wider than the column (the default). A paragraph that must stay on one line (a test
    /// page's line) widens the page instead.
    #[serde(default = "yes")]
    pub wrap: bool,
}

fn yes() -> bool {
    true
}

impl Paragraph {
    /// One regular span.
    pub fn new(text: impl Into<String>, size: f32) -> Paragraph {
        Paragraph { spans: vec![Span::regular(text)], size, align: Align::Left, wrap: true }
    }

    /// One bold span.
    pub fn bold(text: impl Into<String>, size: f32) -> Paragraph {
        Paragraph { spans: vec![Span::bold(text)], size, align: Align::Left, wrap: true }
    }

    /// The same paragraph with `align`.
    #[must_use]
    pub fn align(mut self, align: Align) -> Paragraph {
        self.align = align;
        self
    }
}

/// A table column: its share of the width and the alignment of its cells.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// Relative width (the columns' weights are scaled to the table's width).
    pub weight: f32,
    /// Alignment of this column's cells (amounts right).
    #[serde(default)]
    pub align: Align,
}

/// A table: a header row in bold, then rows; wraps inside cells, breaks across pages between rows and
/// repeats the header on each new page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// Header cells (bold, shaded), if any.
    #[serde(default)]
    pub header: Vec<String>,
    /// Rows of cells; each row has one cell per column.
    pub rows: Vec<Vec<Vec<Span>>>,
    /// Font size in points.
    pub size: f32,
    /// Draw the grid lines.
    #[serde(default)]
    pub grid: bool,
}

/// A horizontal rule across the column.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// Line thickness in points.
    pub thickness: f32,
    /// Dashed (as on slips) or solid.
    #[serde(default)]
    pub dashed: bool,
}

/// An image (the office logo): PNG bytes scaled to a width.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// The PNG file's bytes.
    pub png: Vec<u8>,
    /// Width on paper in millimetres (the height keeps the aspect ratio).
    pub width_mm: f32,
    /// Position in the column.
    #[serde(default)]
    pub align: Align,
}

/// A QR code drawn as vector squares, quiet zone included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Qr {
    /// The data (a Thai QR payment payload, a tracking code…), encoded in byte mode with error correction M.
    pub payload: String,
    /// Module size in millimetres; rounded to whole dots of a 203-dpi head (0.125 mm) and never below
    /// 3 dots (0.375 mm), the smallest that scans reliably from a thermal print.
    pub module_mm: f32,
    /// Position in the column.
    #[serde(default)]
    pub align: Align,
}

/// A bordered box around blocks (kept on one page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Boxed {
    /// The content.
    pub blocks: Vec<Block>,
    /// Space between the border and the content, in millimetres.
    pub padding_mm: f32,
    /// Border thickness in points (0 for none).
    pub border: f32,
    /// Fill shade: 0.0 white … 1.0 black (light grey ≈ 0.1), if any.
    #[serde(default)]
    pub shade: Option<f32>,
}

/// One cell of a side-by-side row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowCell {
    /// Relative width.
    pub weight: f32,
    /// The content.
    pub blocks: Vec<Block>,
}

/// The content of a document, top to bottom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// A paragraph.
    Text(Paragraph),
    /// A table.
    Table(Table),
    /// A horizontal rule.
    Rule(Rule),
    /// An image.
    Image(Image),
    /// A QR code.
    Qr(Qr),
    /// A bordered/shaded box.
    Boxed(Boxed),
    /// Blocks side by side (kept on one page).
    Row(Vec<RowCell>),
    /// Vertical space in millimetres.
    Space(f32),
    /// Continue on a new page (ignored on rolls).
    PageBreak,
}

/// A document: what a template produces and what is rendered, printed and kept for reprinting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The title (PDF metadata and print job name).
    pub title: String,
    /// The paper.
    pub paper: Paper,
    /// The content.
    pub blocks: Vec<Block>,
}

impl Document {
    /// An empty document.
    pub fn new(title: impl Into<String>, paper: Paper) -> Document {
        Document { title: title.into(), paper, blocks: Vec::new() }
    }

    /// Appends a block.
    pub fn push(&mut self, block: Block) -> &mut Document {
        self.blocks.push(block);
        self
    }

    /// Renders to PDF bytes.
    pub fn to_pdf(&self) -> crate::Result<Vec<u8>> {
        pdf::write(&self.title, &layout(self)?)
    }

    /// Renders for a thermal printer: one 1-bit raster per page, `dots` wide across the printable width.
    pub fn to_raster(&self, dots: u32) -> crate::Result<Vec<raster::Bitmap>> {
        let pages = layout(self)?;
        pages.iter().map(|p| raster::render(p, dots)).collect()
    }
}

/// The lines of a plain text as a document (`salactl render text`): one unwrapped line per input line, blank
/// lines kept; a line wider than the paper widens the page rather than break, so every line can be compared
/// with a reference rendering of the same line.
pub fn text_document(text: &str, size: f32, paper: Paper) -> Document {
    let mut doc = Document::new("Sala text", paper);
    for line in text.lines() {
        let mut p = Paragraph::new(line.trim_end_matches('\r'), size);
        p.wrap = false;
        doc.push(Block::Text(p));
    }
    doc
}
