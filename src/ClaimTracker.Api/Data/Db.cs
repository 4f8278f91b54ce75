using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Data;

/// <summary>
/// Opens SQLite connections and runs units of work. Writes from this process go through one
/// lock, so they queue in memory instead of spinning on SQLITE_BUSY; the busy timeout still
/// covers other processes (the admin command line, a backup).
/// </summary>
public sealed class Db
{
    private readonly string connectionString;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private static readonly AsyncLocal<TransactionJoin?> Join = new();

    public Db(IOptions<DatabaseOptions> options)
    {
        var path = Path.GetFullPath(options.Value.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            DefaultTimeout = options.Value.BusyTimeoutSeconds,
            Pooling = true,
        }.ToString();
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // FULL makes every commit durable at once: a 2xx must survive a power cut, not only a crash.
        await connection.ExecuteAsync("PRAGMA synchronous = FULL;");
        return connection;
    }

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await read(connection);
    }

    /// <summary>
    /// Has <paramref name="work"/> run inside the next write transaction of the current request, just before it
    /// commits, so that it commits with the change or not at all (the Idempotency-Key record uses it).
    /// </summary>
    public static void JoinNextWrite(Func<SqliteConnection, IDbTransaction, Task> work) => Join.Value = new TransactionJoin(work);

    private sealed class TransactionJoin(Func<SqliteConnection, IDbTransaction, Task> work)
    {
        private Func<SqliteConnection, IDbTransaction, Task>? pending = work;

        // The holder is shared with the request's async flow, so taking it here is seen by later writes too.
        public Func<SqliteConnection, IDbTransaction, Task>? Take() => Interlocked.Exchange(ref pending, null);
    }

    /// <summary>Runs <paramref name="write"/> in one IMMEDIATE transaction; any exception rolls it all back.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, IDbTransaction, Task<T>> write, CancellationToken cancellationToken = default)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, CancellationToken.None);
            var result = await write(connection, transaction);
            if (Join.Value?.Take() is { } joined) await joined(connection, transaction);
            await transaction.CommitAsync(CancellationToken.None);
            return result;
        }
        finally
        {
            writeLock.Release();
        }
    }
}
