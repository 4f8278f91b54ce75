-- The search index leaves the row path of writes. Rebuilding a claim's search document in both FTS5
-- tables on every attribution, inside the unit's savepoint, cost more than the rest of the write put
-- together (FTS5 also flushes its pending terms at every savepoint, so each unit wrote new index
-- segments). The triggers now only note which claims changed; Search/SearchIndex.cs re-indexes the
-- noted claims in bulk, in the background and before every read of claim_words/claim_grams, so a read
-- still sees every acknowledged write. The notes are rows of the writing transaction: durable with it.

CREATE TABLE search_pending (claim_id INTEGER PRIMARY KEY) STRICT;

-- The rebuild itself reads claim_search_content once, not once per index: claim_grams copies the row
-- claim_words just stored (FTS5 keeps column values verbatim), a single lookup instead of the view's joins.
DROP TRIGGER claim_search_refresh_insert;
CREATE TRIGGER claim_search_refresh_insert INSTEAD OF INSERT ON claim_search_refresh BEGIN
    DELETE FROM claim_words WHERE rowid = NEW.claim_id;
    DELETE FROM claim_grams WHERE rowid = NEW.claim_id;
    INSERT INTO claim_words (rowid, text, quotes, sources)
        SELECT claim_id, text, quotes, sources FROM claim_search_content WHERE claim_id = NEW.claim_id;
    INSERT INTO claim_grams (rowid, text, quotes, sources)
        SELECT rowid, text, quotes, sources FROM claim_words WHERE rowid = NEW.claim_id;
END;

DROP TRIGGER claims_search_after_insert;
DROP TRIGGER claims_search_after_update;
DROP TRIGGER claims_search_after_delete;
DROP TRIGGER attributions_search_after_insert;
DROP TRIGGER attributions_search_after_update;
DROP TRIGGER attributions_search_after_delete;
DROP TRIGGER sources_search_after_update;
DROP TRIGGER source_aliases_search_after_insert;
DROP TRIGGER source_aliases_search_after_delete;

CREATE TRIGGER claims_search_after_insert AFTER INSERT ON claims BEGIN
    INSERT OR IGNORE INTO search_pending (claim_id) VALUES (NEW.id);
END;
CREATE TRIGGER claims_search_after_update AFTER UPDATE OF text ON claims BEGIN
    INSERT OR IGNORE INTO search_pending (claim_id) VALUES (NEW.id);
END;
CREATE TRIGGER claims_search_after_delete AFTER DELETE ON claims BEGIN
    INSERT OR IGNORE INTO search_pending (claim_id) VALUES (OLD.id);
END;

CREATE TRIGGER attributions_search_after_insert AFTER INSERT ON attributions BEGIN
    INSERT OR IGNORE INTO search_pending (claim_id) VALUES (NEW.claim_id);
END;
CREATE TRIGGER attributions_search_after_update AFTER UPDATE OF quote, source_id, claim_id ON attributions BEGIN
    INSERT OR IGNORE INTO search_pending (claim_id) VALUES (OLD.claim_id), (NEW.claim_id);
END;
CREATE TRIGGER attributions_search_after_delete AFTER DELETE ON attributions BEGIN
    INSERT OR IGNORE INTO search_pending (claim_id) VALUES (OLD.claim_id);
END;

CREATE TRIGGER sources_search_after_update AFTER UPDATE OF name ON sources BEGIN
    INSERT OR IGNORE INTO search_pending (claim_id) SELECT DISTINCT claim_id FROM attributions WHERE source_id = NEW.id;
END;
CREATE TRIGGER source_aliases_search_after_insert AFTER INSERT ON source_aliases BEGIN
    INSERT OR IGNORE INTO search_pending (claim_id) SELECT DISTINCT claim_id FROM attributions WHERE source_id = NEW.source_id;
END;
CREATE TRIGGER source_aliases_search_after_delete AFTER DELETE ON source_aliases BEGIN
    INSERT OR IGNORE INTO search_pending (claim_id) SELECT DISTINCT claim_id FROM attributions WHERE source_id = OLD.source_id;
END;
