namespace ClaimTracker.Api.Extraction;

/// <summary>How a reporting word links its source and content.</summary>
internal enum CueKind
{
    Verb,       // X said (that) C; C, X said
    Tell,       // X told Y (that) C
    Accuse,     // X accused Y of C: the content starts at Y
    Call,       // X called (…) for C; X urged Y to C
    Participle, // …, with X saying C; X …, saying C; X quoted Y as saying C
    Caption,    // photo … released from X via Y shows C
}

/// <summary>A reporting word. <paramref name="NeedsThat"/>: only a cue before "that" or at the end of a clause.
/// <paramref name="MaybeNoun"/>: also a plural noun ("fears", "reports"), so it needs a clear subject.</summary>
internal sealed record Cue(string Lemma, string Stance, CueKind Kind, bool NeedsThat = false, bool MaybeNoun = false);

internal static class Stances
{
    public const string Asserts = "asserts", Denies = "denies", Speculates = "speculates", Questions = "questions", Retracts = "retracts";
}

internal static class Lexicon
{
    public static readonly Dictionary<string, Cue> Cues = BuildCues();

    private static Dictionary<string, Cue> BuildCues()
    {
        var d = new Dictionary<string, Cue>(StringComparer.Ordinal);
        void Add(string stance, CueKind kind, string lemma, string forms, bool needsThat = false, string nouns = "")
        {
            var nounForms = nouns.Split(' ');
            foreach (var form in forms.Split(' ')) d[form] = new Cue(lemma, stance, kind, needsThat, nounForms.Contains(form));
        }
        const string A = Stances.Asserts, D = Stances.Denies, S = Stances.Speculates, Q = Stances.Questions, R = Stances.Retracts;
        Add(A, CueKind.Verb, "say", "say says said");
        Add(A, CueKind.Verb, "report", "reported reports", nouns: "reports");
        Add(A, CueKind.Verb, "claim", "claimed claims", nouns: "claims");
        Add(A, CueKind.Verb, "state", "stated states", needsThat: true, nouns: "states");
        Add(A, CueKind.Verb, "note", "noted notes", needsThat: true, nouns: "notes");
        foreach (var (lemma, forms) in new[]
        {
            ("announce", "announced announces"), ("confirm", "confirmed confirms"), ("add", "added adds"),
            ("insist", "insisted insists"), ("argue", "argued argues"), ("assert", "asserted asserts"),
            ("allege", "alleged alleges"), ("write", "wrote writes"), ("declare", "declared declares"),
            ("warn", "warned warns"), ("acknowledge", "acknowledged acknowledges"), ("admit", "admitted admits"),
            ("explain", "explained explains"), ("reiterate", "reiterated reiterates"),
        })
            Add(A, CueKind.Verb, lemma, forms);
        Add(S, CueKind.Verb, "fear", "fear fears feared", nouns: "fears");
        Add(S, CueKind.Verb, "suggest", "suggested suggests suggest");
        Add(S, CueKind.Verb, "believe", "believe believes believed");
        Add(S, CueKind.Verb, "expect", "expect expects expected");
        Add(S, CueKind.Verb, "suspect", "suspect suspects suspected", nouns: "suspects");
        Add(S, CueKind.Verb, "predict", "predicted predicts predict");
        Add(S, CueKind.Verb, "estimate", "estimated estimates estimate", nouns: "estimates");
        Add(S, CueKind.Verb, "speculate", "speculated speculates");
        Add(D, CueKind.Verb, "deny", "deny denies denied");
        Add(D, CueKind.Verb, "reject", "reject rejects rejected");
        Add(D, CueKind.Verb, "dismiss", "dismiss dismisses dismissed");
        Add(D, CueKind.Verb, "refute", "refuted refutes");
        Add(Q, CueKind.Verb, "question", "questioned questions", nouns: "questions");
        Add(Q, CueKind.Verb, "doubt", "doubted doubts", nouns: "doubts");
        Add(Q, CueKind.Verb, "dispute", "disputed disputes", nouns: "disputes");
        Add(R, CueKind.Verb, "retract", "retracted retracts");
        Add(R, CueKind.Verb, "withdraw", "withdrew withdraws");
        Add(R, CueKind.Verb, "recant", "recanted recants");
        Add(A, CueKind.Tell, "tell", "tell tells told");
        Add(A, CueKind.Accuse, "accuse", "accuse accuses accused");
        Add(A, CueKind.Call, "call", "called calls", nouns: "calls");
        Add(A, CueKind.Call, "urge", "urged urges");
        Add(A, CueKind.Caption, "release", "released");
        Add(A, CueKind.Participle, "say", "saying adding claiming insisting arguing warning alleging");
        Add(A, CueKind.Participle, "note", "noting", needsThat: true);
        Add(D, CueKind.Participle, "deny", "denying");
        Add(S, CueKind.Participle, "suggest", "suggesting");
        Add(Q, CueKind.Participle, "question", "questioning");
        return d;
    }

