using System.Threading.Channels;

namespace ClaimTracker.Api.ImportJobs;

/// <summary>
/// The server's queue of import jobs: one at a time, oldest first. On start it takes up the jobs a stop interrupted
/// and those still queued. A job's batches wait for the writer like any write, one at a time, so ordinary writes queued
/// meanwhile go in between them.
/// </summary>
public sealed class ImportJobRunner(ImportJobEngine engine, ImportJobStore store, ImportJobSpool spool)
    : BackgroundService
{
    private readonly Channel<long> queue = Channel.CreateUnbounded<long>();

    public void Enqueue(long id) => queue.Writer.TryWrite(id);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = DateTime.UtcNow;
        spool.DeleteAllBut(await store.SpoolsInUseAsync(), started);
        foreach (var id in await store.UnfinishedAsync()) Enqueue(id);
        try
        {
            // A job queued both by its POST and by the start-up scan runs once: the second finds it finished.
            await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken)) await engine.RunAsync(id, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
