//! The core's error type: a closed set of codes the UI can branch on, and a message key with arguments that
//! renders in Thai (the default) or English.
//!
//! Unlike a plain `thiserror` enum with English text, the message is data (a key into `i18n/*.json`), because a
//! clerk must read every error in Thai and the same error must render in English when the UI is switched.

use std::fmt;

use serde::Serialize;
use ts_rs::TS;

use crate::i18n::{self, Lang};

/// A `Result` whose error is the core [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What kind of failure this is. The UI branches on it; add a code only when a consumer needs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum ErrorCode {
    /// The thing asked for does not exist (or is not visible to this user).
    NotFound,
    /// The input is wrong; the message says what to fix. Nothing was changed.
    Validation,
    /// The change clashes with the current state (for example an office already set up).
    Conflict,
    /// The acting user may not do this.
    NotPermitted,
    /// Nobody is signed in, or the screen is locked (idle): sign in again.
    SignInRequired,
    /// A sign-in was refused (wrong name, password or PIN; locked or inactive account).
    SignInFailed,
    /// The database was written by a newer version of Sala.
    SchemaTooNew,
    /// The database could not be read or written.
    Storage,
    /// A bug or an unexpected condition; the message says so, nothing was half-written.
    Internal,
}

/// A failure in the core: a code, a message key with arguments, and (for logs) an underlying cause.
#[derive(Debug)]
pub struct Error {
    code: ErrorCode,
    key: &'static str,
    args: Vec<(&'static str, String)>,
    /// Arguments whose value is itself a message key, rendered in the error's language.
    key_args: Vec<(&'static str, &'static str)>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    /// A new error with `code` and message `key` (a key of `i18n/th.json`).
    pub fn new(code: ErrorCode, key: &'static str) -> Error {
        Error { code, key, args: Vec::new(), key_args: Vec::new(), source: None }
    }

    /// A validation error: the input is wrong and nothing was changed.
    pub fn validation(key: &'static str) -> Error {
        Error::new(ErrorCode::Validation, key)
    }

    /// A "not found" error for `what` (already a user-facing word).
    pub fn not_found(what: impl Into<String>) -> Error {
        Error::new(ErrorCode::NotFound, "error.not_found").arg("what", what)
    }

    /// Adds a `{name}` argument to the message.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Error {
        self.args.push((name, value.into()));
        self
    }

    /// Adds a `{name}` argument whose text is the message `key` in the error's language (an action's or a
    /// setting's name).
    #[must_use]
    pub fn arg_key(mut self, name: &'static str, key: &'static str) -> Error {
        self.key_args.push((name, key));
        self
    }

    /// Attaches the underlying cause (kept for logs and `--verbose`, never shown as the message).
    #[must_use]
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.source = Some(Box::new(source));
        self
    }

    /// The error's code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The message key (stable; tests assert on it instead of on wording).
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let mut args = self.args.clone();
        for (name, key) in &self.key_args {
            args.push((name, i18n::t(lang, key)));
        }
        if let Some(src) = &self.source {
            args.push(("cause", src.to_string()));
        }
        i18n::tr(lang, self.key, &args)
    }
}

/// Displays the Thai message: Thai is what every user sees first.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Th))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Error {
        Error::new(ErrorCode::Storage, "error.storage").with_source(err)
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Error {
        Error::new(ErrorCode::Storage, "error.io").with_source(err)
    }
}

impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Error {
        Error::new(ErrorCode::Internal, "error.internal").with_source(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_in_both_languages() {
        let err = Error::not_found("สำนักงาน");
        assert_eq!(err.code(), ErrorCode::NotFound);
        assert_eq!(err.to_string(), "ไม่พบสำนักงาน");
        assert_eq!(Error::not_found("office").message(Lang::En), "office not found");
    }

    #[test]
    fn code_serializes_camel_case() {
        let json = serde_json::to_string(&ErrorCode::SchemaTooNew).expect("serializes");
        assert_eq!(json, "\"schemaTooNew\"");
    }
}

/// An error's message kept to show later in either language (a failed print job's reason): its key and its
/// arguments, with arguments that are themselves message keys marked as such.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct StoredMessage {
    /// The message key.
    pub key: String,
    /// `{name}` arguments.
    #[serde(default)]
    pub args: std::collections::BTreeMap<String, String>,
    /// `{name}` arguments whose value is a message key, rendered in the reader's language.
    #[serde(default)]
    pub key_args: std::collections::BTreeMap<String, String>,
}

impl StoredMessage {
    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut args: Vec<(&str, String)> =
            self.args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        for (name, key) in &self.key_args {
            args.push((name.as_str(), i18n::t(lang, key)));
        }
        i18n::tr(lang, &self.key, &args)
    }
}

impl Error {
    /// The message as data, to store and render later.
    pub fn to_stored(&self) -> StoredMessage {
        let mut args: std::collections::BTreeMap<String, String> =
            self.args.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
        if let Some(src) = &self.source {
            args.insert("cause".into(), src.to_string());
        }
        StoredMessage {
            key: self.key.to_owned(),
            args,
            key_args: self
                .key_args
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }
}
