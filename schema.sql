-- Sala local database: the canonical CURRENT schema (PRAGMA user_version = 6).
--
-- sala-core embeds this file and applies it to a new database. Existing databases are brought up to date by
-- the forward-only migrations in crates/core/migrations/ (0001_baseline.sql + deltas); a test proves that
-- baseline + migrations give exactly this schema. Change both in the same commit (docs/dev/adding-a-migration.md).
--
-- Conventions
-- * Synced tables (the ones with `office_id`) carry the sync columns, in this order after `id`:
--     id TEXT PRIMARY KEY      UUIDv7, made on the device that created the row (time-ordered, unique offline)
--     office_id TEXT           the office the row belongs to
--     device_id TEXT           the device that last wrote the row
--     created_at, updated_at   RFC 3339 UTC with milliseconds, e.g. 2026-11-24T02:15:00.000Z
--     revision INTEGER         1 on insert, +1 on every write; sync compares it
--     deleted_at TEXT          NULL while alive; set instead of DELETE (a tombstone), so deletes sync too
-- * Money is INTEGER satang (columns end in _satang) or exact decimal TEXT; never REAL.
-- * Every write goes through sala-core's db::Writer, which appends to audit_log and outbox in the same
--   transaction. Nothing else writes these tables.

-- This device and its sync position: exactly one row, created with the database.
CREATE TABLE sync_state (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    device_id TEXT NOT NULL,                 -- UUIDv7 of this installation; never reused
    office_id TEXT,                          -- set when the office is created
    next_seq INTEGER NOT NULL DEFAULT 1,     -- next outbox sequence number (gap-free per device)
    acked_seq INTEGER NOT NULL DEFAULT 0,    -- highest seq the central server confirmed
    pull_cursor TEXT,                        -- opaque server cursor
    server_epoch TEXT,                       -- detects a server restored from backup
    endpoint TEXT,                           -- central sync endpoint URL, NULL until configured
    audit_head_seq INTEGER NOT NULL DEFAULT 0,  -- last audit_log entry: deleting entries from the end of the
    audit_head_hash TEXT NOT NULL               -- chain shows as a mismatch with this head
        DEFAULT '0000000000000000000000000000000000000000000000000000000000000000',
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE office (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL,                 -- equals id: an office belongs to itself
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    code TEXT NOT NULL UNIQUE,               -- short office code, e.g. the DLA code 6311101
    name TEXT NOT NULL,                      -- องค์การบริหารส่วนตำบล…
    address TEXT NOT NULL,
    tax_id TEXT NOT NULL,                    -- 13 digits, check digit verified by core
    logo_data_url TEXT,                      -- data:image/png;base64,… (small; printed on documents)
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    biller_id TEXT NOT NULL DEFAULT '',      -- Thai QR bill payment biller ID: tax ID + 2-digit suffix
    receipt_public_key TEXT NOT NULL DEFAULT ''  -- Ed25519 key (hex) that verifies receipts' QR codes
) STRICT;

CREATE TABLE department (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    code TEXT NOT NULL,                      -- 'palad', 'finance', 'works', 'education'
    name_th TEXT NOT NULL,
    name_en TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    UNIQUE (office_id, code)
) STRICT;

CREATE TABLE service (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    department_id TEXT NOT NULL REFERENCES department (id),
    code TEXT NOT NULL,
    name_th TEXT NOT NULL,
    name_en TEXT NOT NULL,
    ticket_prefix TEXT NOT NULL,             -- queue ticket letter(s), e.g. 'A' → A001
    expected_minutes INTEGER NOT NULL CHECK (expected_minutes > 0),
    documents_th TEXT NOT NULL DEFAULT '[]', -- JSON array of documents to bring (Thai)
    sort_order INTEGER NOT NULL DEFAULT 0,
    UNIQUE (office_id, code)
) STRICT;

CREATE TABLE counter (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 99),  -- ช่องบริการ number called out loud
    name TEXT NOT NULL,
    location TEXT NOT NULL,
    UNIQUE (office_id, number)
) STRICT;

-- Which services a counter serves (a row per pair, so it syncs and tombstones like any other row).
CREATE TABLE counter_service (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    counter_id TEXT NOT NULL REFERENCES counter (id),
    service_id TEXT NOT NULL REFERENCES service (id),
    UNIQUE (counter_id, service_id)
) STRICT;

