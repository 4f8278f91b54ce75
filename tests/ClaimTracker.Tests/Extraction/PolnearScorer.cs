using System.Globalization;
using System.Text;

namespace ClaimTracker.Tests.Extraction;

/// <summary>One proposal as the scorer sees it: its three spans and its confidence.</summary>
public sealed record ScoredProposal(Fragments? Source, Fragments Cue, Fragments Content, double Confidence);

/// <summary>
/// Issue 18's measure: per span type, a predicted span matches a gold span of the same type when their character ranges
/// intersect, one to one (a maximum matching). Spans are counted once per article however many attributions share them
/// (one source mention with two cues is one source span). Precision is matches over predicted spans, recall over gold.
/// </summary>
public sealed class PolnearScorer
{
    public static readonly string[] Types = ["source", "cue", "content"];

    private readonly Dictionary<string, (int Matched, int Predicted, int Gold)> counts = Types.ToDictionary(t => t, _ => (0, 0, 0));

    /// <summary>Gold spans no prediction matched, with the article, for reading what remains missed.</summary>
    public List<(string Type, string Article, Fragments Span)> Missed { get; } = [];

    public void Add(PolnearArticle article, IReadOnlyList<ScoredProposal> proposals)
    {
        foreach (var type in Types)
        {
            var gold = Distinct(article.Attributions.Select(a => Pick(type, a)));
            var predicted = Distinct(proposals.Select(p => Pick(type, p)));
            var (matched, goldMatched) = Match(gold, predicted);
            var (m, p, g) = counts[type];
            counts[type] = (m + matched, p + predicted.Count, g + gold.Count);
            for (var i = 0; i < gold.Count; i++)
                if (!goldMatched[i]) Missed.Add((type, article.Name, gold[i]));
        }
    }

    public Prf Of(string type) => counts[type] is var (m, p, g) ? new Prf(m, p, g) : default;

    public double MeanF1 => Types.Average(t => Of(t).F1);

    public double MeanPrecision => Types.Average(t => Of(t).Precision);

    public string Table(string title)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{title}\nspan      P       R       F1      matched/predicted/gold");
        foreach (var type in Types)
        {
            var (prf, (m, p, g)) = (Of(type), counts[type]);
            sb.AppendLine(CultureInfo.InvariantCulture, $"{type,-9} {prf.Precision:F3}   {prf.Recall:F3}   {prf.F1:F3}   {m}/{p}/{g}");
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"mean      {MeanPrecision:F3}           {MeanF1:F3}");
        return sb.ToString();
    }

    private static Fragments? Pick(string type, PolnearAttribution a) => type switch
    {
        "source" => a.Source, "cue" => a.Cue, _ => a.Content,
    };

    private static Fragments? Pick(string type, ScoredProposal p) => type switch
    {
        "source" => p.Source, "cue" => p.Cue, _ => p.Content,
    };

    private static List<Fragments> Distinct(IEnumerable<Fragments?> spans) =>
        spans.OfType<Fragments>().DistinctBy(s => s.Key).ToList();

    // Maximum bipartite matching by augmenting paths; each gold span tries only the predictions it intersects.
    private static (int Matched, bool[] GoldMatched) Match(List<Fragments> gold, List<Fragments> predicted)
    {
        var edges = gold.Select(g => Enumerable.Range(0, predicted.Count).Where(p => g.Intersects(predicted[p])).ToList()).ToList();
        var owner = Enumerable.Repeat(-1, predicted.Count).ToArray();
        var matched = 0;
        for (var g = 0; g < gold.Count; g++)
            if (Augment(g, edges, owner, new bool[predicted.Count])) matched++;
        var goldMatched = new bool[gold.Count];
        foreach (var g in owner.Where(o => o >= 0)) goldMatched[g] = true;
        return (matched, goldMatched);
    }

    private static bool Augment(int g, List<List<int>> edges, int[] owner, bool[] seen)
    {
        foreach (var p in edges[g])
        {
            if (seen[p]) continue;
            seen[p] = true;
            if (owner[p] < 0 || Augment(owner[p], edges, owner, seen)) { owner[p] = g; return true; }
        }
        return false;
    }
}
