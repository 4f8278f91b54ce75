using System.Data;
using System.Text.Json;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Sources;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Api.Search;

/// <summary>
/// Ranked search over the claim_words and claim_grams indexes of db/0002_search.sql: whole-word
/// hits first, by bm25 (claim text weighs most, then quotes, then source names), then hits that
/// match only as substrings, by their own bm25.
/// </summary>
public sealed class SearchStore(Db db, SearchIndex index)
{
    private const string Words = "claim_words";
    private const string Grams = "claim_grams";

    // Classes rather than positional records: computed columns have no declared type, which Dapper's constructor matching needs.
    private sealed class RankedRow
    {
        public long ClaimId { get; init; }
        public long Tier { get; init; }
        public double Score { get; init; }
    }

    private sealed class HighlightRow
    {
        public long ClaimId { get; init; }
        public string Text { get; init; } = "";
        public string Quotes { get; init; } = "";
        public string Sources { get; init; } = "";
    }

    public async Task<Page<SearchHit>> SearchAsync(SearchQuery query)
    {
        await index.CatchUpAsync();
        return await db.ReadAsync(c => SearchAsync(c, query));
    }

    private static async Task<Page<SearchHit>> SearchAsync(SqliteConnection c, SearchQuery query)
    {
        var take = query.Limit ?? PageQuery.DefaultLimit;
        if (take is < 1 or > PageQuery.MaxLimit) throw ApiProblem.Validation("limit", $"limit must be between 1 and {PageQuery.MaxLimit}.");
        var expression = FtsQuery.Translate(query.Q!);
        var filter = query.ToFilter();
        var fingerprint = SearchCursor.Fingerprint(expression, filter);
        var offset = SearchCursor.Decode(query.Cursor, fingerprint);
        var sources = await ClaimStore.SourcesAsync(c, filter);
        // Substring hits rank after every whole-word hit, so when whole words fill the page the trigram index is not read at all.
        var (sql, parameters) = RankStatement(expression, filter, sources, offset, take + 1, substrings: false);
        var rows = await QueryRankedAsync(c, sql, parameters, "q");
        if (rows.Count <= take)
        {
            (sql, parameters) = RankStatement(expression, filter, sources, offset, take + 1);
            rows = await QueryRankedAsync(c, sql, parameters, "q");
        }
        var next = rows.Count > take ? SearchCursor.Encode(offset + take, fingerprint) : null;
        return new Page<SearchHit>(await HitsAsync(c, expression, rows.Take(take).ToList(), offset), next);
    }

    /// <summary>
    /// The row ids of the claims an expression finds, best first, among those <paramref name="scope"/> keeps (its conditions on
    /// <c>claims c</c>, with their values in <paramref name="parameters"/>): the ranking of <c>GET /search</c> for routes that answer
    /// in a shape of their own. <paramref name="field"/> names the query parameter in a 400 problem.
    /// </summary>
    internal static async Task<IReadOnlyList<long>> RankAsync(
        IDbConnection c, string expression, SqlWhere scope, object parameters, int offset, int fetch, string field)
    {
        var (sql, rankParameters) = RankStatement(expression, new ClaimFilter(), null, offset, fetch, scope);
        return (await QueryRankedAsync(c, sql, rankParameters.Also(parameters), field)).Select(r => r.ClaimId).ToList();
    }

