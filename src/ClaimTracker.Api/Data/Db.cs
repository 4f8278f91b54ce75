using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Data;

/// <summary>
/// Opens SQLite connections and runs units of work. Writes from this process queue for one writer,
/// which commits them in groups (<see cref="WriteAsync{T}"/>), so they neither spin on SQLITE_BUSY nor
/// pay one fsync each; the busy timeout still covers other processes (the admin command line, a backup). Reads and the
/// writer run on connections that stay open and keep their prepared statements (<see cref="KeptConnection"/>).
/// </summary>
public sealed class Db : IAsyncDisposable
{
    private readonly string connectionString;
    private readonly GroupCommit writer;
    private readonly WalCheckpointer checkpointer;
    private readonly ConnectionPool readers;

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
        readers = new ConnectionPool(connectionString);
        checkpointer = new WalCheckpointer(connectionString);
        writer = new GroupCommit(this, checkpointer);
    }

    /// <summary>
    /// A read-only connection of its own, for a long streaming read (an export) that should not hold a pooled one; writes
    /// go through <see cref="WriteAsync{T}"/>, which makes its commits durable.
    /// </summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ConnectionPool.MakeReadOnlyAsync(connection);
        return connection;
    }

    /// <summary>A connection that may change the schema outside the writer: only the migrator's journal-mode switch needs it.</summary>
    internal async Task<SqliteConnection> OpenForSchemaAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>A connection whose commits are durable at once: FULL syncs the WAL on every commit, so a 2xx survives a power cut, not only a crash.</summary>
    internal async Task<KeptConnection> OpenForWritingAsync()
    {
        var connection = new KeptConnection(connectionString);
        await connection.OpenAsync();
        // SQLite's default page cache, on purpose: 64 MiB made NDJSON imports about 20 % faster at the 0.2 scale, but at 1M
        // claims, writes at concurrency 64 then peaked at 322-338 MB RSS against 177-179 MB without it (interleaved runs),
        // and the full benchmark run at 429 MB, over the 400 MB budget.
        // WalCheckpointer copies the WAL back in the background. The WAL only starts over when a checkpoint has caught up
        // before a write begins, which under steady writes only the writer's own does; at this size (about 16 MB) it has
        // little left to copy.
        await connection.ExecuteAsync("PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 4000;");
        return connection;
    }

    /// <summary>Runs <paramref name="read"/> on a pooled open connection whose statements stay prepared between requests.</summary>
    /// <remarks>
    /// Without a token of its own the read stops on the current request's (<see cref="DatabaseCancellation"/>), inside
    /// SQLite: a statement running when the request times out is interrupted, and the read ends in an
    /// <see cref="OperationCanceledException"/>, which the request-timeout middleware answers with a 504.
    /// </remarks>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken = default)
    {
        cancellationToken = DatabaseCancellation.Or(cancellationToken);
        var connection = await readers.RentAsync(cancellationToken);
        try
        {
            using (connection.CancelOn(cancellationToken, interruptStatements: true)) return await read(connection);
        }
        catch (SqliteException e)
            when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_INTERRUPT && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(
                "The request was cancelled; its database read was interrupted.", e, cancellationToken);
        }
        finally
        {
            readers.Return(connection);
        }
    }

    /// <summary>Reads from now on plan with the statistics in the file now (see <see cref="PlannerStatistics"/>).</summary>
    internal void RenewReaders() => readers.Renew();

    /// <summary>Write units waiting for the writer.</summary>
    internal int QueuedWrites => writer.Queued;

    /// <summary>Write units waiting for the writer: queued, or behind the running one in its batch.</summary>
    internal int WritesWaiting => writer.Waiting;

    /// <summary>How long the writer has been idle: zero while a write unit waits or runs.</summary>
    internal TimeSpan WriterIdle => writer.Idle;

    /// <summary>Finishes the queued writes and closes every connection this instance keeps open: the file is free afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync();
        await checkpointer.DisposeAsync();
        readers.Dispose();
    }

    /// <summary>
    /// Runs <paramref name="write"/> as one all-or-nothing unit (a savepoint in the writer's IMMEDIATE transaction: any
    /// exception rolls back exactly its changes) and completes only once the transaction holding it has committed with
    /// synchronous = FULL. Units that arrive while a commit is under way share the next one, and its fsync. The unit's
    /// transaction handle is a <see cref="WriteUnit"/> carrying <paramref name="origin"/>: the actor the history names,
    /// and the Idempotency-Key that commits with this change and no other.
    /// </summary>
    /// <remarks>
    /// Without a token of its own the unit stops on the current request's (<see cref="DatabaseCancellation"/>): once it
    /// is cancelled no further statement of the unit starts, and its savepoint rolls back.
    /// </remarks>
    public Task<T> WriteAsync<T>(WriteOrigin origin, Func<SqliteConnection, IDbTransaction, Task<T>> write,
        CancellationToken cancellationToken = default)
    {
        cancellationToken = DatabaseCancellation.Or(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        // The writer runs one unit at a time: a unit waiting for another would wait for itself.
        if (GroupCommit.InUnit)
            throw new InvalidOperationException(
                "A write unit cannot start another write; pass the unit's connection and transaction to the inner write instead.");
        if (origin.Key is not { } key) return writer.Enqueue(origin, write, cancellationToken);
        return CommittedAsync(key, writer.Enqueue<T>(origin, async (c, tx) =>
        {
            var result = await write(c, tx);
            await key.MarkAsync(c, tx);
            return result;
        }, cancellationToken));
    }

    private static async Task<T> CommittedAsync<T>(Idempotency.IdempotencyKey key, Task<T> unit)
    {
        var result = await unit;
        key.Commit();
        return result;
    }
}
