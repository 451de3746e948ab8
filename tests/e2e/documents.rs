//! Documents checked with real tools: what `pdftotext` reads back, where HarfBuzz (through Pango) puts every
//! Thai mark compared with our PDF as poppler draws it, QR codes decoded by `zbarimg` from a 203-dpi
//! rendering, and the thermal raster compared with the PDF rendering of the same slip.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail, ensure};
use sala_core::doc::{self, Align, Block, Document, Paper, Qr, samples};
use sala_tests::{TempDataDir, salactl_bin, workspace_root};

/// Hard Thai: stacked marks, SARA AM, ญ/ฐ without descenders, ฤๅ/ฦๅ, Thai digits, mixed scripts.
const HARD: &[&str] = &[
    "ที่ สิ่ง น้ำ ปั้น",
    "ผู้ใหญ่บ้าน ญาติ ฐานะ ฎีกา ปฏิบัติ",
    "กรุณาชำระภาษีที่ดินและสิ่งปลูกสร้าง",
    "ก๋วยเตี๋ยว กั๊ก ปิ่นโต ศักดิ์สิทธิ์ ฤๅษี ฦๅ",
    "เจ้าหน้าที่ผู้รับเงิน นั่ง ชั่ว ปั่น ฝ้าย ฟ้อง",
    "จำนวนเงิน ๑,๒๓๔.๕๐ บาท (หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์)",
    "ใบเสร็จรับเงิน No. A-0012 ชำระแล้ว 08:30 น.",
];

fn tool(name: &str) -> Result<()> {
    let found =
        Command::new("sh").arg("-c").arg(format!("command -v {name}")).output()?.status.success();
    ensure!(
        found,
        "{name} is missing: run scripts/install-deps (poppler-utils, zbar-tools, pango1.0-tools)"
    );
    Ok(())
}

fn run(cmd: &mut Command) -> Result<Vec<u8>> {
    let out = cmd.output().with_context(|| format!("{cmd:?}"))?;
    ensure!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    Ok(out.stdout)
}

fn render_text(dir: &Path, name: &str, text: &str, size: &str, paper: &str) -> Result<PathBuf> {
    let pdf = dir.join(format!("{name}.pdf"));
    let mut child = Command::new(salactl_bin()?)
        .args(["render", "text", "--out"])
        .arg(&pdf)
        .args(["--size", size, "--paper", paper])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    use std::io::Write;
    child.stdin.take().context("stdin")?.write_all(text.as_bytes())?;
    let out = child.wait_with_output()?;
    ensure!(out.status.success(), "render text: {}", String::from_utf8_lossy(&out.stderr));
    Ok(pdf)
}

#[test]
fn pdftotext_reads_back_every_hard_thai_line_exactly() -> Result<()> {
    tool("pdftotext")?;
    let tmp = TempDataDir::new()?;
    let mut lines: Vec<&str> = HARD.to_vec();
    lines.extend_from_slice(samples::HARD_THAI);
    let text = lines.join("\n") + "\n";
    for paper in ["a4", "80mm", "58mm"] {
        let pdf = render_text(tmp.path(), &format!("hard-{paper}"), &text, "12", paper)?;
        let got = String::from_utf8(run(Command::new("pdftotext").arg(&pdf).arg("-"))?)?;
        let got: Vec<&str> =
            got.lines().map(str::trim_end).filter(|l| !l.is_empty() && *l != "\u{c}").collect();
        ensure!(
            got == lines,
            "{paper}: pdftotext gave\n{}\nexpected\n{}",
            got.join("\n"),
            lines.join("\n")
        );
    }
    Ok(())
}

/// A grey image cropped to its ink.
struct Ink {
    w: usize,
    h: usize,
    dark: Vec<bool>,
}

