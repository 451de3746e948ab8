//! Signing in and staying signed in: password or PIN, lockout after repeated failures, idle lock, and the
//! [`Session`] every protected core function takes.
//!
//! The shell keeps a [`SessionToken`] between calls (it is only made here, by a successful sign-in or by the
//! setup wizard) and turns it into a [`Session`] with [`resume`] at the start of every call. `resume` reloads
//! the user, so a deactivation or role change takes effect on the very next call, and refuses a token that
//! has been idle for longer than the policy allows.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::permissions::{Action, Area, allowed};
use super::users::{self, Role, UserSummary, is_pin, verify_password};
use crate::db::{Actor, AuditEvent, Db};
use crate::error::{Error, ErrorCode, Result};
use crate::ids;

/// Proof that a user signed in on this device, kept by the shell between calls. Only core makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionToken {
    user_id: String,
    last_activity: DateTime<Utc>,
    locked: bool,
}

impl SessionToken {
    pub(crate) fn new(user_id: String, now: DateTime<Utc>) -> SessionToken {
        SessionToken { user_id, last_activity: now, locked: false }
    }

    /// The signed-in user's id.
    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    /// Whether the screen is locked (idle, or locked by hand): the same or another user must sign in.
    pub fn is_locked(&self) -> bool {
        self.locked
    }

    /// Records activity by the user (a key press, a click) at `now`; polling does not count.
    pub fn touch(&mut self, now: DateTime<Utc>) {
        if !self.locked && now > self.last_activity {
            self.last_activity = now;
        }
    }

    /// Locks the screen (the user stepped away).
    pub fn lock(&mut self) {
        self.locked = true;
    }
}

/// The acting user for one call: signed in, active, and not idle. Every core function that reads or changes
/// protected data takes one and checks [`Session::require`] first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    user: UserSummary,
    must_change_password: bool,
}

impl Session {
    #[cfg(test)]
    pub(crate) fn for_tests(user: UserSummary) -> Session {
        Session { user, must_change_password: false }
    }

    /// A session for a demo user, so the demo office's history is made through the real operations.
    pub(crate) fn for_demo(user: UserSummary) -> Session {
        Session { user, must_change_password: false }
    }

    /// The acting user.
    pub fn user(&self) -> &UserSummary {
        &self.user
    }

    /// The acting user's role.
    pub fn role(&self) -> Role {
        self.user.role
    }

    /// The writer's actor for this user.
    pub fn actor(&self) -> Actor {
        Actor::user(self.user.id.clone())
    }

    /// Whether this user may do `action` now.
    pub fn can(&self, action: Action) -> bool {
        !self.must_change_password && allowed(self.user.role, action)
    }

    /// Fails with a clear "not permitted" error unless this user may do `action`. A user whose password
    /// was reset may do nothing but choose a new one.
    pub fn require(&self, action: Action) -> Result<()> {
        self.require_password_current()?;
        if allowed(self.user.role, action) {
            return Ok(());
        }
        Err(Error::new(ErrorCode::NotPermitted, "error.not_permitted")
            .arg_key("action", action.label_key()))
    }

    pub(crate) fn require_password_current(&self) -> Result<()> {
        if self.must_change_password {
            return Err(Error::new(ErrorCode::NotPermitted, "error.session.must_change_password"));
        }
        Ok(())
    }

    /// Opens `area` for this user, or says why not.
    pub fn open_area(&self, area: Area) -> Result<()> {
        match area.action() {
            Some(action) => self.require(action),
            None => self.require_password_current(),
        }
    }

    /// What the UI needs to know about this session.
    pub fn view(&self, policy: &SecurityPolicy, has_pin: bool) -> SessionView {
        SessionView {
            user: self.user.clone(),
            areas: Area::ALL
                .into_iter()
                .filter(|a| !self.must_change_password && a.open_to(self.user.role))
                .collect(),
            permissions: Action::ALL.into_iter().filter(|a| self.can(*a)).collect(),
            must_change_password: self.must_change_password,
            has_pin,
            idle_lock_minutes: policy.idle_lock_minutes,
        }
    }
}

/// The signed-in session as the UI sees it: who, and what they may open and do (the UI uses this to show
/// only what works; core checks again on every call).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    /// Who is signed in.
    pub user: UserSummary,
    /// The areas they may open, in navigation order.
    pub areas: Vec<Area>,
    /// The actions they may take.
    pub permissions: Vec<Action>,
    /// After a password reset: they must choose a new password before anything else.
    pub must_change_password: bool,
    /// Whether they have a quick-switch PIN.
    pub has_pin: bool,
    /// The screen locks after this many minutes without a key press or click.
    pub idle_lock_minutes: u32,
}

