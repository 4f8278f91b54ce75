using System.Text.Json;
using ClaimTracker.Api.Anchoring;
using ClaimTracker.Api.Extraction;
using ClaimTracker.Tests.Extraction;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// Fits the cue model: logistic regression by stochastic gradient descent with L2, over every candidate word outside
/// quotation marks in PolNeAR train, the label being whether an annotated cue covers it. Deterministic (fixed order).
/// </summary>
internal static class CueModelFit
{
    public static void Run(List<PolnearArticle> articles, string model, int minCount = 3, int epochs = 6)
    {
        var examples = new List<(string[] Features, bool Cue)>();
        foreach (var article in articles)
        {
            var map = new CodePointMap(article.Text);
            var cues = article.Attributions.SelectMany(a => a.Cue.Parts).ToList();
            var tokens = Tokenizer.Tokenize(article.Text);
            foreach (var s in Sentences.Split(tokens))
                for (var k = s.From; k < s.To; k++)
                {
                    if (!CueModel.IsCandidate(tokens[k])) continue;
                    var (start, end) = (map.FromUtf16(tokens[k].Start), map.FromUtf16(tokens[k].End));
                    examples.Add(([.. CueModel.Features(tokens, k, s)], cues.Any(c => c.Start < end && start < c.End)));
                }
        }
        var counts = examples.SelectMany(e => e.Features).CountBy(f => f).ToDictionary(kv => kv.Key, kv => kv.Value);
        var w = new Dictionary<string, double> { ["bias"] = 0 };
        const double Lambda = 1e-5;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var rate = 0.2 / (1 + epoch);
            foreach (var (features, cue) in examples)
            {
                var kept = features.Where(f => counts[f] >= minCount).ToArray();
                var z = w["bias"] + kept.Sum(f => w.GetValueOrDefault(f));
                var gradient = (cue ? 1 : 0) - 1 / (1 + Math.Exp(-z));
                w["bias"] += rate * gradient;
                foreach (var f in kept) w[f] = w.GetValueOrDefault(f) * (1 - rate * Lambda) + rate * gradient;
            }
        }
        var rounded = w.Where(kv => Math.Abs(kv.Value) >= 0.01).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 3));
        File.WriteAllText(Path.Combine(model, "cue-model.json"), JsonSerializer.Serialize(rounded, new JsonSerializerOptions { WriteIndented = false }));
        var positives = examples.Count(e => e.Cue);
        Console.WriteLine($"cue-model.json: {rounded.Count} weights from {examples.Count} candidate words ({positives} cues)");
    }
}
