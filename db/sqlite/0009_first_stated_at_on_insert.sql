-- A new attribution can only lower its claim's first_stated_at, never raise it: compare with the one
-- value stored instead of taking min(stated_at) over every attribution of the claim again. On the
-- scale-0.2 archive that re-read (one row fetch per attribution of the claim) and the unconditional
-- UPDATE of the claim's row made up about a third of an attribution INSERT. Updates and deletes can
-- raise the minimum, so their triggers (0001) still recompute it.

DROP TRIGGER attributions_after_insert;
CREATE TRIGGER attributions_after_insert AFTER INSERT ON attributions WHEN NEW.stated_at IS NOT NULL BEGIN
    UPDATE claims SET first_stated_at = NEW.stated_at
    WHERE id = NEW.claim_id AND (first_stated_at IS NULL OR first_stated_at > NEW.stated_at);
END;
