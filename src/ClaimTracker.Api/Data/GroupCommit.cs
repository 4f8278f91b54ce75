using System.Data;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Api.Data;

/// <summary>
/// The one writer of the process. It takes every unit of work queued since its last commit, runs each in its own
/// savepoint of one IMMEDIATE transaction, and commits them together: one fsync acknowledges them all, and a unit
/// is answered only after that commit (or at once when it failed, its savepoint rolled back). Each unit runs in the
/// execution context of the request that queued it, so the audit log still sees who made the change.
/// </summary>
internal sealed class GroupCommit(Db db, WalCheckpointer checkpointer) : IAsyncDisposable
{
    private const int MaxUnits = 128;
    private readonly Channel<Unit> queue = Channel.CreateUnbounded<Unit>(new UnboundedChannelOptions { SingleReader = true });
    private int started;
    private Task running = Task.CompletedTask;

    // Kept open between batches, so its statements stay prepared; replaced when a batch leaves it inside a transaction.
    private KeptConnection? connection;

    public Task<T> Enqueue<T>(Func<SqliteConnection, IDbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref started, 1) == 0) running = Task.Run(RunAsync);
        var unit = new Unit<T>(work, ExecutionContext.Capture(), cancellationToken);
        if (!queue.Writer.TryWrite(unit)) unit.Fail(new ObjectDisposedException(nameof(Db), "The database is shut down."));
        return unit.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Unit>(MaxUnits);
        try
        {
            while (await queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (batch.Count < MaxUnits && queue.Reader.TryRead(out var unit)) batch.Add(unit);
                await CommitAsync(batch);
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
        try
        {
            var connection = await ConnectionAsync();
            await using var transaction = connection.BeginTransaction(IsolationLevel.Serializable);
            foreach (var unit in batch)
            {
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
                        await unit.RunAsync(connection, transaction);
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

    private abstract class Unit
    {
        public abstract CancellationToken Token { get; }
        public bool Canceled => Token.IsCancellationRequested;
        public abstract Task RunAsync(SqliteConnection connection, IDbTransaction transaction);
        public abstract void Succeed();
        public abstract void Fail(Exception e);
    }

    private sealed class Unit<T>(Func<SqliteConnection, IDbTransaction, Task<T>> work, ExecutionContext? context, CancellationToken cancellationToken) : Unit
    {
        private readonly TaskCompletionSource<T> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;

        public Task<T> Task => done.Task;

        public override CancellationToken Token => cancellationToken;

        public override Task RunAsync(SqliteConnection connection, IDbTransaction transaction)
        {
            if (context is null) return RunHereAsync(connection, transaction);
            Task? running = null;
            ExecutionContext.Run(context, _ => running = RunHereAsync(connection, transaction), null);
            return running!;
        }

        private async Task RunHereAsync(SqliteConnection connection, IDbTransaction transaction) => result = await work(connection, transaction);

        public override void Succeed() => done.TrySetResult(result!);

        public override void Fail(Exception e) => done.TrySetException(e);
    }
}
