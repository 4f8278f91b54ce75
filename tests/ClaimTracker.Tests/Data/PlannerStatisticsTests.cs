using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Sqlite;
using ClaimTracker.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Tests.Data;

/// <summary>The database keeps SQLite's planner statistics current by itself (issue 17): at start-up and after imports.</summary>
public sealed class PlannerStatisticsTests
{
    private static long? AnalyzedRows(SqliteConnection connection, string table) =>
        connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'") == 0 ? null
            : connection.QueryFirstOrDefault<string?>("SELECT stat FROM sqlite_stat1 WHERE tbl = @table AND idx IS NOT NULL", new { table }) is { } stat
                ? long.Parse(stat.Split(' ')[0]) : null;

    private static async Task<long?> WaitForAnalyzedRowsAsync(ApiFactory factory, string table)
    {
        for (var waited = 0; waited < 200; waited++)
        {
            using var connection = factory.OpenDatabase();
            if (AnalyzedRows(connection, table) is { } rows) return rows;
            await Task.Delay(50);
        }
        return null;
    }

    [Fact]
    public async Task The_server_analyzes_a_database_without_statistics_when_it_starts()
    {
        using var factory = new ApiFactory();
        factory.CreateClient().Dispose();

        Assert.Equal(12, await WaitForAnalyzedRowsAsync(factory, "attributions"));
    }

    [Fact]
    public async Task An_import_leaves_statistics_that_count_what_it_imported()
    {
        using var source = new ApiFactory();
        var lines = (await source.CreateClient().GetStringAsync("/api/v1/export.ndjson")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var target = new EmptyApiFactory();
        var client = target.CreateClient();
        // The start-up refresh, queued before the import's writes, analyzes the file while it holds no attribution.

        (await NdjsonTests.ImportAsync(client, lines)).EnsureSuccessStatusCode();

        using (var connection = target.OpenDatabase()) Assert.Equal(12, AnalyzedRows(connection, "attributions"));
    }

    [Fact]
    public async Task Renewed_readers_are_new_connections_that_load_the_statistics_afresh()
    {
        var path = Path.Combine(Path.GetTempPath(), "claimtracker-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            using var pool = new ConnectionPool($"Data Source={path}");
            var first = await pool.RentAsync(CancellationToken.None);
            pool.Return(first);
            var again = await pool.RentAsync(CancellationToken.None);
            Assert.Same(first, again);

            pool.Renew();
            pool.Return(again); // opened before the renewal: closed, not kept
            var renewed = await pool.RentAsync(CancellationToken.None);
            Assert.NotSame(first, renewed);
            Assert.Equal(System.Data.ConnectionState.Closed, first.State);
            pool.Return(renewed);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }
}
