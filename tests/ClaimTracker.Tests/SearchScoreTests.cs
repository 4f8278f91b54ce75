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

    [Fact]
    public async Task Whole_word_scores_are_bm25_before_and_after_a_write_changes_the_words_weight()
    {
        await CreateClaimAsync("Vexlorian grain exports doubled, the Vexlorian ministry said");
        await CreateClaimAsync("Grain prices rose after the harvest");
        var before = await ScoresAsync("vexlorian grain");
        Assert.Equal(Bm25("claim_words", "\"vexlorian\" \"grain\""), before);

        await CreateClaimAsync("Vexlorian grain silos are full");
        var after = await ScoresAsync("vexlorian grain");
        Assert.Equal(Bm25("claim_words", "\"vexlorian\" \"grain\""), after);
        Assert.Equal(2, after.Count);
        Assert.Contains(before, hit => hit.Value != after[hit.Key]);
    }

    [Fact]
    public async Task Substring_scores_are_bm25_of_the_trigram_index_before_and_after_a_write()
    {
        await CreateClaimAsync("Quorvandale officials denied the report");
        var before = await ScoresAsync("orvand");
        Assert.Equal(Bm25("claim_grams", "\"orvand\""), before);

        await CreateClaimAsync("Officials in Quorvandale and Norvandia met");
        var after = await ScoresAsync("orvand");
        Assert.Equal(Bm25("claim_grams", "\"orvand\""), after);
        Assert.Equal(2, after.Count);
        Assert.Contains(before, hit => hit.Value != after[hit.Key]);
    }
}
