-- New ids from a sequence per table (SqlDialect.NextId), not max(id) + 1 inside the INSERT: every serializable writer
-- read the id index's last page, which every other writer of the table wrote, so concurrent writers failed each other.
-- A sequence never goes back, so an id is never issued twice; each starts past the table's highest id and every id it
-- retired (retired_ids). An import restores ids as exported: a row inserted above its sequence moves the sequence past
-- it, so the next new row follows it. Sequences are owned by their column (pg_get_serial_sequence finds them).
CREATE FUNCTION ids_follow_restored() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id > coalesce(pg_sequence_last_value(TG_ARGV[0]::regclass), 0) THEN
        PERFORM setval(TG_ARGV[0]::regclass, NEW.id);
    END IF;
    RETURN NEW;
END $$;

DO $$
DECLARE
    t text;
    highest bigint;
BEGIN
    FOREACH t IN ARRAY ARRAY['claims', 'sources', 'documents', 'attributions', 'reviews', 'webhooks',
                             'webhook_deliveries', 'suggestions']
    LOOP
        EXECUTE format('CREATE SEQUENCE %I OWNED BY %I.id', t || '_id_seq', t);
        EXECUTE format('SELECT greatest(0, (SELECT max(id) FROM %I), (SELECT max(last_id) FROM retired_ids '
                       'WHERE table_name = %L))', t, t) INTO highest;
        PERFORM setval(t || '_id_seq', greatest(highest, 1), highest > 0);
        EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION ids_follow_restored(%L)',
                       t || '_ids_follow_restored', t, t || '_id_seq');
    END LOOP;
END $$;
