using System.Collections.Concurrent;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Dapper;

namespace ClaimTracker.Api.Auth;

/// <summary>
/// API keys in SQL. Lookups for authentication are cached by public id so that reads stay
/// cheap; revoking evicts the entry, and last use is written at most once a minute per key.
/// Entries expire after <see cref="CacheFor"/>, so a key revoked by another process (the admin
/// command line) is refused within that time.
/// </summary>
public sealed class ApiKeyStore(Db db, TimeProvider clock)
{
    private const string Columns = """
        id, public_id AS PublicId, name, scope, secret_hash AS SecretHash, created_at AS CreatedAt,
        last_used_at AS LastUsedAt, revoked_at AS RevokedAt
        """;

    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (ApiKeyRow Row, DateTimeOffset Until)> cache = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> touched = new();

    public Task<CreatedApiKey> CreateAsync(WriteOrigin origin, string name, Scope scope, string? chosenKey = null) =>
        db.WriteAsync(origin, async (c, tx) =>
    {
        var (key, publicId, hash) = chosenKey is null ? ApiKeySecret.Generate() : (chosenKey, ApiKeySecret.PublicId(chosenKey)!, ApiKeySecret.Hash(chosenKey));
        var row = await c.QuerySingleAsync<ApiKeyRow>($"""
            INSERT INTO api_keys (public_id, name, scope, secret_hash, created_at) VALUES (@PublicId, @Name, @Scope, @Hash, @Now)
            RETURNING {Columns}
            """, new { PublicId = publicId, Name = name, Scope = scope.ToString(), Hash = hash, Now = Time.Now(clock) }, tx);
        return new CreatedApiKey(key, row.ToApiKey());
    });

    public Task<Page<ApiKey>> ListAsync(PageQuery page) => db.ReadAsync(async c =>
    {
        var keyset = page.Keyset("id");
        var rows = (await c.QueryAsync<ApiKeyRow>($"SELECT {Columns} FROM api_keys WHERE {keyset.Condition} {keyset.OrderAndLimit}",
            new { keyset.After, keyset.Fetch })).ToList();
        var result = page.ToPage(rows, r => r.Id);
        return new Page<ApiKey>(result.Items.Select(r => r.ToApiKey()).ToList(), result.NextCursor);
    });

    /// <summary>Revokes a key at once; false when no key has that id.</summary>
    public async Task<ApiKey?> RevokeAsync(string id)
    {
        if (!id.StartsWith("key_", StringComparison.Ordinal)) return null;
        var publicId = id[4..];
        var row = await db.WriteAsync(WriteOrigin.System, (c, tx) => c.QuerySingleOrDefaultAsync<ApiKeyRow>($"""
            UPDATE api_keys SET revoked_at = coalesce(revoked_at, @Now) WHERE public_id = @PublicId RETURNING {Columns}
            """, new { PublicId = publicId, Now = Time.Now(clock) }, tx));
        cache.TryRemove(publicId, out _);
        return row?.ToApiKey();
    }

    public Task<long> CountAsync() => db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT count(*) FROM api_keys"));

    /// <summary>The live key a presented secret belongs to, or null (malformed, unknown, wrong or revoked).</summary>
    internal async Task<ApiKeyRow?> AuthenticateAsync(string presented)
    {
        if (ApiKeySecret.PublicId(presented) is not { } publicId) return null;
        if (!cache.TryGetValue(publicId, out var cached) || cached.Until < clock.GetUtcNow())
        {
            var loaded = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<ApiKeyRow>(
                $"SELECT {Columns} FROM api_keys WHERE public_id = @PublicId", new { PublicId = publicId }));
            if (loaded is null) return null;
            cached = (loaded, clock.GetUtcNow() + CacheFor);
            cache[publicId] = cached;
        }
        var row = cached.Row;
        if (row.RevokedAt is not null || !ApiKeySecret.Matches(presented, row.SecretHash)) return null;
        await TouchAsync(row);
        return row;
    }

    private async Task TouchAsync(ApiKeyRow row)
    {
        var now = clock.GetUtcNow();
        if (touched.TryGetValue(row.PublicId, out var last) && now - last < TouchInterval) return;
        touched[row.PublicId] = now;
        await db.WriteAsync(WriteOrigin.System, (c, tx) => c.ExecuteAsync("UPDATE api_keys SET last_used_at = @Now WHERE id = @Id",
            new { Now = Time.Store(now), row.Id }, tx));
    }
}
