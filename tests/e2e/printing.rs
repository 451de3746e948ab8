//! Printing with real parts: a private `cupsd` with a `cups-pdf` printer (see `support/cups.rs`), and a
//! fake ESC/POS network printer on loopback that answers status queries the way an Epson-compatible
//! receipt printer does and keeps every byte it receives.
//!
//! The CUPS stories need root and Debian's CUPS packages; without them they fail and say why.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail, ensure};
use sala_core::print::cups::{self, JobOutcome, JobState, PrinterState};
use sala_core::print::escpos::{self, Cut, EscPosOptions, Raster, Target};
use sala_core::{ErrorCode, Lang};
use sala_tests::{ErrorPolicy, PrivateCups};

/// How long a job on the private scheduler may take (cups-pdf runs pdftocairo and Ghostscript).
const JOB_TIMEOUT: Duration = Duration::from_secs(60);

/// A one-page PDF with `text` on it, made by `pango-view` (the document engine is not used here).
fn sample_pdf(text: &str) -> Result<Vec<u8>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("sample.pdf");
    let out = Command::new("pango-view")
        .args(["-q", "--font=Sans 14", "--text", text, "--output"])
        .arg(&path)
        .output()
        .context(
            "running pango-view (Debian's pango1.0-tools; scripts/install-deps installs it)",
        )?;
    ensure!(out.status.success(), "pango-view failed: {}", String::from_utf8_lossy(&out.stderr));
    Ok(std::fs::read(&path)?)
}

