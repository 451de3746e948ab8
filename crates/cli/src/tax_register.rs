//! `salactl tax import|template|search|show`: the property register, as `--as USER` (finance or
//! supervisor) like `salactl queue`. Core checks and writes; this file reads files and prints.

use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;
use sala_core::i18n::{t, tr};
use sala_core::tax::register;
use sala_core::{Error, Result};
use serde_json::Value;

use crate::Global;
use crate::output::Out;
use crate::queue::{sign_in, snake};

/// `tax template`: the CSV template, as shipped (no sign-in).
pub fn template() -> Result<ExitCode> {
    print!("{}", register::TEMPLATE_CSV);
    Ok(ExitCode::SUCCESS)
}

/// `tax import FILE.csv`: all or nothing; on errors prints `บรรทัด N: reason` for each and exits 1.
pub fn import(file: &Path, global: &Global, out: &Out) -> Result<ExitCode> {
    let text = std::fs::read(file).map_err(|e| {
        Error::validation("error.tax.input_read")
            .arg("file", file.display().to_string())
            .with_source(e)
    })?;
    let text = String::from_utf8(text).map_err(|_| {
        Error::validation("error.tax.csv.utf8").arg("file", file.display().to_string())
    })?;
    let now = Utc::now();
    let (mut db, session) = sign_in(global, now)?;
    let report = register::import_csv(&mut db, &session, now, &text)?;
    let lang = out.lang();
    let view = snake(serde_json::to_value(report.view(lang))?);
    if report.imported() {
        let human = tr(
            lang,
            "msg.cli.tax.imported",
            &[
                ("taxpayers", report.taxpayers_new.to_string()),
                ("taxpayers_existing", report.taxpayers_existing.to_string()),
                ("properties", report.properties_new.to_string()),
                ("properties_existing", report.properties_existing.to_string()),
                ("uses", report.uses_new.to_string()),
                ("uses_existing", report.uses_existing.to_string()),
            ],
        );
        out.print(&human, &view);
        return Ok(ExitCode::SUCCESS);
    }
    if out.is_json() {
        out.print("", &view);
    } else {
        for line in report.error_lines(lang) {
            eprintln!("{line}");
        }
        eprintln!(
            "{}",
            tr(lang, "msg.cli.tax.import_refused", &[("count", report.errors.len().to_string())])
        );
    }
    Ok(ExitCode::from(1))
}

/// `tax search QUERY`.
pub fn search(query: &str, global: &Global, out: &Out) -> Result<ExitCode> {
    let now = Utc::now();
    let (db, session) = sign_in(global, now)?;
    let hits = register::search(db.conn(), &session, query)?;
    let human = if hits.is_empty() {
        t(out.lang(), "msg.cli.tax.no_hits")
    } else {
        hits.iter()
            .map(|h| {
                format!(
                    "{}  {}  {}  {}",
                    h.id,
                    h.full_name,
                    h.id_no_masked.as_deref().unwrap_or("-"),
                    h.address
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    out.print(&human, &snake(serde_json::to_value(&hits)?));
    Ok(ExitCode::SUCCESS)
}

/// `tax show TAXPAYER_ID`: the record.
pub fn show(taxpayer_id: &str, global: &Global, out: &Out) -> Result<ExitCode> {
    let now = Utc::now();
    let (db, session) = sign_in(global, now)?;
    let r = register::record(db.conn(), &session, taxpayer_id)?;
    let lang = out.lang();
    let mut lines = vec![format!(
        "{}  {}  {}",
        r.taxpayer.full_name,
        r.taxpayer.id_no_masked.as_deref().unwrap_or("-"),
        r.taxpayer.address
    )];
    let uses = |uses: &[register::UseView]| -> String {
        uses.iter()
            .map(|u| {
                format!(
                    "{} {} {}%",
                    u.tax_year,
                    t(lang, register::use_label(u.use_)),
                    u.share_percent
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    for p in &r.parcels {
        lines.push(format!(
            "  {} {}  {}-{}-{}  {}  [{}]",
            p.deed_type,
            p.deed_no,
            p.rai,
            p.ngan,
            p.sq_wah,
            p.location,
            uses(&p.uses)
        ));
    }
    for b in &r.buildings {
        lines.push(format!(
            "  {} {}  {} m²  {}  [{}]",
            b.building_type,
            b.house_no,
            b.area_m2,
            b.year_built,
            uses(&b.uses)
        ));
    }
    for c in &r.condo_units {
        lines.push(format!(
            "  {} {}  {} m²  [{}]",
            c.condo_name,
            c.unit_no,
            c.area_m2,
            uses(&c.uses)
        ));
    }
    let json: Value = snake(serde_json::to_value(&r)?);
    out.print(&lines.join("\n"), &json);
    Ok(ExitCode::SUCCESS)
}
