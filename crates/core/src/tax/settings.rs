//! The office's tax settings: one calendar per tax year (the notice date, the due date, the three instalment
//! dates and the warning notice, which the Minister extends most years, s.14), the office's own rate table
//! and reductions when it has them (s.37 paras 6–7, s.55), the biller ID its Thai QR bills carry, and this
//! PC's block of notice numbers. See `docs/dev/tax.md`.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::engine::{RateTable, Reduction, Rules};
use crate::auth::{Action, Session};
use crate::db::{AuditEvent, Db, Entity, Writer};
use crate::error::{Error, ErrorCode, Result};
use crate::thai::date::be_year;

/// The settings of one tax year. Dates are Gregorian `YYYY-MM-DD` in JSON; screens and paper show B.E.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaxYearSettings {
    /// The tax year, B.E.
    pub tax_year: i32,
    /// The date printed on the year's notices (ภ.ด.ส.6).
    #[ts(type = "string")]
    pub notice_date: NaiveDate,
    /// Pay in one go by this date (s.46, as extended).
    #[ts(type = "string")]
    pub due_date: NaiveDate,
    /// The due dates of instalments 1, 2 and 3 (s.52).
    #[ts(type = "[string, string, string]")]
    pub instalment_dates: [NaiveDate; 3],
    /// When the warning notices go out (s.61); `None` until decided.
    #[ts(type = "string | null")]
    pub warning_date: Option<NaiveDate>,
    /// The days a warning notice gives to pay (penalty 20 % within them, 40 % after).
    pub warning_days: u32,
    /// The office's own rate table, `None` for the Royal Decree B.E. 2564.
    #[ts(type = "unknown")]
    pub rates: Option<RateTable>,
    /// The reductions in force, `None` for the built-in table of the year.
    #[ts(type = "unknown")]
    pub reductions: Option<Vec<Reduction>>,
}

/// What the tax settings screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaxSettingsView {
    /// Every tax year with a calendar, latest first.
    pub years: Vec<TaxYearSettings>,
    /// The office's biller ID, empty when not set.
    pub biller_id: String,
    /// The office's 13-digit tax ID (the biller ID starts with it).
    pub office_tax_id: String,
    /// This PC's block of notice numbers (1–99).
    pub notice_block: u32,
}

/// Tax years a calendar may be set for (B.E.): the Act applies from 2563.
pub const YEARS: std::ops::RangeInclusive<i32> = 2563..=2700;
/// The longest period a warning notice may give, in days.
const WARNING_DAYS_MAX: u32 = 365;
/// The notice number blocks one office may hand its PCs.
pub const NOTICE_BLOCKS: std::ops::RangeInclusive<u32> = 1..=99;
/// The device-local setting that holds this PC's notice number block.
const BLOCK_KEY: &str = "tax.notice_block";

/// Checks an office's rate table through the engine's validation (bands in order, the s.37 ceilings).
pub fn check_rates(rates: &RateTable) -> Result<()> {
    rates.validate()
}

fn check_reductions(reductions: &[Reduction]) -> Result<()> {
    for r in reductions {
        if r.percent.0 <= 0 || r.percent.0 > 100 * 10_000 {
            return Err(Error::validation("error.tax.reduction_percent")
                .arg("input", r.percent.to_string()));
        }
    }
    Ok(())
}

