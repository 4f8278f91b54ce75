using ClaimTracker.Api.Anchoring;

namespace ClaimTracker.Api.Extraction;

/// <summary>Turns drafts into proposals: code-point spans, stance, directness, via chain, layer and confidence.</summary>
internal static class Output
{
    public static List<ProposedAttribution> Build(string text, List<Token> t, List<Draft> drafts, SourceResolver resolver)
    {
        var ordered = drafts
            .OrderBy(d => d.CueStart(t))
            .ThenBy(d => d.Source is { } s ? t[s.From].Start : -1)
            .ToList();
        var index = ordered.Select((d, i) => (d, i)).ToDictionary(p => p.d, p => p.i);
        var result = new List<ProposedAttribution>(ordered.Count);
        var map = new CodePointMap(text);
        foreach (var d in ordered)
        {
            var layer = 1;
            for (var p = d.Parent; p is not null; p = p.Parent) layer++;
            result.Add(new ProposedAttribution(
                Index: index[d],
                Source: d.Source is { } s ? Span(text, map, t[s.From].Start, t[s.To - 1].End) : null,
                Cue: Span(text, map, t[d.CueTokens.From].Start, t[d.CueTokens.To - 1].End),
                Content: Span(text, map, d.ContentStart, d.ContentEnd),
                SourceId: d.SourceId,
                NewSource: d.SourceId is null ? d.NewSource : null,
                Stance: Stance(t, d),
                Direct: d.Direct,
                Via: Via(text, t, d, resolver),
                Layer: layer,
                ParentIndex: d.Parent is null ? null : index[d.Parent],
                Confidence: d.Calibrated,
                Pattern: d.Pattern) { Features = d.Features, CueKey = ProposalContext.CueKey(t, d) });
        }
        return result;
    }

    // One map per text: converting each span from the start of a long text would be quadratic.
    private static TextSpan Span(string text, CodePointMap map, int start, int end) => new(map.FromUtf16(start), map.FromUtf16(end), text[start..end]);

    // The cue's stance, except that a plain assertion hedged in its own words ("may", "could", "likely") speculates.
    private static string Stance(List<Token> t, Draft d)
    {
        if (d.Cue.Stance != Stances.Asserts) return d.Cue.Stance;
        Token? previous = null;
        foreach (var tok in ContentTokens(t, d))
        {
            // "could not verify" states an inability; "could verify" speculates.
            if (previous is not null && Lexicon.Hedges.Contains(previous.Lower) && !(previous.Lower == "could" && tok.Lower == "not")) return Stances.Speculates;
            previous = tok.IsWord ? tok : null;
        }
        return previous is not null && Lexicon.Hedges.Contains(previous.Lower) ? Stances.Speculates : Stances.Asserts;
    }

    // Direct when the content carries the source's words in quotation marks, wholly or in part.
    public static bool IsDirect(List<Token> t, Draft d) =>
        TokensFrom(t, d.ContentStart - 2).TakeWhile(tok => tok.Start <= d.ContentEnd)
            .Any(tok => tok.IsQuote && tok.End >= d.ContentStart); // a mark ending where the content starts ('' is two)

    private static IEnumerable<Token> ContentTokens(List<Token> t, Draft d) =>
        TokensFrom(t, d.ContentStart).TakeWhile(tok => tok.Start < d.ContentEnd).Where(tok => tok.End <= d.ContentEnd);

    // Tokens are in text order, so the ones starting at or after a position are found by binary search, not a scan of the text.
    private static IEnumerable<Token> TokensFrom(List<Token> t, int position)
    {
        var (lo, hi) = (0, t.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (t[mid].Start < position) lo = mid + 1; else hi = mid;
        }
        for (var k = lo; k < t.Count; k++) yield return t[k];
    }

    // From the source toward the publisher: relays the text names, then each enclosing attribution's source.
    private static List<ViaHop> Via(string text, List<Token> t, Draft d, SourceResolver resolver)
    {
        var hops = new List<ViaHop>();
        for (var layer = d; layer is not null; layer = layer.Parent)
        {
            if (layer != d) hops.Add(Hop(text, t, layer));
            foreach (var relay in layer.Addressee is { } a && IsNewsOrganisation(t, text, a, resolver) ? layer.Via.Append(a) : layer.Via)
            {
                var (known, proposed) = resolver.Resolve(t, text, relay, () => null);
                hops.Add(new ViaHop(known?.Id, known?.Name ?? proposed?.Name ?? text[t[relay.From].Start..t[relay.To - 1].End]));
            }
        }
        return hops;
    }

    private static bool IsNewsOrganisation(List<Token> t, string text, TokenRange r, SourceResolver resolver) =>
        resolver.Resolve(t, text, r, () => null) is var (known, proposed)
        && (known?.Kind ?? proposed?.Kind) is "news_agency" or "news_outlet" or "state_media";

    private static ViaHop Hop(string text, List<Token> t, Draft d) =>
        new(d.SourceId, d.NewSource?.Name ?? (d.Source is { } s ? text[t[s.From].Start..t[s.To - 1].End] : "unnamed source"));
}
