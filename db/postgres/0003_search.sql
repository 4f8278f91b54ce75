-- Full-text search, as SQLite's 0002/0008/0013 build it with FTS5. Each claim is one search document: its text, the
-- quotes attributed to it, and the names and aliases of its sources. claim_search holds the three verbatim (for
-- ts_headline), and from them:
--   words  — a tsvector of whole words, case- and accent-folded, weighted A (text), B (quotes), C (sources): GIN-indexed
--            for word, phrase and prefix queries, ranked by ts_rank_cd with weights 4, 2, 1 as bm25 is on SQLite;
--   folded — the three folded and joined, trigram-indexed (pg_trgm) for substrings ("10,000", "Pyong") by LIKE.
-- Writes only note stale claims (search_pending, 0002); claim_search_refresh rebuilds them in bulk, as SearchIndex does.
-- Known differences from FTS5's unicode61 tokenizer: PostgreSQL's parser keeps e-mail addresses, hosts, URLs and
-- decimals ("3.5") as single tokens where FTS5 splits them at punctuation; hyphenated words are indexed as their parts,
-- as on FTS5.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Case and accent folding, as FTS5's remove_diacritics (lower() folds every script: LC_CTYPE is C.UTF-8, see 0001).
-- unaccent() is only STABLE (its dictionary could change); named explicitly it is safe to index.
CREATE FUNCTION claim_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN lower(public.unaccent('public.unaccent'::regdictionary, value));

-- Words: unaccent, then simple (lower-casing, no stemming, no stop words), as unicode61 remove_diacritics 2.
-- Hyphenated words count as their parts only, as FTS5 splits them.
CREATE TEXT SEARCH CONFIGURATION claim_words (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION claim_words
    ALTER MAPPING FOR asciiword, word, numword, hword_asciipart, hword_part, hword_numpart WITH unaccent, simple;
ALTER TEXT SEARCH CONFIGURATION claim_words DROP MAPPING FOR asciihword, hword, numhword;

-- What the search document of a claim contains, one row per claim (sources in id order, each with its aliases).
CREATE VIEW claim_search_content (claim_id, text, quotes, sources) AS
SELECT c.id, c.text,
       coalesce((SELECT string_agg(a.quote, E'\n' ORDER BY a.id) FROM attributions a WHERE a.claim_id = c.id), ''),
       coalesce((SELECT string_agg(s.name || coalesce(E'\n' || (SELECT string_agg(al.alias, E'\n' ORDER BY al.position)
                                                                FROM source_aliases al WHERE al.source_id = s.id), ''),
                                   E'\n' ORDER BY s.id)
                 FROM sources s WHERE s.id IN (SELECT a.source_id FROM attributions a WHERE a.claim_id = c.id)), '')
FROM claims c;

CREATE TABLE claim_search (
    claim_id bigint PRIMARY KEY,
    text     text   NOT NULL,
    quotes   text   NOT NULL,
    sources  text   NOT NULL,
    words    tsvector GENERATED ALWAYS AS (setweight(to_tsvector('claim_words', text), 'A')
                                           || setweight(to_tsvector('claim_words', quotes), 'B')
                                           || setweight(to_tsvector('claim_words', sources), 'C')) STORED,
    -- U+0001 between fields: a substring never spans two (queries hold no control characters).
    folded   text   GENERATED ALWAYS AS (claim_fold(text || E'\x01' || quotes || E'\x01' || sources)) STORED
);
CREATE INDEX claim_search_by_words ON claim_search USING gin (words);
CREATE INDEX claim_search_by_grams ON claim_search USING gin (folded gin_trgm_ops);

-- How many claims hold each word, as FTS5's claim_words_vocab ('row'): Matching/ClaimMatcher.cs leaves the commonest
-- words out past a budget of postings. Kept by claim_search_refresh; ts_stat would read the whole index per match.
CREATE TABLE claim_word_counts (
    term   text   PRIMARY KEY,
    claims bigint NOT NULL CHECK (claims >= 0)  -- rows that reach 0 are deleted
);

-- Rebuilds the search documents of the noted claims among claim_ids (dropping those of deleted claims), keeps the word
-- counts, and clears their notes; returns how many it took. Notes another refresh holds are skipped, not waited for,
-- so several API instances can refresh at once. Counts change in term order, so two refreshes never deadlock on them.
CREATE FUNCTION claim_search_refresh(claim_ids bigint[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    taken bigint[];
    before text[];  -- the words of the documents replaced, once per document holding them
    after text[];
BEGIN
    taken := ARRAY(SELECT claim_id FROM search_pending WHERE claim_id = ANY (claim_ids)
                   ORDER BY claim_id FOR UPDATE SKIP LOCKED);
    IF cardinality(taken) = 0 THEN
        RETURN 0;
    END IF;
    before := ARRAY(SELECT w.lexeme FROM claim_search s, unnest(s.words) w WHERE s.claim_id = ANY (taken));
    DELETE FROM claim_search WHERE claim_id = ANY (taken);
    INSERT INTO claim_search (claim_id, text, quotes, sources)
        SELECT claim_id, text, quotes, sources FROM claim_search_content WHERE claim_id = ANY (taken);
    after := ARRAY(SELECT w.lexeme FROM claim_search s, unnest(s.words) w WHERE s.claim_id = ANY (taken));
    WITH changes (term, change) AS (
        SELECT term, sum(change) FROM (SELECT unnest(before), -1 UNION ALL SELECT unnest(after), 1) AS c (term, change)
        GROUP BY term HAVING sum(change) <> 0
    ), counted AS (
        INSERT INTO claim_word_counts AS k (term, claims) SELECT term, change FROM changes ORDER BY term
        ON CONFLICT (term) DO UPDATE SET claims = k.claims + excluded.claims
        RETURNING term, claims
    )
    DELETE FROM claim_word_counts WHERE term IN (SELECT term FROM counted WHERE claims = 0);
    DELETE FROM search_pending WHERE claim_id = ANY (taken);
    RETURN cardinality(taken);
END $$;
