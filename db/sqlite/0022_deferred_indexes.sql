-- Secondary indexes an import job into an empty database (a restore) dropped for its load, with their own definitions:
-- created again from here when the load ends, however it ends, and by a later job that finds them still listed after a
-- crash (ImportJobs/BulkRestore.cs). Empty whenever no restore is under way.
CREATE TABLE deferred_indexes (
    name TEXT NOT NULL PRIMARY KEY,
    sql  TEXT NOT NULL
) STRICT;
