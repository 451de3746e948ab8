//! Requests and complaints: intake at the counter (and from the office's old Google Form), tracking to done,
//! telling the citizen, and keeping confidential complaints confidential. See `docs/dev/requests.md`.
//!
//! - A **category** ([`category`]) is a kind of request in Open311's sense (its `service_code`): a kind
//!   (service request, grievance, corruption complaint), typed questions in Open311's attribute style, the
//!   responsible division and the expected completion time. Categories are data a supervisor edits.
//! - A **request** has a tracking code (`R6901-00042`: the B.E. year, this PC's number block, a sequence,
//!   so PCs cut off from each other never collide), a [`State`] that maps onto Open311's open/closed, a
//!   division and an assignee, a due date from the category, and an append-only **event** log (state
//!   changes, assignments, public and internal notes, attachments, escalation, rating).
//! - **Confidentiality**: corruption complaints are restricted. A restricted request is seen only by users
//!   who may supervise requests and by its handlers (the users named on it in `access_grant`); everyone
//!   else never learns it exists, not in lists, counts, searches, exports or by id. Its reporter is shown
//!   to its handlers only, and an anonymous reporter to nobody.
//! - Every state change queues a **notification** on the channel the citizen chose (SMS and e-mail wait for
//!   the central endpoint; `call_back` ones are the staff's call-back list).

pub mod attachment;
pub mod category;
mod export;
mod import;
mod ops;
mod slip;
mod view;

pub(crate) mod demo;

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

pub use attachment::{AttachmentInput, AttachmentMeta, MAX_ATTACHMENT_BYTES, attachment_content};
pub use category::{
    AttributeDef, AttributeValue, Category, CategoryInput, Datatype, categories, save_category,
};
pub use export::{ExportFormat, ExportOptions, export};
pub use import::{ImportReport, import_google_form};
pub use ops::{
    IntakeInput, Received, add_attachment, add_note, assign, change_state, escalate_overdue,
    intake, mark_called, rate,
};
pub use slip::{slip_document, slip_payload};
pub use view::{
    CallBack, EventView, ListFilter, NotificationView, Reporter, RequestCounts, RequestDetail,
    RequestListItem, Scope, StaffOption, callbacks, counts, get, list, staff,
};

/// What a request is about; a category has one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// ขอรับบริการ: water, street lighting, electrical installation, …
    Service,
    /// ร้องทุกข์ / ร้องเรียน: a grievance or complaint about a problem.
    Grievance,
    /// ร้องเรียนการทุจริตและประพฤติมิชอบ: corruption or misconduct by officials. Always restricted, may be
    /// anonymous.
    Corruption,
}

impl Kind {
    /// Every kind, in the intake screen's order.
    pub const ALL: [Kind; 3] = [Kind::Service, Kind::Grievance, Kind::Corruption];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Service => "service",
            Kind::Grievance => "grievance",
            Kind::Corruption => "corruption",
        }
    }

    /// Reads a stored or typed name.
    pub fn parse(input: &str) -> Result<Kind> {
        let s = input.trim().to_ascii_lowercase();
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| Error::validation("error.request.kind").arg("input", input.trim()))
    }

    /// The message key of the kind's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Service => "request.kind.service",
            Kind::Grievance => "request.kind.grievance",
            Kind::Corruption => "request.kind.corruption",
        }
    }
}

/// Where a request is. Open311 knows only open and closed ([`State::open311`]); the office needs more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// รับเรื่อง: taken, nobody has looked at it yet.
    Received,
    /// ตรวจสอบ: the division checks the facts (site visit, documents).
    Checking,
    /// กำลังดำเนินการ: being worked on.
    InProgress,
    /// ส่งต่อหน่วยงาน: handed to another agency (PEA, the district, …); the office follows it up.
    Forwarded,
    /// เสร็จสิ้น: done. Closed.
    Done,
    /// ไม่อยู่ในอำนาจ: not the office's to do. Closed, with the reason.
    NotOurRemit,
    /// ซ้ำ: the same as an earlier request, which it links to. Closed.
    Duplicate,
    /// ยกเลิก: withdrawn or taken in error. Closed, with the reason.
    Cancelled,
}

impl State {
    /// Every state, in the workflow's order.
    pub const ALL: [State; 8] = [
        State::Received,
        State::Checking,
        State::InProgress,
        State::Forwarded,
        State::Done,
        State::NotOurRemit,
        State::Duplicate,
        State::Cancelled,
    ];

