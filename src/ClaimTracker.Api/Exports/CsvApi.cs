using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Exports;

/// <summary>Claims and attributions as CSV for spreadsheets, with the list routes' filters, streamed row by row.</summary>
public static class CsvApi
{
    private static readonly string[] ClaimColumns = ["id", "text", "language", "topics", "claimDate", "status", "createdAt", "updatedAt"];

    private static readonly string[] AttributionColumns =
    [
        "id", "claimId", "sourceId", "sourceName", "documentId", "cue", "stance", "direct", "quote", "quoteStart", "quoteEnd", "via",
        "statedAt", "note", "createdAt", "updatedAt",
    ];

    public static void MapCsvExports(this IEndpointRouteBuilder api)
    {
        // Streamed: the answer has begun long before a large export ends, so a request timeout could only cut it short.
        var group = api.MapGroup("").WithTags("Exports");
        group.DisableRequestTimeout();

        group.MapGet("/claims.csv", Claims).Describe("ExportClaimsCsv", "Claims as CSV",
            "Every claim the filters select (the same filters as GET /claims), oldest first, as RFC 4180 CSV in UTF-8 with a header row; "
            + "topics are joined by semicolons. Cells that a spreadsheet would run as a formula (starting with = + - @, tab, CR or LF) are "
            + "prefixed with a single quote, and so is every such item of a list after its semicolon. The rows are streamed from the database as they are read, so any number of rows keeps memory flat.")
            .Produces<string>(StatusCodes.Status200OK, MediaTypes.Csv)
            .Problems();
        group.MapGet("/attributions.csv", Attributions).Describe("ExportAttributionsCsv", "Attributions as CSV",
            "Every attribution the filters select (the same filters as GET /attributions), oldest first, as streamed RFC 4180 CSV: "
            + "the source's id and name, cue, stance, the exact quote and its code-point offsets, the via chain (source ids joined by semicolons). "
            + "Formula-like cells and list items are neutralised as for claims.csv.")
            .Produces<string>(StatusCodes.Status200OK, MediaTypes.Csv)
            .Problems();
    }

    private static PushStreamHttpResult Claims([AsParameters] ClaimFilter filter, ClaimStore store, HttpContext context) =>
        TypedResults.Stream(body => Csv.WriteAsync(body, ClaimColumns, store.StreamAsync(filter, context.RequestAborted), c =>
            [Csv.Cell(c.Id), Csv.Cell(c.Text), Csv.Cell(c.Language), Csv.Cell(c.Topics), Csv.Cell(c.ClaimDate), Csv.Cell(c.Status.ToString()),
             Csv.Cell(c.CreatedAt), Csv.Cell(c.UpdatedAt)], context.RequestAborted), Csv.MediaType, "claims.csv");

    private static PushStreamHttpResult Attributions([AsParameters] AttributionFilter filter, AttributionStore store, HttpContext context) =>
        TypedResults.Stream(body => Csv.WriteAsync(body, AttributionColumns, store.StreamAsync(filter, context.RequestAborted), a =>
            [Csv.Cell(a.Id), Csv.Cell(a.ClaimId), Csv.Cell(a.SourceId), Csv.Cell(a.Source.Name), Csv.Cell(a.DocumentId), Csv.Cell(a.Cue),
             Csv.Cell(a.Stance.ToString()), Csv.Cell(a.Direct ? "true" : "false"), Csv.Cell(a.Quote), Csv.Cell(a.Selector?.Position.Start),
             Csv.Cell(a.Selector?.Position.End), Csv.Cell(a.Via), Csv.Cell(a.StatedAt), Csv.Cell(a.Note), Csv.Cell(a.CreatedAt), Csv.Cell(a.UpdatedAt)],
            context.RequestAborted), Csv.MediaType, "attributions.csv");
}