CREATE TABLE app_user (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('clerk', 'finance', 'supervisor', 'admin')),
    password_hash TEXT NOT NULL,             -- argon2id PHC string; never the password
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),  -- users are deactivated, never deleted
    pin_hash TEXT,                           -- argon2id of the 6-digit quick-switch PIN; NULL when not set
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),  -- after a reset
    department_id TEXT REFERENCES department (id),  -- the user's division (schema 6): requests go to divisions
    UNIQUE (office_id, username)
) STRICT;

-- Citizens who come to the counter. Personal data (listed in sala-core privacy.rs): thai_id, phone, names,
-- address.
CREATE TABLE citizen (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    thai_id TEXT,                            -- 13 digits, check digit verified; NULL when not given
    title TEXT NOT NULL DEFAULT '',          -- นาย / นาง / นางสาว …
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    phone TEXT,
    address TEXT NOT NULL DEFAULT '',
    -- Who may see the record (sala-core privacy.rs): a restricted citizen (for example someone who reported
    -- an official) is seen only by supervisors and the users granted access in access_grant.
    confidentiality TEXT NOT NULL DEFAULT 'internal'
        CHECK (confidentiality IN ('public', 'internal', 'restricted'))
) STRICT;
CREATE INDEX citizen_thai_id ON citizen (thai_id);

-- The users named on a restricted record (its handlers): they see it although they are not supervisors.
CREATE TABLE access_grant (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    entity TEXT NOT NULL,                    -- table of the record, e.g. 'citizen'
    entity_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES app_user (id)
) STRICT;
CREATE INDEX access_grant_record ON access_grant (entity, entity_id, user_id);

-- Thai has no spaces between words, so search matches any substring: FTS5 with the trigram tokenizer.
-- Keyed by citizen.id (stable; rowids may be renumbered by VACUUM) and kept in step by the triggers below;
-- tombstoned citizens leave the index.
CREATE VIRTUAL TABLE citizen_fts USING fts5 (
    citizen_id UNINDEXED, name, thai_id, phone,
    tokenize = 'trigram'
);
CREATE TRIGGER citizen_fts_insert AFTER INSERT ON citizen BEGIN
    INSERT INTO citizen_fts (citizen_id, name, thai_id, phone)
    VALUES (new.id, new.title || new.first_name || ' ' || new.last_name, coalesce(new.thai_id, ''),
            coalesce(new.phone, ''));
END;
CREATE TRIGGER citizen_fts_update AFTER UPDATE ON citizen BEGIN
    DELETE FROM citizen_fts WHERE citizen_id = old.id;
    INSERT INTO citizen_fts (citizen_id, name, thai_id, phone)
    SELECT new.id, new.title || new.first_name || ' ' || new.last_name, coalesce(new.thai_id, ''),
           coalesce(new.phone, '')
    WHERE new.deleted_at IS NULL;
END;

-- Land parcels of the tax register (the rest of the register is with the tax tables below).
CREATE TABLE parcel (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    taxpayer_id TEXT NOT NULL REFERENCES taxpayer (id),  -- the owner on 1 January who gets the notice
    deed_type TEXT NOT NULL,                 -- โฉนดที่ดิน, น.ส.3ก, …
    deed_no TEXT NOT NULL,
    land_no TEXT NOT NULL DEFAULT '',        -- เลขที่ดิน
    location TEXT NOT NULL,                  -- หมู่ / ตำบล
    tax_unit TEXT NOT NULL DEFAULT '',       -- contiguous parcels of one owner share a key: one tax base (s.42)
    area_rai INTEGER NOT NULL CHECK (area_rai >= 0),
    area_ngan INTEGER NOT NULL CHECK (area_ngan BETWEEN 0 AND 3),
    area_sq_wah TEXT NOT NULL,               -- exact decimal, 0 ≤ x < 100
    price_per_sq_wah_satang INTEGER NOT NULL CHECK (price_per_sq_wah_satang >= 0),
    appraisal_round TEXT NOT NULL            -- e.g. '2566-2569'
) STRICT;

-- Append-only, hash-chained record of every change: who, what, when, where, before/after.
-- hash = SHA-256 over prev_hash, seq and the entry's content (sala-core audit.rs); seq runs 1, 2, 3, … without
-- gaps and sync_state holds the head. `salactl audit verify` walks the chain.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,                 -- UUIDv7
    at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    actor_id TEXT,                           -- app_user.id; NULL for the system (set-up, demo data)
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    -- insert/update/delete: a change (with its outbox entry). The rest are events without a change to sync:
    -- reveal (someone read unmasked personal data), sign-in events, and device settings changed.
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'reveal', 'sign_in',
        'sign_in_failed', 'account_locked', 'sign_out', 'setting')),
    summary TEXT NOT NULL,                   -- JSON {"before": {...}, "after": {...}} of changed fields
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);

