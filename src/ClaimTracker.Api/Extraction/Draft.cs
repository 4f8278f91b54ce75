namespace ClaimTracker.Api.Extraction;

/// <summary>An attribution while it is being built: token ranges and UTF-16 offsets, resolved in later passes.</summary>
internal sealed class Draft(Cue cue, TokenRange cueTokens, TokenRange? source, (int Start, int End) content, string pattern, double confidence)
{
    public Cue Cue { get; } = cue;
    public TokenRange CueTokens { get; } = cueTokens;
    public TokenRange? Source { get; private init; } = source;
    public int ContentStart { get; } = content.Start;
    public int ContentEnd { get; } = content.End;
    public string Pattern { get; } = pattern;
    public double Confidence { get; set; } = confidence;

    /// <summary>Relays named by the text itself ("via KNS", "KCNA quoted Kim as saying"), nearest the source first.</summary>
    public List<TokenRange> Via { get; init; } = [];

    /// <summary>Whom the source told ("told Yonhap"); a relay when it is a news organisation.</summary>
    public TokenRange? Addressee { get; init; }

    /// <summary>What a relative pronoun source stands for: "who" in "Weaver, who said …" is Weaver.</summary>
    public TokenRange? Antecedent { get; init; }

    /// <summary>The phrase that names the source: the antecedent of a relative pronoun, else the source itself.</summary>
    public TokenRange? Named => Antecedent ?? Source;

    public string? SourceId { get; set; }
    public ProposedSource? NewSource { get; set; }
    /// <summary>The resolved or guessed kind, used to match pronouns to earlier mentions.</summary>
    public string SourceKind { get; set; } = "unnamed";
    public bool Plural { get; set; }
    public Draft? Parent { get; set; }
    /// <summary>The sentence holding the cue, and its ordinal in the document.</summary>
    public Sentence Sentence { get; set; }
    public int SentenceIndex { get; set; }
    /// <summary>How likely the cue's head word is a cue where it stands (<see cref="CueModel"/>); null for "according to", ":".</summary>
    public double? CueProbability { get; set; }
    /// <summary>True when the content holds quotation marks: the source's own words.</summary>
    public bool Direct { get; set; }
    /// <summary>What the confidence model saw, and the probability it gave.</summary>
    public List<string> Features { get; set; } = [];
    public double Calibrated { get; set; }

    public int CueStart(List<Token> t) => t[CueTokens.From].Start;

    /// <summary>The same attribution with no source, when the phrase found names no one ("This week").</summary>
    public Draft WithoutSource() =>
        new(Cue, CueTokens, null, (ContentStart, ContentEnd), Pattern, Confidence) { Via = Via, Addressee = Addressee };

    /// <summary>The same attribution for one member of a joint source ("The United States and South Korea").</summary>
    public Draft WithSource(TokenRange member) =>
        new(Cue, CueTokens, member, (ContentStart, ContentEnd), Pattern, Confidence - 0.05) { Via = Via, Addressee = Addressee };
}
