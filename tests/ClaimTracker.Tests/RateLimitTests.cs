using System.Net;
using ClaimTracker.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace ClaimTracker.Tests;

/// <summary>
/// Token buckets per key and, without a key, per client address (an IPv6 client by its /64); health checks draw from
/// buckets of their own. Requests go through the test server with a chosen remote address.
/// </summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly ApiFactory factory = new() { Settings = { ["Web:RequestsPerMinute"] = "3" } };

    [Fact]
    public async Task Anonymous_api_traffic_never_makes_health_checks_answer_429()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++) statuses.Add(await StatusAsync("/api/v1/claims", "203.0.113.7"));
        Assert.Equal([401, 401, 401, 429, 429, 429], statuses);

        Assert.Equal(200, await StatusAsync("/health", "203.0.113.7"));
        Assert.Equal(200, await StatusAsync("/health/live", "203.0.113.7"));
    }

    [Fact]
    public async Task Health_checks_are_limited_in_buckets_of_their_own_that_spare_the_api()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++) statuses.Add(await StatusAsync("/health/live", "203.0.113.8"));
        Assert.Equal([200, 200, 200, 429, 429], statuses);
        Assert.Equal(200, await StatusAsync("/api/v1/claims?limit=1", "203.0.113.8", ApiFactory.AdminKey));
    }

    [Fact]
    public async Task Each_anonymous_client_address_has_its_own_bucket_and_an_ipv6_client_its_64()
    {
        for (var i = 0; i < 3; i++) await StatusAsync("/api/v1/claims", "2001:db8:1:2::1");
        Assert.Equal(429, await StatusAsync("/api/v1/claims", "2001:db8:1:2::1"));
        Assert.Equal(429, await StatusAsync("/api/v1/claims", "2001:db8:1:2:aaaa:bbbb:cccc:dddd")); // the same /64
        Assert.Equal(401, await StatusAsync("/api/v1/claims", "2001:db8:1:3::1"));
        Assert.Equal(401, await StatusAsync("/api/v1/claims", "198.51.100.9"));
        Assert.Equal(401, await StatusAsync("/api/v1/claims", "::ffff:198.51.100.10"));
        Assert.Equal(200, await StatusAsync("/api/v1/claims?limit=1", "2001:db8:1:2::1", ApiFactory.AdminKey)); // a key's own bucket
    }

    private async Task<int> StatusAsync(string pathAndQuery, string address, string? key = null)
    {
        var parts = pathAndQuery.Split('?', 2);
        var context = await factory.Server.SendAsync(http =>
        {
            http.Request.Method = "GET";
            http.Request.Path = parts[0];
            http.Request.QueryString = parts.Length > 1 ? new QueryString("?" + parts[1]) : QueryString.Empty;
            http.Connection.RemoteIpAddress = IPAddress.Parse(address);
            if (key is not null) http.Request.Headers.Authorization = "Bearer " + key;
        });
        return context.Response.StatusCode;
    }

    public void Dispose() => factory.Dispose();
}
