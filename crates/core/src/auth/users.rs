//! Users and their credentials: roles, argon2id password and PIN hashes, and what administrators and users
//! themselves may change. Users are deactivated, never deleted, so their history in the audit log keeps a
//! name.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::permissions::Action;
use super::session::Session;
use crate::db::{Db, Entity, Writer};
use crate::error::{Error, ErrorCode, Result};

/// What a user does at the office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Counter clerk: queue, requests, slips.
    Clerk,
    /// Finance staff (กองคลัง): tax, payments, receipts.
    Finance,
    /// Supervisor (ปลัด / หัวหน้าสำนักปลัด): the whole office, confidential complaints, reports.
    Supervisor,
    /// Administrator: users and settings.
    Admin,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 4] = [Role::Clerk, Role::Finance, Role::Supervisor, Role::Admin];

    /// The value stored in `app_user.role`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Finance => "finance",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    pub(crate) fn parse(s: &str) -> Result<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s).ok_or_else(|| {
            Error::new(ErrorCode::Internal, "error.internal").arg("cause", format!("role {s}"))
        })
    }
}

/// A user as lists and the status bar show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserSummary {
    /// UUIDv7.
    pub id: String,
    /// Sign-in name.
    pub username: String,
    /// Name shown on screen and on documents.
    pub display_name: String,
    /// Role.
    pub role: Role,
}

/// A user as the administrator's account list shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserAccount {
    /// Who.
    #[serde(flatten)]
    pub user: UserSummary,
    /// Whether the account may sign in.
    pub active: bool,
    /// Whether a quick-switch PIN is set.
    pub has_pin: bool,
    /// Whether the user must choose a new password at the next sign-in (after a reset).
    pub must_change_password: bool,
    /// Until when the account is locked after failed sign-ins on this device (RFC 3339), if it is.
    pub locked_until: Option<String>,
    /// The user's division (`department.code`): requests routed there reach them.
    pub department_code: Option<String>,
}

/// What an administrator types to create a user.
#[derive(Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewUserInput {
    /// Sign-in name: 3–32 of a–z, 0–9, `.`, `_`.
    pub username: String,
    /// Name shown on screen and documents.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// A first password (8 characters or more), to be changed at the first sign-in.
    pub password: String,
}

impl std::fmt::Debug for NewUserInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUserInput")
            .field("username", &self.username)
            .field("display_name", &self.display_name)
            .field("role", &self.role)
            .field("password", &"[redacted]")
            .finish()
    }
}

/// Minimum password length for staff accounts.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// A PIN is exactly this many digits.
pub const PIN_DIGITS: usize = 6;

/// Hashes `secret` with argon2id and a random salt (PHC string).
pub fn hash_password(secret: &str) -> Result<String> {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).map_err(|e| {
        Error::new(ErrorCode::Internal, "error.internal").arg("cause", e.to_string())
    })?;
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::new(ErrorCode::Internal, "error.internal").arg("cause", e.to_string()))
}

/// Whether `secret` matches the stored PHC `hash`.
pub fn verify_password(secret: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|parsed| Argon2::default().verify_password(secret.as_bytes(), &parsed).is_ok())
}

/// Whether `secret` has the shape of a PIN (six ASCII digits). Passwords are at least eight characters, so
/// the two never overlap and one sign-in field takes either.
pub fn is_pin(secret: &str) -> bool {
    secret.len() == PIN_DIGITS && secret.bytes().all(|b| b.is_ascii_digit())
}

fn check_password(password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Error::validation("error.user.password_short")
            .arg("min", MIN_PASSWORD_CHARS.to_string()));
    }
    Ok(())
}

/// Checks a new PIN: six digits, not all the same digit and not a straight run (123456, 987654).
pub fn check_pin(pin: &str) -> Result<()> {
    if !is_pin(pin) {
        return Err(Error::validation("error.user.pin_format"));
    }
    let d: Vec<i32> = pin.bytes().map(|b| i32::from(b - b'0')).collect();
    let steps: Vec<i32> = d.windows(2).map(|w| w[1] - w[0]).collect();
    if steps.iter().all(|s| *s == steps[0]) && steps[0].abs() <= 1 {
        return Err(Error::validation("error.user.pin_weak"));
    }
    Ok(())
}

