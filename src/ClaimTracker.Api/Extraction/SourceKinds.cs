namespace ClaimTracker.Api.Extraction;

/// <summary>Guesses SPEC.md's kind and a display name for a source the registry does not know.</summary>
internal static class SourceKinds
{
    public static ProposedSource Propose(List<Token> t, string text, TokenRange r, SourceResolver resolver)
    {
        var words = SourceResolver.Words(t, r);
        if (PersonAfterTitle(words) is { } person) return new ProposedSource(person, "person");
        var phrase = Names.Key(string.Join(' ', words));
        var head = t[Phrases.Head(t, r)];
        // "a NATO spokeswoman" speaks for NATO: propose the body, as a registry body would have been resolved.
        var body = words.Where(w => !Lexicon.Determiners.Contains(Names.Key(w)) && !w.StartsWith("spokes", StringComparison.OrdinalIgnoreCase)).ToList();
        if (head.Lower.StartsWith("spokes", StringComparison.Ordinal) && body.Count is > 0 and <= 3 && body.Any(w => char.IsUpper(w[0])))
            return new ProposedSource(string.Join(' ', body), Guess(Names.Key(string.Join(' ', body)), body[^1], body, resolver));
        var kind = Guess(phrase, head.Text, words, resolver);
        return new ProposedSource(kind == "person" ? PersonName(words) : DisplayName(t, text, r), kind);
    }

    // "Japanese Prime Minister Shigeru Ishiba", "chief cabinet secretary Yoshimasa Hayashi": the name after the last title.
    private static string? PersonAfterTitle(List<string> words)
    {
        var title = words.FindLastIndex(w => SourceWords.Titles.Contains(Names.Key(w)));
        if (title < 0 || title == words.Count - 1 || words.Count - title - 1 > 4) return null;
        var name = words.Skip(title + 1).ToList();
        return name.All(w => char.IsUpper(w[0]) && !SourceWords.InstitutionWords.Contains(Names.Key(w))) ? string.Join(' ', name) : null;
    }

    private static string Guess(string phrase, string headWord, List<string> words, SourceResolver resolver)
    {
        var lowerWords = words.Select(w => Names.Key(w)).ToList();
        var head = Names.Key(headWord);
        var capitalised = char.IsUpper(headWord[0]);
        bool Has(IEnumerable<string> keys) => keys.Any(k => k.Contains(' ') ? phrase.Contains(k, StringComparison.Ordinal) : lowerWords.Contains(k));
        if (SourceWords.StateMediaPhrases.Any(p => phrase.Contains(p, StringComparison.Ordinal))) return "state_media";
        if (SourceWords.Unnamed.Contains(head) || Lexicon.Determiners.Contains(head)) return "unnamed";
        if (SourceWords.Collectives.Contains(phrase) || lowerWords.Count > 1 && lowerWords[0] == "western" && head.EndsWith('s')) return "collective";
        if (Has(SourceWords.NewsAgencyWords)) return phrase.Contains("state", StringComparison.Ordinal) ? "state_media" : "news_agency";
        if (Has(SourceWords.GovernmentBodyWords)) return "government_body";
        if (Countries.IsGovernmentName(phrase) || resolver.CountryOf(phrase) is not null && capitalised
            || head is "government" or "administration" or "authorities" or "regime") return "government";
        if (Has(SourceWords.NewsOutletWords)) return "news_outlet";
        if (!capitalised) return head is "report" or "study" or "survey" or "poll" or "analysis" ? "organization" : "unnamed";
        if (IsPersonName(words)) return "person";
        return "organization";
    }

    // Two or three capitalised words that are not an institution ("Alexander Kozlov"), or a lone capitalised word that
    // is not an acronym ("Kozlov"). Titled names ("Foreign Minister Cho Tae-yul") are found before any guessing.
    private static bool IsPersonName(List<string> words)
    {
        var name = NameRun(words);
        if (name.Count == 0 || name.Any(w => SourceWords.InstitutionWords.Contains(w.ToLowerInvariant()))) return false;
        if (name.Count == 1) return name[0].Any(char.IsLower) && words.Count == 1;
        return name.Count <= 3 && words.Count == name.Count;
    }

    private static string PersonName(List<string> words) => string.Join(' ', NameRun(words));

    // The capitalised words that end the phrase, less any title or institution word leading them.
    private static List<string> NameRun(List<string> words)
    {
        var start = words.Count;
        while (start > 0 && char.IsUpper(words[start - 1][0])) start--;
        while (start < words.Count - 1 && (SourceWords.Titles.Contains(Names.Key(words[start])) || SourceWords.InstitutionWords.Contains(Names.Key(words[start]))))
            start++;
        return words.Skip(start).ToList();
    }

    // The phrase as written, less a leading indefinite article: "a source familiar with …" → "source familiar with …".
    private static string DisplayName(List<Token> t, string text, TokenRange r)
    {
        var from = t[r.From].Lower is "a" or "an" && r.To - r.From > 1 ? r.From + 1 : r.From;
        return text[t[from].Start..t[r.To - 1].End];
    }
}