-- Durable queue of changes to send to the central server (sync comes in a later issue).
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY,                 -- from sync_state.next_seq: gap-free per device
    op_id TEXT NOT NULL UNIQUE,              -- UUIDv7 idempotency key
    op_type TEXT NOT NULL,                   -- 'upsert:<entity>' / 'delete:<entity>'
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    payload TEXT NOT NULL,                   -- JSON of the whole row after the write
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'acked', 'rejected')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    result TEXT
) STRICT;
CREATE INDEX outbox_pending ON outbox (state, seq);

-- Device-local settings (not synced): key → JSON value.
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Failed sign-ins on this device (not synced): 'auth.max_failures' in a row lock the account until
-- locked_until. A successful sign-in clears the row.
CREATE TABLE sign_in_failure (
    user_id TEXT PRIMARY KEY REFERENCES app_user (id),
    failures INTEGER NOT NULL CHECK (failures >= 0),
    locked_until TEXT
) STRICT;

-- Print jobs (issue 4): every job with its outcome; synced, so the office sees failed and repeated prints.
CREATE TABLE print_job (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('queue_slip', 'request_slip', 'tax_notice', 'receipt', 'report',
        'test_page')),
    title TEXT NOT NULL,
    paper TEXT NOT NULL CHECK (paper IN ('a4', 'a5', '80mm', '58mm')),
    -- 'cups:NAME', 'escpos:tcp://HOST:PORT' or 'escpos:/dev/…'; '' when no printer was set for the kind.
    destination TEXT NOT NULL,
    -- sending: handed to the printer, outcome not known yet (a crash leaves it so, and it is shown as such);
    -- queued: the spooler accepted it and has not finished it; sent: the printer took it; failed: see reason.
    status TEXT NOT NULL CHECK (status IN ('sending', 'queued', 'sent', 'failed')),
    reason TEXT,                             -- JSON {"key": message key, "args": {...}} when failed
    spool_job TEXT,                          -- the CUPS job id
    reprint_of TEXT REFERENCES print_job (id),
    user_id TEXT REFERENCES app_user (id)
) STRICT;
CREATE INDEX print_job_status ON print_job (status, created_at);

-- Not synced: the document can hold personal data and is only needed where it is printed again.
CREATE TABLE print_document (
    job_id TEXT PRIMARY KEY REFERENCES print_job (id),
    document TEXT NOT NULL,                  -- the document as JSON (images base64), laid out again to reprint
    pdf BLOB NOT NULL                        -- the PDF as first rendered
) STRICT;

-- The queue (schema 4).
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

-- Land and building tax (issue 6; docs/dev/tax.md). The parcel table is above, with the foundation.
-- Who pays (s.5, s.9): an individual (Thai ID) or a juristic person (13-digit tax ID).
CREATE TABLE taxpayer (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('individual', 'juristic')),
    id_no TEXT,                              -- 13 digits, check digit verified; NULL when not known
    title TEXT NOT NULL DEFAULT '',          -- นาย / นาง / บริษัท …
    name TEXT NOT NULL,                      -- first name, or the juristic person's whole name
    last_name TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    phone TEXT,
    citizen_id TEXT REFERENCES citizen (id)  -- the same person at the counter, when linked
) STRICT;
CREATE UNIQUE INDEX taxpayer_id_no ON taxpayer (id_no) WHERE id_no IS NOT NULL AND deleted_at IS NULL;

CREATE INDEX parcel_taxpayer ON parcel (taxpayer_id);
CREATE INDEX parcel_deed ON parcel (deed_no);

-- Buildings (s.35): valued by floor area × Treasury price per m², less depreciation by structure and age.
CREATE TABLE building (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    taxpayer_id TEXT NOT NULL REFERENCES taxpayer (id),
    parcel_id TEXT REFERENCES parcel (id),   -- the land it stands on (its owner may be someone else: s.48)
    house_no TEXT NOT NULL DEFAULT '',       -- บ้านเลขที่
    building_type TEXT NOT NULL,             -- the Treasury price list's type, e.g. บ้านเดี่ยว
    structure TEXT NOT NULL CHECK (structure IN ('masonry', 'half_wood', 'wood')),
    floors INTEGER NOT NULL DEFAULT 1 CHECK (floors >= 1),
    area_m2 TEXT NOT NULL,                   -- total floor area, exact decimal
    year_built INTEGER NOT NULL,             -- B.E.
    price_per_m2_satang INTEGER NOT NULL CHECK (price_per_m2_satang >= 0),
    appraisal_round TEXT NOT NULL
) STRICT;
CREATE INDEX building_taxpayer ON building (taxpayer_id);
CREATE INDEX building_parcel ON building (parcel_id);

