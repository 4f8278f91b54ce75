using System.Globalization;
using System.Text.Json;
using ClaimTracker.Api.Extraction;
using ClaimTracker.Tests.Extraction;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// Fits the confidence model: logistic regression over each proposal's features on PolNeAR train (every proposal,
/// no cut), labelled with the share of its spans (source, cue, content) that an annotated span of the same type
/// intersects, as the scorer counts them. Logistic regression minimises log loss, so its probabilities are calibrated
/// on the data it was fitted on; the README gives the precision/recall curve on dev. The cue phrase's precision is
/// counted on the other folds for each proposal (Model/cue-precision.json holds the whole of train's), and the cuts are
/// chosen on out-of-fold probabilities, so neither flatters train.
/// </summary>
internal static class ConfidenceFit
{
    private const int Folds = 5;

    // Proposals counted with the cue phrase before its precision is stored; rarer phrases read as unseen.
    private const int MinCount = 3;

    // Pseudo-proposals at the mean precision added to every phrase's count: few proposals say little.
    private const double Smoothing = 5;

    private sealed record Example(int Fold, int Article, ScoredProposal Proposal, string Pattern, string CueKey,
        List<string> Features, double Right);

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
        var examples = new List<Example>();
        for (var i = 0; i < articles.Count; i++)
            foreach (var p in extractor.Extract(articles[i].Text, minConfidence: 0))
            {
                var proposal = PolnearCommand.ToScored(p);
                var features = p.Features.Where(f => !ProposalContext.IsCuePrecisionFeature(f)).ToList();
                var right = RightSpans(articles[i], proposal);
                examples.Add(new(i % Folds, i, proposal, p.Pattern, p.CueKey, features, right));
            }
        // Each proposal's cue precision from the folds it is not in.
        var byFold = Enumerable.Range(0, Folds).Select(f => CuePrecision(examples.Where(e => e.Fold != f))).ToArray();
        List<string> Honest(Example e, IReadOnlyDictionary<string, double> table) => [.. e.Features,
            .. ProposalContext.CuePrecisionFeatures(e.Pattern, table.TryGetValue(e.CueKey, out var v) ? v : null)];
        var training = examples.Select(e => (Features: Honest(e, byFold[e.Fold]), e.Right)).ToList();

        var outOfFold = new double[examples.Count];
        for (var f = 0; f < Folds; f++)
        {
            var w = Fit(training.Where((_, i) => examples[i].Fold != f).ToList(), epochs);
            for (var i = 0; i < examples.Count; i++)
                if (examples[i].Fold == f) outOfFold[i] = Math.Round(Score(w, training[i].Features), 2);
        }
        Console.WriteLine($"out-of-fold log loss {LogLoss(outOfFold, examples):F4} over {examples.Count} proposals");
        Sweep(articles, examples, outOfFold);

        var weights = Fit(training, epochs);
        Write(model, "confidence-model.json", weights.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 3)));
        var precision = CuePrecision(examples);
        Write(model, "cue-precision.json", precision.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 3)));
        Console.WriteLine($"confidence-model.json: {weights.Count} weights from {examples.Count} proposals "
            + $"({examples.Sum(e => e.Right):F0} right spans' worth)");
    }

    private static Dictionary<string, double> CuePrecision(IEnumerable<Example> examples)
    {
        var list = examples.ToList();
        var mean = list.Average(e => e.Right);
        return list.GroupBy(e => e.CueKey).Where(g => g.Count() >= MinCount)
            .ToDictionary(g => g.Key, g => (g.Sum(e => e.Right) + Smoothing * mean) / (g.Count() + Smoothing));
    }

    private static Dictionary<string, double> Fit(List<(List<string> Features, double Right)> examples, int epochs)
    {
        var w = new Dictionary<string, double> { ["bias"] = 0 };
        const double Lambda = 1e-4;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var rate = 0.05 / (1 + epoch);
            foreach (var (features, right) in examples)
            {
                var gradient = right - Score(w, features);
                w["bias"] += rate * gradient;
                foreach (var f in features) w[f] = w.GetValueOrDefault(f) * (1 - rate * Lambda) + rate * gradient;
            }
        }
        return w;
    }

    private static double Score(Dictionary<string, double> w, List<string> features) =>
        1 / (1 + Math.Exp(-(w["bias"] + features.Sum(f => w.GetValueOrDefault(f)))));

    private static double LogLoss(double[] p, List<Example> examples) => -examples.Select((e, i) => e.Right
        * Math.Log(Math.Clamp(p[i], 1e-6, 1)) + (1 - e.Right) * Math.Log(Math.Clamp(1 - p[i], 1e-6, 1))).Average();

    // Train's mean P and F1 for cuts on learned cues and on the hand-written constructions, from out-of-fold scores.
    private static void Sweep(List<PolnearArticle> articles, List<Example> examples, double[] p)
    {
        var byArticle = examples.Select((e, i) => (e, i)).ToLookup(x => x.e.Article);
        Console.WriteLine("learned-cut rules-cut  mean P  mean F1  (out of fold, train)");
        foreach (var rules in new[] { 0, 0.3, 0.4, 0.5, 0.6 })
            foreach (var learned in new[] { 0.6, 0.64, 0.66, 0.68, 0.7, 0.75 })
            {
                var scorer = new PolnearScorer();
                for (var a = 0; a < articles.Count; a++)
                    scorer.Add(articles[a], byArticle[a].Where(x => p[x.i] >= Cut(x.e.Pattern, learned, rules))
                        .Select(x => x.e.Proposal).ToList());
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{learned,-11:F2} {rules,-9:F2}  {scorer.MeanPrecision:F4}  {scorer.MeanF1:F4}"));
            }
    }

    // As the extractor's default applies them: constructions it never cuts stay uncut.
    private static double Cut(string pattern, double learned, double rules) =>
        pattern == CueMatcher.Learned ? learned : ConfidenceModel.DefaultMinimumFor(pattern) == 0 ? 0 : rules;

    private static void Write(string model, string file, Dictionary<string, double> values) =>
        File.WriteAllText(Path.Combine(model, file), JsonSerializer.Serialize(
            values.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(),
            new JsonSerializerOptions { WriteIndented = true }));
}
