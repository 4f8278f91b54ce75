using System.Globalization;
using System.Text;
using System.Text.Json;
using ClaimTracker.Api.Extraction;
using ClaimTracker.Tests.Extraction;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// Issue 9's speed target: the extractor on a ~5,000-character article (the worked example, then the development set's
/// texts) in under 10 ms at the median. Also times one document of the largest size the API stores (1,000,000 characters).
/// </summary>
public sealed class ExtractBenchmark : IBenchmark
{
    public string Name => "extract";
    public string Description => "attribution extractor: median/p99 ms for a ~5,000-character article, and characters per second";
    public string Usage => "--chars 5000 --iterations 5000 --warmup 200 --large-iterations 5 (0 skips the 1,000,000-character run)";

    public Task<int> RunAsync(Options options)
    {
        var chars = options.Int("chars", 5000);
        var iterations = options.Int("iterations", 5000);
        var extractor = new AttributionExtractor(TestRegistry.Sources);

        var article = BuildArticle(chars);
        var found = extractor.Extract(article).Count;
        for (var i = options.Int("warmup", 200); i > 0; i--) extractor.Extract(article);
        var timings = Timings.Measure(iterations, () => extractor.Extract(article));
        Console.WriteLine(Invariant($"article: {article.Length:N0} chars, {found} attributions; {iterations:N0} iterations after warm-up"));
        Console.WriteLine(timings);
        Console.WriteLine(Invariant($"throughput {article.Length / (timings.Median / 1000):N0} chars/s (at the median); target: median < 10 ms"));

        var largeIterations = options.Int("large-iterations", 5);
        if (largeIterations > 0)
        {
            var large = BuildArticle(1_000_000);
            var largeFound = extractor.Extract(large).Count;
            var largeTimings = Timings.Measure(largeIterations, () => extractor.Extract(large));
            Console.WriteLine(Invariant($"large: {large.Length:N0} chars, {largeFound:N0} attributions; {largeIterations} iterations"));
            Console.WriteLine(largeTimings);
            Console.WriteLine(Invariant($"throughput {large.Length / (largeTimings.Median / 1000):N0} chars/s (at the median)"));
        }
        return Task.FromResult(0);
    }

    // The worked example first, then the development set's texts, repeated as needed, cut at the target length.
    private static string BuildArticle(int target)
    {
        var texts = DevsetTexts();
        var sb = new StringBuilder(WorkedExample().Trim());
        for (var i = 0; sb.Length < target; i++) sb.Append("\n\n").Append(texts[i % texts.Count]);
        return sb.ToString(0, Math.Min(sb.Length, target));
    }

    /// <summary>The worked example's text, as the API assembly embeds it for seeding.</summary>
    public static string WorkedExample()
    {
        using var stream = typeof(AttributionExtractor).Assembly.GetManifestResourceStream("fixtures/afp-2024-11-19.txt")!;
        return new StreamReader(stream).ReadToEnd();
    }

    private static List<string> DevsetTexts()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "devset.json")));
        return json.RootElement.GetProperty("items").EnumerateArray()
            .Select(item => item.TryGetProperty("text", out var text) ? text.GetString() : null).OfType<string>().ToList();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
