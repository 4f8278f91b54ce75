using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ClaimTracker.Api.Matching;

/// <summary>
/// A statement as posted, reduced to what it claims. Social posts wrap a claim in things no claim on record shares:
/// links, "RT", the signature of an embedded tweet ("— Name (@handle) March 3, 2019"), emoji, and names and tags written
/// as one word (@realDonaldTrump, #DefundTheCBC), which are split into their words rather than dropped.
/// </summary>
public static partial class Statement
{
    /// <summary>Longest text the model reads: arctic-embed-xs, like all-MiniLM-L6-v2, was trained on 128 word pieces, and a claim rarely runs past it.</summary>
    internal const int EmbeddedLength = 1000;

    public static string Clean(string text)
    {
        var cleaned = Signature().Replace(text, " ");
        cleaned = Url().Replace(cleaned, " ");
        cleaned = Retweet().Replace(cleaned, " ");
        cleaned = Tag().Replace(cleaned, m => " " + SplitWords(m.Groups["word"].Value) + " ");
        var builder = new StringBuilder(cleaned.Length);
        foreach (var rune in cleaned.EnumerateRunes())
        {
            // Emoji, flags and other pictographs carry no words; keep letters, digits, punctuation and currency signs.
            var category = Rune.GetUnicodeCategory(rune);
            builder.Append(category is UnicodeCategory.OtherSymbol or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.Format or UnicodeCategory.ModifierSymbol ? " " : rune.ToString());
        }
        return Space().Replace(builder.ToString(), " ").Trim();
    }

    /// <summary>The distinct words of a cleaned statement worth looking up, lower case, without stop words.</summary>
    public static IReadOnlyList<string> Terms(string cleaned) => Word().Matches(Fold(cleaned))
        .Select(m => m.Value)
        .Where(w => !Lexicon.StopWords.Contains(w) && !(w.Length == 1 && !char.IsDigit(w[0])))
        .Distinct().ToList();

    // Lower case without accents, as the index's tokenizer (unicode61 remove_diacritics 2) stores words.
    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(char.ToLowerInvariant(c));
        return builder.ToString();
    }

    /// <summary>"realDonaldTrump" → "real Donald Trump", "Covid_19" → "Covid 19", "NASAFacts" → "NASA Facts".</summary>
    internal static string SplitWords(string word) => CamelCase().Replace(word.Replace('_', ' '), " ");

    // An embedded tweet ends with its author and date: "— Name (@handle) Month D, YYYY". It says who posted, not what.
    [GeneratedRegex(@"[—–-]+\s*(?<name>[^—–\n]{0,80})\(@(?<handle>\w+)\)\s+(?<month>[A-Z][a-z]+)\s+\d{1,2},\s+"
        + @"(?<year>\d{4})\s*$")]
    internal static partial Regex Signature();

    [GeneratedRegex(@"(?:https?://|www\.|pic\.twitter\.com/)\S*", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"(?<![\w@#])RT\b:?")]
    private static partial Regex Retweet();

    [GeneratedRegex(@"[@#](?<word>\w+)")]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\d)|(?<=\d)(?=\p{L})")]
    private static partial Regex CamelCase();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    // As FTS5's unicode61 tokenizer splits words, so that every term is one token of the index.
    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