impl Ink {
    fn from_gray(w: usize, h: usize, px: &[u8]) -> Result<Ink> {
        let dark_at = |x: usize, y: usize| px[y * w + x] < 128;
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        for y in 0..h {
            for x in 0..w {
                if dark_at(x, y) {
                    x0 = x0.min(x);
                    y0 = y0.min(y);
                    x1 = x1.max(x);
                    y1 = y1.max(y);
                }
            }
        }
        ensure!(x0 != usize::MAX, "no ink in the image");
        let (cw, ch) = (x1 - x0 + 1, y1 - y0 + 1);
        let mut dark = Vec::with_capacity(cw * ch);
        for y in y0..=y1 {
            for x in x0..=x1 {
                dark.push(dark_at(x, y));
            }
        }
        Ok(Ink { w: cw, h: ch, dark })
    }

    fn load(png: &Path) -> Result<Ink> {
        let img = image::open(png)?.to_luma8();
        let (w, h) = (img.width() as usize, img.height() as usize);
        Ink::from_gray(w, h, img.as_raw())
    }

    fn at(&self, x: isize, y: isize) -> bool {
        x >= 0
            && y >= 0
            && (x as usize) < self.w
            && (y as usize) < self.h
            && self.dark[y as usize * self.w + x as usize]
    }

    /// The share of this image's ink with no ink of `other` within `r` pixels (both aligned at the top
    /// left of their ink).
    fn unmatched(&self, other: &Ink, r: isize) -> f64 {
        let mut total = 0usize;
        let mut missing = 0usize;
        for y in 0..self.h as isize {
            for x in 0..self.w as isize {
                if !self.at(x, y) {
                    continue;
                }
                total += 1;
                let near = (-r..=r).any(|dy| (-r..=r).any(|dx| other.at(x + dx, y + dy)));
                if !near {
                    missing += 1;
                }
            }
        }
        missing as f64 / total.max(1) as f64
    }

    fn distance(&self, other: &Ink) -> f64 {
        self.unmatched(other, 1).max(other.unmatched(self, 1))
    }
}

fn pango(dir: &Path, name: &str, markup: &str) -> Result<Ink> {
    let conf = dir.join("fonts.conf");
    if !conf.exists() {
        // Pango finds exactly the bundled Sarabun, nothing from the system.
        let fonts = workspace_root().join("crates/core/fonts");
        std::fs::write(
            &conf,
            format!(
                "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig><dir>{}</dir><cachedir>{}</cachedir></fontconfig>",
                fonts.display(),
                dir.join("fc-cache").display()
            ),
        )?;
    }
    let png = dir.join(format!("{name}-pango.png"));
    run(Command::new("pango-view")
        .env("FONTCONFIG_FILE", &conf)
        .args(["--no-display", "-q", "--font=Sarabun 20", "--dpi=144", "--margin=20"])
        .args(["--hinting=none", "--hint-metrics=off", "--subpixel-positions", "--markup"])
        .arg("-o")
        .arg(&png)
        .arg(format!("--text={markup}")))?;
    Ink::load(&png)
}

fn ours(dir: &Path, name: &str, text: &str) -> Result<Ink> {
    let pdf = render_text(dir, name, &format!("{text}\n"), "20", "a4")?;
    let prefix = dir.join(format!("{name}-ours"));
    run(Command::new("pdftoppm")
        .args(["-r", "144", "-png", "-singlefile", "-aa", "yes"])
        .arg(&pdf)
        .arg(&prefix))?;
    Ink::load(&prefix.with_extension("png"))
}

