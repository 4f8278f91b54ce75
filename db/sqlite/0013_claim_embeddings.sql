-- Issue 15: matching by meaning. Each claim's sentence embedding (all-MiniLM-L6-v2, 384 dimensions, stored as int8) is
-- kept with the claim. Writes only note which claims need one; Matching/EmbeddingIndexer.cs computes them in the
-- background, so no write waits for the model, and matching works lexically until they exist.

CREATE TABLE claim_embeddings (
    claim_id INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
    vector   BLOB    NOT NULL
) STRICT;

CREATE TABLE embedding_pending (claim_id INTEGER PRIMARY KEY) STRICT;

-- Claims made before this migration are embedded by the indexer too.
INSERT INTO embedding_pending (claim_id) SELECT id FROM claims;

CREATE TRIGGER claims_embedding_after_insert AFTER INSERT ON claims BEGIN
    INSERT OR IGNORE INTO embedding_pending (claim_id) VALUES (NEW.id);
END;
-- A changed text makes the stored vector wrong: it goes at once, and the claim waits for a new one.
CREATE TRIGGER claims_embedding_after_update AFTER UPDATE OF text ON claims BEGIN
    DELETE FROM claim_embeddings WHERE claim_id = NEW.id;
    INSERT OR IGNORE INTO embedding_pending (claim_id) VALUES (NEW.id);
END;
CREATE TRIGGER claims_embedding_after_delete AFTER DELETE ON claims BEGIN
    DELETE FROM embedding_pending WHERE claim_id = OLD.id;
END;

-- How many claims hold each word, for the lexical candidates: a word in a large share of the archive adds little to bm25
-- and costs a step per claim holding it, so Matching/ClaimMatcher.cs leaves the commonest out past a budget of postings.
CREATE VIRTUAL TABLE claim_words_vocab USING fts5vocab (claim_words, 'row');
