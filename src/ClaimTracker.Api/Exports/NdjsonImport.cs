using System.ComponentModel;
using System.Data.Common;
using System.Text.Json;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Documents;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Sources;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Api.Exports;

/// <summary>A line that was not imported, and why.</summary>
public sealed record NdjsonLineError(
    [property: Description("1-based line number in the body.")] int Line,
    string? Type, string? Id,
    [property: Description("The problem type, as in RFC 9457 problems.")] string Problem,
    string Detail,
    [property: Description("Field errors, for a line that fails validation.")] IDictionary<string, string[]>? Errors);

/// <summary>What an NDJSON import did: lines read, records imported by type, and every line that failed.</summary>
public sealed record NdjsonImportResult(int Lines, IReadOnlyDictionary<string, int> Imported, int Failed, IReadOnlyList<NdjsonLineError> Errors);

/// <summary>
/// Restores NDJSON records with their ids and times, through the stores' own inserts and checks. Lines are
/// committed in batches of <see cref="BatchSize"/>, one transaction each; every line runs inside a savepoint,
/// so a bad line is rolled back whole and reported with its number while the others of its batch stand. The attribution
/// lines of a batch share one <see cref="InsertLookups"/>: the claims, sources and document texts they name are read once.
/// </summary>
public sealed class NdjsonImport(Db db, SourceStore sources, DocumentStore documents, ClaimStore claims, AttributionStore attributions, ReviewStore reviews)
{
    public const int BatchSize = 500;

    public async Task<NdjsonImportResult> ImportAsync(TextReader body, CancellationToken cancellationToken)
    {
        var imported = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<NdjsonLineError>();
        var batch = new List<(int Line, string Text)>();
        var lines = 0;
        while (await body.ReadLineAsync(cancellationToken) is { } text)
        {
            lines++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            batch.Add((lines, text));
            if (batch.Count < BatchSize) continue;
            await BatchAsync(batch, imported, errors);
            batch.Clear();
        }
        if (batch.Count > 0) await BatchAsync(batch, imported, errors);
        return new NdjsonImportResult(lines, imported, errors.Count, errors);
    }

    private Task BatchAsync(List<(int Line, string Text)> batch, SortedDictionary<string, int> imported, List<NdjsonLineError> errors) =>
        db.WriteAsync(async (c, tx) =>
        {
            var transaction = (DbTransaction)tx;
            var lookups = new InsertLookups();
            foreach (var (line, text) in batch)
            {
                string? type = null, id = null;
                await transaction.SaveAsync("line");
                try
                {
                    using var json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
                    (type, id) = (Member(json.RootElement, "type"), Member(json.RootElement, "id"));
                    await ImportLineAsync(c, tx, type, json.RootElement, lookups);
                    await transaction.ReleaseAsync("line");
                    imported[type!] = imported.GetValueOrDefault(type!) + 1;
                }
                catch (Exception e) when (e is ApiProblem or JsonException or SqliteException { SqliteErrorCode: 19 })
                {
                    await transaction.RollbackAsync("line");
                    errors.Add(e switch
                    {
                        ApiProblem p => new NdjsonLineError(line, type, id, p.Type, p.Message, p.Errors),
                        JsonException j => new NdjsonLineError(line, type, id, ApiProblem.TypeBase + "malformed-json", "The line is not valid JSON: " + j.Message, null),
                        _ => new NdjsonLineError(line, type, id, ApiProblem.TypeBase + "conflict", "The line conflicts with stored data: " + e.Message, null),
                    });
                }
            }
            return true;
        });

    private async Task ImportLineAsync(System.Data.IDbConnection c, System.Data.IDbTransaction tx, string? type, JsonElement line, InsertLookups lookups)
    {
        switch (type)
        {
            case "source":
                var source = Read<SourceRecord>(line);
                await sources.InsertAsync(c, tx, source, new Restored(Row(Ids.Source, source.Id, "id"), source.CreatedAt, source.UpdatedAt));
                break;
            case "document":
                var document = Read<DocumentRecord>(line);
                await documents.InsertAsync(c, tx, document, new Restored(Row(Ids.Document, document.Id, "id"), document.CreatedAt, null));
                break;
            case "claim":
                var claim = Read<ClaimRecord>(line);
                await claims.InsertAsync(c, tx, claim, new Restored(Row(Ids.Claim, claim.Id, "id"), claim.CreatedAt, claim.UpdatedAt));
                break;
            case "attribution":
                var attribution = Read<AttributionRecord>(line);
                await attributions.InsertAsync(c, tx, Row(Ids.Claim, attribution.ClaimId, "claimId"), attribution,
                    new Restored(Row(Ids.Attribution, attribution.Id, "id"), attribution.CreatedAt, attribution.UpdatedAt), lookups);
                break;
            case "review":
                var review = Read<ReviewRecord>(line);
                await reviews.InsertAsync(c, tx, Row(Ids.Claim, review.ClaimId, "claimId"), review,
                    new Restored(Row(Ids.Review, review.Id, "id"), review.CreatedAt, review.UpdatedAt));
                break;
            default:
                throw ApiProblem.Validation("type", "type must be one of source, document, claim, attribution, review.");
        }
    }

    /// <summary>The line as its record, checked by the same rules as the resource's POST body.</summary>
    private static T Read<T>(JsonElement line) where T : class
    {
        T record;
        try
        {
            record = line.Deserialize<T>(Json.Options)!;
        }
        catch (JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
            throw ApiProblem.Validation(field, json.Message.Split(" Path:")[0]);
        }
        ValidationFilter.Check(record);
        return record;
    }

    private static long Row(string prefix, string? id, string field) =>
        Ids.TryParse(prefix, id, out var row) ? row : throw ApiProblem.Validation(field, $"{field} must be an id such as {prefix}_1.");

    private static string? Member(JsonElement line, string name) =>
        line.ValueKind == JsonValueKind.Object && line.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
