using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Api.Data;

/// <summary>
/// Open <see cref="KeptConnection"/>s for reads, so their prepared statements outlive one request. A connection comes
/// back only when it is open and outside any transaction; every one is read-only (query_only); the pool keeps at most <see cref="MaxIdle"/> of them.
/// </summary>
internal sealed class ConnectionPool(string connectionString) : IDisposable
{
    internal const int MaxIdle = 16;

    private readonly ConcurrentBag<KeptConnection> idle = [];
    private int count;

    public async Task<KeptConnection> RentAsync(CancellationToken cancellationToken)
    {
        if (idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref count);
            return connection;
        }
        connection = new KeptConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await MakeReadOnlyAsync(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return connection;
    }

    /// <summary>Readers cannot write: a write that strays onto one fails at once instead of bypassing the writer's durability and audit.</summary>
    internal static async Task MakeReadOnlyAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA query_only = ON";
        await command.ExecuteNonQueryAsync();
    }

    public void Return(KeptConnection connection)
    {
        if (connection.IsIdle)
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
