using ClaimTracker.Api.Extraction;
using ClaimTracker.Tests.Extraction;

namespace ClaimTracker.Benchmarks;

/// <summary>What remains missed, by category, for the closing note: each annotated attribution whose cue, source
/// or content no proposal matches, with the likely reason.</summary>
internal sealed class MissCategories(string? exampled = null)
{
    private readonly Dictionary<string, int> counts = [];
    private readonly List<string> examples = [];

    public void Add(PolnearArticle article, IReadOnlyList<ProposedAttribution> proposals, IReadOnlyList<ScoredProposal> scored)
    {
        foreach (var a in article.Attributions)
        {
            var hit = Enumerable.Range(0, scored.Count).FirstOrDefault(i => scored[i].Cue.Intersects(a.Cue), -1);
            var cueText = Slice(article.Text, a.Cue).Trim().ToLowerInvariant();
            if (hit < 0)
            {
                Bump("cue missed: " + CueReason(cueText));
                continue;
            }
            if (a.Source is { } source && !(scored[hit].Source?.Intersects(source) ?? false))
            {
                var words = Slice(article.Text, source).Trim().ToLowerInvariant();
                var category = "source missed: " + (scored[hit].Source is null ? "no source proposed"
                    : words is "he" or "she" or "they" or "it" or "i" or "we" ? "pronoun, another phrase proposed" : "another phrase proposed");
                Bump(category);
                Example(category, article.Text, a, proposals[hit]);
            }
            if (!scored[hit].Content.Intersects(a.Content))
            {
                Bump("content missed with the cue found");
                Example("content missed with the cue found", article.Text, a, proposals[hit]);
            }
        }
    }

    public void Print()
    {
        foreach (var (category, n) in counts.OrderByDescending(kv => kv.Value)) Console.WriteLine($"  {n,6}  {category}");
    }

    private static string CueReason(string cue) => cue switch
    {
        ":" or "" => "headline or colon",
        _ when cue.Contains(' ', StringComparison.Ordinal) => "several words (\"said in a statement\", \"went on to discuss\")",
        _ when LearnedCues.Prior(cue) >= 0.3 => "a common cue word, its construction not recognised",
        _ when LearnedCues.Priors.ContainsKey(cue) => "a word that is rarely a cue (\"show\", \"support\", \"think\")",
        _ => "a word never or seldom a cue in train",
    };

    // With --examples WORDS, the attributions of the categories naming WORDS, beside the proposal that took the cue.
    private void Example(string category, string text, PolnearAttribution a, ProposedAttribution p)
    {
        if (exampled is null || !category.Contains(exampled, StringComparison.Ordinal)) return;
        var source = a.Source is { } s ? Slice(text, s) : "-";
        var all = a.Cue.Parts.Concat(a.Content.Parts).Concat(a.Source?.Parts ?? []).ToList();
        var around = new Fragments([(Math.Max(0, all.Min(f => f.Start) - 60), all.Max(f => f.End) + 10)]);
        examples.Add(($"{category}: gold [{source} | {Slice(text, a.Cue)} | {Slice(text, a.Content)}]"
            + $" proposed [{p.Source?.Text} | {p.Cue.Text} | {p.Content.Text}]"
            + $" in: {Slice(text, around)}").Replace('\n', ' '));
    }

    public void PrintExamples()
    {
        foreach (var line in examples) Console.WriteLine(line);
    }

    private void Bump(string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static string Slice(string text, Fragments span) =>
        string.Join(" ", span.Parts.Select(p => string.Concat(text.EnumerateRunes().Skip(p.Start).Take(p.End - p.Start).Select(r => r.ToString()))));
}