/// A validated new user with the password already hashed: built before any write, so bad input changes
/// nothing and the slow argon2 hash is not computed while holding the write lock.
pub(crate) struct NewUser {
    username: String,
    display_name: String,
    role: Role,
    password_hash: String,
    pin_hash: Option<String>,
    must_change_password: bool,
}

impl NewUser {
    /// Validates the fields and hashes the password.
    pub(crate) fn new(
        username: &str,
        display_name: &str,
        role: Role,
        password: &str,
    ) -> Result<NewUser> {
        let username = username.trim();
        let ok = (3..=32).contains(&username.len())
            && username
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_');
        if !ok {
            return Err(Error::validation("error.user.username").arg("input", username));
        }
        if display_name.trim().is_empty() {
            return Err(Error::validation("error.user.display_name"));
        }
        check_password(password)?;
        Ok(NewUser {
            username: username.to_owned(),
            display_name: display_name.trim().to_owned(),
            role,
            password_hash: hash_password(password)?,
            pin_hash: None,
            must_change_password: false,
        })
    }

    /// Also sets a quick-switch PIN (the demo users have one).
    pub(crate) fn with_pin(mut self, pin: &str) -> Result<NewUser> {
        check_pin(pin)?;
        self.pin_hash = Some(hash_password(pin)?);
        Ok(self)
    }

    /// The user must choose their own password at the first sign-in.
    fn with_temporary_password(mut self) -> NewUser {
        self.must_change_password = true;
        self
    }
}

/// Inserts a validated user (refusing a taken username); returns the id.
pub(crate) fn insert_user(w: &mut Writer<'_>, user: &NewUser) -> Result<String> {
    insert_user_in(w, user, None)
}

/// [`insert_user`] with the user's division (`department.id`), for the demo office's staff.
pub(crate) fn insert_user_in(
    w: &mut Writer<'_>,
    user: &NewUser,
    department_id: Option<String>,
) -> Result<String> {
    let taken: Option<i64> = w
        .conn()
        .query_row("SELECT 1 FROM app_user WHERE username = ?1", [&user.username], |r| r.get(0))
        .optional()?;
    if taken.is_some() {
        return Err(
            Error::new(ErrorCode::Conflict, "error.user.taken").arg("input", user.username.clone())
        );
    }
    w.insert(
        Entity::User,
        &[
            ("username", user.username.clone().into()),
            ("display_name", user.display_name.clone().into()),
            ("role", user.role.as_str().to_owned().into()),
            ("password_hash", user.password_hash.clone().into()),
            ("pin_hash", user.pin_hash.clone().into()),
            ("must_change_password", i64::from(user.must_change_password).into()),
            ("department_id", department_id.into()),
        ],
    )
}

const USER_COLUMNS: &str = "id, username, display_name, role";
/// Active users first, then by role (admin first) and username.
const USER_ORDER: &str = "ORDER BY active DESC, CASE role WHEN 'admin' THEN 0 WHEN 'supervisor' THEN 1 \
                          WHEN 'finance' THEN 2 ELSE 3 END, username";

fn user_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn summary_of(
    (id, username, display_name, role): (String, String, String, String),
) -> Result<UserSummary> {
    Ok(UserSummary { id, username, display_name, role: Role::parse(&role)? })
}

/// Every user, active ones first, then by role and name.
pub(crate) fn list(conn: &Connection) -> Result<Vec<UserSummary>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {USER_COLUMNS} FROM app_user WHERE deleted_at IS NULL \
         {USER_ORDER}"
    ))?;
    let rows = stmt.query_map([], user_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(summary_of).collect()
}

/// The user with `id`, whether active or not.
pub(crate) fn get(conn: &Connection, id: &str) -> Result<UserSummary> {
    let row = conn
        .query_row(
            &format!("SELECT {USER_COLUMNS} FROM app_user WHERE id = ?1 AND deleted_at IS NULL"),
            [id],
            user_from_row,
        )
        .optional()?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "error.user.not_found"))?;
    summary_of(row)
}

/// Every account with its sign-in state, for the administrator.
pub fn list_accounts(
    conn: &Connection,
    session: &Session,
    now: DateTime<Utc>,
) -> Result<Vec<UserAccount>> {
    session.require(Action::ManageUsers)?;
    accounts(conn, now)
}

