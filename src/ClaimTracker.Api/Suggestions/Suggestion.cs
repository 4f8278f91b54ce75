using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ClaimTracker.Api.Anchoring;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Sources;

namespace ClaimTracker.Api.Suggestions;

/// <summary>Where a suggestion stands: waiting for a person, accepted (an attribution was made of it), or rejected.</summary>
public enum SuggestionStatus { pending, accepted, rejected }

/// <summary>The three spans of a proposal, each as W3C selectors in code points: who (null for "it was reported"), the cue, and what was said.</summary>
public sealed record ProposalSpans(
    [property: Description("The words naming the source (\"The United States\"); null for an agentless passive.")] Selector? Source,
    [property: Description("The reporting cue (\"have accused\", \"according to\").")] Selector Cue,
    [property: Description("The words that carry the claim; accepting the suggestion makes them the attribution's quote.")] Selector Content);

/// <summary>A source the registry lacks, as the text names it, with the kind guessed from the wording.</summary>
public sealed record NewSource(string Name, SourceKind Kind);

/// <summary>One relay between the source and the publisher: a registry source when known, else only the name as written.</summary>
public sealed record RelayHop(
    [property: Description("The registry source, when the name resolved to one.")] SourceRef? Source,
    [property: Description("The name as the text gives it.")] string Name);

/// <summary>One who-said-what the extractor found: spans anchored in the text, the source resolved or proposed, cue, stance and relay.</summary>
public sealed record Proposal(
    [property: Description("Position in the extractor's output, in cue order.")] int Index,
    ProposalSpans Spans,
    [property: Description("The registry source the mention resolved to (\"Washington\" → us-government); null when newSource is set.")] SourceRef? Source,
    [property: Description("The source to add when the registry has none: the name as written and a guessed kind; null when source is set.")] NewSource? NewSource,
    [property: Description("The cue as written.")] string Cue,
    Stance Stance,
    [property: Description("True when the content carries the source's words in quotation marks.")] bool Direct,
    [property: Description("Relays from the source toward the publisher (\"released via KNS\").")] IReadOnlyList<RelayHop> Via,
    [property: Description("1 for an outermost attribution; 2 for one reported inside another (Kim called for X, according to KCNA).")] int Layer,
    [property: Description("Index of the enclosing proposal for layer 2 and deeper.")] int? ParentIndex,
    [property: Description("The probability that the proposal's spans are right, 0 to 1, calibrated on PolNeAR train.")]
    double Confidence,
    [property: Description("The construction that matched, e.g. content_before, according_to, accuse.")] string Pattern);

/// <summary>The answer of <c>POST /extract</c>: what the extractor proposes for a text. Nothing is stored.</summary>
public sealed record ExtractionPreview(
    [property: Description("Length of the text in code points.")] int Length,
    IReadOnlyList<Proposal> Proposals);

/// <summary>What became of a suggestion: the resources made when it was accepted, or why it was rejected.</summary>
public sealed record SuggestionDecision(
    [property: Description("The API key name that decided.")] string DecidedBy,
    DateTimeOffset DecidedAt,
    [property: Description("The claim the attribution supports (created or chosen); null when rejected or since deleted.")] string? ClaimId,
    [property: Description("The attribution created; null when rejected or since deleted.")] string? AttributionId,
    [property: Description("The source the attribution was made to (the proposal's, or the edit's); null when rejected.")] string? SourceId,
    [property: Description("True when accepting added that source to the registry.")] bool CreatedSource,
    [property: Description("Why it was rejected, as given.")] string? Reason);

