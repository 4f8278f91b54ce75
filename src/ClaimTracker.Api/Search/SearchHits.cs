using System.Data;
using System.Text.Json;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Sources;
using Dapper;

namespace ClaimTracker.Api.Search;

/// <summary>The hits of a ranked page: each claim with its highlighted snippet, the fields that matched, and who stated it.</summary>
internal static class SearchHits
{
    internal sealed class HighlightRow
    {
        public long ClaimId { get; init; }
        public string Text { get; init; } = "";
        public string Quotes { get; init; } = "";
        public string Sources { get; init; } = "";
    }

    public static async Task<IReadOnlyList<SearchHit>> LoadAsync(IDbConnection c, string expression, IReadOnlyList<SearchStore.RankedRow> rows, int offset)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.ClaimId).ToList();
        var claims = await ClaimStore.LoadAsync(c, null, ids);
        var engine = ISearchEngine.For(c);
        var highlights = (await HighlightsAsync(c, engine, substrings: false, expression, rows))
            .Concat(await HighlightsAsync(c, engine, substrings: true, expression, rows))
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

    private static async Task<IEnumerable<HighlightRow>> HighlightsAsync(IDbConnection c, ISearchEngine engine, bool substrings, string expression,
        IEnumerable<SearchStore.RankedRow> rows)
    {
        var ids = rows.Where(r => r.Tier == (substrings ? 1 : 0)).Select(r => r.ClaimId).ToList();
        return ids.Count == 0 ? [] : await engine.HighlightsAsync(c, substrings, expression, ids);
    }

    /// <summary>Each claim's sources with the stances they took, in the order they were first recorded; the benchmark's raw search scenario runs it as is.</summary>
    internal const string StatedByStatement = """
        SELECT a.claim_id AS ClaimId, s.id AS SourceId, s.slug, s.name, s.kind, a.stance FROM attributions a JOIN sources s ON s.id = a.source_id
        WHERE a.claim_id IN (SELECT value FROM json_each(@Ids))
        GROUP BY a.claim_id, a.source_id, a.stance, s.id
        ORDER BY a.claim_id, min(a.id)
        """;

    private static async Task<ILookup<long, StatedBy>> StatedByAsync(IDbConnection c, IReadOnlyList<long> claimIds) =>
        (await c.QueryAsync<(long ClaimId, long SourceId, string Slug, string Name, string Kind, string Stance)>(
            StatedByStatement, new { Ids = JsonSerializer.Serialize(claimIds) }))
        .ToLookup(r => r.ClaimId, r => new StatedBy(SourceStore.Ref((r.SourceId, r.Slug, r.Name, r.Kind)), Enum.Parse<Stance>(r.Stance)));
}
