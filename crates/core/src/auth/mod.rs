//! Who may do what: users and roles, signing in (password or PIN, lockout, idle lock), sessions, and the
//! permission table every protected core function checks.
//!
//! The shape of a protected function: it takes `&Session` (the acting user, checked against the database
//! for this call by [`resume`]) and begins with `session.require(Action::…)?`. A refusal is a
//! [`ErrorCode::NotPermitted`](crate::ErrorCode::NotPermitted) error with a Thai message naming the action,
//! and nothing has been read or written.

mod permissions;
mod session;
mod users;

#[cfg(test)]
mod tests;

pub use permissions::{Action, Area, PERMISSIONS, allowed};
pub(crate) use session::token_for_new_admin;
pub use session::{
    DemoAccount, POLICY_MAX, POLICY_MIN, SecurityPolicy, SecurityPolicySettings, Session,
    SessionState, SessionToken, SessionView, SignInScreen, get_policy, policy, resume,
    session_state, session_view, set_policy, sign_in, sign_in_screen, sign_out,
};
pub use users::{
    MIN_PASSWORD_CHARS, NewUserInput, PIN_DIGITS, Role, UserAccount, UserSummary,
    change_own_password, check_pin, create_user, hash_password, is_pin, list_accounts,
    operator_list, operator_reset_password, reset_password, set_active, set_department,
    set_own_pin, set_role, verify_password,
};
pub(crate) use users::{NewUser, insert_user, insert_user_in, list as users_list};

/// A session for the user `username` without signing in (tests only: argon2 is slow in debug builds).
#[cfg(test)]
pub(crate) fn test_session(conn: &rusqlite::Connection, username: &str) -> Session {
    let user = users_list(conn)
        .expect("users")
        .into_iter()
        .find(|u| u.username == username)
        .unwrap_or_else(|| panic!("no user {username}"));
    Session::for_tests(user)
}
