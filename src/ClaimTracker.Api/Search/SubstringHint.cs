using System.Text.RegularExpressions;

namespace ClaimTracker.Api.Search;

/// <summary>
/// A whole-word expression that every substring hit of a phrase also matches, so that when the word index finds nothing for
/// it, the trigram index need not be read. The trigram index proves a phrase absent by walking every claim that holds all of
/// its trigrams: at 1M claims 64 ms for "United States percent", against a few ms for the words. Inside a substring hit the
/// phrase's inner words stand whole, in order, and its last word starts a word; only its first word may end a longer one.
/// </summary>
internal static partial class SubstringHint
{
    // ASCII only: there both indexes fold alike and every character but a letter or digit separates words.
    [GeneratedRegex("""^"([\x20-\x7E]*)"$""")]
    private static partial Regex AsciiPhrase();

    [GeneratedRegex("[A-Za-z0-9]+")]
    private static partial Regex Word();

    /// <summary>The hint for an expression of one ASCII phrase with at least two words it can name, else null (no hint).</summary>
    public static string? For(string expression)
    {
        if (AsciiPhrase().Match(expression) is not { Success: true } phrase) return null;
        var text = phrase.Groups[1].Value.Replace("\"\"", "\"");
        var words = Word().Matches(text).Select(m => m.Value).ToList();
        if (words.Count == 0) return null;
        // A word touching either end of the phrase may continue outside it: the first is left out, the last becomes a prefix.
        if (char.IsAsciiLetterOrDigit(text[0])) words.RemoveAt(0);
        var prefix = char.IsAsciiLetterOrDigit(text[^1]);
        return words.Count >= 2 ? "\"" + string.Join(' ', words) + "\"" + (prefix ? "*" : "") : null;
    }
}