    private static async Task<List<RankedRow>> QueryRankedAsync(IDbConnection c, string sql, DynamicParameters parameters, string field)
    {
        try
        {
            return (await c.QueryAsync<RankedRow>(sql, parameters)).ToList();
        }
        catch (SqliteException e) when (e.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase))
        {
            // FtsQuery only writes valid expressions; should FTS5 still refuse one, the query is at fault, not the server.
            throw ApiProblem.Validation(field, "The search index could not read this query: " + e.Message.Split(": ")[^1]);
        }
    }

    /// <summary>The ranking statement for a query and filter; the query-plan tests examine exactly this SQL.</summary>
    /// <remarks>With <paramref name="substrings"/> false, only whole-word hits: the same order, for pages that they fill.</remarks>
    internal static (string Sql, DynamicParameters Parameters) RankStatement(
        string expression, ClaimFilter filter, IReadOnlyList<long>? sources, int offset, int fetch, SqlWhere? scope = null, bool substrings = true)
    {
        var where = ClaimStore.Conditions(scope ?? new SqlWhere(), filter, sources);
        var grams = substrings
            ? $"""
                UNION ALL
                SELECT rowid, 1, bm25({Grams}, 4.0, 2.0, 1.0) FROM {Grams} WHERE {Grams} MATCH @Match
                    AND rowid NOT IN (SELECT rowid FROM {Words} WHERE {Words} MATCH @Match)
              """
            : "";
        var sql = $"""
            WITH hits (claim_id, tier, score) AS (
                SELECT rowid, 0, bm25({Words}, 4.0, 2.0, 1.0) FROM {Words} WHERE {Words} MATCH @Match
                {grams}
            )
            SELECT h.claim_id AS ClaimId, h.tier, h.score FROM hits h JOIN claims c ON c.id = h.claim_id
            {where}
            ORDER BY h.tier, h.score, h.claim_id LIMIT @Fetch OFFSET @Offset
            """;
        return (sql, ClaimStore.FilterParameters(filter, sources).Also(new { Match = expression, Fetch = fetch, Offset = offset }));
    }

    private static async Task<IReadOnlyList<SearchHit>> HitsAsync(IDbConnection c, string expression, IReadOnlyList<RankedRow> rows, int offset)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.ClaimId).ToList();
        var claims = await ClaimStore.LoadAsync(c, null, ids);
        var highlights = (await HighlightsAsync(c, Words, expression, rows.Where(r => r.Tier == 0)))
            .Concat(await HighlightsAsync(c, Grams, expression, rows.Where(r => r.Tier == 1)))
            .ToDictionary(h => h.ClaimId);
        var statedBy = await StatedByAsync(c, ids);
        return rows.Select((row, i) =>
        {
            var highlight = highlights[row.ClaimId];
            var fields = new[] { (SearchField.text, highlight.Text), (SearchField.quote, highlight.Quotes), (SearchField.source, highlight.Sources) };
            var matched = fields.Where(f => Snippet.HasMatch(f.Item2)).ToList();
            var (field, text) = matched.Count > 0 ? matched[0] : fields[0];
            return new SearchHit(claims[Ids.Format(Ids.Claim, row.ClaimId)], offset + i + 1, Math.Round(-row.Score, 4),
                row.Tier == 0 ? MatchKind.words : MatchKind.substring, matched.Select(f => f.Item1).ToList(), field, Snippet.Cut(text),
                statedBy[row.ClaimId].ToList());
        }).ToList();
    }

    private static async Task<IEnumerable<HighlightRow>> HighlightsAsync(IDbConnection c, string table, string expression, IEnumerable<RankedRow> rows)
    {
        var ids = rows.Select(r => r.ClaimId).ToList();
        if (ids.Count == 0) return [];
        return await c.QueryAsync<HighlightRow>($"""
            SELECT rowid AS ClaimId, highlight({table}, 0, '{Snippet.Open}', '{Snippet.Close}') AS Text,
                   highlight({table}, 1, '{Snippet.Open}', '{Snippet.Close}') AS Quotes,
                   highlight({table}, 2, '{Snippet.Open}', '{Snippet.Close}') AS Sources
            FROM {table} WHERE {table} MATCH @Match AND rowid IN (SELECT value FROM json_each(@Ids))
            """, new { Match = expression, Ids = JsonSerializer.Serialize(ids) });
    }

    /// <summary>Each claim's sources with the stances they took, in the order they were first recorded.</summary>
    private static async Task<ILookup<long, StatedBy>> StatedByAsync(IDbConnection c, IReadOnlyList<long> claimIds)
    {
        var rows = (await c.QueryAsync<(long ClaimId, long SourceId, string Stance)>("""
            SELECT a.claim_id, a.source_id, a.stance FROM attributions a
            WHERE a.claim_id IN (SELECT value FROM json_each(@Ids))
            GROUP BY a.claim_id, a.source_id, a.stance
            ORDER BY a.claim_id, min(a.id)
            """, new { Ids = JsonSerializer.Serialize(claimIds) })).ToList();
        var sources = await SourceStore.RefsAsync(c, null, rows.Select(r => r.SourceId));
        return rows.ToLookup(r => r.ClaimId, r => new StatedBy(sources[r.SourceId], Enum.Parse<Stance>(r.Stance)));
    }
}
