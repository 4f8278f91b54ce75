using System.Collections.Frozen;
using System.Globalization;

namespace ClaimTracker.Api.Extraction;

/// <summary>
/// What the confidence model sees of a proposal's sentence: headline, question, where the sentence stands, what follows
/// the cue, how far the source is from it, how many proposals share the sentence, and how often proposals with this
/// cue phrase were right on PolNeAR train (one smoothed number, Model/cue-precision.json; counted across folds when
/// fitting, so it does not learn train by heart as one feature per word did).
/// </summary>
internal static class ProposalContext
{
    private static readonly FrozenDictionary<string, double> CuePrecision = ModelFile.Numbers("cue-precision.json");

    public static IEnumerable<string> Features(List<Token> t, Draft d, int draftsInSentence)
    {
        var s = d.Sentence;
        if (s.IsHeadline) yield return "headline";
        if (HasQuestionMark(t, s)) yield return "question";
        yield return "position=" + d.SentenceIndex switch { 0 => "0", 1 => "1", < 5 => "2-4", _ => "5+" };
        yield return "next=" + Next(t, d.CueTokens.To, s.To);
        yield return "gap=" + Gap(d);
        yield return "in-sentence=" + Math.Min(3, draftsInSentence);
        yield return "pattern|next=" + d.Pattern + "|" + Next(t, d.CueTokens.To, s.To);
        var precision = CuePrecision.TryGetValue(CueKey(t, d), out var p) ? p : (double?)null;
        foreach (var f in CuePrecisionFeatures(d.Pattern, precision)) yield return f;
    }

    /// <summary>The cue phrase as the precision table keys it: its words, lower-cased, one space apart.</summary>
    public static string CueKey(List<Token> t, Draft d) =>
        string.Join(' ', Enumerable.Range(d.CueTokens.From, d.CueTokens.To - d.CueTokens.From).Select(k => t[k].Lower));

    /// <summary>The cue phrase's train precision in tenths, alone and with the construction; shared with the fit,
    /// which puts each fold's own estimate in its place.</summary>
    public static IEnumerable<string> CuePrecisionFeatures(string pattern, double? precision)
    {
        var bucket = precision is { } p ? ((int)Math.Min(9, p * 10)).ToString(CultureInfo.InvariantCulture) : "unseen";
        yield return "cue-precision=" + bucket;
        yield return "pattern|cue-precision=" + pattern + "|" + bucket;
    }

    public static bool IsCuePrecisionFeature(string feature) =>
        feature.Contains("cue-precision=", StringComparison.Ordinal);

    private static bool HasQuestionMark(List<Token> t, Sentence s)
    {
        for (var k = s.From; k < s.To; k++)
            if (t[k].IsPunct("?")) return true;
        return false;
    }

    private static string Next(List<Token> t, int k, int end)
    {
        if (k >= end) return "end";
        var tok = t[k];
        if (tok.IsQuote) return "quote";
        if (tok.Kind != TokenKind.Word) return tok.Text is "," or ":" or "." ? tok.Text : "punct";
        return tok.Lower is "that" or "to" or "about" or "on" or "in" or "the" or "it" ? tok.Lower : "word";
    }

    private static string Gap(Draft d)
    {
        if (d.Named is not { } s) return "none";
        var gap = s.To <= d.CueTokens.From ? d.CueTokens.From - s.To : s.From - d.CueTokens.To;
        return gap switch { <= 0 => "0", <= 2 => "1-2", <= 6 => "3-6", _ => "7+" };
    }
}
