-- Schema 5 (issue 6: land and building tax): the property register, the office's tax years, assessment
-- notices, receipt books and receipts. The rules live in sala-core's tax module (docs/dev/tax.md).

-- The office's biller ID for Thai QR bill payment (tag 30): its 13-digit tax ID and a 2-digit suffix.
ALTER TABLE office ADD COLUMN biller_id TEXT NOT NULL DEFAULT '';
-- The office's Ed25519 public key (hex) that verifies its receipts' QR codes; the private key is device-local.
ALTER TABLE office ADD COLUMN receipt_public_key TEXT NOT NULL DEFAULT '';

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

-- Land (s.35): the v4 parcel table had no taxpayer; it is rebuilt with one. Rows it held (none in practice)
-- keep their ids and get a taxpayer made from their owning citizen.
INSERT INTO taxpayer (id, office_id, device_id, created_at, updated_at, kind, id_no, title, name, last_name,
    address, phone, citizen_id)
SELECT c.id, c.office_id, c.device_id, c.created_at, c.updated_at, 'individual', c.thai_id, c.title,
    c.first_name, c.last_name, c.address, c.phone, c.id
FROM citizen c WHERE c.id IN (SELECT owner_id FROM parcel);
ALTER TABLE parcel RENAME TO parcel_v4;
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
INSERT INTO parcel (id, office_id, device_id, created_at, updated_at, revision, deleted_at, taxpayer_id,
    deed_type, deed_no, location, area_rai, area_ngan, area_sq_wah, price_per_sq_wah_satang, appraisal_round)
SELECT id, office_id, device_id, created_at, updated_at, revision, deleted_at, owner_id, deed_type, deed_no,
    location, area_rai, area_ngan, area_sq_wah, price_per_sq_wah_satang, appraisal_round
FROM parcel_v4;
DROP TABLE parcel_v4;
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

-- Taxpayers made above from the v4 parcels' owners enter the index.
INSERT INTO taxpayer_fts (rowid, taxpayer_id, body) SELECT rid, taxpayer_id, body FROM taxpayer_search_body;

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
