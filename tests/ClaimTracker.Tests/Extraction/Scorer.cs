using System.Globalization;
using System.Text;
using ClaimTracker.Api.Extraction;

namespace ClaimTracker.Tests.Extraction;

/// <summary>Precision, recall and F1 from counts of matches, predictions and gold labels.</summary>
public readonly record struct Prf(double Matched, int Predicted, int Gold)
{
    public double Precision => Predicted == 0 ? 1 : Matched / Predicted;
    public double Recall => Gold == 0 ? 1 : Matched / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>A share of aligned pairs on which a field agrees.</summary>
public readonly record struct Accuracy(int Correct, int Total)
{
    public double Value => Total == 0 ? 1 : (double)Correct / Total;
}

/// <summary>
/// Scores proposals against labels. Overlap definition: a predicted span matches a gold span when the code points
/// they share are at least half of the longer of the two (so neither may be more than twice the shared part); two
/// absent sources (agentless passives) match. Each gold attribution is aligned with at most one prediction, greedily
/// by how many of its spans match (cue or content must); span F1 counts the aligned pairs whose span matches.
/// "Soft" F1 instead credits each aligned pair with the shared fraction of the predicted (precision) and gold
/// (recall) span. Stance, resolved source, kind, direct, via and parent are accuracies over aligned pairs.
/// </summary>
public sealed class Scorer
{
    private readonly Dictionary<string, double> matched = [];
    private readonly Dictionary<string, (double Precision, double Recall)> soft = [];
    private readonly Dictionary<string, (int Correct, int Total)> agreement = [];
    private int predicted, gold;

    /// <summary>Disagreements, one line each, for reading why a score is what it is.</summary>
    public List<string> Errors { get; } = [];

    public static bool Overlaps(CodePointSpan? g, TextSpan? p)
    {
        if (g is null || p is null) return g is null && p is null;
        var shared = Math.Min(g.Value.End, p.End) - Math.Max(g.Value.Start, p.Start);
        return shared > 0 && shared * 2 >= Math.Max(g.Value.Length, p.End - p.Start);
    }

    private static double Shared(CodePointSpan? g, TextSpan? p) =>
        g is null || p is null ? (g is null && p is null ? 1 : 0) : Math.Max(0, Math.Min(g.Value.End, p.End) - Math.Max(g.Value.Start, p.Start));

    public void Add(GoldItem item, IReadOnlyList<ProposedAttribution> proposals)
    {
        predicted += proposals.Count;
        gold += item.Attributions.Count;
        var alignment = Align(item.Attributions, proposals);
        foreach (var (g, p) in alignment)
        {
            var (label, proposal) = (item.Attributions[g], proposals[p]);
            Count("source", label.Source, proposal.Source);
            Count("cue", label.Cue, proposal.Cue);
            Count("content", label.Content, proposal.Content);
            Agree(item, "attribution", Overlaps(label.Source, proposal.Source) && Overlaps(label.Cue, proposal.Cue) && Overlaps(label.Content, proposal.Content), label, proposal, "spans");
            Agree(item, "stance", label.Label.Stance == proposal.Stance, label, proposal, proposal.Stance);
            Agree(item, "resolved source", label.Label.SourceId == proposal.SourceId, label, proposal, proposal.SourceId ?? proposal.NewSource?.Name ?? "-");
            if (label.Label.SourceId is null && label.Label.Kind is { } kind)
                Agree(item, "new source kind", kind == proposal.NewSource?.Kind, label, proposal, proposal.NewSource?.Kind ?? proposal.SourceId ?? "-");
            Agree(item, "direct", label.Label.Direct == proposal.Direct, label, proposal, proposal.Direct.ToString());
            var via = string.Join(",", proposal.Via.Select(v => v.SourceId ?? v.Name));
            Agree(item, "via", Key(string.Join(",", label.Label.Via ?? [])) == Key(via), label, proposal, via);
            var goldParent = label.Label.Parent is { } gp ? alignment.Where(a => a.Gold == gp).Select(a => (int?)proposals[a.Predicted].Index).FirstOrDefault() : null;
            Agree(item, "parent", goldParent == proposal.ParentIndex, label, proposal, proposal.ParentIndex?.ToString(CultureInfo.InvariantCulture) ?? "-");
        }
        foreach (var g in Enumerable.Range(0, item.Attributions.Count).Where(g => alignment.All(a => a.Gold != g)))
            Errors.Add($"{item.Item.Id}: missed {Describe(item.Attributions[g].Label)}");
        foreach (var p in Enumerable.Range(0, proposals.Count).Where(p => alignment.All(a => a.Predicted != p)))
            Errors.Add($"{item.Item.Id}: spurious [{proposals[p].Source?.Text} | {proposals[p].Cue.Text} | {proposals[p].Content.Text}]");
    }

    private static List<(int Gold, int Predicted)> Align(IReadOnlyList<Gold> golds, IReadOnlyList<ProposedAttribution> proposals)
    {
        var pairs = new List<(int Gold, int Predicted, double Score)>();
        for (var g = 0; g < golds.Count; g++)
        for (var p = 0; p < proposals.Count; p++)
        {
            bool cue = Overlaps(golds[g].Cue, proposals[p].Cue), content = Overlaps(golds[g].Content, proposals[p].Content);
            if (!cue && !content) continue;
            var score = (cue ? 3 : 0) + (content ? 3 : 0) + (Overlaps(golds[g].Source, proposals[p].Source) ? 2 : 0)
                + Shared(golds[g].Source, proposals[p].Source) / 1000;
            pairs.Add((g, p, score));
        }
        var result = new List<(int, int)>();
        foreach (var (g, p, _) in pairs.OrderByDescending(x => x.Score))
            if (result.All(r => r.Item1 != g && r.Item2 != p)) result.Add((g, p));
        return result;
    }

    private void Count(string field, CodePointSpan? g, TextSpan? p)
    {
        matched[field] = matched.GetValueOrDefault(field) + (Overlaps(g, p) ? 1 : 0);
        var shared = Shared(g, p);
        var (sp, sr) = soft.GetValueOrDefault(field);
        soft[field] = (sp + (p is null ? shared : shared / Math.Max(1, p.End - p.Start)), sr + (g is null ? shared : shared / Math.Max(1, g.Value.Length)));
    }

    private void Agree(GoldItem item, string field, bool correct, Gold label, ProposedAttribution proposal, string got)
    {
        var (c, n) = agreement.GetValueOrDefault(field);
        agreement[field] = (c + (correct ? 1 : 0), n + 1);
        if (!correct && field != "attribution") Errors.Add($"{item.Item.Id}: {field} {Describe(label.Label)} got {got}");
        else if (!correct) Errors.Add($"{item.Item.Id}: spans {Describe(label.Label)} got [{proposal.Source?.Text} | {proposal.Cue.Text} | {proposal.Content.Text}]");
    }

    // Names compare without case or a leading "the": "the BBC" is "BBC".
    private static string Key(string name) => name.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? name[4..].ToLowerInvariant() : name.ToLowerInvariant();

    private static string Describe(LabelledAttribution l) => $"[{l.Source} | {l.Cue} | {l.Content}]";

    /// <summary>Span-match F1 for "source", "cue", "content"; "attribution" needs all three spans.</summary>
    public Prf Span(string field) => field == "attribution"
        ? new Prf(agreement.GetValueOrDefault(field).Correct, predicted, gold)
        : new Prf(matched.GetValueOrDefault(field), predicted, gold);

    public Accuracy Of(string field) => agreement.TryGetValue(field, out var a) ? new Accuracy(a.Correct, a.Total) : new Accuracy(0, 0);

    public string Report(string title)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{title}: {gold} labelled, {predicted} proposed");
        sb.AppendLine("span          P       R       F1      soft F1");
        foreach (var field in new[] { "source", "cue", "content", "attribution" })
        {
            var prf = Span(field);
            var softF1 = field == "attribution" ? "" : SoftF1Value(field).ToString("F3", CultureInfo.InvariantCulture);
            sb.AppendLine(CultureInfo.InvariantCulture, $"{field,-13} {prf.Precision:F3}   {prf.Recall:F3}   {prf.F1:F3}   {softF1}");
        }
        foreach (var field in new[] { "stance", "resolved source", "new source kind", "direct", "via", "parent" })
        {
            var a = Of(field);
            sb.AppendLine(CultureInfo.InvariantCulture, $"{field,-16} accuracy {a.Value:F3} ({a.Correct}/{a.Total})");
        }
        return sb.ToString();
    }

    /// <summary>Soft F1: the harmonic mean of the average shared fraction of predicted and of gold spans.</summary>
    public double SoftF1Value(string field)
    {
        var (sp, sr) = soft.GetValueOrDefault(field);
        var precision = predicted == 0 ? 1 : sp / predicted;
        var recall = gold == 0 ? 1 : sr / gold;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
}
