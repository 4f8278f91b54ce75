-- The PostgreSQL schema of the ledger: what db/sqlite/0001..0017 build on SQLite, as one fresh start (a PostgreSQL
-- database starts empty, and data arrives by NDJSON import, so the SQLite data repairs of 0003, 0012 and 0016 have
-- nothing to repair here). Stored values are the same bytes on both engines, so an export re-exports identically:
--   * times stay fixed-width UTC text ('2024-11-19T08:30:00.000Z', Data/Time.cs), checked by the domain utc_time: the
--     stores compare them as strings, cursors carry them, and timestamptz would need formatting at every edge;
--   * ids and integers are bigint (SQLite's INTEGER is 64-bit; rows and parameters stay long);
--   * JSON columns stay text, checked as JSON: jsonb would re-space and re-order what the API wrote and signed;
--   * flags are boolean; the stores write TRUE/FALSE and bool parameters, which SQLite stores as 1/0.
-- Text compares byte-wise, as SQLite's BINARY does, only under the C collation: the database must be created with
-- LC_COLLATE 'C' (name, slug and cursor order; LIKE 'prefix%' served by a plain btree index) and LC_CTYPE 'C.UTF-8',
-- so that lower() and text search fold the case of every script: CREATE DATABASE … TEMPLATE template0 ENCODING 'UTF8'
-- LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'. (lower() thus folds more than SQLite's, which folds ASCII only.)
DO $$
BEGIN
    IF (SELECT datcollate <> 'C' OR datctype NOT IN ('C.UTF-8', 'C.utf8') OR pg_encoding_to_char(encoding) <> 'UTF8'
        FROM pg_database WHERE datname = current_database()) THEN
        RAISE EXCEPTION 'ClaimTracker needs a UTF8 database with LC_COLLATE ''C'' and LC_CTYPE ''C.UTF-8''';
    END IF;
END $$;

