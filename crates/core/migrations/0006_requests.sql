-- Schema 6 (issue 7: requests and complaints): categories with their questions, requests, their events,
-- attachments stored once by content, and notifications to citizens (with the call-back list).

-- A user's division (กอง / สำนัก): requests are routed to divisions, and "my division's" list uses it.
ALTER TABLE app_user ADD COLUMN department_id TEXT REFERENCES department (id);

-- Requests and complaints (issue 7; docs/dev/requests.md). The rules live in sala-core's requests module.
-- A kind of request the office takes (Open311's service): its questions, division and expected time are data
-- a supervisor edits.
CREATE TABLE request_category (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    code TEXT NOT NULL,                      -- Open311 service_code, e.g. 'street_light'
    kind TEXT NOT NULL CHECK (kind IN ('service', 'grievance', 'corruption')),
    name_th TEXT NOT NULL,
    name_en TEXT NOT NULL,
    department_id TEXT REFERENCES department (id),  -- the responsible division (agency_responsible)
    expected_days INTEGER NOT NULL CHECK (expected_days BETWEEN 1 AND 365),  -- calendar days to complete
    -- How widely its requests are seen by default (sala-core privacy.rs); corruption is always restricted.
    confidentiality TEXT NOT NULL DEFAULT 'internal'
        CHECK (confidentiality IN ('public', 'internal', 'restricted')),
    attributes TEXT NOT NULL DEFAULT '[]',   -- JSON: Open311 attribute definitions (the typed questions)
    form_labels TEXT NOT NULL DEFAULT '[]',  -- JSON: the answers of the old online form that mean it
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sort_order INTEGER NOT NULL DEFAULT 0,
    UNIQUE (office_id, code)
) STRICT;

-- A request or complaint. Personal data (privacy.rs): contact_name, contact_phone, contact_email,
-- contact_address; a restricted one's reporter is shown to its handlers (access_grant) only.
CREATE TABLE request (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    tracking_code TEXT NOT NULL,             -- 'R6901-00042': B.E. year, this PC's block, a sequence
    category_id TEXT NOT NULL REFERENCES request_category (id),
    kind TEXT NOT NULL CHECK (kind IN ('service', 'grievance', 'corruption')),
    state TEXT NOT NULL CHECK (state IN ('received', 'checking', 'in_progress', 'forwarded', 'done',
        'not_our_remit', 'duplicate', 'cancelled')),
    confidentiality TEXT NOT NULL CHECK (confidentiality IN ('public', 'internal', 'restricted')),
    anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
    citizen_id TEXT REFERENCES citizen (id),
    contact_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    contact_address TEXT NOT NULL DEFAULT '',
    -- How the citizen wants to hear back: sms/email are sent by the central endpoint; call_back puts each
    -- update on the staff's call-back list; none (anonymous without contact).
    contact_channel TEXT NOT NULL CHECK (contact_channel IN ('sms', 'email', 'call_back', 'none')),
    description TEXT NOT NULL,               -- up to 4,000 characters, plain text
    attributes TEXT NOT NULL DEFAULT '{}',   -- JSON {code: answer} to the category's questions
    address TEXT NOT NULL DEFAULT '',        -- the place (Open311 address_string)
    area TEXT NOT NULL DEFAULT '',           -- หมู่ที่ / village, for lists by area
    lat TEXT,                                -- WGS 84 decimal degrees, exact as given
    long TEXT,
    occurred_on TEXT NOT NULL,               -- YYYY-MM-DD: the date the citizen gives
    received_at TEXT NOT NULL,               -- RFC 3339 UTC (Open311 requested_datetime)
    received_by TEXT REFERENCES app_user (id),
    source TEXT NOT NULL CHECK (source IN ('counter', 'phone', 'letter', 'google_form')),
    due_on TEXT NOT NULL,                    -- YYYY-MM-DD office date (Open311 expected_datetime)
    department_id TEXT REFERENCES department (id),  -- the division handling it
    assignee_id TEXT REFERENCES app_user (id),
    duplicate_of TEXT REFERENCES request (id),
    status_notes TEXT NOT NULL DEFAULT '',   -- the latest note the citizen may read
    closed_at TEXT,
    escalated_at TEXT,                       -- when it went overdue and was put before the supervisors
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    source_ref TEXT,                         -- an imported row's fingerprint: re-imports add nothing
    UNIQUE (office_id, tracking_code)
) STRICT;
CREATE UNIQUE INDEX request_source_ref ON request (office_id, source_ref) WHERE source_ref IS NOT NULL;
CREATE INDEX request_state ON request (state, due_on);
CREATE INDEX request_department ON request (department_id, state);
CREATE INDEX request_assignee ON request (assignee_id, state);

-- What happened to a request, by whom: received, state changes, assignments, notes (public or internal),
-- attachments, escalation, rating. Append-only.
CREATE TABLE request_event (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,                -- when it happened
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    request_id TEXT NOT NULL REFERENCES request (id),
    kind TEXT NOT NULL CHECK (kind IN ('received', 'state', 'assigned', 'note', 'attachment', 'escalated',
        'rated')),
    user_id TEXT REFERENCES app_user (id),
    from_state TEXT,
    to_state TEXT,
    public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),  -- the citizen may read it
    note TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{}'        -- JSON: department, assignee, attachment, rating, duplicate_of
) STRICT;
CREATE INDEX request_event_request ON request_event (request_id, created_at);

-- A photo or document on a request: evidence at intake, or proof of completion (a photo after).
CREATE TABLE request_attachment (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    request_id TEXT NOT NULL REFERENCES request (id),
    sha256 TEXT NOT NULL,                    -- the content in file_blob (bytes travel apart from rows)
    file_name TEXT NOT NULL,                 -- as given, for display only; never used as a path
    media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp',
        'application/pdf')),
    size INTEGER NOT NULL CHECK (size > 0),
    purpose TEXT NOT NULL CHECK (purpose IN ('evidence', 'completion')),
    user_id TEXT REFERENCES app_user (id)
) STRICT;
CREATE INDEX request_attachment_request ON request_attachment (request_id);

-- Not synced as rows: attachment contents, each stored once, keyed by SHA-256 (hex).
CREATE TABLE file_blob (
    sha256 TEXT PRIMARY KEY,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- A message to a citizen about their request. sms and email wait here for the central endpoint to send
-- them (sync); call_back ones are the staff's call-back list until someone marks them done.
CREATE TABLE notification (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    request_id TEXT NOT NULL REFERENCES request (id),
    event_id TEXT REFERENCES request_event (id),
    channel TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'call_back')),
    recipient TEXT NOT NULL,                 -- phone, e-mail, or name and address (personal data)
    message TEXT NOT NULL,                   -- the Thai text as it will be sent or read out
    state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'done')),
    done_at TEXT,
    done_by TEXT REFERENCES app_user (id),
    outcome TEXT NOT NULL DEFAULT ''         -- what the call-back found (reached, no answer, …)
) STRICT;
CREATE INDEX notification_state ON notification (channel, state, created_at);
