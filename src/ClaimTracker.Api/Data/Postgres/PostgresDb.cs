using System.Data;
using System.Data.Common;
using Npgsql;

namespace ClaimTracker.Api.Data.Postgres;

/// <summary>
/// The PostgreSQL engine. A unit of work takes a connection from Npgsql's pool and runs in a SERIALIZABLE transaction
/// of its own; the server, not one writer per process, orders concurrent units, so several API instances can share one
/// database. A unit that loses a race (serialization failure, deadlock) is rolled back and run again from the start.
/// </summary>
/// <remarks>
/// SERIALIZABLE rather than READ COMMITTED with explicit locks: every store was written for SQLite, where a unit sees
/// the database as if it ran alone (a check-then-write for If-Match, the next id as max + 1, a delete's reference
/// checks). Serializable snapshot isolation keeps exactly that guarantee without a lock in each store; what it costs
/// is a retry when two units touch the same rows, which <see cref="MaxAttempts"/> bounds.
/// </remarks>
public sealed class PostgresDb : Db
{
    /// <summary>
    /// How often a unit runs before its serialization failure reaches the caller: each round of colliding units lets
    /// at least one commit, so up to this many units can collide on one row and all commit.
    /// </summary>
    internal const int MaxAttempts = 32;

    private static readonly AsyncLocal<bool> InsideUnit = new();
    private readonly NpgsqlDataSource readers;
    private readonly NpgsqlDataSource writers;
    private int unitsRunning;
    private long lastUnitEnded = Environment.TickCount64;

    public PostgresDb(string connectionString)
    {
        // With the error detail ("Key (url)=(…) already exists."), a refused key names its columns (PostgresDialect).
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { IncludeErrorDetail = true };
        writers = NpgsqlDataSource.Create(settings);
        // Readers cannot write: a write that strays onto one fails at once instead of bypassing the unit of work.
        readers = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            Options = "-c default_transaction_read_only=on",
        });
    }

    public override SqlDialect Dialect => SqlDialect.Postgres;

    protected override bool InUnit => InsideUnit.Value;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        new UnitConnection(await readers.OpenConnectionAsync(cancellationToken), cancellationToken);

    public override async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection,
        CancellationToken cancellationToken) =>
        await ((UnitConnection)connection).Inner.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    protected override async Task<T> RunReadAsync<T>(Func<DbConnection, Task<T>> read,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await read(connection);
    }

    protected override async Task<T> RunUnitAsync<T>(WriteOrigin origin,
        Func<DbConnection, IDbTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        InsideUnit.Value = true;
        Interlocked.Increment(ref unitsRunning);
        try
        {
            return await RunAttemptsAsync(origin, write, cancellationToken);
        }
        finally
        {
            Interlocked.Exchange(ref lastUnitEnded, Environment.TickCount64);
            Interlocked.Decrement(ref unitsRunning);
        }
    }

    private async Task<T> RunAttemptsAsync<T>(WriteOrigin origin, Func<DbConnection, IDbTransaction, Task<T>> write,
        CancellationToken cancellationToken)
    {
        var inLane = false;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (attempt == 2)
                {
                    await retryLane.WaitAsync(cancellationToken);
                    inLane = true;
                }
                else if (attempt > 2) await Task.Delay(Backoff(attempt), cancellationToken);
                if (await TryAttemptAsync(origin, write, attempt, cancellationToken) is (true, var result)) return result;
            }
        }
        finally
        {
            if (inLane) retryLane.Release();
        }
    }

    /// <summary>
    /// Runs the unit once: (true, its result) once committed, (false, _) when it lost a race and may run again.
    /// </summary>
    private async Task<(bool Committed, T Result)> TryAttemptAsync<T>(WriteOrigin origin,
        Func<DbConnection, IDbTransaction, Task<T>> write, int attempt, CancellationToken cancellationToken)
    {
        await using var connection = new UnitConnection(
            await writers.OpenConnectionAsync(cancellationToken), cancellationToken);
        await using var transaction =
            await connection.Inner.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        try
        {
            var result = await write(connection, new WriteUnit(transaction, origin));
            // Not cancellable: a commit cut off half-way would leave the caller not knowing whether it happened.
            await transaction.CommitAsync(CancellationToken.None);
            return (true, result);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.SerializationFailure
                                             or PostgresErrorCodes.DeadlockDetected && attempt < MaxAttempts)
        {
            // Disposing the transaction rolls it back, releasing its locks before the unit waits to run again.
            return (false, default!);
        }
    }

    /// <summary>
    /// This process's units in flight besides the caller's own: background upkeep yields to them as on SQLite, though
    /// here they only share the server's CPU and disk with it, not one writer. Counting the caller's unit too made every
    /// background unit stop after its first step (search re-indexing ran 50 claims a turn).
    /// </summary>
    internal override int WritesWaiting => Volatile.Read(ref unitsRunning) - (InsideUnit.Value ? 1 : 0);

    internal override TimeSpan WriterIdle => WritesWaiting > 0
        ? TimeSpan.Zero
        : TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastUnitEnded));

    /// <summary>
    /// The lane that this process's units run again in after losing a race, one at a time: sixteen requests writing to
    /// one claim otherwise lose to each other round after round (one commits per round, the rest run again at once), and
    /// the last of them ran past the request timeout; in the lane a unit races only the units that have not lost yet.
    /// </summary>
    private readonly SemaphoreSlim retryLane = new(1, 1);

    /// <summary>A few milliseconds, doubling per attempt, with jitter so that the units that collided do not again.</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 << Math.Min(attempt, 5)));

    /// <summary>One instance migrates at a time; the others wait, then find the scripts applied.</summary>
    internal override async Task<IAsyncDisposable> LockForMigrationsAsync(CancellationToken cancellationToken) =>
        await AdvisoryLock.TakeAsync(writers, MigrationLock, PostgresDialect.MigrationJournal, cancellationToken);

    /// <summary>The advisory lock key of migrating (the letters "ClaimT").</summary>
    private const long MigrationLock = 0x436c61696d54;

    public override async ValueTask DisposeAsync()
    {
        await writers.DisposeAsync();
        await readers.DisposeAsync();
    }
}
