using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.ImportJobs;

/// <summary>
/// The server's queue of import jobs: one at a time, oldest first. On start, and again every quarter of a lease, it
/// takes up the jobs no runner holds: queued ones, those a stop interrupted, and those of a runner that died (another
/// instance, the command line). A job's batches wait for the writer like any write, one at a time, so ordinary writes
/// queued meanwhile go in between them.
/// </summary>
public sealed class ImportJobRunner(ImportJobEngine engine, ImportJobStore store, ImportJobSpool spool,
    IOptions<ImportJobOptions> options) : BackgroundService
{
    private readonly Channel<long> queue = Channel.CreateUnbounded<long>();
    private readonly ConcurrentDictionary<long, byte> waiting = new();

    /// <summary>Queues the job unless it waits in the queue already (scans find a queued job again and again).</summary>
    public void Enqueue(long id)
    {
        if (waiting.TryAdd(id, 0)) queue.Writer.TryWrite(id);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = DateTime.UtcNow;
        spool.DeleteAllBut(await store.SpoolsInUseAsync(), started);
        var scans = ScanAsync(stoppingToken);
        try
        {
            // A job queued both by its POST and by a scan runs once: the second finds it finished or held.
            await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
            {
                waiting.TryRemove(id, out _);
                await engine.RunAsync(id, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await scans;
    }

    private async Task ScanAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Lease / 4);
        try
        {
            do
            {
                foreach (var id in await store.UntakenAsync()) Enqueue(id);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
