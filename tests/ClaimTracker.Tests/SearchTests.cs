using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>GET /search on the worked example: ranking, syntax, folding, substrings and the fields each hit reports.</summary>
public sealed class SearchTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    internal static async Task<JsonArray> HitsAsync(HttpClient client, string query) =>
        (await client.GetJsonAsync("/api/v1/search?q=" + query))["items"]!.AsArray();

    internal static List<string> ClaimIds(JsonArray hits) => hits.Select(h => h!["claim"]!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task A_word_finds_the_claim_ranked_first_with_a_highlighted_snippet_and_its_sources()
    {
        var hit = (await HitsAsync(client, "soldiers"))[0]!;
        Assert.Equal("clm_3", hit["claim"]!["id"]!.GetValue<string>());
        Assert.Equal(1, hit["rank"]!.GetValue<int>());
        Assert.Equal("words", hit["matchedBy"]!.GetValue<string>());
        Assert.Equal(["text", "quote"], hit["matchedFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("text", hit["snippetField"]!.GetValue<string>());
        Assert.Contains("⟦soldiers⟧", hit["snippet"]!.GetValue<string>());
        var sources = hit["sources"]!.AsArray().Select(s => (s!["source"]!["slug"]!.GetValue<string>(), s["stance"]!.GetValue<string>()));
        Assert.Equal([("us-government", "asserts"), ("south-korea-government", "asserts")], sources);
    }

    [Fact]
    public async Task Source_names_and_aliases_are_searched_and_reported_as_the_matched_field()
    {
        var hits = await HitsAsync(client, "KCNA");
        Assert.Contains("clm_2", ClaimIds(hits));
        var hit = hits.First(h => h!["claim"]!["id"]!.GetValue<string>() == "clm_2")!;
        Assert.Equal(["source"], hit["matchedFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Contains("⟦KCNA⟧", hit["snippet"]!.GetValue<string>());
    }

    [Fact]
    public async Task Claim_text_outranks_quotes()
    {
        // "nuclear" is in the text of clm_5, and only in a quote of clm_3 ("the nuclear-armed North").
        var hits = await HitsAsync(client, "nuclear");
        Assert.Equal(["clm_5", "clm_3"], ClaimIds(hits));
        Assert.Equal(["quote"], hits[1]!["matchedFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("quote", hits[1]!["snippetField"]!.GetValue<string>());
        Assert.Contains("⟦nuclear⟧-armed", hits[1]!["snippet"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("%22friendly%20and%20sincere%22", new[] { "clm_2" })]
    [InlineData("%22sincere%20and%20friendly%22", new string[0])]
    [InlineData("soldier*", new[] { "clm_3" })]
    [InlineData("Kozlov%20airport", new[] { "clm_7" })]
    [InlineData("Kozlov%20AND%20airport", new[] { "clm_7" })]
    [InlineData("airport%20OR%20atmosphere", new[] { "clm_2", "clm_7" })]
    [InlineData("troops%20NOT%20Moscow", new[] { "clm_6" })]
    [InlineData("troops%20AND%20NOT%20Moscow", new[] { "clm_6" })]
    [InlineData("(airport%20OR%20atmosphere)%20NOT%20friendly", new[] { "clm_7" })]
    public async Task Phrases_prefixes_and_boolean_operators_keep_their_meaning(string query, string[] expected)
    {
        var hits = await HitsAsync(client, query);
        Assert.Equal(expected.Order(), ClaimIds(hits).Where(id => hits.First(h => h!["claim"]!["id"]!.GetValue<string>() == id)!["matchedBy"]!.GetValue<string>() == "words").Order());
    }

    [Theory]
    [InlineData("PYONGYANG")]
    [InlineData("pyongyang")]
    [InlineData("P%C3%BDongy%C3%A1ng")]
    [InlineData("PY%C5%8CNGYANG")]
    public async Task Case_and_accents_do_not_count(string query)
    {
        var hits = await HitsAsync(client, query);
        Assert.Equal(["clm_1", "clm_7", "clm_8"], ClaimIds(hits).Take(3).Order());
        Assert.All(hits.Take(3), h => Assert.Equal("words", h!["matchedBy"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Accented_text_is_found_by_unaccented_words_and_substrings()
    {
        var created = await client.PostJsonAsync("/api/v1/claims", new { text = "P'yŏngyang hosted a Café Zürich delegation", language = "en" });
        var id = (await created.JsonAsync())["id"]!.GetValue<string>();
        Assert.Contains(id, ClaimIds(await HitsAsync(client, "cafe%20zurich")));
        Assert.Contains(id, ClaimIds(await HitsAsync(client, "yongyan")));
    }

    [Fact]
    public async Task Substrings_like_a_figure_or_part_of_a_name_are_found()
    {
        var figure = await HitsAsync(client, "10%2C000");
        Assert.Equal("clm_3", figure[0]!["claim"]!["id"]!.GetValue<string>());
        Assert.Contains("⟦10,000⟧", figure[0]!["snippet"]!.GetValue<string>());

        var part = await HitsAsync(client, "Pyong");
        Assert.Equal(["clm_1", "clm_7", "clm_8"], ClaimIds(part).Where(id => id is "clm_1" or "clm_7" or "clm_8").Order());
        Assert.All(part, h => Assert.Equal("substring", h!["matchedBy"]!.GetValue<string>()));
        Assert.Contains(part, h => h!["snippet"]!.GetValue<string>().Contains("⟦Pyong⟧yang", StringComparison.Ordinal));

        // Whole words rank before substrings: "troop" is in no claim as a word, but inside "troops".
        Assert.All(await HitsAsync(client, "troop"), h => Assert.Equal("substring", h!["matchedBy"]!.GetValue<string>()));
    }

    /// <summary>Phrases of three or more words first ask the word index whether a substring hit can exist (SubstringHint).</summary>
    [Theory]
    [InlineData("\"united states percent\"")]
    [InlineData("\"10,000 troops\"")]
    [InlineData("\"xunited states\"")]
    public async Task A_phrase_of_several_words_is_found_inside_longer_words(string query)
    {
        var created = await client.PostJsonAsync("/api/v1/claims", new { text = "Prexunited States percentages of 110,000 troopships were disputed", language = "en" });
        var id = (await created.JsonAsync())["id"]!.GetValue<string>();
        var hit = (await HitsAsync(client, Uri.EscapeDataString(query))).Single(h => h!["claim"]!["id"]!.GetValue<string>() == id)!;
        Assert.Equal("substring", hit["matchedBy"]!.GetValue<string>());
        Assert.Contains("⟦", hit["snippet"]!.GetValue<string>());
        Assert.DoesNotContain(id, ClaimIds(await HitsAsync(client, Uri.EscapeDataString("\"united states percentiles\""))));
    }
}
