//! The setup wizard for a real office: validate everything first, then write it in one transaction.

use base64::Engine;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use ts_rs::TS;

use super::catalog;
use crate::auth::{self, NewUser, Role, SessionToken, insert_user};
use crate::db::{Actor, Db, Entity};
use crate::error::{Error, Result};
use crate::thai::id::ThaiId;

/// What the setup wizard collects.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OfficeSetup {
    /// Full Thai name of the office.
    pub name: String,
    /// Office code (letters, digits, dash; 2–20).
    pub code: String,
    /// Postal address.
    pub address: String,
    /// 13-digit tax ID (dashes and spaces allowed).
    pub tax_id: String,
    /// PNG or JPEG logo, base64 (no `data:` prefix), at most 1 MB.
    pub logo_base64: Option<String>,
    /// At least one counter.
    pub counters: Vec<CounterInput>,
    /// The first administrator.
    pub admin: AdminInput,
}

/// A counter in the setup wizard.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CounterInput {
    /// 1–99, unique.
    pub number: u32,
    /// Name.
    pub name: String,
    /// Where it is.
    pub location: String,
}

/// The first administrator's account. `Debug` never shows the password.
#[derive(Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AdminInput {
    /// Sign-in name: lowercase letters, digits, `.` or `_`, 3–32.
    pub username: String,
    /// Name shown on screen.
    pub display_name: String,
    /// At least 8 characters.
    pub password: String,
}

impl std::fmt::Debug for AdminInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdminInput")
            .field("username", &self.username)
            .field("display_name", &self.display_name)
            .field("password", &"[redacted]")
            .finish()
    }
}

const LOGO_MAX_BYTES: usize = 1024 * 1024;

/// Sets up a real office from the wizard: the office, the standard departments and services, the counters
/// (each serving every service until a supervisor narrows it) and the first administrator. Validation
/// happens before anything is written; on any error nothing changes. Returns the first administrator's
/// session: they typed their password a moment ago.
pub fn setup_office(db: &mut Db, now: DateTime<Utc>, setup: &OfficeSetup) -> Result<SessionToken> {
    let name = setup.name.trim();
    if name.is_empty() {
        return Err(Error::validation("error.setup.name"));
    }
    let code = setup.code.trim();
    let code_ok = (2..=20).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !code_ok {
        return Err(Error::validation("error.setup.code").arg("input", code));
    }
    if setup.address.trim().is_empty() {
        return Err(Error::validation("error.setup.address"));
    }
    let tax_id = ThaiId::parse(&setup.tax_id)?;
    let logo = setup.logo_base64.as_deref().map(logo_data_url).transpose()?;
    if setup.counters.is_empty() {
        return Err(Error::validation("error.setup.counters"));
    }
    for (i, c) in setup.counters.iter().enumerate() {
        if !(1..=99).contains(&c.number) {
            return Err(
                Error::validation("error.setup.counter_number").arg("input", c.number.to_string())
            );
        }
        if setup.counters[..i].iter().any(|o| o.number == c.number) {
            return Err(Error::validation("error.setup.counter_duplicate")
                .arg("input", c.number.to_string()));
        }
        if c.name.trim().is_empty() {
            return Err(
                Error::validation("error.setup.counter_name").arg("input", c.number.to_string())
            );
        }
    }
    let a = &setup.admin;
    let admin = NewUser::new(&a.username, &a.display_name, Role::Admin, &a.password)?;
    db.write(&Actor::system(), now, |w| {
        w.insert(
            Entity::Office,
            &[
                ("code", code.to_owned().into()),
                ("name", name.to_owned().into()),
                ("address", setup.address.trim().to_owned().into()),
                ("tax_id", tax_id.digits().to_owned().into()),
                ("logo_data_url", logo.clone().into()),
            ],
        )?;
        let services = catalog::insert_catalog(w)?;
        let all: Vec<&String> = services.iter().map(|(_, id)| id).collect();
        for c in &setup.counters {
            catalog::insert_counter(w, c.number, c.name.trim(), c.location.trim(), &all)?;
        }
        crate::requests::category::seed_defaults(w)?;
        insert_user(w, &admin)
    })
    .map(|admin_id| auth::token_for_new_admin(admin_id, now))
}

/// Checks a base64 PNG/JPEG and returns it as a `data:` URL.
fn logo_data_url(b64: &str) -> Result<String> {
    let b64 = b64.trim();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|_| Error::validation("error.setup.logo_format"))?;
    if bytes.len() > LOGO_MAX_BYTES {
        return Err(Error::validation("error.setup.logo_size").arg("max", "1 MB"));
    }
    let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        "image/jpeg"
    } else {
        return Err(Error::validation("error.setup.logo_format"));
    };
    Ok(format!("data:{mime};base64,{b64}"))
}
