using System.Globalization;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Sqlite;
using ClaimTracker.Api.Suggestions;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// What the HTTP routes pay for the extractor's registry: reading every source and alias and building the extractor
/// (each request, were it not cached) against the one aggregate query that tells the cache is current.
/// </summary>
public sealed class RegistryBenchmark : IBenchmark
{
    public string Name => "registry";
    public string Description => "registry for /extract: cold load of N sources + build vs the cached path's freshness check";
    public string Usage => "--sources 1000 --iterations 200";

    public async Task<int> RunAsync(Options options)
    {
        var count = options.Int("sources", 1000);
        var iterations = options.Int("iterations", 200);
        var path = Path.Combine(Path.GetTempPath(), $"claimtracker-bench-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new SqliteDb(Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { Path = path }));
            await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
            await db.WriteAsync(WriteOrigin.System, async (c, tx) =>
            {
                for (var i = 1; i <= count; i++)
                {
                    var name = $"Source number {i}";
                    var id = await c.ExecuteScalarAsync<long>("""
                        INSERT INTO sources (slug, name, name_key, kind, created_at, updated_at)
                        VALUES (@Slug, @Name, @Key, 'organization', @Now, @Now) RETURNING id
                        """, new { Slug = $"source-{i}", Name = name, Key = TextKey.Fold(name), Now = Time.Store(DateTimeOffset.UtcNow) }, tx);
                    await c.ExecuteAsync("INSERT INTO source_aliases (source_id, position, alias, alias_key) VALUES (@Id, 0, @A, @AK), (@Id, 1, @B, @BK)",
                        new { Id = id, A = $"SN{i}", AK = $"sn{i}", B = $"Number {i} source", BK = $"number {i} source" }, tx);
                }
                return true;
            });

            var cached = new Extractor();
            await using var connection = await db.OpenAsync();
            await cached.CurrentAsync(connection, null);
            var cold = await MeasureAsync(iterations, () => new Extractor().CurrentAsync(connection, null));
            var warm = await MeasureAsync(iterations, () => cached.CurrentAsync(connection, null));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"registry: {count:N0} sources, 2 aliases each; {iterations} iterations"));
            Console.WriteLine($"load + build (per request, uncached): {cold}");
            Console.WriteLine($"freshness check (cached):             {warm}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    private static async Task<Timings> MeasureAsync(int iterations, Func<Task> run)
    {
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            await run();
            times[i] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return new Timings(times);
    }
}
