using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests;

/// <summary>
/// Scores are FTS5's bm25 with weights 4, 2, 1, although search keeps each phrase's IDF between requests: before and after a
/// write changes how many claims hold the words, for whole-word and substring hits.
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
        return connection.Query<(long Id, double Score)>($"SELECT rowid, bm25({table}, 4.0, 2.0, 1.0) FROM {table} WHERE {table} MATCH @Expression",
                new { Expression = expression })
            .ToDictionary(r => $"clm_{r.Id}", r => Math.Round(-r.Score, 4));
    }

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
