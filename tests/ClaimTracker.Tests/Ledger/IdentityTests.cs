using System.Globalization;
using System.Net;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Sqlite;
using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests.Ledger;

/// <summary>An id, once issued, is never issued again: not after a delete, not through an import (issue 16).</summary>
public sealed class IdentityTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static long Number(string id) => long.Parse(id[(id.IndexOf('_') + 1)..], CultureInfo.InvariantCulture);

    private async Task<string> CreatedIdAsync(string url, object body)
    {
        var response = await client.PostJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        return (json["id"] ?? json["webhook"]!["id"])!.GetValue<string>();
    }

    private async Task DeleteAsync(string url) =>
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(url)).StatusCode);

    /// <summary>Creates, deletes the newest, creates again: the second id must be new and above the first.</summary>
    private static async Task AssertNeverReusedAsync(Func<Task<string>> create, Func<string, Task> delete)
    {
        var deleted = await create();
        await delete(deleted);
        var next = await create();
        Assert.NotEqual(deleted, next);
        Assert.True(Number(next) > Number(deleted), $"{next} after {deleted}");
    }

    [Fact]
    public Task A_deleted_claims_id_is_not_given_to_the_next_claim() => AssertNeverReusedAsync(
        () => Given.ClaimAsync(client), id => DeleteAsync($"/api/v1/claims/{id}"));

    [Fact]
    public Task A_deleted_sources_id_is_not_given_to_the_next_source() => AssertNeverReusedAsync(
        () => Given.SourceAsync(client, Given.Unique("Source")), id => DeleteAsync($"/api/v1/sources/{id}"));

    [Fact]
    public Task A_deleted_documents_id_is_not_given_to_the_next_document() => AssertNeverReusedAsync(
        () => Given.DocumentAsync(client, Given.Unique("Text")), id => DeleteAsync($"/api/v1/documents/{id}"));

    [Fact]
    public async Task A_deleted_attributions_id_is_not_given_to_the_next_attribution()
    {
        var source = await Given.SourceAsync(client, Given.Unique("Speaker"));
        await AssertNeverReusedAsync(async () => (await Given.AttributedClaimAsync(client, source)).AttributionId,
            id => DeleteAsync($"/api/v1/attributions/{id}"));
    }

    [Fact]
    public async Task A_deleted_reviews_id_is_not_given_to_the_next_review()
    {
        var claim = await Given.ClaimAsync(client);
        await AssertNeverReusedAsync(() => CreatedIdAsync($"/api/v1/claims/{claim}/reviews", new { rating = "false" }),
            id => DeleteAsync($"/api/v1/reviews/{id}"));
    }

    [Fact]
    public Task A_deleted_webhooks_id_is_not_given_to_the_next_webhook() => AssertNeverReusedAsync(
        () => CreatedIdAsync("/api/v1/webhooks", new { url = "https://hooks.example.org/ct", events = new[] { "claim.created" } }),
        id => DeleteAsync($"/api/v1/webhooks/{id}"));

    [Fact]
    public async Task Running_the_extractor_again_gives_the_replaced_suggestions_new_ids()
    {
        var document = await Given.DocumentAsync(client, "The minister said the bridge would open in May. Critics said it would not.");
        var first = await (await client.PostAsync($"/api/v1/documents/{document}/suggestions", null)).JsonAsync();
        var second = await (await client.PostAsync($"/api/v1/documents/{document}/suggestions", null)).JsonAsync();

        var before = first["pending"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();
        var after = second["pending"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(before);
        Assert.Equal(before.Count, second["replaced"]!.GetValue<int>());
        Assert.Empty(before.Intersect(after));
    }

    [Fact]
    public async Task A_stale_If_Match_for_a_deleted_claim_cannot_edit_the_claim_created_after_it()
    {
        var deleted = await Given.ClaimAsync(client);
        await DeleteAsync($"/api/v1/claims/{deleted}");
        var next = await Given.ClaimAsync(client, Given.Unique("Another claim"));

        var stale = await client.PatchJsonAsync($"/api/v1/claims/{deleted}", new { text = "Overwritten" }, "\"1\"");

        await stale.AssertProblemAsync(HttpStatusCode.NotFound);
        var history = await client.GetJsonAsync($"/api/v1/claims/{next}/history");
        Assert.Equal(["create"], history["items"]!.AsArray().Select(e => e!["operation"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Ids_deleted_before_the_ids_migration_stay_retired()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ct-0012-{Guid.NewGuid():N}.db");
        await using var db = new SqliteDb(Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { Path = path }));
        var migrator = new Migrator(db, Microsoft.Extensions.Logging.Abstractions.NullLogger<Migrator>.Instance);
        await migrator.MigrateAsync(Migrator.ScriptsOf(SqlDialect.Sqlite).TakeWhile(s => s.Version != "0012_ids_never_reused").ToList());
        await db.WriteAsync(WriteOrigin.System, (c, tx) => c.ExecuteAsync("""
            INSERT INTO claims (id, text, created_at, updated_at) VALUES (3, 'Kept', 'x', 'x');
            INSERT INTO audit_log (at, actor, resource, resource_id, operation, before)
            VALUES ('x', 'test', 'claim', 'clm_7', 'delete', '{}'), ('x', 'test', 'review', 'rev_12', 'delete', '{}'),
                   ('x', 'test', 'claim', 'clm_3', 'create', NULL);
            """, transaction: tx));

        await migrator.MigrateAsync();

        var retired = await db.ReadAsync(async c =>
            (await c.QueryAsync<(string Table, long LastId)>("SELECT table_name, last_id FROM retired_ids ORDER BY 1")).ToList());
        Assert.Equal([("claims", 7L), ("reviews", 12L)], retired);
        var next = await db.WriteAsync(WriteOrigin.System, (c, tx) => c.ExecuteScalarAsync<long>(
            $"INSERT INTO claims (id, text, created_at, updated_at) VALUES ({SqlDialect.Sqlite.NextId("claims")}, 'New', 'x', 'x') RETURNING id",
            transaction: tx));
        Assert.Equal(8, next);
    }
}
