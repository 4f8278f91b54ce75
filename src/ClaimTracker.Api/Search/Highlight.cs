using System.Globalization;
using System.Text;

namespace ClaimTracker.Api.Search;

/// <summary>
/// Marks matches in a field between <see cref="Snippet.Open"/> and <see cref="Snippet.Close"/> as FTS5's highlight() does,
/// for PostgreSQL, whose ts_headline marks every occurrence of each word of a phrase apart: a phrase is marked where its
/// words follow each other, as one span, and a substring wherever it occurs. Case- and accent-blind: the field is folded a
/// character at a time (lower case, marks dropped, as claim_fold folds), remembering where each folded one came from.
/// </summary>
internal static class Highlight
{
    /// <summary>Marks each place where a term occurs as a substring (terms under 3 characters find nothing, as in the index).</summary>
    public static string Substrings(string text, IEnumerable<string> terms)
    {
        var (folded, origin) = Fold(text);
        var marked = new bool[text.Length];
        foreach (var term in terms.Select(t => Fold(t).Folded).Where(t => t.Length >= 3))
            for (var at = folded.IndexOf(term, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(term, at + 1, StringComparison.Ordinal))
                Mark(marked, origin[at], origin[at + term.Length - 1]);
        return Render(text, marked);
    }

    /// <summary>Marks each place where a term's words follow each other (the last a prefix when the term is one).</summary>
    public static string Words(string text, IEnumerable<(string Text, bool Prefix)> terms)
    {
        var tokens = Tokens(text);
        var marked = new bool[text.Length];
        foreach (var (term, prefix) in terms)
        {
            var words = Tokens(term).Select(t => t.Folded).ToList();
            if (words.Count == 0) continue;
            for (var start = 0; start + words.Count <= tokens.Count; start++)
            {
                var matches = true;
                for (var i = 0; i < words.Count && matches; i++)
                    matches = prefix && i == words.Count - 1
                        ? tokens[start + i].Folded.StartsWith(words[i], StringComparison.Ordinal)
                        : tokens[start + i].Folded == words[i];
                if (matches) Mark(marked, tokens[start].Start, tokens[start + words.Count - 1].End);
            }
        }
        return Render(text, marked);
    }

    private static void Mark(bool[] marked, int first, int last)
    {
        for (var i = first; i <= last; i++) marked[i] = true;
    }

    private static string Render(string text, bool[] marked)
    {
        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (marked[i] && (i == 0 || !marked[i - 1])) result.Append(Snippet.Open);
            result.Append(text[i]);
            if (marked[i] && (i == text.Length - 1 || !marked[i + 1])) result.Append(Snippet.Close);
        }
        return result.ToString();
    }

    /// <summary>Runs of letters, digits and marks, folded, with the first and last character of each in the text.</summary>
    private static List<(string Folded, int Start, int End)> Tokens(string text)
    {
        var tokens = new List<(string, int, int)>();
        for (var i = 0; i < text.Length;)
        {
            if (!IsWordCharacter(text, i)) { i++; continue; }
            var start = i;
            while (i < text.Length && IsWordCharacter(text, i)) i++;
            tokens.Add((Fold(text[start..i]).Folded, start, i - 1));
        }
        return tokens;
    }

    private static bool IsWordCharacter(string text, int i) =>
        char.IsLetterOrDigit(text, i) || char.IsSurrogate(text[i])
        || CharUnicodeInfo.GetUnicodeCategory(text[i]) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static (string Folded, List<int> Origin) Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        var origin = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
            foreach (var c in text[i].ToString().Normalize(NormalizationForm.FormD))
                if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                {
                    folded.Append(char.ToLowerInvariant(c));
                    origin.Add(i);
                }
        return (folded.ToString(), origin);
    }
}