fn pdftotext(path: &std::path::Path) -> Result<String> {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .context("running pdftotext (Debian's poppler-utils)")?;
    ensure!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn cups_lists_the_private_printers() -> Result<()> {
    let cups = PrivateCups::start()?;
    cups.add_pdf_queue("SalaPDF2")?;
    cups.set_default("SalaPDF2")?;
    let printers = cups::list_printers(&cups.server())?;
    let names: Vec<&str> = printers.iter().map(|p| p.name.as_str()).collect();
    ensure!(names == ["SalaPDF", "SalaPDF2"], "{printers:#?}");
    let pdf = &printers[0];
    ensure!(pdf.state == PrinterState::Idle && pdf.accepting && !pdf.is_default, "{pdf:#?}");
    ensure!(printers[1].is_default, "SalaPDF2 is the default: {printers:#?}");
    ensure!(pdf.device_uri.as_deref().is_some_and(|u| u.starts_with("cups-pdf:/")), "{pdf:#?}");

    cups.disable("SalaPDF2", "paper jam")?;
    let printers = cups::list_printers(&cups.server())?;
    ensure!(printers[1].state == PrinterState::Stopped, "{printers:#?}");
    ensure!(printers[1].state_message.as_deref() == Some("paper jam"), "{printers:#?}");
    Ok(())
}

#[test]
fn a_pdf_printed_through_cups_comes_out_of_cups_pdf() -> Result<()> {
    let cups = PrivateCups::start()?;
    let pdf = sample_pdf("Sala receipt 4711\nใบเสร็จรับเงิน")?;
    let started = Instant::now();
    let job = cups::submit(
        &cups.server(),
        PrivateCups::PDF_QUEUE,
        &pdf,
        "Sala receipt 4711",
        &[("media".into(), "A4".into()), ("fit-to-page".into(), "true".into())],
    )?;
    ensure!(job.printer == PrivateCups::PDF_QUEUE && job.id > 0, "{job:?}");
    let outcome = cups::wait(&cups.server(), &job, JOB_TIMEOUT)?;
    ensure!(matches!(outcome, JobOutcome::Completed), "{outcome:?}\n{}", cups.log_tail(40));
    eprintln!("printed {job} in {:?}", started.elapsed());

    let out = cups.pdf_output(job.id, Duration::from_secs(10))?;
    let text = pdftotext(&out)?;
    ensure!(text.contains("Sala receipt 4711"), "{}: {text:?}", out.display());
    ensure!(text.contains("ใบเสร็จรับเงิน"), "Thai survives the CUPS path: {text:?}");

    // A job held on purpose is still pending when the timeout passes, and can be canceled.
    let held = cups::submit(
        &cups.server(),
        PrivateCups::PDF_QUEUE,
        &pdf,
        "held",
        &[("job-hold-until".into(), "indefinite".into())],
    )?;
    let outcome = cups::wait(&cups.server(), &held, Duration::from_millis(300))?;
    ensure!(matches!(outcome, JobOutcome::StillPending { state: JobState::Held }), "{outcome:?}");
    cups::cancel(&cups.server(), &held)?;
    let outcome = cups::wait(&cups.server(), &held, Duration::from_secs(5))?;
    let JobOutcome::Failed { reason } = outcome else { bail!("canceled job: {outcome:?}") };
    ensure!(reason.key() == "error.print.job_canceled", "{reason:?}");
    Ok(())
}

#[test]
fn stopped_closed_and_missing_printers_are_refused_before_submitting() -> Result<()> {
    let cups = PrivateCups::start()?;
    cups.add_pdf_queue("Stopped")?;
    cups.add_pdf_queue("Closed")?;
    cups.disable("Stopped", "toner replaced, waiting for test page")?;
    cups.reject("Closed", "moving to room 2")?;
    let pdf = sample_pdf("never printed")?;
    let server = cups.server();

    let err = cups::submit(&server, "Stopped", &pdf, "t", &[]).expect_err("stopped queue");
    ensure!(err.key() == "error.print.printer_stopped", "{err:?}");
    let th = err.message(Lang::Th);
    ensure!(th.contains("ถูกหยุดใช้งาน") && th.contains("toner replaced"), "{th}");

    let err = cups::submit(&server, "Closed", &pdf, "t", &[]).expect_err("rejecting queue");
    ensure!(err.key() == "error.print.not_accepting", "{err:?}");
    let th = err.message(Lang::Th);
    ensure!(th.contains("ปิดรับงานพิมพ์") && th.contains("moving to room 2"), "{th}");

    let err = cups::submit(&server, "NoSuchPrinter", &pdf, "t", &[]).expect_err("missing queue");
    ensure!(err.key() == "error.print.printer_not_found", "{err:?}");
    ensure!(err.code() == ErrorCode::NotFound);
    ensure!(err.message(Lang::Th).contains("ไม่พบเครื่องพิมพ์ชื่อ \"NoSuchPrinter\""), "{err}");

    let jobs = cups.all_jobs()?;
    ensure!(jobs.trim().is_empty(), "nothing reached the scheduler, yet: {jobs}");

    // A scheduler that is not there at all.
    let gone = cups::CupsServer::at(format!("127.0.0.1:{}", closed_port()?));
    let err = cups::list_printers(&gone).expect_err("no scheduler");
    ensure!(err.key() == "error.print.cups_unreachable", "{err:?}");
    let err = cups::submit(&gone, "SalaPDF", &pdf, "t", &[]).expect_err("no scheduler");
    ensure!(err.key() == "error.print.cups_unreachable", "{err:?}");
    Ok(())
}

#[test]
fn a_failing_backend_ends_failed_with_the_reason_never_completed() -> Result<()> {
    let cups = PrivateCups::start()?;
    cups.add_failing_queue("SerialAbort", ErrorPolicy::AbortJob)?;
    cups.add_failing_queue("SerialHold", ErrorPolicy::Default)?;
    let pdf = sample_pdf("lost receipt")?;
    let server = cups.server();

    // abort-job: CUPS aborts the job and keeps the backend's words.
    let job = cups::submit(&server, "SerialAbort", &pdf, "receipt", &[])?;
    let outcome = cups::wait(&server, &job, JOB_TIMEOUT)?;
    let JobOutcome::Failed { reason } = outcome else {
        bail!("{outcome:?}\n{}", cups.log_tail(40))
    };
    ensure!(reason.key() == "error.print.job_aborted", "{reason:?}");
    ensure!(reason.message(Lang::En).contains("serial port"), "{}", reason.message(Lang::En));

    // The default policy holds the job after the backend error; Sala cancels it so it cannot
    // print a duplicate later, and says so.
    let job = cups::submit(&server, "SerialHold", &pdf, "receipt", &[])?;
    let outcome = cups::wait(&server, &job, JOB_TIMEOUT)?;
    let JobOutcome::Failed { reason } = outcome else {
        bail!("{outcome:?}\n{}", cups.log_tail(40))
    };
    ensure!(reason.key() == "error.print.job_stuck", "{reason:?}");
    ensure!(reason.message(Lang::Th).contains("ยกเลิกงานนี้แล้ว"), "{}", reason.message(Lang::Th));
    let after = cups::wait(&server, &job, Duration::from_secs(5))?;
    let JobOutcome::Failed { reason } = after else { bail!("{after:?}") };
    ensure!(reason.key() == "error.print.job_canceled", "the job is gone: {reason:?}");
    Ok(())
}

// --- ESC/POS ---------------------------------------------------------------------------------------

/// The three status bytes a fake printer answers: `DLE EOT 1` (printer), `2` (offline cause), `4` (paper).
#[derive(Debug, Clone, Copy)]
struct Status([u8; 3]);

const READY: Status = Status([0x12, 0x12, 0x12]);
const PAPER_END: Status = Status([0x1A, 0x32, 0x72]);
const OFFLINE: Status = Status([0x1A, 0x12, 0x12]);
const COVER_OPEN: Status = Status([0x1A, 0x16, 0x12]);

/// How the fake printer behaves.
#[derive(Debug, Clone, Copy)]
enum Behaviour {
    /// Answers with `before` until the first non-status byte arrives, then with `after`. Like an Epson,
    /// it also answers `10 04 n` runs inside raster data.
    Answers { before: Status, after: Status },
    /// Answers `READY`, but only to status queries outside `GS v 0` raster data (some printers do).
    AnswersOutsideRaster,
    /// Reads everything, answers nothing.
    Silent,
}

/// A loopback ESC/POS printer for one connection; `join` returns every byte it received.
struct FakePrinter {
    target: Target,
    thread: JoinHandle<Vec<u8>>,
}

impl FakePrinter {
    fn start(behaviour: Behaviour) -> Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let thread = std::thread::spawn(move || {
            let Ok((stream, _)) = listener.accept() else { return Vec::new() };
            serve(stream, behaviour)
        });
        Ok(Self { target: Target::Tcp { host: "127.0.0.1".into(), port }, thread })
    }

    fn join(self) -> Result<Vec<u8>> {
        self.thread.join().map_err(|_| anyhow!("the fake printer's thread panicked"))
    }
}

