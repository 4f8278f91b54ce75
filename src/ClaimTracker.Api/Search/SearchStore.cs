using System.Data;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Dapper;
using System.Data.Common;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Search;

/// <summary>
/// Ranked search over the engine's word and substring indexes (<see cref="ISearchEngine"/>): whole-word
/// hits first, by bm25 (claim text weighs most, then quotes, then source names), then hits that
/// match only as substrings, by their own score. A query with more matches than <see cref="SearchOptions.RankWindow"/> ranks
/// only its newest matches: bm25 pays per hit, and a common word would otherwise score a tenth of the archive per request.
/// </summary>
public sealed class SearchStore(Db db, SearchIndex index, IOptions<SearchOptions> options)
{
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
        var engine = ISearchEngine.For(c);
        engine.Prepare(c);
        var words = await WindowAsync(c, engine, WindowStatement(engine, substrings: false, expression, filter, sources, window, scope), scopeParameters, window, field);
        List<RankedRow> rows = words.Matches == 0 ? [] : await RankedAsync(c, engine,
            RankStatement(engine, expression, filter, sources, offset, fetch, scope, substrings: false, words.Below), scopeParameters, field);
        var grams = Window.Empty;
        if (rows.Count < fetch && await MayHaveSubstringHitsAsync(c, engine, expression, field))
        {
            // Without whole-word hits there are none to leave out or to rank first: the word index is not read again.
            var wordHits = words.Matches > 0;
            grams = await WindowAsync(c, engine, WindowStatement(engine, substrings: true, expression, filter, sources, window, scope, wordHits),
                scopeParameters, window, field);
            if (grams.Matches > 0)
                rows = await RankedAsync(c, engine,
                    RankStatement(engine, expression, filter, sources, offset, fetch, scope, substrings: true, words.Below, grams.Below, wordHits),
                    scopeParameters, field);
        }
        return new Ranking(rows, words.Truncated || grams.Truncated);
    }

    /// <summary>False when the word index shows that the trigram index holds no hit for the expression (see <see cref="SubstringHint"/>).</summary>
    private static async Task<bool> MayHaveSubstringHitsAsync(IDbConnection c, ISearchEngine engine, string expression, string field) =>
        SubstringHint.For(expression) is not { } hint
        || (await QueryIndexAsync<bool>(c, engine, engine.HintStatement, engine.Parameters(hint), field))[0];

    /// <summary>How many matches one index has, up to one past the window, and the id below which none is ranked (0: none left out).</summary>
    private sealed record Window(long Matches, long Lowest, int Size)
    {
        public static readonly Window Empty = new(0, 0, 0);

        public bool Truncated => Matches > Size;

        public long Below => Truncated ? Lowest : 0;
    }

    private static async Task<Window> WindowAsync(IDbConnection c, ISearchEngine engine, (string Sql, DynamicParameters Parameters) statement, object scopeParameters, int size,
        string field)
    {
        var (matches, lowest) = (await QueryIndexAsync<(long, long)>(c, engine, statement.Sql, statement.Parameters.Also(scopeParameters), field)).Single();
        return new Window(matches, lowest, size);
    }

    private static async Task<List<RankedRow>> RankedAsync(IDbConnection c, ISearchEngine engine, (string Sql, DynamicParameters Parameters) statement,
        object scopeParameters, string field) =>
        await QueryIndexAsync<RankedRow>(c, engine, statement.Sql, statement.Parameters.Also(scopeParameters), field);

    private static async Task<List<T>> QueryIndexAsync<T>(IDbConnection c, ISearchEngine engine, string sql, DynamicParameters parameters,
        string field)
    {
        try
        {
            return (await c.QueryAsync<T>(sql, parameters)).ToList();
        }
        catch (DbException e) when (engine.Refused(e) is { } reason)
        {
            // FtsQuery only writes valid expressions; should the index still refuse one, the query is at fault, not the server.
            throw ApiProblem.Validation(field, "The search index could not read this query: " + reason);
        }
    }

    /// <summary>
    /// The ranking statement for a query and filter; the query-plan tests examine exactly this SQL. Only hits with ids above
    /// <paramref name="wordsBelow"/> and <paramref name="gramsBelow"/> (0: every hit) are ranked.
    /// </summary>
    /// <remarks>
    /// With <paramref name="substrings"/> false, only whole-word hits: the same order, for pages that they fill. With
    /// <paramref name="wordHits"/> false (the filter keeps no whole-word hit), only substring hits, and the word index is not read.
    /// </remarks>
    internal static (string Sql, DynamicParameters Parameters) RankStatement(ISearchEngine engine,
        string expression, ClaimFilter filter, IReadOnlyList<long>? sources, int offset, int fetch, SqlWhere? scope = null, bool substrings = true,
        long wordsBelow = 0, long gramsBelow = 0, bool wordHits = true)
    {
        var where = HitConditions(engine, filter, sources, scope);
        var words = engine.Hits(expression, substrings: false, scored: true);
        var hits = !substrings ? words
            : !wordHits ? engine.Hits(expression, substrings: true, scored: true)
            : $"""
                {words}
                UNION ALL
                {engine.Hits(expression, substrings: true, scored: true, notWordHits: true)}
              """;
        var sql = $"""
            WITH {engine.Prelude}hits (claim_id, tier, score) AS (
                {hits}
            )
            SELECT h.claim_id AS ClaimId, h.tier, h.score FROM hits h {ClaimsJoin(filter, scope)}
            {where}
            ORDER BY h.tier, h.score, h.claim_id LIMIT @Fetch OFFSET @Offset
            """;
        return (sql, ClaimStore.FilterParameters(filter, sources).Also(engine.Parameters(expression))
            .Also(new { Fetch = fetch, Offset = offset, WordsBelow = wordsBelow, GramsBelow = gramsBelow }));
    }

    /// <summary>
    /// The filter's conditions on each hit, those on its id tested before its claim row is read: at 1M claims, reading
    /// the claim of each of the 51,000 hits of "inflation" to keep the 49 of one source cost 85 ms (sqlite3), testing
    /// their ids 5 ms.
    /// </summary>
    private static SqlWhere HitConditions(ISearchEngine engine, ClaimFilter filter, IReadOnlyList<long>? sources,
        SqlWhere? scope) =>
        ClaimStore.Conditions(scope ?? new SqlWhere(), filter, sources,
            hits: new ClaimStore.HitsFilter(engine.Dialect));

    // Every indexed row is a claim: the join only costs a lookup per hit, made only for conditions on the claim's row.
    private static string ClaimsJoin(ClaimFilter filter, SqlWhere? scope) =>
        scope?.ToString().Length > 0 || ClaimStore.ReadsClaimRow(filter) ? "JOIN claims c ON c.id = h.claim_id" : "";

    /// <summary>
    /// How many hits of one index the filter keeps, counting no further than one past <paramref name="window"/>, and the lowest id
    /// among them: FTS5 walks its hits newest first without ranking them, so this costs a step per hit, not a score.
    /// </summary>
    /// <remarks>For the substring index, whole-word hits are left out unless <paramref name="wordHits"/> says the filter keeps none.</remarks>
    internal static (string Sql, DynamicParameters Parameters) WindowStatement(ISearchEngine engine, bool substrings,
        string expression, ClaimFilter filter, IReadOnlyList<long>? sources, int window, SqlWhere? scope = null, bool wordHits = true)
    {
        var where = HitConditions(engine, filter, sources, scope);
        var sql = $"""
            WITH hits (claim_id) AS ({engine.Hits(expression, substrings, scored: false, notWordHits: substrings && wordHits)})
            SELECT count(*), coalesce(min(claim_id), 0) FROM (
                SELECT h.claim_id FROM hits h {ClaimsJoin(filter, scope)}
                {where}
                ORDER BY h.claim_id DESC LIMIT @Window + 1) AS newest
            """;
        return (sql, ClaimStore.FilterParameters(filter, sources).Also(engine.Parameters(expression)).Also(new { Window = window }));
    }
}
