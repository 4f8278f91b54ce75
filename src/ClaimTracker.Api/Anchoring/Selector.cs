namespace ClaimTracker.Api.Anchoring;

/// <summary>
/// W3C Web Annotation selectors for a quote: where it stands (<c>position</c>, code points, end
/// exclusive) and the words themselves with a little context (<c>quote</c>), so that a client
/// can find the span again even in a copy of the text whose offsets differ.
/// </summary>
public sealed record Selector(TextPositionSelector Position, TextQuoteSelector Quote);

/// <summary>A span of the document text in Unicode code points; <c>end</c> is exclusive.</summary>
public sealed record TextPositionSelector(int Start, int End);

/// <summary>The exact words, with up to 32 code points of the text before and after them.</summary>
public sealed record TextQuoteSelector(string Exact, string Prefix, string Suffix);
