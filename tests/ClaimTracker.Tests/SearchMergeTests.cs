using System.Net;
using ClaimTracker.Api.Search;
using ClaimTracker.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests;

/// <summary>
/// The index's segments are merged in idle time (db/0010_search_merge_when_idle.sql): writes merge less, the indexer merges
/// the rest, and neither loses or changes what search finds.
/// </summary>
[Trait(TestEngine.Trait, TestEngine.Sqlite)] // SQLite's files, plans, PRAGMAs or group commit
public sealed class SearchMergeTests
{
    [Fact]
    public async Task Writes_leave_merging_to_idle_time_in_both_indexes()
    {
        using var factory = new ApiFactory();
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health")).StatusCode);
        using var db = factory.OpenDatabase();
        foreach (var table in new[] { "claim_words", "claim_grams" })
        {
            var settings = (await db.QueryAsync<(string, long)>($"SELECT k, v FROM {table}_config WHERE k IN ('automerge', 'crisismerge') ORDER BY k")).ToList();
            Assert.Equal([("automerge", 16L), ("crisismerge", 64L)], settings);
        }
    }

    [Fact]
    public async Task Merging_the_segments_of_many_small_writes_keeps_every_claim_findable()
    {
        using var factory = new ApiFactory();
        // Without the background indexer, each search re-indexes one claim: one commit, one new segment per index.
        var services = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.Remove(s.Single(d => d.ImplementationType == typeof(SearchIndexer)))));
        var client = services.CreateClient();
        var claims = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            claims.Add(await Given.ClaimAsync(client, $"Narwhal{(char)('a' + i)} sightings rose in the fjord"));
            Assert.Equal([claims[^1]], SearchTests.ClaimIds(await SearchTests.HitsAsync(client, $"narwhal{(char)('a' + i)}")));
        }

        // Twelve segments are below automerge (16), so the writes merged nothing; the idle-time steps do, then report done.
        var index = services.Services.GetRequiredService<SearchIndex>();
        Assert.True(await index.MergeStepAsync(CancellationToken.None));
        for (var steps = 0; await index.MergeStepAsync(CancellationToken.None); steps++) Assert.True(steps < 100, "merging never finished");
        Assert.False(await index.MergeStepAsync(CancellationToken.None));

        Assert.Equal(claims.Order(), SearchTests.ClaimIds(await SearchTests.HitsAsync(client, "fjord")).Where(claims.Contains).Order());
        Assert.Equal(claims.Count, (await SearchTests.HitsAsync(client, "arwha")).Count(h => h!["matchedBy"]!.GetValue<string>() == "substring"));
        using var db = factory.OpenDatabase();
        // FTS5 re-tokenizes every stored row and compares it with the merged index; it throws on any difference.
        await db.ExecuteAsync("INSERT INTO claim_words (claim_words) VALUES ('integrity-check')");
        await db.ExecuteAsync("INSERT INTO claim_grams (claim_grams) VALUES ('integrity-check')");
    }

    [Fact]
    public async Task A_quote_is_found_by_a_substring_right_after_its_attribution_is_added_and_not_after_it_is_deleted()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var claim = await Given.ClaimAsync(client, "A rare animal was filmed");
        var document = await Given.DocumentAsync(client, "Wardens said the quokkawallaby was filmed at night.");
        var created = await client.PostJsonAsync($"/api/v1/claims/{claim}/attributions",
            new { sourceId = "kcna", documentId = document, stance = "asserts", quote = "the quokkawallaby was filmed at night" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var attribution = (await created.JsonAsync())["id"]!.GetValue<string>();

        var hit = (await SearchTests.HitsAsync(client, "kkawal")).Single()!;
        Assert.Equal(claim, hit["claim"]!["id"]!.GetValue<string>());
        Assert.Equal("substring", hit["matchedBy"]!.GetValue<string>());
        Assert.Contains("⟦kkawal⟧", hit["snippet"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/attributions/{attribution}")).StatusCode);
        Assert.Empty(await SearchTests.HitsAsync(client, "kkawal"));
        Assert.Equal([claim], SearchTests.ClaimIds(await SearchTests.HitsAsync(client, "filmed")));
    }
}