/// Every account with its sign-in state, in [`list`]'s order (no permission check: callers check).
fn accounts(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<UserAccount>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {USER_COLUMNS}, active, pin_hash IS NOT NULL, must_change_password, \
         (SELECT locked_until FROM sign_in_failure f WHERE f.user_id = app_user.id), \
         (SELECT code FROM department d WHERE d.id = app_user.department_id AND d.deleted_at IS NULL) \
         FROM app_user WHERE deleted_at IS NULL \
         {USER_ORDER}"
    ))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                user_from_row(r)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(user, active, has_pin, must_change_password, locked_until, department_code)| {
            Ok(UserAccount {
                user: summary_of(user)?,
                active,
                has_pin,
                must_change_password,
                locked_until: locked_until.filter(|t| super::session::still_locked(t, now)),
                department_code,
            })
        })
        .collect()
}

/// Creates a user with a first password that they must change at their first sign-in.
pub fn create_user(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    input: &NewUserInput,
) -> Result<UserSummary> {
    session.require(Action::ManageUsers)?;
    let user = NewUser::new(&input.username, &input.display_name, input.role, &input.password)?
        .with_temporary_password();
    let id = db.write(&session.actor(), now, |w| insert_user(w, &user))?;
    get(db.conn(), &id)
}

/// Sets a new temporary password for `user_id` (who forgot theirs): it must be changed at the next
/// sign-in, the PIN is cleared and a lockout on this device is lifted.
pub fn reset_password(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    user_id: &str,
    new_password: &str,
) -> Result<()> {
    session.require(Action::ManageUsers)?;
    get(db.conn(), user_id)?;
    check_password(new_password)?;
    set_temporary_password(db, &session.actor(), now, user_id, new_password)
}

/// Gives `user_id` a temporary password that must be changed at the next sign-in, removes the PIN and
/// lifts a lockout on this device: what both resets (administrator's and operator's) do.
fn set_temporary_password(
    db: &mut Db,
    actor: &crate::db::Actor,
    now: DateTime<Utc>,
    user_id: &str,
    password: &str,
) -> Result<()> {
    let hash = hash_password(password)?;
    db.write(actor, now, |w| {
        w.update(
            Entity::User,
            user_id,
            &[
                ("password_hash", hash.clone().into()),
                ("pin_hash", rusqlite::types::Value::Null),
                ("must_change_password", 1_i64.into()),
            ],
        )?;
        w.conn().execute("DELETE FROM sign_in_failure WHERE user_id = ?1", [user_id])?;
        Ok(())
    })
}

/// Deactivates (`active = false`) or reactivates an account. An administrator cannot deactivate their own
/// account, and the office always keeps one active administrator.
pub fn set_active(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    user_id: &str,
    active: bool,
) -> Result<()> {
    session.require(Action::ManageUsers)?;
    let user = get(db.conn(), user_id)?;
    if !active {
        if user.id == session.user().id {
            return Err(Error::new(ErrorCode::Conflict, "error.user.deactivate_self"));
        }
        keep_an_admin(db.conn(), &user)?;
    }
    db.write(&session.actor(), now, |w| {
        w.update(Entity::User, user_id, &[("active", i64::from(active).into())])
    })
}

/// Changes a user's role, keeping one active administrator.
pub fn set_role(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    user_id: &str,
    role: Role,
) -> Result<()> {
    session.require(Action::ManageUsers)?;
    let user = get(db.conn(), user_id)?;
    if role != Role::Admin {
        keep_an_admin(db.conn(), &user)?;
    }
    db.write(&session.actor(), now, |w| {
        w.update(Entity::User, user_id, &[("role", role.as_str().to_owned().into())])
    })
}

