using System.Net;
using ClaimTracker.Api.Search;
using ClaimTracker.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Tests;

/// <summary>
/// Writes only note which claims to re-index (db/0008_search_pending.sql); reads of the index catch up first, and the
/// notes a stopped or killed server leaves are worked off when it starts again.
/// </summary>
[Trait(TestEngine.Trait, TestEngine.Sqlite)] // SQLite's files, plans, PRAGMAs or group commit
public sealed class SearchPendingTests
{
    [Fact]
    public async Task An_import_is_found_by_search_and_match_at_once()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var lines = new[]
        {
            """{"type":"claim","id":"clm_9001","text":"Wombats dug tunnels under the capital"}""",
            """{"type":"attribution","id":"att_9001","claimId":"clm_9001","sourceId":"kcna","documentId":"doc_1","stance":"asserts","quote":"KCNA said","anchor":{"start":340}}""",
        };
        var response = await NdjsonTests.ImportAsync(client, lines);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal(["clm_9001"], SearchTests.ClaimIds(await SearchTests.HitsAsync(client, "wombats")));
        Assert.Contains("clm_9001", SearchTests.ClaimIds(await SearchTests.HitsAsync(client, "KCNA")));
        var match = await (await client.PostJsonAsync("/api/v1/claims/match", new { text = "Wombats dug tunnels under the capital" })).JsonAsync();
        Assert.Equal("clm_9001", match["candidates"]![0]!["claim"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_search_catches_up_a_backlog_of_several_chunks_before_it_reads()
    {
        using var factory = new ApiFactory();
        // Without the background indexer, only the search's own catch-up can index the backlog.
        var client = factory.WithWebHostBuilder(b => b.ConfigureServices(services =>
            services.Remove(services.Single(d => d.ImplementationType == typeof(SearchIndexer))))).CreateClient();
        // 1,200 claims written behind the API's back: their triggers note them, nothing indexes them yet.
        using (var db = factory.OpenDatabase())
            await db.ExecuteAsync("""
                WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200)
                INSERT INTO claims (id, text, created_at, updated_at)
                SELECT 100000 + i, CASE i WHEN 1200 THEN 'Quokkas took the last ferry' ELSE 'Backlog claim number ' || i END, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n
                """);

        // The newest claim sits in the last chunk of the backlog (notes are indexed lowest id first).
        Assert.Equal(["clm_101200"], SearchTests.ClaimIds(await SearchTests.HitsAsync(client, "quokkas")));
        using var check = factory.OpenDatabase();
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM search_pending"));
    }

    [Fact]
    public async Task Claims_noted_but_not_indexed_when_the_server_died_are_indexed_when_it_starts_again()
    {
        var path = Path.Combine(Path.GetTempPath(), "claimtracker-tests", $"{Guid.NewGuid():N}.db");
        try
        {
            string claim;
            using (var server = await ServerProcess.StartAsync(path, "--seed", "none"))
            {
                using var client = server.CreateClient();
                var created = await client.PostJsonAsync("/api/v1/claims", new { text = "Pangolins crossed the bridge at dawn" });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                claim = (await created.JsonAsync())["id"]!.GetValue<string>();
                server.Kill();
            }

            // What a crash between a write's commit and its re-indexing leaves: the note, and an index without the claim.
            var row = long.Parse(claim["clm_".Length..]);
            await using (var connection = Open(path))
                await connection.ExecuteAsync("""
                    DELETE FROM claim_words WHERE rowid = @Row; DELETE FROM claim_grams WHERE rowid = @Row;
                    INSERT OR IGNORE INTO search_pending (claim_id) VALUES (@Row);
                    """, new { Row = row });

            using (var restarted = await ServerProcess.StartAsync(path, "--seed", "none"))
            {
                // The indexer works the notes off on its own, before any search asks.
                await using var connection = Open(path);
                for (var deadline = DateTime.UtcNow.AddSeconds(30); await Pending(connection) > 0 && DateTime.UtcNow < deadline;) await Task.Delay(100);
                Assert.Equal(0, await Pending(connection));
                Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM claim_grams WHERE claim_grams MATCH 'pangolins'"));
                using var client = restarted.CreateClient();
                Assert.Equal([claim], SearchTests.ClaimIds(await SearchTests.HitsAsync(client, "pangolins")));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" }) File.Delete(path + suffix);
        }
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static Task<long> Pending(SqliteConnection connection) => connection.ExecuteScalarAsync<long>("SELECT count(*) FROM search_pending");
}
