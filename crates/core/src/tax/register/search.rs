//! Finding a taxpayer at the counter: by name, 13-digit ID (dashes allowed), deed, land, house or unit
//! number, address, or any Thai substring. Words of three or more characters use the trigram index
//! (`taxpayer_fts`); shorter words scan the index's text with `LIKE` (a register of a few thousand
//! taxpayers scans in milliseconds). Several words must all match. IDs and phones come back masked.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::full_name;
use crate::auth::{Action, Session};
use crate::error::Result;
use crate::tax::engine::OwnerKind;
use crate::thai::ThaiId;

/// Most rows a search returns: the clerk narrows the query rather than scrolls.
pub const SEARCH_LIMIT: u32 = 50;

/// A taxpayer in a list of search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaxpayerHit {
    /// UUIDv7.
    pub id: String,
    /// Individual or juristic.
    pub kind: OwnerKind,
    /// Title, name and last name.
    pub full_name: String,
    /// `1-2345-xxxxx-xx-1`, if an ID is on record.
    pub id_no_masked: Option<String>,
    /// Postal address.
    pub address: String,
    /// Parcels, buildings and condo units on record.
    pub properties: u32,
}

/// The words of a query: an ID typed with dashes or spaces becomes its digits.
fn words(query: &str) -> Vec<String> {
    let q = query.trim();
    let compact: String = q.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if compact.len() >= 4
        && compact.chars().all(|c| c.is_ascii_digit())
        && q.chars().any(|c| c == '-' || c.is_whitespace())
    {
        return vec![compact];
    }
    q.split_whitespace().map(str::to_owned).collect()
}

/// Taxpayers matching every word of `query`, by name (at most [`SEARCH_LIMIT`]).
pub fn search(conn: &Connection, session: &Session, query: &str) -> Result<Vec<TaxpayerHit>> {
    session.require(Action::UseTax)?;
    let words = words(query);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let mut conditions = Vec::new();
    let mut params: Vec<String> = Vec::new();
    let long: Vec<String> = words
        .iter()
        .filter(|w| w.chars().count() >= 3)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    if !long.is_empty() {
        params.push(long.join(" AND "));
        conditions.push(format!("taxpayer_fts MATCH ?{}", params.len()));
    }
    for w in words.iter().filter(|w| w.chars().count() < 3) {
        params
            .push(format!("%{}%", w.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")));
        conditions.push(format!("f.body LIKE ?{} ESCAPE '\\'", params.len()));
    }
    let sql = format!(
        "SELECT t.id, t.kind, t.title, t.name, t.last_name, t.id_no, t.address, \
         (SELECT count(*) FROM parcel p WHERE p.taxpayer_id = t.id AND p.deleted_at IS NULL) \
         + (SELECT count(*) FROM building b WHERE b.taxpayer_id = t.id AND b.deleted_at IS NULL) \
         + (SELECT count(*) FROM condo_unit c WHERE c.taxpayer_id = t.id AND c.deleted_at IS NULL) \
         FROM taxpayer t WHERE t.deleted_at IS NULL AND t.id IN \
         (SELECT f.taxpayer_id FROM taxpayer_fts f WHERE {}) \
         ORDER BY t.name, t.last_name, t.id LIMIT {SEARCH_LIMIT}",
        conditions.join(" AND ").replace("taxpayer_fts MATCH", "f.taxpayer_fts MATCH")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
        let id_no: Option<String> = r.get(5)?;
        let kind: String = r.get(1)?;
        Ok(TaxpayerHit {
            id: r.get(0)?,
            kind: if kind == "juristic" { OwnerKind::Juristic } else { OwnerKind::Individual },
            full_name: full_name(
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
                &r.get::<_, String>(4)?,
            ),
            id_no_masked: id_no
                .as_deref()
                .map(|d| ThaiId::parse(d).map_or_else(|_| "x".repeat(13), |id| id.masked())),
            address: r.get(6)?,
            properties: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Rebuilds the search index from the register (after a repair; the triggers keep it in step otherwise).
pub fn rebuild_search(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM taxpayer_fts; \
         INSERT INTO taxpayer_fts (rowid, taxpayer_id, body) \
         SELECT rid, taxpayer_id, body FROM taxpayer_search_body;",
    )?;
    Ok(())
}
