using System.Net;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

public sealed class WebHardeningTests
{
    [Fact]
    public async Task Responses_carry_nosniff_and_a_content_security_policy()
    {
        using var factory = new ApiFactory();
        var response = await factory.CreateClient().GetAsync("/swagger/index.html");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task CORS_is_closed_by_default_and_open_to_listed_origins()
    {
        using var closed = new ApiFactory();
        using var open = new ApiFactory { Settings = { ["Web:CorsOrigins:0"] = "https://cms.example.org" } };

        Assert.False((await Preflight(closed, "https://cms.example.org")).Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("https://cms.example.org", (await Preflight(open, "https://cms.example.org")).Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False((await Preflight(open, "https://evil.example.com")).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Past_the_rate_limit_a_key_gets_429_with_retry_after()
    {
        using var factory = new ApiFactory { Settings = { ["Web:RequestsPerMinute"] = "5" } };
        var client = factory.CreateClient();

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++) statuses.Add(await client.GetAsync("/api/v1/claims?limit=1"));

        var limited = statuses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Equal(5, statuses.Count(r => r.StatusCode == HttpStatusCode.OK));
    }

    [Fact]
    public async Task When_configured_a_change_without_If_Match_is_a_428()
    {
        using var factory = new ApiFactory { Settings = { ["Web:RequireIfMatch"] = "true" } };
        var client = factory.CreateClient();

        await (await client.PatchJsonAsync("/api/v1/claims/clm_1", new { status = "in_review" })).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await client.DeleteAsync("/api/v1/reviews/rev_1")).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        var etag = (await client.GetAsync("/api/v1/claims/clm_1")).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync("/api/v1/claims/clm_1", new { status = "in_review" }, etag)).StatusCode);
    }

    private static Task<HttpResponseMessage> Preflight(ApiFactory factory, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/claims");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return factory.CreateClient().SendAsync(request);
    }
}
