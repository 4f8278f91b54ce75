-- Reviews gain a title (issue 19): ClaimReview markup carries the fact-check's headline (or name), and Google's Fact
-- Check Tools sends it as claimReview[].title; without a column it was dropped on import and could never be published.
ALTER TABLE reviews ADD COLUMN title TEXT;
