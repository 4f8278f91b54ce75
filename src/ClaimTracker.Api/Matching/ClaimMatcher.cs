using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Search;
using Microsoft.Data.Sqlite;
using Dapper;

namespace ClaimTracker.Api.Matching;

/// <summary>
/// Finds the claims on record that a new statement may duplicate: the word index proposes
/// candidates sharing any of its terms or their variants, and <see cref="Similarity"/> scores them.
/// </summary>
public sealed class ClaimMatcher(Db db, SearchIndex index, int candidateBudget = ClaimMatcher.CandidateBudget)
{
    /// <summary>
    /// At or above this score a candidate is likely the same claim. Set before the labelled set
    /// (tests/ClaimTracker.Tests/Matching/labelled-pairs.json) was scored, and kept: there every expected
    /// match scores 0.66 or more, unrelated statements 0.23 or less, and near-misses with another figure,
    /// actor, role or a negation 0.54 or less; three near-misses that keep every actor and figure but
    /// change the object or destination reach 0.62–0.65 and are its known false positives.
    /// </summary>
    public const double Threshold = 0.6;

    /// <summary>Below this a candidate shares too little to be worth showing.</summary>
    public const double Floor = 0.2;

    private const int Pool = 100;

    /// <summary>How many claims the candidate terms may reach together; past it, ranking them costs more than a match should.</summary>
    internal const int CandidateBudget = 20_000;

    /// <summary>Past the budget, candidates are the claims sharing this many of the statement's rarest terms (or all but one of them).</summary>
    private const int Rarest = 3;

    private const string Ranked = """
        SELECT c.id, c.text FROM claims c
        WHERE c.id IN (SELECT rowid FROM claim_words WHERE claim_words MATCH @Match ORDER BY bm25(claim_words) LIMIT @Fetch)
        """;

    // bm25 reads every hit of each term to weigh it; a set no larger than the pool needs no ranking.
    private const string Unranked = """
        SELECT c.id, c.text FROM claims c
        WHERE c.id IN (SELECT rowid FROM claim_words WHERE claim_words MATCH @Match LIMIT @Fetch)
        """;

    /// <summary>
    /// FTS5 queries for the candidates of a statement: <see cref="Narrow"/>, when set, is tried first (claims with all of
    /// its rarest terms); <see cref="Broad"/> is used when it is unset or finds no likely duplicate.
    /// </summary>
    internal sealed record CandidateQueries(string? Narrow, string Broad);

    private const long ReachLifetimeMs = 10 * 60 * 1000;
    private readonly ConcurrentDictionary<string, (long Claims, long At)> reachCache = new();

    public async Task<MatchResult> MatchAsync(string text, int limit)
    {
        await index.CatchUpAsync();
        return await db.ReadAsync(c => MatchAsync(c, text, limit));
    }

    private async Task<MatchResult> MatchAsync(SqliteConnection c, string text, int limit)
    {
        var best = await BestAsync(c, ClaimText.Of(text), limit);
        var claims = await ClaimStore.LoadAsync(c, null, best.Select(s => s.Id).ToList());
        return new MatchResult(Threshold, best.Select(s => new MatchCandidate(
            claims[Ids.Format(Ids.Claim, s.Id)], s.Similarity.Score, s.Similarity.Score >= Threshold, s.Similarity.Overlap,
            s.Similarity.SharedTerms, s.Similarity.Reasons)).ToList());
    }

    /// <summary>The claims most alike the statement, best first, at most <paramref name="limit"/>, none under <see cref="Floor"/>.</summary>
    internal async Task<List<(long Id, Similarity Similarity)>> BestAsync(IDbConnection c, ClaimText statement, int limit)
    {
        if (await CandidateQueryAsync(c, statement) is not { } queries) return [];
        if (queries.Narrow is { } narrow)
        {
            var rows = (await c.QueryAsync<(long Id, string Text)>(Unranked, new { Match = narrow, Fetch = Pool + 1 })).ToList();
            if (rows.Count > Pool) rows = (await c.QueryAsync<(long Id, string Text)>(Ranked, new { Match = narrow, Fetch = Pool })).ToList();
            var best = Score(statement, rows, limit);
            if (best.Count > 0 && best[0].Similarity.Score >= Threshold) return best;
        }
        return Score(statement, await c.QueryAsync<(long Id, string Text)>(Ranked, new { Match = queries.Broad, Fetch = Pool }), limit);
    }

