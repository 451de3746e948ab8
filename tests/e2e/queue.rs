//! `salactl queue …` as a ticket button, a counter's script and a supervisor use it, against the demo office
//! (`salactl init --demo`: past days' history, nobody waiting today). Each story runs the real binary, signed
//! in with `--as USER` and `SALA_PIN`, in its own data folder.

use std::path::Path;
use std::process::{Command, Output};

use anyhow::{Context, Result, bail, ensure};
use sala_tests::{TempDataDir, salactl_bin};
use serde_json::Value;

const CLERK: (&str, &str) = ("clerk", "135790");
const PALAD: (&str, &str) = ("palad", "975310");

/// A demo office in a fresh data folder.
struct Office {
    data: TempDataDir,
}

impl Office {
    fn new() -> Result<Office> {
        let data = TempDataDir::new()?;
        let office = Office { data };
        let init = office.raw(None, &["--json", "init", "--demo"])?;
        ensure!(init.status.success(), "init --demo: {}", String::from_utf8_lossy(&init.stderr));
        let v: Value = serde_json::from_slice(&init.stdout)?;
        let users = v["users"].as_array().context("init --demo --json lists the demo users")?;
        for (username, pin, role) in [
            ("clerk", "135790", "clerk"),
            ("palad", "975310", "supervisor"),
            ("admin", "864200", "admin"),
        ] {
            ensure!(
                users.iter().any(|u| u["username"] == username
                    && u["pin"] == pin
                    && u["role"] == role
                    && u["password"] == "demo1234"),
                "{username} in {v}"
            );
        }
        Ok(office)
    }

    fn dir(&self) -> &Path {
        self.data.path()
    }

    /// Runs salactl on this office; `user` sets `--as` (after the subcommand) and `SALA_PIN`.
    fn raw(&self, user: Option<(&str, &str)>, args: &[&str]) -> Result<Output> {
        let mut cmd = Command::new(salactl_bin()?);
        cmd.arg("--data-dir")
            .arg(self.dir())
            .args(args)
            .env_remove("SALA_DATA_DIR")
            .env_remove("SALA_PIN")
            .env_remove("SALA_PASSWORD");
        if let Some((name, pin)) = user {
            cmd.args(["--as", name]).env("SALA_PIN", pin);
        }
        Ok(cmd.output()?)
    }

