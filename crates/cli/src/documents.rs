//! `salactl render …` and `salactl bench documents`: thin adapters over `sala_core::doc`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use clap::Subcommand;
use sala_core::doc::{self, Paper, samples};
use sala_core::print::cups::{self, CupsServer, JobOutcome, PrinterState};
use sala_core::print::escpos::{self, Cut, EscPosOptions, Raster};
use sala_core::{Error, ErrorCode, Result, i18n::tr};
use serde_json::json;

use crate::output::Out;

/// `salactl render …`
#[derive(Debug, Subcommand)]
pub enum RenderCommand {
    /// Render the UTF-8 lines of standard input, one per line, to a PDF with the bundled Sarabun font.
    Text {
        /// The PDF file to write.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// Font size in points.
        #[arg(long, default_value_t = 16.0, value_name = "PT")]
        size: f32,
        /// Paper: a4, a5, 80mm or 58mm.
        #[arg(long, default_value = "a4")]
        paper: String,
    },
}

/// `salactl bench …`
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Slips (80 mm, with a QR) and A4 notices (logo, table, Thai QR) rendered per second, on one core and on
    /// all of them. Also the ESC/POS raster of a slip.
    Documents {
        /// Seconds to spend on each measurement.
        #[arg(long, default_value_t = 3.0)]
        seconds: f64,
    },
    /// Queue tickets issued per second through the full path, against bare single-row INSERT commits on
    /// the same database (a throwaway demo office).
    Queue {
        /// Seconds to spend on each measurement.
        #[arg(long, default_value_t = 3.0)]
        seconds: f64,
    },
    /// Land and building tax notices generated per second (issue + A4 PDF with its Thai QR) on a throwaway
    /// register of synthetic taxpayers, and the time per notice.
    Tax {
        /// How many synthetic taxpayers the register has.
        #[arg(long, default_value_t = 10_000)]
        taxpayers: usize,
    },
}

/// Renders standard input as a text page.
pub fn render_text(out: &Out, file: &Path, size: f32, paper: &str) -> Result<()> {
    let paper = Paper::parse(paper)?;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(ErrorCode::Validation, "error.doc.stdin").with_source(e))?;
    let text = String::from_utf8(bytes).map_err(|_| Error::validation("error.doc.not_utf8"))?;
    let document = doc::text_document(&text, size, paper);
    let pages = doc::layout(&document)?;
    let pdf = doc::pdf::write(&document.title, &pages)?;
    std::fs::write(file, &pdf).map_err(|e| {
        Error::new(ErrorCode::Storage, "error.doc.write")
            .arg("path", file.display().to_string())
            .with_source(e)
    })?;
    let lines = text.lines().count();
    let human = tr(
        out.lang(),
        "msg.cli.rendered",
        &[
            ("path", file.display().to_string()),
            ("lines", lines.to_string()),
            ("pages", pages.len().to_string()),
        ],
    );
    out.print(
        &human,
        &json!({"file": file, "lines": lines, "pages": pages.len(), "bytes": pdf.len(), "paper": paper}),
    );
    Ok(())
}

/// One measurement: how many `work()` calls fit in `seconds` on `threads` threads.
/// A benchmark case: renders one document and returns its size in bytes.
type Work = fn() -> Result<usize>;

fn rate(seconds: f64, threads: usize, work: Work) -> Result<(f64, usize)> {
    let budget = Duration::from_secs_f64(seconds.clamp(0.1, 600.0));
    let start = Instant::now();
    let results: Vec<Result<(usize, usize)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut count = 0usize;
                    let mut bytes = 0usize;
                    while start.elapsed() < budget {
                        bytes = work()?;
                        count += 1;
                    }
                    Ok((count, bytes))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| Err(Error::new(ErrorCode::Internal, "error.internal")))
            })
            .collect()
    });
    let mut total = 0;
    let mut bytes = 0;
    for r in results {
        let (c, b) = r?;
        total += c;
        bytes = b;
    }
    Ok((total as f64 / start.elapsed().as_secs_f64(), bytes))
}

fn slip_pdf() -> Result<usize> {
    Ok(samples::queue_slip(Paper::Roll80).to_pdf()?.len())
}

fn notice_pdf() -> Result<usize> {
    Ok(samples::tax_notice().to_pdf()?.len())
}

fn slip_raster() -> Result<usize> {
    let bitmaps = samples::queue_slip(Paper::Roll80).to_raster(576)?;
    Ok(bitmaps.iter().map(|b| b.data.len()).sum())
}

