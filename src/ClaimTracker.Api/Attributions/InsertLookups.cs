using System.Data;
using ClaimTracker.Api.Sources;
using Dapper;

namespace ClaimTracker.Api.Attributions;

/// <summary>
/// What attribution inserts look up (the claim, sources, the document and its text), remembered for one transaction: an
/// import's batch of lines mostly names the same few, and reading a document's text once per line cost more than the insert.
/// Only rows found are remembered, and an import only adds rows, so nothing remembered can go stale within its batch;
/// a miss is asked again, since an earlier line may have just inserted the row.
/// </summary>
internal sealed class InsertLookups
{
    private readonly HashSet<long> claims = [];
    private readonly Dictionary<string, (long Id, SourceRef Ref)> sources = new(StringComparer.Ordinal);
    private readonly Dictionary<long, string?> documentTexts = [];

    public async Task<bool> ClaimExistsAsync(IDbConnection c, IDbTransaction tx, long id)
    {
        if (claims.Contains(id)) return true;
        var exists = await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM claims WHERE id = @Id)", new { Id = id }, tx);
        if (exists) claims.Add(id);
        return exists;
    }

    /// <summary>The source an id or slug names, or a 422 naming the field.</summary>
    public async Task<(long Id, SourceRef Ref)> SourceAsync(IDbConnection c, IDbTransaction tx, string idOrSlug, string field)
    {
        if (sources.TryGetValue(idOrSlug, out var known)) return known;
        return sources[idOrSlug] = await SourceStore.RequireRefAsync(c, tx, idOrSlug, field);
    }

    /// <summary>Whether the document exists, and its text (null when it has none).</summary>
    public async Task<(bool Exists, string? Text)> DocumentAsync(IDbConnection c, IDbTransaction tx, long id)
    {
        if (documentTexts.TryGetValue(id, out var known)) return (true, known);
        var row = (await c.QueryAsync<(long Id, string? Text)>("SELECT id, text FROM documents WHERE id = @Id", new { Id = id }, tx)).SingleOrDefault();
        if (row.Id == 0) return (false, null);
        documentTexts[id] = row.Text;
        return (true, row.Text);
    }
}
