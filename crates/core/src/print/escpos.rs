//! ESC/POS raster output for thermal receipt printers.
//!
//! A receipt is rendered elsewhere into a 1-bit [`Raster`] as wide as the print head (384 dots for 58 mm
//! paper, 576 for 80 mm, at 203 dpi). [`encode`] turns it into the bytes every ESC/POS printer understands
//! (`GS v 0` raster bands, no fonts or code pages involved, so Thai prints exactly as rendered), and
//! [`send`] delivers them to a network printer (raw TCP, port 9100) or a device file (`/dev/usb/lp0`).
//! [`decode`] reads those bytes back the way a printer would; the tests' fake printer uses it.
//!
//! # What `encode` sends
//!
//! | Bytes | Command | Why |
//! |---|---|---|
//! | `1B 40` | `ESC @` | reset: forget modes a previous job left behind |
//! | `1D 76 30 00 xL xH yL yH d…` | `GS v 0` | one band of at most [`BAND_ROWS`] rows, `x` bytes per row |
//! | `1B 64 n` | `ESC d n` | feed `n` lines so the last printed row clears the cutter |
//! | `1D 56 00` / `1D 56 01` | `GS V 0` / `GS V 1` | full / partial cut |
//! | `1B 70 00 19 FA` | `ESC p 0 25 250` | cash drawer pulse on pin 2: 50 ms on, 500 ms off |
//!
//! Bands keep each `GS v 0` block small (at most 128 rows: 9 KB at 80 mm, 6 KB at 58 mm). Cheap printers
//! have receive buffers of a few kilobytes and some mis-print a single image taller than their buffer;
//! several bands print seamlessly one after another.
//!
//! # Status checks (Epson's real-time status, `DLE EOT n` = `10 04 n`)
//!
//! Every status byte has bit 1 and bit 4 set and bits 0 and 7 clear (`byte & 0x93 == 0x12`); anything
//! else is not an ESC/POS printer answering and is refused. The bits [`send`] relies on:
//!
//! | Query | Bit | Meaning |
//! |---|---|---|
//! | `DLE EOT 1` printer status | 3 (`0x08`) | offline |
//! | `DLE EOT 2` offline cause | 2 (`0x04`) | cover open |
//! | | 5 (`0x20`) | printing stopped: paper end |
//! | | 6 (`0x40`) | an error occurred (cutter jam, head overheated…) |
//! | `DLE EOT 4` roll paper sensor | 5, 6 (`0x60`) | paper end |
//! | | 2, 3 (`0x0C`) | paper near end (not an error: the roll still prints) |
//!
//! Over TCP, [`send`] asks all three before sending a single raster byte, and refuses to print when the
//! printer is offline, its cover is open or its paper has run out. After the data it asks `DLE EOT 1`
//! and `DLE EOT 4` again: real-time queries are answered in order, so an answer proves the printer
//! received everything before it, and says whether it is still online (paper did not run out mid-receipt).
//! A device file has no status channel here: a failed write is the only failure it can report.
//!
//! Raster data can contain the bytes `10 04 n` by chance, and a printer answers those as status queries
//! too, wherever they appear. [`send`] counts such runs in what it sends and, after the data, takes the
//! *last* byte that arrives as the answer to its own query (waiting up to 200 ms for each stray answer),
//! so a stray answer is never read as the printer's status.

use std::fs::OpenOptions;
use std::io::{self, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::time::Duration;

use crate::error::{Error, ErrorCode, Result};

/// The tallest `GS v 0` band [`encode`] sends, in rows (see the module docs).
pub const BAND_ROWS: u32 = 128;

/// The port raw network printers listen on (HP JetDirect / "RAW" / "socket").
pub const DEFAULT_PORT: u16 = 9100;

const ESC: u8 = 0x1B;
const GS: u8 = 0x1D;
const DLE: u8 = 0x10;
/// How long to wait for each status answer a printer may owe for `DLE EOT n` runs inside raster data.
const STRAY_GRACE: Duration = Duration::from_millis(200);
const EOT: u8 = 0x04;

/// A 1-bit page: `width` dots wide, `height` rows, rows packed MSB-first, `1` = black.
///
/// Each row takes [`Raster::bytes_per_row`] bytes (`width.div_ceil(8)`); bits past `width` in a row's
/// last byte are padding and print white.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raster {
    /// Width in dots (384 for 58 mm paper, 576 for 80 mm, at 203 dpi).
    pub width: u32,
    /// Height in rows.
    pub height: u32,
    /// `bytes_per_row × height` bytes, row after row.
    pub data: Vec<u8>,
}

