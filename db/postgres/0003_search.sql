-- Full-text search, as SQLite's 0002/0008/0013 build it with FTS5. Each claim is one search document: its text, the
-- quotes attributed to it, and the names and aliases of its sources. claim_search holds the three verbatim (for
-- ts_headline), and from them:
--   words  — a tsvector of whole words, case- and accent-folded, weighted A (text), B (quotes), C (sources): GIN-indexed
--            for word, phrase and prefix queries, ranked by claim_bm25 (FTS5's bm25) with weights 4, 2, 1;
--   folded — the three folded and joined, trigram-indexed (pg_trgm) for substrings ("10,000", "Pyong") by LIKE.
-- Writes only note stale claims (search_pending, 0002); claim_search_refresh rebuilds them in bulk, as SearchIndex does.
-- bm25 is FTS5's formula over the same kinds of counts, so scores (and the matcher fitted on them) carry over up to
-- the tokenizers' differences; it costs about 0.1 ms a hit, where ts_rank_cd (C, but without idf) costs under 0.01.
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

-- A claim's words, weighted A (text), B (quotes), C (sources).
CREATE FUNCTION claim_words_of(text text, quotes text, sources text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN setweight(to_tsvector('claim_words', text), 'A') || setweight(to_tsvector('claim_words', quotes), 'B')
           || setweight(to_tsvector('claim_words', sources), 'C');

-- How many words a document holds (its length for bm25).
CREATE FUNCTION tsvector_tokens(words tsvector) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (SELECT coalesce(sum(cardinality(positions)), 0) FROM unnest(words));

CREATE TABLE claim_search (
    claim_id bigint PRIMARY KEY,
    text     text   NOT NULL,
    quotes   text   NOT NULL,
    sources  text   NOT NULL,
    words    tsvector GENERATED ALWAYS AS (claim_words_of(text, quotes, sources)) STORED,
    tokens   integer  GENERATED ALWAYS AS (tsvector_tokens(claim_words_of(text, quotes, sources))) STORED,
    -- U+0001 between fields: a substring never spans two (queries hold no control characters).
    folded   text   GENERATED ALWAYS AS (claim_fold(text || E'\x01' || quotes || E'\x01' || sources)) STORED
);
CREATE INDEX claim_search_by_words ON claim_search USING gin (words);
CREATE INDEX claim_search_by_grams ON claim_search USING gin (folded gin_trgm_ops);

-- How many claims hold each word, as FTS5's claim_words_vocab ('row'): Matching/ClaimMatcher.cs leaves the commonest
-- words out past a budget of postings. Kept by claim_search_refresh; ts_stat would read the whole index per match.
-- Documents and words in the index, for bm25's idf and average length: one row, kept by claim_search_refresh.
CREATE TABLE claim_search_totals (
    one       boolean PRIMARY KEY DEFAULT TRUE CHECK (one),
    documents bigint  NOT NULL,
    tokens    bigint  NOT NULL
);
INSERT INTO claim_search_totals (documents, tokens) VALUES (0, 0);

CREATE TABLE claim_word_counts (
    term        text   PRIMARY KEY,
    claims      bigint NOT NULL,  -- rows that reach 0 are deleted (no CHECK: an upsert checks its insert row, a delta)
    text_claims bigint NOT NULL   -- claims whose text holds it
);

-- Rebuilds the search documents of the noted claims among claim_ids (dropping those of deleted claims), keeps the
-- word counts and totals, and clears their notes; returns how many it took. Notes another refresh holds are skipped,
-- not waited for, so several API instances can refresh at once. Counts change in term order: no deadlock between two.
CREATE FUNCTION claim_search_refresh(claim_ids bigint[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    taken bigint[];
    before text[];  -- the words of the documents replaced, once per document holding them
    before_in_text text[];
    after text[];
    after_in_text text[];
BEGIN
    taken := ARRAY(SELECT claim_id FROM search_pending WHERE claim_id = ANY (claim_ids)
                   ORDER BY claim_id FOR UPDATE SKIP LOCKED);
    IF cardinality(taken) = 0 THEN
        RETURN 0;
    END IF;
    before := ARRAY(SELECT w.lexeme FROM claim_search s, unnest(s.words) w WHERE s.claim_id = ANY (taken));
    before_in_text := ARRAY(SELECT w.lexeme FROM claim_search s, unnest(s.words) w
                            WHERE s.claim_id = ANY (taken) AND 'A' = ANY (w.weights));
    UPDATE claim_search_totals t SET documents = t.documents - d.documents, tokens = t.tokens - d.tokens
    FROM (SELECT count(*) AS documents, coalesce(sum(tokens), 0) AS tokens FROM claim_search
          WHERE claim_id = ANY (taken)) AS d;
    DELETE FROM claim_search WHERE claim_id = ANY (taken);
    INSERT INTO claim_search (claim_id, text, quotes, sources)
        SELECT claim_id, text, quotes, sources FROM claim_search_content WHERE claim_id = ANY (taken);
    after := ARRAY(SELECT w.lexeme FROM claim_search s, unnest(s.words) w WHERE s.claim_id = ANY (taken));
    after_in_text := ARRAY(SELECT w.lexeme FROM claim_search s, unnest(s.words) w
                           WHERE s.claim_id = ANY (taken) AND 'A' = ANY (w.weights));
    UPDATE claim_search_totals t SET documents = t.documents + d.documents, tokens = t.tokens + d.tokens
    FROM (SELECT count(*) AS documents, coalesce(sum(tokens), 0) AS tokens FROM claim_search
          WHERE claim_id = ANY (taken)) AS d;
    WITH changes (term, claims, text_claims) AS (
        SELECT term, sum(claims), sum(text_claims)
        FROM (SELECT unnest(before), -1, 0 UNION ALL SELECT unnest(after), 1, 0
              UNION ALL SELECT unnest(before_in_text), 0, -1 UNION ALL SELECT unnest(after_in_text), 0, 1)
             AS c (term, claims, text_claims)
        GROUP BY term HAVING sum(claims) <> 0 OR sum(text_claims) <> 0
    )
    INSERT INTO claim_word_counts AS k (term, claims, text_claims)
    SELECT term, claims, text_claims FROM changes ORDER BY term
    ON CONFLICT (term) DO UPDATE SET claims = k.claims + excluded.claims,
                                     text_claims = k.text_claims + excluded.text_claims;
    -- Only a word a replaced document held can reach 0 (a separate statement: one sees the upsert's rows).
    DELETE FROM claim_word_counts WHERE term = ANY (before) AND claims = 0;
    DELETE FROM search_pending WHERE claim_id = ANY (taken);
    RETURN cardinality(taken);
END $$;

-- The idf FTS5's bm25 gives a query term: ln((N - n + 0.5) / (n + 0.5)), at least 1e-6, for N documents of which n
-- hold the term (in_text: in their text, as a query restricted to the text column counts). A term ending in * is a
-- prefix: n sums its words' counts (at most N), where FTS5 counts documents.
CREATE FUNCTION claim_idf(word text, in_text boolean DEFAULT FALSE) RETURNS double precision
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (SELECT greatest(ln((t.documents - n.hits + 0.5) / (n.hits + 0.5)), 1e-6)
            FROM claim_search_totals t,
                 LATERAL (SELECT least(coalesce(sum(CASE WHEN in_text THEN k.text_claims ELSE k.claims END), 0),
                                       t.documents) AS hits
                          FROM claim_word_counts k
                          WHERE k.term BETWEEN rtrim(word, '*')  -- a range of the key, for a word or a prefix
                                           AND rtrim(word, '*') || CASE WHEN right(word, 1) = '*' THEN chr(1114111)
                                                                        ELSE '' END) AS n);

-- The average document length, bm25's avgdl.
CREATE FUNCTION claim_avgdl() RETURNS double precision LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (SELECT tokens::double precision / greatest(documents, 1) FROM claim_search_totals);

-- FTS5's bm25 (k1 = 1.2, b = 0.75, negated: lower is better), for a document's words and length: each query term
-- (a lexeme, or a prefix ending in *) adds idf × f × 2.2 / (f + 1.2 × (0.25 + 0.75 × length / avgdl)), where f sums
-- the column weights (text, quotes, sources) of its occurrences. Compute idf (claim_idf) and avgdl once per query,
-- not per row (e.g. in a MATERIALIZED CTE: an inlined one would call them for every hit).
CREATE FUNCTION claim_bm25(words tsvector, tokens integer, terms text[], idf double precision[],
                           avgdl double precision, column_weights double precision[] DEFAULT '{4, 2, 1}')
    RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN -(SELECT coalesce(sum(idf[q.i] * f.freq * 2.2 / (f.freq + 1.2 * (0.25 + 0.75 * tokens / avgdl))), 0)
             FROM generate_subscripts(terms, 1) AS q (i),
                  LATERAL (SELECT sum(CASE w WHEN 'A' THEN column_weights[1] WHEN 'B' THEN column_weights[2]
                                             WHEN 'C' THEN column_weights[3] ELSE 0 END) AS freq
                           FROM unnest(words) AS l, unnest(l.weights) AS w
                           WHERE CASE WHEN right(terms[q.i], 1) = '*' THEN starts_with(l.lexeme, left(terms[q.i], -1))
                                      ELSE l.lexeme = terms[q.i] END) AS f
             WHERE f.freq > 0);

-- The lexemes of a query, in order, a prefix ending in * (claim_bm25's and claim_idf's terms): read from the query's
-- text form, where each lexeme is quoted ('' for a quote) and followed by its :* or weights.
CREATE FUNCTION claim_query_terms(query tsquery) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ARRAY(SELECT replace(m[1], '''''', '''') || CASE WHEN m[2] LIKE '%*%' THEN '*' ELSE '' END
                 FROM regexp_matches(query::text, '''((?:[^'']|'''')*)''(:[*A-D]+)?', 'g') AS m);

-- The LIKE pattern that finds a substring query term in claim_search.folded: folded the same way, its %, _ and \
-- escaped. As with FTS5's trigram tokenizer, a term of fewer than 3 characters finds nothing (its pattern asks for
-- characters no document holds, and the trigram index answers that at once).
CREATE FUNCTION claim_substring(term text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN '%' || CASE WHEN char_length(claim_fold(term)) < 3 THEN E'\x02\x02\x02'
                       ELSE replace(replace(replace(claim_fold(term), '\', '\\'), '%', '\%'), '_', '\_') END || '%';

-- How a substring hit ranks for one term: bm25's shape (k1 = 1.2, b = 0.75) over its occurrences, weighted 4 in the
-- text, 2 in the quotes, 1 in the sources, the document's length in words (avgdl: claim_avgdl()). pg_trgm has no
-- bm25 over trigrams as FTS5 has, and the idf is left out (one term's is the same for every hit): close to FTS5's order,
-- not its scores.
CREATE FUNCTION claim_substring_bm25(folded text, tokens integer, term text, avgdl double precision)
    RETURNS double precision LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (SELECT coalesce(f.freq * 2.2 / nullif(f.freq + 1.2 * (0.25 + 0.75 * tokens / avgdl), 0), 0)
            FROM (SELECT sum(w.weight * (char_length(w.field) - char_length(replace(w.field, t.term, '')))
                             / char_length(t.term)) AS freq
                  FROM (SELECT claim_fold(term) AS term) AS t,
                       LATERAL (VALUES (4, split_part(folded, E'\x01', 1)), (2, split_part(folded, E'\x01', 2)),
                                       (1, split_part(folded, E'\x01', 3))) AS w (weight, field)
                  WHERE char_length(t.term) >= 3) AS f);