#[test]
fn thai_marks_sit_where_harfbuzz_puts_them() -> Result<()> {
    tool("pango-view")?;
    tool("pdftoppm")?;
    let tmp = TempDataDir::new()?;
    let dir = tmp.path();
    let mut report = Vec::new();
    for (i, line) in HARD.iter().enumerate() {
        let name = format!("line{i}");
        let reference = pango(dir, &name, line)?;
        let unshaped = pango(
            dir,
            &format!("{name}-nomarks"),
            &format!("<span font_features=\"mark 0, mkmk 0, ccmp 0\">{line}</span>"),
        )?;
        let ours = ours(dir, &name, line)?;
        let good = ours.distance(&reference);
        let bad = unshaped.distance(&reference);
        report.push(format!(
            "{line}: ours {good:.4}, unshaped {bad:.4}, size {}x{} vs {}x{}",
            ours.w, ours.h, reference.w, reference.h
        ));
        ensure!(
            ours.w.abs_diff(reference.w) <= 2 && ours.h.abs_diff(reference.h) <= 2,
            "{line}: ink box {}x{} vs HarfBuzz {}x{}",
            ours.w,
            ours.h,
            reference.w,
            reference.h
        );
        ensure!(
            good < 0.02,
            "{line}: {:.1}% of the ink is off HarfBuzz's rendering\n{}",
            good * 100.0,
            report.join("\n")
        );
        // The comparison can fail: the same line without mark positioning (printpdf's plain text) is far off.
        // (Lines where marks stack: an upper vowel then a tone mark, or SARA AM after a tone mark.)
        let chars: Vec<char> = line.chars().collect();
        let stacks = chars.windows(2).any(|w| "ัิีึื็".contains(w[0]) && "่้๊๋์".contains(w[1]))
            || chars.windows(2).any(|w| "่้๊๋".contains(w[0]) && w[1] == 'ำ');
        if stacks {
            ensure!(
                bad > 2.0 * good && bad > 0.02,
                "{line}: the check does not see unshaped marks: {}",
                report.join("\n")
            );
        }
    }
    println!("{}", report.join("\n"));
    Ok(())
}

