using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// Holds the app's single writer inside a unit of work until opened, so a test can line requests up behind it in a
/// chosen order (each request has done its reads by the time its write is queued) and then let them all run.
/// </summary>
public sealed class WriterGate : IAsyncDisposable
{
    private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SqliteDb db;
    private Task held = Task.CompletedTask;

    private WriterGate(SqliteDb db) => this.db = db;

    public static async Task<WriterGate> CloseAsync(ApiFactory factory)
    {
        var writerGate = new WriterGate(factory.Services.GetRequiredService<SqliteDb>());
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        writerGate.held = writerGate.db.WriteAsync(WriteOrigin.System, async (_, _) =>
        {
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
        while (db.QueuedWrites < count)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"{db.QueuedWrites} of {count} writes queued.");
            await Task.Delay(10);
        }
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
