//! The walk-in queue: tickets, fair calling across counters, the display board, slips and service KPIs.
//!
//! A **ticket** (`queue_ticket`) is one segment of a citizen's visit at one service: a transfer or a second
//! service in the same visit ends the segment and starts a linked one that keeps the ticket number
//! (`visit_id` is the first segment's id, `previous_id` the segment before). Every step is an **event**
//! (`queue_event`: issued, booked, called, recalled, started, held, resumed, transferred, finished, no-show,
//! cancelled, rated) with its actor, counter, service and priority; every KPI is computed from events.
//!
//! **Numbers** are the service's prefix and a daily sequence (`A001`). The business day starts at the reset
//! hour (setting). Each issuing PC draws from its own **block** of the 1–999 range (`queue.issuer_block`,
//! "k/n" → the k-th of n equal blocks), so PCs cut off from each other never hand out the same number; see
//! `docs/dev/queue.md`.
//!
//! **Fairness** ([`fairness`]) is a pure function: call next takes (a) the oldest ticket waiting longer than
//! `max_wait`, else (b) the oldest priority ticket unless its service's last `priority_streak` calls were all
//! priority and a normal ticket of that service waits, else (c) the oldest normal ticket.

pub mod fairness;
pub mod kpi;
mod ops;
mod settings;
mod setup;
mod slip;
mod view;

pub(crate) mod demo;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

pub use kpi::{KpiRow, Kpis, export_csv, kpis};
pub use ops::{
    IssueInput, TransferTo, call_next, call_ticket, cancel, finish, hold, issue, no_show, rate,
    rate_at_counter, recall, resume, start, transfer,
};
pub use settings::{QueueSettings, set_settings, settings};
pub use setup::{QueueCounterInput, QueueServiceInput, save_counter, save_service};
pub use slip::{announcement, citizen_slip, slip_document};
pub use view::{
    Board, BoardCall, BoardCounter, BoardWaiting, CounterInfo, CounterState, QueueState,
    RatingPrompt, ServiceInfo, ServiceLine, board, counters, find_ticket, rating_prompt, services,
    state,
};

/// A ticket's priority class. Every class but `Normal` is a priority ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// ทั่วไป
    Normal,
    /// ผู้สูงอายุ
    Elderly,
    /// ผู้พิการ
    Disabled,
    /// หญิงตั้งครรภ์
    Pregnant,
    /// พระภิกษุ/นักบวช
    Monk,
}

impl Priority {
    /// Every class, in the issuing screen's order.
    pub const ALL: [Priority; 5] = [
        Priority::Normal,
        Priority::Elderly,
        Priority::Disabled,
        Priority::Pregnant,
        Priority::Monk,
    ];

    /// The stored and CLI name (`normal`, `elderly`, `disabled`, `pregnant`, `monk`).
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Normal => "normal",
            Priority::Elderly => "elderly",
            Priority::Disabled => "disabled",
            Priority::Pregnant => "pregnant",
            Priority::Monk => "monk",
        }
    }

    /// Reads a stored or typed name; a clear Thai error lists the classes otherwise.
    pub fn parse(input: &str) -> Result<Priority> {
        let s = input.trim().to_ascii_lowercase();
        Priority::ALL.into_iter().find(|p| p.as_str() == s).ok_or_else(|| {
            Error::validation("error.queue.priority").arg("input", input.trim().to_owned())
        })
    }

    /// Whether this is a priority class (anything but normal).
    pub fn is_priority(self) -> bool {
        self != Priority::Normal
    }

    /// The message key of the class's name (`queue.priority.elderly` → ผู้สูงอายุ).
    pub fn label_key(self) -> &'static str {
        match self {
            Priority::Normal => "queue.priority.normal",
            Priority::Elderly => "queue.priority.elderly",
            Priority::Disabled => "queue.priority.disabled",
            Priority::Pregnant => "queue.priority.pregnant",
            Priority::Monk => "queue.priority.monk",
        }
    }
}

/// Where a ticket segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// In the line (or booked for a later slot, or back from a no-show after the grace period).
    Waiting,
    /// Called to a counter; the citizen is on the way.
    Called,
    /// Being served at the counter.
    Serving,
    /// Parked at a counter (fetching a document); the counter resumes it.
    Held,
    /// Finished with an outcome.
    Done,
    /// Did not come after the second call: ended.
    NoShow,
    /// Closed by a supervisor (a carried-over ticket, a mistake).
    Cancelled,
    /// Ended here and continued as a linked segment at another service or counter.
    Transferred,
}