impl Raster {
    /// An all-white raster.
    pub fn new(width: u32, height: u32) -> Raster {
        let len = width.div_ceil(8) as usize * height as usize;
        Raster { width, height, data: vec![0; len] }
    }

    /// Bytes in one row: `width.div_ceil(8)`.
    pub fn bytes_per_row(&self) -> usize {
        self.width.div_ceil(8) as usize
    }

    /// Whether the dot at (`x`, `y`) is black; dots outside the raster are white.
    pub fn get(&self, x: u32, y: u32) -> bool {
        if x >= self.width || y >= self.height {
            return false;
        }
        let i = y as usize * self.bytes_per_row() + x as usize / 8;
        self.data.get(i).is_some_and(|b| b & (0x80 >> (x % 8)) != 0)
    }

    /// Makes the dot at (`x`, `y`) black or white; dots outside the raster are ignored.
    pub fn set(&mut self, x: u32, y: u32, black: bool) {
        if x >= self.width || y >= self.height {
            return;
        }
        let i = y as usize * self.bytes_per_row() + x as usize / 8;
        if let Some(b) = self.data.get_mut(i) {
            let bit = 0x80 >> (x % 8);
            if black { *b |= bit } else { *b &= !bit }
        }
    }

    /// The page as a printer prints it: the width rounded up to whole bytes, padding bits white, and
    /// `data` exactly `bytes_per_row × height` long (missing bytes white). `decode(&encode(r, …))` gives
    /// back `r.byte_aligned()`, because `GS v 0` carries whole bytes per row, not a width in dots.
    pub fn byte_aligned(&self) -> Raster {
        let bpr = self.bytes_per_row();
        let mut data = vec![0; bpr * self.height as usize];
        for (row_out, row_in) in data.chunks_mut(bpr.max(1)).zip(self.data.chunks(bpr.max(1))) {
            row_out[..row_in.len()].copy_from_slice(row_in);
        }
        let pad = (bpr * 8) as u32 - self.width;
        if pad > 0 && bpr > 0 {
            let mask = 0xFFu8 << pad;
            for row in data.chunks_mut(bpr) {
                row[bpr - 1] &= mask;
            }
        }
        Raster { width: (bpr * 8) as u32, height: self.height, data }
    }
}

/// What the printer does after the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cut {
    /// No cut (a printer without a cutter, or a tear bar).
    None,
    /// A partial cut: the receipt hangs on a small uncut bridge (`GS V 1`).
    #[default]
    Partial,
    /// A full cut (`GS V 0`).
    Full,
}

/// How a page is finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EscPosOptions {
    /// The cut after the page.
    pub cut: Cut,
    /// Whether to pulse the cash drawer (after the cut).
    pub open_drawer: bool,
    /// Lines to feed after the page so its end clears the cutter (typically 3 to 5).
    pub feed_lines: u8,
}

impl Default for EscPosOptions {
    fn default() -> EscPosOptions {
        EscPosOptions { cut: Cut::Partial, open_drawer: false, feed_lines: 4 }
    }
}