CREATE DOMAIN utc_time AS text CHECK (VALUE ~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$');

CREATE TABLE sources (
    id             bigint   PRIMARY KEY,
    slug           text     NOT NULL UNIQUE,
    name           text     NOT NULL,
    name_key       text     NOT NULL,
    kind           text     NOT NULL CHECK (kind IN ('person', 'government', 'government_body', 'state_media',
                                                     'news_agency', 'news_outlet', 'organization', 'collective', 'unnamed')),
    country        text,
    affiliation_id bigint   REFERENCES sources (id),
    description    text,
    url            text,
    wikidata_id    text,
    created_at     utc_time NOT NULL,
    updated_at     utc_time NOT NULL,
    version        bigint   NOT NULL DEFAULT 1
);
CREATE INDEX sources_by_name_key ON sources (name_key);
CREATE INDEX sources_by_kind ON sources (kind, id);
CREATE INDEX sources_by_country ON sources (country, id);
CREATE INDEX sources_by_affiliation ON sources (affiliation_id);

CREATE TABLE source_aliases (
    source_id bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    position  bigint NOT NULL,
    alias     text   NOT NULL,
    alias_key text   NOT NULL,
    PRIMARY KEY (source_id, position)
);
CREATE INDEX source_aliases_by_key ON source_aliases (alias_key);

CREATE TABLE documents (
    id           bigint   PRIMARY KEY,
    title        text     NOT NULL,
    url          text     UNIQUE,
    publisher_id bigint   REFERENCES sources (id),
    published_at utc_time,
    dateline     text,
    language     text,
    text         text,
    content_hash text     UNIQUE,
    archive_url  text,
    created_at   utc_time NOT NULL,
    version      bigint   NOT NULL DEFAULT 1,
    CHECK ((text IS NULL) = (content_hash IS NULL))
);
CREATE INDEX documents_by_publisher ON documents (publisher_id, id);
CREATE INDEX documents_by_published_at ON documents (published_at, id);
CREATE INDEX documents_by_language ON documents (language, id);

CREATE TABLE claims (
    id              bigint   PRIMARY KEY,
    text            text     NOT NULL,
    language        text,
    claim_date      utc_time,  -- as set by an editor
    first_stated_at utc_time,  -- earliest stated_at of its attributions, kept by triggers (0002)
    status          text     NOT NULL DEFAULT 'unreviewed' CHECK (status IN ('unreviewed', 'in_review', 'reviewed')),
    created_at      utc_time NOT NULL,
    updated_at      utc_time NOT NULL,
    version         bigint   NOT NULL DEFAULT 1
);
CREATE INDEX claims_by_status ON claims (status, id);
CREATE INDEX claims_by_language ON claims (language, id);
CREATE INDEX claims_by_date ON claims (coalesce(claim_date, first_stated_at), id);

CREATE TABLE claim_topics (
    claim_id bigint NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    topic    text   NOT NULL,
    position bigint NOT NULL,
    PRIMARY KEY (claim_id, topic)
);
CREATE INDEX claim_topics_by_topic ON claim_topics (topic, claim_id);

CREATE TABLE attributions (
    id           bigint   PRIMARY KEY,
    claim_id     bigint   NOT NULL REFERENCES claims (id),
    source_id    bigint   NOT NULL REFERENCES sources (id),
    document_id  bigint   NOT NULL REFERENCES documents (id),
    cue          text,
    stance       text     NOT NULL CHECK (stance IN ('asserts', 'denies', 'speculates', 'questions', 'retracts')),
    direct       boolean  NOT NULL,
    quote        text     NOT NULL,
    -- The anchor in the document text, in Unicode code points (end exclusive); NULL when the document has no text.
    quote_start  bigint,
    quote_end    bigint,
    quote_prefix text,
    quote_suffix text,
    stated_at    utc_time,
    note         text,
    created_at   utc_time NOT NULL,
    updated_at   utc_time NOT NULL,
    version      bigint   NOT NULL DEFAULT 1,
    CHECK ((quote_start IS NULL) = (quote_end IS NULL) AND (quote_start IS NULL OR quote_start < quote_end))
);
-- As SQLite's 0011 and 0017: a claim's attributions in id order carrying stance and source; a source's in id order.
CREATE INDEX attributions_by_claim ON attributions (claim_id, id, stance, source_id);
CREATE INDEX attributions_by_source ON attributions (source_id, stance, claim_id);
CREATE INDEX attributions_by_source_in_id_order ON attributions (source_id, id, stance);
CREATE INDEX attributions_by_document ON attributions (document_id, id);
CREATE INDEX attributions_by_stance ON attributions (stance, id);
CREATE INDEX attributions_by_stated_at ON attributions (stated_at, id);

-- The relay chain, from the source toward the document's publisher (KCNA → KNS → AFP).
CREATE TABLE attribution_via (
    attribution_id bigint NOT NULL REFERENCES attributions (id) ON DELETE CASCADE,
    position       bigint NOT NULL,
    source_id      bigint NOT NULL REFERENCES sources (id),
    PRIMARY KEY (attribution_id, position)
);
CREATE INDEX attribution_via_by_source ON attribution_via (source_id, attribution_id);

CREATE TABLE reviews (
    id             bigint   PRIMARY KEY,
    claim_id       bigint   NOT NULL REFERENCES claims (id),
    rating         text     NOT NULL CHECK (rating IN ('true', 'mostly_true', 'mixed', 'mostly_false', 'false', 'misleading',
                                                       'unproven')),
    rating_value   bigint   NOT NULL CHECK (rating_value BETWEEN 1 AND 5),
    textual_rating text,
    summary        text,
    reviewer       text,
    url            text,
    evidence       text     NOT NULL DEFAULT '[]' CHECK (json_typeof(evidence::json) = 'array'),
    published_at   utc_time,
    created_at     utc_time NOT NULL,
    updated_at     utc_time NOT NULL,
    version        bigint   NOT NULL DEFAULT 1,
    title          text
);
CREATE INDEX reviews_by_claim ON reviews (claim_id, id);
CREATE INDEX reviews_by_rating ON reviews (rating, claim_id);
CREATE INDEX reviews_by_published_at ON reviews (published_at, id);
CREATE UNIQUE INDEX reviews_by_url ON reviews (url) WHERE url IS NOT NULL;

-- Ids rows had are never issued again (issue 16; SQLite's 0012): deletes record each table's highest retired id, and
-- Data/NewIds.cs takes the next above both that and the table's own highest. Kept by the triggers of 0002.
CREATE TABLE retired_ids (
    table_name text   PRIMARY KEY,
    last_id    bigint NOT NULL
);

CREATE TABLE api_keys (
    id           bigint   GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    public_id    text     NOT NULL UNIQUE,  -- the ct_<public_id>_… part of the key, shown in lists
    name         text     NOT NULL,
    scope        text     NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    secret_hash  text     NOT NULL,         -- sha256 of the whole key; the key itself is never stored
    created_at   utc_time NOT NULL,
    last_used_at utc_time,
    revoked_at   utc_time
);

-- One row per create, update or delete, written in the transaction of the change; before/after as the API shows them.
-- The identity orders the history (and the webhook outbox's msg_ ids), as SQLite's rowid does.
CREATE TABLE audit_log (
    id          bigint   GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at          utc_time NOT NULL,
    actor       text     NOT NULL,
    resource    text     NOT NULL CHECK (resource IN ('source', 'document', 'claim', 'attribution', 'review')),
    resource_id text     NOT NULL,
    operation   text     NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
    before      text     CHECK (before IS NULL OR before::json IS NOT NULL),
    after       text     CHECK (after IS NULL OR after::json IS NOT NULL)
);
CREATE INDEX audit_log_by_resource ON audit_log (resource, resource_id, id);
CREATE INDEX audit_log_by_actor ON audit_log (actor, id);
CREATE INDEX audit_log_by_at ON audit_log (at, id);

-- Idempotency-Key: 'started' before the request runs, 'committed' in the transaction of its change, 'completed' once
-- its response is recorded for replay, 'unkept' when applied but not kept (a secret in it, or over the size cap).
CREATE TABLE idempotency_keys (
    owner        text     NOT NULL,  -- the API key's public id: keys are scoped to their client
    key          text     NOT NULL,
    request_hash text     NOT NULL,
    state        text     NOT NULL CHECK (state IN ('started', 'committed', 'completed', 'unkept')),
    status       bigint,
    headers      text,               -- JSON object of the replayed headers (Location, ETag, Content-Type)
    body         bytea,
    created_at   utc_time NOT NULL,
    PRIMARY KEY (owner, key)
);
CREATE INDEX idempotency_keys_by_created_at ON idempotency_keys (created_at);

-- Attributions the extractor proposed for a document (SQLite's 0005).
CREATE TABLE suggestions (
    id              bigint   PRIMARY KEY,
    document_id     bigint   NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position        bigint   NOT NULL,
    parent_id       bigint   REFERENCES suggestions (id) ON DELETE SET NULL,
    layer           bigint   NOT NULL CHECK (layer >= 1),
    source_start    bigint,
    source_end      bigint,
    source_text     text,
    source_prefix   text,
    source_suffix   text,
    cue_start       bigint   NOT NULL,
    cue_end         bigint   NOT NULL,
    cue_text        text     NOT NULL,
    cue_prefix      text     NOT NULL,
    cue_suffix      text     NOT NULL,
    content_start   bigint   NOT NULL,
    content_end     bigint   NOT NULL,
    content_text    text     NOT NULL,
    content_prefix  text     NOT NULL,
    content_suffix  text     NOT NULL,
    source_id       bigint   REFERENCES sources (id) ON DELETE SET NULL,
    new_source_name text,
    new_source_kind text     CHECK (new_source_kind IN ('person', 'government', 'government_body', 'state_media',
                                                        'news_agency', 'news_outlet', 'organization', 'collective', 'unnamed')),
    stance          text     NOT NULL CHECK (stance IN ('asserts', 'denies', 'speculates', 'questions', 'retracts')),
    direct          boolean  NOT NULL,
    via             text     NOT NULL DEFAULT '[]' CHECK (json_typeof(via::json) = 'array'),  -- [{sourceId, name}]
    confidence      double precision NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    pattern         text     NOT NULL,
    status          text     NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
    claim_id        bigint   REFERENCES claims (id) ON DELETE SET NULL,
    attribution_id  bigint   REFERENCES attributions (id) ON DELETE SET NULL,
    used_source_id  bigint   REFERENCES sources (id) ON DELETE SET NULL,
    created_source  boolean  NOT NULL DEFAULT FALSE,
    reason          text,
    decided_by      text,
    decided_at      utc_time,
    created_at      utc_time NOT NULL,
    updated_at      utc_time NOT NULL,
    version         bigint   NOT NULL DEFAULT 1,
    CHECK ((source_start IS NULL) = (source_end IS NULL)),
    CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX suggestions_by_document ON suggestions (document_id, status, id);
CREATE INDEX suggestions_by_parent ON suggestions (parent_id);
CREATE INDEX suggestions_by_source ON suggestions (source_id);
CREATE INDEX suggestions_by_claim ON suggestions (claim_id);
CREATE INDEX suggestions_by_attribution ON suggestions (attribution_id);
CREATE INDEX suggestions_by_used_source ON suggestions (used_source_id);
CREATE UNIQUE INDEX suggestions_by_spans
    ON suggestions (document_id, coalesce(source_start, -1), cue_start, content_start, content_end);

-- Webhooks (SQLite's 0007): subscriptions with encrypted secrets, and the transactional outbox of deliveries.
CREATE TABLE webhooks (
    id                    bigint   PRIMARY KEY,
    url                   text     NOT NULL,
    description           text,
    events                text     NOT NULL CHECK (json_typeof(events::json) = 'array'),
    enabled               boolean  NOT NULL,
    disabled_reason       text,
    secret                text     NOT NULL,
    previous_secret       text,
    previous_secret_until utc_time,
    consecutive_failures  bigint   NOT NULL DEFAULT 0,
    created_at            utc_time NOT NULL,
    updated_at            utc_time NOT NULL,
    version               bigint   NOT NULL DEFAULT 1
);

CREATE TABLE webhook_deliveries (
    id              bigint   PRIMARY KEY,
    webhook_id      bigint   NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id        text     NOT NULL,
    event_type      text     NOT NULL,
    resource_id     text     NOT NULL,
    payload         text     NOT NULL CHECK (payload::json IS NOT NULL),  -- the exact body that is signed and sent
    created_at      utc_time NOT NULL,
    state           text     NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        bigint   NOT NULL DEFAULT 0,
    next_attempt_at utc_time,
    redelivery_of   bigint   REFERENCES webhook_deliveries (id) ON DELETE SET NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_resource ON webhook_deliveries (webhook_id, resource_id, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id);

CREATE TABLE webhook_attempts (
    id              bigint   GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    delivery_id     bigint   NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempted_at    utc_time NOT NULL,
    duration_ms     bigint   NOT NULL,
    response_status bigint,
    error           text,
    succeeded       boolean  NOT NULL
);
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, id);

-- Matching by meaning (SQLite's 0013): each claim's int8 MiniLM vector as 384 bytes, computed in the background.
CREATE TABLE claim_embeddings (
    claim_id bigint PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
    vector   bytea  NOT NULL
);
CREATE TABLE embedding_pending (claim_id bigint PRIMARY KEY);

-- Claims whose search document is stale (SQLite's 0008): noted by the writes' triggers, re-indexed in bulk (0003).
CREATE TABLE search_pending (claim_id bigint PRIMARY KEY);
