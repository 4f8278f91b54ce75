using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace ClaimTracker.Api.Matching;

/// <summary>SQLite's lexical candidates: FTS5's vocabulary table and bm25 of claim_words (db/sqlite/0002, 0013).</summary>
internal sealed class Fts5MatchCandidates : IMatchCandidates
{
    public static readonly Fts5MatchCandidates Instance = new();

    // Only the claim text counts (column weights 1, 0, 0): quotes and source names say who, not what.
    private const string Lexical = """
        SELECT rowid AS Id, -bm25(claim_words, 1.0, 0.0, 0.0) AS Score FROM claim_words
        WHERE claim_words MATCH @Match ORDER BY bm25(claim_words, 1.0, 0.0, 0.0) LIMIT @Pool
        """;

    public async Task<Dictionary<string, long>> ClaimsHoldingAsync(DbConnection c, IReadOnlyList<string> words) =>
        (await c.QueryAsync<(string Term, long Claims)>(
            "SELECT term, doc FROM claim_words_vocab WHERE term IN (SELECT value FROM json_each(@Terms))",
            new { Terms = JsonSerializer.Serialize(words) })).ToDictionary(r => r.Term, r => r.Claims);

    public async Task<List<(long Id, double Score)>> RankAsync(DbConnection c, IReadOnlyList<string> words, int pool)
    {
        var match = "text : (" + string.Join(" OR ", words.Select(t => "\"" + t.Replace("\"", "\"\"") + "\"")) + ")";
        return (await c.QueryAsync<(long Id, double Score)>(Lexical, new { Match = match, Pool = pool })).ToList();
    }
}