/// The ESC/POS bytes for `raster` (see the module docs for the exact commands).
///
/// `raster` is printed as [`Raster::byte_aligned`] shows it: padding bits are cleared and a short `data`
/// prints white. Rows wider than 65535 bytes (no printer is) are clipped.
pub fn encode(raster: &Raster, opts: &EscPosOptions) -> Vec<u8> {
    let page = raster.byte_aligned();
    let bpr = page.bytes_per_row().min(usize::from(u16::MAX));
    let full_bpr = page.bytes_per_row();
    let mut out = Vec::with_capacity(page.data.len() + 64);
    out.extend_from_slice(&[ESC, b'@']);
    if bpr > 0 {
        let rows: Vec<&[u8]> = page.data.chunks(full_bpr).collect();
        for band in rows.chunks(BAND_ROWS as usize) {
            let [xl, xh] = (bpr as u16).to_le_bytes();
            let [yl, yh] = (band.len() as u16).to_le_bytes();
            out.extend_from_slice(&[GS, b'v', b'0', 0, xl, xh, yl, yh]);
            for row in band {
                out.extend_from_slice(&row[..bpr]);
            }
        }
    }
    if opts.feed_lines > 0 {
        out.extend_from_slice(&[ESC, b'd', opts.feed_lines]);
    }
    match opts.cut {
        Cut::None => {}
        Cut::Partial => out.extend_from_slice(&[GS, b'V', 1]),
        Cut::Full => out.extend_from_slice(&[GS, b'V', 0]),
    }
    if opts.open_drawer {
        out.extend_from_slice(&[ESC, b'p', 0, 25, 250]);
    }
    out
}

/// What a printer would do with a byte stream: see [`decode`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// Every `GS v 0` band stacked top to bottom (width = bytes per row × 8). Empty if none was sent.
    pub raster: Raster,
    /// The last cut command (`Cut::None` if there was none).
    pub cut: Cut,
    /// Whether a cash drawer pulse (`ESC p`) was sent.
    pub drawer_pulse: bool,
    /// Lines fed with `ESC d`, summed.
    pub feed_lines: u32,
    /// How many `GS v 0` bands the raster came in.
    pub bands: usize,
    /// How many `ESC @` resets were sent.
    pub resets: usize,
    /// The real-time status queries (`DLE EOT n`), in order: their `n`.
    pub status_queries: Vec<u8>,
}

/// Reads back what [`encode`] (and [`send`]'s status queries) produce, as a printer would: the raster
/// with its bands stacked, the cut, the drawer pulse, the feed and the status queries.
///
/// Any other command, a truncated command, or bands of different widths are an error (key
/// `error.print.escpos_decode`): the tests must notice bytes a printer would print as garbage.
pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    let bad = |at: usize, what: &str| {
        Error::new(ErrorCode::Internal, "error.print.escpos_decode")
            .arg("offset", at.to_string())
            .arg("detail", what)
    };
    let mut d = Decoded {
        raster: Raster { width: 0, height: 0, data: Vec::new() },
        cut: Cut::None,
        drawer_pulse: false,
        feed_lines: 0,
        bands: 0,
        resets: 0,
        status_queries: Vec::new(),
    };
    let mut i = 0;
    let take = |i: usize, n: usize| bytes.get(i..i + n).ok_or_else(|| bad(i, "truncated command"));
    while i < bytes.len() {
        match bytes[i..] {
            [ESC, b'@', ..] => {
                d.resets += 1;
                i += 2;
            }
            [ESC, b'd', ..] => {
                d.feed_lines += u32::from(take(i, 3)?[2]);
                i += 3;
            }
            [ESC, b'p', ..] => {
                let cmd = take(i, 5)?;
                if !matches!(cmd[2], 0 | 1 | b'0' | b'1') {
                    return Err(bad(i, "ESC p with an unknown drawer pin"));
                }
                d.drawer_pulse = true;
                i += 5;
            }
            [GS, b'V', ..] => {
                d.cut = match take(i, 3)?[2] {
                    0 | b'0' => Cut::Full,
                    1 | b'1' => Cut::Partial,
                    _ => return Err(bad(i, "GS V with an unknown cut mode")),
                };
                i += 3;
            }
            [GS, b'v', b'0', ..] => {
                let head = take(i, 8)?;
                if head[3] != 0 {
                    return Err(bad(i, "GS v 0 with a scaled mode"));
                }
                let bpr = usize::from(u16::from_le_bytes([head[4], head[5]]));
                let rows = usize::from(u16::from_le_bytes([head[6], head[7]]));
                let width = (bpr * 8) as u32;
                if d.bands > 0 && width != d.raster.width {
                    return Err(bad(i, "GS v 0 bands of different widths"));
                }
                let data = take(i + 8, bpr * rows)?;
                d.raster.width = width;
                d.raster.height += rows as u32;
                d.raster.data.extend_from_slice(data);
                d.bands += 1;
                i += 8 + bpr * rows;
            }
            [DLE, EOT, ..] => {
                let n = take(i, 3)?[2];
                if !(1..=4).contains(&n) {
                    return Err(bad(i, "DLE EOT with an unknown status number"));
                }
                d.status_queries.push(n);
                i += 3;
            }
            _ => return Err(bad(i, &format!("unknown command byte 0x{:02X}", bytes[i]))),
        }
    }
    Ok(d)
}

