using System.Globalization;
using System.Text;

namespace ClaimTracker.Api.Extraction;

/// <summary>Normalises names for lookup: case, accents, apostrophes, a leading "the" and a possessive ending.</summary>
internal static class Names
{
    public static string Key(string name)
    {
        var decomposed = name.Trim().ToLowerInvariant().Replace('’', '\'').Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        var key = sb.ToString();
        if (key.StartsWith("the ", StringComparison.Ordinal)) key = key[4..];
        if (key.EndsWith("'s", StringComparison.Ordinal)) key = key[..^2];
        else if (key.EndsWith("s'", StringComparison.Ordinal)) key = key[..^1];
        return key;
    }

    /// <summary>Whether a word is possessive ("Russia’s", "officials’"), and so modifies the noun after it.</summary>
    public static bool IsPossessive(string word) =>
        word.EndsWith("’s", StringComparison.Ordinal) || word.EndsWith("'s", StringComparison.Ordinal)
        || word.EndsWith("s’", StringComparison.Ordinal) || word.EndsWith("s'", StringComparison.Ordinal);

    /// <summary>The pronoun of a contraction that opens a clause ("he’s", "they're"), else null.</summary>
    public static string? PronounOf(string lower)
    {
        var cut = lower.IndexOfAny(['’', '\'']);
        if (cut <= 0) return null;
        var (pronoun, rest) = (lower[..cut], lower[(cut + 1)..]);
        var subject = pronoun is "he" or "she" or "it" or "they" or "i" or "we" or "you";
        return subject && rest is "s" or "re" or "ve" or "ll" or "d" or "m" ? pronoun : null;
    }
}
