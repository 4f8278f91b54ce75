using System.Data;
using System.Data.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Postgres;
using Dapper;
using Npgsql;

namespace ClaimTracker.Api.Search;

/// <summary>
/// PostgreSQL's search over claim_search (db/postgres/0003_search.sql): whole words through the GIN-indexed tsvector
/// <c>words</c>, ranked by claim_bm25 (FTS5's bm25, weights 4, 2, 1, idf and average length read once per query);
/// substrings through the trigram-indexed <c>folded</c>, ranked by claim_substring_bm25. Matches are marked in C# (<see cref="Highlight"/>).
/// </summary>
internal sealed class PostgresSearch : ISearchEngine
{
    public static readonly PostgresSearch Instance = new();

    private const string Query = "to_tsquery('claim_words', @Words)";

    // Substring hits are those the word index does not also find.
    private const string NotWordHit = $"AND s.claim_id NOT IN (SELECT w.claim_id FROM claim_search w WHERE w.words @@ {Query})";

    public SqlDialect Dialect => SqlDialect.Postgres;

    /// <summary>claim_search_refresh rebuilds the documents, keeps the word counts and totals, and clears the notes.</summary>
    public Task RefreshAsync(IDbConnection c, IDbTransaction tx, IReadOnlyList<long> claims) =>
        c.ExecuteAsync("SELECT claim_search_refresh(@Ids)", new { Ids = PostgresArray.Of(claims) }, tx);

    /// <summary>GIN keeps its own pending list (gin_pending_list_limit, autovacuum): nothing to merge.</summary>
    public bool Merges => false;

    public Task<bool> MergeAsync(IDbConnection c, IDbTransaction tx) => Task.FromResult(false);

    public void Prepare(IDbConnection c) { }

    // idf of each of the query's lexemes and the average length, once per query (an inlined CTE would compute them per hit).
    public string Prelude => $"""
        bm25 AS MATERIALIZED (
            SELECT q.terms, ARRAY(SELECT claim_idf(t.term) FROM unnest(q.terms) WITH ORDINALITY AS t (term, n) ORDER BY t.n) AS idf,
                   claim_avgdl() AS avgdl
            FROM (SELECT claim_query_terms({Query}) AS terms) AS q),
        """;

    public string Hits(string expression, bool substrings, bool scored, bool notWordHits = false)
    {
        // The substring condition and score take one parameter per term (Parameters): they are written per query.
        var query = TsQuery.Parse(expression);
        var grams = query.ToSubstrings(Gram);
        var score = string.Join(" + ", query.Terms.Select((_, i) => $"claim_substring_bm25(s.folded, s.tokens, @{Gram}{i}, b.avgdl)"));
        var hits = (substrings, scored) switch
        {
            (false, true) => $"""
                SELECT s.claim_id, 0, claim_bm25(s.words, s.tokens, b.terms, b.idf, b.avgdl) FROM claim_search s, bm25 b
                WHERE s.words @@ {Query} AND s.claim_id > @WordsBelow
                """,
            (false, false) => $"SELECT s.claim_id FROM claim_search s WHERE s.words @@ {Query}",
            (true, true) => $"SELECT s.claim_id, 1, -({score}) FROM claim_search s, bm25 b WHERE ({grams}) AND s.claim_id > @GramsBelow",
            (true, false) => $"SELECT s.claim_id FROM claim_search s WHERE ({grams})",
        };
        return notWordHits ? $"{hits} {NotWordHit}" : hits;
    }

    public string HintStatement => $"SELECT EXISTS (SELECT 1 FROM claim_search WHERE words @@ {Query})";

    public DynamicParameters Parameters(string expression)
    {
        var query = TsQuery.Parse(expression);
        var parameters = new DynamicParameters(new { Words = query.ToWords() });
        var terms = query.Terms;
        for (var i = 0; i < terms.Count; i++) parameters.Add(Gram + i, terms[i]);
        return parameters;
    }

    private const string Gram = "Gram";

    public async Task<IEnumerable<SearchHits.HighlightRow>> HighlightsAsync(IDbConnection c, bool substrings, string expression,
        IReadOnlyList<long> ids)
    {
        var query = TsQuery.Parse(expression);
        Func<string, string> mark = substrings ? text => Highlight.Substrings(text, query.Terms) : text => Highlight.Words(text, query.PhraseTerms);
        return (await c.QueryAsync<SearchHits.HighlightRow>(
                "SELECT claim_id AS ClaimId, text, quotes, sources FROM claim_search WHERE claim_id = ANY (@Ids)", new { Ids = PostgresArray.Of(ids) }))
            .Select(r => new SearchHits.HighlightRow { ClaimId = r.ClaimId, Text = mark(r.Text), Quotes = mark(r.Quotes), Sources = mark(r.Sources) });
    }

    // TsQuery quotes every term, so this should not happen; any other syntax error is the server's fault, not the query's.
    public string? Refused(DbException e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.SyntaxError } p && p.MessageText.Contains("tsquery", StringComparison.Ordinal)
            ? p.MessageText : null;
}
