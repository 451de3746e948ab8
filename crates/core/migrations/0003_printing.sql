-- Schema 3 (issue 4: documents and printing): every print job with its outcome, and the document each job
-- printed, kept on this PC so a failed job can be printed again.

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
