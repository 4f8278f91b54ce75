using System.Data;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Search;

/// <summary>
/// Ranked search over the claim_words and claim_grams indexes of db/0002_search.sql: whole-word
/// hits first, by bm25 (claim text weighs most, then quotes, then source names), then hits that
/// match only as substrings, by their own bm25. A query with more matches than <see cref="SearchOptions.RankWindow"/> ranks
/// only its newest matches: bm25 pays per hit, and a common word would otherwise score a tenth of the archive per request.
/// </summary>
public sealed class SearchStore(Db db, SearchIndex index, IOptions<SearchOptions> options)
{
    internal const string Words = "claim_words";
    internal const string Grams = "claim_grams";

    // Classes rather than positional records: computed columns have no declared type, which Dapper's constructor matching needs.
    internal sealed class RankedRow
    {
        public long ClaimId { get; init; }
        public long Tier { get; init; }
        public double Score { get; init; }
    }

    public async Task<SearchPage> SearchAsync(SearchQuery query)
    {
        // The request is checked before the index catches up: a bad one is answered without waiting for a write.
        var take = query.Limit ?? PageQuery.DefaultLimit;
        if (take is < 1 or > PageQuery.MaxLimit) throw ApiProblem.Validation("limit", $"limit must be between 1 and {PageQuery.MaxLimit}.");
        var expression = FtsQuery.Translate(query.Q!);
        var filter = query.ToFilter();
        var fingerprint = SearchCursor.Fingerprint(expression, filter);
        var offset = SearchCursor.Decode(query.Cursor, fingerprint);
        await index.CatchUpAsync();
        return await db.ReadAsync(async c =>
        {
            var sources = await ClaimStore.SourcesAsync(c, filter);
            var window = options.Value.RankWindow;
            var ranking = await RankAsync(c, expression, filter, sources, null, new { }, offset, take + 1, window, "q");
            var next = ranking.Rows.Count > take ? SearchCursor.Encode(offset + take, fingerprint) : null;
            return new SearchPage(await SearchHits.LoadAsync(c, expression, ranking.Rows.Take(take).ToList(), offset), next, window, ranking.MoreMatches);
        });
    }

    /// <summary>Ranked hits, best first, and whether a window left older matches unranked.</summary>
    internal sealed record Ranking(IReadOnlyList<RankedRow> Rows, bool MoreMatches);

    /// <summary>
    /// The row ids of the claims an expression finds, best first, among those <paramref name="scope"/> keeps (its conditions on
    /// <c>claims c</c>, with their values in <paramref name="parameters"/>): the ranking of <c>GET /search</c> for routes that answer
    /// in a shape of their own. <paramref name="field"/> names the query parameter in a 400 problem.
    /// </summary>
    internal static async Task<IReadOnlyList<long>> RankAsync(
        IDbConnection c, string expression, SqlWhere scope, object parameters, int offset, int fetch, int window, string field) =>
        (await RankAsync(c, expression, new ClaimFilter(), null, scope, parameters, offset, fetch, window, field)).Rows.Select(r => r.ClaimId).ToList();

    /// <summary>
    /// Whole-word hits first; substring hits only when whole words do not fill the page, so that a common word never reads the
    /// trigram index. Each kind ranks only its newest <paramref name="window"/> matches (see <see cref="SearchOptions.RankWindow"/>).
    /// </summary>
    internal static async Task<Ranking> RankAsync(IDbConnection c, string expression, ClaimFilter filter, IReadOnlyList<long>? sources,
        SqlWhere? scope, object scopeParameters, int offset, int fetch, int window, string field)
    {
        KeptIdfBm25.Register((SqliteConnection)c);
        var words = await WindowAsync(c, WindowStatement(Words, expression, filter, sources, window, scope), scopeParameters, window, field);
        List<RankedRow> rows = words.Matches == 0 ? [] : await RankedAsync(c, RankStatement(expression, filter, sources, offset, fetch, scope, substrings: false, words.Below),
            scopeParameters, field);
        var grams = Window.Empty;
        if (rows.Count < fetch && await MayHaveSubstringHitsAsync(c, expression, field))
        {
            // Without whole-word hits there are none to leave out or to rank first: the word index is not read again.
            var wordHits = words.Matches > 0;
            grams = await WindowAsync(c, WindowStatement(Grams, expression, filter, sources, window, scope, wordHits), scopeParameters, window, field);
            if (grams.Matches > 0)
                rows = await RankedAsync(c, RankStatement(expression, filter, sources, offset, fetch, scope, substrings: true, words.Below, grams.Below, wordHits),
                    scopeParameters, field);
        }
        return new Ranking(rows, words.Truncated || grams.Truncated);
    }

    /// <summary>False when the word index shows that the trigram index holds no hit for the expression (see <see cref="SubstringHint"/>).</summary>
    private static async Task<bool> MayHaveSubstringHitsAsync(IDbConnection c, string expression, string field) =>
        SubstringHint.For(expression) is not { } hint
        || (await QueryIndexAsync<bool>(c, $"SELECT EXISTS (SELECT 1 FROM {Words} WHERE {Words} MATCH @Hint)", new DynamicParameters(new { Hint = hint }), field))[0];

    /// <summary>How many matches one index has, up to one past the window, and the id below which none is ranked (0: none left out).</summary>
    private sealed record Window(long Matches, long Lowest, int Size)
    {
        public static readonly Window Empty = new(0, 0, 0);