/// <summary>A stored proposal for a document, waiting for a fact-checker to accept (with edits) or reject it.</summary>
public sealed record Suggestion(
    [property: Description("Opaque id, e.g. sug_5.")] string Id,
    string DocumentId,
    SuggestionStatus Status,
    [property: Description("The enclosing suggestion of a nested one.")] string? ParentId,
    Proposal Proposal,
    [property: Description("Set once accepted or rejected.")] SuggestionDecision? Decision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>What a run of the extractor on a stored document did.</summary>
public sealed record SuggestionRun(
    [property: Description("Proposals the extractor made.")] int Proposed,
    [property: Description("Pending suggestions of earlier runs that this run replaced.")] int Replaced,
    [property: Description("Proposals skipped because a suggestion for the same spans was already accepted or rejected.")] int AlreadyDecided,
    [property: Description("The document's pending suggestions now, in text order.")] IReadOnlyList<Suggestion> Pending);

/// <summary>The answer to an accept: the suggestion, now accepted, and the attribution made of it.</summary>
public sealed record AcceptedSuggestion(Suggestion Suggestion, Attribution Attribution);

/// <summary>The body of <c>POST /extract</c>.</summary>
public sealed class ExtractInput : IValidatedBody
{
    [Description("English news text, at most 1,000,000 characters.")]
    [Required, StringLength(1_000_000), CleanText(Multiline = true)]
    public string? Text { get; init; }

    [Description("ISO 3166-1 alpha-2 country of the publisher, to place \"state media\" when the text names no country.")]
    [StringLength(2, MinimumLength = 2), RegularExpression("^[A-Z]{2}$", ErrorMessage = "publisherCountry must be an ISO 3166-1 alpha-2 code such as FR.")]
    public string? PublisherCountry { get; init; }

    [Description("ISO 3166-1 alpha-2 country of the dateline, tried before the publisher's.")]
    [StringLength(2, MinimumLength = 2), RegularExpression("^[A-Z]{2}$", ErrorMessage = "datelineCountry must be an ISO 3166-1 alpha-2 code such as KR.")]
    public string? DatelineCountry { get; init; }

    [Description("Only proposals whose confidence is at least this (0 to 1). Omitted: the hand-written constructions' proposals "
        + "at 0.5 or more and learned cues' at 0.68 or more. On PolNeAR dev, 0.9 gives mean precision 0.95; 0 gives every one.")]
    [Range(0.0, 1.0)]
    public double? MinConfidence { get; init; }
}

/// <summary>Edits to apply while accepting a suggestion; everything omitted is taken from the proposal.</summary>
public sealed class AcceptInput : IValidatedBody, IValidatableObject
{
    [Description("Attribute to this existing claim instead of creating one.")]
    [StringLength(40)]
    public string? ClaimId { get; init; }

    [Description("The text of the claim to create; defaults to the proposal's content. Not with claimId.")]
    [StringLength(2000), CleanText]
    public string? ClaimText { get; init; }

    [Description("Attribute to this source (id or slug) instead of the resolved or proposed one.")]
    [StringLength(100)]
    public string? SourceId { get; init; }

    public Stance? Stance { get; init; }

    [StringLength(100), CleanText]
    public string? Cue { get; init; }

    public bool? Direct { get; init; }

    [Description("Other words of the document to quote; anchored like an attribution's quote, nearest to the proposal's content.")]
    [StringLength(5000), CleanText(Multiline = true)]
    public string? Quote { get; init; }

    [Description("Source ids or slugs of the relay chain, replacing the proposed one; at most 10.")]
    [MaxLength(10), CleanText(MaxItemLength = 100)]
    public List<string>? Via { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (ClaimId is not null && ClaimText is not null)
            yield return new ValidationResult("Give claimId or claimText, not both.", [nameof(ClaimText)]);
    }
}

/// <summary>The body of a rejection.</summary>
public sealed class RejectInput : IValidatedBody
{
    [Description("Why the proposal is wrong, for the record (and for improving the extractor).")]
    [StringLength(2000), CleanText(Multiline = true)]
    public string? Reason { get; init; }
}

/// <summary>Filters of <c>GET /documents/{documentId}/suggestions</c>.</summary>
public sealed class SuggestionFilter
{
    [Description("Only suggestions with this status.")]
    public SuggestionStatus? Status { get; init; }
}
