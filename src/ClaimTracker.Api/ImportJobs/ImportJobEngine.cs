using System.Collections.Concurrent;
using System.Text;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Exports;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.ImportJobs;

/// <summary>
/// Runs one import job from its spooled body through the NDJSON importer, resuming after the last line an earlier run
/// committed. The server's <see cref="ImportJobRunner"/> and the command line's <c>import</c> both run jobs through it.
/// </summary>
public sealed class ImportJobEngine(ImportJobStore store, ImportJobSpool spool, NdjsonImport import, BulkRestore bulk,
    ImportWriterCache writerCache, TimeProvider clock, IOptions<ImportJobOptions> options, ILogger<ImportJobEngine> logger)
{
    /// <summary>
    /// Lines per batch of a restore (<see cref="BulkRestore"/>): fewer commits, lookups and progress records per line
    /// while nothing else waits for the writer; a batch still ends at <see cref="NdjsonImport.MaxBatchChars"/>.
    /// </summary>
    internal const int RestoreBatchSize = 5000;

    private readonly ConcurrentDictionary<long, LiveRun> running = new();

    /// <summary>This process among the runners that may share the database: host, process and a start of its own.</summary>
    private readonly string runner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>What only the process running a job knows: how far it has read, and since when this run goes.</summary>
    public sealed class LiveRun
    {
        private readonly CancellationTokenSource cancel = new();
        private readonly int resumedAfter;
        private readonly DateTimeOffset since;
        private volatile int linesRead;

        public LiveRun(int resumedAfter, DateTimeOffset since) =>
            (this.resumedAfter, this.since, linesRead) = (resumedAfter, since, resumedAfter);

        public int LinesRead => linesRead;

        internal CancellationToken Cancelled => cancel.Token;

        internal bool CancelRequested => cancel.IsCancellationRequested;

        internal void Read(int line) => linesRead = line;

        internal void Cancel() => cancel.Cancel();

        /// <summary>Lines dealt with per second in this run: after a restart, the earlier run's do not count.</summary>
        public double? Rate(int processedThrough, DateTimeOffset now) => processedThrough > resumedAfter && now > since
            ? (processedThrough - resumedAfter) / (now - since).TotalSeconds : null;
    }

    public LiveRun? Live(long id) => running.GetValueOrDefault(id);

    /// <summary>Stops the job if this process runs it, after the batch already in the writer.</summary>
    public void Cancel(long id) => Live(id)?.Cancel();

    /// <summary>
    /// Runs the job to its end. <paramref name="stopping"/> (the process shutting down) leaves it running in the
    /// database, to resume on the next start; a cancel finishes it as cancelled. Either way the batch in the writer
    /// commits.
    /// </summary>
    public async Task RunAsync(long id, CancellationToken stopping)
    {
        if (await store.GetAsync(id) is not { Unfinished: true } job) return;
        if (job.CancelRequested)
        {
            await FinishAsync(job, ImportJobState.cancelled);
            return;
        }
        // Another instance, or the command line, runs it: its lease says so until it runs out.
        if (!await store.TakeAsync(id, runner, LeaseEnd())) return;
        if (!File.Exists(spool.PathOf(job.Spool)))
        {
            await FinishAsync(job, ImportJobState.failed, $"The job's stored body is not in {spool.Directory}, so it "
                + "cannot resume; " + DealtWith(job.ProcessedThrough));
            return;
        }
        var live = new LiveRun(job.ProcessedThrough, clock.GetUtcNow());
        running[id] = live;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping, live.Cancelled);
        try
        {
            await writerCache.RaiseAsync();
            using var reader = new StreamReader(spool.PathOf(job.Spool), new UTF8Encoding(false));
            // Each batch's unit first holds the job against a takeover: a batch that outlasted the lease was taken up
            // by another instance while it ran (PostgreSQL, under load), both inserted the same lines, and one waited
            // on the other's row locks until it failed the job on a statement timeout.
            var restore = await bulk.BeginAsync();
            var journal = new NdjsonImportJournal(job.ProcessedThrough, async (c, tx) =>
            {
                if (!await ImportJobStore.HoldAsync(c, tx, id, runner)) throw new LeaseLostException();
            }, async (c, tx, batch) =>
            {
                if (!await ImportJobStore.RenewAsync(c, tx, id, runner, LeaseEnd())) throw new LeaseLostException();
                await ImportJobStore.RecordBatchAsync(c, tx, id, batch);
                // A cancel asked of another process (POST …/cancel to the server while the command line runs the job).
                if (await ImportJobStore.CancelRequestedAsync(c, tx, id)) live.Cancel();
            }, live.Read, restore ? RestoreBatchSize : NdjsonImport.BatchSize, restore ? bulk.FinishAsync : null,
                options.Value.BulkRestore);
            // The actor who posted the body is the one every history entry of the job names.
            await import.ImportAsync(new WriteOrigin(job.Actor), reader, stop.Token, journal);
            await FinishAsync(job, ImportJobState.succeeded);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            if (live.CancelRequested) await FinishAsync(job, ImportJobState.cancelled);
            else await store.ReleaseAsync(id, runner);
        }
        catch (LeaseLostException)
        {
            logger.LogWarning("Import job {Id} was taken up by another runner after this one's lease ran out; the batch "
                + "in hand was rolled back and this runner stops.", id);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            logger.LogError(e, "Import job {Id} stopped on a fault.", id);
            var done = (await store.GetAsync(id))?.ProcessedThrough ?? job.ProcessedThrough;
            await FinishAsync(job, ImportJobState.failed,
                "The import stopped on an unexpected fault: " + DealtWith(done));
        }
        finally
        {
            running.TryRemove(id, out _);
            // A process that stops closes the writer, cache and all.
            if (!stopping.IsCancellationRequested) await writerCache.LowerAsync();
        }
    }

    private DateTimeOffset LeaseEnd() => clock.GetUtcNow() + options.Value.Lease;

    /// <summary>Thrown inside a batch's unit whose runner no longer holds the job: the batch rolls back.</summary>
    private sealed class LeaseLostException : Exception;

    private static string DealtWith(int through) =>
        $"lines 1 to {through} were dealt with (committed, unchanged or failed) and the rest not at all.";

    /// <summary>Ends the job; a restore's deferred indexes are put back first, whichever way it ended.</summary>
    private async Task FinishAsync(ImportJobRow job, ImportJobState state, string? problem = null)
    {
        await bulk.FinishAsync();
        await store.FinishAsync(job.Id, state, problem);
        spool.Delete(job.Spool);
    }
}
