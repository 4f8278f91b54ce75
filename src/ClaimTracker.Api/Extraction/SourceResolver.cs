namespace ClaimTracker.Api.Extraction;

/// <summary>
/// Matches a source phrase to the registry by name, slug or alias (case-, accent- and "the"-insensitive): the whole
/// phrase, then a parenthetical acronym, then its head ("North Korea’s official Korean Central News Agency"), then
/// the body a spokesperson speaks for. "State media" goes to the state media of the country in question.
/// </summary>
internal sealed class SourceResolver
{
    private readonly Dictionary<string, KnownSource> byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KnownSource> stateMedia = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> countryByKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> firstWords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KnownSource> governments = new(StringComparer.Ordinal);

    public SourceResolver(IReadOnlyList<KnownSource> registry)
    {
        foreach (var source in registry)
        {
            foreach (var key in source.Aliases.Prepend(source.Slug).Prepend(source.Name).Select(Names.Key))
            {
                byKey.TryAdd(key, source);
                firstWords.Add(key.Split(' ')[0]);
            }
            if (source.Kind == "state_media" && source.Country is { } country) stateMedia.TryAdd(country, source);
            if (source.Kind == "government" && source.Country is { } code && governments.TryAdd(code, source))
                foreach (var key in source.Aliases.Prepend(source.Name).Select(Names.Key)) countryByKey.TryAdd(key, code);
        }
    }

    /// <summary>Whether some registry name starts with this normalised word, so a longer match is worth trying.</summary>
    public bool StartsName(string wordKey) => firstWords.Contains(wordKey);

    /// <summary>The registry source a normalised name denotes, if any.</summary>
    public KnownSource? Find(string key) => byKey.GetValueOrDefault(key);

    /// <summary>The country a normalised name denotes, through the built-in table or the registry's governments.</summary>
    public string? CountryOf(string key) => Countries.CodeOf(key) ?? countryByKey.GetValueOrDefault(key);

    public bool HasStateMedia(string country) => stateMedia.ContainsKey(country);

    /// <summary>Resolves a phrase; <paramref name="stateMediaCountry"/> decides whose "state media" is meant.</summary>
    public (KnownSource? Known, ProposedSource? Proposed) Resolve(List<Token> t, string text, TokenRange r, Func<string?> stateMediaCountry)
    {
        var words = Words(t, r);
        if (Find(Names.Key(string.Join(' ', words))) is { } whole) return (whole, null);
        // "a Pentagon spokesman", "one analyst": articles and numbers say nothing about who.
        while (words.Count > 1 && words[0].ToLowerInvariant() is "a" or "an" or "one" or "both" or "some") words.RemoveAt(0);
        foreach (var acronym in Parenthesised(t, r))
            if (Find(Names.Key(acronym)) is { } known) return (known, null);
        var firstPreposition = words.FindIndex(w => w is "of" or "for" or "at" or "from" or "in" or "with");
        var spokesperson = words.Any(w => w.StartsWith("spokes", StringComparison.OrdinalIgnoreCase));
        for (var from = 1; from < words.Count; from++)
        {
            // A name after "of/for/at" is where the speaker works ("officials in Seoul"), except for spokespeople.
            if (firstPreposition >= 0 && from > firstPreposition && !spokesperson) break;
            if (Find(Names.Key(string.Join(' ', words.Skip(from)))) is { } suffix) return (suffix, null);
        }
        if (words.Count >= 2 && words[^1].StartsWith("spokes", StringComparison.OrdinalIgnoreCase)
            && Find(Names.Key(string.Join(' ', words.Take(words.Count - 1)))) is { } body)
            return (body, null);
        var phrase = Names.Key(string.Join(' ', words));
        if (t[Phrases.Head(t, r)].Lower is "government" or "administration" or "authorities" or "leadership" or "regime"
            && Countries.First(t, r.From, r.To, CountryOf) is { } named && governments.TryGetValue(named.Code, out var government))
            return (government, null);
        if (SourceWords.StateMediaPhrases.Any(p => phrase.Contains(p, StringComparison.Ordinal)))
        {
            var country = Countries.First(t, r.From, r.To, CountryOf)?.Code ?? stateMediaCountry();
            if (country is not null && stateMedia.TryGetValue(country, out var media)) return (media, null);
        }
        return (null, SourceKinds.Propose(t, text, r, this));
    }

    /// <summary>One phrase per member of a joint source ("The United States and South Korea"), or null when it is one.</summary>
    public List<TokenRange>? SplitJoint(List<Token> t, TokenRange r)
    {
        var parts = new List<TokenRange>();
        var from = r.From;
        for (var k = r.From; k <= r.To; k++)
        {
            // "Minister of Natural Resources and Ecology", "officials in Seoul and Washington": one source.
            if (k < r.To && t[k].Lower is "of" or "in" or "at" or "for" or "from" or "with") return null;
            if (k < r.To && !(t[k].Lower == "and" || t[k].IsPunct(","))) continue;
            parts.Add(new TokenRange(from, k));
            from = k + 1;
        }
        if (parts.Count < 2 || Find(Names.Key(string.Join(' ', Words(t, r)))) is not null) return null;
        foreach (var part in parts)
        {
            if (part.To <= part.From || !Phrases.IsNounPhrase(t, part)) return null;
            var key = Names.Key(string.Join(' ', Words(t, part)));
            var standsAlone = Find(key) is not null || CountryOf(key) is not null || SourceWords.Unnamed.Contains(t[part.To - 1].Lower)
                || part.To - part.From <= 3 && t[part.To - 1].IsCapitalized;
            if (!standsAlone) return null;
        }
        return parts;
    }

    public static List<string> Words(List<Token> t, TokenRange r)
    {
        var words = new List<string>(r.To - r.From);
        var depth = 0;
        for (var k = r.From; k < r.To; k++)
        {
            if (t[k].IsPunct("(")) depth++;
            else if (t[k].IsPunct(")")) depth--;
            else if (depth == 0 && t[k].IsWord) words.Add(t[k].Text);
        }
        return words;
    }

    private static IEnumerable<string> Parenthesised(List<Token> t, TokenRange r)
    {
        for (var k = r.From; k + 2 < r.To; k++)
            if (t[k].IsPunct("(") && t[k + 2].IsPunct(")") && t[k + 1].IsWord) yield return t[k + 1].Text;
    }
}
