using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClaimTracker.Api.Common;

namespace ClaimTracker.Api.Matching;

/// <summary>
/// A claim's wording reduced to what decides whether two statements say the same: canonical terms
/// in order (actors as @north_korea, numbers as #10000, synonyms as one word, other words stemmed),
/// and whether the statement is negated. "Pyongyang sent over 10k troops" and "North Korea has sent
/// more than 10,000 soldiers" reduce to the same terms.
/// </summary>
public sealed partial record ClaimText(IReadOnlyList<string> Terms, bool Negated)
{
    // Spellings that fold alike ("U.S." and "US") stay listed for the word index, and count once here.
    private static readonly Dictionary<string, string> Phrases = Lexicon.Actors
        .SelectMany(actor => actor.Value.Select(name => (Key: string.Join(' ', Words(Fold(name))), Actor: actor.Key)))
        .DistinctBy(p => p.Key)
        .ToDictionary(p => p.Key, p => p.Actor);

    private static readonly int LongestPhrase = Phrases.Keys.Max(k => k.Split(' ').Length);

    private static readonly Dictionary<string, string> SynonymOf = Lexicon.Synonyms
        .SelectMany(group => group.Value.Select(word => (word, group.Key))).ToDictionary(p => p.word, p => p.Key);

    public static ClaimText Of(string text)
    {
        var words = Words(Fold(text));
        var terms = new List<string>();
        var negated = false;
        for (var i = 0; i < words.Count;)
        {
            if (ReadNumber(words, ref i) is { } number) { terms.Add("#" + number.ToString(CultureInfo.InvariantCulture)); continue; }
            if (ReadPhrase(words, ref i) is { } actor) { terms.Add(actor); continue; }
            var word = words[i++];
            if (Lexicon.Negations.Contains(word) || word.EndsWith("n't", StringComparison.Ordinal)) negated = true;
            else if (!Lexicon.StopWords.Contains(word)) terms.Add(SynonymOf.TryGetValue(word, out var canonical) ? canonical : Stem(word));
        }
        return new ClaimText(terms, negated);
    }

    public static bool IsActor(string term) => term.StartsWith('@');

    public static bool IsNumber(string term) => term.StartsWith('#');

    /// <summary>A term as people read it: "north korea", "10000", "soldier".</summary>
    public static string Display(string term) => term.TrimStart('@', '#').Replace('_', ' ');

    /// <summary>Lowercase without accents, curly apostrophes straightened, "U.S." as one word, digit groups joined ("10,000" → "10000").</summary>
    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in TextKey.Decompose(text))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            builder.Append(c is '’' or '‘' ? '\'' : char.ToLowerInvariant(c));
        }
        return DigitGroup().Replace(UnitedStates().Replace(builder.ToString(), "us"), "");
    }

    private static List<string> Words(string folded) =>
        Token().Matches(folded).Select(m => m.Value.EndsWith("'s", StringComparison.Ordinal) ? m.Value[..^2] : m.Value).ToList();

    private static string? ReadPhrase(List<string> words, ref int i)
    {
        for (var length = Math.Min(LongestPhrase, words.Count - i); length > 0; length--)
        {
            if (Phrases.TryGetValue(string.Join(' ', words.Skip(i).Take(length)), out var actor))
            {
                i += length;
                return actor;
            }
        }
        return null;
    }

    /// <summary>Reads "10000", "10k", "1.5 million", "10 thousand", "ten thousand" or "twenty-five" as one value.</summary>
    private static decimal? ReadNumber(List<string> words, ref int i)
    {
        var start = i;
        decimal total = 0, current;
        var spelled = false;
        if (NumberWithSuffix().Match(words[i]) is { Success: true } digits)
        {
            current = decimal.Parse(digits.Groups["value"].Value, CultureInfo.InvariantCulture);
            var suffix = digits.Groups["suffix"].Value;
            i++;
            if (suffix.Length > 0) return Lexicon.Scales.TryGetValue(suffix, out var scale) ? current * scale : current; // 10k; 17th
        }
        else if (Lexicon.Units.TryGetValue(words[i], out var first)) { current = first; spelled = true; i++; }
        else return null;

        for (; i < words.Count; i++)
        {
            var word = words[i];
            if (spelled && Lexicon.Units.TryGetValue(word, out var unit) && (current == 0 || current % 100 == 0 || current % 10 == 0 && unit < 10)) current += unit;
            else if (word is "hundred") current *= 100;
            else if (word is "thousand" or "million" or "billion") { total += current * Lexicon.Scales[word]; current = 0; }
            else break;
        }
        // "one" alone is mostly a pronoun ("one of Russia's allies"), not a count.
        if (spelled && i == start + 1 && words[start] == "one") { i = start; return null; }
        return total + current;
    }

    private static string Stem(string word) => word switch
    {
        { Length: > 5 } when word.EndsWith("ing", StringComparison.Ordinal) => word[..^3],
        { Length: > 4 } when word.EndsWith("ed", StringComparison.Ordinal) => word[..^2],
        { Length: > 4 } when word.EndsWith("ies", StringComparison.Ordinal) => word[..^3] + "y",
        { Length: > 3 } when word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) => word[..^1],
        _ => word,
    };

    [GeneratedRegex(@"\d+(?:\.\d+)?[a-z]*|[a-z]+(?:'[a-z]+)*")]
    private static partial Regex Token();

    [GeneratedRegex(@"^(?<value>\d+(?:\.\d+)?)(?<suffix>[a-z]*)$")]
    private static partial Regex NumberWithSuffix();

    [GeneratedRegex(@"(?<=(?<!\d)\d{1,3}(?:[,\u00A0\u202F ]\d{3})*)[,\u00A0\u202F ](?=\d{3}(?!\d))")]
    private static partial Regex DigitGroup();

    [GeneratedRegex(@"\bu\.\s?s\.?(?=\s|$|[^a-z])")]
    private static partial Regex UnitedStates();
}
