namespace ClaimTracker.Api.Extraction;

/// <summary>A source the registry already knows (from the database). Kind strings use SPEC.md's snake_case values.</summary>
public sealed record KnownSource(
    string Id, string Slug, string Name, string Kind, string? Country, IReadOnlyList<string> Aliases, string? AffiliationId);

/// <summary>
/// What the caller knows about the document beyond its text (ISO 3166-1 alpha-2 codes). Used only to decide whose
/// "state media" is meant when the text itself names no country whose state media the registry knows.
/// </summary>
public sealed record ExtractionContext(string? PublisherCountry = null, string? DatelineCountry = null);

/// <summary>A span of the document in Unicode code points, end exclusive, as SPEC.md's position selectors count.</summary>
public sealed record TextSpan(int Start, int End, string Text);

/// <summary>A source the registry lacks: the name as the text gives it and the kind guessed from the wording.</summary>
public sealed record ProposedSource(string Name, string Kind);

/// <summary>One relay between a source and the publisher: a registry id when known, else the name as written.</summary>
public sealed record ViaHop(string? SourceId, string Name);

/// <summary>
/// One proposed "who said what": <paramref name="Source"/> is null only for agentless passives ("it was reported").
/// Exactly one of <paramref name="SourceId"/> and <paramref name="NewSource"/> is set. A nested attribution
/// (Kim said X, according to KCNA) names its enclosing one in <paramref name="ParentIndex"/>, with
/// <paramref name="Layer"/> 1 for the outermost; its <paramref name="Via"/> runs from the source toward the publisher.
/// </summary>
public sealed record ProposedAttribution(
    int Index,
    TextSpan? Source,
    TextSpan Cue,
    TextSpan Content,
    string? SourceId,
    ProposedSource? NewSource,
    string Stance,
    bool Direct,
    IReadOnlyList<ViaHop> Via,
    int Layer,
    int? ParentIndex,
    double Confidence,
    string Pattern)
{
    /// <summary>What the confidence model saw (for fitting it; not part of the API's answer).</summary>
    internal IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>The cue phrase as the confidence model's precision table keys it (for fitting that table).</summary>
    internal string CueKey { get; init; } = "";
}
