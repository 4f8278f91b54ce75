using System.Collections.Frozen;

namespace ClaimTracker.Api.Extraction;

/// <summary>
/// The confidence of a proposal as the probability that its spans are right, from a logistic regression over what the
/// extractor knows of it: the construction, how likely its cue word is a cue here (<see cref="CueModel"/>), what kind
/// of phrase the source is, the content's length, quotation and nesting. Fitted on PolNeAR train by <c>polnear-fit</c>
/// (labelled with the share of its source, cue and content spans an annotated span intersects, as the scorer counts
/// them); Model/confidence-model.json.
/// </summary>
internal static class ConfidenceModel
{
    private static readonly FrozenDictionary<string, double> Weights = ModelFile.Numbers("confidence-model.json");

    /// <summary>
    /// Below this a learned cue's proposal is left out unless asked for; <see cref="DefaultRulesMinimum"/> is the cut on
    /// the hand-written constructions. Chosen together on PolNeAR train's out-of-fold confidences (polnear-fit) as the
    /// pair with the best mean F1 at mean precision 0.87 or more: 0.68 and 0.5 gave 0.755 at 0.872, where 0.7 and none
    /// gave 0.749 at 0.867 (README, Accuracy on real news; 0.66 and 0.5, at 0.866, left dev's precision at 0.849). With
    /// the model refitted on the proposals of 0968ef0, 0.68 and 0.5 give 0.764 at 0.870 (0.66: 0.767 at 0.864).
    /// </summary>
    public const double DefaultMinimum = 0.68;

    public const double DefaultRulesMinimum = 0.5;

    /// <summary>
    /// The default cut for a construction. Wire captions and "Agency: headline" are rare in PolNeAR's US election
    /// coverage, so the model fitted there scores them low (0.33-0.54); they keep no cut, as before.
    /// </summary>
    public static double DefaultMinimumFor(string pattern) => pattern switch
    {
        CueMatcher.Learned => DefaultMinimum,
        "caption" or "headline_colon" => 0,
        _ => DefaultRulesMinimum,
    };

    public static double Score(IEnumerable<string> features)
    {
        var z = Weights.GetValueOrDefault("bias");
        foreach (var feature in features) z += Weights.GetValueOrDefault(feature);
        return 1 / (1 + Math.Exp(-z));
    }

    public static List<string> Features(List<Token> t, Draft d, int draftsInSentence)
    {
        var cue = d.CueProbability is { } p ? "cue=" + (int)Math.Min(9, p * 10) : "cue=none";
        var source = SourceClass(t, d);
        var length = (d.ContentEnd - d.ContentStart) switch
        {
            < 20 => "short", < 60 => "medium", < 150 => "long", _ => "very-long",
        };
        var features = new List<string>
        {
            "pattern=" + d.Pattern, cue, "pattern|" + d.Pattern + "|" + cue, "source=" + source, "length=" + length,
            "rules=" + (int)Math.Clamp(d.Confidence * 10, 0, 9), "cue|" + cue + "|" + source,
        };
        // Structure, not words (word identities overfit train): how long the cue phrase is, which side the source
        // and the content stand on, and the construction with the kind of source.
        var cueStart = t[d.CueTokens.From].Start;
        features.Add("cue-span=" + Math.Min(3, d.CueTokens.To - d.CueTokens.From));
        features.Add("order=" + (d.ContentEnd <= cueStart ? "content-first" : "content-after")
            + (d.Named is { } n ? t[n.From].Start < cueStart ? "|source-first" : "|source-after" : "|no-source"));
        features.Add("pattern|source=" + d.Pattern + "|" + source);
        if (d.SourceId is not null) features.Add("known");
        if (d.Parent is not null) features.Add("nested");
        if (t[d.CueTokens.From].InQuote) features.Add("in-quote");
        if (d.Direct) features.Add("direct");
        features.AddRange(ProposalContext.Features(t, d, draftsInSentence));
        return features;
    }

    private static string SourceClass(List<Token> t, Draft d)
    {
        if (d.Named is not { } s) return "none";
        var head = t[Phrases.Head(t, s)];
        if (s.To - s.From == 1 && (Lexicon.SubjectForm.ContainsKey(head.Lower) || head.Lower is "i" or "we" or "you"))
            return "pronoun";
        if (head.IsCapitalized) return s.To - s.From > 4 ? "long-name" : "name";
        var noun = SourceWords.Heads.Contains(head.Lower) || SourceWords.Unnamed.Contains(head.Lower);
        return noun ? "source-noun" : "other";
    }

    /// <summary>Whether a fitted model is embedded; without one the rules' own confidence stands.</summary>
    public static bool Fitted => Weights.Count > 0;
}
