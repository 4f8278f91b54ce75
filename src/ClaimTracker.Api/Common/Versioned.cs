namespace ClaimTracker.Api.Common;

/// <summary>A resource as read from its row, with the row id and the version its ETag carries.</summary>
public sealed record Versioned<T>(T Resource, long RowId, long Version);
