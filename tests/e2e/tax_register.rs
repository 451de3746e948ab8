//! `salactl tax import|template|search` as finance staff load a register: a file with bad lines imports
//! nothing, names each line and exits non-zero; a good file imports once (a second run adds nothing) and its
//! taxpayers are found by `tax search --json`, IDs masked.

use std::path::Path;

use crate::run::{FINANCE, salactl};
use anyhow::{Context, Result, ensure};
use sala_tests::TempDataDir;
use serde_json::Value;

fn taxpayer_count(dir: &Path) -> Result<i64> {
    let conn = rusqlite::Connection::open(dir.join("sala.sqlite"))?;
    Ok(conn.query_row("SELECT count(*) FROM taxpayer", [], |r| r.get(0))?)
}

const BAD: &str = "taxpayer_ref,kind,id_no,title,name,last_name,property_ref,property_type,deed_type,deed_no,rai,ngan,sq_wah,price_per_sq_wah,location,tax_year,use,share_percent,vacant_since
R1,individual,3100100123451,นาย,ทดสอบ,นำเข้า,P1,land,โฉนดที่ดิน,90001,1,0,0,100,หมู่ที่ 1,2569,agricultural,,
R2,individual,3100100123452,นาง,เลขผิด,นำเข้า,P2,land,โฉนดที่ดิน,90002,1,0,0,100,หมู่ที่ 1,2569,agricultural,,
R3,individual,,นาย,งานเกิน,นำเข้า,P3,land,โฉนดที่ดิน,90003,1,4,0,100,หมู่ที่ 1,2569,farming,,
";

#[test]
fn a_register_csv_with_bad_lines_imports_nothing_and_a_good_one_imports_once() -> Result<()> {
    let data = TempDataDir::new()?;
    let dir = data.path();
    let init = salactl(dir, None, &["init", "--demo"])?;
    ensure!(init.status.success(), "init --demo: {}", String::from_utf8_lossy(&init.stderr));
    let before = taxpayer_count(dir)?;

    let bad = dir.join("bad.csv");
    std::fs::write(&bad, BAD)?;
    let out = salactl(dir, Some(FINANCE), &["tax", "import", bad.to_str().context("path")?])?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    ensure!(out.status.code() == Some(1), "exit code {:?}: {stderr}", out.status.code());
    ensure!(
        stderr.contains("บรรทัด 3: ") && stderr.contains("บรรทัด 4: "),
        "each bad line named: {stderr}"
    );
    ensure!(!stderr.contains("บรรทัด 2: "), "the good line is not blamed: {stderr}");
    ensure!(
        stderr.contains("3100100123452") && stderr.contains("เลขตรวจสอบ"),
        "the bad ID's reason: {stderr}"
    );
    ensure!(
        stderr.contains("งาน") && stderr.contains("farming"),
        "ngan and the unknown use: {stderr}"
    );
    ensure!(taxpayer_count(dir)? == before, "nothing imported");

    let template = salactl(dir, None, &["tax", "template"])?;
    ensure!(template.status.success());
    let good = dir.join("good.csv");
    std::fs::write(&good, &template.stdout)?;
    for run in 0..2 {
        let out = salactl(
            dir,
            Some(FINANCE),
            &["--json", "tax", "import", good.to_str().context("path")?],
        )?;
        ensure!(out.status.success(), "import: {}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout)?;
        ensure!(v["imported"] == true, "{v}");
        let new = v["taxpayers_new"].as_u64().context("count")?;
        ensure!(if run == 0 { new == 4 } else { new == 0 }, "run {run}: {v}");
    }
    ensure!(taxpayer_count(dir)? == before + 4);

    let out = salactl(dir, Some(FINANCE), &["--json", "tax", "search", "คอนโดสุข"])?;
    ensure!(out.status.success(), "search: {}", String::from_utf8_lossy(&out.stderr));
    let hits: Value = serde_json::from_slice(&out.stdout)?;
    let hits = hits.as_array().context("a list")?;
    let templ = hits
        .iter()
        .find(|h| h["id_no_masked"] == "1-1007-xxxxx-xx-5")
        .with_context(|| format!("the template's condo owner, masked: {hits:?}"))?;
    ensure!(templ["full_name"] == "นางสาวศิริพร คอนโดสุข", "{templ}");
    ensure!(!String::from_utf8_lossy(&out.stdout).contains("1100700123455"), "no full ID");

    let id = templ["id"].as_str().context("id")?;
    let out = salactl(dir, Some(FINANCE), &["--json", "tax", "show", id])?;
    ensure!(out.status.success(), "show: {}", String::from_utf8_lossy(&out.stderr));
    let record: Value = serde_json::from_slice(&out.stdout)?;
    ensure!(record["condo_units"][0]["unit_no"] == "305", "{record}");

    let clerk = salactl(dir, Some(("clerk", "135790")), &["tax", "search", "คอนโด"])?;
    ensure!(clerk.status.code() == Some(1), "a clerk may not search the register");
    Ok(())
}
