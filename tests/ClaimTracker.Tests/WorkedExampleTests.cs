using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>The AFP dispatch of SPEC.md, as seeded on first start, read back through the API.</summary>
public sealed class WorkedExampleTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task The_10000_soldiers_claim_has_two_asserting_sources_on_one_quote_span()
    {
        var claim = await client.GetJsonAsync("/api/v1/claims/clm_3");

        Assert.Equal("North Korea has sent more than 10,000 soldiers to help Russia fight Ukraine", claim["text"]!.GetValue<string>());
        var attributions = claim["attributions"]!.AsArray();
        Assert.Equal(["south-korea-government", "us-government"], attributions.Select(a => a!["source"]!["slug"]!.GetValue<string>()).Order());
        Assert.All(attributions, a => Assert.Equal("asserts", a!["stance"]!.GetValue<string>()));
        Assert.All(attributions, a => Assert.Equal("have accused", a!["cue"]!.GetValue<string>()));
        Assert.Single(attributions.Select(a => a!["selector"]!["position"]!.ToJsonString()).Distinct());
    }

    [Fact]
    public async Task Washington_resolves_to_the_US_government()
    {
        var result = await client.GetJsonAsync("/api/v1/sources/resolve?name=Washington");

        var best = result["items"]![0]!;
        Assert.Equal("us-government", best["source"]!["slug"]!.GetValue<string>());
        Assert.Equal("alias", best["field"]!.GetValue<string>());
        Assert.True(best["exact"]!.GetValue<bool>());
    }

    [Fact]
    public async Task KCNAs_friendly_and_sincere_atmosphere_is_a_direct_quote_anchored_at_its_code_points()
    {
        var claim = await client.GetJsonAsync("/api/v1/claims/clm_2");
        var attribution = claim["attributions"]![0]!;
        var text = (await client.GetJsonAsync("/api/v1/documents/doc_1"))["text"]!.GetValue<string>();

        Assert.Equal("kcna", attribution["source"]!["slug"]!.GetValue<string>());
        Assert.True(attribution["direct"]!.GetValue<bool>());
        var position = attribution["selector"]!["position"]!;
        // The text has curly quotes and em dashes before the quote; offsets count code points.
        Assert.Equal(1584, position["start"]!.GetValue<int>());
        Assert.Equal(1630, position["end"]!.GetValue<int>());
        Assert.Equal("proceeded in a friendly and sincere atmosphere", CodePointSlice(text, 1584, 1630));
        Assert.Contains("friendly and sincere atmosphere", attribution["quote"]!.GetValue<string>());
        Assert.Equal("Their meeting “", attribution["selector"]!["quote"]!["prefix"]!.GetValue<string>()[^15..]);
    }

    [Fact]
    public async Task The_photo_captions_chain_runs_from_KCNA_through_KNS_to_AFP()
    {
        var claim = await client.GetJsonAsync("/api/v1/claims/clm_7");
        var caption = claim["attributions"]![0]!;
        var document = await client.GetJsonAsync($"/api/v1/documents/{caption["documentId"]}");
        var publisher = await client.GetJsonAsync($"/api/v1/sources/{document["publisherId"]}");

        var chain = new[] { caption["source"]!["slug"]!.GetValue<string>() }
            .Concat(caption["viaSources"]!.AsArray().Select(s => s!["slug"]!.GetValue<string>()));
        Assert.Equal(["kcna", "kns", "afp"], chain);
        Assert.Equal("afp", publisher["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task State_media_resolves_to_KCNA_and_the_unnamed_and_collective_sources_are_typed()
    {
        var stateMedia = await client.GetJsonAsync("/api/v1/sources/resolve?name=state%20media");
        var experts = await client.GetJsonAsync("/api/v1/sources/unnamed-experts");
        var west = await client.GetJsonAsync("/api/v1/sources/the-west");

        Assert.Equal("kcna", stateMedia["items"]![0]!["source"]!["slug"]!.GetValue<string>());
        Assert.Equal("unnamed", experts["kind"]!.GetValue<string>());
        Assert.Equal("collective", west["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_seeded_quote_is_the_document_text_at_its_offsets()
    {
        var text = (await client.GetJsonAsync("/api/v1/documents/doc_1"))["text"]!.GetValue<string>();
        var page = await client.GetJsonAsync("/api/v1/documents/doc_1/attributions?limit=200");

        var attributions = page["items"]!.AsArray();
        Assert.True(attributions.Count >= 12, $"Only {attributions.Count} attributions seeded");
        foreach (var a in attributions)
        {
            var position = a!["selector"]!["position"]!;
            Assert.Equal(a["quote"]!.GetValue<string>(), CodePointSlice(text, position["start"]!.GetValue<int>(), position["end"]!.GetValue<int>()));
        }
    }

    [Fact]
    public async Task The_fear_of_the_West_is_speculation()
    {
        var page = await client.GetJsonAsync("/api/v1/sources/the-west/claims");
        var statement = Assert.Single(page["items"]!.AsArray())!;
        Assert.Equal("speculates", statement["attribution"]!["stance"]!.GetValue<string>());
        Assert.Equal("fears", statement["attribution"]!["cue"]!.GetValue<string>());
    }

    private static string CodePointSlice(string text, int start, int end)
    {
        var runes = text.EnumerateRunes().ToArray();
        return string.Concat(runes[start..end].Select(r => r.ToString()));
    }
}
