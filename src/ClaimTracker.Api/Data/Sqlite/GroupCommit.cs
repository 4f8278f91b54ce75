using System.Data;
using System.Threading.Channels;
using System.Data.Common;

namespace ClaimTracker.Api.Data.Sqlite;

/// <summary>
/// The one writer of the process. It takes every unit of work queued since its last commit, runs each in its own
/// savepoint of one IMMEDIATE transaction, and commits them together: one fsync acknowledges them all, and a unit
/// is answered only after that commit (or at once when it failed, its savepoint rolled back). A unit gets what it
/// needs as values (its <see cref="WriteUnit"/> carries its origin), not from the execution context of its request.
/// </summary>
internal sealed class GroupCommit(SqliteDb db, WalCheckpointer checkpointer) : IAsyncDisposable
{
    private const int MaxUnits = 128;
    private readonly Channel<Unit> queue = Channel.CreateUnbounded<Unit>(new UnboundedChannelOptions { SingleReader = true });
    private int started;

    // Set in the writer's own flow, so code that a unit runs (and awaits) sees it: such code must not queue a unit.
    // A flag for a diagnosis only; nothing the writer writes comes from here.
    private static readonly AsyncLocal<bool> InsideUnit = new();

    /// <summary>Whether the caller is running inside a write unit, where queueing another would deadlock.</summary>
    public static bool InUnit => InsideUnit.Value;
    private Task running = Task.CompletedTask;

    // Kept open between batches, so its statements stay prepared; replaced when a batch leaves it inside a transaction.
    private KeptConnection? connection;

    /// <summary>Units waiting for the writer (not the ones it is running): the tests line requests up with it.</summary>
    internal int Queued => Volatile.Read(ref queued);

    private int queued;

    // Units of the batch under way that have not started yet: they wait as much as the queued ones.
    private int unstarted;

    /// <summary>Units waiting for the writer: queued, or in the batch under way behind the one that runs.</summary>
    internal int Waiting => Volatile.Read(ref queued) + Volatile.Read(ref unstarted);

    // Environment.TickCount64 when the writer last finished a batch, or -1 while it runs one (Interlocked, read anywhere).
    private long idleSince = Environment.TickCount64;

    /// <summary>
    /// How long the writer has had nothing to do: zero while a unit waits or runs. Background upkeep (the search index,
    /// embeddings) waits for a gap in the writes with it, so it stays off the path of the writes that clients wait for.
    /// </summary>
    internal TimeSpan Idle
    {
        get
        {
            var since = Interlocked.Read(ref idleSince);
            return since < 0 || Waiting > 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Environment.TickCount64 - since);
        }
    }

    public Task<T> Enqueue<T>(WriteOrigin origin, Func<DbConnection, IDbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            // The writer serves every request: it must not carry the ambient state of the one that happened to start it.
            using (ExecutionContext.SuppressFlow()) running = Task.Run(RunAsync);
        }
        var unit = new Unit<T>(origin, work, cancellationToken);
        Interlocked.Increment(ref queued);
        if (!queue.Writer.TryWrite(unit)) unit.Fail(new ObjectDisposedException(nameof(Db), "The database is shut down."));
        return unit.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Unit>(MaxUnits);
        InsideUnit.Value = true;
        try
        {
            while (await queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                Interlocked.Exchange(ref idleSince, -1);
                while (batch.Count < MaxUnits && queue.Reader.TryRead(out var unit))
                {
                    Interlocked.Decrement(ref queued);
                    batch.Add(unit);
                }
                await CommitAsync(batch);
                Interlocked.Exchange(ref idleSince, Environment.TickCount64);
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private async Task CommitAsync(List<Unit> batch)
    {
        var applied = new List<Unit>(batch.Count);
        Volatile.Write(ref unstarted, batch.Count);
        try
        {
            var connection = await ConnectionAsync();
            await using var transaction = connection.BeginTransaction(IsolationLevel.Serializable);
            foreach (var unit in batch)
            {
                Interlocked.Decrement(ref unstarted);
                if (unit.Canceled)
                {
                    unit.Fail(new OperationCanceledException());
                    continue;
                }
                transaction.Save("unit");
                try
                {
                    // Between statements only: an interrupted write statement would roll back the other units too.
                    using (connection.CancelOn(unit.Token, interruptStatements: false))
                        await unit.RunAsync(connection, new WriteUnit(transaction, unit.Origin));
                    transaction.Release("unit");
                    applied.Add(unit);
                }
                catch (Exception e)
                {
                    transaction.Rollback("unit");
                    transaction.Release("unit");
                    unit.Fail(e);
                }
            }
            await transaction.CommitAsync();
        }
        catch (Exception e)
        {
            // Nothing of this batch committed: every unit not yet answered fails with the cause.
            foreach (var unit in batch) unit.Fail(e);
            return;
        }
        finally
        {
            Volatile.Write(ref unstarted, 0);
        }
        checkpointer.Written();
        foreach (var unit in applied) unit.Succeed();
    }

    private async Task<KeptConnection> ConnectionAsync()
    {
        if (connection is { IsIdle: true }) return connection;
        connection?.Dispose();
        connection = null;
        return connection = await db.OpenForWritingAsync();
    }

    /// <summary>Stops taking work and returns once the writer has finished what was queued and closed its connection.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await running;
    }

    private abstract class Unit(WriteOrigin origin)
    {
        public WriteOrigin Origin => origin;
        public abstract CancellationToken Token { get; }
        public bool Canceled => Token.IsCancellationRequested;
        public abstract Task RunAsync(DbConnection connection, IDbTransaction transaction);
        public abstract void Succeed();
        public abstract void Fail(Exception e);
    }

    private sealed class Unit<T>(WriteOrigin origin, Func<DbConnection, IDbTransaction, Task<T>> work, CancellationToken cancellationToken)
        : Unit(origin)
    {
        private readonly TaskCompletionSource<T> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;

        public Task<T> Task => done.Task;

        public override CancellationToken Token => cancellationToken;

        public override async Task RunAsync(DbConnection connection, IDbTransaction transaction) =>
            result = await work(connection, transaction);

        public override void Succeed() => done.TrySetResult(result!);

        public override void Fail(Exception e) => done.TrySetException(e);
    }
}