/// Answers the `10 04 n` status queries in the stream as they arrive (see [`Behaviour`]).
fn serve(mut stream: TcpStream, behaviour: Behaviour) -> Vec<u8> {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut got = Vec::new();
    let (mut scanned, mut skip_until) = (0, 0);
    let mut printed = false;
    let mut buf = [0u8; 4096];
    loop {
        let n = match stream.read(&mut buf) {
            Ok(0) | Err(_) => return got,
            Ok(n) => n,
        };
        got.extend_from_slice(&buf[..n]);
        while scanned < got.len() {
            if scanned < skip_until {
                scanned = skip_until.min(got.len());
                continue;
            }
            let rest = &got[scanned..];
            if rest.len() < 3 {
                break;
            }
            if rest[0] == 0x10 && rest[1] == 0x04 && (1..=4).contains(&rest[2]) {
                let status = match behaviour {
                    Behaviour::Answers { before, after } => {
                        Some(if printed { after } else { before })
                    }
                    Behaviour::AnswersOutsideRaster => Some(READY),
                    Behaviour::Silent => None,
                };
                if let Some(Status(bytes)) = status {
                    let byte = match rest[2] {
                        1 => bytes[0],
                        2 | 3 => bytes[1],
                        _ => bytes[2],
                    };
                    let _ = stream.write_all(&[byte]);
                }
                scanned += 3;
                continue;
            }
            printed = true;
            if matches!(behaviour, Behaviour::AnswersOutsideRaster) && rest.starts_with(b"\x1Dv0") {
                if rest.len() < 8 {
                    break;
                }
                let bpr = usize::from(u16::from_le_bytes([rest[4], rest[5]]));
                let rows = usize::from(u16::from_le_bytes([rest[6], rest[7]]));
                skip_until = scanned + 8 + bpr * rows;
            }
            scanned += 1;
        }
    }
}

fn receipt() -> Raster {
    let mut r = Raster::new(576, 300);
    for y in 0..300 {
        for x in 0..576 {
            r.set(x, y, (x / 8 + y / 8) % 2 == 0 || x == y);
        }
    }
    // Raster bytes that happen to read as `DLE EOT 1`: a real printer answers them too.
    r.data[72 * 10..72 * 10 + 3].copy_from_slice(&[0x10, 0x04, 0x01]);
    r
}

#[test]
fn a_receipt_reaches_an_escpos_printer_exactly() -> Result<()> {
    let printer = FakePrinter::start(Behaviour::Answers { before: READY, after: READY })?;
    let raster = receipt();
    let opts = EscPosOptions { cut: Cut::Partial, open_drawer: true, feed_lines: 4 };
    let bytes = escpos::encode(&raster, &opts);
    escpos::send(&printer.target, &bytes, Duration::from_secs(5))?;
    let got = printer.join()?;
    let decoded = escpos::decode(&got)?;
    ensure!(decoded.raster == raster, "the printed raster differs from the one sent");
    ensure!(decoded.cut == Cut::Partial && decoded.drawer_pulse && decoded.feed_lines == 4);
    ensure!(decoded.bands == 3, "300 rows in bands of 128: {}", decoded.bands);
    ensure!(decoded.status_queries == [1, 2, 4, 1, 4], "{:?}", decoded.status_queries);

    // A printer that does not answer the stray `10 04 01` inside the raster is fine too.
    let printer = FakePrinter::start(Behaviour::AnswersOutsideRaster)?;
    let started = Instant::now();
    escpos::send(&printer.target, &bytes, Duration::from_secs(5))?;
    ensure!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
    ensure!(escpos::decode(&printer.join()?)?.raster == raster);
    Ok(())
}

