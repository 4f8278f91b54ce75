using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Search;
using Dapper;
using System.Data.Common;

namespace ClaimTracker.Api.Matching;

/// <summary>
/// Finds the claims on record that a new statement may repeat. Candidates come from two places: bm25 over the claim texts
/// for any of the cleaned statement's words (<see cref="Statement"/>), and the claims nearest it in embedding space
/// (<see cref="EmbeddingIndex"/>), so a paraphrase sharing no rare word is still found. <see cref="MatchScorer"/> fuses
/// the signals, and the figure and wording comparison of <see cref="Similarity"/>, into one calibrated score.
/// </summary>
public sealed class ClaimMatcher(Db db, SearchIndex search, EmbeddingIndex embeddings)
{
    private readonly IMatchCandidates candidates = IMatchCandidates.For(db.Dialect);

    /// <summary>Candidates taken from each source before scoring.</summary>
    internal const int Pool = 50;

    /// <summary>Claims the sign scan passes on to the exact int8 comparison.</summary>
    internal const int Shortlist = 400;

    public async Task<MatchResult> MatchAsync(string text, int limit)
    {
        var found = await CandidatesAsync(text);
        var ranked = found.All.OrderByDescending(c => c.Sum).ThenBy(c => c.Id).Take(limit).ToList();
        var scores = MatchScorer.InRankOrder(ranked.Select(c => c.Score));
        var best = ranked.Select((c, i) => c with { Score = scores[i] }).ToList();
        var claims = await db.ReadAsync(c => ClaimStore.LoadAsync(c, null, best.Select(s => s.Id).ToList()));
        var threshold = MatchScorer.Threshold(found.Semantic);
        return new MatchResult(threshold, found.Signals, found.AwaitingEmbedding, best
            .Where(s => claims.ContainsKey(Ids.Format(Ids.Claim, s.Id)))
            .Select(s => s.ToCandidate(claims[Ids.Format(Ids.Claim, s.Id)], threshold)).ToList());
    }