impl TicketStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::Waiting => "waiting",
            TicketStatus::Called => "called",
            TicketStatus::Serving => "serving",
            TicketStatus::Held => "held",
            TicketStatus::Done => "done",
            TicketStatus::NoShow => "no_show",
            TicketStatus::Cancelled => "cancelled",
            TicketStatus::Transferred => "transferred",
        }
    }

    pub(crate) fn from_db(s: &str) -> TicketStatus {
        match s {
            "called" => TicketStatus::Called,
            "serving" => TicketStatus::Serving,
            "held" => TicketStatus::Held,
            "done" => TicketStatus::Done,
            "no_show" => TicketStatus::NoShow,
            "cancelled" => TicketStatus::Cancelled,
            "transferred" => TicketStatus::Transferred,
            _ => TicketStatus::Waiting,
        }
    }

    /// Whether the segment has ended.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            TicketStatus::Done
                | TicketStatus::NoShow
                | TicketStatus::Cancelled
                | TicketStatus::Transferred
        )
    }
}

/// How a served ticket ended (chosen at finish).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Served: what the citizen came for is done.
    Served,
    /// Taken in for follow-up (a request registered, documents to be checked).
    FollowUp,
    /// Missing documents: the citizen comes back.
    MissingDocuments,
    /// Not this office's matter: referred elsewhere.
    Referred,
}

impl Outcome {
    /// Every outcome, in the finishing menu's order.
    pub const ALL: [Outcome; 4] =
        [Outcome::Served, Outcome::FollowUp, Outcome::MissingDocuments, Outcome::Referred];

    /// The stored and CLI name.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Served => "served",
            Outcome::FollowUp => "follow_up",
            Outcome::MissingDocuments => "missing_documents",
            Outcome::Referred => "referred",
        }
    }

    /// The message key of the outcome's name (`queue.outcome.served` → ให้บริการแล้ว).
    pub fn label_key(self) -> &'static str {
        match self {
            Outcome::Served => "queue.outcome.served",
            Outcome::FollowUp => "queue.outcome.follow_up",
            Outcome::MissingDocuments => "queue.outcome.missing_documents",
            Outcome::Referred => "queue.outcome.referred",
        }
    }

    /// Reads a stored or typed name (`-` and `_` alike).
    pub fn parse(input: &str) -> Result<Outcome> {
        let s = input.trim().to_ascii_lowercase().replace('-', "_");
        Outcome::ALL.into_iter().find(|o| o.as_str() == s).ok_or_else(|| {
            Error::validation("error.queue.outcome").arg("input", input.trim().to_owned())
        })
    }
}

/// A ticket segment as the counter and the CLI see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Ticket {
    /// UUIDv7 of this segment.
    pub id: String,
    /// The visit: the first segment's id.
    pub visit_id: String,
    /// The segment this one continues (transfer, next service), if any.
    pub previous_id: Option<String>,
    /// `A012`: kept across the visit's segments.
    pub number: String,
    /// The business day (`YYYY-MM-DD`, office time, after the reset hour) the number belongs to.
    pub business_day: String,
    /// The service's code.
    pub service: String,
    /// The service's Thai name.
    pub service_name: String,
    /// The priority class.
    pub priority: Priority,
    /// Where it is.
    pub status: TicketStatus,
    /// The citizen's name, if given (never on the board).
    pub name: Option<String>,
    /// The phone number masked (`08x-xxx-5678`), if given.
    pub phone_masked: Option<String>,
    /// The counter that called or holds it.
    pub counter: Option<u32>,
    /// The only counter that may call it (after a transfer to a counter).
    pub pinned_counter: Option<u32>,
    /// When the number was issued (RFC 3339 UTC).
    pub issued_at: String,
    /// Its place in the line: issue, slot or transfer time.
    pub waiting_since: String,
    /// Not callable before this time (a booking's slot, a no-show's return).
    pub ready_at: String,
    /// A booking's slot time.
    pub booked_for: Option<String>,
    /// Last called.
    pub called_at: Option<String>,
    /// How many times it was marked no-show (the first returns it to the line after the grace period).
    pub no_shows: u32,
    /// How it ended, if it was served.
    pub outcome: Option<Outcome>,
    /// The citizen's 1–5 rating.
    pub rating: Option<u8>,
    /// Tickets that would be called before it at its service (waiting tickets only).
    pub ahead: Option<u32>,
    /// The estimate of its wait in minutes (waiting tickets only).
    pub estimated_wait_minutes: Option<u32>,
    /// Whether it is left over from an earlier business day (shown, but not called by "call next").
    pub carried_over: bool,
}
