-- What a source said pages in attribution id order (GET /sources/{id}/claims, GET /attributions?sourceId=). No index
-- gave that order for a source: attributions_by_source (source_id, stance, claim_id) serves claims in claim order, so
-- SQLite either sorted every row of the source or walked attributions_by_stance across the whole archive, which it
-- chose with no statistics (44 req/s on a freshly imported 100k archive, issue 17). This index walks one source's rows
-- in id order and tests the stance inside the index, so a page reads about one page of rows for a common stance and
-- at most the source's own entries for a rare one; AttributionStore names it with INDEXED BY.
CREATE INDEX attributions_by_source_in_id_order ON attributions (source_id, id, stance);