/// Runs the document benchmark and prints its figures.
pub fn bench_documents(out: &Out, seconds: f64) -> Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let mut rows = Vec::new();
    let cases: [(&str, Work); 3] = [
        ("slip_pdf_80mm", slip_pdf),
        ("notice_pdf_a4", notice_pdf),
        ("slip_escpos_raster_576", slip_raster),
    ];
    // One warm-up call each: fonts are parsed once per process.
    for (_, work) in &cases {
        work()?;
    }
    let mut human = String::new();
    for (name, work) in cases {
        let (one, bytes) = rate(seconds, 1, work)?;
        let (all, _) = rate(seconds, cores, work)?;
        human.push_str(&format!(
            "{name:<24} {one:>9.1} /s on 1 core   {all:>9.1} /s on {cores} cores   ({bytes} bytes each)\n"
        ));
        rows.push(json!({"case": name, "per_second_1_core": one, "per_second_all_cores": all, "cores": cores, "bytes": bytes}));
    }
    out.print(human.trim_end(), &json!({ "documents": rows }));
    Ok(())
}

/// Where `salactl print` and `salactl printers` find CUPS: `--cups-server`, else `SALA_CUPS_SERVER`, else the
/// system's scheduler.
pub fn cups_server(flag: Option<String>) -> CupsServer {
    let from_env = std::env::var("SALA_CUPS_SERVER").ok();
    CupsServer(flag.or(from_env).filter(|s| !s.trim().is_empty()))
}

/// `salactl printers`: the CUPS queues.
pub fn printers(out: &Out, server: &CupsServer) -> Result<()> {
    let list = cups::list_printers(server)?;
    let lang = out.lang();
    let mut human = String::new();
    if list.is_empty() {
        human = tr(lang, "msg.cli.printers_none", &[]);
    }
    for p in &list {
        let state = match p.state {
            PrinterState::Idle => "msg.printer.idle",
            PrinterState::Printing => "msg.printer.printing",
            PrinterState::Stopped => "msg.printer.stopped",
        };
        human.push_str(&format!(
            "{}{}\t{}{}\t{}\n",
            p.name,
            if p.is_default { " *" } else { "" },
            tr(lang, state, &[]),
            if p.accepting {
                String::new()
            } else {
                format!(" ({})", tr(lang, "msg.printer.not_accepting", &[]))
            },
            p.description.clone().unwrap_or_default(),
        ));
    }
    out.print(human.trim_end(), &serde_json::to_value(&list).unwrap_or_default());
    Ok(())
}

/// What `salactl print` sends a file to.
#[derive(Debug)]
pub struct PrintArgs {
    /// The PDF.
    pub file: PathBuf,
    /// A CUPS queue (default: the scheduler's default printer).
    pub printer: Option<String>,
    /// An ESC/POS printer address instead of CUPS.
    pub escpos: Option<String>,
    /// Roll width for ESC/POS (default: from the page width).
    pub paper: Option<String>,
    /// No cut after each page.
    pub no_cut: bool,
    /// Pulse the cash drawer.
    pub drawer: bool,
    /// Seconds to wait for the printer.
    pub wait: u64,
}

/// `salactl print FILE.pdf`: silently, to a CUPS queue or an ESC/POS printer; exits 1 with the reason when
/// the printer did not take it.
pub fn print_file(out: &Out, server: &CupsServer, args: PrintArgs) -> Result<()> {
    let pdf = std::fs::read(&args.file).map_err(|e| {
        Error::validation("error.doc.read")
            .arg("path", args.file.display().to_string())
            .with_source(e)
    })?;
    if !pdf.starts_with(b"%PDF-") {
        return Err(
            Error::validation("error.doc.not_pdf").arg("path", args.file.display().to_string())
        );
    }
    let title = args.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let lang = out.lang();
    if let Some(target) = &args.escpos {
        let target = escpos::parse_target(target)?;
        let paper = args.paper.as_deref().map(Paper::parse).transpose()?;
        let pages = rasterise_pdf(&args.file, paper)?;
        let opts = EscPosOptions {
            cut: if args.no_cut { Cut::None } else { Cut::Partial },
            open_drawer: args.drawer,
            ..EscPosOptions::default()
        };
        let mut bytes = Vec::new();
        for page in &pages {
            bytes.extend(escpos::encode(page, &opts));
        }
        escpos::send(&target, &bytes, Duration::from_secs(args.wait.max(1)))?;
        let human = tr(
            lang,
            "msg.cli.printed_escpos",
            &[("target", target.to_string()), ("pages", pages.len().to_string())],
        );
        out.print(&human, &json!({"status": "sent", "target": target.to_string(), "pages": pages.len(), "bytes": bytes.len()}));
        return Ok(());
    }
    let printer = match args.printer {
        Some(p) => p,
        None => cups::list_printers(server)?
            .into_iter()
            .find(|p| p.is_default)
            .map(|p| p.name)
            .ok_or_else(|| Error::validation("error.print.no_default"))?,
    };
    let job = cups::submit(server, &printer, &pdf, &title, &[])?;
    match cups::wait(server, &job, Duration::from_secs(args.wait))? {
        JobOutcome::Completed => {
            let human = tr(
                lang,
                "msg.cli.printed",
                &[("printer", printer.clone()), ("job", job.to_string())],
            );
            out.print(
                &human,
                &json!({"status": "sent", "printer": printer, "job": job.to_string()}),
            );
            Ok(())
        }
        JobOutcome::StillPending { state } => {
            let human = tr(
                lang,
                "msg.cli.print_queued",
                &[("printer", printer.clone()), ("job", job.to_string())],
            );
            out.print(&human, &json!({"status": "queued", "printer": printer, "job": job.to_string(), "state": state}));
            Ok(())
        }
        JobOutcome::Failed { reason } => Err(reason),
    }
}