/// Whether any `GS v 0` raster command reached the printer.
fn printed_anything(got: &[u8]) -> bool {
    got.windows(3).any(|w| w == [0x1D, b'v', b'0'])
}

#[test]
fn an_escpos_printer_that_cannot_print_gets_nothing() -> Result<()> {
    let bytes = escpos::encode(&receipt(), &EscPosOptions::default());
    for (status, key, thai) in [
        (PAPER_END, "error.print.paper_out", "กระดาษหมด"),
        (OFFLINE, "error.print.offline", "ออฟไลน์"),
        (COVER_OPEN, "error.print.cover_open", "ฝาเครื่องพิมพ์"),
    ] {
        let printer = FakePrinter::start(Behaviour::Answers { before: status, after: status })?;
        let err = escpos::send(&printer.target, &bytes, Duration::from_secs(5))
            .err()
            .with_context(|| format!("{key}: send succeeded"))?;
        ensure!(err.key() == key, "{key}: {err:?}");
        ensure!(err.message(Lang::Th).contains(thai), "{}", err.message(Lang::Th));
        ensure!(err.message(Lang::Th).contains("ยังไม่ได้พิมพ์"), "{}", err.message(Lang::Th));
        let got = printer.join()?;
        ensure!(!printed_anything(&got), "{key}: raster sent after a bad status");
        ensure!(escpos::decode(&got)?.status_queries == [1, 2, 4], "{key}: only status queries");
    }
    Ok(())
}

#[test]
fn paper_running_out_mid_receipt_is_a_failure_not_a_success() -> Result<()> {
    let printer = FakePrinter::start(Behaviour::Answers { before: READY, after: PAPER_END })?;
    let bytes = escpos::encode(&receipt(), &EscPosOptions::default());
    let err =
        escpos::send(&printer.target, &bytes, Duration::from_secs(5)).expect_err("paper ran out");
    ensure!(err.key() == "error.print.stopped_while_printing", "{err:?}");
    let th = err.message(Lang::Th);
    ensure!(th.contains("หยุดระหว่างพิมพ์") && th.contains("กระดาษหมด"), "{th}");
    ensure!(printed_anything(&printer.join()?));
    Ok(())
}

#[test]
fn unreachable_or_silent_escpos_printers_fail_with_their_reason() -> Result<()> {
    let bytes = escpos::encode(&receipt(), &EscPosOptions::default());

    let refused = Target::Tcp { host: "127.0.0.1".into(), port: closed_port()? };
    let err = escpos::send(&refused, &bytes, Duration::from_secs(2)).expect_err("closed port");
    ensure!(err.key() == "error.print.connection_refused", "{err:?}");
    ensure!(err.message(Lang::Th).contains("ปฏิเสธการเชื่อมต่อ"), "{err}");

    let silent = FakePrinter::start(Behaviour::Silent)?;
    let started = Instant::now();
    let timeout = Duration::from_millis(400);
    let err = escpos::send(&silent.target, &bytes, timeout).expect_err("silent printer");
    let took = started.elapsed();
    ensure!(err.key() == "error.print.timed_out", "{err:?}");
    ensure!(took >= timeout && took < Duration::from_secs(5), "took {took:?}");
    ensure!(err.message(Lang::Th).contains("0.4 วินาที"), "{err}");
    ensure!(!printed_anything(&silent.join()?), "nothing sent to a printer that never answered");

    // A device that does not answer like an ESC/POS printer (an HTTP server, say).
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    let junk = std::thread::spawn(move || {
        if let Ok((mut s, _)) = listener.accept() {
            let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n");
            let mut sink = Vec::new();
            let _ = s.read_to_end(&mut sink);
        }
    });
    let target = Target::Tcp { host: "127.0.0.1".into(), port };
    let err = escpos::send(&target, &bytes, Duration::from_secs(2)).expect_err("not a printer");
    ensure!(err.key() == "error.print.bad_status", "{err:?}");
    let _ = junk.join();
    Ok(())
}

#[test]
fn a_device_file_receives_the_bytes() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let device = dir.path().join("lp0");
    std::fs::write(&device, b"")?;
    let bytes = escpos::encode(&receipt(), &EscPosOptions::default());
    let target = escpos::parse_target(device.to_str().context("utf-8 temp path")?)?;
    escpos::send(&target, &bytes, Duration::from_secs(1))?;
    ensure!(std::fs::read(&device)? == bytes, "the device got exactly the encoded bytes");

    let missing = Target::Device(dir.path().join("lp9"));
    let err = escpos::send(&missing, &bytes, Duration::from_secs(1)).expect_err("no such device");
    ensure!(err.key() == "error.print.device_not_found", "{err:?}");
    ensure!(!dir.path().join("lp9").exists(), "a missing device is never created as a file");
    Ok(())
}

/// A loopback port nothing listens on (it was free a moment ago).
fn closed_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}