/// Where a thermal printer is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A network printer taking raw ESC/POS on a TCP port (usually 9100).
    Tcp {
        /// Host name or IP address (an IPv6 address without brackets).
        host: String,
        /// TCP port.
        port: u16,
    },
    /// A device file the operating system gives the printer (`/dev/usb/lp0`).
    Device(PathBuf),
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Tcp { host, port } if host.contains(':') => write!(f, "tcp://[{host}]:{port}"),
            Target::Tcp { host, port } => write!(f, "tcp://{host}:{port}"),
            Target::Device(path) => write!(f, "{}", path.display()),
        }
    }
}

/// Parses a printer address: `tcp://HOST[:PORT]` (port 9100 by default; IPv6 as `tcp://[::1]:9100`) or
/// an absolute device path such as `/dev/usb/lp0`. Anything else is a validation error
/// (`error.print.target_invalid`).
pub fn parse_target(s: &str) -> Result<Target> {
    let input = s.trim();
    let bad = || Error::validation("error.print.target_invalid").arg("input", s);
    if let Some(rest) = input.strip_prefix("tcp://") {
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let (host, port) = if let Some(v6) = rest.strip_prefix('[') {
            let (host, after) = v6.split_once(']').ok_or_else(bad)?;
            match after {
                "" => (host, None),
                _ => (host, Some(after.strip_prefix(':').ok_or_else(bad)?)),
            }
        } else {
            match rest.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (rest, None),
            }
        };
        let port = match port {
            None => DEFAULT_PORT,
            Some(p) => p.parse::<u16>().ok().filter(|p| *p != 0).ok_or_else(bad)?,
        };
        let host_ok = !host.is_empty()
            && !host.contains(|c: char| c.is_whitespace() || matches!(c, '/' | '@' | '[' | ']'));
        if !host_ok {
            return Err(bad());
        }
        return Ok(Target::Tcp { host: host.to_owned(), port });
    }
    if input.starts_with('/') && input.len() > 1 && !input.ends_with('/') {
        return Ok(Target::Device(PathBuf::from(input)));
    }
    Err(bad())
}

/// Sends `bytes` (from [`encode`]) to `target`, failing with a Thai reason unless the printer took them.
///
/// - TCP: connects within `timeout`; checks the real-time status and refuses to send anything if the
///   printer is offline, its cover is open or its paper has run out; sends; then asks the status again
///   and fails unless the printer answers that it is still online with paper. Every read and write waits
///   at most `timeout`. A refused or dropped connection, a write error and a status that never comes are
///   failures too. See the module docs for the status bits.
///
///   A printer takes data only as fast as it prints, so the answer after the data comes once most of
///   the page has printed: `timeout` must cover printing one page (10 s is ample for a receipt).
/// - Device file: opens it for writing (never creates it), writes everything, flushes. Any error fails.
pub fn send(target: &Target, bytes: &[u8], timeout: Duration) -> Result<()> {
    // Sockets refuse a zero timeout; the shortest one is as close as it gets.
    let timeout = timeout.max(Duration::from_millis(1));
    match target {
        Target::Tcp { host, port } => send_tcp(target, host, *port, bytes, timeout),
        Target::Device(path) => send_device(path, bytes),
    }
}

fn send_device(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let shown = path.display().to_string();
    let mut file = OpenOptions::new().write(true).open(path).map_err(|e| match e.kind() {
        ErrorKind::NotFound => {
            Error::new(ErrorCode::NotFound, "error.print.device_not_found").arg("path", &shown)
        }
        ErrorKind::PermissionDenied => {
            Error::new(ErrorCode::Conflict, "error.print.device_denied").arg("path", &shown)
        }
        _ => device_error(&shown, e),
    })?;
    file.write_all(bytes).and_then(|()| file.flush()).map_err(|e| device_error(&shown, e))
}