/// Rasterises every page of a PDF for a thermal head with poppler's `pdftoppm` (any PDF, not only Sala's):
/// a page as wide as a roll (80 or 58 mm) is drawn at 8 dots/mm and cropped to the printable width, like
/// the app's own raster; any other page is scaled to the head's width.
fn rasterise_pdf(file: &Path, paper: Option<Paper>) -> Result<Vec<Raster>> {
    let run = |cmd: &mut Command| -> Result<Vec<u8>> {
        let output = cmd
            .output()
            .map_err(|e| Error::validation("error.print.poppler_missing").with_source(e))?;
        if !output.status.success() {
            return Err(
                Error::validation("error.doc.not_pdf").arg("path", file.display().to_string())
            );
        }
        Ok(output.stdout)
    };
    let info = String::from_utf8_lossy(&run(Command::new("pdfinfo").arg(file))?).into_owned();
    let width_pt: f32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .and_then(|s| s.split_whitespace().next())
        .and_then(|w| w.parse().ok())
        .ok_or_else(|| {
            Error::validation("error.doc.not_pdf").arg("path", file.display().to_string())
        })?;
    let width_mm = width_pt / doc::PT_PER_MM;
    let paper =
        paper.unwrap_or(if (width_mm - 58.0).abs() < 1.0 { Paper::Roll58 } else { Paper::Roll80 });
    let dots =
        paper.roll_dots().ok_or_else(|| Error::validation("error.print.escpos_needs_roll"))?;
    let dir = std::env::temp_dir().join(format!("salactl-raster-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| {
        Error::new(ErrorCode::Storage, "error.doc.write")
            .arg("path", dir.display().to_string())
            .with_source(e)
    })?;
    let prefix = dir.join("page");
    let mut cmd = Command::new("pdftoppm");
    cmd.arg("-gray");
    if (width_mm - paper.width_mm()).abs() < 1.0 {
        let margin = (paper.margins_mm().0 * 8.0).round() as u32;
        cmd.args([
            "-r",
            "203.2",
            "-x",
            &margin.to_string(),
            "-y",
            "0",
            "-W",
            &dots.to_string(),
            "-H",
            "100000",
        ]);
    } else {
        cmd.args(["-scale-to-x", &dots.to_string(), "-scale-to-y", "-1"]);
    }
    let result = run(cmd.arg(file).arg(&prefix)).and_then(|_| {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| Error::new(ErrorCode::Storage, "error.internal").with_source(e))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "pgm"))
            .collect();
        names.sort();
        names.iter().map(|p| pgm_to_raster(p, dots)).collect::<Result<Vec<_>>>()
    });
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn pgm_to_raster(path: &Path, dots: u32) -> Result<Raster> {
    let bad = || Error::new(ErrorCode::Internal, "error.internal");
    let data = std::fs::read(path).map_err(|_| bad())?;
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
        fields.push(String::from_utf8_lossy(data.get(start..i).ok_or_else(bad)?).into_owned());
    }
    let (w, h): (u32, u32) =
        (fields[1].parse().map_err(|_| bad())?, fields[2].parse().map_err(|_| bad())?);
    let pixels = data.get(i + 1..i + 1 + (w * h) as usize).ok_or_else(bad)?;
    let mut raster = Raster::new(dots, h);
    for y in 0..h {
        for x in 0..w.min(dots) {
            if pixels[(y * w + x) as usize] < 128 {
                raster.set(x, y, true);
            }
        }
    }
    Ok(raster)
}

/// Writes `document` as a PDF at `path`; `Err` is the Thai (or English) reason, for the caller to report
/// beside the record the document belongs to (a slip that could not be written never undoes its ticket).
pub(crate) fn write_pdf(
    document: &Result<doc::Document>,
    path: &Path,
    lang: sala_core::Lang,
) -> std::result::Result<(), String> {
    document.as_ref().map_err(|e| e.message(lang)).and_then(|d| {
        d.to_pdf()
            .and_then(|bytes| {
                std::fs::write(path, bytes).map_err(|e| {
                    Error::new(ErrorCode::Storage, "error.doc.write")
                        .arg("path", path.display().to_string())
                        .with_source(e)
                })
            })
            .map_err(|e| e.message(lang))
    })
}
