using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ClaimTracker.Api.ClaimReviews;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Exports;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.ImportJobs;

namespace ClaimTracker.Api.Cli;

/// <summary>
/// <c>import</c> and <c>export</c>: the NDJSON and ClaimReview formats of the API, to and from files, through the same
/// importers and exporter as <c>POST /import.ndjson</c>, <c>POST /import/claimreview</c> and <c>GET /export.ndjson</c>.
/// </summary>
public static class TransferCommands
{
    private const int ErrorsShown = 20;

    public static Command Import()
    {
        var file = new Argument<string>("file") { Description = "An NDJSON export (.ndjson, .jsonl) or ClaimReview JSON-LD (.json, .jsonld)." };
        var format = new Option<string?>("--format") { Description = "ndjson or claimreview; by default from the file's extension." };
        format.AcceptOnlyFromAmong("ndjson", "claimreview");
        var baseUrl = new Option<string>("--base-url")
        {
            Description = "The server's public address, for reviews published without a url of their own.", DefaultValueFactory = _ => "http://localhost:5000",
        };
        var command = new Command("import", "Import a file into the database, as the import routes do: NDJSON keeps ids and times (import into an empty "
            + "database); ClaimReview creates or updates claims, claimants, appearances and reviews, idempotent on the review url.") { file, format, baseUrl };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = Path.GetFullPath(result.GetValue(file)!);
            if (!File.Exists(path)) throw new CliException($"No file at {path}.");
            using var cli = CliHost.Open(result, mustExist: false);
            await cli.MigrateAsync();
            var output = result.InvocationConfiguration.Output;
            return (result.GetValue(format) ?? FormatOf(path)) == "ndjson"
                ? await ImportNdjsonAsync(cli, path, output, cancellationToken)
                : await ImportClaimReviewAsync(cli, path, result.GetValue(baseUrl)!, output);
        });
        return command;
    }

    public static Command Export()
    {
        var file = new Argument<string>("file") { Description = "Where to write the NDJSON export." };
        var force = new Option<bool>("--force")
        {
            Description = "Replace the file if it exists; never a SQLite database, a link, or anything but a regular file.",
        };
        var command = new Command("export", "Write every source, document, claim, attribution and review as NDJSON, one typed object a line, "
            + "exactly as GET /api/v1/export.ndjson does; 'import' reads it back.") { file, force };
        command.SetAction(async (result, cancellationToken) =>
        {
            var target = Path.GetFullPath(result.GetValue(file)!);
            using var cli = CliHost.Open(result, mustExist: true);
            FileGuards.OutputMayGo(target, cli.DatabasePath, result.GetValue(force));
            var output = result.InvocationConfiguration.Output;
            var bar = new ConsoleProgress(output, "export ", "lines");
            var total = await cli.Get<Data.Db>().ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<long>(c,
                "SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM documents) + (SELECT count(*) FROM claims) "
                + "+ (SELECT count(*) FROM attributions) + (SELECT count(*) FROM reviews)"));
            // Written beside the target and moved into place whole, so a failed export never leaves half a file under its name.
            var partial = $"{target}.{Guid.NewGuid():N}.partial";
            try
            {
                await using (var stream = new ProgressStream(new FileStream(partial, FileMode.CreateNew), lines => bar.Report(lines, total)))
                    await cli.Get<NdjsonExport>().WriteAsync(stream, cancellationToken);
                File.Move(partial, target, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }
            bar.Finish();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Exported {total:N0} records to {target} ({new FileInfo(target).Length / 1024.0:N0} KiB)."));
            return AdminCommandLine.Done;
        });
        return command;
    }

    /// <summary>
    /// Runs the file as an import job in this process, through the server's job engine: the file is copied to the job's
    /// spool first, so a command killed mid-way leaves a job the server resumes on its next start. Ctrl-C cancels it.
    /// </summary>
    private static async Task<int> ImportNdjsonAsync(CliHost cli, string path, TextWriter output, CancellationToken cancellationToken)
    {
        ImportJobSpool.Spooled body;
        await using (var file = File.OpenRead(path)) body = await cli.Get<ImportJobSpool>().WriteAsync(file, cancellationToken);
        var store = cli.Get<ImportJobStore>();
        var engine = cli.Get<ImportJobEngine>();
        var id = (await store.CreateAsync(WriteOrigin.System, "ndjson", body)).Id;
        var bar = new ConsoleProgress(output, "import ", "lines");
        var run = engine.RunAsync(id, CancellationToken.None);
        using (cancellationToken.Register(() => engine.Cancel(id)))
            while (await Task.WhenAny(run, Task.Delay(100, CancellationToken.None)) != run)
                if (engine.Live(id) is { } live) bar.Report(live.LinesRead, body.Lines);
        await run;
        bar.Finish();
        var job = (await store.GetAsync(id))!.ToJob(null, DateTimeOffset.UtcNow);
        var counts = string.Join(", ", job.Imported.Select(i => $"{i.Value} {i.Key}s"));
        await output.WriteLineAsync($"Import job {job.Id} {job.State}: read {job.ProcessedThrough} of {job.Lines} lines from {path}: "
            + $"imported {(counts.Length > 0 ? counts : "nothing")}; {job.Unchanged} unchanged; {job.Failed} failed.");
        if (job.Problem is not null) await output.WriteLineAsync("  " + job.Problem);
        var errors = await store.ErrorsAsync(id, new PageQuery { Limit = ErrorsShown });
        foreach (var error in errors.Items) await output.WriteLineAsync($"  line {error.Line}: {error.Detail}");
        if (job.Failed > errors.Items.Count) await output.WriteLineAsync($"  … and {job.Failed - errors.Items.Count} more.");
        return job is { State: ImportJobState.succeeded, Failed: 0 } ? AdminCommandLine.Done : AdminCommandLine.Failed;
    }

    private static async Task<int> ImportClaimReviewAsync(CliHost cli, string path, string baseUrl, TextWriter output)
    {
        try
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path), new JsonDocumentOptions { MaxDepth = 64 });
            var result = await cli.Get<ClaimReviewImporter>().ImportAsync(WriteOrigin.System, ClaimReviewReader.Read(document.RootElement), baseUrl.TrimEnd('/'));
            foreach (var item in result.Items) await output.WriteLineAsync($"{item.Outcome} {item.ReviewId} (claim {item.ClaimId}) from {item.Url}");
            return AdminCommandLine.Done;
        }
        catch (JsonException json)
        {
            throw new CliException($"{path} is not valid JSON: {json.Message}");
        }
        catch (ApiProblem refused)
        {
            var errors = refused.Errors?.SelectMany(e => e.Value.Select(m => $"\n  {e.Key}: {m}")) ?? [];
            throw new CliException(refused.Message + string.Concat(errors));
        }
    }

    private static string FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".ndjson" or ".jsonl" => "ndjson",
        ".json" or ".jsonld" => "claimreview",
        var other => throw new CliException($"Cannot tell the format of a '{other}' file; pass --format ndjson or --format claimreview."),
    };
}
