-- SQLite's 0022, for the same schema on both engines: the indexes a restore dropped for its load, with their
-- definitions. PostgreSQL imports keep their indexes (the bulk restore is SQLite's), so it stays empty here.
CREATE TABLE deferred_indexes (
    name text NOT NULL PRIMARY KEY,
    sql  text NOT NULL
);
