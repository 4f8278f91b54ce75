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

    /// <summary>
    /// The proposals whose confidence is at least <paramref name="minConfidence"/>. Without one, the hand-written
    /// constructions' at or above <see cref="ConfidenceModel.DefaultRulesMinimum"/> and learned cues' at or above
    /// <see cref="ConfidenceModel.DefaultMinimum"/>.
    /// </summary>
    public IReadOnlyList<ProposedAttribution> Extract(string text, ExtractionContext? context = null, double? minConfidence = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokenizer.Tokenize(text);
        var sentences = Sentences.Split(tokens);
        var matcher = new CueMatcher(tokens, text);
        var found = new List<Draft>();
        foreach (var sentence in sentences) matcher.Match(sentence, found);

        var drafts = found.SelectMany(d => d.Source is { } s && resolver.SplitJoint(tokens, s) is { } members
                ? members.Select(d.WithSource) : [d])
            .Select(d => d.Source is { } s && d.Antecedent is null && Phrases.NamesNoOne(tokens, s)
                ? d.WithoutSource() : d)
            .ToList();
        var mentions = Mentions.Scan(tokens, text, resolver);
        var documentCountry = new Lazy<string?>(() => StateMediaCountry(tokens, sentences.Count > 0 ? sentences[0].From : 0, tokens.Count)
            ?? Known(context?.DatelineCountry) ?? Known(context?.PublisherCountry));
        foreach (var draft in drafts.OrderBy(d => d.CueStart(tokens)))
        {
            draft.SentenceIndex = SentenceOf(sentences, draft.CueTokens.From);
            var sentence = draft.Sentence = sentences[draft.SentenceIndex];
            ResolveSource(tokens, text, draft, () => StateMediaCountry(tokens, sentence.From, sentence.To) ?? documentCountry.Value, mentions);
            var head = draft.CueTokens.To - 1;
            if (tokens[head].IsWord && LearnedCues.Priors.ContainsKey(tokens[head].Lower) && tokens[head].Lower is not ("to" or "according"))
                draft.CueProbability = CueModel.Probability(tokens, head, sentence);
        }
        Nest(tokens, drafts);
        return Output.Build(text, tokens, Calibrate(tokens, drafts, minConfidence), resolver);
    }

    // Scores every draft, keeps those at or above the minimum, and hangs a kept draft whose parent was dropped on the
    // nearest kept ancestor, so layers and parent indexes stay consistent.
    private static List<Draft> Calibrate(List<Token> t, List<Draft> drafts, double? minConfidence)
    {
        var perSentence = drafts.CountBy(d => d.SentenceIndex).ToDictionary();
        foreach (var d in drafts)
        {
            d.Direct = Output.IsDirect(t, d);
            d.Features = ConfidenceModel.Features(t, d, perSentence[d.SentenceIndex]);
            var rules = Math.Clamp(d.Confidence - (d.Parent is null ? 0 : 0.03), 0.05, 0.99);
            d.Calibrated = Math.Round(ConfidenceModel.Fitted ? ConfidenceModel.Score(d.Features) : rules, 2);
        }
        bool Keep(Draft d) => d.Calibrated >= (minConfidence ?? ConfidenceModel.DefaultMinimumFor(d.Pattern));
        var kept = drafts.Where(Keep).ToList();
        foreach (var d in kept)
            while (d.Parent is { } p && !Keep(p)) d.Parent = p.Parent;
        return kept;
    }

    // Sentences are in text order: a binary search finds the one holding a token, where a scan per draft would be quadratic.
    private static int SentenceOf(List<Sentence> sentences, int token)
    {
        var (lo, hi) = (0, sentences.Count - 1);
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (sentences[mid].From <= token) lo = mid; else hi = mid - 1;
        }
        return sentences[lo].From <= token && token < sentences[lo].To
            ? lo : sentences.FindIndex(s => s.From <= token && token < s.To);
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
        if (draft.Named is not { } source)
        {
            draft.NewSource = new ProposedSource("unnamed source", "unnamed");
            return;
        }
        var first = t[source.From];
        var word = Names.PronounOf(first.Lower) ?? first.Lower;
        if (source.To - source.From == 1 && Lexicon.SubjectForm.TryGetValue(word, out var pronoun))
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
    // The shortest such content wins, the earlier draft on a tie. Only contents starting at most the longest content's length
    // before the cue can hold it, so each cue looks at its neighbours, not at every draft of the document.
    private static void Nest(List<Token> t, List<Draft> drafts)
    {
        var byStart = Enumerable.Range(0, drafts.Count).OrderBy(i => drafts[i].ContentStart).ToArray();
        var longest = drafts.Count == 0 ? 0 : drafts.Max(d => d.ContentEnd - d.ContentStart);
        foreach (var inner in drafts)
        {
            var cue = inner.CueStart(t);
            var (best, bestLength, bestIndex) = ((Draft?)null, 0, 0);
            var (lo, hi) = (0, byStart.Length);
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (drafts[byStart[mid]].ContentStart <= cue) lo = mid + 1; else hi = mid;
            }
            for (var k = lo - 1; k >= 0 && drafts[byStart[k]].ContentStart >= cue - longest; k--)
            {
                var (i, outer) = (byStart[k], drafts[byStart[k]]);
                var length = outer.ContentEnd - outer.ContentStart;
                if (outer == inner || cue >= outer.ContentEnd || length <= inner.ContentEnd - inner.ContentStart) continue;
                if (best is null || length < bestLength || (length == bestLength && i < bestIndex)) (best, bestLength, bestIndex) = (outer, length, i);
            }
            inner.Parent = best;
        }
    }
}
