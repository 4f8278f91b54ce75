using System.Data;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Documents;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Sources;
using Dapper;

namespace ClaimTracker.Api.Exports;

/// <summary>
/// The whole ledger as NDJSON, one typed record per line, in dependency order (sources, documents, claims,
/// attributions, reviews) so that an import never meets a reference before what it refers to. It is read
/// in one transaction (a consistent snapshot) and streamed: rows come from unbuffered readers, in chunks.
/// </summary>
public sealed class NdjsonExport(Db db)
{
    // Sources by depth of their affiliation chain, so that a source always follows the one it is affiliated with.
    private const string SourcesInDependencyOrder = """
        WITH RECURSIVE depth (id, level) AS (
            SELECT id, 0 FROM sources WHERE affiliation_id IS NULL
            UNION SELECT s.id, d.level + 1 FROM sources s JOIN depth d ON s.affiliation_id = d.id WHERE d.level < 100
        )
        SELECT s.id FROM sources s LEFT JOIN (SELECT id, max(level) AS level FROM depth GROUP BY id) d ON d.id = s.id
        ORDER BY coalesce(d.level, 101), s.id
        """;


    /// <summary>Documents carry up to a million characters of text each, so they are loaded a few at a time.</summary>
    private const int DocumentChunk = 10;

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public async Task WriteAsync(Stream body, CancellationToken cancellationToken)
    {
        var written = 0;
        await foreach (var record in RecordsAsync(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(body, record, record.GetType(), Json.Options, cancellationToken);
            await body.WriteAsync(NewLine, cancellationToken);
            if (++written % ClaimStore.StreamChunk == 0) await body.FlushAsync(cancellationToken);
        }
    }

    public async IAsyncEnumerable<object> RecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await using var tx = await db.BeginSnapshotAsync(c, cancellationToken);
        var none = new SqlWhere();
        var noParameters = new DynamicParameters();

        foreach (var chunk in (await c.QueryAsync<long>(SourcesInDependencyOrder, transaction: tx)).Chunk(ClaimStore.StreamChunk))
            foreach (var source in await SourceStore.LoadAsync(c, tx, chunk))
                yield return SourceRecord.From(source.Resource);
        await foreach (var chunk in KeysetChunks.ReadAsync<long>(c, tx, "SELECT id FROM documents", none, null, "id", id => id,
                           DocumentChunk).WithCancellation(cancellationToken))
            foreach (var document in await DocumentStore.LoadAsync(c, tx, chunk))
                yield return DocumentRecord.From(document.Resource);
        await foreach (var (row, topics) in ClaimStore.RowsAsync(c, tx, none, noParameters).WithCancellation(cancellationToken))
            yield return ClaimRecord.From(row, topics);
        await foreach (var attribution in AttributionStore.StreamAsync(c, tx, none, noParameters).WithCancellation(cancellationToken))
            yield return AttributionRecord.From(attribution.Resource);
        await foreach (var chunk in KeysetChunks.ReadAsync<long>(c, tx, "SELECT id FROM reviews", none, null, "id", id => id,
                           ClaimStore.StreamChunk).WithCancellation(cancellationToken))
            foreach (var review in await ReviewStore.LoadAsync(c, tx, chunk))
                yield return ReviewRecord.From(review.Resource);
    }
}