impl TaxYearSettings {
    /// Checks the calendar and the tables: the year is plausible, the notice comes no later than the due
    /// date, the due date is in the tax year, the instalments follow one another and the first is not before
    /// the due date's month, a warning comes after the due date.
    pub fn check(&self) -> Result<()> {
        let date = |d: NaiveDate| d.to_string();
        if !YEARS.contains(&self.tax_year) {
            return Err(Error::validation("error.tax.year_range")
                .arg("input", self.tax_year.to_string())
                .arg("min", YEARS.start().to_string())
                .arg("max", YEARS.end().to_string()));
        }
        if be_year(self.due_date) != self.tax_year {
            return Err(Error::validation("error.tax.due_year")
                .arg("due", date(self.due_date))
                .arg("year", self.tax_year.to_string()));
        }
        if self.notice_date > self.due_date || be_year(self.notice_date) < self.tax_year - 1 {
            return Err(Error::validation("error.tax.notice_date_order")
                .arg("notice", date(self.notice_date))
                .arg("due", date(self.due_date)));
        }
        let [first, second, third] = self.instalment_dates;
        let due_month = self.due_date.with_day(1).unwrap_or(self.due_date);
        if first < due_month {
            return Err(Error::validation("error.tax.instalment_before_due")
                .arg("date", date(first))
                .arg("due", date(self.due_date)));
        }
        if !(first < second && second < third) {
            return Err(Error::validation("error.tax.instalment_order"));
        }
        if let Some(warning) = self.warning_date
            && warning <= self.due_date
        {
            return Err(Error::validation("error.tax.warning_before_due")
                .arg("warning", date(warning))
                .arg("due", date(self.due_date)));
        }
        if !(1..=WARNING_DAYS_MAX).contains(&self.warning_days) {
            return Err(Error::validation("error.tax.warning_days")
                .arg("input", self.warning_days.to_string())
                .arg("max", WARNING_DAYS_MAX.to_string()));
        }
        if let Some(rates) = &self.rates {
            check_rates(rates)?;
        }
        if let Some(reductions) = &self.reductions {
            check_reductions(reductions)?;
        }
        Ok(())
    }
}

fn internal(e: impl std::error::Error + Send + Sync + 'static) -> Error {
    Error::new(ErrorCode::Internal, "error.internal").with_source(e)
}

type Row = (i32, String, String, String, Option<String>, u32, String, String);

fn from_row(row: Row) -> Result<TaxYearSettings> {
    let (tax_year, notice, due, instalments, warning, warning_days, rates, reductions) = row;
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(internal);
    let dates: Vec<String> = serde_json::from_str(&instalments).map_err(internal)?;
    let dates: Vec<NaiveDate> = dates.iter().map(|d| date(d)).collect::<Result<_>>()?;
    let instalment_dates: [NaiveDate; 3] = dates.try_into().map_err(|_| {
        Error::new(ErrorCode::Internal, "error.internal").arg("cause", "instalments")
    })?;
    Ok(TaxYearSettings {
        tax_year,
        notice_date: date(&notice)?,
        due_date: date(&due)?,
        instalment_dates,
        warning_date: warning.as_deref().map(date).transpose()?,
        warning_days,
        rates: (!rates.is_empty())
            .then(|| serde_json::from_str(&rates))
            .transpose()
            .map_err(internal)?,
        reductions: (!reductions.is_empty())
            .then(|| serde_json::from_str(&reductions))
            .transpose()
            .map_err(internal)?,
    })
}

const SELECT: &str = "SELECT tax_year, notice_date, due_date, instalment_dates, warning_date, warning_days, \
     rates, reductions FROM tax_year WHERE deleted_at IS NULL";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
}

/// The settings of `tax_year`, if its calendar has been set.
pub fn year(conn: &Connection, tax_year: i32) -> Result<Option<TaxYearSettings>> {
    conn.query_row(&format!("{SELECT} AND tax_year = ?1"), [tax_year], read_row)
        .optional()?
        .map(from_row)
        .transpose()
}

/// The settings of `tax_year`, or a Thai message saying who sets its calendar and where.
pub fn require_year(conn: &Connection, tax_year: i32) -> Result<TaxYearSettings> {
    year(conn, tax_year)?.ok_or_else(|| {
        Error::new(ErrorCode::Conflict, "error.tax.no_calendar").arg("year", tax_year.to_string())
    })
}

/// Every tax year with a calendar, latest first.
pub fn years(conn: &Connection) -> Result<Vec<TaxYearSettings>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY tax_year DESC"))?;
    let rows = stmt.query_map([], read_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(from_row).collect()
}

