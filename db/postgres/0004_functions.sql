-- SQLite's functions that the stores call, in SQL, so that their statements read the same on both engines.

-- instr(haystack, needle): where needle first occurs (1-based), 0 when it does not; the stores' q filters test > 0.
CREATE FUNCTION instr(haystack text, needle text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN strpos(haystack, needle);

-- site_matches(url, site): FactCheckTools/ReviewSite.Matches, which SQLite gets as a C# function on each connection.
-- True when the URL's host (lower case, without "www." and port) is the site or one of its subdomains: a review at
-- factcheck.afp.com is on afp.com. A string that is no absolute URL has no host ('' as ReviewSite.Of gives).
CREATE FUNCTION review_site(url text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN regexp_replace(lower(coalesce(substring(url FROM '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]*)'), '')),
                          '^www\.', '');

CREATE FUNCTION site_matches(url text, site text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN review_site(url) = site OR right(review_site(url), length(site) + 1) = '.' || site;

-- json_each(ids): SQLite's json_each over a JSON array of ids, the one form the stores use it in:
-- `x IN (SELECT value FROM json_each(@Ids))` with the ids as JSON text. It takes text, so Npgsql's text parameter
-- resolves to it, not to pg_catalog.json_each(json) (no implicit cast from text to json). Not STRICT, so the planner
-- inlines it: a hash of the ids, then an index scan per id (measured at 200,000 claims: 100 ids cost 1.15 ms a
-- statement, 0.8 ms as `= ANY (bigint[])`; one id 0.45-0.6 ms against 0.2-0.3 ms; pgbench, load average 9-15).
CREATE FUNCTION json_each(ids text) RETURNS TABLE (value bigint) LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT e::bigint FROM json_array_elements_text(ids::json) AS e $$;

-- json_group_array(value ORDER BY …): SQLite's aggregate, written as compactly: ["a","b"], and [] over no rows
-- (json_agg spaces its output and gives NULL over no rows). The values are gathered by the built-in array_append.
CREATE FUNCTION json_group_array_text(vals anycompatiblearray) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_json(vals)::text $$;
CREATE AGGREGATE json_group_array(anycompatible) (
    SFUNC = array_append, STYPE = anycompatiblearray, FINALFUNC = json_group_array_text, INITCOND = '{}'
);

-- json_array(…): SQLite's array constructor for the one shape the stores build, a source as [id, slug, name, kind].
CREATE FUNCTION json_array(id bigint, slug text, name text, kind text) RETURNS json LANGUAGE sql IMMUTABLE
    PARALLEL SAFE RETURN json_build_array(id, slug, name, kind);

-- json_group_object(key, value): SQLite's aggregate, {} over no rows (json_object_agg gives NULL); the import jobs'
-- counts per type, read back as JSON, so its spacing does not matter.
CREATE FUNCTION json_group_object_add(counts jsonb, key text, value anycompatible) RETURNS jsonb LANGUAGE sql
    IMMUTABLE PARALLEL SAFE AS $$ SELECT counts || jsonb_build_object(key, value) $$;
CREATE FUNCTION json_group_object_text(counts jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN counts::text;
CREATE AGGREGATE json_group_object(text, anycompatible) (
    SFUNC = json_group_object_add, STYPE = jsonb, FINALFUNC = json_group_object_text, INITCOND = '{}'
);
