using System.Text;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.ImportJobs;
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
            + "and inserted through the same code. The body is stored whole before anything is imported. A body over 4 MiB, "
            + "or any body sent with Prefer: respond-async (RFC 7240), becomes an import job: the answer is 202 with the job "
            + "and Location: /api/v1/import-jobs/{jobId}, to poll until it has finished; a crash or restart resumes it at "
            + "the first line not yet committed. A smaller body is imported before the answer. Lines are committed in batches "
            + "of 1,000, each line in a savepoint: a bad line is rolled back whole and listed with its line number and errors, "
            + "and the others go in; the answer lists the first 100 failed lines and counts them all (failed). A line whose id "
            + "is already stored with the same content (a file sent again) is skipped and counted as unchanged; an id stored with "
            + "other content is an error for that line (id-taken, naming the fields that differ), and so is an id this database "
            + "has deleted. The inline answer counts what was imported by type; when no line could be imported or skipped it is "
            + "a 422 listing the first 100 lines' errors, and an empty body is a 400. Bodies up to 256 MiB.")
            .Accepts<string>(MediaTypes.Ndjson, "application/jsonl")
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .Problems(413, 415, 422);
    }

    private static PushStreamHttpResult Export(NdjsonExport export, HttpContext context) =>
        TypedResults.Stream(body => export.WriteAsync(body, context.RequestAborted), MediaTypes.Ndjson, "claimtracker.ndjson");

    private static async Task<Results<Ok<NdjsonImportResult>, Accepted<ImportJob>>> Import(
        NdjsonImport import, ImportJobSpool spool, HttpContext context)
    {
        MediaTypes.Require(context.Request, MediaTypes.Ndjson, "application/jsonl");
        var body = await spool.WriteAsync(context.Request.Body, context.RequestAborted);
        if (body.Blank)
        {
            spool.Delete(body.Name);
            throw ApiProblem.Validation("$", "The body holds no NDJSON records.");
        }
        if (ImportJobsApi.PrefersAsync(context.Request))
        {
            context.Response.Headers["Preference-Applied"] = "respond-async";
            return await ImportJobsApi.StartAsync(context, "ndjson", body);
        }
        if (body.Bytes > RequestLimits.MaxBodyBytes) return await ImportJobsApi.StartAsync(context, "ndjson", body);
        try
        {
            return TypedResults.Ok(await ImportInlineAsync(import, spool.PathOf(body.Name), context));
        }
        finally
        {
            spool.Delete(body.Name);
        }
    }

    private static async Task<NdjsonImportResult> ImportInlineAsync(NdjsonImport import, string path, HttpContext context)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false));
        var result = await import.ImportAsync(WriteOrigin.Of(context), reader, context.RequestAborted);
        if (result.Failed == 0 && result.Imported.Values.Sum() + result.Unchanged == 0)
            throw ApiProblem.Validation("$", "The body holds no NDJSON records.");
        if (result.Imported.Values.Sum() + result.Unchanged == 0)
            throw new ApiProblem(422, ApiProblem.TypeBase + "ndjson-rejected", "No line could be imported",
                $"All {result.Failed} lines failed, so nothing was imported; "
                + $"lines lists the first {NdjsonImport.MaxErrors} with their errors.")
            { Extensions = { ["failed"] = result.Failed, ["lines"] = result.Errors } };
        return result;
    }
}
