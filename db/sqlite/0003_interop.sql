-- Interoperability: a review's URL identifies it, so that importing the same ClaimReview twice
-- updates one review instead of creating a second.
-- Reviews that already share a URL keep it on the oldest; later ones get a '#rev_N' fragment,
-- which keeps them distinct and findable instead of failing the migration or dropping data.
-- (One sort of the reviews by URL: the first wording compared every review with every other.)
UPDATE reviews SET url = url || '#rev_' || id
WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY url ORDER BY id) AS nth FROM reviews WHERE url IS NOT NULL)
             WHERE nth > 1);
CREATE UNIQUE INDEX reviews_by_url ON reviews (url) WHERE url IS NOT NULL;
