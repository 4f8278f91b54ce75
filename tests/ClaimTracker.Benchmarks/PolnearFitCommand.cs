using System.Globalization;
using System.Text.Json;
using ClaimTracker.Api.Anchoring;
using ClaimTracker.Api.Extraction;
using ClaimTracker.Tests.Extraction;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// Retrains the extractor's learned parts from PolNeAR train (never dev): how often each word, outside quotation
/// marks, is annotated as (part of) a cue; and the confidence model over the proposals' features. Writes the
/// numbers (no sentence) to src/ClaimTracker.Api/Extraction/Model/, which the API embeds.
/// </summary>
public sealed class PolnearFitCommand : IBenchmark
{
    public string Name => "polnear-fit";
    public string Description => "retrain the extractor's cue-word priors and confidence model from PolNeAR train";
    public string Usage => "--stage cue|confidence (cue: priors and cue model; then build; confidence) --min-cues 4";

    public Task<int> RunAsync(Options options)
    {
        var folder = Polnear.Folder("train") ?? throw new DirectoryNotFoundException("PolNeAR train not beside the repository");
        var articles = Polnear.Load(folder);
        var model = Path.Combine(RepoRoot(), "src", "ClaimTracker.Api", "Extraction", "Model");
        Directory.CreateDirectory(model);
        if (options.String("stage") == "confidence")
        {
            ConfidenceFit.Run(articles, model);
            return Task.FromResult(0);
        }
        var priors = CuePriors(articles, options.Int("min-cues", 4));
        File.WriteAllText(Path.Combine(model, "cue-words.json"), JsonSerializer.Serialize(priors, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"cue-words.json: {priors.Count} words from {articles.Count} articles");
        if (options.String("priors-only") is not null) return Task.FromResult(0);
        // The confidence model reads the cue model's output, so the cue model is fitted first and then embedded:
        // `--stage cue`, build, `--stage confidence` (the README's retraining steps).
        var stage = options.String("stage") ?? "cue";
        if (stage == "cue") CueModelFit.Run(articles, model);
        else ConfidenceFit.Run(articles, model);
        return Task.FromResult(0);
    }

    // P(cue | word) with add-one smoothing, for words outside quotation marks seen as cues at least minCues times.
    private static SortedDictionary<string, double> CuePriors(List<PolnearArticle> articles, int minCues)
    {
        var (seen, cue) = (new Dictionary<string, int>(), new Dictionary<string, int>());
        foreach (var article in articles)
        {
            var map = new CodePointMap(article.Text);
            var cues = article.Attributions.SelectMany(a => a.Cue.Parts).ToList();
            foreach (var tok in Tokenizer.Tokenize(article.Text).Where(t => t.IsWord && !t.InQuote))
            {
                var (start, end) = (map.FromUtf16(tok.Start), map.FromUtf16(tok.End));
                seen[tok.Lower] = seen.GetValueOrDefault(tok.Lower) + 1;
                if (cues.Any(c => c.Start < end && start < c.End)) cue[tok.Lower] = cue.GetValueOrDefault(tok.Lower) + 1;
            }
        }
        return new SortedDictionary<string, double>(cue.Where(kv => kv.Value >= minCues)
            .ToDictionary(kv => kv.Key, kv => Math.Round((kv.Value + 1.0) / (seen[kv.Key] + 2.0), 3)), StringComparer.Ordinal);
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ClaimTracker.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("ClaimTracker.sln not found above " + AppContext.BaseDirectory);
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
