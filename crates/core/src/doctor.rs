//! `salactl doctor`: is this installation healthy? Database integrity, schema version, pragmas, fonts and
//! versions. Printers are checked by the shell (it owns the system's print tools) and added to the report.

use std::path::Path;

use serde::Serialize;

use crate::db::{DB_FILE, Db, SCHEMA_VERSION};
use crate::fonts;
use crate::i18n::{Lang, t, tr};

/// One line of the doctor's report.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// Stable name (`database`, `integrity`, `schema`, `journal`, `foreign_keys`, `fonts`, `versions`, …).
    pub name: String,
    /// The check's title in the chosen language.
    pub title: String,
    /// Passed?
    pub ok: bool,
    /// Whether a failure makes the installation unhealthy (`doctor` exits non-zero). Optional checks, such
    /// as printers on a PC that never prints, only warn.
    pub required: bool,
    /// What was found.
    pub detail: String,
}

impl Check {
    /// A check result.
    pub fn new(name: &str, lang: Lang, ok: bool, detail: String) -> Check {
        Check {
            name: name.to_owned(),
            title: t(lang, &format!("doctor.{name}")),
            ok,
            required: true,
            detail,
        }
    }

    /// The same check, marked optional.
    #[must_use]
    pub fn optional(mut self) -> Check {
        self.required = false;
        self
    }
}

/// Whether every required check passed.
pub fn healthy(checks: &[Check]) -> bool {
    checks.iter().all(|c| c.ok || !c.required)
}

/// Runs the checks on the database in `data_dir`.
pub fn run(data_dir: &Path, lang: Lang) -> Vec<Check> {
    let mut out = Vec::new();
    let path = data_dir.join(DB_FILE);
    match Db::open_existing_read_only(&path) {
        Err(err) => out.push(Check::new("database", lang, false, err.message(lang))),
        Ok(conn) => {
            out.push(Check::new("database", lang, true, path.display().to_string()));
            let integrity = crate::db::integrity_check(&conn);
            out.push(Check::new("integrity", lang, integrity == ["ok"], integrity.join("; ")));
            let version: i32 =
                conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap_or(-1);
            out.push(Check::new(
                "schema",
                lang,
                version == SCHEMA_VERSION,
                tr(
                    lang,
                    "doctor.schema_detail",
                    &[("db", version.to_string()), ("app", SCHEMA_VERSION.to_string())],
                ),
            ));
            let mode: String =
                conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap_or_default();
            out.push(Check::new("journal", lang, mode == "wal", mode));
            let fk_problems: usize = conn
                .prepare("PRAGMA foreign_key_check")
                .and_then(|mut s| Ok(s.query_map([], |_| Ok(()))?.count()))
                .unwrap_or(usize::MAX);
            out.push(Check::new(
                "foreign_keys",
                lang,
                fk_problems == 0,
                tr(lang, "doctor.foreign_keys_detail", &[("n", fk_problems.to_string())]),
            ));
        }
    }
    let font_checks = fonts::check_fonts();
    let detail: Vec<String> =
        font_checks.iter().map(|f| format!("{} ({} KB)", f.name, f.bytes / 1024)).collect();
    out.push(Check::new(
        "fonts",
        lang,
        font_checks.iter().all(|f| f.covers_thai),
        detail.join(", "),
    ));
    out.push(Check::new(
        "versions",
        lang,
        true,
        tr(
            lang,
            "doctor.versions_detail",
            &[
                ("sala", env!("CARGO_PKG_VERSION").to_owned()),
                ("sqlite", rusqlite::version().to_owned()),
                ("schema", SCHEMA_VERSION.to_string()),
            ],
        ),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::tests::t0;

    #[test]
    fn healthy_database_passes_and_missing_one_fails() {
        let dir = tempfile::tempdir().expect("tempdir");
        let checks = run(dir.path(), Lang::Th);
        assert!(!checks.iter().find(|c| c.name == "database").expect("database check").ok);

        drop(Db::open(&dir.path().join(DB_FILE), t0()).expect("create"));
        let checks = run(dir.path(), Lang::Th);
        let failed: Vec<_> = checks.iter().filter(|c| !c.ok).collect();
        assert!(failed.is_empty(), "all checks pass on a new database: {failed:?}");
        assert!(checks.iter().all(|c| !c.title.starts_with("doctor.")), "titles are translated");
    }
}
