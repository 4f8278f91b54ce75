-- Interoperability: a review's URL identifies it, so that importing the same ClaimReview twice
-- updates one review instead of creating a second.
-- Reviews that already share a URL keep it on the oldest; later ones get a '#rev_N' fragment,
-- which keeps them distinct and findable instead of failing the migration or dropping data.
UPDATE reviews SET url = url || '#rev_' || id
WHERE url IS NOT NULL AND EXISTS (SELECT 1 FROM reviews older WHERE older.url = reviews.url AND older.id < reviews.id);
CREATE UNIQUE INDEX reviews_by_url ON reviews (url) WHERE url IS NOT NULL;
