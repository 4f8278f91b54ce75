using System.Net;
using System.Net.Http.Json;
using ClaimTracker.Api.Data;
using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests;

/// <summary>Retries with an Idempotency-Key never create a second row.</summary>
public sealed class IdempotencyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private Task<HttpResponseMessage> PostAsync(string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/claims") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private async Task<long> CountAsync(string text)
    {
        using var db = factory.OpenDatabase();
        return await db.ExecuteScalarAsync<long>("SELECT count(*) FROM claims WHERE text = @Text", new { Text = text });
    }

    [Fact]
    public async Task The_same_key_and_body_replays_the_first_response_without_a_second_row()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { text = Given.Unique("Retried claim") };

        var first = await PostAsync(key, body);
        var second = await PostAsync(key, body);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal("true", second.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal(1, await CountAsync(body.text));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422()
    {
        var key = Guid.NewGuid().ToString();
        await PostAsync(key, new { text = Given.Unique("first") });
        var other = new { text = Given.Unique("second") };

        await (await PostAsync(key, other)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, await CountAsync(other.text));
    }

    [Fact]
    public async Task The_same_key_while_the_first_request_runs_is_a_409()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { text = Given.Unique("slow") };
        await PostAsync(key, body);
        using (var db = factory.OpenDatabase())
            await db.ExecuteAsync("UPDATE idempotency_keys SET state = 'started', created_at = @Now WHERE key = @Key",
                new { Key = key, Now = Time.Now(TimeProvider.System) });

        await (await PostAsync(key, body)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Many_concurrent_retries_of_one_request_create_one_row()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { text = Given.Unique("stampede") };

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => PostAsync(key, body)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await CountAsync(body.text));
    }

    [Fact]
    public async Task A_failed_request_frees_its_key_and_keys_expire_after_24_hours()
    {
        var key = Guid.NewGuid().ToString();
        await (await PostAsync(key, new { text = "" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var fixedBody = new { text = Given.Unique("fixed") };
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(key, fixedBody)).StatusCode);

        using (var db = factory.OpenDatabase())
            await db.ExecuteAsync("UPDATE idempotency_keys SET created_at = '2000-01-01T00:00:00.000Z' WHERE key = @Key", new { Key = key });
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(key, fixedBody)).StatusCode);
        Assert.Equal(2, await CountAsync(fixedBody.text));
    }

    [Fact]
    public async Task An_unusable_key_is_a_400()
    {
        await (await PostAsync(new string('k', 256), new { text = "x" })).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
