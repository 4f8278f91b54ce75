-- Suggestions: attributions the extractor proposed for a document, waiting for a person to accept or reject them.
-- Spans are in Unicode code points (end exclusive), as attribution selectors are. A suggestion is derived data:
-- it goes with its document, and loses (not blocks) the claim, attribution or source it led to when those are deleted.

CREATE TABLE suggestions (
    id              INTEGER PRIMARY KEY,
    document_id     INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,   -- the proposal's index in its extraction run, in cue order
    parent_id       INTEGER REFERENCES suggestions (id) ON DELETE SET NULL,
    layer           INTEGER NOT NULL CHECK (layer >= 1),
    source_start    INTEGER,            -- NULL only for agentless passives ("it was reported")
    source_end      INTEGER,
    source_text     TEXT,
    source_prefix   TEXT,               -- up to 32 code points before, as selectors carry
    source_suffix   TEXT,
    cue_start       INTEGER NOT NULL,
    cue_end         INTEGER NOT NULL,
    cue_text        TEXT    NOT NULL,
    cue_prefix      TEXT    NOT NULL,
    cue_suffix      TEXT    NOT NULL,
    content_start   INTEGER NOT NULL,
    content_end     INTEGER NOT NULL,
    content_text    TEXT    NOT NULL,
    content_prefix  TEXT    NOT NULL,
    content_suffix  TEXT    NOT NULL,
    source_id       INTEGER REFERENCES sources (id) ON DELETE SET NULL,   -- the registry source it resolved to …
    new_source_name TEXT,                                                 -- … or the source it proposes to add
    new_source_kind TEXT CHECK (new_source_kind IN ('person', 'government', 'government_body', 'state_media',
                                                    'news_agency', 'news_outlet', 'organization', 'collective', 'unnamed')),
    stance          TEXT    NOT NULL CHECK (stance IN ('asserts', 'denies', 'speculates', 'questions', 'retracts')),
    direct          INTEGER NOT NULL CHECK (direct IN (0, 1)),
    via             TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(via) AND json_type(via) = 'array'),  -- [{sourceId, name}]
    confidence      REAL    NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    pattern         TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
    -- Once accepted: what was made of it (the attribution, its claim and source, which the edits may have changed).
    claim_id        INTEGER REFERENCES claims (id) ON DELETE SET NULL,
    attribution_id  INTEGER REFERENCES attributions (id) ON DELETE SET NULL,
    used_source_id  INTEGER REFERENCES sources (id) ON DELETE SET NULL,
    created_source  INTEGER NOT NULL DEFAULT 0 CHECK (created_source IN (0, 1)),  -- accepting it added used_source_id to the registry
    reason          TEXT,
    decided_by      TEXT,
    decided_at      TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    CHECK ((source_start IS NULL) = (source_end IS NULL)),
    CHECK ((status = 'pending') = (decided_at IS NULL))
) STRICT;
CREATE INDEX suggestions_by_document ON suggestions (document_id, status, id);
CREATE INDEX suggestions_by_parent ON suggestions (parent_id);
CREATE INDEX suggestions_by_source ON suggestions (source_id);
CREATE INDEX suggestions_by_claim ON suggestions (claim_id);
CREATE INDEX suggestions_by_attribution ON suggestions (attribution_id);
CREATE INDEX suggestions_by_used_source ON suggestions (used_source_id);
-- One suggestion per source mention, cue and content in a document: running the extractor again never duplicates one.
CREATE UNIQUE INDEX suggestions_by_spans ON suggestions (document_id, coalesce(source_start, -1), cue_start, content_start, content_end);