fn zbar(png: &Path) -> Result<Vec<String>> {
    let out = Command::new("zbarimg")
        .args(["-q", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(png)
        .output()?;
    ensure!(out.status.success(), "zbarimg found no QR code in {}", png.display());
    Ok(String::from_utf8(out.stdout)?.lines().map(str::to_owned).collect())
}

fn pdf_to_png(pdf: &Path, dpi: &str, mono: bool) -> Result<PathBuf> {
    let prefix = pdf.with_extension("");
    let mut cmd = Command::new("pdftoppm");
    cmd.args(["-r", dpi, "-singlefile"]);
    if mono {
        // A thermal head: 1 bit per dot, no anti-aliasing.
        cmd.args(["-mono", "-aa", "no", "-aaVector", "no"]);
        run(cmd.arg(pdf).arg(&prefix))?;
        return Ok(prefix.with_extension("pbm"));
    }
    run(cmd.arg("-png").arg(pdf).arg(&prefix))?;
    Ok(prefix.with_extension("png"))
}

#[test]
fn qr_codes_scan_back_to_the_exact_payload_at_thermal_resolution() -> Result<()> {
    tool("zbarimg")?;
    let tmp = TempDataDir::new()?;
    let payload = "00020101021230630016A00000067701011201150999999999991000212LT680001234503042568530376454071234.505802TH6304957C";
    for (paper, module) in [(Paper::Roll80, 0.5), (Paper::Roll58, 0.375), (Paper::A4, 0.6)] {
        let mut doc = Document::new("qr", paper);
        doc.push(Block::Text(doc::Paragraph::bold("สแกนเพื่อชำระ", 12.0).align(Align::Center)));
        doc.push(Block::Qr(Qr {
            payload: payload.into(),
            module_mm: module,
            align: Align::Center,
        }));
        let pdf = tmp.path().join(format!("qr-{}.pdf", paper.as_str()));
        std::fs::write(&pdf, doc.to_pdf()?)?;
        // 203 dpi, 1 bit: what a thermal printer makes of it.
        let png = pdf_to_png(&pdf, "203", true)?;
        let got = zbar(&png)?;
        ensure!(got == [payload], "{}: zbarimg read {got:?}", paper.as_str());
        // The raster the ESC/POS path prints scans too.
        if let Some(dots) = paper.roll_dots() {
            let bitmap = &doc.to_raster(dots)?[0];
            let pbm = tmp.path().join(format!("qr-{}-raster.pbm", paper.as_str()));
            std::fs::write(&pbm, bitmap.to_pbm())?;
            ensure!(
                zbar(&pbm)? == [payload],
                "{}: the ESC/POS raster does not scan",
                paper.as_str()
            );
        }
    }
    let notice = tmp.path().join("notice.pdf");
    std::fs::write(&notice, samples::tax_notice().to_pdf()?)?;
    let got = zbar(&pdf_to_png(&notice, "150", false)?)?;
    ensure!(got.len() == 1, "the notice has one QR: {got:?}");
    let parsed = sala_core::thaiqr::parse(&got[0])?;
    let parsed = serde_json::to_value(&parsed)?;
    ensure!(
        parsed["ref1"] == "LT6900012345" && parsed["amount"] == "6600.00",
        "the notice's QR: {parsed}"
    );
    Ok(())
}

#[test]
fn the_thermal_raster_is_the_pdf_drawn_at_the_printers_dots() -> Result<()> {
    tool("pdftoppm")?;
    let tmp = TempDataDir::new()?;
    for paper in [Paper::Roll80, Paper::Roll58] {
        let doc = samples::queue_slip(paper);
        let pdf = tmp.path().join(format!("slip-{}.pdf", paper.as_str()));
        std::fs::write(&pdf, doc.to_pdf()?)?;
        let dots = paper.roll_dots().context("roll")?;
        let bitmap = &doc.to_raster(dots)?[0];
        // Poppler at exactly 8 dots per mm (203.2 dpi), cropped to the printable width.
        let (margin, _) = paper.margins_mm();
        let x0 = (margin * 8.0).round() as u32;
        let prefix = tmp.path().join(format!("slip-{}-poppler", paper.as_str()));
        run(Command::new("pdftoppm")
            .args(["-r", "203.2", "-gray", "-singlefile", "-x", &x0.to_string(), "-y", "0"])
            .args(["-W", &dots.to_string(), "-H", &bitmap.height.to_string()])
            .arg(&pdf)
            .arg(&prefix))?;
        let pgm = std::fs::read(prefix.with_extension("pgm"))?;
        let (w, h, px) = parse_pgm(&pgm)?;
        ensure!(w == dots as usize, "poppler width {w}");
        let poppler = Ink::from_gray(w, h, px)?;
        let gray: Vec<u8> = (0..bitmap.height)
            .flat_map(|y| (0..bitmap.width).map(move |x| (x, y)))
            .map(|(x, y)| if bitmap.get(x, y) { 0 } else { 255 })
            .collect();
        let raster = Ink::from_gray(bitmap.width as usize, bitmap.height as usize, &gray)?;
        let d = raster.distance(&poppler);
        ensure!(
            d < 0.03,
            "{}: {:.1}% of the raster's ink differs from poppler's rendering",
            paper.as_str(),
            d * 100.0
        );
        ensure!(
            raster.w.abs_diff(poppler.w) <= 2 && raster.h.abs_diff(poppler.h) <= 2,
            "ink boxes differ"
        );
    }
    Ok(())
}

fn parse_pgm(data: &[u8]) -> Result<(usize, usize, &[u8])> {
    // "P5\n<w> <h>\n255\n" then bytes.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while data.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let start = i;
        while data.get(i).is_some_and(|b| !b.is_ascii_whitespace()) {
            i += 1;
        }
        fields.push(std::str::from_utf8(&data[start..i])?.to_owned());
    }
    if fields[0] != "P5" {
        bail!("not a binary PGM");
    }
    let (w, h): (usize, usize) = (fields[1].parse()?, fields[2].parse()?);
    Ok((w, h, &data[i + 1..i + 1 + w * h]))
}