-- Condominium units (ภ.ด.ส.8): unit area × appraisal per m².
CREATE TABLE condo_unit (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    taxpayer_id TEXT NOT NULL REFERENCES taxpayer (id),
    condo_name TEXT NOT NULL,
    condo_reg_no TEXT NOT NULL DEFAULT '',   -- ทะเบียนอาคารชุด
    unit_no TEXT NOT NULL,
    floor TEXT NOT NULL DEFAULT '',
    area_m2 TEXT NOT NULL,
    price_per_m2_satang INTEGER NOT NULL CHECK (price_per_m2_satang >= 0),
    appraisal_round TEXT NOT NULL
) STRICT;
CREATE INDEX condo_unit_taxpayer ON condo_unit (taxpayer_id);

-- Co-owners of a property (s.47: any one of them may pay; the property's taxpayer_id gets the notice).
CREATE TABLE co_owner (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    taxpayer_id TEXT NOT NULL REFERENCES taxpayer (id),
    parcel_id TEXT REFERENCES parcel (id),
    building_id TEXT REFERENCES building (id),
    condo_unit_id TEXT REFERENCES condo_unit (id),
    CHECK ((parcel_id IS NOT NULL) + (building_id IS NOT NULL) + (condo_unit_id IS NOT NULL) = 1)
) STRICT;
CREATE INDEX co_owner_taxpayer ON co_owner (taxpayer_id);

-- The use of (a share of) a property in one tax year (s.37, s.38); its history per year is the vacancy record.
CREATE TABLE property_use (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    tax_year INTEGER NOT NULL,               -- B.E.
    parcel_id TEXT REFERENCES parcel (id),
    building_id TEXT REFERENCES building (id),
    condo_unit_id TEXT REFERENCES condo_unit (id),
    use TEXT NOT NULL CHECK (use IN ('agricultural', 'residential_home', 'residential_house_only',
        'residential_other', 'other', 'vacant')),
    share_percent TEXT NOT NULL DEFAULT '100',  -- exact decimal: the share of land area or floor area in this use
    vacant_since INTEGER,                    -- B.E. first year of the current vacancy; vacant use only
    CHECK ((parcel_id IS NOT NULL) + (building_id IS NOT NULL) + (condo_unit_id IS NOT NULL) = 1),
    CHECK (vacant_since IS NULL OR use = 'vacant')
) STRICT;
CREATE INDEX property_use_year ON property_use (tax_year);
CREATE INDEX property_use_parcel ON property_use (parcel_id);
CREATE INDEX property_use_building ON property_use (building_id);

CREATE INDEX property_use_condo_unit ON property_use (condo_unit_id);

-- Search by name, ID, deed number, address or any Thai substring (trigram: Thai has no spaces). One row per
-- live taxpayer, its rowid the taxpayer's rowid (found by key, not by a scan of the index), its body the
-- view below: name, ID, address, phone, and the deed, land, house and unit numbers of every live property.
-- The triggers keep it in step with every write, synced or local. Rowids are stable because Sala never
-- runs VACUUM; sala_core::tax::register::rebuild_search rebuilds the index from scratch if ever needed.
CREATE VIRTUAL TABLE taxpayer_fts USING fts5 (
    taxpayer_id UNINDEXED,
    body,
    tokenize = 'trigram'
);
CREATE VIEW taxpayer_search_body AS
SELECT t.rowid AS rid, t.id AS taxpayer_id,
    t.title || t.name || ' ' || t.last_name || ' ' || coalesce(t.id_no, '') || ' ' || t.address || ' '
    || coalesce(t.phone, '') || ' '
    || coalesce((SELECT group_concat(p.deed_no || ' ' || p.land_no || ' ' || p.location, ' ') FROM parcel p
                 WHERE p.taxpayer_id = t.id AND p.deleted_at IS NULL), '') || ' '
    || coalesce((SELECT group_concat(b.house_no || ' ' || b.building_type, ' ') FROM building b
                 WHERE b.taxpayer_id = t.id AND b.deleted_at IS NULL), '') || ' '
    || coalesce((SELECT group_concat(c.condo_name || ' ' || c.unit_no, ' ') FROM condo_unit c
                 WHERE c.taxpayer_id = t.id AND c.deleted_at IS NULL), '') AS body
FROM taxpayer t WHERE t.deleted_at IS NULL;
CREATE TRIGGER taxpayer_fts_insert AFTER INSERT ON taxpayer BEGIN
    INSERT OR REPLACE INTO taxpayer_fts (rowid, taxpayer_id, body)
    SELECT rid, taxpayer_id, body FROM taxpayer_search_body WHERE taxpayer_id = new.id;
END;
CREATE TRIGGER taxpayer_fts_update AFTER UPDATE OF title, name, last_name, id_no, address, phone, deleted_at
ON taxpayer BEGIN
    DELETE FROM taxpayer_fts WHERE rowid = old.rowid;
    INSERT OR REPLACE INTO taxpayer_fts (rowid, taxpayer_id, body)
    SELECT rid, taxpayer_id, body FROM taxpayer_search_body WHERE taxpayer_id = new.id;
END;
CREATE TRIGGER parcel_fts_insert AFTER INSERT ON parcel BEGIN
    INSERT OR REPLACE INTO taxpayer_fts (rowid, taxpayer_id, body)
    SELECT rid, taxpayer_id, body FROM taxpayer_search_body WHERE taxpayer_id = new.taxpayer_id;
END;
CREATE TRIGGER parcel_fts_update AFTER UPDATE OF taxpayer_id, deed_no, land_no, location, deleted_at
ON parcel BEGIN
    INSERT OR REPLACE INTO taxpayer_fts (rowid, taxpayer_id, body)
    SELECT rid, taxpayer_id, body FROM taxpayer_search_body
    WHERE taxpayer_id IN (old.taxpayer_id, new.taxpayer_id);
END;
CREATE TRIGGER building_fts_insert AFTER INSERT ON building BEGIN
    INSERT OR REPLACE INTO taxpayer_fts (rowid, taxpayer_id, body)
    SELECT rid, taxpayer_id, body FROM taxpayer_search_body WHERE taxpayer_id = new.taxpayer_id;
END;
CREATE TRIGGER building_fts_update AFTER UPDATE OF taxpayer_id, house_no, building_type, deleted_at
ON building BEGIN
    INSERT OR REPLACE INTO taxpayer_fts (rowid, taxpayer_id, body)
    SELECT rid, taxpayer_id, body FROM taxpayer_search_body
    WHERE taxpayer_id IN (old.taxpayer_id, new.taxpayer_id);
END;
CREATE TRIGGER condo_unit_fts_insert AFTER INSERT ON condo_unit BEGIN
    INSERT OR REPLACE INTO taxpayer_fts (rowid, taxpayer_id, body)
    SELECT rid, taxpayer_id, body FROM taxpayer_search_body WHERE taxpayer_id = new.taxpayer_id;
END;
CREATE TRIGGER condo_unit_fts_update AFTER UPDATE OF taxpayer_id, condo_name, unit_no, deleted_at
ON condo_unit BEGIN
    INSERT OR REPLACE INTO taxpayer_fts (rowid, taxpayer_id, body)
    SELECT rid, taxpayer_id, body FROM taxpayer_search_body
    WHERE taxpayer_id IN (old.taxpayer_id, new.taxpayer_id);
END;

-- The office's settings for one tax year: the calendar (the Minister extends it most years, s.14), its own
-- rate table (s.37, within the ceilings) and reductions (s.55). Empty rates/reductions = the built-in tables.
CREATE TABLE tax_year (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    tax_year INTEGER NOT NULL,               -- B.E.
    notice_date TEXT NOT NULL,               -- YYYY-MM-DD printed on the notices
    due_date TEXT NOT NULL,                  -- pay in one go by this date (s.46, as extended)
    instalment_dates TEXT NOT NULL,          -- JSON list of the three instalment due dates
    warning_date TEXT,                       -- when warning notices go out (s.61); NULL = not yet
    warning_days INTEGER NOT NULL DEFAULT 30 CHECK (warning_days > 0),  -- the period the warning gives to pay
    rates TEXT NOT NULL DEFAULT '',          -- JSON rate table; '' = the Royal Decree B.E. 2564
    reductions TEXT NOT NULL DEFAULT ''      -- JSON reductions; '' = the built-in table (§4.4)
) STRICT;
CREATE UNIQUE INDEX tax_year_year ON tax_year (tax_year) WHERE deleted_at IS NULL;

-- One assessment notice (ภ.ด.ส.6 with ภ.ด.ส.7/8) per taxpayer and tax year; a reassessment (s.53) supersedes it.
CREATE TABLE tax_notice (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    taxpayer_id TEXT NOT NULL REFERENCES taxpayer (id),
    tax_year INTEGER NOT NULL,
    number TEXT NOT NULL,                    -- ref1 of the QR: digits only, unique per office
    issued_on TEXT NOT NULL,                 -- YYYY-MM-DD
    due_date TEXT NOT NULL,
    tax_satang INTEGER NOT NULL CHECK (tax_satang >= 0),
    assessment TEXT NOT NULL,                -- JSON: the engine's result, every baht explained
    status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'superseded', 'cancelled')),
    superseded_by TEXT REFERENCES tax_notice (id),
    instalments INTEGER NOT NULL DEFAULT 1 CHECK (instalments BETWEEN 1 AND 3)  -- as the taxpayer asked (s.52)
) STRICT;
CREATE UNIQUE INDEX tax_notice_number ON tax_notice (number);
CREATE UNIQUE INDEX tax_notice_current ON tax_notice (taxpayer_id, tax_year) WHERE status = 'issued';