fn device_error(path: &str, e: io::Error) -> Error {
    Error::new(ErrorCode::Conflict, "error.print.device_write")
        .arg("path", path)
        .arg("cause", e.to_string())
        .with_source(e)
}

/// A printer's condition, from its status bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    PaperOut,
    CoverOpen,
    Error,
    Offline,
}

impl Problem {
    fn before_key(self) -> &'static str {
        match self {
            Problem::PaperOut => "error.print.paper_out",
            Problem::CoverOpen => "error.print.cover_open",
            Problem::Error => "error.print.printer_error",
            Problem::Offline => "error.print.offline",
        }
    }

    fn reason_key(self) -> &'static str {
        match self {
            Problem::PaperOut => "error.print.reason.paper_out",
            Problem::CoverOpen => "error.print.reason.cover_open",
            Problem::Error => "error.print.reason.printer_error",
            Problem::Offline => "error.print.reason.offline",
        }
    }
}

/// The worst problem the three status bytes report, if any. Paper comes first: it is the one a clerk
/// fixes most often, and an empty roll also reads as "offline".
fn problem(printer: u8, offline_cause: u8, paper: u8) -> Option<Problem> {
    if paper & 0x60 != 0 || offline_cause & 0x20 != 0 {
        Some(Problem::PaperOut)
    } else if offline_cause & 0x04 != 0 {
        Some(Problem::CoverOpen)
    } else if offline_cause & 0x40 != 0 {
        Some(Problem::Error)
    } else if printer & 0x08 != 0 {
        Some(Problem::Offline)
    } else {
        None
    }
}

/// One TCP conversation with a printer; `sent` says whether raster data has gone out (which changes the
/// message: "nothing was printed" versus "check what came out").
struct Conn {
    stream: TcpStream,
    shown: String,
    timeout: Duration,
    sent: bool,
    last_was_timeout: bool,
}

impl Conn {
    fn status(&mut self, n: u8) -> Result<u8> {
        self.status_after(n, 0)
    }

    /// Asks `DLE EOT n` and returns the answer. `stray` is how many answers the printer may still owe
    /// for `10 04 n` byte runs inside the data just sent: a printer answers those too, as they arrive
    /// (Epson documents this for bit-image data), and before it answers this query. So the answer is
    /// the last byte to come: after the first, up to `stray` more are read, each waited for briefly.
    fn status_after(&mut self, n: u8, stray: usize) -> Result<u8> {
        self.write(&[DLE, EOT, n])?;
        let mut byte = self.read_byte()?;
        if stray > 0 {
            let grace = STRAY_GRACE.min(self.timeout);
            self.stream.set_read_timeout(Some(grace)).map_err(|e| self.io_failure(Some(e)))?;
            for _ in 0..stray {
                match self.read_byte() {
                    Ok(b) => byte = b,
                    Err(_) if self.last_was_timeout => break,
                    Err(e) => return Err(e),
                }
            }
            self.last_was_timeout = false;
            self.stream
                .set_read_timeout(Some(self.timeout))
                .map_err(|e| self.io_failure(Some(e)))?;
        }
        if byte & 0x93 != 0x12 {
            if self.sent {
                return Err(Error::new(ErrorCode::Conflict, "error.print.not_confirmed")
                    .arg("printer", &self.shown)
                    .arg("cause", format!("unreadable status byte 0x{byte:02X}")));
            }
            return Err(Error::new(ErrorCode::Conflict, "error.print.bad_status")
                .arg("printer", &self.shown)
                .arg("byte", format!("{byte:02X}")));
        }
        Ok(byte)
    }

