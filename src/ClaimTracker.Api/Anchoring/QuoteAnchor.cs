namespace ClaimTracker.Api.Anchoring;

/// <summary>Hints that pick one occurrence of a quote that appears more than once.</summary>
public sealed record AnchorHint(string? Prefix = null, string? Suffix = null, int? Start = null);

/// <summary>The outcome of locating a quote: a selector, or why none could be chosen.</summary>
public abstract record AnchorResult
{
    public sealed record Found(Selector Selector) : AnchorResult;
    public sealed record Absent : AnchorResult;
    public sealed record Ambiguous(IReadOnlyList<TextPositionSelector> Candidates) : AnchorResult;

    /// <summary>The quote occurs, but no occurrence has the hint's prefix and suffix around it.</summary>
    public sealed record HintUnmatched(IReadOnlyList<TextPositionSelector> Candidates) : AnchorResult;
}

/// <summary>Locates a quote in a document's text, exactly as written (ordinal comparison).</summary>
public static class QuoteAnchor
{
    public const int ContextLength = 32;

    /// <summary>
    /// Finds <paramref name="quote"/> as written; failing that, with typographic variants folded
    /// (curly and straight quotes, dashes, no-break spaces), since a quote pasted from elsewhere
    /// often differs only there. Folding maps one character to one, so offsets stay exact.
    /// </summary>
    public static AnchorResult Locate(string text, string quote, AnchorHint? hint = null)
    {
        var exact = Locate(text, text, quote, hint);
        if (exact is not AnchorResult.Absent) return exact;
        var foldedHint = hint is null ? null : hint with { Prefix = FoldOptional(hint.Prefix), Suffix = FoldOptional(hint.Suffix) };
        var folded = Locate(text, Fold(text), Fold(quote), foldedHint);
        if (folded is not AnchorResult.Absent || hint is not ({ Prefix.Length: > 0 } or { Suffix.Length: > 0 })) return folded;
        // Say which constraint failed: the quote is there, only the context the client sent around it is not.
        return Locate(text, quote, hint with { Prefix = null, Suffix = null }) switch
        {
            AnchorResult.Found found => new AnchorResult.HintUnmatched([found.Selector.Position]),
            AnchorResult.Ambiguous ambiguous => new AnchorResult.HintUnmatched(ambiguous.Candidates),
            var none => none,
        };
    }

    private static AnchorResult Locate(string text, string searched, string quote, AnchorHint? hint)
    {
        if (quote.Length == 0) return new AnchorResult.Absent();
        var matches = Occurrences(searched, quote)
            .Where(i => hint?.Prefix is not { Length: > 0 } prefix || searched.AsSpan(0, i).EndsWith(prefix, StringComparison.Ordinal))
            .Where(i => hint?.Suffix is not { Length: > 0 } suffix || searched.AsSpan(i + quote.Length).StartsWith(suffix, StringComparison.Ordinal))
            .ToList();
        if (matches.Count == 0) return new AnchorResult.Absent();

        if (matches.Count > 1 && hint?.Start is int start)
        {
            // A position hint picks the nearest occurrence, as the W3C model treats positions as hints.
            var nearest = matches.MinBy(i => Math.Abs(CodePoints.FromUtf16(text, i) - start));
            matches = matches.Where(i => i == nearest).ToList();
        }
        if (matches.Count > 1)
            return new AnchorResult.Ambiguous(matches.Select(i => Position(text, i, quote.Length)).ToList());

        return new AnchorResult.Found(SelectorAt(text, matches[0], quote.Length));
    }

    /// <summary>The selector for the span at UTF-16 index <paramref name="index"/> of <paramref name="length"/> code units.</summary>
    public static Selector SelectorAt(string text, int index, int length) => new(
        Position(text, index, length),
        new TextQuoteSelector(
            text.Substring(index, length),
            CodePoints.Before(text, index, ContextLength),
            CodePoints.After(text, index + length, ContextLength)));

    private static TextPositionSelector Position(string text, int index, int length)
    {
        var start = CodePoints.FromUtf16(text, index);
        return new TextPositionSelector(start, start + CodePoints.Length(text.Substring(index, length)));
    }

    private static string? FoldOptional(string? value) => value is null ? null : Fold(value);

    private static string Fold(string value) => string.Create(value.Length, value, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = source[i] switch
            {
                '\u2018' or '\u2019' or '\u201A' or '\u2032' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u2033' or '\u00AB' or '\u00BB' => '"',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
                '\u00A0' or '\u202F' or '\u2007' => ' ',
                var c => c,
            };
        }
    });

    private static IEnumerable<int> Occurrences(string text, string quote)
    {
        for (var i = text.IndexOf(quote, StringComparison.Ordinal); i >= 0; i = text.IndexOf(quote, i + 1, StringComparison.Ordinal))
            yield return i;
    }
}