/// The rules `tax_year` is assessed under: the office's own rates and reductions where set, else the
/// engine's built-in ones for that year.
pub fn rules(conn: &Connection, tax_year: i32) -> Result<Rules> {
    let own = year(conn, tax_year)?;
    let (rates, reductions) = own.map_or((None, None), |s| (s.rates, s.reductions));
    if let (Some(rates), Some(reductions)) = (&rates, &reductions) {
        return Ok(Rules { rates: rates.clone(), reductions: reductions.clone() });
    }
    let built_in = Rules::for_year(tax_year);
    Ok(Rules {
        rates: rates.unwrap_or(built_in.rates),
        reductions: reductions.unwrap_or(built_in.reductions),
    })
}

/// Saves the settings of one tax year (finance staff and supervisors): checked first, so bad input changes
/// nothing; replaces the year's calendar if it has one.
pub fn save_year(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    settings: &TaxYearSettings,
) -> Result<TaxYearSettings> {
    session.require(Action::ManageTax)?;
    settings.check()?;
    db.write(&session.actor(), now, |w| save_year_in(w, settings))?;
    require_year(db.conn(), settings.tax_year)
}

/// Writes a checked year's settings inside a transaction (also the demo office's calendars).
pub(crate) fn save_year_in(w: &mut Writer<'_>, s: &TaxYearSettings) -> Result<()> {
    s.check()?;
    let instalments: Vec<String> = s.instalment_dates.iter().map(ToString::to_string).collect();
    let rates = s.rates.as_ref().map(serde_json::to_string).transpose().map_err(internal)?;
    let reductions =
        s.reductions.as_ref().map(serde_json::to_string).transpose().map_err(internal)?;
    let fields: [(&str, rusqlite::types::Value); 8] = [
        ("tax_year", s.tax_year.into()),
        ("notice_date", s.notice_date.to_string().into()),
        ("due_date", s.due_date.to_string().into()),
        ("instalment_dates", serde_json::to_string(&instalments).map_err(internal)?.into()),
        ("warning_date", s.warning_date.map(|d| d.to_string()).into()),
        ("warning_days", i64::from(s.warning_days).into()),
        ("rates", rates.unwrap_or_default().into()),
        ("reductions", reductions.unwrap_or_default().into()),
    ];
    let existing: Option<String> = w
        .conn()
        .query_row(
            "SELECT id FROM tax_year WHERE tax_year = ?1 AND deleted_at IS NULL",
            [s.tax_year],
            |r| r.get(0),
        )
        .optional()?;
    match existing {
        Some(id) => w.update(Entity::TaxYear, &id, &fields),
        None => w.insert(Entity::TaxYear, &fields).map(drop),
    }
}

/// The office's biller ID for Thai QR bill payments, `None` when not set.
pub fn biller_id(conn: &Connection) -> Result<Option<String>> {
    let id: Option<String> = conn
        .query_row("SELECT biller_id FROM office WHERE deleted_at IS NULL LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(id.filter(|b| !b.is_empty()))
}

/// The biller ID with spaces and dashes removed, if it is 15 digits whose first 13 are a valid tax ID.
pub fn clean_biller_id(input: &str) -> Result<String> {
    let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.len() != 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::validation("error.tax.biller_id").arg("input", input.trim()));
    }
    if crate::thai::ThaiId::parse(&digits[..13]).is_err() {
        return Err(Error::validation("error.tax.biller_tax_id").arg("input", input.trim()));
    }
    Ok(digits)
}

/// Sets the office's biller ID (finance staff and supervisors): 15 digits, the tax ID the bank registered
/// and its 2-digit suffix.
pub fn set_biller_id(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    input: &str,
) -> Result<String> {
    session.require(Action::ManageTax)?;
    let id = clean_biller_id(input)?;
    db.write(&session.actor(), now, |w| set_biller_id_in(w, &id))?;
    Ok(id)
}