    fn read_byte(&mut self) -> Result<u8> {
        let mut byte = [0u8; 1];
        loop {
            match self.stream.read(&mut byte) {
                Ok(0) => return Err(self.io_failure(None)),
                Ok(_) => return Ok(byte[0]),
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => {
                    self.last_was_timeout = is_timeout(&e);
                    return Err(self.io_failure(Some(e)));
                }
            }
        }
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        match self.stream.write_all(bytes).and_then(|()| self.stream.flush()) {
            Ok(()) => Ok(()),
            Err(e) => Err(self.io_failure(Some(e))),
        }
    }

    /// The error for a failed read or write (`None`: the printer closed the connection).
    fn io_failure(&self, e: Option<io::Error>) -> Error {
        let timed_out = e.as_ref().is_some_and(is_timeout);
        if self.sent {
            let cause = match &e {
                Some(e) if timed_out => format!("no answer within {} s ({e})", self.seconds()),
                Some(e) => e.to_string(),
                None => "connection closed".to_owned(),
            };
            let err = Error::new(ErrorCode::Conflict, "error.print.not_confirmed")
                .arg("printer", &self.shown)
                .arg("cause", cause);
            return match e {
                Some(e) => err.with_source(e),
                None => err,
            };
        }
        match e {
            Some(e) if timed_out => timed_out_error(&self.shown, self.timeout).with_source(e),
            Some(e) => Error::new(ErrorCode::Conflict, "error.print.connect_failed")
                .arg("printer", &self.shown)
                .arg("cause", e.to_string())
                .with_source(e),
            None => Error::new(ErrorCode::Conflict, "error.print.connection_closed")
                .arg("printer", &self.shown),
        }
    }

    fn seconds(&self) -> String {
        seconds(self.timeout)
    }

    /// Asks `DLE EOT 1`, `2` and `4`; `Some` problem if the printer cannot print.
    fn check(&mut self) -> Result<Option<Problem>> {
        let printer = self.status(1)?;
        let cause = self.status(2)?;
        let paper = self.status(4)?;
        Ok(problem(printer, cause, paper))
    }
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)
}

/// How many `DLE EOT n` requests a printer finds in `bytes`, scanning them as it receives them.
fn status_requests_in(bytes: &[u8]) -> usize {
    let (mut i, mut count) = (0, 0);
    while i + 3 <= bytes.len() {
        if bytes[i] == DLE && bytes[i + 1] == EOT && (1..=4).contains(&bytes[i + 2]) {
            count += 1;
            i += 3;
        } else {
            i += 1;
        }
    }
    count
}

fn seconds(d: Duration) -> String {
    let ms = d.as_millis();
    if ms.is_multiple_of(1000) {
        (ms / 1000).to_string()
    } else {
        format!("{:.1}", d.as_secs_f64())
    }
}

fn timed_out_error(shown: &str, timeout: Duration) -> Error {
    Error::new(ErrorCode::Conflict, "error.print.timed_out")
        .arg("printer", shown)
        .arg("seconds", seconds(timeout))
}

fn send_tcp(target: &Target, host: &str, port: u16, bytes: &[u8], timeout: Duration) -> Result<()> {
    let shown = target.to_string();
    let stream = connect(&shown, host, port, timeout)?;
    let setup = stream.set_read_timeout(Some(timeout)).and_then(|()| {
        stream.set_write_timeout(Some(timeout))?;
        stream.set_nodelay(true)
    });
    let mut conn = Conn { stream, shown, timeout, sent: false, last_was_timeout: false };
    setup.map_err(|e| conn.io_failure(Some(e)))?;

    if let Some(p) = conn.check()? {
        return Err(Error::new(ErrorCode::Conflict, p.before_key()).arg("printer", &conn.shown));
    }
    conn.sent = true;
    conn.write(bytes)?;
    // Real-time queries are answered in the order they arrive, so this answer comes only after the
    // printer has received every byte above.
    let printer = conn.status_after(1, status_requests_in(bytes))?;
    let paper = conn.status(4)?;
    let after = if printer & 0x08 != 0 { problem(printer, conn.status(2)?, paper) } else { None };
    let after = after.or_else(|| problem(printer, 0, paper));
    if let Some(p) = after {
        return Err(Error::new(ErrorCode::Conflict, "error.print.stopped_while_printing")
            .arg("printer", &conn.shown)
            .arg_key("reason", p.reason_key()));
    }
    let _ = conn.stream.shutdown(std::net::Shutdown::Both);
    Ok(())
}

