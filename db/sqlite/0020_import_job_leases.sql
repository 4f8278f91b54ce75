-- Which process runs a job, and until when that holds without news from it. Several API instances on one database (and
-- the command line's import beside a server) take a job only when no live lease is on it; the runner renews the lease
-- in each batch's own transaction and a batch commits only while its runner still holds it, so no line runs twice even
-- when a slow runner's lease ran out. A process that dies leaves its lease to run out; another then resumes the job.
ALTER TABLE import_jobs ADD COLUMN runner TEXT;
ALTER TABLE import_jobs ADD COLUMN lease_until TEXT;
