-- Issue 15: a claim's embedding is now two models' side by side (Matching/Embedder.cs): all-MiniLM-L6-v2 and
-- Snowflake arctic-embed-xs, 384 int8 dimensions each, 768 bytes. On CLEF-2020 Task 2 train the mean of their cosines
-- ranks the claims a tweet repeats at MAP@5 0.836, MiniLM's alone 0.792. Vectors of the one model are not comparable
-- with the new ones: they go, and every claim waits for the background embedder again (matching is lexical meanwhile).
DELETE FROM claim_embeddings;
INSERT OR IGNORE INTO embedding_pending (claim_id) SELECT id FROM claims;