    /// `salactl --json queue ARGS --as USER`, which must succeed; its JSON.
    fn json(&self, user: (&str, &str), args: &[&str]) -> Result<Value> {
        let mut all = vec!["--json", "queue"];
        all.extend_from_slice(args);
        let out = self.raw(Some(user), &all)?;
        ensure!(
            out.status.success(),
            "queue {args:?} as {}: {}{}",
            user.0,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(serde_json::from_slice(&out.stdout)?)
    }

    /// `salactl queue ARGS --as USER` in Thai, which must fail with exit 1; its stderr.
    fn refused(&self, user: Option<(&str, &str)>, args: &[&str]) -> Result<String> {
        let mut all = vec!["queue"];
        all.extend_from_slice(args);
        let out = self.raw(user, &all)?;
        ensure!(
            out.status.code() == Some(1),
            "queue {args:?} should exit 1, got {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout)
        );
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        ensure!(err.contains("ข้อผิดพลาด"), "a Thai error: {err}");
        Ok(err)
    }

    fn issue(&self, service: &str, priority: &str) -> Result<Value> {
        self.json(CLERK, &["issue", "--service", service, "--priority", priority])
    }

    fn call(&self, counter: u32) -> Result<String> {
        let t = self.json(CLERK, &["call", "--counter", &counter.to_string()])?;
        ensure!(t["status"] == "called" && t["counter"] == counter, "called: {t}");
        Ok(number(&t))
    }

    fn state(&self) -> Result<Value> {
        self.json(CLERK, &["state"])
    }

    /// The numbers waiting in `service`'s line, in calling order.
    fn line(&self, service: &str) -> Result<Vec<String>> {
        let state = self.state()?;
        let line = state["services"]
            .as_array()
            .and_then(|s| s.iter().find(|l| l["code"] == service))
            .with_context(|| format!("{service} in {state}"))?;
        Ok(line["waiting"].as_array().context("waiting")?.iter().map(number).collect())
    }

    /// Every ticket segment the state shows (waiting, later, at counters, held, carried over).
    fn ticket_count(&self) -> Result<usize> {
        let state = self.state()?;
        let len = |v: &Value| v.as_array().map_or(0, Vec::len);
        let mut n = len(&state["carried_over"]);
        for line in state["services"].as_array().context("services")? {
            n += len(&line["waiting"]) + len(&line["later"]);
        }
        for c in state["counters"].as_array().context("counters")? {
            n += len(&c["held"]) + usize::from(!c["current"].is_null());
        }
        Ok(n)
    }
}

fn number(t: &Value) -> String {
    t["number"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn mixed_priorities_are_called_fairly_and_the_json_has_the_ticket() -> Result<()> {
    let office = Office::new()?;
    ensure!(office.line("general")?.is_empty(), "nobody waits when the demo opens");

    // A ticket button: the first line is the number; then the service and the wait, in Thai.
    let out = office.raw(Some(CLERK), &["queue", "issue", "--service", "general"])?;
    ensure!(out.status.success(), "issue: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout)?;
    let lines: Vec<&str> = text.lines().collect();
    ensure!(lines.first() == Some(&"A001"), "the number first: {text}");
    ensure!(text.contains("(general)") && text.contains("รออีก 0 คิว"), "service and wait: {text}");

    let mut issued = Vec::new();
    for priority in ["elderly", "monk", "pregnant"] {
        issued.push(office.issue("general", priority)?);
    }
    // With a name and phone, and `--as` before the subcommand.
    let out = office.raw(
        None,
        &[
            "--as",
            "clerk",
            "--json",
            "queue",
            "issue",
            "--service",
            "general",
            "--name",
            "นายทดสอบ ระบบคิว",
            "--phone",
            "081-234-5678",
        ],
    )?;
    ensure!(out.status.code() == Some(1), "no SALA_PIN: refused");
    let out = Command::new(salactl_bin()?)
        .arg("--data-dir")
        .arg(office.dir())
        .args(["--as", "clerk", "--json", "queue", "issue", "--service", "general"])
        .args(["--name", "นายทดสอบ ระบบคิว", "--phone", "081-234-5678"])
        .env("SALA_PIN", CLERK.1)
        .output()?;
    ensure!(
        out.status.success(),
        "--as before the subcommand: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout)?;
    ensure!(
        !stdout.contains("2345678") && !stdout.contains("0812345678"),
        "phone unmasked: {stdout}"
    );
    let last: Value = serde_json::from_str(&stdout)?;
    ensure!(last["phone_masked"] == "08x-xxx-5678", "{last}");
    issued.push(last);

    let numbers: Vec<String> = issued.iter().map(number).collect();
    ensure!(numbers == ["A002", "A003", "A004", "A005"], "{numbers:?}");
    for t in &issued {
        for key in [
            "number",
            "service",
            "service_name",
            "priority",
            "status",
            "counter",
            "ahead",
            "estimated_wait_minutes",
            "business_day",
            "issued_at",
        ] {
            ensure!(t.get(key).is_some(), "{key} in {t}");
        }
        ensure!(t.get("phone").is_none() && t.get("serviceName").is_none(), "snake_case: {t}");
        ensure!(
            t["service"] == "general" && t["status"] == "waiting" && t["counter"].is_null(),
            "{t}"
        );
        ensure!(t["service_name"].as_str().is_some_and(|n| n.starts_with("ติดต่อ")), "{t}");
    }
    let field = |i: usize, k: &str| issued[i][k].clone();
    ensure!(field(0, "priority") == "elderly" && field(0, "ahead") == 0, "elderly goes first");
    ensure!(field(1, "priority") == "monk" && field(1, "ahead") == 1, "{}", issued[1]);
    ensure!(field(2, "priority") == "pregnant" && field(2, "ahead") == 3, "{}", issued[2]);
    ensure!(field(3, "priority") == "normal" && field(3, "ahead") == 4, "{}", issued[3]);
    ensure!(field(3, "estimated_wait_minutes").as_u64().is_some_and(|m| m > 0), "{}", issued[3]);

    // Two priority calls in a row (the default streak), then the waiting normal ticket, and so on.
    let order = ["A002", "A003", "A001", "A004", "A005"];
    ensure!(
        office.line("general")? == order,
        "the line in calling order: {:?}",
        office.line("general")?
    );
    let mut called = Vec::new();
    for _ in 0..5 {
        called.push(office.call(1)?);
    }
    ensure!(called == order, "called {called:?}");

    let counters = office.state()?["counters"].clone();
    let one = &counters[0];
    ensure!(
        one["number"] == 1 && one["current"]["number"] == "A005",
        "counter 1 serves A005: {one}"
    );
    ensure!(one["services"] == serde_json::json!(["general", "welfare"]), "{one}");

    let err = office.refused(Some(CLERK), &["call", "--counter", "1"])?;
    ensure!(err.contains("ไม่มีคิวรอ"), "nobody waiting: {err}");
    let done = office.json(CLERK, &["finish", "--counter", "1"])?;
    ensure!(
        done["number"] == "A005" && done["status"] == "done" && done["outcome"] == "served",
        "{done}"
    );
    let err = office.refused(Some(CLERK), &["finish", "--counter", "1"])?;
    ensure!(err.contains("ยังไม่มีคิวที่เรียก"), "no current ticket: {err}");
    Ok(())
}

#[test]
fn a_transfer_keeps_the_number_and_the_other_counter_calls_it() -> Result<()> {
    let office = Office::new()?;
    office.issue("general", "normal")?;
    ensure!(office.call(1)? == "A001", "counter 1 calls A001");
    let moved = office.json(CLERK, &["transfer", "--counter", "1", "--to-service", "land_tax"])?;
    ensure!(
        moved["number"] == "A001" && moved["service"] == "land_tax" && moved["status"] == "waiting",
        "same number in the land tax line: {moved}"
    );
    ensure!(office.line("land_tax")? == ["A001"], "in the land tax line");
    ensure!(office.line("general")?.is_empty(), "out of the general line");
    let err = office.refused(Some(CLERK), &["call", "--counter", "1"])?;
    ensure!(err.contains("ไม่มีคิวรอ"), "counter 1 does not serve land tax: {err}");
    let called = office.json(CLERK, &["call", "--counter", "2"])?;
    ensure!(called["number"] == "A001" && called["service"] == "land_tax", "{called}");

    // To one counter: only that counter may call it.
    office.issue("general", "normal")?;
    ensure!(office.call(1)? == "A002", "counter 1 calls A002");
    let pinned = office.json(CLERK, &["transfer", "--counter", "1", "--to-counter", "3"])?;
    ensure!(pinned["number"] == "A002" && pinned["pinned_counter"] == 3, "{pinned}");
    office.refused(Some(CLERK), &["call", "--counter", "2"])?;
    ensure!(office.call(3)? == "A002", "counter 3 calls A002");
    Ok(())
}

#[test]
fn a_no_show_returns_after_the_grace_period_and_a_second_one_ends_it() -> Result<()> {
    let office = Office::new()?;
    office.issue("general", "normal")?;
    office.issue("general", "normal")?;
    ensure!(office.call(1)? == "A001", "A001 first");
    let gone = office.json(CLERK, &["no-show", "--counter", "1"])?;
    ensure!(gone["status"] == "waiting" && gone["no_shows"] == 1, "back in line later: {gone}");
    ensure!(office.call(1)? == "A002", "A001 does not come back at once");
    office.refused(Some(CLERK), &["call", "--counter", "1"])?;
    let state = office.state()?;
    let general = &state["services"][0];
    ensure!(general["code"] == "general" && general["later"][0]["number"] == "A001", "{general}");

    // A clerk may not change the settings; the supervisor may.
    office.refused(Some(CLERK), &["settings", "--no-show-grace-minutes", "0"])?;
    let s = office.json(PALAD, &["settings", "--no-show-grace-minutes", "0"])?;
    ensure!(
        s["no_show_grace_minutes"] == 0 && s["max_wait_minutes"] == 45,
        "only that changed: {s}"
    );

    office.issue("general", "normal")?;
    ensure!(office.call(1)? == "A003", "A003 next");
    let gone = office.json(CLERK, &["no-show", "--counter", "1"])?;
    ensure!(gone["status"] == "waiting", "{gone}");
    ensure!(office.call(1)? == "A003", "with no grace, A003 is back at once");
    let ended = office.json(CLERK, &["no-show", "--counter", "1"])?;
    ensure!(
        ended["status"] == "no_show" && ended["no_shows"] == 2,
        "the second no-show ends it: {ended}"
    );
    office.refused(Some(CLERK), &["call", "--counter", "1"])?;
    ensure!(!office.line("general")?.contains(&"A003".to_owned()), "A003 is gone");
    Ok(())
}

#[test]
fn with_no_max_wait_the_line_is_first_come_first_served() -> Result<()> {
    let office = Office::new()?;
    let s = office.json(PALAD, &["settings", "--max-wait-minutes", "0"])?;
    ensure!(s["max_wait_minutes"] == 0, "{s}");
    for priority in ["normal", "elderly", "monk", "normal"] {
        office.issue("welfare", priority)?;
    }
    ensure!(
        office.line("welfare")? == ["B001", "B002", "B003", "B004"],
        "{:?}",
        office.line("welfare")?
    );
    let called: Vec<String> = (0..4).map(|_| office.call(1)).collect::<Result<_>>()?;
    ensure!(called == ["B001", "B002", "B003", "B004"], "by issue time: {called:?}");
    Ok(())
}

#[test]
fn calling_a_specific_ticket_needs_the_setting_or_a_supervisor() -> Result<()> {
    let office = Office::new()?;
    for _ in 0..3 {
        office.issue("general", "normal")?;
    }
    let err = office.refused(Some(CLERK), &["call", "--counter", "1", "--ticket", "A003"])?;
    ensure!(err.contains("เจาะจง"), "{err}");
    ensure!(office.line("general")? == ["A001", "A002", "A003"], "nothing changed");
    let t = office.json(PALAD, &["call", "--counter", "1", "--ticket", "A003"])?;
    ensure!(t["number"] == "A003" && t["status"] == "called", "a supervisor may: {t}");
    let s = office.json(PALAD, &["settings", "--allow-call-specific", "true"])?;
    ensure!(s["allow_call_specific"] == true, "{s}");
    let t = office.json(CLERK, &["call", "--counter", "1", "--ticket", "a002"])?;
    ensure!(t["number"] == "A002", "then a clerk may too: {t}");
    Ok(())
}

#[test]
fn refusals_exit_1_in_thai_and_change_nothing() -> Result<()> {
    let office = Office::new()?;
    office.issue("general", "normal")?;
    let before = office.ticket_count()?;
    ensure!(before == 1, "one ticket: {before}");

    let err = office.refused(Some(("clerk", "000000")), &["issue", "--service", "general"])?;
    ensure!(err.contains("ไม่ถูกต้อง"), "wrong PIN: {err}");
    let err = office.refused(None, &["issue", "--service", "general"])?;
    ensure!(err.contains("--as"), "no --as: {err}");
    let out = Command::new(salactl_bin()?)
        .arg("--data-dir")
        .arg(office.dir())
        .args(["queue", "issue", "--service", "general", "--as", "clerk"])
        .env_remove("SALA_PIN")
        .env_remove("SALA_PASSWORD")
        .output()?;
    ensure!(out.status.code() == Some(1), "no PIN or password");
    ensure!(String::from_utf8_lossy(&out.stderr).contains("SALA_PIN"), "says which variable");
    let err = office.refused(Some(CLERK), &["issue", "--service", "passport"])?;
    ensure!(err.contains("passport"), "unknown service: {err}");
    let err =
        office.refused(Some(CLERK), &["issue", "--service", "general", "--priority", "vip"])?;
    ensure!(err.contains("ผู้สูงอายุ"), "unknown priority lists the classes: {err}");
    let err = office.refused(Some(CLERK), &["issue", "--service", "general", "--phone", "12"])?;
    ensure!(err.contains("โทรศัพท์"), "bad phone: {err}");
    ensure!(office.ticket_count()? == before, "nothing was issued");

    // A password works as well as a PIN; with --json the error is JSON on stdout.
    let out = Command::new(salactl_bin()?)
        .arg("--data-dir")
        .arg(office.dir())
        .args(["--json", "queue", "issue", "--service", "nope", "--as", "clerk"])
        .env("SALA_PASSWORD", "demo1234")
        .output()?;
    ensure!(out.status.code() == Some(1), "unknown service with a password");
    let v: Value = serde_json::from_slice(&out.stdout)?;
    ensure!(v["error"]["code"] == "notFound", "{v}");
    ensure!(office.ticket_count()? == before, "still nothing");
    // The KPIs are the supervisor's.
    office.refused(Some(CLERK), &["kpi", "--from", "2020-01-01", "--to", "2099-12-31"])?;
    Ok(())
}

#[test]
fn the_export_has_one_row_per_event_and_the_kpis_count_the_history() -> Result<()> {
    let office = Office::new()?;
    office.issue("general", "normal")?;
    office.issue("general", "elderly")?;
    office.call(1)?;
    office.json(CLERK, &["recall", "--counter", "1"])?;
    office.json(CLERK, &["start", "--counter", "1"])?;
    office.json(CLERK, &["hold", "--counter", "1"])?;
    office.json(CLERK, &["resume", "--counter", "1"])?;
    office.json(CLERK, &["finish", "--counter", "1", "--outcome", "follow-up"])?;
    office.json(CLERK, &["rate", "--ticket", "A002", "--score", "5"])?;
    office.call(1)?;
    let day = office.state()?["business_day"].as_str().context("business_day")?.to_owned();

    let out = office.raw(Some(PALAD), &["queue", "export", "--date", &day, "--format", "csv"])?;
    ensure!(out.status.success(), "export: {}", String::from_utf8_lossy(&out.stderr));
    let csv = String::from_utf8(out.stdout)?;
    let rows: Vec<&str> = csv.lines().collect();
    ensure!(rows[0].starts_with("time,business_day,ticket,service,priority,event"), "{csv}");
    let conn = rusqlite::Connection::open(office.dir().join("sala.sqlite"))?;
    let events: i64 =
        conn.query_row("SELECT count(*) FROM queue_event WHERE business_day = ?1", [&day], |r| {
            r.get(0)
        })?;
    // issued ×2, called, recalled, started, held, resumed, finished, rated, called
    ensure!(events == 10 && rows.len() == 1 + usize::try_from(events)?, "{events} events:\n{csv}");
    for kind in ["issued", "called", "recalled", "started", "held", "resumed", "finished", "rated"]
    {
        ensure!(rows.iter().any(|r| r.split(',').nth(5) == Some(kind)), "{kind} in\n{csv}");
    }

    let kpis = office.json(PALAD, &["kpi", "--from", "2000-01-01", "--to", &day])?;
    ensure!(kpis["overall"]["issued"].as_u64().is_some_and(|n| n > 2), "history counts: {kpis}");
    ensure!(kpis["by_service"].as_array().is_some_and(|s| !s.is_empty()), "{kpis}");
    Ok(())
}

#[test]
fn services_list_codes_names_prefixes_and_counters() -> Result<()> {
    let office = Office::new()?;
    let services = office.json(CLERK, &["services"])?;
    let list = services.as_array().context("an array")?;
    let expect = [
        ("general", "A", 1),
        ("welfare", "B", 1),
        ("land_tax", "C", 2),
        ("fees", "D", 2),
        ("building_permit", "E", 3),
        ("repairs", "F", 3),
        ("child_centre", "G", 3),
    ];
    ensure!(list.len() == expect.len(), "{services}");
    for (code, prefix, counter) in expect {
        let s = list.iter().find(|s| s["code"] == code).context(code)?;
        ensure!(s["prefix"] == prefix && s["counters"] == serde_json::json!([counter]), "{s}");
        let name = s["name"].as_str().unwrap_or_default();
        ensure!(name.chars().any(|c| ('\u{0e00}'..='\u{0e7f}').contains(&c)), "a Thai name: {s}");
    }
    Ok(())
}

fn tool(name: &str) -> Result<()> {
    let found =
        Command::new("sh").arg("-c").arg(format!("command -v {name}")).output()?.status.success();
    if !found {
        bail!("{name} is missing: run scripts/install-deps (poppler-utils, zbar-tools)");
    }
    Ok(())
}

#[test]
fn the_slip_pdf_has_the_thai_service_the_number_and_a_scannable_qr() -> Result<()> {
    tool("pdftotext")?;
    tool("zbarimg")?;
    let office = Office::new()?;
    office.issue("land_tax", "normal")?;
    let pdf = office.dir().join("slip.pdf");
    let t = office.json(
        CLERK,
        &[
            "issue",
            "--service",
            "land_tax",
            "--priority",
            "elderly",
            "--slip-pdf",
            pdf.to_str().unwrap_or_default(),
        ],
    )?;
    ensure!(t["number"] == "C002" && t["slip_pdf"].is_string(), "{t}");
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output()?;
    let text = String::from_utf8(text.stdout)?;
    let service = t["service_name"].as_str().unwrap_or_default();
    ensure!(service.contains("ภาษีที่ดิน") && text.contains(service), "service name in:\n{text}");
    ensure!(text.contains("C002") && text.contains("ผู้สูงอายุ"), "number and class in:\n{text}");
    ensure!(text.contains("รออีก 1 คิว") || text.contains("รออีก 0 คิว"), "the wait in:\n{text}");

    let prefix = office.dir().join("slip");
    let render = Command::new("pdftoppm")
        .args(["-r", "203", "-singlefile", "-mono", "-aa", "no", "-aaVector", "no"])
        .arg(&pdf)
        .arg(&prefix)
        .output()?;
    ensure!(render.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&render.stderr));
    let scan = Command::new("zbarimg")
        .args(["-q", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(prefix.with_extension("pbm"))
        .output()?;
    let payload = String::from_utf8(scan.stdout)?;
    let expected =
        format!("SALA-Q:6999901:{}:C002", t["business_day"].as_str().unwrap_or_default());
    ensure!(payload.trim() == expected, "zbarimg read {payload:?}, expected {expected}");

    // No printer chosen for slips: the ticket stands, the failure goes to stderr, exit 0.
    let out = office.raw(Some(CLERK), &["queue", "issue", "--service", "land_tax", "--print"])?;
    ensure!(out.status.success(), "a failed print does not fail the issue");
    let stdout = String::from_utf8(out.stdout)?;
    ensure!(stdout.lines().next() == Some("C003"), "the ticket is printed: {stdout}");
    let err = String::from_utf8_lossy(&out.stderr);
    ensure!(err.contains("C003") && err.contains("พิมพ์บัตรคิวไม่สำเร็จ"), "stderr says so: {err}");
    ensure!(office.line("land_tax")?.contains(&"C003".to_owned()), "and C003 waits");
    Ok(())
}
