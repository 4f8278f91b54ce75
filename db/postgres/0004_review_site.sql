-- site_matches(url, site): FactCheckTools/ReviewSite.Matches, which SQLite gets as a C# function on each connection.
-- True when the URL's host (lower case, without "www." and port) is the site or one of its subdomains: a review at
-- factcheck.afp.com is on afp.com. A string that is no absolute URL has no host ('' as ReviewSite.Of gives).
CREATE FUNCTION review_site(url text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN regexp_replace(lower(coalesce(substring(url FROM '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]*)'), '')),
                          '^www\.', '');

CREATE FUNCTION site_matches(url text, site text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN review_site(url) = site OR right(review_site(url), length(site) + 1) = '.' || site;
