namespace ClaimTracker.Api.Matching;

/// <summary>
/// The words the matcher treats as one: names of the same actor, verbs and nouns news wording swaps
/// freely, and words that carry no claim. Small and domain-bound on purpose: it is the vocabulary of
/// conflict and diplomacy reporting, where fact-checkers meet the same claim reworded.
/// Canonical actors start with @ and weigh more than other words; so do numbers (#10000).
/// </summary>
public static class Lexicon
{
    /// <summary>Phrases and words naming an actor, longest first when they overlap ("north korean leader" before "north korean").</summary>
    public static readonly Dictionary<string, string[]> Actors = new()
    {
        ["@kim_jong_un"] = ["kim jong un", "north korean leader", "kim"],
        ["@north_korea"] = ["democratic people's republic of korea", "north korea", "north korean", "north koreans", "pyongyang", "dprk"],
        ["@south_korea"] = ["republic of korea", "south korea", "south korean", "south koreans", "seoul", "rok"],
        ["@russia"] = ["russia", "russian", "russians", "moscow", "kremlin", "russian federation"],
        ["@ukraine"] = ["ukraine", "ukrainian", "ukrainians", "kyiv", "kiev"],
        ["@united_states"] = ["united states", "u.s.", "us", "usa", "america", "american", "washington"],
        ["@china"] = ["china", "chinese", "beijing"],
        ["@japan"] = ["japan", "japanese", "tokyo"],
        ["@kozlov"] = ["alexander kozlov", "kozlov"],
    };

    /// <summary>Words that say the same thing in a claim, by the word that stands for them all.</summary>
    public static readonly Dictionary<string, string[]> Synonyms = new()
    {
        ["soldier"] = ["soldier", "soldiers", "troop", "troops", "servicemen", "personnel", "forces", "fighters"],
        ["send"] = ["send", "sends", "sent", "sending", "deploy", "deploys", "deployed", "deploying", "dispatch", "dispatches", "dispatched", "dispatching"],
        ["help"] = ["help", "helps", "helped", "helping", "aid", "aids", "aided", "aiding", "assist", "assists", "assisted", "assisting", "support", "supporting"],
        ["fight"] = ["fight", "fights", "fighting", "fought", "combat", "war", "against", "battle", "battles"],
        ["meet"] = ["meet", "meets", "met", "meeting", "talks"],
        ["begin"] = ["begin", "begins", "began", "begun", "start", "starts", "started", "launch", "launched", "commenced"],
        ["weapon"] = ["weapon", "weapons", "arms"],
        ["nuclear"] = ["nuclear", "atomic"],
        ["programme"] = ["programme", "programmes", "program", "programs"],
        ["technology"] = ["technology", "technologies", "technological", "tech"],
        ["want"] = ["eager", "keen", "want", "wants", "seek", "seeks", "seeking"],
        ["arrive"] = ["arrive", "arrives", "arrived", "arrival", "landed"],
        ["welcome"] = ["welcome", "welcomed", "greeted", "received"],
        ["military"] = ["military", "army", "armed"],
        ["cooperation"] = ["cooperation", "collaboration"],
        ["science"] = ["science", "scientific"],
        ["friendly"] = ["friendly", "cordial", "warm"],
    };

    /// <summary>Relations that read the same both ways ("A met B" is "B met A"), so the actors around them may swap places.</summary>
    public static readonly HashSet<string> Symmetric = ["meet", "alongside", "cooperation", "exchange"];

    /// <summary>Words that turn a claim into its denial.</summary>
    public static readonly HashSet<string> Negations =
        ["not", "no", "never", "deny", "denies", "denied", "denying", "false", "untrue", "nobody", "none", "neither", "nor"];

    /// <summary>Words that carry no claim of their own: articles, auxiliaries, reporting verbs, hedges, comparatives.</summary>
    public static readonly HashSet<string> StopWords =
    [
        "a", "an", "the", "to", "of", "in", "on", "at", "for", "and", "or", "but", "by", "from", "with", "as", "into", "onto", "up", "out",
        "has", "have", "had", "having", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "will", "would", "can",
        "could", "may", "might", "should", "shall", "that", "this", "these", "those", "it", "its", "his", "her", "their", "they", "he",
        "she", "we", "i", "you", "who", "whom", "which", "what", "there", "here", "so", "such", "just", "also", "very", "now", "already",
        "still", "then", "more", "than", "over", "about", "around", "some", "least", "almost", "nearly", "roughly", "approximately",
        "upwards", "plus", "all", "any", "each", "both", "other", "another", "said", "say", "says", "saying", "told", "reportedly",
        "according", "reported", "reports", "claim", "claims", "claimed", "allegedly", "alleged", "accused", "yesterday", "today",
        "further", "new", "s", "own", "while", "one", "after", "before", "between",
    ];

    public static readonly Dictionary<string, long> Units = new()
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40,
        ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    public static readonly Dictionary<string, long> Scales = new()
    {
        ["hundred"] = 100, ["thousand"] = 1_000, ["k"] = 1_000, ["million"] = 1_000_000, ["m"] = 1_000_000, ["mn"] = 1_000_000,
        ["billion"] = 1_000_000_000, ["bn"] = 1_000_000_000,
    };

    /// <summary>Every word or phrase standing for a canonical term, for looking candidates up in the word index.</summary>
    public static IEnumerable<string> Variants(string canonical) =>
        Actors.TryGetValue(canonical, out var names) ? names : Synonyms.TryGetValue(canonical, out var words) ? words : [];
}
