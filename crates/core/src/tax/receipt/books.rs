//! Receipt books (เล่ม): per office and fiscal year, each assigned to one PC, which alone draws numbers from
//! it. PCs cut off from each other therefore never give the same เล่มที่/เลขที่. A PC gets a book only by
//! assignment (finance head, in settings): a PC cannot know offline which book numbers another PC took, so
//! an automatic book could collide (see `docs/dev/tax.md`).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::{Action, Session};
use crate::db::{Db, Entity, Writer};
use crate::error::{Error, ErrorCode, Result};

/// The most numbers one book may hold.
pub const BOOK_SIZE_MAX: u32 = 10_000;

/// A receipt book and how far it has been used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptBook {
    /// UUIDv7.
    pub id: String,
    /// Fiscal year (B.E.).
    pub fiscal_year: i32,
    /// เล่มที่.
    pub book_no: u32,
    /// The first number.
    pub first_no: u32,
    /// The last number.
    pub last_no: u32,
    /// The PC that issues from it.
    pub device_id: String,
    /// Whether that PC is this one.
    pub this_pc: bool,
    /// `open`, `full` or `closed`.
    pub status: String,
    /// Numbers used (issued or voided).
    pub used: u32,
    /// The next number this book gives, if any is left.
    pub next_no: Option<u32>,
}

/// Assigns book `book_no` of `fiscal_year` (numbers `first_no..=last_no`) to the PC `device_id` (finance
/// head, supervisor). A book number already given in that fiscal year is refused.
#[allow(clippy::too_many_arguments)]
pub fn assign_book(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    fiscal_year: i32,
    book_no: u32,
    first_no: u32,
    last_no: u32,
    device_id: &str,
) -> Result<ReceiptBook> {
    session.require(Action::ManageTax)?;
    let id = db.write(&session.actor(), now, |w| {
        assign_in(w, fiscal_year, book_no, first_no, last_no, device_id)
    })?;
    load(db.conn(), &id)
}