pub(crate) fn set_biller_id_in(w: &mut Writer<'_>, id: &str) -> Result<()> {
    let office = w
        .office_id()
        .map(str::to_owned)
        .ok_or_else(|| Error::new(ErrorCode::Conflict, "error.office.missing"))?;
    w.update(Entity::Office, &office, &[("biller_id", id.to_owned().into())])
}

/// This PC's block of notice numbers (1 when never set).
pub fn notice_block(conn: &Connection) -> Result<u32> {
    let stored: Option<String> = conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [BLOCK_KEY], |r| r.get(0))
        .optional()?;
    Ok(stored.and_then(|s| s.parse().ok()).filter(|b| NOTICE_BLOCKS.contains(b)).unwrap_or(1))
}

/// Sets this PC's block of notice numbers (finance staff and supervisors): each PC that issues notices
/// needs its own, so numbers never collide while PCs are offline.
pub fn set_notice_block(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    block: u32,
) -> Result<u32> {
    session.require(Action::ManageTax)?;
    if !NOTICE_BLOCKS.contains(&block) {
        return Err(Error::validation("error.tax.notice_block")
            .arg("input", block.to_string())
            .arg("max", NOTICE_BLOCKS.end().to_string()));
    }
    let old = notice_block(db.conn())?;
    if old == block {
        return Ok(block);
    }
    db.write(&session.actor(), now, |w| {
        w.conn().execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (BLOCK_KEY, block.to_string()),
        )?;
        w.event("setting", BLOCK_KEY, AuditEvent::Setting, &json!({ "before": old, "after": block }))
    })?;
    Ok(block)
}

/// The tax settings screen: every year's calendar, the biller ID and this PC's number block.
pub fn view(conn: &Connection, session: &Session) -> Result<TaxSettingsView> {
    session.require(Action::UseTax)?;
    let office_tax_id: String = conn
        .query_row("SELECT tax_id FROM office WHERE deleted_at IS NULL LIMIT 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    Ok(TaxSettingsView {
        years: years(conn)?,
        biller_id: biller_id(conn)?.unwrap_or_default(),
        office_tax_id,
        notice_block: notice_block(conn)?,
    })
}

/// The built-in rules of a year as pretty JSON text (`{"rates": …, "reductions": […]}`), to start an office's
/// own table from (the settings screen).
pub fn built_in_rules_json(session: &Session, tax_year: i32) -> Result<String> {
    session.require(Action::UseTax)?;
    serde_json::to_string_pretty(&Rules::for_year(tax_year)).map_err(internal)
}

/// Checks a rate table and/or reductions typed as JSON text on the settings screen and returns them as the
/// year's `rates`/`reductions` fields take them: `{"rates": …|null, "reductions": …|null}`.
pub fn check_rules_json(
    session: &Session,
    rates: Option<&str>,
    reductions: Option<&str>,
) -> Result<serde_json::Value> {
    session.require(Action::ManageTax)?;
    let rates = rates.map(str::trim).filter(|t| !t.is_empty()).map(parse_rates).transpose()?;
    let reductions =
        reductions.map(str::trim).filter(|t| !t.is_empty()).map(parse_reductions).transpose()?;
    Ok(json!({ "rates": rates, "reductions": reductions }))
}

/// Reads an office rate table from JSON text (the settings form, `salactl tax year set --rates FILE`).
pub fn parse_rates(text: &str) -> Result<RateTable> {
    let rates: RateTable = serde_json::from_str(text)
        .map_err(|e| Error::validation("error.tax.rates_json").arg("cause", e.to_string()))?;
    check_rates(&rates)?;
    Ok(rates)
}

/// Reads a reduction list from JSON text.
pub fn parse_reductions(text: &str) -> Result<Vec<Reduction>> {
    let list: Vec<Reduction> = serde_json::from_str(text)
        .map_err(|e| Error::validation("error.tax.reductions_json").arg("cause", e.to_string()))?;
    check_reductions(&list)?;
    Ok(list)
}

