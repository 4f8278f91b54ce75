-- Imports as jobs (issue 17): a 153 MB import ran 85 s, past the request timeout, and left partial state the client
-- could not see. A large body is now spooled to a file beside the database, a job row records it, and a background
-- runner imports it batch by batch. Each batch's progress (processed_through, the counts, its failed lines) is written
-- in the same write unit as the batch's rows, so after a crash the job resumes at the first line not yet committed.
CREATE TABLE import_jobs (
    id                INTEGER PRIMARY KEY,
    format            TEXT    NOT NULL CHECK (format IN ('ndjson')),
    state             TEXT    NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    actor             TEXT    NOT NULL,
    spool             TEXT    NOT NULL,                -- file name in the spool directory beside the database
    bytes             INTEGER NOT NULL,
    lines             INTEGER NOT NULL,                -- lines in the body, counted while it was spooled
    processed_through INTEGER NOT NULL DEFAULT 0,      -- every line up to this one is committed, unchanged or failed
    committed         INTEGER NOT NULL DEFAULT 0,
    unchanged         INTEGER NOT NULL DEFAULT 0,
    failed            INTEGER NOT NULL DEFAULT 0,
    cancel_requested  INTEGER NOT NULL DEFAULT 0,
    problem           TEXT,                            -- why a failed job stopped
    created_at        TEXT    NOT NULL,
    started_at        TEXT,
    finished_at       TEXT
) STRICT;

CREATE INDEX import_jobs_unfinished ON import_jobs (id) WHERE state IN ('queued', 'running');

-- Records imported by type, counted up per batch.
CREATE TABLE import_job_counts (
    job_id INTEGER NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    type   TEXT    NOT NULL,
    count  INTEGER NOT NULL,
    PRIMARY KEY (job_id, type)
) STRICT, WITHOUT ROWID;

-- The first failed lines of a job (capped, see ImportJobStore.MaxStoredErrors); failed counts them all.
CREATE TABLE import_job_errors (
    job_id  INTEGER NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    line    INTEGER NOT NULL,
    type    TEXT,
    line_id TEXT,
    problem TEXT    NOT NULL,
    detail  TEXT    NOT NULL,
    errors  TEXT,                                      -- field errors as JSON, for a line that fails validation
    PRIMARY KEY (job_id, line)
) STRICT, WITHOUT ROWID;
