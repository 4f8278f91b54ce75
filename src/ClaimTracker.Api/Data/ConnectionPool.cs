using System.Collections.Concurrent;

namespace ClaimTracker.Api.Data;

/// <summary>
/// Open <see cref="KeptConnection"/>s for reads, so their prepared statements outlive one request. A connection comes
/// back only when it is open and outside any transaction; the pool keeps at most <see cref="MaxIdle"/> of them.
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
