using System.Net;
using System.Text;
using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests.ImportJobs;

/// <summary>
/// A job into an empty database runs as a restore (indexes and the search index built once, after the load); it must
/// leave what the line-by-line import leaves: the same export byte for byte, the same history, the same search answers.
/// </summary>
public sealed class BulkRestoreTests
{
    [Fact]
    public async Task A_restore_and_a_line_by_line_import_of_the_same_file_export_byte_identically()
    {
        using var origin = new ApiFactory();
        var originClient = origin.CreateClient();
        await originClient.PatchJsonAsync("/api/v1/claims/clm_5", new { claimDate = "2024-11-01" });
        await originClient.PostJsonAsync("/api/v1/claims/clm_6/reviews",
            new { rating = "unproven", url = "https://factcheck.example.org/t", evidence = new[] { "https://e.org/e" } });
        var file = Encoding.UTF8.GetString(await ExportAsync(originClient)).TrimEnd('\n').Split('\n').ToList();
        // The same bad lines in both: one that is not JSON, one whose claim does not exist, and among the claims and
        // the attributions that go in together one that repeats an earlier one's id with other content (the database
        // refuses it, so its lot is written again line by line) and one that repeats an earlier line exactly
        // (unchanged).
        foreach (var type in new[] { "claim", "attribution" })
        {
            var first = file.FindIndex(line => line.StartsWith($$"""{"type":"{{type}}""", StringComparison.Ordinal));
            Assert.True(file.Count > first + 3);
            var changed = file[first].Replace("\"createdAt\":\"20", "\"createdAt\":\"19");
            Assert.NotEqual(file[first], changed);
            file.Insert(first + 2, changed);
            file.Insert(first + 3, file[first + 1]);
        }
        file.Insert(3, "{ not json");
        file.Add("""{"type":"attribution","id":"att_900","claimId":"clm_999","sourceId":"src_1","documentId":"doc_1",""" +
            """ "cue":"said","stance":"asserts","quote":"x"}""");

        using var restored = new EmptyApiFactory();
        using var lineByLine = new EmptyApiFactory { Settings = { ["ImportJobs:BulkRestore"] = "false" } };
        var (fast, slow) = (restored.CreateClient(), lineByLine.CreateClient());
        var (fastLocation, slowLocation) =
            (await JobClient.StartAsync(fast, file), await JobClient.StartAsync(slow, file));
        var (fastJob, slowJob) =
            (await JobClient.WaitAsync(fast, fastLocation), await JobClient.WaitAsync(slow, slowLocation));

        Assert.Equal(("succeeded", 4, 2), (fastJob.State, fastJob.Failed, fastJob.Unchanged));
        Assert.Equal((slowJob.State, slowJob.Committed, slowJob.Failed, slowJob.Unchanged),
            (fastJob.State, fastJob.Committed, fastJob.Failed, fastJob.Unchanged));
        Assert.Equal(slowJob.Imported, fastJob.Imported);
        Assert.Equal((await slow.GetJsonAsync(slowLocation + "/errors")).ToJsonString(),
            (await fast.GetJsonAsync(fastLocation + "/errors")).ToJsonString());
        Assert.Equal(await ExportAsync(slow), await ExportAsync(fast));
        Assert.Equal(await ExportAsync(originClient), await ExportAsync(fast));
        foreach (var query in new[] { "troops", "minister", "\"said\"" })
            Assert.Equal((await slow.GetJsonAsync($"/api/v1/search?q={query}")).ToJsonString(),
                (await fast.GetJsonAsync($"/api/v1/search?q={query}")).ToJsonString());
        if (TestEngine.IsPostgres) return;
        using var fastDb = restored.OpenDatabase();
        using var slowDb = lineByLine.OpenDatabase();
        // Every line's history entry, in order, with the resource as it was created.
        const string history =
            "SELECT actor || ' ' || operation || ' ' || resource_id || ' ' || after FROM audit_log ORDER BY id";
        Assert.Equal(await slowDb.QueryAsync<string>(history), await fastDb.QueryAsync<string>(history));
        // The indexes are all back, word for word; created anew after the load, they stand later in sqlite_master.
        const string indexes = "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL";
        Assert.Equal(await slowDb.QueryAsync<string>(indexes + " ORDER BY name"),
            await fastDb.QueryAsync<string>(indexes + " ORDER BY name"));
        Assert.NotEqual(await slowDb.QueryAsync<string>(indexes + " ORDER BY rowid"),
            await fastDb.QueryAsync<string>(indexes + " ORDER BY rowid"));
        Assert.Equal(0L, await fastDb.ExecuteScalarAsync<long>("SELECT count(*) FROM deferred_indexes"));
        Assert.Equal(0L, await fastDb.ExecuteScalarAsync<long>("SELECT count(*) FROM search_pending"));
        Assert.Equal("ok", await fastDb.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
    }

    [Fact]
    public async Task An_import_into_a_database_with_records_keeps_its_indexes_and_imports_line_by_line()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var job = await JobClient.WaitAsync(client, await JobClient.StartAsync(client, JobClient.Claims(1000, 20)));

        Assert.Equal(("succeeded", 20), (job.State, job.Committed));
        if (TestEngine.IsPostgres) return;
        using var db = factory.OpenDatabase();
        // Created by the migrations, not anew: attributions_by_document still stands before the import jobs' table.
        Assert.True(await db.ExecuteScalarAsync<bool>("""
            SELECT (SELECT rowid FROM sqlite_master WHERE name = 'attributions_by_document')
                 < (SELECT rowid FROM sqlite_master WHERE name = 'import_jobs')
            """));
    }

    private static async Task<byte[]> ExportAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/export.ndjson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
