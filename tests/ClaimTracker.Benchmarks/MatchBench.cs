using System.Diagnostics;
using System.Globalization;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Sqlite;
using ClaimTracker.Api.Matching;
using ClaimTracker.Api.Search;
using ClaimTracker.Benchmarks.Load;
using ClaimTracker.Tests.Matching;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// POST /claims/match's work at archive scale, in process, c=1: the 10,375 CLEF claims (embedded by the model) plus
/// generated claims up to --claims, asked with the CLEF dev tweets, fused (query embedding included) beside lexical only;
/// then the background embedder's rate while claim reads run, with their p99; and the process's peak RSS.
/// The generated claims' vectors are real CLEF vectors with a quarter of their signs flipped, so that the scan and the
/// shortlist cost what real ones do without embedding 90,000 texts first; the embedding rate is measured on real texts.
/// </summary>
public sealed class MatchBench : IBenchmark
{
    public string Name => "match-bench";
    public string Description => "match latency at N claims (fused vs lexical), embedding rate under reads, peak RSS";
    public string Usage => "[--claims 100000] [--db /tmp/match-bench.db (a copy of match-fit's)] [--embed 1000]";

    public async Task<int> RunAsync(Options options)
    {
        var total = options.Int("claims", 100_000);
        var path = options.String("db") ?? Path.Combine(Path.GetTempPath(), "claimtracker-match-bench.db");
        var directory = Clef.Directory() ?? throw new InvalidOperationException("shared/data/clef2020-task2 not found.");
        var dev = Clef.Load(directory, "dev");
        await using var db = new SqliteDb(Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { Path = path }));
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        var search = new SearchIndex(db);
        await GrowAsync(db, total);
        await search.CatchUpAsync();
        var embeddings = new EmbeddingIndex(db, new Embedder());
        await embeddings.LoadAsync(CancellationToken.None);
        Console.WriteLine($"claims {await db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT count(*) FROM claims"))}, embedded {embeddings.Count}");

        var fused = new ClaimMatcher(db, search, embeddings);
        var lexical = new ClaimMatcher(db, search, new EmbeddingIndex(db, new Embedder()));
        await fused.MatchAsync("warm-up", 5);
        await lexical.MatchAsync("warm-up", 5);
        foreach (var (name, matcher) in new[] { ("lexical only", lexical), ("fused", fused) })
        {
            var times = new List<double>();
            foreach (var (_, text) in dev.Tweets)
            {
                var start = Stopwatch.GetTimestamp();
                await matcher.MatchAsync(text.Length > 2000 ? text[..2000] : text, 5);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            Console.WriteLine($"match, {name,-12} c=1, {times.Count} dev tweets: {new Timings([.. times])}");
        }
        var scan = Timings.Measure(200, () => embeddings.Nearest(new sbyte[Embedder.Dimensions].Select((_, i) => (sbyte)(i % 7 - 3)).ToArray(), ClaimMatcher.Shortlist));
        Console.WriteLine($"sign scan of {embeddings.Count} claims alone: {scan}");
        await EmbedUnderReadsAsync(db, embeddings, options.Int("embed", 1000));
        var process = Process.GetCurrentProcess();
        Console.WriteLine($"peak RSS {process.PeakWorkingSet64 / 1e6:0} MB (working set now {process.WorkingSet64 / 1e6:0} MB)");
        return 0;
    }

    /// <summary>Adds generated claims up to <paramref name="total"/>, each with a perturbed copy of a stored CLEF vector.</summary>
    private static async Task GrowAsync(Db db, int total)
    {
        var have = await db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) FROM claims"));
        var real = (await db.ReadAsync(c => c.QueryAsync<byte[]>("SELECT vector FROM claim_embeddings ORDER BY claim_id LIMIT 10375"))).ToList();
        var rng = new Random(15);
        var now = Time.Store(DateTimeOffset.UtcNow);
        for (var next = have + 1; next <= total;)
        {
            var from = next;
            next = Math.Min(total + 1, next + 2000);
            await db.WriteAsync(WriteOrigin.System, async (c, tx) =>
            {
                for (var id = from; id < next; id++)
                {
                    await c.ExecuteAsync("INSERT INTO claims (id, text, language, created_at, updated_at) VALUES (@Id, @Text, 'en', @Now, @Now)",
                        new { Id = id, Text = Corpus.Claim((int)id, id, false), Now = now }, tx);
                    var vector = (byte[])real[rng.Next(real.Count)].Clone();
                    for (var i = 0; i < vector.Length; i++) if (rng.Next(4) == 0) vector[i] = (byte)(sbyte)-(sbyte)vector[i];
                    await c.ExecuteAsync("INSERT INTO claim_embeddings (claim_id, vector) VALUES (@Id, @Vector)", new { Id = id, Vector = vector }, tx);
                    await c.ExecuteAsync("DELETE FROM embedding_pending WHERE claim_id = @Id", new { Id = id }, tx);
                }
                return 0;
            });
        }
    }

    /// <summary>Re-embeds <paramref name="count"/> generated claims through the indexer's own path while a reader loads claims by id.</summary>
    private static async Task EmbedUnderReadsAsync(Db db, EmbeddingIndex embeddings, int count)
    {
        await db.WriteAsync(WriteOrigin.System, (c, tx) => c.ExecuteAsync(
            "INSERT OR IGNORE INTO embedding_pending (claim_id) SELECT id FROM claims WHERE id > 10375 ORDER BY id LIMIT @Count", new { Count = count }, tx));
        using var stop = new CancellationTokenSource();
        var reads = new List<double>();
        var reader = Task.Run(async () =>
        {
            var rng = new Random(1);
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                await db.ReadAsync(c => ClaimStore.LoadAsync(c, null, [rng.NextInt64(1, 100_000)]));
                reads.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                await Task.Delay(5);
            }
        });
        var clock = Stopwatch.StartNew();
        var embedded = 0;
        for (int n; (n = await embeddings.EmbedChunkAsync(CancellationToken.None)) > 0;) embedded += n;
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await reader;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"background embedding: {embedded} claims in {seconds:0.0} s, {embedded / seconds:0} claims/s; claim reads meanwhile ({reads.Count}): {new Timings([.. reads])}"));
    }
}
