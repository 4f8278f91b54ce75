using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests;

/// <summary>
/// Scores are FTS5's bm25 with weights 4, 2, 1, although search keeps each phrase's IDF between requests: before and after a
/// write changes how many claims hold the words, for whole-word and substring hits. On PostgreSQL the expected scores are
/// claim_bm25 (and claim_substring_bm25) with idf and average length recounted from claim_search, not the kept counts.
/// </summary>
public sealed class SearchScoreTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private async Task<Dictionary<string, double>> ScoresAsync(string query) =>
        (await SearchTests.HitsAsync(client, Uri.EscapeDataString(query)))
        .ToDictionary(h => h!["claim"]!["id"]!.GetValue<string>(), h => h!["score"]!.GetValue<double>());

    private Dictionary<string, double> Bm25(string table, string expression)
    {
        using var connection = factory.OpenDatabase();
        var sql = !TestEngine.IsPostgres
            ? $"SELECT rowid, bm25({table}, 4.0, 2.0, 1.0) FROM {table} WHERE {table} MATCH @Expression"
            : table == "claim_words" ? PostgresWords : PostgresSubstrings;
        var terms = expression.Split(' ').Select(t => t.Trim('"')).ToArray();
        return connection.Query<(long Id, double Score)>(sql, new { Expression = expression, Terms = terms, Term = terms[0] })
            .ToDictionary(r => $"clm_{r.Id}", r => Math.Round(-r.Score, 4));
    }

    // FTS5's idf, ln((N - n + 0.5) / (n + 0.5)), with N and n counted here.
    private const string PostgresWords = """
        WITH totals AS (SELECT count(*) AS documents, avg(tokens) AS avgdl FROM claim_search),
             idf AS (SELECT ARRAY(SELECT greatest(ln((t.documents - h.n + 0.5) / (h.n + 0.5)), 1e-6)
                                  FROM unnest(@Terms::text[]) WITH ORDINALITY AS q (term, i),
                                       LATERAL (SELECT count(*) AS n FROM claim_search
                                                WHERE words @@ to_tsquery('claim_words', quote_literal(q.term))) AS h
                                  ORDER BY q.i) AS idf FROM totals t)
        SELECT s.claim_id, claim_bm25(s.words, s.tokens, @Terms::text[], idf.idf, totals.avgdl::float8)
        FROM claim_search s, totals, idf
        WHERE s.words @@ to_tsquery('claim_words', array_to_string(ARRAY(SELECT quote_literal(t) FROM unnest(@Terms::text[]) AS t), ' & '))
        """;

    private const string PostgresSubstrings = """
        SELECT claim_id, -claim_substring_bm25(folded, tokens, @Term, (SELECT avg(tokens) FROM claim_search)::float8)
        FROM claim_search WHERE folded LIKE claim_substring(@Term)
        """;

    private async Task CreateClaimAsync(string text) =>
        (await client.PostJsonAsync("/api/v1/claims", new { text, language = "en" })).EnsureSuccessStatusCode();

    /// <summary>Creates <paramref name="before"/>, compares the scores with bm25, adds <paramref name="added"/> and compares again.</summary>
    private async Task AssertScoresFollowBm25Async(string table, string query, string expression, string[] before, string added)
    {
        foreach (var text in before) await CreateClaimAsync(text);
        var first = await ScoresAsync(query);
        Assert.Equal(Bm25(table, expression), first);

        await CreateClaimAsync(added);
        var second = await ScoresAsync(query);
        Assert.Equal(Bm25(table, expression), second);
        Assert.Equal(2, second.Count);
        Assert.Contains(first, hit => hit.Value != second[hit.Key]);
    }

    [Fact]
    public Task Whole_word_scores_are_bm25_before_and_after_a_write_changes_the_words_weight() =>
        AssertScoresFollowBm25Async("claim_words", "vexlorian grain", "\"vexlorian\" \"grain\"",
            ["Vexlorian grain exports doubled, the Vexlorian ministry said", "Grain prices rose after the harvest"], "Vexlorian grain silos are full");

    [Fact]
    public Task Substring_scores_are_bm25_of_the_trigram_index_before_and_after_a_write() =>
        AssertScoresFollowBm25Async("claim_grams", "orvand", "\"orvand\"",
            ["Quorvandale officials denied the report"], "Officials in Quorvandale and Norvandia met");
}
