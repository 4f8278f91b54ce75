using System.Net;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Search;
using ClaimTracker.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClaimTracker.Tests.Ledger;

/// <summary>The write path's unit of work: values in, no ambient state, readers that cannot write, no nesting.</summary>
[Trait(TestEngine.Trait, TestEngine.Sqlite)] // SQLite's files, plans, PRAGMAs or group commit
public sealed class UnitOfWorkTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private Db Db => factory.Services.GetRequiredService<Db>();

    [Fact]
    public async Task A_write_through_a_read_connection_fails()
    {
        var pooled = await Assert.ThrowsAsync<SqliteException>(() =>
            Db.ReadAsync(c => c.ExecuteAsync("UPDATE claims SET text = 'Changed by a reader' WHERE id = 1")));
        await using var own = await Db.OpenAsync();
        var streaming = await Assert.ThrowsAsync<SqliteException>(() => own.ExecuteAsync("DELETE FROM claims WHERE id = 1"));

        Assert.All(new[] { pooled, streaming }, e => Assert.Equal(8, e.SqliteErrorCode)); // SQLITE_READONLY
        var claim = await factory.CreateClient().GetJsonAsync("/api/v1/claims/clm_1");
        Assert.NotEqual("Changed by a reader", claim["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_write_inside_a_write_unit_fails_at_once_instead_of_waiting_for_itself()
    {
        var nested = Db.WriteAsync(WriteOrigin.System, async (_, _) =>
            await Db.WriteAsync(WriteOrigin.System, (c, tx) => c.ExecuteAsync("SELECT 1", transaction: tx)));

        // Before: the inner unit queued behind the outer one, which waited for it for ever.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => nested.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("cannot start another write", error.Message);
        Assert.Equal(1, await Db.WriteAsync(WriteOrigin.System, (c, tx) => c.ExecuteScalarAsync<int>("SELECT 1", transaction: tx)));
    }

    [Fact]
    public async Task A_change_made_outside_any_request_is_recorded_under_the_origin_it_was_given()
    {
        // Before, the actor came from IHttpContextAccessor: outside a request every change was "system".
        var claims = factory.Services.GetRequiredService<ClaimStore>();
        var created = await claims.CreateAsync(new WriteOrigin("nightly-import"), new ClaimInput { Text = Given.Unique("Imported") });

        var history = await factory.CreateClient().GetJsonAsync($"/api/v1/claims/{created.Resource.Id}/history");
        Assert.Equal("nightly-import", history["items"]![0]!["actor"]!.GetValue<string>());
    }
}

/// <summary>The app without its background indexer, so search notes stay until a request catches them up itself.</summary>
public sealed class NoIndexerApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var indexer = services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(SearchIndexer));
            services.Remove(indexer);
        });
    }
}

/// <summary>The Idempotency-Key commits with the request's own change, never with a write the request did not ask for.</summary>
public sealed class IdempotencyOriginTests(NoIndexerApiFactory factory) : IClassFixture<NoIndexerApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private Task<HttpResponseMessage> CreateCheckedAsync(string key, string text, bool provokedFault = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/claims?checkDuplicates=true")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { text }),
        };
        request.Headers.Add("Idempotency-Key", key);
        if (provokedFault) request.Headers.Add(ContractCheck.ProvokedFault, "500");
        return client.SendAsync(request);
    }

    [Fact]
    public async Task With_checkDuplicates_the_key_commits_with_the_claim_not_with_the_search_catch_up()
    {
        // A claim noted for re-indexing: checkDuplicates catches the search index up (a write of its own) first.
        await Given.ClaimAsync(client, Given.Unique("Noted claim"));
        var text = Given.Unique("Refused by the database");
        using (var db = factory.OpenDatabase())
            await db.ExecuteAsync(TestEngine.IsPostgres
                ? $"""
                  CREATE FUNCTION refuse_claim() RETURNS trigger LANGUAGE plpgsql AS $$
                  BEGIN RAISE EXCEPTION 'refused'; END $$;
                  CREATE TRIGGER refuse_claim BEFORE INSERT ON claims FOR EACH ROW WHEN (NEW.text = '{text}')
                  EXECUTE FUNCTION refuse_claim();
                  """
                : $"""
                  CREATE TRIGGER refuse_claim BEFORE INSERT ON claims WHEN NEW.text = '{text}'
                  BEGIN SELECT RAISE(ABORT, 'refused'); END
                  """);
        var key = Guid.NewGuid().ToString();

        var failed = await CreateCheckedAsync(key, text, provokedFault: true);
        using (var db = factory.OpenDatabase())
        {
            Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM search_pending"));
            await db.ExecuteAsync(TestEngine.IsPostgres ? "DROP TRIGGER refuse_claim ON claims" : "DROP TRIGGER refuse_claim");
        }
        var retried = await CreateCheckedAsync(key, text);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        // Before: the catch-up had committed the key, so the retry heard "applied, response lost" of a claim that never was.
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
    }
}