/// Puts a user in a division (`department_code`, e.g. `works`) or in none: requests routed to a division
/// reach its members. An unknown code is a Thai validation error and changes nothing.
pub fn set_department(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    user_id: &str,
    department_code: Option<&str>,
) -> Result<()> {
    session.require(Action::ManageUsers)?;
    get(db.conn(), user_id)?;
    let department_id: Option<String> =
        match department_code.map(str::trim).filter(|c| !c.is_empty()) {
            None => None,
            Some(code) => Some(
                db.conn()
                    .query_row(
                        "SELECT id FROM department WHERE code = ?1 AND deleted_at IS NULL",
                        [code],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or_else(|| {
                        Error::validation("error.user.department_unknown").arg("code", code)
                    })?,
            ),
        };
    db.write(&session.actor(), now, |w| {
        w.update(Entity::User, user_id, &[("department_id", department_id.into())])
    })
}

/// Refuses a change that would leave the office without an active administrator.
fn keep_an_admin(conn: &Connection, changing: &UserSummary) -> Result<()> {
    if changing.role != Role::Admin {
        return Ok(());
    }
    let others: i64 = conn.query_row(
        "SELECT count(*) FROM app_user WHERE role = 'admin' AND active = 1 AND deleted_at IS NULL \
         AND id <> ?1",
        [&changing.id],
        |r| r.get(0),
    )?;
    if others == 0 {
        return Err(Error::new(ErrorCode::Conflict, "error.user.last_admin"));
    }
    Ok(())
}

/// Recovery at the machine itself (`salactl users reset-password`), for when nobody can sign in as an
/// administrator: gives `username` a random temporary password (returned, to be read out once), which must
/// be changed at the next sign-in; the PIN is cleared and a lockout lifted. Audited as the system. Whoever
/// runs it can already read and replace the database file, so it grants nothing new.
pub fn operator_reset_password(db: &mut Db, now: DateTime<Utc>, username: &str) -> Result<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let id: String = db
        .conn()
        .query_row(
            "SELECT id FROM app_user WHERE username = ?1 AND deleted_at IS NULL",
            [username.trim()],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "error.user.not_found"))?;
    let temporary: String = (0..10)
        .map(|_| char::from(ALPHABET[usize::from(rand::random::<u8>()) % ALPHABET.len()]))
        .collect();
    set_temporary_password(db, &crate::db::Actor::system(), now, &id, &temporary)?;
    Ok(temporary)
}

/// Every account with its sign-in state, for `salactl users list` at the machine.
pub fn operator_list(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<UserAccount>> {
    accounts(conn, now)
}

fn password_hash_of(conn: &Connection, user_id: &str) -> Result<String> {
    Ok(conn
        .query_row("SELECT password_hash FROM app_user WHERE id = ?1", [user_id], |r| r.get(0))?)
}

/// The signed-in user changes their own password (after a reset, this is the only thing they may do).
pub fn change_own_password(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    current: &str,
    new_password: &str,
) -> Result<()> {
    let me = &session.user().id;
    if !verify_password(current, &password_hash_of(db.conn(), me)?) {
        return Err(Error::validation("error.user.current_password"));
    }
    check_password(new_password)?;
    if new_password == current {
        return Err(Error::validation("error.user.password_same"));
    }
    let hash = hash_password(new_password)?;
    db.write(&session.actor(), now, |w| {
        w.update(
            Entity::User,
            me,
            &[("password_hash", hash.clone().into()), ("must_change_password", 0_i64.into())],
        )
    })
}

/// The signed-in user sets (or with `None` removes) their quick-switch PIN, confirming with their password.
pub fn set_own_pin(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    current_password: &str,
    pin: Option<&str>,
) -> Result<()> {
    session.require_password_current()?;
    let me = &session.user().id;
    if !verify_password(current_password, &password_hash_of(db.conn(), me)?) {
        return Err(Error::validation("error.user.current_password"));
    }
    let hash = match pin {
        Some(pin) => {
            check_pin(pin)?;
            Some(hash_password(pin)?)
        }
        None => None,
    };
    db.write(&session.actor(), now, |w| {
        w.update(Entity::User, me, &[("pin_hash", hash.clone().into())])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_six_digits_and_not_trivial() {
        assert!(check_pin("135790").is_ok());
        assert!(check_pin("246801").is_ok());
        for bad in ["12345", "1234567", "12345a", "๑๒๓๔๕๖", "", "abcdef"] {
            assert_eq!(check_pin(bad).map_err(|e| e.key()), Err("error.user.pin_format"), "{bad}");
        }
        for weak in ["000000", "999999", "123456", "654321", "345678"] {
            assert_eq!(check_pin(weak).map_err(|e| e.key()), Err("error.user.pin_weak"), "{weak}");
        }
        assert!(check_pin("135135").is_ok(), "a repeated pattern that is not a run is allowed");
    }

    #[test]
    fn a_pin_is_never_a_valid_password_and_the_reverse() {
        assert!(is_pin("135790"));
        assert!(!is_pin("13579024"), "eight digits is a password");
        assert!(check_password("135790").is_err());
    }
}
