-- Full-text search over claims: each claim is one search document made of its text, the quotes
-- attributed to it, and the names and aliases of the sources that made it. Two FTS5 indexes hold it:
--   claim_words — whole words, case- and accent-folded, for bm25-ranked word, phrase and prefix search;
--   claim_grams — trigrams, case- and accent-folded, for substrings ("10,000", "Pyong").
-- Triggers keep both in step with every write, inside the writing transaction.

CREATE VIRTUAL TABLE claim_words USING fts5 (text, quotes, sources, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE claim_grams USING fts5 (text, quotes, sources, tokenize = 'trigram remove_diacritics 1');

-- What the search document of a claim contains, one row per claim.
CREATE VIEW claim_search_content (claim_id, text, quotes, sources) AS
SELECT c.id, c.text,
       coalesce((SELECT group_concat(a.quote, char(10)) FROM attributions a WHERE a.claim_id = c.id), ''),
       coalesce((SELECT group_concat(s.name || coalesce(char(10) || (SELECT group_concat(al.alias, char(10))
                                                                     FROM source_aliases al WHERE al.source_id = s.id), ''), char(10))
                 FROM sources s WHERE s.id IN (SELECT a.source_id FROM attributions a WHERE a.claim_id = c.id)), '')
FROM claims c;

-- Inserting a claim id here rebuilds that claim's search document (or drops it when the claim is gone):
-- the one place the rebuild is written, which every trigger below calls.
CREATE VIEW claim_search_refresh (claim_id) AS SELECT id FROM claims WHERE 0;
CREATE TRIGGER claim_search_refresh_insert INSTEAD OF INSERT ON claim_search_refresh BEGIN
    DELETE FROM claim_words WHERE rowid = NEW.claim_id;
    DELETE FROM claim_grams WHERE rowid = NEW.claim_id;
    INSERT INTO claim_words (rowid, text, quotes, sources)
        SELECT claim_id, text, quotes, sources FROM claim_search_content WHERE claim_id = NEW.claim_id;
    INSERT INTO claim_grams (rowid, text, quotes, sources)
        SELECT claim_id, text, quotes, sources FROM claim_search_content WHERE claim_id = NEW.claim_id;
END;

CREATE TRIGGER claims_search_after_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claim_search_refresh (claim_id) VALUES (NEW.id);
END;
CREATE TRIGGER claims_search_after_update AFTER UPDATE OF text ON claims BEGIN
    INSERT INTO claim_search_refresh (claim_id) VALUES (NEW.id);
END;
CREATE TRIGGER claims_search_after_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claim_search_refresh (claim_id) VALUES (OLD.id);
END;

CREATE TRIGGER attributions_search_after_insert AFTER INSERT ON attributions BEGIN
    INSERT INTO claim_search_refresh (claim_id) VALUES (NEW.claim_id);
END;
CREATE TRIGGER attributions_search_after_update AFTER UPDATE OF quote, source_id, claim_id ON attributions BEGIN
    INSERT INTO claim_search_refresh (claim_id) SELECT DISTINCT value FROM json_each(json_array(OLD.claim_id, NEW.claim_id));
END;
CREATE TRIGGER attributions_search_after_delete AFTER DELETE ON attributions BEGIN
    INSERT INTO claim_search_refresh (claim_id) VALUES (OLD.claim_id);
END;

-- A renamed source, or changed aliases, change the documents of every claim it made.
CREATE TRIGGER sources_search_after_update AFTER UPDATE OF name ON sources BEGIN
    INSERT INTO claim_search_refresh (claim_id) SELECT DISTINCT claim_id FROM attributions WHERE source_id = NEW.id;
END;
CREATE TRIGGER source_aliases_search_after_insert AFTER INSERT ON source_aliases BEGIN
    INSERT INTO claim_search_refresh (claim_id) SELECT DISTINCT claim_id FROM attributions WHERE source_id = NEW.source_id;
END;
CREATE TRIGGER source_aliases_search_after_delete AFTER DELETE ON source_aliases BEGIN
    INSERT INTO claim_search_refresh (claim_id) SELECT DISTINCT claim_id FROM attributions WHERE source_id = OLD.source_id;
END;

INSERT INTO claim_search_refresh (claim_id) SELECT id FROM claims;

-- Contested claims start from the denials and retractions and look for an assertion of the same claim.
CREATE INDEX attributions_by_claim_stance ON attributions (claim_id, stance, source_id);
