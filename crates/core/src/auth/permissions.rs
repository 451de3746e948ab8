//! The permission table: which role may do which protected action. Every core function that reads or changes
//! protected data takes the acting [`Session`](super::Session) and asks [`Session::require`](super::Session::require) first, so a UI
//! that shows the wrong button still cannot open the door. ARCHITECTURE.md shows this table; the matrix test
//! in `auth/tests.rs` runs every cell.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::users::Role;

/// A protected action. Add one when a feature brings data that not every role may touch, give it a row in
/// [`PERMISSIONS`], a cell in the matrix test, and a line in ARCHITECTURE.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Action {
    /// See the office set-up: departments, services, counters, staff names, record counts.
    ViewOffice,
    /// Work the queue (issue and call tickets).
    UseQueue,
    /// Take and handle citizens' requests and complaints.
    UseRequests,
    /// Work the land and building tax register, notices and payments.
    UseTax,
    /// See the office's reports.
    ViewReports,
    /// Browse and verify the audit log.
    ViewAuditLog,
    /// Find citizens by name, phone or ID (lists show IDs and phones masked).
    SearchCitizens,
    /// Read one citizen's full ID and phone (audited).
    RevealPersonalData,
    /// Create users, reset passwords, change roles, deactivate and reactivate accounts.
    ManageUsers,
    /// Set the sign-in lockout and idle-lock policy.
    ManageSecurity,
    /// Choose this PC's printers and paper per document, print test pages, see and reprint everyone's jobs.
    ManagePrinters,
    /// Set up the queue (services, counters, fairness and numbering settings), always call a specific
    /// ticket, close left-over tickets.
    ManageQueue,
    /// Set up the land and building tax: each tax year's calendar, rates and reductions, the biller ID,
    /// and the receipt books assigned to each PC.
    ManageTax,
    /// Void a tax receipt (it keeps its number and prints as cancelled). Not the person who took the money.
    VoidReceipt,
    /// Set up request categories: their questions, responsible division and expected time.
    ManageRequestCategories,
    /// See and work every request of the office (not only one's own and one's division's), assign them to
    /// any division and person, and see restricted complaints (their reporters only when also a handler).
    SuperviseRequests,
    /// Export requests with the citizens' personal data (`--include-personal`).
    ExportPersonalData,
}

impl Action {
    /// Every action, in the table's order.
    pub const ALL: [Action; 17] = [
        Action::ViewOffice,
        Action::UseQueue,
        Action::UseRequests,
        Action::UseTax,
        Action::ViewReports,
        Action::ViewAuditLog,
        Action::SearchCitizens,
        Action::RevealPersonalData,
        Action::ManageUsers,
        Action::ManageSecurity,
        Action::ManagePrinters,
        Action::ManageQueue,
        Action::ManageTax,
        Action::VoidReceipt,
        Action::ManageRequestCategories,
        Action::SuperviseRequests,
        Action::ExportPersonalData,
    ];

    /// The message key naming this action in "not permitted" errors.
    pub fn label_key(self) -> &'static str {
        match self {
            Action::ViewOffice => "action.view_office",
            Action::UseQueue => "action.use_queue",
            Action::UseRequests => "action.use_requests",
            Action::UseTax => "action.use_tax",
            Action::ViewReports => "action.view_reports",
            Action::ViewAuditLog => "action.view_audit_log",
            Action::SearchCitizens => "action.search_citizens",
            Action::RevealPersonalData => "action.reveal_personal_data",
            Action::ManageUsers => "action.manage_users",
            Action::ManageSecurity => "action.manage_security",
            Action::ManagePrinters => "action.manage_printers",
            Action::ManageQueue => "action.manage_queue",
            Action::ManageTax => "action.manage_tax",
            Action::VoidReceipt => "action.void_receipt",
            Action::ManageRequestCategories => "action.manage_request_categories",
            Action::SuperviseRequests => "action.supervise_requests",
            Action::ExportPersonalData => "action.export_personal_data",
        }
    }
}

use Role::{Admin, Clerk, Finance, Supervisor};

/// Who may do what. Clerks serve the counter; finance staff work the tax register and take payments (and
/// call their own queue); supervisors see the whole office, the audit log and restricted records;
/// administrators look after accounts and device security and, deliberately, not after citizens' data.
pub const PERMISSIONS: &[(Action, &[Role])] = &[
    (Action::ViewOffice, &[Clerk, Finance, Supervisor, Admin]),
    (Action::UseQueue, &[Clerk, Finance, Supervisor]),
    (Action::UseRequests, &[Clerk, Finance, Supervisor]),
    (Action::UseTax, &[Finance, Supervisor]),
    (Action::ViewReports, &[Supervisor]),
    (Action::ViewAuditLog, &[Supervisor]),
    (Action::SearchCitizens, &[Clerk, Finance, Supervisor]),
    (Action::RevealPersonalData, &[Clerk, Finance, Supervisor]),
    (Action::ManageUsers, &[Admin]),
    (Action::ManageSecurity, &[Admin]),
    (Action::ManagePrinters, &[Supervisor, Admin]),
    (Action::ManageQueue, &[Supervisor, Admin]),
    (Action::ManageTax, &[Finance, Supervisor]),
    (Action::VoidReceipt, &[Supervisor]),
    (Action::ManageRequestCategories, &[Supervisor]),
    (Action::SuperviseRequests, &[Supervisor]),
    (Action::ExportPersonalData, &[Supervisor]),
];

/// Whether `role` may do `action`.
pub fn allowed(role: Role, action: Action) -> bool {
    PERMISSIONS.iter().any(|(a, roles)| *a == action && roles.contains(&role))
}

/// The app's areas, each opened by one action (settings and sync are open to everyone signed in: their
/// protected parts check their own actions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Area {
    /// คิว
    Queue,
    /// คำร้อง
    Requests,
    /// ภาษี
    Tax,
    /// รายงาน (with the audit log)
    Reports,
    /// ซิงก์
    Sync,
    /// ตั้งค่า
    Settings,
}

impl Area {
    /// Every area in the order of the navigation.
    pub const ALL: [Area; 6] =
        [Area::Queue, Area::Requests, Area::Tax, Area::Reports, Area::Sync, Area::Settings];

    /// The action that opens this area, if any.
    pub fn action(self) -> Option<Action> {
        match self {
            Area::Queue => Some(Action::UseQueue),
            Area::Requests => Some(Action::UseRequests),
            Area::Tax => Some(Action::UseTax),
            Area::Reports => Some(Action::ViewReports),
            Area::Sync | Area::Settings => None,
        }
    }

    /// Whether `role` may open this area.
    pub fn open_to(self, role: Role) -> bool {
        self.action().is_none_or(|a| allowed(role, a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_exactly_one_row() {
        for action in Action::ALL {
            let rows = PERMISSIONS.iter().filter(|(a, _)| *a == action).count();
            assert_eq!(rows, 1, "{action:?}");
        }
        assert_eq!(PERMISSIONS.len(), Action::ALL.len());
    }

    #[test]
    fn admins_do_not_see_citizens_and_clerks_do_not_see_tax() {
        assert!(!allowed(Role::Admin, Action::SearchCitizens));
        assert!(!allowed(Role::Admin, Action::RevealPersonalData));
        assert!(!Area::Tax.open_to(Role::Clerk));
        assert!(!Area::Reports.open_to(Role::Clerk));
        assert!(!Area::Reports.open_to(Role::Finance));
        assert!(Area::Settings.open_to(Role::Clerk));
        assert!(Area::ALL.iter().all(|a| a.open_to(Role::Supervisor)));
    }
}
