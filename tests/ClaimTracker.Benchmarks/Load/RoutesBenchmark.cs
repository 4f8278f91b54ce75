using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// <c>routes</c>: starts the Release API on an imported archive (../shared/bench: gen_dataset.py, to_ndjson.py, then
/// the CLI's import) and measures every documented GET route, each with its common filters, at each concurrency: req/s,
/// p50, p99 and the server's CPU per call, beside Directus where ../shared/bench/README.md gives a figure.
/// </summary>
public sealed class RoutesBenchmark : IBenchmark
{
    public string Name => "routes";
    public string Description => "every documented GET route on an imported ../shared/bench archive (issue 17)";
    public string Usage =>
        "--db FILE [--pg CONNECTION-STRING (measured beside the file)] [--seconds 3] [--warmup 1] "
        + "[--concurrency 1,16] [--only TEXT] [--skip TEXT] [--api DLL] [--embed] [--out FILE]";

    public async Task<int> RunAsync(Options options)
    {
        var db = options.String("db");
        if (db is null || !File.Exists(db))
        {
            Console.Error.WriteLine($"routes needs --db, an archive imported from ../shared/bench (README). {Usage}");
            return 2;
        }
        var seconds = options.Int("seconds", 3);
        var concurrency = (options.String("concurrency") ?? "1,16").Split(',').Select(int.Parse).ToArray();
        var archive = Archive(db);
        var api = options.String("api");
        // --pg: the same archive copied into PostgreSQL (pg-copy) is measured beside the SQLite file, each variant on
        // one engine right after the other, so both see the same machine; ids are drawn from the SQLite file.
        var pg = options.String("pg");
        ArchiveEngine[] engines = pg is null
            ? [new ArchiveEngine.Sqlite(db)]
            : [new ArchiveEngine.Sqlite(db), new ArchiveEngine.Postgres(pg)];
        Console.WriteLine($"ClaimTracker routes benchmark: {string.Join(" beside ", engines.Select(e => e.Name))} "
            + $"({archive}), API {api ?? "of this tree"}, {seconds} s per measurement, concurrency "
            + $"{string.Join('/', concurrency)}, {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        var ids = RouteIds.Load(db);
        // Embedding a fresh import's claims takes hours on two cores (about 3 claims/s measured beside other work), and
        // its CPU would be counted in every route's server CPU; no GET route reads embeddings. --embed keeps it on.
        var embed = options.String("embed") is not null;
        bool Named(RouteVariant v, string? text) =>
            text is not null && $"{v.OperationId} {v.Label}".Contains(text, StringComparison.OrdinalIgnoreCase);
        var (only, skip) = (options.String("only"), options.String("skip"));
        var subjects = new List<Subject>();
        try
        {
            foreach (var engine in engines)
            {
                var server = await ServerProcess.StartAsync(db, api,
                    [$"--Webhooks:AllowedTargets={RouteFixtures.WebhookTarget}",
                     $"--Matching:EmbedInBackground={(embed ? "true" : "false")}", .. engine.Settings]);
                var subject = new Subject(engine, server, new HttpScenarios(server.BaseAddress, Workload.None),
                    await SearchCatchUpAsync(engine));
                subjects.Add(subject);
                var variants = RouteCatalog.Build(ids, await RouteFixtures.PrepareAsync(subject.Http, ids));
                var problems = RouteCatalog.Check(DocumentedRoutes.Read(DocumentedRoutes.DocumentPath), variants);
                foreach (var problem in problems) Console.Error.WriteLine("catalogue: " + problem);
                if (problems.Count > 0) return 2;
                subject.Variants = [.. variants.Where(v => (only is null || Named(v, only)) && !Named(v, skip))];
            }
            return await MeasureAsync(subjects, concurrency, seconds, options, archive, embed);
        }
        finally
        {
            foreach (var subject in subjects) await subject.DisposeAsync();
        }
    }

    /// <summary>One engine's server, its client and the variants prepared on it.</summary>
    private sealed record Subject(ArchiveEngine Engine, ServerProcess Server, HttpScenarios Http,
        (long Claims, double Seconds) CatchUp) : IAsyncDisposable
    {
        public List<RouteVariant> Variants { get; set; } = [];

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Server.DisposeAsync();
        }
    }

