using System.ComponentModel;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Exports;
using ClaimTracker.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.ImportJobs;

/// <summary>Import jobs: large imports run in the background, and these routes follow and cancel them.</summary>
public static class ImportJobsApi
{
    public const string Route = "/api/v1/import-jobs";

    public static IServiceCollection AddImportJobs(this IServiceCollection services)
    {
        services.AddOptions<ImportJobOptions>().BindConfiguration(ImportJobOptions.Section).ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ImportJobStore>();
        services.AddSingleton<ImportJobSpool>();
        services.AddSingleton<BulkRestore>();
        services.AddSingleton<ImportWriterCache>();
        services.AddSingleton<ImportJobEngine>();
        services.AddSingleton<ImportJobRunner>();
        // The build writes openapi/ by running the app without serving; no job may run then.
        if (!OpenApiSetup.IsGeneratingDocument)
            services.AddHostedService(provider => provider.GetRequiredService<ImportJobRunner>());
        return services;
    }

    public static void MapImportJobs(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/import-jobs").WithTags("Exports");

        group.MapGet("/", List).Describe("ListImportJobs", "List import jobs",
            "Every import job, oldest first (sort=newest for the latest first), with its state and counts.")
            .Problems();
        group.MapGet("/{jobId}", Get).Describe("GetImportJob", "Get an import job",
            "State (queued, running, succeeded, failed, cancelled), lines in the body, read and dealt with "
            + "(processedThrough: every line up to it is committed, unchanged or failed), records committed by type, "
            + "lines unchanged and failed, the rate in lines per second and, while it runs, the seconds left. "
            + "Poll it until the state is no longer queued or running; the failed lines are listed by GET …/errors.")
            .Problems(404);
        group.MapGet("/{jobId}/errors", Errors).Describe("ListImportJobErrors", "List an import job's failed lines",
            "The lines the job refused, in line order, with their problem type, detail and field errors, as the "
            + $"inline import lists them. The first {ImportJobStore.MaxStoredErrors:N0} are kept; the job's failed "
            + "counts them all.")
            .Problems(404);
        group.MapPost("/{jobId}/cancel", Cancel).Describe("CancelImportJob", "Cancel an import job",
            "Stops a job. A queued job is cancelled at once (200). A running one stops after the batch already in the "
            + "writer (202): what committed stays committed, and the job then reports cancelled with exactly lines 1 "
            + "to processedThrough dealt with. A finished job cannot be cancelled (409).")
            .Problems(404, 409);
    }

    /// <summary>
    /// Records a spooled body as a job and queues it: 202 with the job and its Location. The body is on disk before
    /// the job row commits, and the row before the answer, so a crash after the 202 loses nothing.
    /// </summary>
    public static async Task<Accepted<ImportJob>> StartAsync(HttpContext context, string format,
        ImportJobSpool.Spooled body)
    {
        var services = context.RequestServices;
        ImportJobRow job;
        try
        {
            job = await services.GetRequiredService<ImportJobStore>()
                .CreateAsync(WriteOrigin.Of(context), format, body);
        }
        catch
        {
            services.GetRequiredService<ImportJobSpool>().Delete(body.Name);
            throw;
        }
        services.GetRequiredService<ImportJobRunner>().Enqueue(job.Id);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return TypedResults.Accepted($"{Route}/{Ids.Format(Ids.ImportJob, job.Id)}", job.ToJob(null, now));
    }

    /// <summary>Whether the client asked for an asynchronous answer (RFC 7240 <c>Prefer: respond-async</c>).</summary>
    public static bool PrefersAsync(HttpRequest request) =>
        request.Headers["Prefer"].SelectMany(value => (value ?? "").Split(','))
            .Any(preference => preference.Split(';', '=')[0].Trim()
                .Equals("respond-async", StringComparison.OrdinalIgnoreCase));

    private static async Task<Ok<Page<ImportJob>>> List([AsParameters] PageQuery page, ImportJobStore store,
        ImportJobEngine engine, TimeProvider clock, HttpContext context)
    {
        var rows = await store.ListAsync(page);
        var now = clock.GetUtcNow();
        var jobs = rows.Items.Select(r => r.ToJob(engine.Live(r.Id), now)).ToList();
        return PageResults.Ok(context, new Page<ImportJob>(jobs, rows.NextCursor));
    }

    private static async Task<Ok<ImportJob>> Get([Description("Import job id, e.g. imp_1.")] string jobId,
        ImportJobStore store, ImportJobEngine engine, TimeProvider clock)
    {
        var row = await Find(store, jobId);
        return TypedResults.Ok(row.ToJob(engine.Live(row.Id), clock.GetUtcNow()));
    }

    private static async Task<Ok<Page<NdjsonLineError>>> Errors(
        [Description("Import job id, e.g. imp_1.")] string jobId, [AsParameters] PageQuery page, ImportJobStore store,
        HttpContext context)
    {
        var row = await Find(store, jobId);
        return PageResults.Ok(context, await store.ErrorsAsync(row.Id, page));
    }

    private static async Task<Results<Ok<ImportJob>, Accepted<ImportJob>>> Cancel(
        [Description("Import job id, e.g. imp_1.")] string jobId, ImportJobStore store, ImportJobEngine engine,
        TimeProvider clock, HttpContext context)
    {
        var found = await Find(store, jobId);
        if (!found.Unfinished)
            throw ApiProblem.Conflict("import-job-finished", "The job has finished",
                $"The job {jobId} has already {found.State}; nothing is left to cancel.");
        // Stopped in memory first, so the job does not start another batch while this request waits for the writer.
        engine.Cancel(found.Id);
        var row = await store.RequestCancelAsync(WriteOrigin.Of(context), found.Id)
            ?? throw ApiProblem.NotFound("import job", jobId);
        var job = row.ToJob(engine.Live(row.Id), clock.GetUtcNow());
        return row.Unfinished ? TypedResults.Accepted($"{Route}/{jobId}", job) : TypedResults.Ok(job);
    }

    private static async Task<ImportJobRow> Find(ImportJobStore store, string jobId) =>
        Ids.TryParse(Ids.ImportJob, jobId, out var id) && await store.GetAsync(id) is { } row
            ? row : throw ApiProblem.NotFound("import job", jobId);
}
