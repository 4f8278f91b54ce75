using System.Text;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Api.Exports;

/// <summary>The whole ledger out and back in as NDJSON: backups, migrations between instances, bulk loads.</summary>
public static class NdjsonApi
{
    /// <summary>An import carries a whole export, far beyond the 4 MiB of other bodies.</summary>
    public const long MaxImportBytes = 256L * 1024 * 1024;

    public static void MapNdjson(this IEndpointRouteBuilder api)
    {
        // A bulk transfer outlasts a request timeout by design (a 256 MiB import, a million-line export) and a streamed
        // answer has begun before it ends: a timeout could only cut it short.
        var group = api.MapGroup("").WithTags("Exports");
        group.DisableRequestTimeout();

        group.MapGet("/export.ndjson", Export).Describe("ExportNdjson", "Export everything as NDJSON",
            "Every source, document, claim, attribution and review, one JSON object per line, each with its type, in dependency order "
            + "(sources, affiliations first; documents; claims; attributions; reviews). A line is the resource's POST body plus type, id, its claimId "
            + "and createdAt/updatedAt; a claim's claimDate is the date as set (null when it follows the attributions) and an attribution's "
            + "anchor.start pins its quote. Read in one snapshot and streamed.")
            .Produces<string>(StatusCodes.Status200OK, MediaTypes.Ndjson)
            .Problems();
        group.MapPost("/import.ndjson", Import).Describe("ImportNdjson", "Import NDJSON",
            "Restores lines in export.ndjson's format, keeping their ids and createdAt/updatedAt (versions start again at 1), so that exporting "
            + "again gives the same bytes; a line without times gets the time of the import. Each line is checked like the resource's POST body "
            + "and inserted through the same code. Lines are committed in batches of 1,000, each line in a savepoint: a bad line is rolled back "
            + "whole and listed with its line number and errors, and the others go in; the answer lists the first 100 "
            + "failed lines and counts them all (failed). A request that breaks off (body over the limit, connection "
            + "lost) keeps the batches committed before it. An id already taken is an error for that line, so "
            + "import into an empty database (or one holding other ids). The answer counts what was imported by type; when no line could be "
            + "imported it is a 422 listing the first 100 lines' errors, and an empty body is a 400. Bodies up to 256 MiB.")
            .Accepts<string>(MediaTypes.Ndjson, "application/jsonl")
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .Problems(413, 415, 422);
    }

    private static PushStreamHttpResult Export(NdjsonExport export, HttpContext context) =>
        TypedResults.Stream(body => export.WriteAsync(body, context.RequestAborted), MediaTypes.Ndjson, "claimtracker.ndjson");

    private static async Task<Ok<NdjsonImportResult>> Import(NdjsonImport import, HttpContext context)
    {
        MediaTypes.Require(context.Request, MediaTypes.Ndjson, "application/jsonl");
        using var reader = new StreamReader(context.Request.Body, new UTF8Encoding(false));
        var result = await import.ImportAsync(WriteOrigin.Of(context), reader, context.RequestAborted);
        if (result.Failed == 0 && result.Imported.Values.Sum() == 0) throw ApiProblem.Validation("$", "The body holds no NDJSON records.");
        if (result.Imported.Values.Sum() == 0)
            throw new ApiProblem(422, ApiProblem.TypeBase + "ndjson-rejected", "No line could be imported",
                $"All {result.Failed} lines failed, so nothing was imported; "
                + $"lines lists the first {NdjsonImport.MaxErrors} with their errors.")
            { Extensions = { ["failed"] = result.Failed, ["lines"] = result.Errors } };
        return TypedResults.Ok(result);
    }
}