    private static async Task<int> MeasureAsync(List<Subject> subjects, int[] concurrency, int seconds,
        Options options, string archive, bool embed)
    {
        // A fresh server tiers up its JIT under load (see load); each route runs once at full concurrency first.
        var warmup = TimeSpan.FromSeconds(options.Int("warmup", 1));
        foreach (var s in subjects)
            foreach (var v in s.Variants.Where(v => !v.WholeArchive))
                await LoadGenerator.WarmUpAsync(concurrency.Max(), warmup, 8, rng => s.Http.GetAsync(v.Path(rng)));

        var rows = new List<RouteRow>();
        foreach (var c in concurrency)
        {
            for (var i = 0; i < subjects[0].Variants.Count; i++)
            {
                foreach (var s in subjects)
                {
                    var v = s.Variants[i];
                    if (v.WholeArchive && c != concurrency.Min()) continue;
                    var m = v.WholeArchive
                        ? await OnceAsync(v, s.Http, s.Server)
                        : await LoadGenerator.RunAsync($"{v.OperationId} {v.Label}", "http", c,
                            TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(0.5), 8,
                            rng => s.Http.GetAsync(v.Path(rng)), s.Server);
                    var row = new RouteRow(v, c, m, LoadAverage(), s.Engine.Label);
                    rows.Add(row);
                    Console.WriteLine(RouteReport.Line(row));
                }
            }
        }

        var setup = $"API {subjects[0].Server.Configuration}, embedding in background {(embed ? "on" : "off")}, "
            + string.Join("; ", subjects.Select(s => $"{s.Engine.Label}: search index caught up "
                + $"{s.CatchUp.Claims:N0} claims in {s.CatchUp.Seconds:0} s before measuring, "
                + $"server peak RSS {s.Server.PeakRssBytes() / 1048576.0:0} MB"));
        var report = new RouteReport(archive, string.Join(" beside ", subjects.Select(s => s.Engine.Name)), setup,
            seconds, rows);
        Console.WriteLine();
        Console.Write(report.Markdown());
        var output = options.String("out") ?? "routes.json";
        report.Write(output);
        Console.WriteLine($"JSON: {Path.GetFullPath(output)}");
        return rows.Any(r => r.Measurement.Errors > 0) ? 1 : 0;
    }

    /// <summary>
    /// Waits until the server has indexed every claim the import noted for search (the import leaves the whole archive
    /// noted; the first search would otherwise wait for all of it), and says how many and how long.
    /// </summary>
    private static async Task<(long Claims, double Seconds)> SearchCatchUpAsync(ArchiveEngine engine)
    {
        await using var c = engine.Open();
        const string Pending = "SELECT count(*) FROM search_pending";
        var first = await c.ExecuteScalarAsync<long>(Pending);
        var clock = Stopwatch.StartNew();
        for (var pending = first; pending > 0; pending = await c.ExecuteScalarAsync<long>(Pending))
        {
            Console.WriteLine($"  search index: {pending:N0} claims still to index ({clock.Elapsed.TotalSeconds:0} s)");
            await Task.Delay(TimeSpan.FromSeconds(15));
        }
        return (first, clock.Elapsed.TotalSeconds);
    }

    /// <summary>A whole-archive dump: one call, timed, not a loop holding many copies of the archive at once.</summary>
    private static async Task<Measurement> OnceAsync(RouteVariant v, HttpScenarios http, ServerProcess server)
    {
        var cpu = server.CpuTime();
        var clock = Stopwatch.StartNew();
        string? error = null;
        try
        {
            await http.GetAsync(v.Path(new Random(8)), TimeSpan.FromMinutes(30));
        }
        catch (Exception e)
        {
            error = e.Message;
        }
        var ms = clock.Elapsed.TotalMilliseconds;
        var failed = error is null ? 0 : 1;
        return new Measurement($"{v.OperationId} {v.Label}", "http", 1, 1 - failed, failed, ms / 1000, 1000 / ms, ms, ms,
            error, (server.CpuTime() - cpu).TotalMicroseconds, 0);
    }

    private static string Archive(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        var (claims, attributions) = c.QuerySingle<(long, long)>(
            "SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM attributions)");
        return string.Create(CultureInfo.InvariantCulture, $"{claims:N0} claims, {attributions:N0} attributions");
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
