using System.Net;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

public sealed class SmokeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_seeded_service_is_ready()
    {
        var response = await factory.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
