using System.Collections.Concurrent;

namespace ClaimTracker.Api.Data;

/// <summary>
/// Open <see cref="KeptConnection"/>s for reads, so their prepared statements outlive one request. A connection comes
/// back only when it is open and outside any transaction; the pool keeps at most <see cref="MaxIdle"/> of them.
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
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return connection;
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
