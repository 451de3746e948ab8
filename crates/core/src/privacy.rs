//! Personal data and confidentiality: which columns hold personal data, how they are masked, and who may
//! see a record of each confidentiality level. They live here so that reads, exports, anonymisation and
//! lists share one definition (see `citizen.rs` for their use in searches and counts).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::Role;

/// Every column that holds personal data, as `(table, column)`. Exports leave them out unless asked,
/// anonymisation blanks them, and lists mask the masked kinds for roles that do not need them. A test keeps
/// this list in step with `schema.sql`.
pub const PERSONAL_COLUMNS: &[(&str, &str, PersonalKind)] = &[
    ("citizen", "thai_id", PersonalKind::ThaiId),
    ("citizen", "phone", PersonalKind::Phone),
    ("citizen", "title", PersonalKind::Name),
    ("citizen", "first_name", PersonalKind::Name),
    ("citizen", "last_name", PersonalKind::Name),
    ("citizen", "address", PersonalKind::Address),
    ("taxpayer", "id_no", PersonalKind::ThaiId),
    ("taxpayer", "phone", PersonalKind::Phone),
    ("taxpayer", "title", PersonalKind::Name),
    ("taxpayer", "name", PersonalKind::Name),
    ("taxpayer", "last_name", PersonalKind::Name),
    ("taxpayer", "address", PersonalKind::Address),
    ("request", "contact_name", PersonalKind::Name),
    ("request", "contact_phone", PersonalKind::Phone),
    ("request", "contact_email", PersonalKind::Email),
    ("request", "contact_address", PersonalKind::Address),
    ("notification", "recipient", PersonalKind::Contact),
];

/// What kind of personal data a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonalKind {
    /// A 13-digit citizen ID: masked in lists (`1-2345-xxxxx-xx-1`).
    ThaiId,
    /// A phone number: masked in lists (`08x-xxx-5678`).
    Phone,
    /// A person's name: shown (clerks call people by name), left out of open-data exports.
    Name,
    /// A postal address: shown to staff, left out of open-data exports.
    Address,
    /// An e-mail address: shown to staff who handle the record, left out of open-data exports.
    Email,
    /// Where a message goes (a phone, an e-mail, or a name and address): left out of open-data exports.
    Contact,
}

/// A phone number with all but the first two and last four digits hidden: `0812345678` → `08x-xxx-5678`.
/// Anything too short to mask meaningfully is hidden entirely.
pub fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 8 {
        return "x".repeat(digits.len().max(3));
    }
    let head: String = digits[..2].iter().collect();
    let tail: String = digits[digits.len() - 4..].iter().collect();
    format!("{head}x-xxx-{tail}")
}

/// How widely a record may be seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Confidentiality {
    /// Anyone, including the citizen and open-data exports.
    Public,
    /// Any staff member of the office.
    Internal,
    /// Only supervisors and the users named on the record (for example a complaint about an official).
    /// Others are not told that it exists: counts and searches leave it out.
    Restricted,
}

/// Whether `role` sees every restricted record (not only those naming them): supervisors.
pub fn sees_all_restricted(role: Role) -> bool {
    role == Role::Supervisor
}

/// Whether a user with `role` and id `user_id` may see a record of `level` that names `named_users`.
pub fn may_see(level: Confidentiality, role: Role, user_id: &str, named_users: &[&str]) -> bool {
    match level {
        Confidentiality::Public | Confidentiality::Internal => true,
        Confidentiality::Restricted => sees_all_restricted(role) || named_users.contains(&user_id),
    }
}

/// [`may_see`] as an SQL condition on the row `alias` of table `entity` (which has a `confidentiality`
/// column; the users named on a record are its live `access_grant` rows). Binds the named parameters
/// `:viewer_id` and `:viewer_sees_restricted` ([`sees_all_restricted`]). Every query that lists, counts or
/// searches such a table includes it, so a restricted record never shows, not even as a number.
pub(crate) fn visible_clause(alias: &str, entity: &'static str) -> String {
    format!(
        "({alias}.confidentiality <> 'restricted' OR :viewer_sees_restricted = 1 OR EXISTS (SELECT 1 \
         FROM access_grant g WHERE g.entity = '{entity}' AND g.entity_id = {alias}.id \
         AND g.user_id = :viewer_id AND g.deleted_at IS NULL))"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::db::tests::t0;

    #[test]
    fn every_personal_column_exists_in_the_schema() {
        let db = Db::open_in_memory(t0()).expect("open");
        for (table, column, _) in PERSONAL_COLUMNS {
            let n: i64 = db
                .conn()
                .query_row(
                    "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2",
                    [table, column],
                    |r| r.get(0),
                )
                .expect("pragma");
            assert_eq!(
                n, 1,
                "{table}.{column} is listed as personal data but is not in schema.sql"
            );
        }
    }

    #[test]
    fn phones_are_masked_to_the_last_four_digits() {
        assert_eq!(mask_phone("0812345678"), "08x-xxx-5678");
        assert_eq!(mask_phone("081-234-5678"), "08x-xxx-5678");
        assert_eq!(mask_phone("044-611-222"), "04x-xxx-1222");
        assert_eq!(mask_phone("1234"), "xxxx", "too short to mask: hidden entirely");
        assert!(!mask_phone("0812345678").contains("2345"));
    }

    #[test]
    fn restricted_records_are_for_supervisors_and_named_users_only() {
        use Confidentiality::{Internal, Public, Restricted};
        for role in [Role::Clerk, Role::Finance, Role::Supervisor, Role::Admin] {
            assert!(may_see(Public, role, "u", &[]) && may_see(Internal, role, "u", &[]));
            assert_eq!(may_see(Restricted, role, "u", &[]), role == Role::Supervisor, "{role:?}");
            assert!(may_see(Restricted, role, "u", &["u"]), "{role:?} named on the record sees it");
            assert_eq!(may_see(Restricted, role, "u", &["v"]), role == Role::Supervisor);
        }
    }
}