fn connect(shown: &str, host: &str, port: u16, timeout: Duration) -> Result<TcpStream> {
    let failed = |cause: String| {
        Error::new(ErrorCode::Conflict, "error.print.connect_failed")
            .arg("printer", shown)
            .arg("cause", cause)
    };
    let addrs: Vec<SocketAddr> =
        (host, port).to_socket_addrs().map_err(|e| failed(e.to_string()).with_source(e))?.collect();
    let mut last: Option<io::Error> = None;
    for addr in &addrs {
        match TcpStream::connect_timeout(addr, timeout) {
            Ok(stream) => return Ok(stream),
            Err(e) => last = Some(e),
        }
    }
    Err(match last {
        Some(e) if e.kind() == ErrorKind::ConnectionRefused => {
            Error::new(ErrorCode::Conflict, "error.print.connection_refused")
                .arg("printer", shown)
                .with_source(e)
        }
        Some(e) if matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) => {
            timed_out_error(shown, timeout).with_source(e)
        }
        Some(e) => failed(e.to_string()).with_source(e),
        None => failed(format!("{host} has no address")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(width: u32, height: u32) -> Raster {
        let mut r = Raster::new(width, height);
        for y in 0..height {
            for x in 0..width {
                r.set(x, y, (x * 7 + y * 3) % 5 == 0 || x == y);
            }
        }
        r
    }

    #[test]
    fn round_trip_keeps_raster_cut_drawer_and_feed() {
        let r = pattern(384, 40);
        let opts = EscPosOptions { cut: Cut::Full, open_drawer: true, feed_lines: 5 };
        let d = decode(&encode(&r, &opts)).unwrap();
        assert_eq!(d.raster, r);
        assert_eq!(
            (d.cut, d.drawer_pulse, d.feed_lines, d.bands, d.resets),
            (Cut::Full, true, 5, 1, 1)
        );
        assert!(d.status_queries.is_empty());

        let none = EscPosOptions { cut: Cut::None, open_drawer: false, feed_lines: 0 };
        let d = decode(&encode(&r, &none)).unwrap();
        assert_eq!((d.cut, d.drawer_pulse, d.feed_lines), (Cut::None, false, 0));
        let d = decode(&encode(&r, &EscPosOptions::default())).unwrap();
        assert_eq!((d.cut, d.feed_lines), (Cut::Partial, 4));
    }

    #[test]
    fn odd_widths_print_byte_aligned_with_white_padding() {
        for width in [1, 7, 9, 383, 577] {
            let mut r = pattern(width, 10);
            // Garbage in the padding bits must not reach the paper.
            let bpr = r.bytes_per_row();
            let pad = bpr as u32 * 8 - width;
            for row in r.data.chunks_mut(bpr) {
                row[bpr - 1] |= ((1u16 << pad) - 1) as u8;
            }
            let d = decode(&encode(&r, &EscPosOptions::default())).unwrap();
            assert_eq!(d.raster.width, width.div_ceil(8) * 8, "width {width}");
            assert_eq!(d.raster, r.byte_aligned(), "width {width}");
            for y in 0..10 {
                for x in 0..d.raster.width {
                    let expect = x < width && pattern(width, 10).get(x, y);
                    assert_eq!(d.raster.get(x, y), expect, "width {width} at ({x},{y})");
                }
            }
        }
    }

    #[test]
    fn tall_images_are_split_into_bands_and_stacked_back() {
        for (height, bands) in [(1, 1), (128, 1), (129, 2), (1000, 8), (0, 0)] {
            let r = pattern(576, height);
            let bytes = encode(&r, &EscPosOptions::default());
            let d = decode(&bytes).unwrap();
            assert_eq!(d.bands, bands, "height {height}");
            assert_eq!(d.raster.height, height);
            if height > 0 {
                assert_eq!(d.raster, r);
            }
            // No band is taller than BAND_ROWS.
            let mut i = 0;
            while let Some(at) = bytes[i..].windows(3).position(|w| w == [GS, b'v', b'0']) {
                let at = i + at;
                let rows = u16::from_le_bytes([bytes[at + 6], bytes[at + 7]]);
                assert!(u32::from(rows) <= BAND_ROWS);
                i = at + 8 + 72 * usize::from(rows);
            }
        }
    }

    #[test]
    fn short_data_prints_white_instead_of_panicking() {
        let r = Raster { width: 16, height: 3, data: vec![0xFF, 0xFF] };
        let d = decode(&encode(&r, &EscPosOptions::default())).unwrap();
        assert_eq!(d.raster.data, vec![0xFF, 0xFF, 0, 0, 0, 0]);
    }

    #[test]
    fn decode_refuses_unknown_and_truncated_commands() {
        for bytes in [
            &[ESC, b'@', b'A'][..],
            &[GS, b'v', b'0', 0, 1, 0, 2, 0, 0xFF][..],
            &[ESC, b'd'][..],
            &[GS, b'V', 9][..],
            &[DLE, EOT, 9][..],
            &[b'\n'][..],
        ] {
            let err = decode(bytes).unwrap_err();
            assert_eq!(err.key(), "error.print.escpos_decode", "{bytes:?}");
        }
        let d = decode(&[DLE, EOT, 1, DLE, EOT, 4, ESC, b'@']).unwrap();
        assert_eq!(d.status_queries, vec![1, 4]);
    }

    #[test]
    fn targets_parse() {
        let tcp = |h: &str, p| Target::Tcp { host: h.to_owned(), port: p };
        assert_eq!(parse_target("tcp://192.168.1.50:9100").unwrap(), tcp("192.168.1.50", 9100));
        assert_eq!(parse_target(" tcp://printer.local ").unwrap(), tcp("printer.local", 9100));
        assert_eq!(parse_target("tcp://10.0.0.2:9101/").unwrap(), tcp("10.0.0.2", 9101));
        assert_eq!(parse_target("tcp://[::1]:9100").unwrap(), tcp("::1", 9100));
        assert_eq!(parse_target("tcp://[fe80::1]").unwrap(), tcp("fe80::1", 9100));
        assert_eq!(parse_target("/dev/usb/lp0").unwrap(), Target::Device("/dev/usb/lp0".into()));
        for bad in [
            "",
            "192.168.1.50",
            "tcp://",
            "tcp://:9100",
            "tcp://host:0",
            "tcp://host:99999",
            "tcp://host:port",
            "tcp://a b:9100",
            "tcp://[::1",
            "http://host",
            "/",
            "/dev/usb/",
            "lp0",
        ] {
            let err = parse_target(bad).unwrap_err();
            assert_eq!(err.key(), "error.print.target_invalid", "{bad}");
            assert_eq!(err.code(), ErrorCode::Validation);
        }
        assert_eq!(tcp("::1", 9100).to_string(), "tcp://[::1]:9100");
        assert_eq!(tcp("10.0.0.2", 9100).to_string(), "tcp://10.0.0.2:9100");
    }

    #[test]
    fn stray_status_requests_are_counted_as_a_printer_sees_them() {
        assert_eq!(status_requests_in(&[0x10, 0x04, 0x01, 0xFF, 0x10, 0x04, 0x04]), 2);
        assert_eq!(status_requests_in(&[0x10, 0x04, 0x05, 0x10, 0x04]), 0);
        assert_eq!(status_requests_in(&[0x10, 0x10, 0x04, 0x02]), 1);
    }

    #[test]
    fn status_bits_map_to_problems() {
        assert_eq!(problem(0x12, 0x12, 0x12), None);
        assert_eq!(problem(0x12, 0x12, 0x1E), None, "paper near end still prints");
        assert_eq!(problem(0x1A, 0x32, 0x12), Some(Problem::PaperOut));
        assert_eq!(problem(0x1A, 0x12, 0x72), Some(Problem::PaperOut));
        assert_eq!(problem(0x1A, 0x16, 0x12), Some(Problem::CoverOpen));
        assert_eq!(problem(0x1A, 0x52, 0x12), Some(Problem::Error));
        assert_eq!(problem(0x1A, 0x12, 0x12), Some(Problem::Offline));
    }
}
