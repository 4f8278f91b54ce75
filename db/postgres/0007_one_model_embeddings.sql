-- Embeddings from arctic-embed-xs instead of all-MiniLM-L6-v2 (SQLite's 0021): the stored vectors are not comparable and go;
-- every claim is embedded again in the background.
DELETE FROM claim_embeddings;
INSERT INTO embedding_pending (claim_id) SELECT id FROM claims ON CONFLICT DO NOTHING;
