-- The claim ledger: sources, documents, claims, attributions and reviews.
-- Times are fixed-width UTC text ('2024-11-19T00:00:00.000Z'), so string order is time order.
-- Every row carries a version, bumped on each update, that the API exposes as its ETag.
-- *_key columns hold a case- and accent-folded copy of a name for lookups.

CREATE TABLE sources (
    id             INTEGER PRIMARY KEY,
    slug           TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    name_key       TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('person', 'government', 'government_body', 'state_media',
                                                    'news_agency', 'news_outlet', 'organization', 'collective', 'unnamed')),
    country        TEXT,
    affiliation_id INTEGER REFERENCES sources (id),
    description    TEXT,
    url            TEXT,
    wikidata_id    TEXT,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX sources_by_name_key ON sources (name_key);
CREATE INDEX sources_by_kind ON sources (kind, id);
CREATE INDEX sources_by_country ON sources (country, id);
CREATE INDEX sources_by_affiliation ON sources (affiliation_id);

CREATE TABLE source_aliases (
    source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    alias     TEXT    NOT NULL,
    alias_key TEXT    NOT NULL,
    PRIMARY KEY (source_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX source_aliases_by_key ON source_aliases (alias_key);

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    title        TEXT    NOT NULL,
    url          TEXT    UNIQUE,
    publisher_id INTEGER REFERENCES sources (id),
    published_at TEXT,
    dateline     TEXT,
    language     TEXT,
    text         TEXT,
    content_hash TEXT    UNIQUE,
    archive_url  TEXT,
    created_at   TEXT    NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    CHECK ((text IS NULL) = (content_hash IS NULL))
) STRICT;
CREATE INDEX documents_by_publisher ON documents (publisher_id, id);
CREATE INDEX documents_by_published_at ON documents (published_at, id);
CREATE INDEX documents_by_language ON documents (language, id);

CREATE TABLE claims (
    id              INTEGER PRIMARY KEY,
    text            TEXT    NOT NULL,
    language        TEXT,
    claim_date      TEXT,    -- as set by an editor
    first_stated_at TEXT,    -- earliest stated_at of its attributions, kept by triggers below
    status          TEXT    NOT NULL DEFAULT 'unreviewed' CHECK (status IN ('unreviewed', 'in_review', 'reviewed')),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX claims_by_status ON claims (status, id);
CREATE INDEX claims_by_language ON claims (language, id);
CREATE INDEX claims_by_date ON claims (coalesce(claim_date, first_stated_at), id);

CREATE TABLE claim_topics (
    claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    topic    TEXT    NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (claim_id, topic)
) STRICT, WITHOUT ROWID;
CREATE INDEX claim_topics_by_topic ON claim_topics (topic, claim_id);

CREATE TABLE attributions (
    id           INTEGER PRIMARY KEY,
    claim_id     INTEGER NOT NULL REFERENCES claims (id),
    source_id    INTEGER NOT NULL REFERENCES sources (id),
    document_id  INTEGER NOT NULL REFERENCES documents (id),
    cue          TEXT,
    stance       TEXT    NOT NULL CHECK (stance IN ('asserts', 'denies', 'speculates', 'questions', 'retracts')),
    direct       INTEGER NOT NULL CHECK (direct IN (0, 1)),
    quote        TEXT    NOT NULL,
    -- The anchor in the document text, in Unicode code points (end exclusive); NULL when the document has no text.
    quote_start  INTEGER,
    quote_end    INTEGER,
    quote_prefix TEXT,
    quote_suffix TEXT,
    stated_at    TEXT,
    note         TEXT,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    CHECK ((quote_start IS NULL) = (quote_end IS NULL) AND (quote_start IS NULL OR quote_start < quote_end))
) STRICT;
CREATE INDEX attributions_by_claim ON attributions (claim_id, id);
CREATE INDEX attributions_by_source ON attributions (source_id, stance, claim_id);
CREATE INDEX attributions_by_document ON attributions (document_id, id);
CREATE INDEX attributions_by_stance ON attributions (stance, id);
CREATE INDEX attributions_by_stated_at ON attributions (stated_at, id);

-- The relay chain, from the source toward the document's publisher (KCNA → KNS → AFP).
CREATE TABLE attribution_via (
    attribution_id INTEGER NOT NULL REFERENCES attributions (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    source_id      INTEGER NOT NULL REFERENCES sources (id),
    PRIMARY KEY (attribution_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX attribution_via_by_source ON attribution_via (source_id, attribution_id);

CREATE TABLE reviews (
    id             INTEGER PRIMARY KEY,
    claim_id       INTEGER NOT NULL REFERENCES claims (id),
    rating         TEXT    NOT NULL CHECK (rating IN ('true', 'mostly_true', 'mixed', 'mostly_false', 'false', 'misleading', 'unproven')),
    rating_value   INTEGER NOT NULL CHECK (rating_value BETWEEN 1 AND 5),
    textual_rating TEXT,
    summary        TEXT,
    reviewer       TEXT,
    url            TEXT,
    evidence       TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(evidence) AND json_type(evidence) = 'array'),
    published_at   TEXT,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX reviews_by_claim ON reviews (claim_id, id);
CREATE INDEX reviews_by_rating ON reviews (rating, claim_id);
CREATE INDEX reviews_by_published_at ON reviews (published_at, id);

-- claims.first_stated_at follows the attributions, so that claimDate can default to it and be indexed.
CREATE TRIGGER attributions_after_insert AFTER INSERT ON attributions BEGIN
    UPDATE claims SET first_stated_at = (SELECT min(stated_at) FROM attributions WHERE claim_id = NEW.claim_id)
    WHERE id = NEW.claim_id;
END;
CREATE TRIGGER attributions_after_update AFTER UPDATE OF stated_at, claim_id ON attributions BEGIN
    UPDATE claims SET first_stated_at = (SELECT min(stated_at) FROM attributions WHERE claim_id = claims.id)
    WHERE id IN (OLD.claim_id, NEW.claim_id);
END;
CREATE TRIGGER attributions_after_delete AFTER DELETE ON attributions BEGIN
    UPDATE claims SET first_stated_at = (SELECT min(stated_at) FROM attributions WHERE claim_id = OLD.claim_id)
    WHERE id = OLD.claim_id;
END;
