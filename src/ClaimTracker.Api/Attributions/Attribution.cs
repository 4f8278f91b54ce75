using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ClaimTracker.Api.Anchoring;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Sources;

namespace ClaimTracker.Api.Attributions;

/// <summary>How a source relates to a claim: it asserts it, denies it, speculates, questions it, or takes it back.</summary>
public enum Stance { asserts, denies, speculates, questions, retracts }

/// <summary>
/// One source making one claim in one document: the reporting cue ("said", "accused", "fears"),
/// the stance it expresses, the exact words anchored in the document, and the relay chain.
/// </summary>
public sealed record Attribution(
    [property: Description("Opaque id, e.g. att_4.")] string Id,
    string ClaimId,
    string SourceId,
    [property: Description("The source, for reading without another request.")] SourceRef Source,
    string DocumentId,
    [property: Description("The reporting verb or phrase: said, have accused, fears, according to.")] string? Cue,
    Stance Stance,
    [property: Description("True when the words are the source's own, in quotation marks.")] bool Direct,
    [property: Description("The words in the document that carry the claim, exactly as they stand there.")] string Quote,
    [property: Description("Where the quote stands in the document text (W3C Web Annotation selectors, code points); null when the document has no text.")] Selector? Selector,
    [property: Description("Ids of the sources the statement travelled through, from the source toward the publisher (KNS, then AFP).")] IReadOnlyList<string> Via,
    [property: Description("The via chain as sources, in order.")] IReadOnlyList<SourceRef> ViaSources,
    [property: Description("When the source made the statement.")] DateTimeOffset? StatedAt,
    string? Note,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Picks one occurrence when a quote appears more than once in the document.</summary>
public sealed class AnchorInput
{
    [Description("Text just before the quote.")]
    [StringLength(500)]
    public string? Prefix { get; init; }

    [Description("Text just after the quote.")]
    [StringLength(500)]
    public string? Suffix { get; init; }

    [Description("Code-point offset the quote starts at, or near (the nearest occurrence wins).")]
    [Range(0, int.MaxValue)]
    public int? Start { get; init; }
}

/// <summary>The fields of an attribution that clients write: the body of POST and, merged, of PATCH.</summary>
public class AttributionInput : IValidatedBody, IValidatableObject
{
    [Description("Who made the statement: source id or slug.")]
    [Required, StringLength(100)]
    public string? SourceId { get; init; }

    [Description("Where it appeared: document id.")]
    [Required, StringLength(40)]
    public string? DocumentId { get; init; }

    [StringLength(100), CleanText]
    public string? Cue { get; init; }

    [Required]
    public Stance? Stance { get; init; }

    public bool Direct { get; init; }

    [Description("The words in the document that carry the claim; they must occur in its text. Straight and curly quotes and dashes are treated alike.")]
    [Required, StringLength(5000), CleanText(Multiline = true)]
    public string? Quote { get; init; }

    [Description("Only needed when the quote occurs more than once in the document.")]
    public AnchorInput? Anchor { get; init; }

    [Description("Source ids or slugs the statement travelled through, from the source toward the publisher; at most 10.")]
    [MaxLength(10), CleanText(MaxItemLength = 100)]
    public List<string> Via { get; init; } = [];

    public DateTimeOffset? StatedAt { get; init; }

    [StringLength(5000), CleanText(Multiline = true)]
    public string? Note { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Anchor is null) yield break;
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Anchor, new ValidationContext(Anchor), results, validateAllProperties: true);
        foreach (var result in results)
            yield return new ValidationResult(result.ErrorMessage, result.MemberNames.Select(m => "anchor." + char.ToLowerInvariant(m[0]) + m[1..]));
    }
}

/// <summary>Filters of <c>GET /attributions</c>.</summary>
public sealed class AttributionFilter
{
    [Description("Only attributions of this claim.")]
    public string? ClaimId { get; init; }

    [Description("Only attributions to this source (id or slug).")]
    public string? SourceId { get; init; }

    [Description("With sourceId: include the sources affiliated with it.")]
    public bool? IncludeAffiliates { get; init; }

    [Description("Only attributions in this document.")]
    public string? DocumentId { get; init; }

    public Stance? Stance { get; init; }

    [Description("Only direct (true) or indirect (false) quotes.")]
    public bool? Direct { get; init; }

    [Description("Only statements relayed through this source (id or slug).")]
    public string? ViaSourceId { get; init; }

    [Description("Only statements made at or after this date or time (ISO 8601).")]
    public DateTimeOffset? From { get; init; }

    [Description("Only statements made before this date or time (ISO 8601).")]
    public DateTimeOffset? To { get; init; }
}

/// <summary>What a source said: one attribution with the claim it supports.</summary>
public sealed record SourceStatement(
    [property: Description("The claim, without its attributions and reviews.")] Claims.Claim Claim,
    [property: Description("The attribution: stance, cue and the exact words.")] Attribution Attribution);

/// <summary>An attribution as stored.</summary>
internal sealed class AttributionRow
{
    public long Id { get; init; }
    public long ClaimId { get; init; }
    public long SourceId { get; init; }
    public long DocumentId { get; init; }
    public string? Cue { get; init; }
    public string Stance { get; init; } = "";
    public bool Direct { get; init; }
    public string Quote { get; init; } = "";
    public long? QuoteStart { get; init; }
    public long? QuoteEnd { get; init; }
    public string? QuotePrefix { get; init; }
    public string? QuoteSuffix { get; init; }
    public string? StatedAt { get; init; }
    public string? Note { get; init; }
    public string CreatedAt { get; init; } = "";
    public string UpdatedAt { get; init; } = "";
    public long Version { get; init; }
}
