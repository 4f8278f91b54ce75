using System.Data;
using System.Data.Common;
using ClaimTracker.Api.Idempotency;

namespace ClaimTracker.Api.Data;

/// <summary>
/// The unit of work every store runs through, whatever the engine: reads on a pooled connection, and writes as
/// all-or-nothing units that complete only once durably committed. The engine (<c>Database:Provider</c>) decides how:
/// SQLite queues units for one group-committing writer (<see cref="Sqlite.SqliteDb"/>). Stores see ADO.NET's base
/// types, so one store serves every engine; where SQL differs between engines it asks <see cref="Dialect"/>.
/// </summary>
/// <remarks>
/// Without a token of its own, a read or a unit stops on the current request's (<see cref="DatabaseCancellation"/>);
/// a cancelled read ends in an <see cref="OperationCanceledException"/>, which the request-timeout middleware answers
/// with a 504.
/// </remarks>
public abstract class Db : IAsyncDisposable
{
    /// <summary>What differs in SQL and errors between this engine and the others.</summary>
    public abstract SqlDialect Dialect { get; }

    /// <summary>
    /// A read-only connection of its own, for a long streaming read (an export) that should not hold a pooled one; writes
    /// go through <see cref="WriteAsync{T}"/>, which makes its commits durable.
    /// </summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>A read-only transaction on <paramref name="connection"/> that sees one snapshot throughout: an export's.</summary>
    public abstract Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="read"/> on a pooled read-only connection.</summary>
    public Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken = default) =>
        RunReadAsync(read, DatabaseCancellation.Or(cancellationToken));

    /// <summary>
    /// Runs <paramref name="write"/> as one all-or-nothing unit (any exception rolls back exactly its changes) and
    /// completes only once its commit is durable. The unit's transaction handle is a <see cref="WriteUnit"/> carrying
    /// <paramref name="origin"/>: the actor the history names, and the Idempotency-Key that commits with this change
    /// and no other. An engine may run a unit more than once (a retry after a serialization failure): a unit's effects
    /// outside the database belong after it returns.
    /// </summary>
    public Task<T> WriteAsync<T>(WriteOrigin origin, Func<DbConnection, IDbTransaction, Task<T>> write,
        CancellationToken cancellationToken = default)
    {
        cancellationToken = DatabaseCancellation.Or(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (InUnit)
            throw new InvalidOperationException(
                "A write unit cannot start another write; pass the unit's connection and transaction to the inner write instead.");
        if (origin.Key is not { } key) return RunUnitAsync(origin, write, cancellationToken);
        return CommittedAsync(key, RunUnitAsync<T>(origin, async (c, tx) =>
        {
            var result = await write(c, tx);
            await key.MarkAsync(c, tx);
            return result;
        }, cancellationToken));
    }

    /// <summary>Whether the caller runs inside a write unit, where starting another would deadlock or escape it.</summary>
    protected abstract bool InUnit { get; }

    /// <summary>Runs a read under <paramref name="cancellationToken"/>, already combined with the request's.</summary>
    protected abstract Task<T> RunReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken);

    /// <summary>Runs and durably commits one unit; see <see cref="WriteAsync{T}"/>.</summary>
    protected abstract Task<T> RunUnitAsync<T>(WriteOrigin origin, Func<DbConnection, IDbTransaction, Task<T>> write,
        CancellationToken cancellationToken);

    /// <summary>Write units waiting for this process's writer: background upkeep (search, embeddings) yields to them.</summary>
    internal abstract int WritesWaiting { get; }

    /// <summary>How long this process's writer has had nothing to do: zero while a write unit waits or runs.</summary>
    internal abstract TimeSpan WriterIdle { get; }

    /// <summary>
    /// Makes ready what migrating needs outside a transaction (the journal of applied scripts, at least) and keeps other
    /// migrators out until disposed; start-up also holds it while it makes the first key and seeds.
    /// </summary>
    internal abstract Task<IAsyncDisposable> LockForMigrationsAsync(CancellationToken cancellationToken);

    /// <summary>Engine settings the server applies once at start-up, before migrating.</summary>
    internal virtual Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Finishes the work under way and closes every connection this instance keeps open.</summary>
    public abstract ValueTask DisposeAsync();

    private static async Task<T> CommittedAsync<T>(IdempotencyKey key, Task<T> unit)
    {
        var result = await unit;
        key.Commit();
        return result;
    }
}
