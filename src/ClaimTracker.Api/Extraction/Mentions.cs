namespace ClaimTracker.Api.Extraction;

/// <summary>Something a pronoun can point back to: a registry name, a titled person, or an earlier source.</summary>
internal sealed record Mention(int Start, string? SourceId, ProposedSource? Proposed, string Kind, bool Plural);

internal static class Mentions
{
    private const int LongestName = 6;

    /// <summary>Registry names and titled person names outside quotation marks, in text order.</summary>
    public static List<Mention> Scan(List<Token> t, string text, SourceResolver resolver)
    {
        var found = new List<Mention>();
        for (var k = 0; k < t.Count; k++)
        {
            var tok = t[k];
            if (!tok.IsWord || tok.InQuote) continue;
            if (SourceWords.Titles.Contains(tok.Lower) && TitledName(t, k) is { } name)
            {
                var (known, proposed) = resolver.Resolve(t, text, name, () => null);
                var person = known?.Kind ?? proposed?.Kind;
                if (person == "person") { found.Add(new Mention(t[name.From].Start, known?.Id, proposed, "person", false)); k = name.To - 1; continue; }
            }
            // "Experts in Seoul were sceptical. They said …": a plural group a later "they" can stand for.
            if (SourceWords.Unnamed.Contains(tok.Lower) && tok.Lower.EndsWith('s'))
            {
                found.Add(new Mention(tok.Start, null, new ProposedSource(tok.Text, "unnamed"), "unnamed", true));
                continue;
            }
            if (tok.IsCapitalized && resolver.StartsName(Names.Key(tok.Text)) && Registered(t, k, resolver) is { } match)
            {
                found.Add(new Mention(tok.Start, match.Source.Id, null, match.Source.Kind, false));
                k = match.End - 1;
            }
        }
        return found;
    }

    /// <summary>The nearest earlier mention a pronoun can stand for: he/she a person, it an institution, they a group.</summary>
    public static Mention? Antecedent(IEnumerable<Mention> mentions, string pronoun, int before, int skipFrom, int skipTo) =>
        mentions.Where(m => m.Start < before && (m.Start < skipFrom || m.Start >= skipTo) && Fits(m, pronoun))
            .MaxBy(m => m.Start);

    private static bool Fits(Mention m, string pronoun) => pronoun switch
    {
        "he" or "she" => m.Kind == "person",
        "it" => m.Kind is not ("person" or "collective") && !m.Plural,
        "they" => m.Plural || m.Kind == "collective",
        _ => false,
    };

    // The longest registry name starting at token k.
    private static (KnownSource Source, int End)? Registered(List<Token> t, int k, SourceResolver resolver)
    {
        for (var end = Math.Min(t.Count, k + LongestName); end > k; end--)
        {
            if (Enumerable.Range(k, end - k).Any(i => !t[i].IsWord)) continue;
            var key = Names.Key(string.Join(' ', Enumerable.Range(k, end - k).Select(i => t[i].Text)));
            if (resolver.Find(key) is { } source) return (source, end);
        }
        return null;
    }

    // "Foreign Minister Cho Tae-yul", "leader Kim Jong-un", "Minister of … Ecology Alexander Kozlov".
    private static TokenRange? TitledName(List<Token> t, int title)
    {
        var end = title + 1;
        while (end < t.Count && end < title + 10 && (t[end].IsCapitalized || t[end].Lower is "of" or "and") && !t[end].InQuote) end++;
        return end > title + 1 && t[end - 1].IsCapitalized ? new TokenRange(title, end) : null;
    }
}