/// Where the app is: nobody signed in, a locked screen (with whose), or a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionState {
    /// The active session, if the screen is not locked.
    pub active: Option<SessionView>,
    /// Whose screen is locked, if it is.
    pub locked: Option<UserSummary>,
}

/// The sign-in policy of this device. Both lockout numbers and the idle time are settings an
/// administrator changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecurityPolicy {
    /// Failed tries in a row that lock an account (3–10; default 5).
    pub max_failures: u32,
    /// How long a locked account stays locked, in minutes (1–60; default 5).
    pub lock_minutes: u32,
    /// Minutes without a key press or click before the screen locks (1–240; default 10).
    pub idle_lock_minutes: u32,
}

/// The smallest value each setting accepts.
pub const POLICY_MIN: SecurityPolicy =
    SecurityPolicy { max_failures: 3, lock_minutes: 1, idle_lock_minutes: 1 };
/// The largest value each setting accepts.
pub const POLICY_MAX: SecurityPolicy =
    SecurityPolicy { max_failures: 10, lock_minutes: 60, idle_lock_minutes: 240 };

/// The policy with the range each setting accepts, for the administrator's form (so the form's hints come
/// from the same numbers [`set_policy`] checks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecurityPolicySettings {
    /// The policy in force.
    pub policy: SecurityPolicy,
    /// The smallest accepted values.
    pub min: SecurityPolicy,
    /// The largest accepted values.
    pub max: SecurityPolicy,
}

impl Default for SecurityPolicy {
    fn default() -> SecurityPolicy {
        SecurityPolicy { max_failures: 5, lock_minutes: 5, idle_lock_minutes: 10 }
    }
}

const POLICY_KEYS: [&str; 3] = ["auth.max_failures", "auth.lock_minutes", "auth.idle_lock_minutes"];
/// The settings' names for error messages.
const POLICY_LABELS: [&str; 3] =
    ["setting.auth.max_failures", "setting.auth.lock_minutes", "setting.auth.idle_lock_minutes"];

/// The device's sign-in policy (defaults where unset).
pub fn policy(conn: &Connection) -> Result<SecurityPolicy> {
    let read = |key: &str, default: u32| -> Result<u32> {
        let v: Option<String> = conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0))
            .optional()?;
        Ok(v.and_then(|v| v.parse().ok()).unwrap_or(default))
    };
    let d = SecurityPolicy::default();
    Ok(SecurityPolicy {
        max_failures: read(POLICY_KEYS[0], d.max_failures)?,
        lock_minutes: read(POLICY_KEYS[1], d.lock_minutes)?,
        idle_lock_minutes: read(POLICY_KEYS[2], d.idle_lock_minutes)?,
    })
}

/// The policy and its limits for the administrator's settings screen.
pub fn get_policy(conn: &Connection, session: &Session) -> Result<SecurityPolicySettings> {
    session.require(Action::ManageSecurity)?;
    Ok(SecurityPolicySettings { policy: policy(conn)?, min: POLICY_MIN, max: POLICY_MAX })
}

/// Changes the device's sign-in policy (validated against [`POLICY_MIN`] and [`POLICY_MAX`]; audited as a
/// setting change).
pub fn set_policy(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    new: &SecurityPolicy,
) -> Result<()> {
    session.require(Action::ManageSecurity)?;
    let fields = |p: &SecurityPolicy| [p.max_failures, p.lock_minutes, p.idle_lock_minutes];
    let checks = fields(new).into_iter().zip(fields(&POLICY_MIN)).zip(fields(&POLICY_MAX));
    for (((value, min), max), label) in checks.zip(POLICY_LABELS) {
        if !(min..=max).contains(&value) {
            return Err(Error::validation("error.policy.range")
                .arg_key("setting", label)
                .arg("min", min.to_string())
                .arg("max", max.to_string())
                .arg("input", value.to_string()));
        }
    }
    let old = policy(db.conn())?;
    if old == *new {
        return Ok(());
    }
    db.write(&session.actor(), now, |w| {
        let values = [new.max_failures, new.lock_minutes, new.idle_lock_minutes];
        for (key, value) in POLICY_KEYS.into_iter().zip(values) {
            w.conn().execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value.to_string()),
            )?;
        }
        w.event("setting", "auth", AuditEvent::Setting, &json!({ "before": old, "after": new }))
    })
}

pub(crate) fn still_locked(locked_until: &str, now: DateTime<Utc>) -> bool {
    DateTime::parse_from_rfc3339(locked_until).is_ok_and(|t| t > now)
}

