using System.Data;
using System.Text.Json;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;

namespace ClaimTracker.Api.Exports;

public sealed partial class NdjsonImport
{
    /// <summary>
    /// A line read and checked, ready for the writer: the insert it makes, or the error that stops it, and the id and
    /// times it restores. An attribution line also names the claim and document its batch looks up together
    /// (<see cref="InsertLookups.PreloadAsync"/>).
    /// </summary>
    private sealed record ParsedLine(int Line, string? Type, string? Id, Func<IDbConnection, IDbTransaction, InsertLookups, Task>? Insert,
        NdjsonLineError? Error, AttributionLine? Attribution = null, (string Table, long Id)? Restores = null,
        object? Record = null, Restored? Row = null);

    /// <summary>An attribution line's claim and record, which its batch looks up together.</summary>
    private sealed record AttributionLine(long ClaimId, AttributionInput Input);

    /// <summary>
    /// Parses and validates one line without the database: all of it depends on the line alone, so it runs on the
    /// request's thread while the writer inserts the previous batch.
    /// </summary>
    private ParsedLine Parse(int line, string text)
    {
        string? type = null, id = null;
        try
        {
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
            JsonText.Require(json.RootElement);
            (type, id) = (Echo(Member(json.RootElement, "type")), Echo(Member(json.RootElement, "id")));
            return Checked(line, type, id, json.RootElement);
        }
        catch (ApiProblem p)
        {
            return new ParsedLine(line, type, id, null, new NdjsonLineError(line, type, id, p.Type, p.Message, p.Errors));
        }
        catch (JsonException j)
        {
            return new ParsedLine(line, type, id, null,
                new NdjsonLineError(line, type, id, ApiProblem.TypeBase + "malformed-json", "The line is not valid JSON: " + JsonMessages.Plain(j), null));
        }
    }

    private ParsedLine Checked(int line, string? type, string? id, JsonElement json)
    {
        ParsedLine Ready(object record, Restored row, Func<IDbConnection, IDbTransaction, InsertLookups, Task> insert,
            AttributionLine? attribution = null) =>
            new(line, type, id, insert, null, attribution, RestoredRow(type!, id), record, row);
        switch (type)
        {
            case "source":
                var source = Read<SourceRecord>(json);
                var sourceRow = new Restored(OwnRow(Ids.Source, source.Id, "id"), source.CreatedAt, source.UpdatedAt);
                return Ready(source, sourceRow, (c, tx, _) => sources.InsertAsync(c, tx, source, sourceRow));
            case "document":
                var document = Read<DocumentRecord>(json);
                var documentRow = new Restored(OwnRow(Ids.Document, document.Id, "id"), document.CreatedAt, null);
                return Ready(document, documentRow, (c, tx, _) => documents.InsertAsync(c, tx, document, documentRow));
            case "claim":
                var claim = Read<ClaimRecord>(json);
                var claimRow = new Restored(OwnRow(Ids.Claim, claim.Id, "id"), claim.CreatedAt, claim.UpdatedAt);
                return Ready(claim, claimRow, (c, tx, _) => claims.InsertAsync(c, tx, claim, claimRow));
            case "attribution":
                var attribution = Read<AttributionRecord>(json);
                var claimOfAttribution = Row(Ids.Claim, attribution.ClaimId, "claimId");
                var attributionRow = new Restored(OwnRow(Ids.Attribution, attribution.Id, "id"), attribution.CreatedAt, attribution.UpdatedAt);
                return Ready(attribution, attributionRow,
                    (c, tx, lookups) => attributions.InsertAsync(c, tx, claimOfAttribution, attribution, attributionRow, lookups),
                    new AttributionLine(claimOfAttribution, attribution));
            case "review":
                var review = Read<ReviewRecord>(json);
                var claimOfReview = Row(Ids.Claim, review.ClaimId, "claimId");
                var reviewRow = new Restored(OwnRow(Ids.Review, review.Id, "id"), review.CreatedAt, review.UpdatedAt);
                return Ready(review, reviewRow,
                    (c, tx, _) => reviews.InsertAsync(c, tx, claimOfReview, review, reviewRow));
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
            throw ApiProblem.Validation(field, JsonMessages.Plain(json));
        }
        ValidationFilter.Check(record);
        return record;
    }

    /// <summary>
    /// The highest id an import may restore: the largest integer every JSON client reads exactly. Above it, the 2^63 ids
    /// SQLite has would leave too little room for the creates that follow (at 2^63 - 1 it picks random ids, and
    /// sort=newest stops following creation); at or below it, later creates stay sequential.
    /// </summary>
    internal const long MaxRestoredId = 9_007_199_254_740_991;

    /// <summary>Tables by line type, for the id a line restores.</summary>
    private static readonly Dictionary<string, (string Table, string Prefix)> Tables = new()
    {
        ["source"] = ("sources", Ids.Source), ["document"] = ("documents", Ids.Document), ["claim"] = ("claims", Ids.Claim),
        ["attribution"] = ("attributions", Ids.Attribution), ["review"] = ("reviews", Ids.Review),
    };

    private static (string Table, long Id) RestoredRow(string type, string? id) =>
        (Tables[type].Table, Row(Tables[type].Prefix, id, "id"));

    private static long OwnRow(string prefix, string? id, string field)
    {
        var row = Row(prefix, id, field);
        return row <= MaxRestoredId ? row
            : throw ApiProblem.Validation(field, $"{field} must be at most {prefix}_{MaxRestoredId}, so that later ids stay sequential.");
    }

    private static long Row(string prefix, string? id, string field) =>
        Ids.TryParse(prefix, id, out var row) ? row : throw ApiProblem.Validation(field, $"{field} must be an id such as {prefix}_1.");

    /// <summary>A line's type or id as its error repeats it: cut to 100 characters, so an error stays small.</summary>
    private static string? Echo(string? value) => value is { Length: > 100 } ? value[..100] + "…" : value;

    private static string? Member(JsonElement line, string name) =>
        line.ValueKind == JsonValueKind.Object && line.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
