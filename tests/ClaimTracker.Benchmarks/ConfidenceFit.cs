using System.Text.Json;
using ClaimTracker.Api.Extraction;
using ClaimTracker.Tests.Extraction;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// Fits the confidence model: logistic regression over each proposal's features on PolNeAR train (every proposal,
/// no cut), labelled with the share of its spans (source, cue, content) that an annotated span of the same type
/// intersects, as the scorer counts them. Logistic regression minimises log loss, so its probabilities are calibrated
/// on the data it was fitted on; the README gives the precision/recall curve on dev.
/// </summary>
internal static class ConfidenceFit
{
    // The share of the proposal's spans that an annotated span of the same type intersects: the scorer counts source,
    // cue and content apart, so a proposal with the right cue and source but another content is two thirds right.
    private static double RightSpans(PolnearArticle article, ScoredProposal p)
    {
        var right = (article.Attributions.Any(a => a.Cue.Intersects(p.Cue)) ? 1 : 0)
            + (article.Attributions.Any(a => a.Content.Intersects(p.Content)) ? 1 : 0);
        if (p.Source is not { } source) return right / 2.0;
        return (right + (article.Attributions.Any(a => a.Source?.Intersects(source) ?? false) ? 1 : 0)) / 3.0;
    }

    public static void Run(List<PolnearArticle> articles, string model, int epochs = 8)
    {
        var extractor = new AttributionExtractor(TestRegistry.Sources);
        var examples = new List<(IReadOnlyList<string> Features, double Right)>();
        foreach (var article in articles)
            foreach (var p in extractor.Extract(article.Text, minConfidence: 0))
            {
                var proposal = PolnearCommand.ToScored(p);
                examples.Add((p.Features, RightSpans(article, proposal)));
            }
        var w = new Dictionary<string, double> { ["bias"] = 0 };
        const double Lambda = 1e-4;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var rate = 0.05 / (1 + epoch);
            foreach (var (features, right) in examples)
            {
                var z = w["bias"] + features.Sum(f => w.GetValueOrDefault(f));
                var gradient = right - 1 / (1 + Math.Exp(-z));
                w["bias"] += rate * gradient;
                foreach (var f in features) w[f] = w.GetValueOrDefault(f) * (1 - rate * Lambda) + rate * gradient;
            }
        }
        var rounded = w.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 3));
        File.WriteAllText(Path.Combine(model, "confidence-model.json"), JsonSerializer.Serialize(rounded, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"confidence-model.json: {rounded.Count} weights from {examples.Count} proposals "
            + $"({examples.Sum(e => e.Right):F0} right spans' worth)");
    }
}
