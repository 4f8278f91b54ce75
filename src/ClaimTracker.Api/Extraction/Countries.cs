namespace ClaimTracker.Api.Extraction;

/// <summary>
/// Country names, adjectives and seats of government, mapped to ISO 3166-1 alpha-2 codes, so that "North Korean state
/// media" and "Beijing" can be placed. The registry adds its governments' aliases on top of these.
/// </summary>
internal static class Countries
{
    private static readonly (string Code, string Names)[] Table =
    [
        ("US", "united states|us|u.s.|america|american|washington|white house"),
        ("KP", "north korea|north korean|pyongyang|dprk"),
        ("KR", "south korea|south korean|seoul"),
        ("RU", "russia|russian|moscow|kremlin"),
        ("CN", "china|chinese|beijing"),
        ("JP", "japan|japanese|tokyo"),
        ("UA", "ukraine|ukrainian|kyiv|kiev"),
        ("FR", "france|french|paris"),
        ("GB", "britain|british|united kingdom|uk|london"),
        ("DE", "germany|german|berlin"),
        ("IR", "iran|iranian|tehran"),
        ("IL", "israel|israeli"),
        ("IN", "india|indian|new delhi"),
        ("TW", "taiwan|taiwanese|taipei"),
        ("SY", "syria|syrian|damascus"),
        ("TR", "turkey|turkish|ankara"),
        ("VN", "vietnam|vietnamese|hanoi"),
        ("PH", "philippines|philippine|manila"),
        ("AU", "australia|australian|canberra"),
        ("CA", "canada|canadian|ottawa"),
        ("BY", "belarus|belarusian|minsk"),
        ("PL", "poland|polish|warsaw"),
        ("EG", "egypt|egyptian|cairo"),
        ("SA", "saudi arabia|saudi|riyadh"),
        ("PK", "pakistan|pakistani|islamabad"),
        ("IQ", "iraq|iraqi|baghdad"),
        ("VE", "venezuela|venezuelan|caracas"),
        ("CU", "cuba|cuban|havana"),
        ("MN", "mongolia|mongolian|ulaanbaatar"),
        ("CZ", "czech republic|czech|prague"),
    ];

    /// <summary>Names that are countries or their capitals (a government when they speak), not adjectives.</summary>
    private static readonly HashSet<string> Governments = BuildGovernments();

    private static readonly Dictionary<string, string> ByName = Table
        .SelectMany(row => row.Names.Split('|').Select(name => (name, row.Code)))
        .ToDictionary(p => p.name, p => p.Code);

    private static HashSet<string> BuildGovernments()
    {
        var adjectives = new[] { "american", "korean", "russian", "chinese", "japanese", "ukrainian", "french", "british", "german",
            "iranian", "israeli", "indian", "taiwanese", "syrian", "turkish", "vietnamese", "philippine", "australian", "canadian",
            "belarusian", "polish", "egyptian", "saudi", "pakistani", "iraqi", "venezuelan", "cuban", "mongolian", "czech", "white house" };
        return Table.SelectMany(row => row.Names.Split('|'))
            .Where(name => !adjectives.Any(adjective => name.EndsWith(adjective, StringComparison.Ordinal)))
            .ToHashSet();
    }

    /// <summary>The country a normalised name stands for, or null.</summary>
    public static string? CodeOf(string normalisedName) => ByName.GetValueOrDefault(normalisedName);

    /// <summary>Whether a normalised name is a country or its capital, so that "Washington said" is a government speaking.</summary>
    public static bool IsGovernmentName(string normalisedName) => Governments.Contains(normalisedName);

    /// <summary>The first country named in tokens [from, to), trying two-word names before one-word ones.</summary>
    public static (string Code, int At)? First(List<Token> t, int from, int to, Func<string, string?>? extra = null)
    {
        for (var k = from; k < to; k++)
        {
            if (!t[k].IsCapitalized) continue;
            if (k + 1 < to && t[k + 1].IsWord && Lookup(Names.Key(t[k].Lower + " " + t[k + 1].Lower), extra) is { } two) return (two, k);
            if (Lookup(Names.Key(t[k].Lower), extra) is { } one) return (one, k);
        }
        return null;
    }

    private static string? Lookup(string key, Func<string, string?>? extra) => CodeOf(key) ?? extra?.Invoke(key);
}
