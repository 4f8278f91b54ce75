using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Reviews;

namespace ClaimTracker.Api.Claims;

/// <summary>Where a claim stands in the fact-checking workflow.</summary>
public enum ClaimStatus { unreviewed, in_review, reviewed }

/// <summary>
/// A checkable statement, worded neutrally once however many sources made it. Single reads
/// add who made it (attributions, with their sources and words) and the verdicts (reviews).
/// </summary>
public sealed record Claim(
    [property: Description("Opaque id, e.g. clm_3.")] string Id,
    [property: Description("The statement, normalised: \"North Korea has sent more than 10,000 soldiers to help Russia fight Ukraine\".")] string Text,
    [property: Description("BCP 47 language tag of the text.")] string? Language,
    IReadOnlyList<string> Topics,
    [property: Description("When the claim was made: as set, else the earliest statedAt of its attributions.")] DateTimeOffset? ClaimDate,
    ClaimStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: Description("Who made the claim, in which words, where (single reads only)."), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<Attribution>? Attributions = null,
    [property: Description("Verdicts on the claim (single reads only)."), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<Review>? Reviews = null);

/// <summary>The fields of a claim that clients write: the body of POST and, merged, of PATCH.</summary>
public class ClaimInput : IValidatedBody
{
    [Required, StringLength(2000), CleanText]
    public string? Text { get; init; }

    [StringLength(35), RegularExpression(Documents.DocumentInput.LanguagePattern, ErrorMessage = "language must be a BCP 47 tag such as en or pt-BR.")]
    public string? Language { get; init; }

    [Description("Subjects for filtering, e.g. north-korea; at most 20, each at most 100 characters.")]
    [MaxLength(20), CleanText(MaxItemLength = 100)]
    public List<string> Topics { get; init; } = [];

    [Description("When the claim was made; leave empty to use the earliest statedAt of its attributions.")]
    public DateTimeOffset? ClaimDate { get; init; }

    [Description("Workflow status; unreviewed when omitted. Adding a review sets it to reviewed.")]
    public ClaimStatus? Status { get; init; }
}

/// <summary>Filters of <c>GET /claims</c>. Source, document and stance filters apply to one and the same attribution.</summary>
public sealed class ClaimFilter
{
    [Description("Only claims this source (id or slug) made.")]
    public string? SourceId { get; init; }

    [Description("With sourceId: also count what the sources affiliated with it said (KCNA for the North Korean government).")]
    public bool? IncludeAffiliates { get; init; }

    [Description("Only claims with an attribution in this document.")]
    public string? DocumentId { get; init; }

    [Description("Only claims made with this stance (by sourceId, when given).")]
    public Attributions.Stance? Stance { get; init; }

    public ClaimStatus? Status { get; init; }

    [Description("Only claims with a review of this rating.")]
    public Reviews.Rating? Rating { get; init; }

    [Description("Only claims with this topic.")]
    public string? Topic { get; init; }

    [Description("Only claims in this language (BCP 47 tag).")]
    public string? Language { get; init; }

    [Description("Only claims made at or after this date or time (ISO 8601).")]
    public DateTimeOffset? From { get; init; }

    [Description("Only claims made before this date or time (ISO 8601).")]
    public DateTimeOffset? To { get; init; }

    [Description("Only claims whose text contains this text (case-insensitive).")]
    public string? Q { get; init; }
}

/// <summary>A claim as stored.</summary>
internal sealed class ClaimRow
{
    public long Id { get; init; }
    public string Text { get; init; } = "";
    public string? Language { get; init; }
    public string? ClaimDate { get; init; }
    public string? FirstStatedAt { get; init; }
    public string Status { get; init; } = "";
    public string CreatedAt { get; init; } = "";
    public string UpdatedAt { get; init; } = "";
    public long Version { get; init; }

    /// <summary>The topics as a JSON array, when the statement reads them with the row (single reads and the list).</summary>
    public string? Topics { get; init; }

    /// <summary>The claim as its editable fields, with the claim date as set rather than as derived.</summary>
    public ClaimInput ToInput(IReadOnlyList<string> topics) => new()
    {
        Text = Text, Language = Language, Topics = [.. topics], ClaimDate = Data.Time.LoadOptional(ClaimDate), Status = Enum.Parse<ClaimStatus>(Status),
    };

    /// <summary>The claim with the topics its statement read along with the row.</summary>
    public Claim ToClaim() =>
        ToClaim(System.Text.Json.JsonSerializer.Deserialize<List<string>>(Topics ?? throw new InvalidOperationException("The statement did not read the topics."))!);

    public Claim ToClaim(IReadOnlyList<string> topics) => new(
        Ids.Format(Ids.Claim, Id), Text, Language, topics, Data.Time.LoadOptional(ClaimDate ?? FirstStatedAt),
        Enum.Parse<ClaimStatus>(Status), Data.Time.Load(CreatedAt), Data.Time.Load(UpdatedAt));
}
