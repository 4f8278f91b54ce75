-- The ledger's triggers, as SQLite's 0001, 0008, 0009, 0012 and 0013 keep them, in PL/pgSQL. Row triggers fire in
-- the writing statement, so what they keep commits with the write. UPDATE OF fires, as on SQLite, whenever the column
-- is in the SET list, changed or not.

-- claims.first_stated_at follows the attributions, so that claimDate can default to it and be indexed. An insert can
-- only lower it (SQLite's 0009); updates and deletes can raise it, so they recompute.
CREATE FUNCTION attributions_first_stated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.stated_at IS NOT NULL THEN
            UPDATE claims SET first_stated_at = NEW.stated_at
            WHERE id = NEW.claim_id AND (first_stated_at IS NULL OR first_stated_at > NEW.stated_at);
        END IF;
    ELSE
        UPDATE claims SET first_stated_at = (SELECT min(stated_at) FROM attributions WHERE claim_id = claims.id)
        WHERE id = OLD.claim_id;
        IF TG_OP = 'UPDATE' AND NEW.claim_id <> OLD.claim_id THEN
            UPDATE claims SET first_stated_at = (SELECT min(stated_at) FROM attributions WHERE claim_id = claims.id)
            WHERE id = NEW.claim_id;
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER attributions_first_stated_at AFTER INSERT OR DELETE OR UPDATE OF stated_at, claim_id ON attributions
    FOR EACH ROW EXECUTE FUNCTION attributions_first_stated_at();

-- Ids are never issued twice: a delete records the highest id its table ever retired (TG_TABLE_NAME names the table).
CREATE FUNCTION retire_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO retired_ids (table_name, last_id) VALUES (TG_TABLE_NAME, OLD.id)
    ON CONFLICT (table_name) DO UPDATE SET last_id = greatest(retired_ids.last_id, excluded.last_id);
    RETURN NULL;
END $$;
CREATE TRIGGER sources_retire_id AFTER DELETE ON sources FOR EACH ROW EXECUTE FUNCTION retire_id();
CREATE TRIGGER documents_retire_id AFTER DELETE ON documents FOR EACH ROW EXECUTE FUNCTION retire_id();
CREATE TRIGGER claims_retire_id AFTER DELETE ON claims FOR EACH ROW EXECUTE FUNCTION retire_id();
CREATE TRIGGER attributions_retire_id AFTER DELETE ON attributions FOR EACH ROW EXECUTE FUNCTION retire_id();
CREATE TRIGGER reviews_retire_id AFTER DELETE ON reviews FOR EACH ROW EXECUTE FUNCTION retire_id();
CREATE TRIGGER suggestions_retire_id AFTER DELETE ON suggestions FOR EACH ROW EXECUTE FUNCTION retire_id();
CREATE TRIGGER webhooks_retire_id AFTER DELETE ON webhooks FOR EACH ROW EXECUTE FUNCTION retire_id();
CREATE TRIGGER webhook_deliveries_retire_id AFTER DELETE ON webhook_deliveries FOR EACH ROW EXECUTE FUNCTION retire_id();

-- Search documents: writes only note which claims changed; 0003's claim_search_refresh re-indexes them in bulk.
-- A note already there is updated, not skipped: the refresh holding it (0003) then makes the write wait, so a write that
-- commits while a refresh runs keeps its note for the next refresh instead of seeing it cleared with the older one.
CREATE FUNCTION note_search_pending(claim_ids bigint[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO search_pending (claim_id) SELECT DISTINCT unnest(claim_ids) ORDER BY 1
    ON CONFLICT (claim_id) DO UPDATE SET claim_id = excluded.claim_id;
$$;

CREATE FUNCTION claims_search_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM note_search_pending(ARRAY[OLD.id]);
    ELSE
        PERFORM note_search_pending(ARRAY[NEW.id]);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER claims_search_note AFTER INSERT OR DELETE OR UPDATE OF text ON claims
    FOR EACH ROW EXECUTE FUNCTION claims_search_note();

CREATE FUNCTION attributions_search_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM note_search_pending(ARRAY[NEW.claim_id]);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM note_search_pending(ARRAY[OLD.claim_id]);
    ELSE
        PERFORM note_search_pending(ARRAY[OLD.claim_id, NEW.claim_id]);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER attributions_search_note AFTER INSERT OR DELETE OR UPDATE OF quote, source_id, claim_id ON attributions
    FOR EACH ROW EXECUTE FUNCTION attributions_search_note();

-- A renamed source, or changed aliases, change the documents of every claim it made.
CREATE FUNCTION note_search_pending_of_source(source bigint) RETURNS void LANGUAGE sql AS $$
    SELECT note_search_pending(ARRAY(SELECT claim_id FROM attributions WHERE source_id = source));
$$;

CREATE FUNCTION sources_search_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM note_search_pending_of_source(NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER sources_search_note AFTER UPDATE OF name ON sources
    FOR EACH ROW EXECUTE FUNCTION sources_search_note();

CREATE FUNCTION source_aliases_search_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM note_search_pending_of_source(OLD.source_id);
    ELSE
        PERFORM note_search_pending_of_source(NEW.source_id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER source_aliases_search_note AFTER INSERT OR DELETE ON source_aliases
    FOR EACH ROW EXECUTE FUNCTION source_aliases_search_note();

-- Embeddings (SQLite's 0013): a new claim waits for one; a changed text drops the stored vector at once.
CREATE FUNCTION claims_embedding_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM embedding_pending WHERE claim_id = OLD.id;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM claim_embeddings WHERE claim_id = NEW.id;
    END IF;
    INSERT INTO embedding_pending (claim_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER claims_embedding_note AFTER INSERT OR DELETE OR UPDATE OF text ON claims
    FOR EACH ROW EXECUTE FUNCTION claims_embedding_note();