    /// <summary>Cue words a headline may capitalise ("Kremlin Says …"); elsewhere a capital means a name ("United States").</summary>
    public static readonly HashSet<string> HeadlineCues = ["Says", "Said", "Denies", "Accuses", "Warns", "Tells", "Fears"];

    /// <summary>Passive cues that need "it": "it was reported", "it is understood", "it is believed".</summary>
    public static readonly Dictionary<string, string> PassiveCues = new()
    {
        ["reported"] = Stances.Asserts, ["said"] = Stances.Asserts, ["understood"] = Stances.Asserts,
        ["claimed"] = Stances.Asserts, ["alleged"] = Stances.Asserts, ["announced"] = Stances.Asserts,
        ["believed"] = Stances.Speculates, ["thought"] = Stances.Speculates, ["feared"] = Stances.Speculates,
        ["rumoured"] = Stances.Speculates, ["rumored"] = Stances.Speculates, ["expected"] = Stances.Speculates,
    };

    public static readonly HashSet<string> Auxiliaries =
        ["has", "have", "had", "will", "would", "did", "does", "do", "is", "are", "was", "were", "may", "might", "could", "can", "should", "must", "been", "reportedly"];

    /// <summary>Adverbs that may stand between a subject and its cue ("KCNA also said", "Washington has long said").</summary>
    public static readonly HashSet<string> Adverbs =
    [
        "also", "recently", "previously", "repeatedly", "earlier", "later", "again", "already", "long", "publicly",
        "privately", "separately", "further", "then", "still", "now", "once", "officially", "explicitly", "firmly",
        "flatly", "strongly", "categorically", "initially", "first", "often", "allegedly", "yesterday", "today", "quickly",
    ];

    /// <summary>Words that cannot be a whole noun phrase: "the said agreement", "that said", "his claims".</summary>
    public static readonly HashSet<string> Determiners =
    [
        "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your", "some",
        "several", "many", "few", "such", "any", "each", "every", "all", "both", "no", "more", "most", "other", "another",
        "one", "what", "which", "whose",
    ];

    public static readonly HashSet<string> Pronouns = ["he", "she", "it", "they"];

    /// <summary>Personal pronouns that can stand for a source, by their subject form ("quoted him as saying").</summary>
    public static readonly Dictionary<string, string> SubjectForm = new()
    {
        ["he"] = "he", ["she"] = "she", ["it"] = "it", ["they"] = "they", ["him"] = "he", ["her"] = "she", ["them"] = "they",
    };

    /// <summary>Words that end a subject when scanning back from a cue: conjunctions, relatives, verbs, negation.</summary>
    public static readonly HashSet<string> StopWords =
    [
        "while", "but", "as", "that", "which", "who", "whom", "whose", "when", "after", "before", "because", "since",
        "if", "although", "though", "where", "so", "or", "nor", "than", "whether", "until", "unless", "to", "not",
        "never", "amid", "despite", "whereas", "yet", "via", "is", "are", "was", "were", "be", "been", "being", "has",
        "have", "had", "do", "does", "did", "will", "would", "can", "could", "may", "might", "should", "must", "there",
        "here", "what", "how", "why", "having", "met", "made", "took", "gave", "held", "left", "sent", "began", "went",
        "came", "saw", "told", "said", "says", "say", "also", "even", "only", "just", "very", "too", "i", "we", "you",
        "me", "us", "him", "them", "against", "under", "into", "without", "during", "about", "over", "on", "by", "per",
    ];

    /// <summary>Prepositions that may sit inside a source phrase: "a spokesman for the ministry", "Minister of Defence".</summary>
    public static readonly HashSet<string> Prepositions = ["of", "for", "at", "from", "in", "with", "close", "familiar"];

    /// <summary>Sentence openers that are not part of the content: "Meanwhile a delegation …".</summary>
    public static readonly HashSet<string> Discourse =
        ["meanwhile", "however", "but", "and", "separately", "moreover", "still", "also", "earlier", "later", "then", "yet", "so"];

    public static readonly HashSet<string> Hedges =
        ["may", "might", "could", "likely", "unlikely", "possibly", "perhaps", "probably", "possible", "appears", "seems", "reportedly"];

    public static readonly HashSet<string> TimeWords =
    [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "aug",
        "sept", "oct", "nov", "dec", "week", "month", "year", "weekend", "night", "morning", "evening", "afternoon",
    ];

    /// <summary>"in a statement", "at a news conference": where something was said, not part of what.</summary>
    public static readonly HashSet<string> VenueNouns =
    [
        "statement", "interview", "report", "post", "speech", "briefing", "remarks", "message", "note", "conference",
        "communique", "dispatch", "commentary", "editorial", "article", "broadcast", "video", "letter", "address",
        "meeting", "tweet", "release", "summit", "session", "hearing", "forum", "call",
    ];

    /// <summary>Heads of "according to …" that are not sources: "according to plan".</summary>
    public static readonly HashSet<string> NotSources =
        ["plan", "plans", "schedule", "script", "tradition", "custom", "law", "rules", "protocol", "design", "expectations", "instructions"];
}
