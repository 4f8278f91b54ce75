using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>
/// GET /claims/contested on the worked example plus three disputes: North Korea's government denies
/// the 10,000-soldiers claim (clm_3, dated 19 Nov), the United States denies the airport welcome (clm_7,
/// dated 18 Nov), and KCNA retracts its own delegation report (clm_8), which nobody else asserts.
/// </summary>
public sealed class ContestedTests : IClassFixture<ContestedTests.Disputes>
{
    private readonly HttpClient client;

    public ContestedTests(Disputes disputes) => client = disputes.CreateClient();

    public sealed class Disputes : ApiFactory
    {
        public Disputes()
        {
            var client = CreateClient();
            var document = Post(client, "/api/v1/documents", new
            {
                title = "Denials", text = "Pyongyang called the troop reports a smear campaign. Washington said the welcome never happened. KCNA withdrew its report.",
            })["id"]!.GetValue<string>();
            Post(client, "/api/v1/claims/clm_3/attributions", new { sourceId = "north-korea-government", documentId = document, stance = "denies", quote = "a smear campaign" });
            Post(client, "/api/v1/claims/clm_7/attributions", new { sourceId = "us-government", documentId = document, stance = "denies", quote = "the welcome never happened" });
            Post(client, "/api/v1/claims/clm_8/attributions", new { sourceId = "kcna", documentId = document, stance = "retracts", quote = "KCNA withdrew its report" });
        }

        private static JsonNode Post(HttpClient client, string url, object body)
        {
            var response = client.PostJsonAsync(url, body).GetAwaiter().GetResult();
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return response.JsonAsync().GetAwaiter().GetResult();
        }
    }

    private async Task<List<string>> ContestedAsync(string query = "") =>
        (await client.GetJsonAsync("/api/v1/claims/contested" + query))["items"]!.AsArray().Select(i => i!["claim"]!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Claims_one_source_asserts_and_another_denies_are_listed_with_both_sides()
    {
        var items = (await client.GetJsonAsync("/api/v1/claims/contested"))["items"]!.AsArray();
        Assert.Equal(["clm_3", "clm_7"], items.Select(i => i!["claim"]!["id"]!.GetValue<string>()));
        var soldiers = items[0]!;
        Assert.Equal(["us-government", "south-korea-government"], soldiers["asserting"]!.AsArray().Select(a => a!["source"]!["slug"]!.GetValue<string>()));
        var disputing = soldiers["disputing"]!.AsArray().Single()!;
        Assert.Equal("north-korea-government", disputing["source"]!["slug"]!.GetValue<string>());
        Assert.Equal("denies", disputing["stance"]!.GetValue<string>());
        Assert.Equal("a smear campaign", disputing["quote"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_source_retracting_its_own_claim_alone_does_not_make_it_contested()
    {
        Assert.DoesNotContain("clm_8", await ContestedAsync());
        Assert.Equal("reviewed", (await client.GetJsonAsync("/api/v1/claims/clm_3"))["status"]!.GetValue<string>()); // /claims/{id} still answers
    }

    [Theory]
    [InlineData("?sourceId=north-korea-government", new[] { "clm_3" })]
    [InlineData("?sourceId=kcna", new[] { "clm_7" })]
    [InlineData("?sourceId=north-korea-government&includeAffiliates=true", new[] { "clm_3", "clm_7" })]
    [InlineData("?sourceId=south-korea-government", new[] { "clm_3" })]
    [InlineData("?sourceId=the-west", new string[0])]
    [InlineData("?from=2024-11-19", new[] { "clm_3" })]
    [InlineData("?to=2024-11-19", new[] { "clm_7" })]
    [InlineData("?sort=newest", new[] { "clm_7", "clm_3" })]
    public async Task Contested_claims_filter_by_source_on_either_side_and_by_date(string query, string[] expected)
    {
        Assert.Equal(expected, await ContestedAsync(query));
    }

    [Fact]
    public async Task Contested_claims_page_by_cursor()
    {
        var response = await client.GetAsync("/api/v1/claims/contested?limit=1");
        var page = await response.JsonAsync();
        Assert.Single(page["items"]!.AsArray());
        Assert.True(response.Headers.Contains("Link"));
        Assert.Equal(["clm_7"], await ContestedAsync("?limit=1&cursor=" + page["nextCursor"]!.GetValue<string>()));
        await (await client.GetAsync("/api/v1/claims/contested?cursor=bogus")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
