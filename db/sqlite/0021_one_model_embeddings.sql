-- Issue 15: a claim's embedding now comes from Snowflake arctic-embed-xs (Matching/Embedder.cs), 384 int8 dimensions as
-- before; on CLEF-2020 Task 2 it ranks the claims a tweet repeats better than all-MiniLM-L6-v2 by cosine alone, at the same
-- cost a token. The two models' vectors are not comparable: the stored ones go, and every claim waits for the background
-- embedder again (matching is lexical meanwhile, and says so).
DELETE FROM claim_embeddings;
INSERT OR IGNORE INTO embedding_pending (claim_id) SELECT id FROM claims;
