-- Schema 2 (issue 3: users, roles, sign-in): quick-switch PINs, forced password change after a reset,
-- restricted citizens and the users named on restricted records, sign-in failures per device, and the
-- audit log's non-change events (reveal, sign-in, settings).

ALTER TABLE app_user ADD COLUMN pin_hash TEXT;
ALTER TABLE app_user ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
    CHECK (must_change_password IN (0, 1));

ALTER TABLE citizen ADD COLUMN confidentiality TEXT NOT NULL DEFAULT 'internal'
    CHECK (confidentiality IN ('public', 'internal', 'restricted'));

CREATE TABLE access_grant (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES office (id),
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES app_user (id)
) STRICT;
CREATE INDEX access_grant_record ON access_grant (entity, entity_id, user_id);

CREATE TABLE sign_in_failure (
    user_id TEXT PRIMARY KEY REFERENCES app_user (id),
    failures INTEGER NOT NULL CHECK (failures >= 0),
    locked_until TEXT
) STRICT;

-- The action CHECK widens, which SQLite can only do by rebuilding the table. Rows are copied as they are,
-- so every hash in the chain still verifies.
CREATE TABLE audit_log_v2 (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    actor_id TEXT,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'reveal', 'sign_in',
        'sign_in_failed', 'account_locked', 'sign_out', 'setting')),
    summary TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT;
INSERT INTO audit_log_v2 (seq, id, at, device_id, actor_id, entity, entity_id, action, summary, prev_hash, hash)
    SELECT seq, id, at, device_id, actor_id, entity, entity_id, action, summary, prev_hash, hash FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_v2 RENAME TO audit_log;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
