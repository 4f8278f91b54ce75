using System.Net;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

public sealed class HomePageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_root_says_what_the_service_is_and_links_to_swagger_openapi_health_and_a_quick_start()
    {
        var response = await factory.CreateClient(key: null).GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>ClaimTracker</h1>", html);
        Assert.Contains("href=\"/swagger\"", html);
        Assert.Contains("href=\"/swagger/v1/swagger.json\"", html);
        Assert.Contains("href=\"/health\"", html);
        Assert.Contains("Quick start", html);
    }
}
