-- Ids are never issued twice (issue 16). SQLite gives a new row max(id) + 1, so deleting the newest claim handed its id
-- (and, with versions restarting at 1, its ETag "1" and its history) to the next claim. Deletes now record the highest
-- id each table ever retired, and inserts take the next id above both that and the table's own highest
-- (Data/NewIds.cs): two index seeks inside the INSERT itself, no extra statement. AUTOINCREMENT would do the same but
-- needs each table rebuilt, which with foreign keys on (the migrator's writer) would cascade deletes to the children.
-- Deletes pay one small upsert per row; creates pay nothing more than the seeks.
CREATE TABLE retired_ids (
    table_name TEXT    NOT NULL PRIMARY KEY,
    last_id    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TRIGGER sources_retire_id AFTER DELETE ON sources BEGIN
    INSERT INTO retired_ids (table_name, last_id) VALUES ('sources', OLD.id)
    ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;
CREATE TRIGGER documents_retire_id AFTER DELETE ON documents BEGIN
    INSERT INTO retired_ids (table_name, last_id) VALUES ('documents', OLD.id)
    ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;
CREATE TRIGGER claims_retire_id AFTER DELETE ON claims BEGIN
    INSERT INTO retired_ids (table_name, last_id) VALUES ('claims', OLD.id)
    ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;
CREATE TRIGGER attributions_retire_id AFTER DELETE ON attributions BEGIN
    INSERT INTO retired_ids (table_name, last_id) VALUES ('attributions', OLD.id)
    ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;
CREATE TRIGGER reviews_retire_id AFTER DELETE ON reviews BEGIN
    INSERT INTO retired_ids (table_name, last_id) VALUES ('reviews', OLD.id)
    ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;
CREATE TRIGGER suggestions_retire_id AFTER DELETE ON suggestions BEGIN
    INSERT INTO retired_ids (table_name, last_id) VALUES ('suggestions', OLD.id)
    ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;
CREATE TRIGGER webhooks_retire_id AFTER DELETE ON webhooks BEGIN
    INSERT INTO retired_ids (table_name, last_id) VALUES ('webhooks', OLD.id)
    ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;
CREATE TRIGGER webhook_deliveries_retire_id AFTER DELETE ON webhook_deliveries BEGIN
    INSERT INTO retired_ids (table_name, last_id) VALUES ('webhook_deliveries', OLD.id)
    ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;

-- Ids deleted before this migration are known from the history, which keeps every deleted resource.
INSERT INTO retired_ids (table_name, last_id)
SELECT CASE resource WHEN 'source' THEN 'sources' WHEN 'document' THEN 'documents' WHEN 'claim' THEN 'claims'
                     WHEN 'attribution' THEN 'attributions' ELSE 'reviews' END,
       max(CAST(substr(resource_id, instr(resource_id, '_') + 1) AS INTEGER))
FROM audit_log
WHERE operation = 'delete'
GROUP BY resource;

-- Idempotency-Key records gain the state 'unkept': the request was applied, but its answer is not kept for replay
-- (it showed an API key or a webhook secret, or was over the size cap). Answers already stored that show a secret
-- are dropped here, so no secret stays in plain text in this table.
CREATE TABLE idempotency_keys_0012 (
    owner        TEXT    NOT NULL,
    key          TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('started', 'committed', 'completed', 'unkept')),
    status       INTEGER,
    headers      TEXT,
    body         BLOB,
    created_at   TEXT    NOT NULL,
    PRIMARY KEY (owner, key)
) STRICT, WITHOUT ROWID;
INSERT INTO idempotency_keys_0012 (owner, key, request_hash, state, status, headers, body, created_at)
SELECT owner, key, request_hash, CASE WHEN secret THEN 'unkept' ELSE state END, status, headers,
       CASE WHEN secret THEN NULL ELSE body END, created_at
FROM (SELECT *, state = 'completed' AND (CAST(body AS TEXT) LIKE '%"secret":"whsec\_%' ESCAPE '\'
                                         OR CAST(body AS TEXT) LIKE '%"key":"ct\_%' ESCAPE '\') AS secret
      FROM idempotency_keys);
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_0012 RENAME TO idempotency_keys;
CREATE INDEX idempotency_keys_by_created_at ON idempotency_keys (created_at);
