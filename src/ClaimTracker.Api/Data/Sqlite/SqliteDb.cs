using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Data.Sqlite;

/// <summary>
/// The SQLite engine: opens connections and runs units of work. Writes from this process queue for one writer,
/// which commits them in groups (<see cref="Db.WriteAsync{T}"/>), so they neither spin on SQLITE_BUSY nor
/// pay one fsync each; the busy timeout still covers other processes (the admin command line, a backup). Reads and the
/// writer run on connections that stay open and keep their prepared statements (<see cref="KeptConnection"/>).
/// </summary>
public sealed class SqliteDb : Db
{
    private readonly string connectionString;
    private readonly GroupCommit writer;
    private readonly WalCheckpointer checkpointer;
    private readonly ConnectionPool readers;
    private readonly int memoryMegabytes;
    private int disposed;

    public SqliteDb(IOptions<DatabaseOptions> options)
    {
        memoryMegabytes = options.Value.SqliteMemoryMegabytes;
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

    public override SqlDialect Dialect => SqlDialect.Sqlite;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ConnectionPool.MakeReadOnlyAsync(connection);
        return connection;
    }

    /// <summary>
    /// Switches the file to WAL (a property of the file, which cannot change inside a transaction) and creates the
    /// migrations' journal. No lock beyond that: each script runs in a unit, and SQLite runs one writer at a time.
    /// </summary>
    internal override async Task<IAsyncDisposable> LockForMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenForSchemaAsync(cancellationToken);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        await connection.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    TEXT NOT NULL PRIMARY KEY,
                checksum   TEXT NOT NULL,
                applied_at TEXT NOT NULL
            ) STRICT;
            """);
        return NoLock.Instance;
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Caps SQLite's heap for the whole process (so any connection can set it).</summary>
    internal override Task StartAsync(CancellationToken cancellationToken) => ReadAsync(
        c => c.ExecuteAsync($"PRAGMA soft_heap_limit = {memoryMegabytes * 1024L * 1024}"), cancellationToken);

    // Deferred: it takes no write lock, and its snapshot starts at its first read.
    public override Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: true));

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
    /// <remarks>A statement running when the token is cancelled is interrupted inside SQLite.</remarks>
    protected override async Task<T> RunReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
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

    internal override int WritesWaiting => writer.Waiting;

    internal override TimeSpan WriterIdle => writer.Idle;

    /// <summary>Finishes the queued writes and closes every connection this instance keeps open: the file is free afterwards.</summary>
    /// <remarks>Safe to call twice: the container disposes this instance both as itself and as <see cref="Db"/>.</remarks>
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        await writer.DisposeAsync();
        await checkpointer.DisposeAsync();
        readers.Dispose();
    }

    /// <summary>
    /// Runs <paramref name="write"/> as a savepoint in the writer's IMMEDIATE transaction (an exception rolls back exactly
    /// its changes) and completes only once the transaction holding it has committed with synchronous = FULL. Units that
    /// arrive while a commit is under way share the next one, and its fsync. Once the token is cancelled no further
    /// statement of the unit starts, and its savepoint rolls back.
    /// </summary>
    protected override Task<T> RunUnitAsync<T>(WriteOrigin origin, Func<DbConnection, IDbTransaction, Task<T>> write,
        CancellationToken cancellationToken) => writer.Enqueue(origin, write, cancellationToken);

    // The writer runs one unit at a time: a unit waiting for another would wait for itself.
    protected override bool InUnit => GroupCommit.InUnit;
}
