-- Schema 4 (issue 5: the queue): ticket segments and their event log. KPIs are computed from the events.

-- One segment of a visit at one service. A transfer or a further service in the same visit ends the segment
-- and starts a linked one (previous_id) with the same number; visit_id is the first segment's id.
CREATE TABLE queue_ticket (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    visit_id TEXT NOT NULL,
    previous_id TEXT REFERENCES queue_ticket (id),
    business_day TEXT NOT NULL,              -- YYYY-MM-DD, office time, counted from the reset hour
    number TEXT NOT NULL,                    -- 'A012' = prefix + seq, kept across the visit's segments
    prefix TEXT NOT NULL,
    seq INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 999),  -- from the issuing PC's block (docs/dev/queue.md)
    service_id TEXT NOT NULL REFERENCES service (id),
    pinned_counter_id TEXT REFERENCES counter (id),       -- transferred to this counter only
    priority TEXT NOT NULL CHECK (priority IN ('normal', 'elderly', 'disabled', 'pregnant', 'monk')),
    name TEXT,                               -- personal data, optional; never on the board
    phone TEXT,                              -- personal data, optional
    status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'held', 'done', 'no_show',
        'cancelled', 'transferred')),
    counter_id TEXT REFERENCES counter (id), -- the counter that called or holds it
    user_id TEXT REFERENCES app_user (id),   -- the clerk who called it
    issued_at TEXT NOT NULL,
    waiting_since TEXT NOT NULL,             -- its place in line: issue, slot or transfer time
    ready_at TEXT NOT NULL,                  -- not callable before: a booking's slot, a no-show's return
    booked_for TEXT,
    called_at TEXT,
    started_at TEXT,
    ended_at TEXT,
    no_shows INTEGER NOT NULL DEFAULT 0,
    outcome TEXT CHECK (outcome IN ('served', 'follow_up', 'missing_documents', 'referred')),
    rating INTEGER CHECK (rating BETWEEN 1 AND 5)
) STRICT;
-- A PC never gives one number twice in a day (PCs draw from disjoint blocks, so neither do two PCs).
CREATE UNIQUE INDEX queue_ticket_number ON queue_ticket (device_id, business_day, number) WHERE id = visit_id;
CREATE INDEX queue_ticket_line ON queue_ticket (business_day, status, service_id, waiting_since);
CREATE INDEX queue_ticket_counter ON queue_ticket (counter_id, status);

-- What happened to a ticket, by whom, where. Append-only.
CREATE TABLE queue_event (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,                -- when it happened
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    ticket_id TEXT NOT NULL REFERENCES queue_ticket (id),
    visit_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('issued', 'booked', 'called', 'recalled', 'started', 'held', 'resumed',
        'transferred', 'finished', 'no_show', 'cancelled', 'rated')),
    business_day TEXT NOT NULL,              -- the business day it happened on
    service_id TEXT NOT NULL REFERENCES service (id),
    counter_id TEXT REFERENCES counter (id),
    user_id TEXT REFERENCES app_user (id),
    priority TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'        -- JSON: outcome, next_ticket, to_service, score, returns_at…
) STRICT;
CREATE INDEX queue_event_day ON queue_event (business_day, created_at);
CREATE INDEX queue_event_ticket ON queue_event (ticket_id);
CREATE INDEX queue_event_calls ON queue_event (service_id, business_day, kind, created_at);
