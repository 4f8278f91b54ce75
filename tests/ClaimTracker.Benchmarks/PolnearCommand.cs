using System.Globalization;
using ClaimTracker.Api.Extraction;
using ClaimTracker.Tests.Extraction;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// Issue 18's scorer in-process, for tuning on PolNeAR train without looking at dev: the same overlap P/R/F1 as the
/// test through HTTP, and the gold spans still missed, grouped by their cue's words.
/// </summary>
public sealed class PolnearCommand : IBenchmark
{
    public string Name => "polnear";
    public string Description => "attribution extractor on PolNeAR (../shared/data/polnear): overlap P/R/F1 per span type";
    public string Usage => "--part train|dev (default train) --min 0.5 (minConfidence) --learned-min 0.65 (cut on learned cues only) --rules-min 0.3 (with --learned-min: the cut on the others) --misses 40; --text file.txt lists every proposal with its confidence; --show said lists missed attributions with those cue words (* all); "
        + "--spurious said lists proposals with that cue that no annotated cue intersects; --examples 'no source' lists the misses of the categories naming those words, beside the proposal";

    public Task<int> RunAsync(Options options)
    {
        if (options.String("text") is { } file)
        {
            foreach (var p in new AttributionExtractor(TestRegistry.Sources).Extract(File.ReadAllText(file), minConfidence: 0))
                Console.WriteLine($"{p.Confidence:F2} {p.Pattern} [{p.Source?.Text} | {p.Cue.Text} | {p.Content.Text}]");
            return Task.FromResult(0);
        }
        var part = options.String("part") ?? "train";
        var folder = Polnear.Folder(part) ?? throw new DirectoryNotFoundException($"PolNeAR {part} not beside the repository");
        var extractor = new AttributionExtractor(TestRegistry.Sources);
        var scorer = new PolnearScorer();
        double? minimum = options.String("min") is { } min ? double.Parse(min, CultureInfo.InvariantCulture) : null;
        // For choosing ConfidenceModel.DefaultMinimum on train: the cut applied to learned cues' proposals only.
        double? learnedMinimum = options.String("learned-min") is { } lmin ? double.Parse(lmin, CultureInfo.InvariantCulture) : null;
        var rulesMinimum = options.String("rules-min") is { } rmin ? double.Parse(rmin, CultureInfo.InvariantCulture) : 0;
        var articles = Polnear.Load(folder);
        var missedCues = new Dictionary<string, int>();
        var spurious = new Dictionary<string, int>();
        var show = options.String("show");
        var shown = 0;
        var categories = new MissCategories(options.String("examples"));
        foreach (var article in articles)
        {
            var raw = learnedMinimum is { } lm
                ? extractor.Extract(article.Text, minConfidence: 0).Where(p => p.Confidence >= (p.Pattern == CueMatcher.Learned ? lm : rulesMinimum)).ToList()
                : extractor.Extract(article.Text, minConfidence: minimum);
            var proposals = raw.Select(ToScored).ToList();
            scorer.Add(article, proposals);
            categories.Add(article, raw, proposals);
            foreach (var a in article.Attributions.Where(a => !proposals.Any(p => p.Cue.Intersects(a.Cue))))
            {
                var words = Words(article.Text, a.Cue);
                Bump(missedCues, words);
                var listAll = show == "*";
                if ((words == show || listAll) && (listAll || shown++ < 25)) Console.WriteLine("MISS " + Context(article.Text, a));
            }
            for (var i = 0; i < proposals.Count; i++)
            {
                if (article.Attributions.Any(a => a.Cue.Intersects(proposals[i].Cue))) continue;
                var words = Words(article.Text, proposals[i].Cue);
                Bump(spurious, words);
                if (words == options.String("spurious")) Console.WriteLine($"SPURIOUS {raw[i].Pattern} [{raw[i].Source?.Text} | {raw[i].Cue.Text} | {raw[i].Content.Text}]".Replace('\n', '|'));
            }
        }
        Console.WriteLine(scorer.Table($"PolNeAR {part}, {articles.Count} articles, in-process"));
        Console.WriteLine("annotated attributions not matched, by category:");
        categories.Print();
        categories.PrintExamples();
        var n = options.Int("misses", 40);
        Console.WriteLine("missed cues: " + string.Join(", ", missedCues.OrderByDescending(kv => kv.Value).Take(n).Select(kv => $"{kv.Key} {kv.Value}")));
        Console.WriteLine("spurious cues: " + string.Join(", ", spurious.OrderByDescending(kv => kv.Value).Take(n).Select(kv => $"{kv.Key} {kv.Value}")));
        return Task.FromResult(0);
    }

    public static ScoredProposal ToScored(ProposedAttribution p) => new(
        p.Source is { } s ? new Fragments([(s.Start, s.End)]) : null,
        new Fragments([(p.Cue.Start, p.Cue.End)]),
        new Fragments([(p.Content.Start, p.Content.End)]),
        p.Confidence);

    private static string Context(string text, PolnearAttribution a)
    {
        var all = a.Cue.Parts.Concat(a.Content.Parts).Concat(a.Source?.Parts ?? []).ToList();
        var (from, to) = (Math.Max(0, all.Min(p => p.Start) - 30), all.Max(p => p.End) + 10);
        var source = a.Source is { } s ? Words(text, s) : "-";
        return CodePointSlice(text, from, to).Replace('\n', '|') + $"  [S: {source}] [C: {Words(text, a.Cue)}]";
    }

    private static string Words(string text, Fragments span) =>
        string.Join(" ", span.Parts.Select(f => CodePointSlice(text, f.Start, f.End))).ToLowerInvariant().Replace('\n', ' ');

    private static string CodePointSlice(string text, int start, int end)
    {
        var runes = text.EnumerateRunes().Skip(start).Take(end - start);
        return string.Concat(runes.Select(r => r.ToString()));
    }

    private static void Bump(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