pub(crate) fn assign_in(
    w: &mut Writer<'_>,
    fiscal_year: i32,
    book_no: u32,
    first_no: u32,
    last_no: u32,
    device_id: &str,
) -> Result<String> {
    if !(2563..=2700).contains(&fiscal_year) {
        return Err(
            Error::validation("error.tax.book.fiscal_year").arg("input", fiscal_year.to_string())
        );
    }
    if book_no == 0 || first_no == 0 || last_no < first_no || last_no - first_no >= BOOK_SIZE_MAX {
        return Err(Error::validation("error.tax.book.range")
            .arg("first", first_no.to_string())
            .arg("last", last_no.to_string())
            .arg("max", BOOK_SIZE_MAX.to_string()));
    }
    let device_id = device_id.trim();
    if device_id.is_empty() {
        return Err(Error::validation("error.tax.book.device"));
    }
    let taken: Option<String> = w
        .conn()
        .query_row(
            "SELECT assigned_device_id FROM receipt_book WHERE fiscal_year = ?1 AND book_no = ?2",
            (fiscal_year, book_no),
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = taken {
        return Err(Error::new(ErrorCode::Conflict, "error.tax.book.taken")
            .arg("book", book_no.to_string())
            .arg("year", fiscal_year.to_string())
            .arg("device", short_device(&other)));
    }
    w.insert(
        Entity::ReceiptBook,
        &[
            ("fiscal_year", i64::from(fiscal_year).into()),
            ("book_no", i64::from(book_no).into()),
            ("first_no", i64::from(first_no).into()),
            ("last_no", i64::from(last_no).into()),
            ("assigned_device_id", device_id.to_owned().into()),
        ],
    )
}

/// The first 8 characters of a device id, as screens show it.
pub fn short_device(device_id: &str) -> String {
    device_id.chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect()
}

/// The receipt books of `fiscal_year` (all years when `None`), by year and book number.
pub fn books(
    conn: &Connection,
    session: &Session,
    fiscal_year: Option<i32>,
) -> Result<Vec<ReceiptBook>> {
    session.require(Action::UseTax)?;
    list(conn, fiscal_year)
}

pub(crate) fn list(conn: &Connection, fiscal_year: Option<i32>) -> Result<Vec<ReceiptBook>> {
    let ids: Vec<String> = conn
        .prepare(
            "SELECT id FROM receipt_book WHERE deleted_at IS NULL AND (?1 IS NULL OR fiscal_year = ?1) \
             ORDER BY fiscal_year DESC, book_no",
        )?
        .query_map([fiscal_year], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.iter().map(|id| load(conn, id)).collect()
}

pub(crate) fn load(conn: &Connection, id: &str) -> Result<ReceiptBook> {
    let this: String = conn.query_row("SELECT device_id FROM sync_state", [], |r| r.get(0))?;
    conn.query_row(
        "SELECT b.id, b.fiscal_year, b.book_no, b.first_no, b.last_no, b.assigned_device_id, b.status, \
         (SELECT count(*) FROM tax_receipt r WHERE r.book_id = b.id), \
         (SELECT max(number) FROM tax_receipt r WHERE r.book_id = b.id) \
         FROM receipt_book b WHERE b.id = ?1",
        [id],
        |r| {
            let last_no: u32 = r.get(4)?;
            let first_no: u32 = r.get(3)?;
            let max: Option<u32> = r.get(8)?;
            let next = max.map_or(first_no, |m| m + 1);
            let device_id: String = r.get(5)?;
            Ok(ReceiptBook {
                id: r.get(0)?,
                fiscal_year: r.get(1)?,
                book_no: r.get(2)?,
                first_no,
                last_no,
                this_pc: device_id == this,
                device_id,
                status: r.get(6)?,
                used: r.get(7)?,
                next_no: (next <= last_no).then_some(next),
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found(id.to_owned()))
}

/// The book and number the next receipt of this PC in `fiscal_year` gets, drawn inside the payment's
/// transaction (`BEGIN IMMEDIATE`, so no other writer runs in between): the lowest open book of this PC, the
/// number after its highest used one. A full book is marked full and the next one is used.
pub(crate) struct Drawn {
    pub book_id: String,
    pub book_no: u32,
    pub number: u32,
    /// Whether this number is the book's last.
    pub last: bool,
}

pub(crate) fn draw(w: &mut Writer<'_>, fiscal_year: i32) -> Result<Drawn> {
    let device: String =
        w.conn().query_row("SELECT device_id FROM sync_state", [], |r| r.get(0))?;
    let open: Vec<(String, u32, u32, u32)> = w
        .conn()
        .prepare(
            "SELECT id, book_no, first_no, last_no FROM receipt_book WHERE fiscal_year = ?1 \
             AND assigned_device_id = ?2 AND status = 'open' AND deleted_at IS NULL ORDER BY book_no",
        )?
        .query_map((fiscal_year, &device), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (book_id, book_no, first_no, last_no) in open {
        let max: Option<u32> = w.conn().query_row(
            "SELECT max(number) FROM tax_receipt WHERE book_id = ?1",
            [&book_id],
            |r| r.get(0),
        )?;
        let number = max.map_or(first_no, |m| m + 1);
        if number > last_no {
            w.update(Entity::ReceiptBook, &book_id, &[("status", "full".to_owned().into())])?;
            continue;
        }
        return Ok(Drawn { book_id, book_no, number, last: number == last_no });
    }
    Err(Error::new(ErrorCode::Conflict, "error.tax.book.none")
        .arg("year", fiscal_year.to_string())
        .arg("device", short_device(&device)))
}

/// Marks a book full once its last number is used.
pub(crate) fn mark_full(w: &mut Writer<'_>, book_id: &str) -> Result<()> {
    w.update(Entity::ReceiptBook, book_id, &[("status", "full".to_owned().into())])
}
