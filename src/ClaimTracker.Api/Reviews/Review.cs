using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ClaimTracker.Api.Common;

namespace ClaimTracker.Api.Reviews;

/// <summary>A fact-checker's verdict on a claim.</summary>
public enum Rating { @true, mostly_true, mixed, mostly_false, @false, misleading, unproven }

/// <summary>A verdict on a claim, as a rating on the 1–5 scale ClaimReview publishes and in words.</summary>
public sealed record Review(
    [property: Description("Opaque id, e.g. rev_1.")] string Id,
    string ClaimId,
    Rating Rating,
    [property: Description("1 (false) to 5 (true); derived from the rating unless given.")] int RatingValue,
    [property: Description("The verdict in the reviewer's words, e.g. Mostly true.")] string? TextualRating,
    string? Summary,
    [property: Description("Who reviewed: a fact-checker or desk.")] string? Reviewer,
    [property: Description("Where the review is published.")] string? Url,
    [property: Description("Links or citations the verdict rests on.")] IReadOnlyList<string> Evidence,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: Description("The fact-check's headline, e.g. from ClaimReview headline or name.")] string? Title = null);

/// <summary>The fields of a review that clients write: the body of POST and, merged, of PATCH.</summary>
public class ReviewInput : IValidatedBody
{
    [Required]
    public Rating? Rating { get; init; }

    [Description("1 to 5; derived from the rating when omitted (true 5, mostly_true 4, mixed 3, unproven 3, mostly_false 2, misleading 2, false 1).")]
    [Range(1, 5)]
    public int? RatingValue { get; init; }

    [StringLength(100), CleanText]
    public string? TextualRating { get; init; }

    [StringLength(5000), CleanText(Multiline = true)]
    public string? Summary { get; init; }

    [StringLength(300), CleanText]
    public string? Reviewer { get; init; }

    [Description("The fact-check's headline; published as ClaimReview headline and as title by claims:search.")]
    [StringLength(500), CleanText]
    public string? Title { get; init; }

    [StringLength(2048), Url]
    public string? Url { get; init; }

    [Description("Links or citations; at most 50, each at most 2048 characters.")]
    [MaxLength(50), CleanText(MaxItemLength = 2048)]
    public List<string> Evidence { get; init; } = [];

    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The 1–5 value ClaimReview publishes for a rating when the reviewer gives none.</summary>
    public static int ValueOf(Rating rating) => rating switch
    {
        Reviews.Rating.@true => 5,
        Reviews.Rating.mostly_true => 4,
        Reviews.Rating.mixed or Reviews.Rating.unproven => 3,
        Reviews.Rating.mostly_false or Reviews.Rating.misleading => 2,
        _ => 1,
    };
}

/// <summary>Filters of <c>GET /reviews</c>.</summary>
public sealed class ReviewFilter
{
    [Description("Only reviews of this claim.")]
    public string? ClaimId { get; init; }

    public Rating? Rating { get; init; }

    [Description("Only reviews published at or after this date or time (ISO 8601).")]
    public DateTimeOffset? From { get; init; }

    [Description("Only reviews published before this date or time (ISO 8601).")]
    public DateTimeOffset? To { get; init; }

    [Description("Only reviews created or changed, or whose claim changed, at or after this date or time (ISO 8601): for polling.")]
    public DateTimeOffset? Since { get; init; }
}

/// <summary>A review as stored.</summary>
internal sealed class ReviewRow
{
    public long Id { get; init; }
    public long ClaimId { get; init; }
    public string Rating { get; init; } = "";
    public long RatingValue { get; init; }
    public string? TextualRating { get; init; }
    public string? Summary { get; init; }
    public string? Reviewer { get; init; }
    public string? Title { get; init; }
    public string? Url { get; init; }
    public string Evidence { get; init; } = "[]";
    public string? PublishedAt { get; init; }
    public string CreatedAt { get; init; } = "";
    public string UpdatedAt { get; init; } = "";
    public long Version { get; init; }

    public Versioned<Review> ToVersioned() => new(
        new Review(Ids.Format(Ids.Review, Id), Ids.Format(Ids.Claim, ClaimId), Enum.Parse<Rating>(Rating), (int)RatingValue, TextualRating,
            Summary, Reviewer, Url, System.Text.Json.JsonSerializer.Deserialize<List<string>>(Evidence)!, Data.Time.LoadOptional(PublishedAt),
            Data.Time.Load(CreatedAt), Data.Time.Load(UpdatedAt), Title),
        Id, Version);
}
