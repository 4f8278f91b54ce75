using System.Globalization;
using Dapper;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// <c>writes</c>: durable writes per second on an imported archive (new attributions, each a unit of work acknowledged
/// 201 only once committed), through one API instance or several on one PostgreSQL database, the calls spread over
/// the instances as a load balancer would. After each run the acknowledged writes are counted in the database: a
/// write acknowledged and missing, or stored twice, fails the run.
/// </summary>
public sealed class WritesBenchmark : IBenchmark
{
    public string Name => "writes";
    public string Description => "durable writes/s through one or more API instances (issue 17, issue 20)";
    public string Usage =>
        "--db FILE [--pg CONNECTION-STRING (measured after the file)] [--instances 1,2] [--concurrency 16] "
        + "[--seconds 5] [--rounds 1]";

    public async Task<int> RunAsync(Options options)
    {
        var db = options.String("db");
        if (db is null || !File.Exists(db))
        {
            Console.Error.WriteLine($"writes needs --db, an imported archive (its ids and quotes are drawn). {Usage}");
            return 2;
        }
        // --pg: the SQLite file with its one server, then the PostgreSQL copy through each count of instances, in
        // turn, --rounds times, so the engines are compared on the same machine minutes.
        var pg = options.String("pg");
        var instances = (options.String("instances") ?? "1").Split(',').Select(int.Parse).ToArray();
        if (pg is null && instances.Any(n => n > 1))
        {
            Console.Error.WriteLine("Several instances share a PostgreSQL database; a SQLite file has one server.");
            return 2;
        }
        List<(ArchiveEngine Engine, int Instances)> runs = [(new ArchiveEngine.Sqlite(db), 1)];
        if (pg is not null) runs.AddRange(instances.Select(n => ((ArchiveEngine)new ArchiveEngine.Postgres(pg), n)));
        var concurrency = options.Int("concurrency", 16);
        var seconds = TimeSpan.FromSeconds(options.Int("seconds", 5));
        var rounds = options.Int("rounds", 1);
        var workload = Workload.Load(db, seed: 7);
        var engines = string.Join(" beside ", runs.Select(r => r.Engine.Name).Distinct());
        Console.WriteLine($"ClaimTracker writes benchmark: {engines}, concurrency {concurrency}, "
            + $"{seconds.TotalSeconds} s, {rounds} round(s), {Environment.ProcessorCount} cores, "
            + $"load average {RoutesBenchmark.LoadAverage()}");

        var failed = false;
        for (var round = 0; round < rounds; round++)
            foreach (var (engine, count) in runs)
                failed |= !await RunAsync(engine, db, workload, count, concurrency, seconds);
        return failed ? 1 : 0;
    }

    private static async Task<bool> RunAsync(ArchiveEngine engine, string db, Workload workload, int count,
        int concurrency, TimeSpan duration)
    {
        var servers = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                servers.Add(await ServerProcess.StartAsync(db, null,
                    ["--Matching:EmbedInBackground=false", .. engine.Settings]));
            }
            var scenarios = servers.Select(s => new HttpScenarios(s.BaseAddress, workload)).ToArray();
            var before = await NotedWritesAsync(engine);
            var cpu = servers.Sum(s => s.CpuTime().TotalMicroseconds);
            var m = await LoadGenerator.RunAsync($"POST attribution, {count} instance(s)", "http", concurrency,
                duration, TimeSpan.FromSeconds(1), 11, rng => scenarios[rng.Next(count)].CreateAttribution(rng),
                servers[0]);
            cpu = servers.Sum(s => s.CpuTime().TotalMicroseconds) - cpu;
            var acknowledged = scenarios.Sum(s => s.Created);
            var stored = await NotedWritesAsync(engine) - before;
            foreach (var s in scenarios) s.Dispose();

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {engine.Label,-10} {count} instance(s), c={concurrency}: {m.Throughput,8:N0} writes/s  "
                + $"p50 {m.P50Ms,7:F2}  p99 {m.P99Ms,7:F2} ms  "
                + $"server CPU {cpu / Math.Max(1, m.Completed),6:N0} µs/write  errors {m.Errors}  "
                + $"acknowledged {acknowledged:N0} (warm-up included), stored {stored:N0}  "
                + $"load {RoutesBenchmark.LoadAverage()}"));
            if (m.FirstError is { } error) Console.WriteLine($"    first error: {error}");
            if (stored == acknowledged) return m.Errors == 0;
            Console.WriteLine($"    LOST OR DOUBLED: {acknowledged:N0} acknowledged, {stored:N0} stored");
            return false;
        }
        finally
        {
            foreach (var server in servers) await server.DisposeAsync();
        }
    }

    /// <summary>The benchmark's writes in the database, told apart by their note.</summary>
    private static async Task<long> NotedWritesAsync(ArchiveEngine engine)
    {
        await using var c = engine.Open();
        return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM attributions WHERE note = @Note",
            new { Note = HttpScenarios.Note });
    }
}
