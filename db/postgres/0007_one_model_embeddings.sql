-- Embeddings of two models side by side (SQLite's 0019): 768 bytes a claim, all-MiniLM-L6-v2 then arctic-embed-xs. The
-- one-model vectors go and every claim is embedded again in the background.
DELETE FROM claim_embeddings;
INSERT INTO embedding_pending (claim_id) SELECT id FROM claims ON CONFLICT DO NOTHING;
