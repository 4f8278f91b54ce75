-- Trust: API keys, the audit history of every change, and idempotent retries.

CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY,
    public_id    TEXT    NOT NULL UNIQUE,   -- the ct_<public_id>_… part of the key, shown in lists
    name         TEXT    NOT NULL,
    scope        TEXT    NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    secret_hash  TEXT    NOT NULL,          -- sha256 of the whole key; the key itself is never stored
    created_at   TEXT    NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
) STRICT;

-- One row per create, update or delete of a source, document, claim, attribution or review,
-- written in the transaction of the change. before/after are the resource as the API shows it.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    resource    TEXT NOT NULL CHECK (resource IN ('source', 'document', 'claim', 'attribution', 'review')),
    resource_id TEXT NOT NULL,
    operation   TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
    before      TEXT CHECK (before IS NULL OR json_valid(before)),
    after       TEXT CHECK (after IS NULL OR json_valid(after))
) STRICT;
CREATE INDEX audit_log_by_resource ON audit_log (resource, resource_id, id);
CREATE INDEX audit_log_by_actor ON audit_log (actor, id);
CREATE INDEX audit_log_by_at ON audit_log (at, id);

-- Idempotency-Key: 'started' before the request runs, 'committed' in the transaction of its change,
-- 'completed' once its response is recorded for replay. Kept at least 24 hours.
CREATE TABLE idempotency_keys (
    owner        TEXT    NOT NULL,           -- the API key's public id: keys are scoped to their client
    key          TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('started', 'committed', 'completed')),
    status       INTEGER,
    headers      TEXT,                       -- JSON object of the replayed headers (Location, ETag, Content-Type)
    body         BLOB,
    created_at   TEXT    NOT NULL,
    PRIMARY KEY (owner, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX idempotency_keys_by_created_at ON idempotency_keys (created_at);
