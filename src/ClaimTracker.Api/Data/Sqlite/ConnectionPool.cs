using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Api.Data.Sqlite;

/// <summary>
/// Open <see cref="KeptConnection"/>s for reads, so their prepared statements outlive one request. A connection comes
/// back only when it is open and outside any transaction; every one is read-only (query_only); the pool keeps at most
/// <see cref="MaxIdle"/> of them.
/// <see cref="Renew"/> retires every connection opened before it: SQLite loads planner statistics with the schema, and
/// a new <c>ANALYZE</c> does not change the schema, so kept connections would go on planning with the old ones.
/// </summary>
internal sealed class ConnectionPool(string connectionString) : IDisposable
{
    internal const int MaxIdle = 16;

    private readonly ConcurrentBag<KeptConnection> idle = [];
    private int count;
    private int generation;

    public async Task<KeptConnection> RentAsync(CancellationToken cancellationToken)
    {
        while (idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref count);
            if (connection.Generation == Volatile.Read(ref generation)) return connection;
            connection.Dispose();
        }
        var opened = new KeptConnection(connectionString) { Generation = Volatile.Read(ref generation) };
        try
        {
            await opened.OpenAsync(cancellationToken);
            await MakeReadOnlyAsync(opened);
        }
        catch
        {
            await opened.DisposeAsync();
            throw;
        }
        return opened;
    }

    /// <summary>Connections opened from now on replace the ones open now, which close as they come back or are taken.</summary>
    public void Renew() => Interlocked.Increment(ref generation);

    /// <summary>Readers cannot write: a write that strays onto one fails at once instead of bypassing the writer's durability and audit.</summary>
    internal static async Task MakeReadOnlyAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA query_only = ON";
        await command.ExecuteNonQueryAsync();
    }

    public void Return(KeptConnection connection)
    {
        if (connection.IsIdle && connection.Generation == Volatile.Read(ref generation))
        {
            if (Interlocked.Increment(ref count) <= MaxIdle)
            {
                idle.Add(connection);
                return;
            }
            Interlocked.Decrement(ref count);
        }
        connection.Dispose();
    }

    public void Dispose()
    {
        while (idle.TryTake(out var connection)) connection.Dispose();
    }
}
