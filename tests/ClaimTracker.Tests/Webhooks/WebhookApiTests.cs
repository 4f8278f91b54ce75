using System.Net;
using ClaimTracker.Api.Webhooks;
using ClaimTracker.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Webhooks;

/// <summary>Subscriptions: secrets shown once, URLs and events checked, edits, rotation and deletion; admin only.</summary>
public sealed class WebhookApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Creating_a_webhook_shows_its_secret_once_and_never_again()
    {
        var response = await client.PostJsonAsync("/api/v1/webhooks", new { url = "https://cms.example.org/hooks", events = new[] { "claim.*" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        var secret = body["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret);
        Assert.True(Convert.FromBase64String(secret["whsec_".Length..]).Length >= 24);
        var id = body["webhook"]!["id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/webhooks/{id}", response.Headers.Location!.OriginalString);

        var read = await client.GetAsync($"/api/v1/webhooks/{id}");
        var text = await read.Content.ReadAsStringAsync();
        Assert.NotNull(read.Headers.ETag);
        Assert.DoesNotContain("secret\"", text);
        Assert.DoesNotContain(secret["whsec_".Length..], text);
        Assert.DoesNotContain(secret["whsec_".Length..], await client.GetStringAsync("/api/v1/webhooks"));
        using var db = factory.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT secret FROM webhooks";
        Assert.All(await ReadAllAsync(command), stored => Assert.DoesNotContain(secret["whsec_".Length..], stored)); // encrypted at rest
    }

    [Theory]
    [InlineData("ftp://example.org/hook")]
    [InlineData("/relative/hook")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://user:pass@example.org/hook")]
    [InlineData("http://localhost/api/v1/claims")] // the test server's own host and port
    [InlineData("http://LOCALHOST:80/anything")]
    public async Task Urls_that_are_not_http_or_that_point_at_this_api_are_refused(string url)
    {
        var response = await client.PostJsonAsync("/api/v1/webhooks", new { url, events = new[] { "*" } });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["url"]);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8443/hook", true)]
    [InlineData("http://[::1]:8443/hook", true)]
    [InlineData("http://0.0.0.0:8443/", true)]
    [InlineData("https://API.example.org:8443/x", true)]
    [InlineData("http://localhost:8443/", true)]
    [InlineData("http://127.0.0.1:9000/hook", false)]
    [InlineData("https://api.example.org/x", false)]
    [InlineData("https://hooks.example.net:8443/x", false)]
    public void A_loopback_url_on_the_servers_own_port_or_its_own_host_and_port_counts_as_the_api_itself(string url, bool self)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("api.example.org", 8443);
        context.Connection.LocalPort = 8443;
        Assert.Equal(self, WebhookUrls.Problem(url, context)?.Contains("own API") == true);
    }

    [Theory]
    [InlineData("claim.exploded")]
    [InlineData("claims.*")]
    [InlineData("*.*")]
    [InlineData("")]
    [InlineData("key.created")]
    public async Task Unknown_event_names_are_refused(string name)
    {
        var response = await client.PostJsonAsync("/api/v1/webhooks", new { url = "https://example.org/h", events = new[] { "claim.created", name } });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["events"]);
    }

    [Fact]
    public async Task A_subscription_needs_at_least_one_event()
    {
        var response = await client.PostJsonAsync("/api/v1/webhooks", new { url = "https://example.org/h", events = Array.Empty<string>() });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_subscription_is_edited_with_merge_patch_guarded_by_its_etag_and_deleted()
    {
        var (id, _) = await Hooks.SubscribeAsync(client, "https://example.org/edit", "claim.created");
        var read = await client.GetAsync($"/api/v1/webhooks/{id}");
        var etag = read.Headers.ETag!.Tag;

        var patched = await client.PatchJsonAsync($"/api/v1/webhooks/{id}", new { events = new[] { "review.*", "source.deleted" }, enabled = false }, etag);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await patched.JsonAsync();
        Assert.Equal(["review.*", "source.deleted"], body["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.False(body["enabled"]!.GetValue<bool>());
        Assert.Equal("https://example.org/edit", body["url"]!.GetValue<string>());

        await (await client.PatchJsonAsync($"/api/v1/webhooks/{id}", new { enabled = true }, etag)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await client.PatchJsonAsync($"/api/v1/webhooks/{id}", new { url = "http://localhost/api/v1/x" })).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        await (await client.GetAsync($"/api/v1/webhooks/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rotating_issues_a_new_secret_and_keeps_the_old_one_for_the_overlap_unless_told_not_to()
    {
        var (id, first) = await Hooks.SubscribeAsync(client, "https://example.org/rotate", "*");
        var rotated = await (await client.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null)).JsonAsync();
        var second = rotated["secret"]!.GetValue<string>();
        Assert.NotEqual(first, second);
        var until = rotated["webhook"]!["previousSecretExpiresAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));

        var retired = await (await client.PostAsync($"/api/v1/webhooks/{id}/rotate-secret?overlapSeconds=0", null)).JsonAsync();
        Assert.Null(retired["webhook"]!["previousSecretExpiresAt"]);
        await (await client.PostAsync($"/api/v1/webhooks/{id}/rotate-secret?overlapSeconds=-5", null)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Webhooks_need_an_admin_key()
    {
        var created = await (await client.PostJsonAsync("/api/v1/keys", new { name = "writer", scope = "write" })).JsonAsync();
        var writer = factory.CreateClient(created["key"]!.GetValue<string>());
        await (await writer.GetAsync("/api/v1/webhooks")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await writer.PostJsonAsync("/api/v1/webhooks", new { url = "https://example.org/h", events = new[] { "*" } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await factory.CreateClient(key: null).GetAsync("/api/v1/webhooks")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task<List<string>> ReadAllAsync(System.Data.Common.DbCommand command)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
