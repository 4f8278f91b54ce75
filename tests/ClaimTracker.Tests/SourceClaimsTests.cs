using System.Net;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>GET /sources/{id}/claims: what a source said, with stance and quote, and what its affiliates said.</summary>
public sealed class SourceClaimsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_source_lists_its_statements_with_stance_and_quote()
    {
        var items = (await client.GetJsonAsync("/api/v1/sources/us-government/claims"))["items"]!.AsArray();
        Assert.Equal(["clm_3", "clm_6"], items.Select(i => i!["claim"]!["id"]!.GetValue<string>()));
        Assert.All(items, i => Assert.Equal("asserts", i!["attribution"]!["stance"]!.GetValue<string>()));
        Assert.Equal("North Korean troops have begun combat operations alongside Russian forces", items[1]!["attribution"]!["quote"]!.GetValue<string>());
    }

    [Fact]
    public async Task Including_affiliates_counts_KCNA_and_Kim_for_the_North_Korean_government()
    {
        Assert.Empty((await client.GetJsonAsync("/api/v1/sources/north-korea-government/claims"))["items"]!.AsArray());
        var items = (await client.GetJsonAsync("/api/v1/sources/north-korea-government/claims?includeAffiliates=true&limit=200"))["items"]!.AsArray();
        var said = items.Select(i => (i!["claim"]!["id"]!.GetValue<string>(), i["attribution"]!["source"]!["slug"]!.GetValue<string>())).ToList();
        Assert.Equal(7, said.Count); // KCNA: clm_1 twice, clm_2, clm_7, clm_8, clm_10; Kim: clm_9
        Assert.Contains(("clm_2", "kcna"), said);
        Assert.Contains(("clm_9", "kim-jong-un"), said);
        Assert.All(said, s => Assert.Contains(s.Item2, new[] { "kcna", "kim-jong-un" }));
    }

    [Fact]
    public async Task Stance_and_date_filters_apply_to_the_statements()
    {
        Assert.Equal(["clm_5"], (await client.GetJsonAsync("/api/v1/sources/the-west/claims?stance=speculates"))["items"]!.AsArray().Select(i => i!["claim"]!["id"]!.GetValue<string>()));
        Assert.Empty((await client.GetJsonAsync("/api/v1/sources/the-west/claims?stance=asserts"))["items"]!.AsArray());
        var before = (await client.GetJsonAsync("/api/v1/sources/kcna/claims?to=2024-11-19"))["items"]!.AsArray();
        Assert.Equal(["clm_7"], before.Select(i => i!["claim"]!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_source_is_a_404()
    {
        await (await client.GetAsync("/api/v1/sources/no-such-source/claims")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
