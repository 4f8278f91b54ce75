using System.Net;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>Search filters and paging, on the worked example.</summary>
public sealed class SearchFilterTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private async Task<HashSet<string>> FoundAsync(string query) => SearchTests.ClaimIds(await SearchTests.HitsAsync(client, query)).ToHashSet();

    [Theory]
    [InlineData("Kozlov&sourceId=north-korea-government", new string[0])]
    [InlineData("Kozlov&sourceId=north-korea-government&includeAffiliates=true", new[] { "clm_1", "clm_2", "clm_7", "clm_10" })]
    [InlineData("Kozlov&sourceId=kcna", new[] { "clm_1", "clm_2", "clm_7", "clm_10" })]
    [InlineData("Russia&sourceId=us-government", new[] { "clm_3", "clm_6" })]
    [InlineData("Russia&stance=speculates", new[] { "clm_5" })]
    [InlineData("Russia&rating=mostly_true", new[] { "clm_3" })]
    [InlineData("Russia&rating=false", new string[0])]
    [InlineData("Kozlov&from=2024-11-19", new[] { "clm_1", "clm_2", "clm_10" })]
    [InlineData("Kozlov&to=2024-11-19", new[] { "clm_7" })]
    [InlineData("Kozlov&from=2024-11-18&to=2024-11-20", new[] { "clm_1", "clm_2", "clm_7", "clm_10" })]
    [InlineData("Kozlov&sourceId=no-such-source", new string[0])]
    public async Task Filters_narrow_the_hits(string query, string[] expected)
    {
        Assert.Equal(expected.ToHashSet(), await FoundAsync(query));
    }

    /// <summary>
    /// A filter leaves the ranking alone: the filtered hits are the unfiltered ranking's hits that GET /claims with the
    /// same filter lists, in the same order (the filters are tested on each hit's id before it is scored).
    /// </summary>
    [Theory]
    [InlineData("Russia", "sourceId=us-government")]
    [InlineData("Russia", "stance=asserts")]
    [InlineData("Russia", "stance=speculates")]
    [InlineData("Russia", "rating=mostly_true")]
    [InlineData("Kozlov%20OR%20Russia%20OR%20Pyongyang%20OR%20Kim", "sourceId=kcna&stance=asserts")]
    [InlineData("Kozlov%20OR%20Russia", "sourceId=north-korea-government&includeAffiliates=true")]
    [InlineData("Kozlov%20OR%20Russia%20OR%20Pyongyang%20OR%20Kim", "stance=asserts&language=en&from=2024-11-19")]
    [InlineData("Pyong", "sourceId=kcna")]
    public async Task A_filtered_search_returns_the_unfiltered_ranking_filtered(string query, string filter)
    {
        var ranking = SearchTests.ClaimIds(await SearchTests.HitsAsync(client, query + "&limit=200"));
        var listed = (await client.GetJsonAsync($"/api/v1/claims?{filter}&limit=200"))["items"]!.AsArray()
            .Select(c => c!["id"]!.GetValue<string>()).ToHashSet();

        var filtered = SearchTests.ClaimIds(await SearchTests.HitsAsync(client, $"{query}&{filter}&limit=200"));

        Assert.NotEmpty(filtered);
        Assert.Equal(ranking.Where(listed.Contains), filtered);
    }

    [Fact]
    public async Task The_language_filter_keeps_claims_in_that_language()
    {
        var response = await client.PostJsonAsync("/api/v1/claims", new { text = "La Corée du Nord a envoyé plus de 10 000 soldats en Russie", language = "fr" });
        var id = (await response.JsonAsync())["id"]!.GetValue<string>();
        Assert.Equal([id], await FoundAsync("soldats&language=fr"));
        Assert.Equal([id], await FoundAsync("coree&language=fr"));
        Assert.Empty(await FoundAsync("soldats&language=en"));
        Assert.DoesNotContain(id, await FoundAsync("Russie OR Russia&language=en"));
    }

    [Fact]
    public async Task A_filter_that_keeps_no_whole_word_hit_still_finds_the_substring_hits()
    {
        var word = await client.PostJsonAsync("/api/v1/claims", new { text = "Zorblaxian exports rose last year", language = "de" });
        var wordId = (await word.JsonAsync())["id"]!.GetValue<string>();
        var part = await client.PostJsonAsync("/api/v1/claims", new { text = "Zorblaxianville exports fell last year", language = "nl" });
        var partId = (await part.JsonAsync())["id"]!.GetValue<string>();

        var both = await SearchTests.HitsAsync(client, "zorblaxian");
        Assert.Equal([wordId, partId], SearchTests.ClaimIds(both));
        Assert.Equal(["words", "substring"], both.Select(h => h!["matchedBy"]!.GetValue<string>()));

        var filtered = await SearchTests.HitsAsync(client, "zorblaxian&language=nl");
        Assert.Equal([partId], SearchTests.ClaimIds(filtered));
        Assert.Equal("substring", filtered[0]!["matchedBy"]!.GetValue<string>());
        Assert.Contains("⟦Zorblaxian⟧ville", filtered[0]!["snippet"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pages_follow_each_other_by_cursor_and_Link_header_in_rank_order()
    {
        const string query = "/api/v1/search?q=Kozlov%20OR%20Russia%20OR%20Pyongyang%20OR%20Kim";
        var all = SearchTests.ClaimIds((await client.GetJsonAsync(query + "&limit=200"))["items"]!.AsArray());
        Assert.True(all.Count > 4);

        var paged = new List<string>();
        var ranks = new List<int>();
        string? next = query + "&limit=2";
        while (next is not null)
        {
            var response = await client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            var items = page["items"]!.AsArray();
            paged.AddRange(SearchTests.ClaimIds(items));
            ranks.AddRange(items.Select(i => i!["rank"]!.GetValue<int>()));
            var cursor = page["nextCursor"]?.GetValue<string>();
            Assert.Equal(cursor is not null, response.Headers.Contains("Link"));
            next = cursor is null ? null : response.Headers.GetValues("Link").Single().Split('>')[0].TrimStart('<');
            if (cursor is not null) Assert.Contains("cursor=" + cursor, next);
        }
        Assert.Equal(all, paged);
        Assert.Equal(Enumerable.Range(1, all.Count), ranks);
    }

    [Fact]
    public async Task A_cursor_is_refused_for_another_query_or_filter()
    {
        var page = await client.GetJsonAsync("/api/v1/search?q=Russia&limit=1");
        var cursor = page["nextCursor"]!.GetValue<string>();
        await (await client.GetAsync($"/api/v1/search?q=Kozlov&limit=1&cursor={cursor}")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/v1/search?q=Russia&stance=asserts&limit=1&cursor={cursor}")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/search?q=Russia&limit=1&cursor={cursor}")).StatusCode);
    }
}
