using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Sqlite;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// Holds the app's single writer inside a unit of work until opened, so a test can line requests up behind it in a
/// chosen order (each request has done its reads by the time its write is queued) and then let them all run.
/// PostgreSQL has no single writer: there the gate's unit locks the audit log against inserts, which every audited
/// write makes, so those writes wait for the gate (with their reads, and their changes before the audit row, done).
/// </summary>
public sealed class WriterGate : IAsyncDisposable
{
    private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ApiFactory factory;
    private readonly Db db;
    private Task held = Task.CompletedTask;

    private WriterGate(ApiFactory factory)
    {
        this.factory = factory;
        db = factory.Services.GetRequiredService<Db>();
    }

    public static async Task<WriterGate> CloseAsync(ApiFactory factory)
    {
        var writerGate = new WriterGate(factory);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        writerGate.held = writerGate.db.WriteAsync(WriteOrigin.System, async (c, tx) =>
        {
            if (TestEngine.IsPostgres)
                await c.ExecuteAsync("LOCK TABLE audit_log IN EXCLUSIVE MODE", transaction: tx);
            entered.TrySetResult();
            await writerGate.gate.Task;
            return true;
        });
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return writerGate;
    }

    /// <summary>Waits until <paramref name="count"/> write units wait behind the gate.</summary>
    public async Task WaitForQueuedAsync(int count)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (QueuedWrites() < count)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"{QueuedWrites()} of {count} writes queued.");
            await Task.Delay(10);
        }
    }

    /// <summary>Write units waiting behind the gate now.</summary>
    public int QueuedWrites()
    {
        if (!TestEngine.IsPostgres) return ((SqliteDb)db).QueuedWrites;
        using var connection = factory.OpenDatabase();
        // Each waiting unit waits on one lock: the audit log's, or a row lock a unit queued before it holds.
        return connection.ExecuteScalar<int>("SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted");
    }

    public async Task OpenAsync()
    {
        gate.TrySetResult();
        await held;
    }

    /// <summary>Opens the gate whatever happened, so a failed test never leaves the writer held.</summary>
    public ValueTask DisposeAsync()
    {
        gate.TrySetResult();
        return ValueTask.CompletedTask;
    }
}
