using System.Data;
using ClaimTracker.Api.Data;
using Dapper;

namespace ClaimTracker.Api.Search;

/// <summary>
/// Brings the search index (<see cref="ISearchEngine"/>) up to date with the claims the triggers noted as changed in
/// search_pending. Writes only note a claim id; the documents are rebuilt here, many claims per write unit, by
/// <see cref="SearchIndexer"/> in the background when the writer has a gap, and by <see cref="CatchUpAsync"/> before every
/// read of the index.
/// </summary>
public sealed class SearchIndex(Db db)
{
    private readonly ISearchEngine engine = ISearchEngine.For(db.Dialect);

    /// <summary>
    /// Claims a read's catch-up re-indexes per write unit: enough to amortize the unit, few enough not to hold up other
    /// writes for long. SQLite, at 1M claims, attribution writes at concurrency 16 in interleaved runs: 500 per unit gave
    /// a write p99 of 394 and 325 ms, 100 per unit 114 and 122 ms, at the same throughput. PostgreSQL's units hold up no
    /// other write, only cost their own round trips: the first match after importing 10,375 claims (ClefEvaluationTests,
    /// the embedder busy on both cores) caught up 9,061 claims in 12.2 s at 100 per unit and 8,561 in 3.0 s at 1,000.
    /// </summary>
    private readonly int chunk = db.Dialect == SqlDialect.Postgres ? 1000 : 100;

    /// <summary>
    /// One re-indexing unit of this process at a time. On PostgreSQL two would race for the same rows (the totals, the
    /// counts of common words) and one of them would run again; on SQLite the writer orders them anyway. A read that
    /// catches up goes ahead of the background's next step (<see cref="readsWaiting"/>).
    /// </summary>
    private readonly SemaphoreSlim refreshing = new(1, 1);

    /// <summary>Reads waiting for <see cref="refreshing"/>: the background unit stops after its current step for them.</summary>
    private int readsWaiting;

    /// <summary>
    /// Called before a read of the index: re-indexes every claim noted so far, so the read sees each write acknowledged
    /// before it began (its note committed with it). Costs one indexed read when nothing is pending. It works in chunks,
    /// so other writes go on between them; a chunk that finds fewer than <see cref="chunk"/> notes has taken the last.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        // Looked up by a read first, so an idle server takes no write lock.
        if (!await AnyPendingAsync(cancellationToken)) return;
        Interlocked.Increment(ref readsWaiting);
        try { await refreshing.WaitAsync(cancellationToken); }
        finally { Interlocked.Decrement(ref readsWaiting); }
        try
        {
            while (await db.WriteAsync(WriteOrigin.System, (c, tx) => RefreshAsync(c, tx, chunk), cancellationToken) == chunk) { }
        }
        finally { refreshing.Release(); }
    }

    /// <summary>
    /// Claims one step of the background re-indexing takes: about 20-35 ms of the writer on the scale-0.2 archive (0.4-0.7 ms a
    /// claim, measured with tests/ClaimTracker.Benchmarks), the most a write that arrives meanwhile waits for it.
    /// </summary>
    internal const int Step = 50;

    /// <summary>
    /// Claims one background unit re-indexes at most while no write waits. Larger units commit fewer, larger index
    /// segments: per claim, 4,000 a commit cost 0.53 ms against 0.60-0.71 ms for 100 (same archive, same run).
    /// </summary>
    internal const int MaxPerUnit = 4000;

    /// <summary>
    /// The background indexer's unit: re-indexes noted claims <see cref="Step"/> at a time, and stops after the first step
    /// that finds another write waiting behind it (queued, or later in the same batch), or at <see cref="MaxPerUnit"/>; the number re-indexed.
    /// </summary>
    internal async Task<int> RefreshInBackgroundAsync(CancellationToken cancellationToken)
    {
        if (!await AnyPendingAsync(cancellationToken)) return 0;
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            return await db.WriteAsync(WriteOrigin.System, async (c, tx) =>
            {
                int total = 0, step;
                do total += step = await RefreshAsync(c, tx, Step);
                while (step == Step && total < MaxPerUnit && db.WritesWaiting == 0 && Volatile.Read(ref readsWaiting) == 0
                       && !cancellationToken.IsCancellationRequested);
                return total;
            }, cancellationToken);
        }
        finally { refreshing.Release(); }
    }

    // Whether a merge step found nothing left to merge since claims were last re-indexed: an idle server then takes no write lock.
    private volatile bool merged;

    /// <summary>
    /// One step of the merging an index leaves to idle time (FTS5: db/sqlite/0010_search_merge_when_idle.sql; see
    /// <see cref="Fts5Search.MergePages"/>). False once nothing is left to merge, and always on an engine that does not merge.
    /// </summary>
    internal async Task<bool> MergeStepAsync(CancellationToken cancellationToken)
    {
        if (merged || !engine.Merges) return false;
        return await db.WriteAsync(WriteOrigin.System, async (c, tx) =>
        {
            // Set in the writer's turn, so a re-indexing that commits after this step clears it again.
            var worked = await engine.MergeAsync(c, tx);
            merged = !worked;
            return worked;
        }, cancellationToken);
    }

    private Task<bool> AnyPendingAsync(CancellationToken cancellationToken) =>
        db.ReadAsync(c => c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM search_pending)"), cancellationToken);

    /// <summary>Rebuilds the documents of up to <paramref name="limit"/> noted claims, lowest ids first, and clears their notes.</summary>
    private async Task<int> RefreshAsync(IDbConnection c, IDbTransaction tx, int limit)
    {
        var claims = (await c.QueryAsync<long>("SELECT claim_id FROM search_pending ORDER BY claim_id LIMIT @Limit", new { Limit = limit }, tx)).ToList();
        if (claims.Count == 0) return 0;
        merged = false;
        await engine.RefreshAsync(c, tx, claims);
        return claims.Count;
    }
}
