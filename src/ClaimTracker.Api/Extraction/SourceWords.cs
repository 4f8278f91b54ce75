namespace ClaimTracker.Api.Extraction;

/// <summary>Words that tell what kind of source a phrase names. Lower-case; matched against whole words.</summary>
internal static class SourceWords
{
    /// <summary>Heads of phrases that name people who are not named: SPEC.md's <c>unnamed</c> kind.</summary>
    public static readonly HashSet<string> Unnamed =
    [
        "expert", "experts", "official", "officials", "analyst", "analysts", "source", "sources", "diplomat", "diplomats",
        "observer", "observers", "critic", "critics", "resident", "residents", "witness", "witnesses", "insider", "insiders",
        "people", "person", "aide", "aides", "investigator", "investigators", "researcher", "researchers", "scientist",
        "scientists", "economist", "economists", "lawyer", "lawyers", "activist", "activists", "authorities", "defector",
        "defectors", "monitors", "campaigners", "lawmakers", "legislators", "prosecutors", "negotiators", "scholars",
        "advisers", "advisors", "workers", "soldiers", "commentators", "reports", "officers", "staff", "employees",
        "executives", "traders", "doctors", "locals", "villagers", "neighbours", "neighbors", "survivors", "families",
    ];

    /// <summary>Further nouns that head a source phrase ("a ministry spokesman", "the agency").</summary>
    public static readonly HashSet<string> Heads =
    [
        "spokesman", "spokeswoman", "spokesperson", "spokespeople", "minister", "ministry", "president", "leader",
        "government", "agency", "media", "police", "military", "army", "navy", "report", "study", "statement", "survey",
        "poll", "polling", "analysis", "newspaper", "broadcaster", "television", "paper", "daily", "commander", "general",
        "chief", "head", "director", "secretary", "ambassador", "envoy", "judge", "court", "council", "committee", "office",
        "department", "group", "organisation", "organization", "company", "firm", "regime", "administration", "embassy",
        "mission", "watchdog", "institute", "professor", "adviser", "advisor", "state", "tank", "bank", "union", "party",
        "team", "board", "service", "intelligence", "cabinet", "parliament", "assembly", "mayor", "governor", "premier",
        "chancellor", "representative", "delegation", "operator", "manufacturer", "website", "outlet", "agency", "daily",
    ];

    /// <summary>Groups spoken of as one voice: SPEC.md's <c>collective</c> kind.</summary>
    public static readonly HashSet<string> Collectives =
    [
        "west", "international community", "western governments", "western countries", "western nations",
        "western powers", "western allies", "allies", "the allies", "public", "world", "global community",
        "opposition", "markets", "investors",
    ];

    /// <summary>Titles before a person's name ("Foreign Minister Cho", "Mr Kozlov").</summary>
    public static readonly HashSet<string> Titles =
    [
        "president", "minister", "mr", "mrs", "ms", "dr", "general", "gen", "senator", "sen", "ambassador", "chancellor",
        "secretary", "premier", "prime", "leader", "spokesman", "spokeswoman", "spokesperson", "lieutenant", "colonel",
        "chairman", "chairwoman", "director", "professor", "prof", "governor", "mayor", "king", "queen", "pope", "envoy",
        "commander", "admiral", "judge", "chief", "deputy", "vice", "representative", "rep", "analyst", "researcher",
    ];

    /// <summary>Capitalised words of institutions, not of people ("Ministry", "Agency").</summary>
    public static readonly HashSet<string> InstitutionWords =
    [
        "ministry", "department", "office", "council", "commission", "parliament", "assembly", "pentagon", "kremlin",
        "house", "police", "army", "navy", "military", "chiefs", "staff", "cabinet", "bureau", "agency", "service",
        "command", "court", "committee", "government", "administration", "institute", "university", "group", "bank",
        "fund", "organization", "organisation", "union", "association", "centre", "center", "foundation", "party",
        "corporation", "company", "news", "press", "times", "post", "journal", "herald", "daily", "tv", "television",
        "radio", "broadcasting", "network", "sinmun", "resources", "ecology", "affairs", "defence", "defense", "trade",
        "industry", "security", "unification", "foreign", "interior", "justice", "finance", "health", "energy",
        "economy", "watch", "international", "nations", "forces", "guard", "board", "reserve", "federal", "national",
    ];

    public static readonly HashSet<string> GovernmentBodyWords =
    [
        "ministry", "department", "office", "council", "commission", "parliament", "assembly", "pentagon", "kremlin",
        "white house", "police", "army", "navy", "military", "joint chiefs", "cabinet", "bureau", "command",
        "intelligence service", "spy agency", "coast guard", "foreign ministry", "defence ministry", "defense ministry",
    ];

    public static readonly HashSet<string> NewsAgencyWords =
        ["news agency", "press agency", "reuters", "ap", "afp", "associated press", "yonhap", "xinhua", "kyodo", "tass", "ria", "interfax", "wire service"];

    public static readonly HashSet<string> NewsOutletWords =
    [
        "newspaper", "times", "post", "journal", "tv", "television", "broadcaster", "daily", "magazine", "radio",
        "herald", "guardian", "bbc", "cnn", "nhk", "website", "outlet", "tabloid", "channel", "sinmun",
    ];

    /// <summary>Phrases that mean a country's state media when the registry has no better name for them.</summary>
    public static readonly string[] StateMediaPhrases =
        ["state media", "state-run media", "state news agency", "state television", "state tv", "state broadcaster", "official media", "state-controlled media", "state outlets"];
}
