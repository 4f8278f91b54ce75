namespace ClaimTracker.Api.Data;

/// <summary>
/// What an import keeps of an exported row: its id and its times. Null parts are assigned as for
/// a new row (the next id, the time of the insert), so one INSERT serves both creation and restore.
/// </summary>
public sealed record Restored(long? Id, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt)
{
    public static Restored New { get; } = new(null, null, null);

    /// <summary>The parameters <c>@RowId</c>, <c>@CreatedAt</c> and <c>@UpdatedAt</c> of an INSERT (a NULL id takes the next rowid).</summary>
    public object Parameters(string now) => new { RowId = Id, CreatedAt = Time.Store(CreatedAt) ?? now, UpdatedAt = Time.Store(UpdatedAt) ?? now };
}
