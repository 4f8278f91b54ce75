using System.Data;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Sources;
using Dapper;

namespace ClaimTracker.Api.Attributions;

/// <summary>A source a request names, resolved to its row and its short reference.</summary>
internal sealed record ResolvedSource(long Id, SourceRef Ref);

/// <summary>
/// What attribution inserts look up (the claim, sources, the document and its text), remembered for one transaction: an
/// import's batch of lines mostly names the same few, and reading a document's text once per line cost more than the insert.
/// Only rows found are remembered, and an import only adds rows, so nothing remembered can go stale within its batch;
/// a miss is asked again, since an earlier line may have just inserted the row.
/// </summary>
internal sealed class InsertLookups
{
    private readonly HashSet<long> claims = [];
    private readonly Dictionary<string, ResolvedSource> sources = new(StringComparer.Ordinal);
    private readonly Dictionary<long, string?> documentTexts = [];

    public async Task<bool> ClaimExistsAsync(IDbConnection c, IDbTransaction tx, long id)
    {
        if (claims.Contains(id)) return true;
        var exists = await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM claims WHERE id = @Id)", new { Id = id }, tx);
        if (exists) claims.Add(id);
        return exists;
    }

    /// <summary>The source an id or slug names, or a 422 naming the field.</summary>
    public async Task<ResolvedSource> SourceAsync(IDbConnection c, IDbTransaction tx, string idOrSlug, string field)
    {
        if (sources.TryGetValue(idOrSlug, out var known)) return known;
        var row = Ids.TryParse(Ids.Source, idOrSlug, out var id)
            ? await c.QuerySingleOrDefaultAsync<SourceRow>("SELECT id, slug, name, kind FROM sources WHERE id = @Id", new { Id = id }, tx)
            : await c.QuerySingleOrDefaultAsync<SourceRow>("SELECT id, slug, name, kind FROM sources WHERE slug = @Slug", new { Slug = idOrSlug }, tx);
        if (row is null)
            throw ApiProblem.Unprocessable("unknown-reference", "Unknown source", $"{field}: no source has the id or slug '{idOrSlug}'.");
        return sources[idOrSlug] = new ResolvedSource(row.Id, new SourceRef(Ids.Format(Ids.Source, row.Id), row.Slug, row.Name, Enum.Parse<SourceKind>(row.Kind)));
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

    private sealed class SourceRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
    }
}
