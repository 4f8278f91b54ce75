namespace ClaimTracker.Api.Anchoring;

/// <summary>
/// Converts between .NET string indexes (UTF-16 code units) and Unicode code point offsets,
/// which is what W3C Web Annotation selectors count. They differ past any character outside
/// the Basic Multilingual Plane (emoji, many CJK extensions), which takes two code units.
/// </summary>
public static class CodePoints
{
    /// <summary>The number of code points in <paramref name="text"/> before UTF-16 index <paramref name="utf16Index"/>.</summary>
    public static int FromUtf16(string text, int utf16Index)
    {
        var count = 0;
        for (var i = 0; i < utf16Index; i++)
        {
            if (!char.IsLowSurrogate(text[i]) || i == 0 || !char.IsHighSurrogate(text[i - 1])) count++;
        }
        return count;
    }

    /// <summary>The UTF-16 index of code point offset <paramref name="codePoint"/>, or -1 when it lies past the end.</summary>
    public static int ToUtf16(string text, int codePoint)
    {
        var index = 0;
        for (var seen = 0; seen < codePoint; seen++)
        {
            if (index >= text.Length) return -1;
            index += char.IsSurrogatePair(text, index) ? 2 : 1;
        }
        return index <= text.Length ? index : -1;
    }

    /// <summary>The number of code points in the whole string.</summary>
    public static int Length(string text) => FromUtf16(text, text.Length);

    /// <summary>Up to <paramref name="count"/> code points ending at UTF-16 index <paramref name="end"/>, never splitting a pair.</summary>
    public static string Before(string text, int end, int count)
    {
        var start = end;
        for (var taken = 0; taken < count && start > 0; taken++)
            start -= start >= 2 && char.IsSurrogatePair(text[start - 2], text[start - 1]) ? 2 : 1;
        return text[start..end];
    }

    /// <summary>Up to <paramref name="count"/> code points starting at UTF-16 index <paramref name="start"/>, never splitting a pair.</summary>
    public static string After(string text, int start, int count)
    {
        var end = start;
        for (var taken = 0; taken < count && end < text.Length; taken++)
            end += char.IsSurrogatePair(text, end) ? 2 : 1;
        return text[start..end];
    }
}

/// <summary>
/// Converts many offsets of one text in constant time each, after one pass over it: for the spans of a long text,
/// where <see cref="CodePoints.FromUtf16"/> from the start each time would be quadratic. A text without surrogate
/// pairs (most texts) needs no tables: its code-point offsets and UTF-16 indexes agree.
/// </summary>
public sealed class CodePointMap
{
    private readonly int[]? toUtf16;
    private readonly int[]? fromUtf16;

    public CodePointMap(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0) return;
        toUtf16 = new int[text.Length + 1];
        fromUtf16 = new int[text.Length + 1];
        var codePoint = 0;
        for (var i = 0; i < text.Length; i++)
        {
            fromUtf16[i] = codePoint;
            if (!char.IsLowSurrogate(text[i]) || i == 0 || !char.IsHighSurrogate(text[i - 1])) toUtf16[codePoint++] = i;
        }
        fromUtf16[text.Length] = codePoint;
        toUtf16[codePoint] = text.Length;
    }

    /// <summary>The code-point offset of UTF-16 index <paramref name="index"/> (0 to the text's length).</summary>
    public int FromUtf16(int index) => fromUtf16?[index] ?? index;

    /// <summary>The UTF-16 index of code-point offset <paramref name="codePoint"/> (0 to the text's length in code points).</summary>
    public int ToUtf16(int codePoint) => toUtf16?[codePoint] ?? codePoint;
}
