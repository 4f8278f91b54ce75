using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>
/// The URLs the API publishes (Link headers, ClaimReview url, claims:search review URLs) come from Web:PublicBaseUrl or
/// the server's own address, never from the Host header a client sends.
/// </summary>
public sealed class PublicUrlTests
{
    private static readonly string[] Published =
    [
        "/api/v1/claims?limit=1", "/api/v1/claims/clm_3/claimreview", "/api/v1/claimreview?limit=1",
        "/v1alpha1/claims:search?query=soldiers", "/api/v1/sources?limit=1",
    ];

    [Fact]
    public async Task A_hostile_host_header_is_reflected_nowhere()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        foreach (var url in Published)
        {
            var (links, body) = await GetAsync(client, url, host: "evil.example");
            Assert.DoesNotContain("evil.example", links + body);
        }
        var (link, _) = await GetAsync(client, "/api/v1/claims?limit=1&sort=newest", host: "evil.example");
        Assert.StartsWith("</api/v1/claims?", link); // relative: the client resolves it against the URL it asked
        var review = JsonNode.Parse((await GetAsync(client, "/api/v1/claims/clm_3/claimreview", host: "evil.example")).Body)!;
        Assert.Equal("http://localhost/api/v1/reviews/rev_1", review["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_configured_public_base_url_is_used_for_every_published_url()
    {
        using var factory = new ApiFactory { Settings = { ["Web:PublicBaseUrl"] = "https://claims.example.org/ct/" } };
        var client = factory.CreateClient();

        var (link, _) = await GetAsync(client, "/api/v1/claims?limit=1", host: "evil.example");
        Assert.StartsWith("<https://claims.example.org/ct/api/v1/claims?limit=1&cursor=", link);
        var review = JsonNode.Parse((await GetAsync(client, "/api/v1/claims/clm_3/claimreview", host: "evil.example")).Body)!;
        Assert.Equal("https://claims.example.org/ct/api/v1/reviews/rev_1", review["url"]!.GetValue<string>());
        var found = JsonNode.Parse((await GetAsync(client, "/v1alpha1/claims:search?query=soldiers", host: "evil.example")).Body)!;
        var published = found["claims"]![0]!["claimReview"]![0]!;
        Assert.Equal("https://claims.example.org/ct/api/v1/reviews/rev_1", published["url"]!.GetValue<string>());
        Assert.Equal("claims.example.org", published["publisher"]!["site"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("claims.example.org")]
    [InlineData("ftp://claims.example.org")]
    [InlineData("https://user:secret@claims.example.org")]
    [InlineData("https://claims.example.org/?x=1")]
    public void A_public_base_url_that_is_not_one_stops_the_start(string value)
    {
        var refused = ApiFactory.StartRefusal("Web:PublicBaseUrl", value);
        Assert.Contains("Web:PublicBaseUrl", refused.ToString());
    }

    private static async Task<(string Links, string Body)> GetAsync(HttpClient client, string url, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = host;
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var links = response.Headers.TryGetValues("Link", out var values) ? string.Join(",", values) : "";
        return (links, await response.Content.ReadAsStringAsync());
    }
}