    /// The stored and CLI name.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Received => "received",
            State::Checking => "checking",
            State::InProgress => "in_progress",
            State::Forwarded => "forwarded",
            State::Done => "done",
            State::NotOurRemit => "not_our_remit",
            State::Duplicate => "duplicate",
            State::Cancelled => "cancelled",
        }
    }

    /// Reads a stored or typed name (English, as stored, or the Thai label).
    pub fn parse(input: &str) -> Result<State> {
        let s = input.trim();
        let lower = s.to_ascii_lowercase().replace(['-', ' '], "_");
        State::ALL
            .into_iter()
            .find(|st| st.as_str() == lower || crate::i18n::t(crate::Lang::Th, st.label_key()) == s)
            .ok_or_else(|| Error::validation("error.request.state").arg("input", s))
    }

    /// The message key of the state's Thai name (`request.state.in_progress` → กำลังดำเนินการ).
    pub fn label_key(self) -> &'static str {
        match self {
            State::Received => "request.state.received",
            State::Checking => "request.state.checking",
            State::InProgress => "request.state.in_progress",
            State::Forwarded => "request.state.forwarded",
            State::Done => "request.state.done",
            State::NotOurRemit => "request.state.not_our_remit",
            State::Duplicate => "request.state.duplicate",
            State::Cancelled => "request.state.cancelled",
        }
    }

    /// Whether work on it goes on (Open311 `open`).
    pub fn is_open(self) -> bool {
        matches!(self, State::Received | State::Checking | State::InProgress | State::Forwarded)
    }

    /// Open311 GeoReport v2 status: `open` or `closed`.
    pub fn open311(self) -> &'static str {
        if self.is_open() { "open" } else { "closed" }
    }

    /// The states this one may move to. Every open state may be cancelled; a closed one may only be
    /// reopened, which takes it back to [`State::Checking`].
    ///
    /// ```text
    /// received ─→ checking ─→ in_progress ─→ done
    ///    │           │  ╲          │  ↑ ↓        ↑
    ///    │           │   ╲         ↓  forwarded ─┘
    ///    ├───────────┴──→ not_our_remit, duplicate
    ///    └─ (any open) ─→ cancelled;   (any closed) ─→ checking (reopen)
    /// ```
    pub fn next(self) -> &'static [State] {
        use State::*;
        match self {
            Received => &[Checking, NotOurRemit, Duplicate, Cancelled],
            Checking => &[InProgress, Forwarded, NotOurRemit, Duplicate, Cancelled],
            InProgress => &[Forwarded, Done, Cancelled],
            Forwarded => &[InProgress, Done, Cancelled],
            Done | NotOurRemit | Duplicate | Cancelled => &[Checking],
        }
    }

    /// Whether `self → to` is a step of the workflow.
    pub fn can_go(self, to: State) -> bool {
        self.next().contains(&to)
    }

    /// Whether moving here needs a note the citizen will read (why it is not ours, who it went to, why it
    /// was cancelled, why it was reopened).
    pub fn needs_public_note(self, from: State) -> bool {
        matches!(self, State::NotOurRemit | State::Forwarded | State::Cancelled)
            || (self == State::Checking && !from.is_open())
    }
}

/// How the citizen wants to hear back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContactChannel {
    /// A text message to their phone (sent by the central endpoint).
    Sms,
    /// An e-mail (sent by the central endpoint).
    Email,
    /// Staff call or visit them: every update lands on the call-back list (citizens without phone or
    /// e-mail, or who ask for a call).
    CallBack,
    /// No contact: an anonymous reporter who left none follows the request by its tracking code.
    None,
}

impl ContactChannel {
    /// Every channel, in the intake screen's order.
    pub const ALL: [ContactChannel; 4] = [
        ContactChannel::Sms,
        ContactChannel::Email,
        ContactChannel::CallBack,
        ContactChannel::None,
    ];

    /// The channel taken when the citizen names none: SMS with a phone, else e-mail, else the call-back
    /// list; nothing for an anonymous reporter who left neither.
    pub fn default_for(has_phone: bool, has_email: bool, anonymous: bool) -> ContactChannel {
        match (has_phone, has_email, anonymous) {
            (true, _, _) => ContactChannel::Sms,
            (false, true, _) => ContactChannel::Email,
            (false, false, true) => ContactChannel::None,
            (false, false, false) => ContactChannel::CallBack,
        }
    }

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ContactChannel::Sms => "sms",
            ContactChannel::Email => "email",
            ContactChannel::CallBack => "call_back",
            ContactChannel::None => "none",
        }
    }

    /// Reads a stored or typed name.
    pub fn parse(input: &str) -> Result<ContactChannel> {
        let s = input.trim().to_ascii_lowercase().replace('-', "_");
        ContactChannel::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| Error::validation("error.request.channel").arg("input", input.trim()))
    }

    /// The message key of the channel's name.
    pub fn label_key(self) -> &'static str {
        match self {
            ContactChannel::Sms => "request.channel.sms",
            ContactChannel::Email => "request.channel.email",
            ContactChannel::CallBack => "request.channel.call_back",
            ContactChannel::None => "request.channel.none",
        }
    }
}

/// How a request reached the office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// At the counter (an acknowledgement slip is printed there).
    Counter,
    /// By telephone.
    Phone,
    /// By letter.
    Letter,
    /// From the office's old Google Form (imported).
    GoogleForm,
}

impl Source {
    /// Every source.
    pub const ALL: [Source; 4] =
        [Source::Counter, Source::Phone, Source::Letter, Source::GoogleForm];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Counter => "counter",
            Source::Phone => "phone",
            Source::Letter => "letter",
            Source::GoogleForm => "google_form",
        }
    }

    /// Reads a stored or typed name.
    pub fn parse(input: &str) -> Result<Source> {
        let s = input.trim().to_ascii_lowercase().replace('-', "_");
        Source::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| Error::validation("error.request.source").arg("input", input.trim()))
    }

    /// The message key of the source's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Source::Counter => "request.source.counter",
            Source::Phone => "request.source.phone",
            Source::Letter => "request.source.letter",
            Source::GoogleForm => "request.source.google_form",
        }
    }
}