-- Receipt books (เล่ม) per fiscal year, each assigned to one PC, which alone draws numbers from it: PCs cut off
-- from each other never give the same book/number.
CREATE TABLE receipt_book (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    fiscal_year INTEGER NOT NULL,            -- B.E., from 1 October
    book_no INTEGER NOT NULL CHECK (book_no >= 1),
    first_no INTEGER NOT NULL DEFAULT 1 CHECK (first_no >= 1),
    last_no INTEGER NOT NULL CHECK (last_no >= first_no),
    assigned_device_id TEXT NOT NULL,        -- the PC that issues from it
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'full', 'closed'))
) STRICT;
CREATE UNIQUE INDEX receipt_book_no ON receipt_book (fiscal_year, book_no);

-- A payment and its receipt (one per payment). A voided receipt keeps its number and prints as cancelled.
CREATE TABLE tax_receipt (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    book_id TEXT NOT NULL REFERENCES receipt_book (id),
    fiscal_year INTEGER NOT NULL,
    book_no INTEGER NOT NULL,
    number INTEGER NOT NULL,                 -- เลขที่ within the book
    notice_id TEXT NOT NULL REFERENCES tax_notice (id),
    taxpayer_id TEXT NOT NULL REFERENCES taxpayer (id),
    payer_name TEXT NOT NULL,
    paid_on TEXT NOT NULL,                   -- YYYY-MM-DD: the day paid (cash: written_on; transfer, cheque: the bank's date, s.51)
    written_on TEXT NOT NULL,                -- YYYY-MM-DD (office time): the day the receipt was written
    method TEXT NOT NULL CHECK (method IN ('cash', 'transfer', 'cheque')),
    reference TEXT,                          -- bank reference, or cheque bank and number
    instalment INTEGER CHECK (instalment BETWEEN 1 AND 3),
    tax_satang INTEGER NOT NULL CHECK (tax_satang >= 0),       -- the tax this payment settles
    penalty_satang INTEGER NOT NULL DEFAULT 0 CHECK (penalty_satang >= 0),
    penalty_percent INTEGER NOT NULL DEFAULT 0,
    surcharge_satang INTEGER NOT NULL DEFAULT 0 CHECK (surcharge_satang >= 0),
    surcharge_months INTEGER NOT NULL DEFAULT 0,
    extension_kept INTEGER NOT NULL DEFAULT 0 CHECK (extension_kept IN (0, 1)),  -- surcharge 0.5 % a month (s.70)
    total_satang INTEGER NOT NULL CHECK (total_satang > 0),
    items TEXT NOT NULL DEFAULT '[]',        -- JSON: each instalment slice settled, with its own late charges
    received_by TEXT NOT NULL REFERENCES app_user (id),
    signed_payload TEXT NOT NULL,            -- the verification QR's text
    status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'voided')),
    void_reason TEXT,
    voided_by TEXT REFERENCES app_user (id),
    voided_at TEXT
) STRICT;
CREATE UNIQUE INDEX tax_receipt_number ON tax_receipt (fiscal_year, book_no, number);
CREATE INDEX tax_receipt_notice ON tax_receipt (notice_id);
CREATE INDEX tax_receipt_day ON tax_receipt (written_on, received_by);

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
