using System.Data;
using System.Text.Json;
using ClaimTracker.Api.Common;
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

    /// <summary>
    /// Looks up the claims, sources named by id and documents of a whole batch of inserts in three statements, instead of
    /// one or more per line: an import's lines mostly name rows no earlier line of the batch did.
    /// </summary>
    public async Task PreloadAsync(IDbConnection c, IDbTransaction tx, IEnumerable<(long ClaimId, AttributionInput Input)> inserts)
    {
        var (claimIds, sourceIds, documentIds) = (new HashSet<long>(), new Dictionary<string, long>(StringComparer.Ordinal), new HashSet<long>());
        foreach (var (claimId, input) in inserts)
        {
            claimIds.Add(claimId);
            foreach (var source in input.Via.Prepend(input.SourceId))
                if (Ids.TryParse(Ids.Source, source, out var sourceId)) sourceIds[source!] = sourceId;
            if (Ids.TryParse(Ids.Document, input.DocumentId, out var documentId)) documentIds.Add(documentId);
        }
        if (claimIds.Count > 0)
            claims.UnionWith(await c.QueryAsync<long>("SELECT id FROM claims WHERE id IN (SELECT value FROM json_each(@Ids))", new { Ids = Json(claimIds) }, tx));
        if (sourceIds.Count > 0)
        {
            var refs = await SourceStore.RefsAsync(c, tx, sourceIds.Values);
            foreach (var (idOrSlug, id) in sourceIds)
                if (refs.TryGetValue(id, out var found)) sources[idOrSlug] = (id, found);
        }
        if (documentIds.Count > 0)
            foreach (var (id, text) in await c.QueryAsync<(long Id, string? Text)>(
                         "SELECT id, text FROM documents WHERE id IN (SELECT value FROM json_each(@Ids))", new { Ids = Json(documentIds) }, tx))
                documentTexts[id] = text;
    }

    private static string Json(IEnumerable<long> ids) => JsonSerializer.Serialize(ids);

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
