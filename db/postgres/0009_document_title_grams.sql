-- SQLite's 0023: GET /documents?q= (the title contains this text) read every document row until a page filled. A
-- trigram index on the lowered title serves the store's lower(title) LIKE '%q%', as claim_search_by_grams serves
-- search's substrings (pg_trgm, db/postgres/0003).
CREATE INDEX documents_by_title_grams ON documents USING gin (lower(title) gin_trgm_ops);
