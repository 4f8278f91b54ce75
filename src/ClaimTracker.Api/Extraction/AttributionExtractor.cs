using ClaimTracker.Api.Anchoring;

namespace ClaimTracker.Api.Extraction;

/// <summary>
/// Proposes who-said-what for English news text, anchored to the text, for a fact-checker to accept, edit or reject.
/// Hand-written rules over words and punctuation: deterministic, offline, and fast enough to run on every upload.
/// </summary>
public sealed class AttributionExtractor
{
    private readonly SourceResolver resolver;

    public AttributionExtractor(IReadOnlyList<KnownSource> registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        resolver = new SourceResolver(registry);
    }

    public IReadOnlyList<ProposedAttribution> Extract(string text, ExtractionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokenizer.Tokenize(text);
        var sentences = Sentences.Split(tokens);
        var matcher = new CueMatcher(tokens, text);
        var found = new List<Draft>();
        foreach (var sentence in sentences) matcher.Match(sentence, found);

        var drafts = found.SelectMany(d => d.Source is { } s && resolver.SplitJoint(tokens, s) is { } members
            ? members.Select(d.WithSource) : [d]).ToList();
        var mentions = Mentions.Scan(tokens, text, resolver);
        var documentCountry = new Lazy<string?>(() => StateMediaCountry(tokens, sentences.Count > 0 ? sentences[0].From : 0, tokens.Count)
            ?? Known(context?.DatelineCountry) ?? Known(context?.PublisherCountry));
        foreach (var draft in drafts.OrderBy(d => d.CueStart(tokens)))
        {
            var sentence = sentences.First(s => s.From <= draft.CueTokens.From && draft.CueTokens.From < s.To);
            ResolveSource(tokens, text, draft, () => StateMediaCountry(tokens, sentence.From, sentence.To) ?? documentCountry.Value, mentions);
        }
        Nest(tokens, drafts);
        return Output.Build(text, tokens, drafts, resolver);
    }

    private string? Known(string? country) => country is not null && resolver.HasStateMedia(country) ? country : null;

    // The first country named in tokens [from, to) whose state media the registry knows.
    private string? StateMediaCountry(List<Token> t, int from, int to)
    {
        while (from < to && Countries.First(t, from, to, resolver.CountryOf) is { } hit)
        {
            if (resolver.HasStateMedia(hit.Code)) return hit.Code;
            from = hit.At + 1;
        }
        return null;
    }

    private void ResolveSource(List<Token> t, string text, Draft draft, Func<string?> stateMediaCountry, List<Mention> mentions)
    {
        if (draft.Source is not { } source)
        {
            draft.NewSource = new ProposedSource("unnamed source", "unnamed");
            return;
        }
        var first = t[source.From];
        if (source.To - source.From == 1 && Lexicon.SubjectForm.TryGetValue(first.Lower, out var pronoun))
        {
            // "he said": the nearest earlier person; the quoted words themselves are no antecedent.
            var antecedent = Mentions.Antecedent(mentions, pronoun, first.Start, draft.ContentStart, draft.ContentEnd);
            draft.SourceId = antecedent?.SourceId;
            draft.NewSource = antecedent is null ? new ProposedSource(first.Text, "unnamed") : antecedent.Proposed;
            draft.SourceKind = antecedent?.Kind ?? "unnamed";
            draft.Confidence -= antecedent is null ? 0.3 : 0.12;
            return;
        }
        var (known, proposed) = resolver.Resolve(t, text, source, stateMediaCountry);
        draft.SourceId = known?.Id;
        draft.NewSource = proposed;
        draft.SourceKind = known?.Kind ?? proposed?.Kind ?? "unnamed";
        var head = t[Phrases.Head(t, source)].Lower;
        draft.Plural = draft.SourceKind is "unnamed" or "collective" && head.EndsWith('s') || head is "police" or "people" or "authorities";
        if (known is not null) draft.Confidence += 0.05;
        mentions.Add(new Mention(first.Start, draft.SourceId, draft.NewSource, draft.SourceKind, draft.Plural));
    }

    // An attribution whose cue lies inside another's content is a layer of it: Kim called for X, according to KCNA.
    private static void Nest(List<Token> t, List<Draft> drafts)
    {
        foreach (var inner in drafts)
        {
            var cue = inner.CueStart(t);
            inner.Parent = drafts
                .Where(outer => outer != inner && outer.ContentStart <= cue && cue < outer.ContentEnd
                    && outer.ContentEnd - outer.ContentStart > inner.ContentEnd - inner.ContentStart)
                .MinBy(outer => outer.ContentEnd - outer.ContentStart);
        }
    }
}