    private static List<(long Id, Similarity Similarity)> Score(ClaimText statement, IEnumerable<(long Id, string Text)> rows, int limit) => rows
        .Select(r => (r.Id, Similarity: Similarity.Between(statement, ClaimText.Of(r.Text))))
        .Where(s => s.Similarity.Score >= Floor)
        .OrderByDescending(s => s.Similarity.Score).ThenBy(s => s.Id)
        .Take(limit).ToList();

    /// <summary>Refuses a new claim with a 409 listing the claims on record it likely duplicates.</summary>
    public async Task EnsureNoDuplicateAsync(string text)
    {
        var duplicates = (await MatchAsync(text, 5)).Candidates.Where(c => c.LikelyDuplicate).ToList();
        if (duplicates.Count == 0) return;
        throw new ApiProblem(409, ApiProblem.TypeBase + "possible-duplicate", "Possible duplicate",
            $"The claim likely duplicates {string.Join(", ", duplicates.Select(d => d.Claim.Id))} (score {duplicates[0].Score} ≥ {Threshold}). "
            + "Attribute the statement to the existing claim, or repeat without checkDuplicates to create it anyway.")
        {
            Headers = { ["Location"] = $"/api/v1/claims/{duplicates[0].Claim.Id}" },
            Extensions = { ["candidates"] = duplicates },
        };
    }

    /// <summary>
    /// FTS5 queries for claim texts sharing the statement's terms, in any of their wordings. On a small archive, where the
    /// terms together reach no more than <see cref="CandidateBudget"/>, any term will do, and bm25 picks the pool. Past it, ranking every claim
    /// that says "Russia" or "sent" would cost a scan of a large share of the archive, and a duplicate shares the statement's
    /// distinctive terms: the narrow query asks for its three rarest terms that occur at all, the broad one for any two of them,
    /// so that one word the claim on record does not have (an added adjective) cannot hide it.
    /// </summary>
    internal async Task<CandidateQueries?> CandidateQueryAsync(IDbConnection c, ClaimText statement)
    {
        var groups = new List<(string Query, long Reach)>();
        foreach (var term in statement.Terms.Distinct())
        {
            var query = "(" + string.Join(" OR ", Wordings(term).Distinct()) + ")";
            groups.Add((query, await ReachAsync(c, query)));
        }
        var found = groups.Where(g => g.Reach > 0).OrderBy(g => g.Reach).ToList();
        if (found.Count == 0) return null;
        if (found.Count < Rarest || found.Sum(g => g.Reach) <= candidateBudget)
        {
            // Few terms, or few claims: the rarest terms that stay within the budget (every one, on a small archive).
            var chosen = found.Take(1).Concat(found.Skip(1).TakeWhile((_, i) => found.Take(i + 2).Sum(g => g.Reach) <= candidateBudget));
            return new CandidateQueries(null, "text : (" + string.Join(" OR ", chosen.Select(g => g.Query)) + ")");
        }
        var (a, b, d) = (found[0].Query, found[1].Query, found[2].Query);
        return new CandidateQueries($"text : ({a} AND {b} AND {d})", $"text : (({a} AND ({b} OR {d})) OR ({b} AND {d}))");
    }

    /// <summary>Claims whose text holds a term in one of its wordings; cached, since it only steers the choice of terms and drifts slowly.</summary>
    private async Task<long> ReachAsync(IDbConnection c, string query)
    {
        var now = Environment.TickCount64;
        if (reachCache.TryGetValue(query, out var cached) && now - cached.At < ReachLifetimeMs) return cached.Claims;
        var claims = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM claim_words WHERE claim_words MATCH @Match", new { Match = "text : " + query });
        if (reachCache.Count > 100_000) reachCache.Clear();
        reachCache[query] = (claims, now);
        return claims;
    }

    private static IEnumerable<string> Wordings(string term)
    {
        if (ClaimText.IsNumber(term))
        {
            var value = decimal.Parse(term[1..], CultureInfo.InvariantCulture);
            // The word tokenizer splits "10,000" into 10 and 000; the phrase "10 000" finds both spellings.
            return [$"\"{value.ToString(CultureInfo.InvariantCulture)}\"", $"\"{value.ToString("#,0.##", CultureInfo.InvariantCulture).Replace(',', ' ')}\""];
        }
        var variants = Lexicon.Variants(term).ToList();
        return variants.Count > 0 ? variants.Select(v => $"\"{v}\"") : [$"\"{term}\"*"];
    }
}