/// What the sign-in screen shows: the office, and on the demo office only, the demo accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignInScreen {
    /// The office's name and logo.
    pub office: Option<crate::office::OfficeSummary>,
    /// The demo users and their credentials; empty for a real office.
    pub demo_accounts: Vec<DemoAccount>,
}

/// A demo user's credentials, shown on the demo office's sign-in screen only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DemoAccount {
    /// Sign-in name.
    pub username: String,
    /// Name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Password.
    pub password: String,
    /// Quick-switch PIN.
    pub pin: String,
}

/// The sign-in screen's data. Anyone at the device may see it (no session needed).
pub fn sign_in_screen(conn: &Connection) -> Result<SignInScreen> {
    let office = crate::office::summary(conn)?;
    let demo_accounts = if office.as_ref().is_some_and(|o| o.is_demo) {
        crate::office::demo_accounts()
    } else {
        Vec::new()
    };
    Ok(SignInScreen { office, demo_accounts })
}

struct Credentials {
    user: UserSummary,
    password_hash: String,
    pin_hash: Option<String>,
    active: bool,
}

fn credentials(conn: &Connection, username: &str) -> Result<Option<Credentials>> {
    let row = conn
        .query_row(
            "SELECT id, username, display_name, role, password_hash, pin_hash, active \
             FROM app_user WHERE username = ?1 AND deleted_at IS NULL",
            [username],
            |r| {
                Ok((
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?),
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, bool>(6)?,
                ))
            },
        )
        .optional()?;
    row.map(|((id, username, display_name, role), password_hash, pin_hash, active)| {
        Ok(Credentials {
            user: UserSummary { id, username, display_name, role: Role::parse(&role)? },
            password_hash,
            pin_hash,
            active,
        })
    })
    .transpose()
}

/// A hash verified against when the username is unknown, so a wrong name takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| users::hash_password("not a password of anyone").unwrap_or_default())
}

enum Outcome {
    SignedIn(SessionToken),
    Failed { tries_left: u32 },
    Locked { minutes: i64 },
    Inactive,
}

