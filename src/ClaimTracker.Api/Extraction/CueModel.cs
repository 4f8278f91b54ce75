using System.Collections.Frozen;
using System.Text.Json;

namespace ClaimTracker.Api.Extraction;

/// <summary>
/// A logistic regression over a word and its neighbours that says whether the word, here, is a reporting cue:
/// "called" in "Graham called Trump crazy" is one, in "a group called Vets" is not. Trained on PolNeAR train by
/// <c>polnear-fit</c> (tests/ClaimTracker.Benchmarks) over the words of Model/cue-words.json; its weights are
/// Model/cue-model.json. Only those words are scored: a few dictionary lookups per candidate.
/// </summary>
internal static class CueModel
{
    private static readonly FrozenDictionary<string, double> Weights = Load();

    /// <summary>Whether a word is a candidate at all: seen as a cue in train often enough to have a prior.</summary>
    public static bool IsCandidate(Token tok) =>
        tok.IsWord && !tok.InQuote && LearnedCues.Priors.ContainsKey(tok.Lower);

    public static double Probability(List<Token> t, int k, Sentence s)
    {
        var z = Weights.GetValueOrDefault("bias");
        foreach (var feature in Features(t, k, s)) z += Weights.GetValueOrDefault(feature);
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>Token k's features: the word, its neighbours' words and kinds, the bigrams, casing, headline.</summary>
    public static IEnumerable<string> Features(List<Token> t, int k, Sentence s)
    {
        var w = t[k].Lower;
        var prev = k > s.From ? Class(t[k - 1]) : "<s>";
        var next = k + 1 < s.To ? Class(t[k + 1]) : "</s>";
        var next2 = k + 2 < s.To ? Class(t[k + 2]) : "</s>";
        yield return "w=" + w;
        yield return "p=" + prev;
        yield return "n=" + next;
        yield return "pw=" + prev + "|" + w;
        yield return "wn=" + w + "|" + next;
        yield return "wnn=" + w + "|" + next + "|" + next2;
        yield return "prior=" + Math.Round(LearnedCues.Prior(w) * 10);
        if (t[k].IsCapitalized) yield return "cap";
        if (s.IsHeadline) yield return "headline";
        if (k - 2 >= s.From) yield return "p2=" + Class(t[k - 2]);
        if (Lexicon.Cues.ContainsKey(w)) yield return "lexicon";
        if (k + 1 < s.To && t[k + 1].Kind == TokenKind.OpenQuote
            || k > s.From && t[k - 1].Kind == TokenKind.CloseQuote)
            yield return "by-quote";
        yield return "pos=" + Math.Min(3, (k - s.From) / 4);
    }

    // Words as themselves, except names and numbers, which are many and say the same thing.
    private static string Class(Token tok) => tok.Kind switch
    {
        TokenKind.Word when char.IsDigit(tok.Text[0]) => "<num>",
        TokenKind.Word when tok.IsCapitalized && !LearnedCues.Priors.ContainsKey(tok.Lower) => "<Cap>",
        TokenKind.Word => tok.Lower,
        TokenKind.OpenQuote => "<oq>",
        TokenKind.CloseQuote => "<cq>",
        TokenKind.Dash => "<dash>",
        _ => tok.Text,
    };

    private static FrozenDictionary<string, double> Load()
    {
        using var stream = typeof(CueModel).Assembly.GetManifestResourceStream("extraction/cue-model.json");
        if (stream is null) return FrozenDictionary<string, double>.Empty;
        var weights = JsonSerializer.Deserialize<Dictionary<string, double>>(stream) ?? [];
        return weights.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