    /// <summary>Every candidate with its signals and fused score, unordered; what the API answers and match-fit fits on.</summary>
    internal async Task<Candidates> CandidatesAsync(string text)
    {
        var cleaned = Statement.Clean(text);
        var semantic = embeddings.Loaded && embeddings.Count > 0;
        // The query is embedded before the index catches up and outside any connection: the model is the slow part.
        var query = semantic ? embeddings.Embedder.EmbedQuery(text) : null;
        await search.CatchUpAsync();
        return await db.ReadAsync(async c =>
        {
            var (lexical, holding) = await LexicalAsync(c, cleaned);
            // One read of the stored vectors: the sign scan's shortlist, to re-rank exactly, and bm25's finds, to score.
            var shortlist = query is null ? [] : embeddings.Nearest(query, Shortlist);
            var vectors = query is null ? [] : await EmbeddingIndex.VectorsAsync(c, shortlist.Union(lexical.Select(l => l.Id)));
            var cosines = vectors.ToDictionary(v => v.Key, v => Vector.Cosine(query, v.Value));
            var nearest = shortlist.Where(cosines.ContainsKey).OrderByDescending(id => cosines[id]).ThenBy(id => id)
                .Take(Pool).ToList();
            var ids = lexical.Select(l => l.Id).Union(nearest).ToList();
            // A bm25 find not embedded yet would rank as if far in meaning: until it is, the answer stays lexical only.
            var fused = semantic && lexical.All(l => cosines.ContainsKey(l.Id));
            var texts = (await c.QueryAsync<(long Id, string Text)>(
                "SELECT id, text FROM claims WHERE id IN (SELECT value FROM json_each(@Ids))",
                new { Ids = System.Text.Json.JsonSerializer.Serialize(ids) })).ToDictionary(r => r.Id, r => r.Text);
            var archive = await c.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) FROM claims");
            var words = Statement.Terms(cleaned);
            var wording = ClaimText.Of(cleaned);
            var top = lexical.Count > 0 ? lexical[0].Score : 0;
            var closest = cosines.Count > 0 ? cosines.Values.Max() : 0;
            var posted = Posted.Of(text);
            var found = new List<(long Id, Features Features)>();
            foreach (var id in ids.Where(texts.ContainsKey))
            {
                var lexicalRank = lexical.FindIndex(l => l.Id == id);
                var semanticRank = nearest.IndexOf(id);
                var claimTerms = Statement.Terms(texts[id]);
                var features = new Features(
                    lexicalRank < 0 ? null : new LexicalSignal(lexicalRank + 1, Math.Round(lexical[lexicalRank].Score, 3),
                        top == 0 ? 0 : lexical[lexicalRank].Score / top),
                    cosines.TryGetValue(id, out var cosine) ? new SemanticSignal(semanticRank < 0 ? null : semanticRank + 1,
                        Math.Round(cosine, 3), cosine - closest) : null,
                    Similarity.Between(wording, ClaimText.Of(texts[id])),
                    TermOverlap.Between(words, holding, archive, claimTerms),
                    posted?.Agreement(texts[id], claimTerms) ?? PostAgreement.None);
                found.Add((id, features));
            }
            var list = found.Select(f => new Candidate(f.Id, f.Features, MatchScorer.Sum(f.Features, fused),
                MatchScorer.Score(f.Features, fused))).ToList();
            string[] signals = fused ? ["lexical", "semantic", "wording"] : ["lexical", "wording"];
            return new Candidates(list, fused, signals, await EmbeddingIndex.PendingAsync(c));
        });
    }

    /// <summary>
    /// Postings bm25 may read per match: the statement's words, rarest first, while their claims add up to no more. bm25 pays
    /// about a microsecond per posting, and a word held by a tenth of a large archive weighs little (its idf is small).
    /// </summary>
    internal const long Postings = 30_000;

    /// <summary>bm25 over the claim texts for any of the statement's words (the commonest past <see cref="Postings"/> left out).</summary>
    private async Task<(List<(long Id, double Score)> Found, Dictionary<string, long> Holding)> LexicalAsync(
        DbConnection c, string cleaned)
    {
        var words = Statement.Terms(cleaned);
        if (words.Count == 0) return ([], []);
        var counts = await candidates.ClaimsHoldingAsync(c, words);
        long reach = 0;
        var terms = words.Where(counts.ContainsKey).OrderBy(t => counts[t])
            .TakeWhile((t, i) => (reach += counts[t]) <= Postings || i < 2).ToList();
        if (terms.Count == 0) return ([], counts);
        // Only the claim text counts: quotes and source names say who, not what.
        return (await candidates.RankAsync(c, terms, Pool), counts);
    }

    /// <summary>Refuses a new claim with a 409 listing the claims on record it likely duplicates.</summary>
    public async Task EnsureNoDuplicateAsync(string text)
    {
        var result = await MatchAsync(text, 5);
        var duplicates = result.Candidates.Where(c => c.LikelyDuplicate).ToList();
        if (duplicates.Count == 0) return;
        throw new ApiProblem(409, ApiProblem.TypeBase + "possible-duplicate", "Possible duplicate",
            $"The claim likely duplicates {string.Join(", ", duplicates.Select(d => d.Claim.Id))} (score {duplicates[0].Score} ≥ {result.Threshold}). "
            + "Attribute the statement to the existing claim, or repeat without checkDuplicates to create it anyway.")
        {
            Headers = { ["Location"] = $"/api/v1/claims/{duplicates[0].Claim.Id}" },
            Extensions = { ["candidates"] = duplicates },
        };
    }
}

/// <summary>
/// What scored one candidate: its bm25 rank and score, its embedding's rank and cosine, the wording comparison, the
/// words the two share, and how it agrees with an embedded post's author and date.
/// </summary>
internal sealed record Features(LexicalSignal? Lexical, SemanticSignal? Semantic, Similarity Wording, TermOverlap Terms,
    PostAgreement Post);

/// <summary>A candidate, its signals, the weighted sum it is ranked by and the calibrated score.</summary>
internal sealed record Candidate(long Id, Features Features, double Sum, double Score)
{
    public MatchCandidate ToCandidate(Claim claim, double threshold) => new(claim, Score, Score >= threshold,
        [.. (Features.Lexical is null ? [] : new[] { "lexical" }), .. (Features.Semantic is null ? [] : new[] { "semantic" }), "wording"],
        Features.Lexical, Features.Semantic, Features.Wording.Score, Features.Wording.SharedTerms, Features.Wording.Reasons);
}

/// <summary>The candidates of one statement, whether embeddings took part, the signals used and claims not yet embedded.</summary>
internal sealed record Candidates(List<Candidate> All, bool Semantic, IReadOnlyList<string> Signals, long AwaitingEmbedding);