/// Signs `username` in with `secret`: a password, or a 6-digit PIN if they have set one. Every attempt is
/// audited. After `max_failures` wrong tries in a row the account is locked on this device for
/// `lock_minutes`, and even the right secret is refused until then. Errors do not say whether the username
/// exists.
pub fn sign_in(
    db: &mut Db,
    now: DateTime<Utc>,
    username: &str,
    secret: &str,
) -> Result<SessionToken> {
    let username = username.trim();
    if username.is_empty() || secret.is_empty() {
        return Err(Error::new(ErrorCode::SignInFailed, "error.auth.empty"));
    }
    let policy = policy(db.conn())?;
    let Some(cred) = credentials(db.conn(), username)? else {
        verify_password(secret, dummy_hash());
        // What was typed is not recorded: a password typed into the name field must not reach the log.
        db.write(&Actor::system(), now, |w| {
            w.event("app_user", "", AuditEvent::SignInFailed, &json!({ "unknown_username": true }))
        })?;
        return Err(Error::new(ErrorCode::SignInFailed, "error.auth.invalid"));
    };
    let id = cred.user.id.clone();
    let (failures, locked_until): (u32, Option<String>) = db
        .conn()
        .query_row(
            "SELECT failures, locked_until FROM sign_in_failure WHERE user_id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, None));
    if let Some(until) = locked_until.as_deref().filter(|t| still_locked(t, now)) {
        return Err(locked_error(minutes_left(until, now)));
    }
    let pin = is_pin(secret);
    let ok = if pin {
        cred.pin_hash.as_deref().is_some_and(|h| verify_password(secret, h))
    } else {
        verify_password(secret, &cred.password_hash)
    };
    let method = if pin { "pin" } else { "password" };
    let outcome = db.write(&Actor::system(), now, |w| {
        if !ok {
            let failures = failures + 1;
            if failures >= policy.max_failures {
                let until = ids::timestamp(now + Duration::minutes(i64::from(policy.lock_minutes)));
                w.conn().execute(
                    "INSERT OR REPLACE INTO sign_in_failure (user_id, failures, locked_until) \
                     VALUES (?1, 0, ?2)",
                    (&id, &until),
                )?;
                w.event(
                    "app_user",
                    &id,
                    AuditEvent::AccountLocked,
                    &json!({ "method": method, "failures": failures, "locked_until": until }),
                )?;
                return Ok(Outcome::Locked { minutes: i64::from(policy.lock_minutes) });
            }
            w.conn().execute(
                "INSERT OR REPLACE INTO sign_in_failure (user_id, failures, locked_until) VALUES (?1, ?2, NULL)",
                (&id, failures),
            )?;
            w.event("app_user", &id, AuditEvent::SignInFailed, &json!({ "method": method, "failures": failures }))?;
            return Ok(Outcome::Failed { tries_left: policy.max_failures - failures });
        }
        w.conn().execute("DELETE FROM sign_in_failure WHERE user_id = ?1", [&id])?;
        if !cred.active {
            w.event("app_user", &id, AuditEvent::SignInFailed, &json!({ "method": method, "inactive": true }))?;
            return Ok(Outcome::Inactive);
        }
        w.event_as(&Actor::user(id.clone()), "app_user", &id, AuditEvent::SignIn, &json!({ "method": method }))?;
        Ok(Outcome::SignedIn(SessionToken::new(id.clone(), now)))
    })?;
    match outcome {
        Outcome::SignedIn(token) => Ok(token),
        Outcome::Failed { tries_left } => {
            Err(Error::new(ErrorCode::SignInFailed, "error.auth.invalid_tries")
                .arg("tries", tries_left.to_string()))
        }
        Outcome::Locked { minutes } => Err(locked_error(minutes)),
        Outcome::Inactive => Err(Error::new(ErrorCode::SignInFailed, "error.auth.inactive")),
    }
}

fn minutes_left(until: &str, now: DateTime<Utc>) -> i64 {
    DateTime::parse_from_rfc3339(until)
        .map(|t| ((t.with_timezone(&Utc) - now).num_seconds() + 59).div_euclid(60))
        .unwrap_or(1)
        .max(1)
}

fn locked_error(minutes: i64) -> Error {
    Error::new(ErrorCode::SignInFailed, "error.auth.locked").arg("minutes", minutes.to_string())
}

/// Turns the shell's token into this call's [`Session`]: refuses a locked or idle token (locking it) and a
/// user who has since been deactivated. Does not count as activity; the shell calls
/// [`SessionToken::touch`] for that.
pub fn resume(conn: &Connection, token: &mut SessionToken, now: DateTime<Utc>) -> Result<Session> {
    if token.locked {
        return Err(Error::new(ErrorCode::SignInRequired, "error.session.locked"));
    }
    let idle = Duration::minutes(i64::from(policy(conn)?.idle_lock_minutes));
    if now - token.last_activity > idle {
        token.locked = true;
        return Err(Error::new(ErrorCode::SignInRequired, "error.session.idle"));
    }
    let row: Option<(bool, bool)> = conn
        .query_row(
            "SELECT active, must_change_password FROM app_user WHERE id = ?1 AND deleted_at IS NULL",
            [&token.user_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match row {
        Some((true, must_change_password)) => {
            Ok(Session { user: users::get(conn, &token.user_id)?, must_change_password })
        }
        _ => Err(Error::new(ErrorCode::SignInRequired, "error.session.ended")),
    }
}

/// The session's view for the UI (with the policy's idle time and whether a PIN is set).
pub fn session_view(conn: &Connection, session: &Session) -> Result<SessionView> {
    let has_pin: bool = conn.query_row(
        "SELECT pin_hash IS NOT NULL FROM app_user WHERE id = ?1",
        [&session.user.id],
        |r| r.get(0),
    )?;
    Ok(session.view(&policy(conn)?, has_pin))
}

/// The state for the UI given the shell's token (if any): locks an idle token on the way.
pub fn session_state(
    conn: &Connection,
    token: Option<&mut SessionToken>,
    now: DateTime<Utc>,
) -> Result<SessionState> {
    let Some(token) = token else {
        return Ok(SessionState { active: None, locked: None });
    };
    match resume(conn, token, now) {
        Ok(session) => {
            Ok(SessionState { active: Some(session_view(conn, &session)?), locked: None })
        }
        Err(e) if e.code() == ErrorCode::SignInRequired && token.locked => {
            Ok(SessionState { active: None, locked: users::get(conn, &token.user_id).ok() })
        }
        Err(e) if e.code() == ErrorCode::SignInRequired => {
            Ok(SessionState { active: None, locked: None })
        }
        Err(e) => Err(e),
    }
}

/// Signs the user out (audited).
pub fn sign_out(db: &mut Db, token: &SessionToken, now: DateTime<Utc>) -> Result<()> {
    let actor = Actor::user(token.user_id.clone());
    db.write(&actor, now, |w| w.event("app_user", &token.user_id, AuditEvent::SignOut, &json!({})))
}

/// The session the setup wizard starts for the first administrator it just created (they typed the
/// password a moment ago).
pub(crate) fn token_for_new_admin(user_id: String, now: DateTime<Utc>) -> SessionToken {
    SessionToken::new(user_id, now)
}
