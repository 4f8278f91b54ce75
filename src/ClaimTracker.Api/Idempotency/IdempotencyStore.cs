using System.Data;
using ClaimTracker.Api.Data;
using Dapper;

namespace ClaimTracker.Api.Idempotency;

/// <summary>The Idempotency-Key records: claimed before a request runs, completed with its response after.</summary>
public sealed class IdempotencyStore(Db db, TimeProvider clock)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>Where this process's life began: a 'started' record older than that belongs to a request that died with its process.</summary>
    private readonly string processStart = Time.Now(clock);

    public sealed class Record
    {
        public string RequestHash { get; init; } = "";
        public string State { get; init; } = "";
        public long? Status { get; init; }
        public string? Headers { get; init; }
        public byte[]? Body { get; init; }
        public string CreatedAt { get; init; } = "";
    }

    /// <summary>Claims the key for a new request, or returns the record that already holds it.</summary>
    public Task<Record?> ClaimAsync(string owner, string key, string requestHash) => db.WriteAsync(WriteOrigin.System, async (c, tx) =>
    {
        var now = Time.Now(clock);
        await c.ExecuteAsync("DELETE FROM idempotency_keys WHERE created_at < @Cutoff",
            new { Cutoff = Time.Store(clock.GetUtcNow() - Retention) }, tx);
        var existing = await c.QuerySingleOrDefaultAsync<Record>("""
            SELECT request_hash AS RequestHash, state, status, headers, body, created_at AS CreatedAt
            FROM idempotency_keys WHERE owner = @Owner AND key = @Key
            """, new { Owner = owner, Key = key }, tx);
        if (existing is not null && !(existing.State == "started" && string.CompareOrdinal(existing.CreatedAt, processStart) < 0))
            return existing;
        // New, or left 'started' by a process that died before the change committed: the request runs (again).
        await c.ExecuteAsync("""
            INSERT INTO idempotency_keys (owner, key, request_hash, state, created_at) VALUES (@Owner, @Key, @Hash, 'started', @Now)
            ON CONFLICT (owner, key) DO UPDATE SET request_hash = @Hash, state = 'started', created_at = @Now
            """, new { Owner = owner, Key = key, Hash = requestHash, Now = now }, tx);
        return null;
    });

    /// <summary>Marks the key committed inside the request's own write transaction.</summary>
    public static Task MarkCommittedAsync(IDbConnection c, IDbTransaction tx, string owner, string key) =>
        c.ExecuteAsync("UPDATE idempotency_keys SET state = 'committed' WHERE owner = @Owner AND key = @Key", new { Owner = owner, Key = key }, tx);

    /// <summary>Records the answer for replay; a null body is an answer not kept (state 'unkept': a secret, or over the cap).</summary>
    public Task CompleteAsync(string owner, string key, int status, string headers, byte[]? body) => db.WriteAsync(WriteOrigin.System, (c, tx) =>
        c.ExecuteAsync("""
            UPDATE idempotency_keys SET state = @State, status = @Status, headers = @Headers, body = @Body
            WHERE owner = @Owner AND key = @Key
            """, new { Owner = owner, Key = key, State = body is null ? "unkept" : "completed", Status = status, Headers = headers, Body = body }, tx));

    /// <summary>Frees the key of a request that failed before changing anything, so that a retry runs.</summary>
    public Task ReleaseAsync(string owner, string key) => db.WriteAsync(WriteOrigin.System, (c, tx) =>
        c.ExecuteAsync("DELETE FROM idempotency_keys WHERE owner = @Owner AND key = @Key AND state = 'started'", new { Owner = owner, Key = key }, tx));
}
