using Npgsql;

namespace ClaimTracker.Api.Data.Postgres;

/// <summary>
/// A session-level advisory lock held on a connection of its own: instances that take the same key run one at a time.
/// PostgreSQL also releases it when the connection ends, so an instance that dies holding it blocks no one.
/// </summary>
internal sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly string unlock;

    private AdvisoryLock(NpgsqlConnection connection, string unlock)
    {
        this.connection = connection;
        this.unlock = unlock;
    }

    /// <summary>Waits for the lock on <paramref name="key"/>, then runs <paramref name="sql"/> while holding it.</summary>
    public static async Task<AdvisoryLock> TakeAsync(NpgsqlDataSource dataSource, long key, string sql,
        CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({key}); {sql}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new AdvisoryLock(connection, $"SELECT pg_advisory_unlock({key})");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The lock on (<paramref name="kind"/>, <paramref name="id"/>), or null at once when another holds it.</summary>
    public static async Task<AdvisoryLock?> TryTakeAsync(NpgsqlDataSource dataSource, int kind, int id,
        CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({kind}, {id})", connection);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
                return new AdvisoryLock(connection, $"SELECT pg_advisory_unlock({kind}, {id})");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        // Unlocked explicitly: the pool keeps the session, and with it a lock, open after the connection is closed.
        await using (connection)
        await using (var command = new NpgsqlCommand(unlock, connection))
            await command.ExecuteNonQueryAsync();
    }
}
