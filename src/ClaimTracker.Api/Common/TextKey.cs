using System.Globalization;
using System.Text;

namespace ClaimTracker.Api.Common;

/// <summary>
/// Folds a name for matching: case, accents, punctuation and spacing do not count, so
/// "Kcna", "KCNA" and "K.C.N.A." meet, and "Pyongyang" finds "P'yŏngyang".
/// </summary>
public static class TextKey
{
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in Decompose(text))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0) builder.Append(' ');
                builder.Append(char.ToLowerInvariant(c));
                pendingSpace = false;
            }
            else if (char.IsWhiteSpace(c) || c is '-' or '_' or '/' or '–' or '—')
            {
                pendingSpace = true;
            }
            // Other punctuation (dots, apostrophes, quotes) vanishes: "U.S." folds to "us".
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Canonical decomposition (NFD) of any text. .NET's normaliser throws on the noncharacter U+FFFE, which a query
    /// value or an imported field may hold; it carries no meaning for matching, so it is dropped first.
    /// </summary>
    public static string Decompose(string text) =>
        text.Replace("\ufffe", "", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
}
