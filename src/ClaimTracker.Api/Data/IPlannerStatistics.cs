namespace ClaimTracker.Api.Data;

/// <summary>
/// Keeps the query planner's statistics current where the engine does not do it by itself: a bulk write (an NDJSON
/// import) asks for a refresh, so the reads after it plan with the new data.
/// </summary>
public interface IPlannerStatistics
{
    /// <summary>Refreshes what has drifted; answers what it analyzed (empty when every statistic was current).</summary>
    Task<IReadOnlyList<string>> RefreshAsync(CancellationToken cancellationToken = default);
}
