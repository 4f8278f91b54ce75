using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Documents;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Sources;

namespace ClaimTracker.Api.Exports;

public sealed partial class NdjsonImport
{
    private static readonly string[] Times = ["createdAt", "updatedAt"];

    /// <summary>
    /// The members in which the record stored under the line's id differs from the line (none: the line landed before,
    /// unchanged), or null when no record has that id and the conflict is another one (a taken slug). Both sides are
    /// compared as export lines; a time the line leaves out is not compared, since the import would give it its own.
    /// </summary>
    private static async Task<IReadOnlyList<string>?> CompareStoredAsync(DbConnection c, DbTransaction tx,
        ParsedLine line)
    {
        if (line.Record is null || line.Restores is not var (_, id)) return null;
        var stored = await StoredRecordAsync(c, tx, line.Type!, id);
        if (stored is null) return null;
        var sent = JsonSerializer.SerializeToNode(line.Record, line.Record.GetType(), Json.Options)!.AsObject();
        var kept = JsonSerializer.SerializeToNode(stored, stored.GetType(), Json.Options)!.AsObject();
        return sent.Select(m => m.Key).Union(kept.Select(m => m.Key))
            .Where(name => !(Times.Contains(name) && sent[name] is null))
            .Where(name => !JsonNode.DeepEquals(sent[name], kept[name]))
            .ToList();
    }

    private static async Task<object?> StoredRecordAsync(DbConnection c, DbTransaction tx, string type, long id)
    {
        switch (type)
        {
            case "source":
                return (await SourceStore.LoadAsync(c, tx, [id])).SingleOrDefault() is { } source
                    ? SourceRecord.From(source.Resource) : null;
            case "document":
                return (await DocumentStore.LoadAsync(c, tx, [id])).SingleOrDefault() is { } document
                    ? DocumentRecord.From(document.Resource) : null;
            case "claim":
                var byId = new SqlWhere().And("c.id = @Id");
                await foreach (var (row, topics) in ClaimStore.RowsAsync(c, tx, byId, new { Id = id }))
                    return ClaimRecord.From(row, topics);
                return null;
            case "attribution":
                var attributions = await AttributionStore.LoadWhereAsync(c, tx, "a.id = @Id", new { Id = id });
                return attributions.SingleOrDefault() is { } attribution
                    ? AttributionRecord.From(attribution.Resource) : null;
            default:
                return (await ReviewStore.LoadAsync(c, tx, [id])).SingleOrDefault() is { } review
                    ? ReviewRecord.From(review.Resource) : null;
        }
    }

    private static NdjsonLineError Differs(ParsedLine line, IReadOnlyList<string> members) =>
        new(line.Line, line.Type, line.Id, ApiProblem.TypeBase + "id-taken",
            $"{line.Id} is already stored with different content ({string.Join(", ", members)}); an import never "
            + "overwrites, so change the record through its route or import it under a new id.", null);
}
