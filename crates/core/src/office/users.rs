//! Users and roles. Sign-in, lockout and the permission table arrive with the roles issue; here a user is a
//! named account with a role and an argon2id password hash.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{Entity, Writer};
use crate::error::{Error, ErrorCode, Result};

/// What a user does at the office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
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
    /// The value stored in `app_user.role`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Finance => "finance",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    fn parse(s: &str) -> Option<Role> {
        [Role::Clerk, Role::Finance, Role::Supervisor, Role::Admin]
            .into_iter()
            .find(|r| r.as_str() == s)
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

/// Minimum password length for staff accounts.
const MIN_PASSWORD_CHARS: usize = 8;

/// Hashes `password` with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).map_err(|e| {
        Error::new(ErrorCode::Internal, "error.internal").arg("cause", e.to_string())
    })?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::new(ErrorCode::Internal, "error.internal").arg("cause", e.to_string()))
}

/// Whether `password` matches the stored PHC `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A validated new user with the password already hashed: built before any write, so bad input changes
/// nothing and the slow argon2 hash is not computed while holding the write lock.
pub(super) struct NewUser {
    username: String,
    display_name: String,
    role: Role,
    password_hash: String,
}

impl NewUser {
    /// Validates the fields and hashes the password.
    pub(super) fn new(
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
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(Error::validation("error.user.password_short")
                .arg("min", MIN_PASSWORD_CHARS.to_string()));
        }
        Ok(NewUser {
            username: username.to_owned(),
            display_name: display_name.trim().to_owned(),
            role,
            password_hash: hash_password(password)?,
        })
    }
}

/// Inserts a validated user (refusing a taken username); returns the id.
pub(super) fn insert_user(w: &mut Writer<'_>, user: &NewUser) -> Result<String> {
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
        ],
    )
}

/// Every user, active ones first, then by role and name.
pub(super) fn list(conn: &Connection) -> Result<Vec<UserSummary>> {
    let mut stmt = conn.prepare(
        "SELECT id, username, display_name, role FROM app_user WHERE deleted_at IS NULL \
         ORDER BY active DESC, CASE role WHEN 'admin' THEN 0 WHEN 'supervisor' THEN 1 \
         WHEN 'finance' THEN 2 ELSE 3 END, username",
    )?;
    let rows = stmt.query_map([], |r| {
        let role: String = r.get(3)?;
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, role))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, username, display_name, role) = row?;
        let role = Role::parse(&role).ok_or_else(|| {
            Error::new(ErrorCode::Internal, "error.internal").arg("cause", format!("role {role}"))
        })?;
        out.push(UserSummary { id, username, display_name, role });
    }
    Ok(out)
}

/// The user a new session starts as until sign-in exists (the roles issue replaces this with a sign-in
/// screen): the office's first active administrator.
pub fn default_session_user(conn: &Connection) -> Result<Option<UserSummary>> {
    Ok(list(conn)?.into_iter().find(|u| u.role == Role::Admin))
}
