namespace ClaimTracker.Api.Data;

/// <summary>
/// When background upkeep (re-indexing for search, embedding claims) may take its next turn of the one writer: once the
/// writes clients wait for leave a gap of <see cref="Gap"/>, so a burst of writes is not slowed by the upkeep it causes;
/// or once the upkeep has waited <see cref="MaxWait"/>, so a steady stream of writes cannot hold it off for good. Reads
/// that need the upkeep done do not wait for it: they catch up themselves (<see cref="Search.SearchIndex.CatchUpAsync"/>).
/// </summary>
internal sealed class WriterGap(Db db)
{
    /// <summary>Idle time that counts as a gap: longer than the pause between a client's answer and its next write.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest the upkeep waits for a gap before it takes a turn anyway.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    private long lastTurn = Environment.TickCount64;

    /// <summary>Returns when the upkeep's turn has come.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (db.WriterIdle < Gap && Environment.TickCount64 - lastTurn < MaxWait.TotalMilliseconds)
            await Task.Delay(Poll, cancellationToken);
        lastTurn = Environment.TickCount64;
    }
}