        public bool Truncated => Matches > Size;

        public long Below => Truncated ? Lowest : 0;
    }

    private static async Task<Window> WindowAsync(IDbConnection c, (string Sql, DynamicParameters Parameters) statement, object scopeParameters, int size,
        string field)
    {
        var (matches, lowest) = (await QueryIndexAsync<(long, long)>(c, statement.Sql, statement.Parameters.Also(scopeParameters), field)).Single();
        return new Window(matches, lowest, size);
    }

    private static async Task<List<RankedRow>> RankedAsync(IDbConnection c, (string Sql, DynamicParameters Parameters) statement, object scopeParameters,
        string field) =>
        await QueryIndexAsync<RankedRow>(c, statement.Sql, statement.Parameters.Also(scopeParameters), field);

    private static async Task<List<T>> QueryIndexAsync<T>(IDbConnection c, string sql, DynamicParameters parameters, string field)
    {
        try
        {
            return (await c.QueryAsync<T>(sql, parameters)).ToList();
        }
        catch (SqliteException e) when (e.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase))
        {
            // FtsQuery only writes valid expressions; should FTS5 still refuse one, the query is at fault, not the server.
            throw ApiProblem.Validation(field, "The search index could not read this query: " + e.Message.Split(": ")[^1]);
        }
    }

    // Substring hits are those the word index does not also find.
    private const string NotWordHit = $"AND rowid NOT IN (SELECT rowid FROM {Words} WHERE {Words} MATCH @Match)";

    /// <summary>
    /// The ranking statement for a query and filter; the query-plan tests examine exactly this SQL. Only hits with ids above
    /// <paramref name="wordsBelow"/> and <paramref name="gramsBelow"/> (0: every hit) are ranked.
    /// </summary>
    /// <remarks>
    /// With <paramref name="substrings"/> false, only whole-word hits: the same order, for pages that they fill. With
    /// <paramref name="wordHits"/> false (the filter keeps no whole-word hit), only substring hits, and the word index is not read.
    /// </remarks>
    internal static (string Sql, DynamicParameters Parameters) RankStatement(
        string expression, ClaimFilter filter, IReadOnlyList<long>? sources, int offset, int fetch, SqlWhere? scope = null, bool substrings = true,
        long wordsBelow = 0, long gramsBelow = 0, bool wordHits = true)
    {
        var where = ClaimStore.Conditions(scope ?? new SqlWhere(), filter, sources, perHit: true);
        var words = $"SELECT rowid, 0, {Bm25(Words)} FROM {Words} WHERE {Words} MATCH @Match AND rowid > @WordsBelow";
        var grams = $"SELECT rowid, 1, {Bm25(Grams)} FROM {Grams} WHERE {Grams} MATCH @Match AND rowid > @GramsBelow";
        var hits = !substrings ? words
            : !wordHits ? grams
            : $"""
                {words}
                UNION ALL
                {grams} {NotWordHit}
              """;
        var sql = $"""
            WITH hits (claim_id, tier, score) AS (
                {hits}
            )
            SELECT h.claim_id AS ClaimId, h.tier, h.score FROM hits h {ClaimsJoin(where)}
            {where}
            ORDER BY h.tier, h.score, h.claim_id LIMIT @Fetch OFFSET @Offset
            """;
        return (sql, ClaimStore.FilterParameters(filter, sources)
            .Also(new { Match = expression, Fetch = fetch, Offset = offset, WordsBelow = wordsBelow, GramsBelow = gramsBelow }));
    }

    // bm25 with weights 4, 2, 1 for text, quotes and sources; each phrase's IDF is kept between requests (KeptIdfBm25).
    private static string Bm25(string table) => $"{KeptIdfBm25.Name}({table}, @Match, {KeptIdfBm25.VersionOf(table)}, 4.0, 2.0, 1.0)";

    // Every indexed row is a claim: without conditions on claims, the join would only cost a lookup per hit.
    private static string ClaimsJoin(SqlWhere where) => where.ToString().Length == 0 ? "" : "JOIN claims c ON c.id = h.claim_id";

    /// <summary>
    /// How many hits of one index the filter keeps, counting no further than one past <paramref name="window"/>, and the lowest id
    /// among them: FTS5 walks its hits newest first without ranking them, so this costs a step per hit, not a score.
    /// </summary>
    /// <remarks>For the substring index, whole-word hits are left out unless <paramref name="wordHits"/> says the filter keeps none.</remarks>
    internal static (string Sql, DynamicParameters Parameters) WindowStatement(
        string table, string expression, ClaimFilter filter, IReadOnlyList<long>? sources, int window, SqlWhere? scope = null, bool wordHits = true)
    {
        var where = ClaimStore.Conditions(scope ?? new SqlWhere(), filter, sources, perHit: true);
        var sql = $"""
            WITH hits (claim_id) AS (SELECT rowid FROM {table} WHERE {table} MATCH @Match {(table == Grams && wordHits ? NotWordHit : "")})
            SELECT count(*), coalesce(min(claim_id), 0) FROM (
                SELECT h.claim_id FROM hits h {ClaimsJoin(where)}
                {where}
                ORDER BY h.claim_id DESC LIMIT @Window + 1)
            """;
        return (sql, ClaimStore.FilterParameters(filter, sources).Also(new { Match = expression, Window = window }));
    }
}