impl TaxYearSettings {
    /// A typical calendar for `tax_year` (B.E.): notices on 1 February, due 30 April, instalments 30 April,
    /// 31 May and 30 June, warning days 30, built-in rates. For tests and as the settings form's start.
    pub fn example(tax_year: i32) -> TaxYearSettings {
        let y = tax_year - 543;
        let d = |m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        TaxYearSettings {
            tax_year,
            notice_date: d(2, 1),
            due_date: d(4, 30),
            instalment_dates: [d(4, 30), d(5, 31), d(6, 30)],
            warning_date: None,
            warning_days: 30,
            rates: None,
            reductions: None,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::auth::{NewUser, Role, insert_user, test_session};
    use crate::db::Actor;
    use crate::db::tests::{db_with_office, t0};

    /// An office with a finance officer and a clerk, and the finance officer's session.
    pub(crate) fn office_with_staff() -> (Db, Session, Session) {
        let mut db = db_with_office();
        let users = [
            NewUser::new("finance", "นางมาลี การเงิน", Role::Finance, "pass-word-1").expect("user"),
            NewUser::new("clerk", "นายสมชาย บริการ", Role::Clerk, "pass-word-2").expect("user"),
        ];
        db.write(&Actor::system(), t0(), |w| {
            for u in &users {
                insert_user(w, u)?;
            }
            Ok(())
        })
        .expect("users");
        let finance = test_session(db.conn(), "finance");
        let clerk = test_session(db.conn(), "clerk");
        (db, finance, clerk)
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn rows(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM tax_year", [], |r| r.get(0)).expect("count")
    }

    #[test]
    fn a_calendar_is_saved_read_back_and_replaced_in_place() {
        let (mut db, finance, _) = office_with_staff();
        assert_eq!(year(db.conn(), 2569).expect("read"), None);
        let mut y = TaxYearSettings::example(2569);
        y.due_date = d("2026-06-30");
        y.instalment_dates = [d("2026-06-30"), d("2026-07-31"), d("2026-08-31")];
        y.warning_date = Some(d("2026-07-15"));
        let saved = save_year(&mut db, &finance, t0(), &y).expect("saved");
        assert_eq!(saved, y);
        y.warning_days = 15;
        save_year(&mut db, &finance, t0(), &y).expect("saved again");
        assert_eq!(year(db.conn(), 2569).expect("read"), Some(y.clone()));
        assert_eq!(rows(db.conn()), 1, "one live row per year");
        save_year(&mut db, &finance, t0(), &TaxYearSettings::example(2570)).expect("2570");
        let all: Vec<i32> = years(db.conn()).expect("years").iter().map(|y| y.tax_year).collect();
        assert_eq!(all, [2570, 2569], "latest first");
    }

    #[test]
    fn bad_calendars_are_refused_with_their_reason_and_change_nothing() {
        let (mut db, finance, _) = office_with_staff();
        let base = TaxYearSettings::example(2569);
        let cases: Vec<(&str, TaxYearSettings)> = vec![
            ("error.tax.year_range", TaxYearSettings { tax_year: 2500, ..base.clone() }),
            ("error.tax.due_year", TaxYearSettings { due_date: d("2027-04-30"), ..base.clone() }),
            (
                "error.tax.notice_date_order",
                TaxYearSettings { notice_date: d("2026-05-01"), ..base.clone() },
            ),
            (
                "error.tax.instalment_before_due",
                TaxYearSettings {
                    instalment_dates: [d("2026-03-31"), d("2026-05-31"), d("2026-06-30")],
                    ..base.clone()
                },
            ),
            (
                "error.tax.instalment_order",
                TaxYearSettings {
                    instalment_dates: [d("2026-04-30"), d("2026-06-30"), d("2026-05-31")],
                    ..base.clone()
                },
            ),
            (
                "error.tax.warning_before_due",
                TaxYearSettings { warning_date: Some(d("2026-04-30")), ..base.clone() },
            ),
            ("error.tax.warning_days", TaxYearSettings { warning_days: 0, ..base.clone() }),
            (
                "error.tax.rate_ceiling",
                TaxYearSettings {
                    rates: Some({
                        let mut r = RateTable::royal_decree_2564();
                        r.agricultural[0].rate = super::super::engine::Rate(1_600);
                        r
                    }),
                    ..base
                },
            ),
        ];
        for (key, bad) in cases {
            let err = save_year(&mut db, &finance, t0(), &bad).expect_err(key);
            assert_eq!(err.key(), key);
            assert_eq!(err.code(), ErrorCode::Validation);
            assert!(!err.to_string().contains('{'), "every argument filled in: {err}");
        }
        assert_eq!(rows(db.conn()), 0);
    }

    #[test]
    fn an_office_rate_table_within_the_ceilings_is_used_for_its_year_only() {
        let (mut db, finance, _) = office_with_staff();
        let mut rates = RateTable::royal_decree_2564();
        rates.other[0].rate = super::super::engine::Rate(5_000);
        let y = TaxYearSettings { rates: Some(rates.clone()), ..TaxYearSettings::example(2569) };
        save_year(&mut db, &finance, t0(), &y).expect("saved");
        assert_eq!(rules(db.conn(), 2569).expect("rules").rates, rates);
        assert_eq!(rules(db.conn(), 2570).expect("rules"), Rules::for_year(2570));
        assert_eq!(
            rules(db.conn(), 2569).expect("rules").reductions,
            Rules::for_year(2569).reductions
        );
        let text = serde_json::to_string(&rates).expect("json");
        assert_eq!(parse_rates(&text).expect("parsed"), rates);
        assert_eq!(parse_rates("{").expect_err("bad json").key(), "error.tax.rates_json");
    }

    #[test]
    fn the_biller_id_is_fifteen_digits_starting_with_a_valid_tax_id() {
        let (mut db, finance, clerk) = office_with_staff();
        assert_eq!(biller_id(db.conn()).expect("read"), None);
        assert_eq!(
            set_biller_id(&mut db, &finance, t0(), "0994000000011").expect_err("13").key(),
            "error.tax.biller_id"
        );
        assert_eq!(
            set_biller_id(&mut db, &finance, t0(), "099400000001200")
                .expect_err("check digit")
                .key(),
            "error.tax.biller_tax_id"
        );
        let err = set_biller_id(&mut db, &clerk, t0(), "0994000000011-00").expect_err("clerk");
        assert_eq!(err.code(), ErrorCode::NotPermitted);
        assert_eq!(biller_id(db.conn()).expect("read"), None, "refusals changed nothing");
        let id = set_biller_id(&mut db, &finance, t0(), "0-9940-00000-01-4 00").expect("set");
        assert_eq!(id, "099400000001400");
        assert_eq!(biller_id(db.conn()).expect("read").as_deref(), Some("099400000001400"));
        assert_eq!(view(db.conn(), &finance).expect("view").biller_id, "099400000001400");
    }

    #[test]
    fn the_notice_block_is_this_pcs_own_setting() {
        let (mut db, finance, clerk) = office_with_staff();
        assert_eq!(notice_block(db.conn()).expect("read"), 1);
        assert_eq!(
            set_notice_block(&mut db, &finance, t0(), 100).expect_err("too big").key(),
            "error.tax.notice_block"
        );
        assert_eq!(
            set_notice_block(&mut db, &clerk, t0(), 2).expect_err("clerk").code(),
            ErrorCode::NotPermitted
        );
        assert_eq!(set_notice_block(&mut db, &finance, t0(), 7).expect("set"), 7);
        assert_eq!(notice_block(db.conn()).expect("read"), 7);
    }
}
