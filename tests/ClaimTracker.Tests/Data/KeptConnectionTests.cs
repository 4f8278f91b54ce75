using System.Data.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Tests.Data;

/// <summary>The statement cache of kept connections, and the read pool that hands them out.</summary>
public sealed class KeptConnectionTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"ct-kept-{Guid.NewGuid():N}.db");

    private async Task<KeptConnection> OpenAsync()
    {
        var connection = new KeptConnection($"Data Source={path}");
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT); INSERT OR IGNORE INTO t VALUES (1, 'a'), (2, 'b')");
        return connection;
    }

    [Fact]
    public async Task The_same_statement_is_prepared_once_and_sees_later_changes()
    {
        await using var c = await OpenAsync();
        var prepared = c.Prepared;
        Assert.Equal("a", await c.QuerySingleAsync<string>("SELECT v FROM t WHERE id = @Id", new { Id = 1 }));
        Assert.Equal("b", await c.QuerySingleAsync<string>("SELECT v FROM t WHERE id = @Id", new { Id = 2 }));
        await using (var other = new SqliteConnection($"Data Source={path}"))
        {
            await other.OpenAsync();
            await other.ExecuteAsync("UPDATE t SET v = 'changed' WHERE id = 1");
        }
        Assert.Equal("changed", await c.QuerySingleAsync<string>("SELECT v FROM t WHERE id = @Id", new { Id = 1 }));
        Assert.Equal(prepared + 1, c.Prepared);
    }

    [Fact]
    public async Task A_nested_reader_on_the_same_statement_gets_its_own_command()
    {
        await using var c = await OpenAsync();
        const string sql = "SELECT id, v FROM t WHERE id >= @From ORDER BY id";
        var pairs = new List<string>();
        await foreach (var outer in c.QueryUnbufferedAsync<(long Id, string V)>(sql, new { From = 1 }))
            foreach (var inner in await c.QueryAsync<(long Id, string V)>(sql, new { From = outer.Id }))
                pairs.Add($"{outer.V}{inner.V}");
        Assert.Equal(["aa", "ab", "bb"], pairs);
        Assert.Equal(["a", "b"], await c.QueryAsync<string>("SELECT v FROM t WHERE id >= @From ORDER BY id", new { From = 1 }));
    }

    [Fact]
    public async Task Statements_run_inside_a_transaction_and_the_cache_stays_bounded()
    {
        await using var c = await OpenAsync();
        await using (var tx = c.BeginTransaction())
        {
            await c.ExecuteAsync("UPDATE t SET v = 'x' WHERE id = @Id", new { Id = 2 }, tx);
            await tx.RollbackAsync();
        }
        Assert.Equal("b", await c.QuerySingleAsync<string>("SELECT v FROM t WHERE id = @Id", new { Id = 2 }));
        for (var i = 0; i < KeptConnection.MaxStatements * 2; i++)
            Assert.Equal(i, await c.ExecuteScalarAsync<long>($"SELECT {i}"));
    }

    [Fact]
    public async Task A_connection_left_inside_a_transaction_is_not_handed_out_again()
    {
        await using var db = new SqliteDb(Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { Path = path }));
        DbConnection? first = null;
        await db.ReadAsync(async c =>
        {
            first = c;
            // Readers are read-only (query_only), so the transaction left open is a read one, pinning an old snapshot.
            await c.ExecuteAsync("BEGIN; SELECT count(*) FROM sqlite_master;");
            return 0;
        });
        var same = await db.ReadAsync(c => Task.FromResult(c == first));
        Assert.False(same);

        DbConnection? idle = null;
        await db.ReadAsync(c => Task.FromResult(idle = c));
        Assert.Same(idle, await db.ReadAsync(c => Task.FromResult(c)));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
    }
}
