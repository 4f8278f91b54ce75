using System.Net;
using System.Net.Http.Json;
using ClaimTracker.Api.Idempotency;
using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests.Ledger;

/// <summary>What an Idempotency-Key record keeps: only changes, only bounded answers, never a secret (issue 16).</summary>
public sealed class IdempotencyRecordTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient admin = factory.CreateClient();

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private async Task<(string State, byte[]? Body)?> RecordAsync(string key)
    {
        using var db = factory.OpenDatabase();
        var rows = (await db.QueryAsync<(string State, byte[]? Body)>("SELECT state, body FROM idempotency_keys WHERE key = @Key",
            new { Key = key })).ToList();
        return rows.Count == 0 ? null : rows.Single();
    }

    [Fact]
    public async Task A_post_that_writes_nothing_keeps_no_record_and_its_retry_runs_again()
    {
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(admin, "/api/v1/claims/match", new { text = "North Korea sent soldiers to Russia" }, key);
        var again = await PostAsync(admin, "/api/v1/claims/match", new { text = "North Korea sent soldiers to Russia" }, key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(again.Headers.Contains("Idempotency-Replayed"));
        Assert.Null(await RecordAsync(key));
    }

    [Fact]
    public async Task Requests_that_cannot_write_keep_no_record()
    {
        var readKey = (await (await admin.PostJsonAsync("/api/v1/keys", new { name = "reader", scope = "read" })).JsonAsync())["key"]!
            .GetValue<string>();
        var (extractKey, healthKey) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());

        var extract = await PostAsync(factory.CreateClient(readKey), "/api/v1/extract", new { text = "The minister said it would rain." }, extractKey);
        await PostAsync(factory.CreateClient(key: null), "/health", new { }, healthKey);

        Assert.Equal(HttpStatusCode.OK, extract.StatusCode);
        Assert.Null(await RecordAsync(extractKey));
        Assert.Null(await RecordAsync(healthKey));
    }

    [Fact]
    public async Task An_answer_over_the_cap_is_not_kept_and_a_retry_learns_where_the_change_is()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { title = "Long", text = Given.Unique(new string('x', IdempotencyMiddleware.MaxKeptResponseBytes)) };

        var first = await PostAsync(admin, "/api/v1/documents", body, key);
        var retry = await PostAsync(admin, "/api/v1/documents", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(body.text, (await first.JsonAsync())["text"]!.GetValue<string>());
        var problem = await retry.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("/idempotency-response-not-kept", problem["type"]!.GetValue<string>());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(("unkept", (byte[]?)null), await RecordAsync(key));
    }

    [Fact]
    public async Task An_api_key_shown_once_is_never_kept_for_replay()
    {
        var key = Guid.NewGuid().ToString();

        var created = await PostAsync(admin, "/api/v1/keys", new { name = "cms", scope = "write" }, key);
        var retry = await PostAsync(admin, "/api/v1/keys", new { name = "cms", scope = "write" }, key);

        var secret = (await created.JsonAsync())["key"]!.GetValue<string>();
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        await retry.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(created.Headers.Location, retry.Headers.Location);
        await AssertNowhereInRecordsAsync(secret);
    }

    [Fact]
    public async Task A_webhook_secret_shown_once_is_never_kept_for_replay()
    {
        var (createKey, rotateKey) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());

        var created = await PostAsync(admin, "/api/v1/webhooks", new { url = "https://hooks.example.org/a", events = new[] { "*" } }, createKey);
        var webhook = (await created.JsonAsync())["webhook"]!["id"]!.GetValue<string>();
        var rotated = await PostAsync(admin, $"/api/v1/webhooks/{webhook}/rotate-secret", new { }, rotateKey);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        await AssertNowhereInRecordsAsync("whsec_");
        await (await PostAsync(admin, $"/api/v1/webhooks/{webhook}/rotate-secret", new { }, rotateKey))
            .AssertProblemAsync(HttpStatusCode.Conflict);
    }

    private async Task AssertNowhereInRecordsAsync(string secret)
    {
        using var db = factory.OpenDatabase();
        var stored = await db.QueryAsync<string>("SELECT coalesce(CAST(body AS TEXT), '') || coalesce(headers, '') FROM idempotency_keys");
        Assert.DoesNotContain(stored, s => s.Contains(secret, StringComparison.Ordinal));
    }
}
