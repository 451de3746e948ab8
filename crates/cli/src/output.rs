//! How `salactl` prints: human text in the chosen language, or JSON with `--json`. Errors go to stderr.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use sala_core::audit::Verification;
use sala_core::auth::{DemoAccount, UserAccount};
use sala_core::backup::BackupReport;
use sala_core::doctor::{self, Check};
use sala_core::i18n::{t, tr};
use sala_core::office::OfficeSummary;
use sala_core::thai::{self, ThaiId};
use sala_core::{Error, Lang};
use serde_json::json;

/// The printer for one invocation.
#[derive(Debug)]
pub struct Out {
    lang: Lang,
    json: bool,
}

impl Out {
    pub fn new(lang: Lang, json: bool) -> Out {
        Out { lang, json }
    }

    /// The language of messages.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether `--json` was given.
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Prints `human`, or `json` with `--json`. A reader that went away (`salactl … | head -1`) is not an
    /// error: what was done is done, so the write failure is ignored rather than panicking like `println!`.
    pub fn print(&self, human: &str, json: &serde_json::Value) {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        let _ = if self.json { writeln!(stdout, "{json}") } else { writeln!(stdout, "{human}") };
    }

    /// Prints the error (Thai by default) and returns exit code 1.
    pub fn error(&self, err: &Error) -> ExitCode {
        let message = err.message(self.lang);
        if self.json {
            println!("{}", json!({ "error": { "code": err.code(), "message": message } }));
        } else {
            eprintln!("{}: {message}", t(self.lang, "msg.cli.error"));
        }
        ExitCode::from(1)
    }

    /// `users`: the demo accounts (after `init --demo`), listed in the JSON so scripts can sign in.
    pub fn init(
        &self,
        dir: &Path,
        device_id: &str,
        office: Option<&OfficeSummary>,
        users: &[DemoAccount],
    ) {
        let human = match office {
            Some(o) => tr(
                self.lang,
                "msg.cli.init_office",
                &[("dir", dir.display().to_string()), ("office", o.name.clone())],
            ),
            None => tr(self.lang, "msg.cli.init_empty", &[("dir", dir.display().to_string())]),
        };
        let mut v = json!({ "data_dir": dir, "device_id": device_id, "office": office });
        if !users.is_empty() {
            v["users"] = users
                .iter()
                .map(|u| json!({ "username": u.username, "display_name": u.display_name, "role": u.role.as_str(), "pin": u.pin, "password": u.password }))
                .collect();
        }
        self.print(&human, &v);
    }

    pub fn doctor(&self, checks: &[Check]) -> ExitCode {
        let healthy = doctor::healthy(checks);
        let mut lines: Vec<String> = checks
            .iter()
            .map(|c| {
                let mark = match (c.ok, c.required) {
                    (true, _) => "✓",
                    (false, true) => "✗",
                    (false, false) => "!",
                };
                format!("{mark} {}: {}", c.title, c.detail)
            })
            .collect();
        lines.push(t(self.lang, if healthy { "msg.cli.doctor_ok" } else { "msg.cli.doctor_bad" }));
        self.print(&lines.join("\n"), &json!({ "healthy": healthy, "checks": checks }));
        if healthy { ExitCode::SUCCESS } else { ExitCode::from(1) }
    }

    pub fn backup(&self, report: &BackupReport) {
        let human = tr(
            self.lang,
            "msg.cli.backup_done",
            &[("file", report.file.display().to_string()), ("bytes", report.bytes.to_string())],
        );
        self.print(&human, &json!(report));
    }

    pub fn restore(&self, report: &BackupReport) {
        let previous = report.previous.as_ref().map_or_else(
            || t(self.lang, "msg.cli.restore_no_previous"),
            |p| p.display().to_string(),
        );
        let human = tr(
            self.lang,
            "msg.cli.restore_done",
            &[("file", report.file.display().to_string()), ("previous", previous)],
        );
        self.print(&human, &json!(report));
    }

    pub fn sync_endpoint(&self, endpoint: Option<&str>) {
        let human = endpoint.map_or_else(
            || t(self.lang, "msg.cli.endpoint_cleared"),
            |e| tr(self.lang, "msg.cli.endpoint_set", &[("url", e.to_owned())]),
        );
        self.print(&human, &json!({ "endpoint": endpoint }));
    }

    pub fn audit_verify(&self, report: &Verification) -> ExitCode {
        let Some(problem) = &report.problem else {
            let human = tr(self.lang, "msg.audit.intact", &[("n", report.entries.to_string())]);
            self.print(&human, &json!({ "intact": true, "entries": report.entries }));
            return ExitCode::SUCCESS;
        };
        let message = problem.message(self.lang);
        self.print(
            &message,
            &json!({ "intact": false, "entries": report.entries, "problem": problem, "message": message }),
        );
        ExitCode::from(1)
    }

    pub fn users(&self, users: &[UserAccount]) {
        if self.json {
            let rows: Vec<_> = users
                .iter()
                .map(|a| json!({ "username": a.user.username, "displayName": a.user.display_name, "role": a.user.role, "active": a.active }))
                .collect();
            println!("{}", json!(rows));
            return;
        }
        for UserAccount { user: u, active, .. } in users {
            let role = tr(self.lang, &format!("msg.role.{}", u.role.as_str()), &[]);
            let state = tr(
                self.lang,
                if *active { "msg.cli.user_active" } else { "msg.cli.user_inactive" },
                &[],
            );
            println!("{}\t{}\t{role}\t{state}", u.username, u.display_name);
        }
    }

    pub fn password_reset(&self, username: &str, temporary: &str) {
        let human = tr(
            self.lang,
            "msg.cli.password_reset",
            &[("username", username.to_owned()), ("password", temporary.to_owned())],
        );
        self.print(&human, &json!({ "username": username, "temporaryPassword": temporary }));
    }

    pub fn baht_text(&self, amount: &str, text: &str) {
        self.print(text, &json!({ "amount": amount.trim(), "text": text }));
    }

    pub fn thai_id(&self, input: &str, parsed: sala_core::Result<ThaiId>) -> ExitCode {
        match parsed {
            Ok(id) => {
                let human = tr(self.lang, "msg.cli.thai_id_valid", &[("id", id.to_string())]);
                self.print(&human, &json!({ "input": input, "valid": true, "id": id.digits(), "formatted": id.to_string() }));
                ExitCode::SUCCESS
            }
            Err(err) => {
                let reason = err.message(self.lang);
                if self.json {
                    println!("{}", json!({ "input": input, "valid": false, "reason": reason }));
                } else {
                    println!("{reason}");
                }
                ExitCode::from(1)
            }
        }
    }

    pub fn date_th(&self, date: NaiveDate, short: bool) {
        let long = thai::long_date(date, self.lang);
        let short_text = thai::short_date(date, self.lang);
        let human = if short { &short_text } else { &long };
        self.print(human, &json!({ "date": date.to_string(), "long": long, "short": short_text }));
    }
}

/// Printers known to CUPS (`lpstat -e`). Optional: a PC that never prints is still healthy.
pub fn printer_check(lang: Lang) -> Check {
    let (ok, detail) = match std::process::Command::new("lpstat").arg("-e").output() {
        Err(_) => (false, t(lang, "msg.cli.printers_no_cups")),
        Ok(out) => {
            let names: Vec<String> =
                String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect();
            if names.is_empty() {
                (false, t(lang, "msg.cli.printers_none"))
            } else {
                (true, names.join(", "))
            }
        }
    };
    Check::new("printers", lang, ok, detail).optional()
}
