//! Citizens on record: finding them at the counter and, when the job needs it, reading one person's full ID
//! and phone number (audited). Lists mask IDs and phones for every role (see ARCHITECTURE.md, personal data);
//! restricted citizens are invisible to anyone who may not see them, in searches and in counts.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, named_params};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::auth::{Action, Session};
use crate::db::{AuditEvent, Db};
use crate::error::{Error, ErrorCode, Result};
use crate::privacy::{self, mask_phone};
use crate::thai::ThaiId;

/// Most rows a search returns: the clerk narrows the query rather than scrolls.
pub const SEARCH_LIMIT: u32 = 50;

/// A citizen in a list: ID and phone masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CitizenListItem {
    /// UUIDv7.
    pub id: String,
    /// Title and name, e.g. นายบุญมี ศรีสุข.
    pub full_name: String,
    /// `1-2345-xxxxx-xx-1`, if an ID is on record.
    pub thai_id_masked: Option<String>,
    /// `08x-xxx-5678`, if a phone is on record.
    pub phone_masked: Option<String>,
    /// Postal address.
    pub address: String,
    /// Whether the record is restricted (only its permitted viewers ever see this flag set).
    pub restricted: bool,
}

/// One citizen's personal data in full, as revealed (and audited) for the job at hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CitizenPersonal {
    /// UUIDv7.
    pub id: String,
    /// The 13-digit ID, formatted `1-2345-67890-12-1`.
    pub thai_id: Option<String>,
    /// The phone number as recorded.
    pub phone: Option<String>,
}

/// Named parameters for [`privacy::visible_clause`].
fn viewer(session: &Session) -> (String, bool) {
    (session.user().id.clone(), privacy::sees_all_restricted(session.role()))
}

/// Finds citizens whose name, ID or phone contains `query` (any Thai substring; an ID or phone may be typed
/// with dashes or spaces). Restricted citizens this user may not see are left out.
pub fn search(conn: &Connection, session: &Session, query: &str) -> Result<Vec<CitizenListItem>> {
    session.require(Action::SearchCitizens)?;
    let query = query.trim();
    if query.is_empty() {
        return Ok(Vec::new());
    }
    let compact: String = query.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    let digits = !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit());
    let needle = if digits { compact } else { query.to_owned() };
    let visible = privacy::visible_clause("c", "citizen");
    // The trigram index needs three characters; shorter queries scan (a few thousand rows at most).
    let matcher = if needle.chars().count() >= 3 {
        "c.id IN (SELECT citizen_id FROM citizen_fts WHERE citizen_fts MATCH :fts)"
    } else {
        "(c.title || c.first_name || ' ' || c.last_name LIKE :like ESCAPE '\\' \
         OR coalesce(c.thai_id, '') LIKE :like ESCAPE '\\' OR coalesce(c.phone, '') LIKE :like ESCAPE '\\')"
    };
    let sql = format!(
        "SELECT c.id, c.title || c.first_name || ' ' || c.last_name, c.thai_id, c.phone, c.address, \
         c.confidentiality = 'restricted' FROM citizen c \
         WHERE c.deleted_at IS NULL AND {matcher} AND {visible} \
         ORDER BY c.first_name, c.last_name LIMIT {SEARCH_LIMIT}"
    );
    let fts = format!("\"{}\"", needle.replace('"', "\"\""));
    let like =
        format!("%{}%", needle.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let (viewer_id, sees_all) = viewer(session);
    let mut stmt = conn.prepare(&sql)?;
    let mut params: Vec<(&str, &dyn rusqlite::ToSql)> =
        vec![(":viewer_id", &viewer_id), (":viewer_sees_restricted", &sees_all)];
    if needle.chars().count() >= 3 {
        params.push((":fts", &fts));
    } else {
        params.push((":like", &like));
    }
    let rows = stmt.query_map(params.as_slice(), |r| {
        let thai_id: Option<String> = r.get(2)?;
        let phone: Option<String> = r.get(3)?;
        Ok(CitizenListItem {
            id: r.get(0)?,
            full_name: r.get(1)?,
            thai_id_masked: thai_id.as_deref().map(mask_thai_id),
            phone_masked: phone.as_deref().filter(|p| !p.is_empty()).map(mask_phone),
            address: r.get(4)?,
            restricted: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn mask_thai_id(digits: &str) -> String {
    ThaiId::parse(digits).map_or_else(|_| "x".repeat(13), |id| id.masked())
}

/// How many citizens this user can see.
pub fn visible_count(conn: &Connection, session: &Session) -> Result<u32> {
    let sql = format!(
        "SELECT count(*) FROM citizen c WHERE c.deleted_at IS NULL AND {}",
        privacy::visible_clause("c", "citizen")
    );
    let (viewer_id, sees_all) = viewer(session);
    Ok(conn.query_row(
        &sql,
        named_params! { ":viewer_id": viewer_id, ":viewer_sees_restricted": sees_all },
        |r| r.get(0),
    )?)
}

/// Reads one citizen's full ID and phone number and records who read them, when and on which device. A
/// citizen this user may not see is "not found", exactly like one that does not exist.
pub fn reveal(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    citizen_id: &str,
) -> Result<CitizenPersonal> {
    session.require(Action::RevealPersonalData)?;
    let sql = format!(
        "SELECT c.thai_id, c.phone FROM citizen c WHERE c.id = :id AND c.deleted_at IS NULL AND {}",
        privacy::visible_clause("c", "citizen")
    );
    let (viewer_id, sees_all) = viewer(session);
    let row: Option<(Option<String>, Option<String>)> = db
        .conn()
        .query_row(
            &sql,
            named_params! { ":id": citizen_id, ":viewer_id": viewer_id, ":viewer_sees_restricted": sees_all },
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (thai_id, phone) =
        row.ok_or_else(|| Error::new(ErrorCode::NotFound, "error.citizen.not_found"))?;
    let fields: Vec<&str> = [("thai_id", thai_id.is_some()), ("phone", phone.is_some())]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
        .collect();
    db.write(&session.actor(), now, |w| {
        w.event("citizen", citizen_id, AuditEvent::Reveal, &json!({ "fields": fields }))
    })?;
    Ok(CitizenPersonal {
        id: citizen_id.to_owned(),
        thai_id: thai_id
            .as_deref()
            .map(|d| ThaiId::parse(d).map_or_else(|_| d.to_owned(), |id| id.to_string())),
        phone: phone.filter(|p| !p.is_empty()),
    })
}
