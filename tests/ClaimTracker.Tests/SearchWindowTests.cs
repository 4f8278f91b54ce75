using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>
/// GET /search with Search:RankWindow set to 3: a query with more matches ranks only its 3 newest and says so;
/// one with fewer is ranked in full, as without a window.
/// </summary>
public sealed class SearchWindowTests(SearchWindowTests.SmallWindow factory) : IClassFixture<SearchWindowTests.SmallWindow>
{
    public sealed class SmallWindow : ApiFactory
    {
        public SmallWindow() => Settings["Search:RankWindow"] = "3";
    }

    private readonly HttpClient client = factory.CreateClient();

    private async Task<List<string>> CreateClaimsAsync(params string[] texts)
    {
        var ids = new List<string>();
        foreach (var text in texts)
        {
            var created = await client.PostJsonAsync("/api/v1/claims", new { text });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ids.Add((await created.JsonAsync())["id"]!.GetValue<string>());
        }
        return ids;
    }

    private static List<string> ClaimIds(JsonNode page) => SearchTests.ClaimIds(page["items"]!.AsArray());

    [Fact]
    public async Task A_query_with_more_matches_than_the_window_ranks_only_the_newest_and_says_so()
    {
        // The oldest is the shortest, so bm25 would rank it first; the window leaves it out.
        var ids = await CreateClaimsAsync(
            "Zephyrite found",
            "Zephyrite was found again in the northern hills near the old mine",
            "Zephyrite was reported in the valley",
            "Zephyrite samples reached the national laboratory for testing last week",
            "Zephyrite is rare");

        var page = await client.GetJsonAsync("/api/v1/search?q=zephyrite");

        Assert.Equal([ids[4], ids[2], ids[3]], ClaimIds(page));
        Assert.True(page["moreMatches"]!.GetValue<bool>());
        Assert.Equal(3, page["rankWindow"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_query_with_no_more_matches_than_the_window_is_ranked_in_full()
    {
        var ids = await CreateClaimsAsync("Quillonite was mined in the eastern province for a decade", "Quillonite exported");

        var page = await client.GetJsonAsync("/api/v1/search?q=quillonite");

        Assert.Equal([ids[1], ids[0]], ClaimIds(page));
        Assert.False(page["moreMatches"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Pages_end_with_the_window()
    {
        await CreateClaimsAsync("Veltrium one", "Veltrium two", "Veltrium three", "Veltrium four");

        var first = await client.GetJsonAsync("/api/v1/search?q=veltrium&limit=2");
        var second = await client.GetJsonAsync("/api/v1/search?q=veltrium&limit=2&cursor=" + first["nextCursor"]!.GetValue<string>());

        Assert.Equal(2, ClaimIds(first).Count);
        Assert.Single(ClaimIds(second));
        Assert.Null(second["nextCursor"]);
        Assert.True(second["moreMatches"]!.GetValue<bool>());
    }
}
