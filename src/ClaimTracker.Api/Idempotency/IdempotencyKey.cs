using System.Data;

namespace ClaimTracker.Api.Idempotency;

/// <summary>
/// The Idempotency-Key a request claimed. It reaches the writer only inside the request's <see cref="Data.WriteOrigin"/>,
/// and each write unit of that origin marks it committed in its own transaction, so the key commits with the change.
/// </summary>
public sealed class IdempotencyKey(string owner, string key)
{
    private int committed;

    public string Owner => owner;

    public string Key => key;

    /// <summary>Whether a write unit carrying the key has committed: a request that changed nothing keeps no record.</summary>
    public bool Committed => Volatile.Read(ref committed) == 1;

    internal Task MarkAsync(IDbConnection connection, IDbTransaction transaction) =>
        IdempotencyStore.MarkCommittedAsync(connection, transaction, owner, key);

    internal void Commit() => Volatile.Write(ref committed, 1);
}
