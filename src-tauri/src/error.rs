//! The one error type that crosses the IPC boundary: `{ "code": ErrorCode, "message": string }`, with the
//! message already in the UI's language (Thai unless switched).

use sala_core::{ErrorCode, Lang};
use serde::Serialize;
use ts_rs::TS;

/// An error as the UI receives it. The UI branches on `code` and shows `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    /// What kind of failure.
    pub code: ErrorCode,
    /// What happened and what to do, in the user's language.
    pub message: String,
}

impl IpcError {
    /// Renders a core error in `lang`.
    pub fn from_core(err: &sala_core::Error, lang: Lang) -> IpcError {
        if err.code() == ErrorCode::Internal || err.code() == ErrorCode::Storage {
            // The cause is for the log; the user gets the message.
            eprintln!("sala: {err:?}");
        }
        IpcError { code: err.code(), message: err.message(lang) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON shape is a contract with the UI (`ui/src/generated/IpcError.ts`).
    #[test]
    fn serializes_as_code_and_message() {
        let err = sala_core::Error::validation("error.setup.name");
        let th = serde_json::to_value(IpcError::from_core(&err, Lang::Th)).expect("json");
        assert_eq!(th, serde_json::json!({ "code": "validation", "message": "โปรดกรอกชื่อสำนักงาน" }));
        let en = serde_json::to_value(IpcError::from_core(&err, Lang::En)).expect("json");
        assert_eq!(en["message"], "enter the office name");
    }
}
