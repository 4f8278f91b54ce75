using ClaimTracker.Api.Data;
using ClaimTracker.Api.ImportJobs;
using ClaimTracker.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.ImportJobs;

/// <summary>The writer's page cache is raised for an import job and lowered again when the job ends.</summary>
[Trait(TestEngine.Trait, TestEngine.Sqlite)] // SQLite's files, plans, PRAGMAs or group commit
public sealed class ImportWriterCacheTests
{
    [Fact]
    public async Task An_import_job_runs_with_the_larger_writer_cache_and_leaves_the_default_behind()
    {
        using var factory = new EmptyApiFactory();
        var client = factory.CreateClient();
        var db = factory.Services.GetRequiredService<Db>();
        // A write unit runs on the writer's connection, between the job's batches.
        Task<long> WriterCacheAsync() => db.WriteAsync(WriteOrigin.System,
            (c, tx) => c.ExecuteScalarAsync<long>("PRAGMA cache_size", transaction: tx));
        Assert.Equal(-ImportWriterCache.DefaultKibibytes, await WriterCacheAsync());

        var location = await JobClient.StartAsync(client, JobClient.Claims(1, 20_000));
        var seen = new HashSet<long>();
        while ((await JobClient.GetAsync(client, location)).State is "queued" or "running")
            seen.Add(await WriterCacheAsync());

        Assert.Equal("succeeded", (await JobClient.GetAsync(client, location)).State);
        Assert.Contains(-ImportWriterCache.ImportKibibytes, seen);
        // The job is marked done before its run lets go of the cache.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await WriterCacheAsync() != -ImportWriterCache.DefaultKibibytes && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal(-ImportWriterCache.DefaultKibibytes, await WriterCacheAsync());
    }
}
