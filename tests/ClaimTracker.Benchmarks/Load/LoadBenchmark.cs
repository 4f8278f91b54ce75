using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// <c>load</c>: generates the archive, starts the Release API on it, and measures every operation of issue 8
/// through HTTP and as raw SQL, beside the framework floor, at each concurrency; then checks the targets.
/// </summary>
public static class LoadBenchmark
{
    private sealed record Options(double Scale, double Seconds, double WarmUp, string Out, string Db, int Seed, bool Reuse, int[] Concurrency, string? Only);

    public static async Task<int> RunAsync(string[] args)
    {
        var o = Parse(args);
        Console.WriteLine($"ClaimTracker load benchmark: scale {o.Scale}, {o.Seconds} s per measurement, concurrency {string.Join('/', o.Concurrency)}, "
            + $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

        var size = DataSize.At(o.Scale);
        var sidecar = o.Db + ".generation.json";
        GenerationResult? generation;
        if (args.Contains("--existing"))
        {
            // An archive made otherwise (an NDJSON import): measured as it is, never generated over.
            if (!File.Exists(o.Db)) throw new FileNotFoundException("--existing: no database at " + o.Db);
            generation = null;
            Console.WriteLine($"Measuring {o.Db} as it is (--existing: not generated here)");
        }
        else if (o.Reuse && File.Exists(o.Db) && File.Exists(sidecar))
        {
            generation = JsonSerializer.Deserialize<GenerationResult>(File.ReadAllText(sidecar))!;
            Console.WriteLine($"Reusing {o.Db} (generated earlier: {generation.TotalRows:N0} rows)");
        }
        else
        {
            Console.WriteLine($"Generating {size} into {o.Db}");
            generation = await new DataGenerator(o.Db, size, o.Seed).RunAsync();
            File.WriteAllText(sidecar, JsonSerializer.Serialize(generation));
        }

        if (args.Contains("--generate-only")) return 0;
        var workload = Workload.Load(o.Db, o.Seed);
        var before = Count(o.Db);
        await using var server = await ServerProcess.StartAsync(o.Db);
        Console.WriteLine($"API ({server.Configuration}) ready on {server.BaseAddress} after {server.StartupTime.TotalMilliseconds:0} ms; RSS {server.RssBytes() / 1048576.0:0} MB");

        using var http = new HttpScenarios(server.BaseAddress, workload);
        var raw = new RawScenarios(o.Db, workload);
        var operations = new (string Name, Func<Random, Task> Http, Func<Random, Task> Raw)[]
        {
            ("(a) claim by id", http.ClaimById, raw.ClaimById),
            ("(b) claims by source+stance", http.ClaimsBySourceAndStance, raw.ClaimsBySourceAndStance),
            ("(c) search", http.Search, raw.Search),
            ("(d) match", http.Match, raw.Match),
            ("(e) create attribution", http.CreateAttribution, raw.CreateAttribution),
        }.Where(op => o.Only is null || op.Name.Contains(o.Only, StringComparison.OrdinalIgnoreCase)).ToList();

        // A fresh server spends its first seconds under load tiering up its hot paths (tiered JIT with dynamic PGO), which
        // a server that has been up for hours no longer pays; at 1M this cost more CPU per claim read than the query itself.
        // Every operation therefore runs once at full concurrency before anything is measured.
        var steady = TimeSpan.FromSeconds(o.WarmUp);
        await LoadGenerator.WarmUpAsync(o.Concurrency.Max(), steady, o.Seed, http.Floor);
        foreach (var (_, httpCall, rawCall) in operations)
        {
            await LoadGenerator.WarmUpAsync(o.Concurrency.Max(), steady, o.Seed, httpCall);
            await LoadGenerator.WarmUpAsync(o.Concurrency.Max(), steady, o.Seed, rawCall);
        }

        var rows = new List<Row>();
        var duration = TimeSpan.FromSeconds(o.Seconds);
        var warmup = TimeSpan.FromSeconds(Math.Min(1, o.Seconds / 5));
        foreach (var c in o.Concurrency)
        {
            var floor = await LoadGenerator.RunAsync("floor", "http", c, duration, warmup, o.Seed, http.Floor, server);
            rows.Add(new Row("floor GET /health/live", c, floor, null, floor));
            foreach (var (name, httpCall, rawCall) in operations)
            {
                var h = await LoadGenerator.RunAsync(name, "http", c, duration, warmup, o.Seed, httpCall, server);
                var r = await LoadGenerator.RunAsync(name, "raw", c, duration, warmup, o.Seed, rawCall, server);
                rows.Add(new Row(name, c, h, r, floor));
                Console.WriteLine($"  c={c,-3} {name,-30} HTTP {h.Throughput,8:0}/s p50 {h.P50Ms,7:0.00} p99 {h.P99Ms,7:0.00} | raw {r.Throughput,8:0}/s "
                    + $"p50 {r.P50Ms,7:0.00} p99 {r.P99Ms,7:0.00} | floor {floor.Throughput:0}/s | CPU µs/call server {h.ServerCpuUs:0} client {h.ClientCpuUs:0} raw {r.ClientCpuUs:0} | peak RSS {server.PeakRssBytes() / 1048576.0:0} MB{(h.Errors + r.Errors > 0 ? $" | errors {h.Errors}+{r.Errors}: {h.FirstError ?? r.FirstError}" : "")}");
            }
        }

        const string ImportName = "(f) NDJSON import";
        var import = o.Only is null || ImportName.Contains(o.Only, StringComparison.OrdinalIgnoreCase)
            ? await ImportScenario.RunAsync(http, o.Db, workload, 100_000)
            : new() { ["available"] = false, ["note"] = $"not run (--only \"{o.Only}\")" };
        var peakRss = server.PeakRssBytes();
        await server.DisposeAsync();
        var after = Count(o.Db);
        var checks = new Dictionary<string, object?>
        {
            ["httpCreatedAcknowledged"] = http.Created, ["httpCreatedRows"] = after.Http - before.Http,
            ["httpCreatedAuditRows"] = after.Audit - before.Audit, ["rawCreatedAcknowledged"] = raw.Created, ["rawCreatedRows"] = after.Raw - before.Raw,
            ["writesVerified"] = after.Http - before.Http == http.Created && after.Audit - before.Audit == http.Created && after.Raw - before.Raw == raw.Created,
        };
        Console.WriteLine($"Writes: {http.Created:N0} acknowledged through HTTP, {after.Http - before.Http:N0} rows and {after.Audit - before.Audit:N0} audit entries stored; "
            + $"{raw.Created:N0} raw, {after.Raw - before.Raw:N0} rows stored");

        var report = new Report
        {
            Run = new()
            {
                ["scale"] = o.Scale, ["seed"] = o.Seed, ["secondsPerMeasurement"] = o.Seconds, ["cores"] = Environment.ProcessorCount,
                ["os"] = Environment.OSVersion.ToString(), ["dotnet"] = Environment.Version.ToString(), ["database"] = o.Db, ["reused"] = o.Reuse,
                ["at"] = DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            },
            Generation = generation,
            Server = new()
            {
                ["configuration"] = server.Configuration, ["startupMs"] = server.StartupTime.TotalMilliseconds, ["peakRssMegabytes"] = peakRss / 1048576.0,
            },
            Rows = rows, Import = import, Checks = checks,
        };
        Targets.Evaluate(report, generation, server.StartupTime, peakRss);
        Console.WriteLine();
        if (generation is not null)
            Console.WriteLine($"Generation: {generation.TotalRows:N0} rows; {generation.InsertRowsPerSecond:N0} rows/s written, {generation.EndToEndRowsPerSecond:N0} rows/s "
                + $"end to end ({generation.TotalSeconds:0} s incl. {generation.SearchIndexSeconds:0} s search index); audit_log: 0 rows (written directly, not through the API)");
        Console.WriteLine($"Server: start-up {server.StartupTime.TotalMilliseconds:0} ms, peak RSS {peakRss / 1048576.0:0} MB");
        Console.WriteLine(import["available"] is true ? $"Import: {import["attributionsPerSecond"]:N0} attributions/s {import.GetValueOrDefault("failed")}" : $"Import: {import["note"]}");
        Console.WriteLine();
        Console.Write(report.Table());
        report.Write(o.Out);
        Console.WriteLine($"JSON: {Path.GetFullPath(o.Out)}");
        return checks["writesVerified"] is true ? 0 : 1;
    }

    private static (long Http, long Raw, long Audit) Count(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        return c.QuerySingle<(long, long, long)>("""
            SELECT (SELECT count(*) FROM attributions WHERE note = @Http), (SELECT count(*) FROM attributions WHERE note = @Raw),
                   (SELECT count(*) FROM audit_log WHERE resource = 'attribution' AND operation = 'create' AND after ->> '$.note' = @Http)
            """, new { Http = HttpScenarios.Note, Raw = RawScenarios.Note });
    }

    private static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        double Number(string name, double fallback) => Value(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var scale = Number("--scale", 1.0);
        var db = Value("--db") ?? Path.Combine(Path.GetTempPath(), "claimtracker-bench", $"scale-{scale.ToString(CultureInfo.InvariantCulture)}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(db))!);
        return new Options(scale, Number("--seconds", 5), Number("--warmup", 3), Value("--out") ?? "bench.json", db, (int)Number("--seed", 8), args.Contains("--reuse"),
            (Value("--concurrency") ?? "1,16,64").Split(',').Select(int.Parse).ToArray(), Value("--only"));
    }
}
