using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Search;

namespace ClaimTracker.Api.FactCheckTools;

/// <summary>
/// The query parameters of <c>claims:search</c>, named as Google's Fact Check Tools API names them. As in that API (proto3), 0 is
/// the same as not set. Checked by <see cref="ValidationFilter"/>; a failure is a 400 INVALID_ARGUMENT naming the parameter.
/// </summary>
public sealed class FactCheckQuery : IValidatedBody, IValidatableObject
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;
    public const int MaxAgeDaysLimit = 100_000;

    [Description("Words to look for in the claim, its quotes and its sources' names: words, \"exact phrases\", prefixes (soldier*), OR, NOT "
        + "and parentheses, as GET /api/v1/search takes them. Required unless reviewPublisherSiteFilter is given. At most 500 characters.")]
    [Display(Name = "query"), StringLength(SearchQuery.MaxQueryLength, ErrorMessage = "query must be at most 500 characters."), CleanText]
    public string? Query { get; init; }

    [Description("Only claims in this language: a BCP 47 tag such as en-US or sr-Latn. As in Google's API, only the language counts, "
        + "not the region or script: en-US finds claims tagged en and en-GB.")]
    [Display(Name = "languageCode"), StringLength(35, ErrorMessage = "languageCode must be at most 35 characters."), RegularExpression("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", ErrorMessage = "languageCode must be a BCP 47 tag such as en or en-US.")]
    public string? LanguageCode { get; init; }

    [Description("Only reviews published on this site, e.g. factcheck.afp.com, and its subdomains; \"www.\", a scheme or a path are ignored. "
        + "A review without a url is published on this API's host.")]
    [Display(Name = "reviewPublisherSiteFilter"), StringLength(253, ErrorMessage = "reviewPublisherSiteFilter must be at most 253 characters."), CleanText]
    public string? ReviewPublisherSiteFilter { get; init; }

    [Description("Only reviews at most this many days old; the age of a review is that of its date or its claim's date, whichever is newer. "
        + "0 or absent: any age.")]
    [Range(0, MaxAgeDaysLimit, ErrorMessage = "maxAgeDays must be between 0 and 100000.")]
    public int? MaxAgeDays { get; init; }

    [Description("How many claims to return, 1 to 100; 0 or absent: 10.")]
    [Range(0, MaxPageSize, ErrorMessage = "pageSize must be between 0 and 100.")]
    public int? PageSize { get; init; }

    [Description("The nextPageToken of the previous answer, with every other parameter unchanged; omit it for the first page.")]
    [StringLength(200, ErrorMessage = "pageToken is not one this API issued; start again without it.")]
    public string? PageToken { get; init; }

    [Description("Where to start: 0 is the first claim found, 10 the eleventh. Only read when pageToken is absent; at most 10,000.")]
    [Range(0, SearchCursor.MaxOffset, ErrorMessage = "offset must be between 0 and 10000.")]
    public int? Offset { get; init; }

    internal string? Site => ReviewSite.Normalize(ReviewPublisherSiteFilter);

    internal int Take => PageSize is null or 0 ? DefaultPageSize : PageSize.Value;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Query) && string.IsNullOrWhiteSpace(ReviewPublisherSiteFilter))
            yield return new ValidationResult("query is required unless reviewPublisherSiteFilter is given.", ["Query"]);
        if (!string.IsNullOrWhiteSpace(ReviewPublisherSiteFilter) && Site is null)
            yield return new ValidationResult("reviewPublisherSiteFilter must be a site such as nytimes.com.", ["ReviewPublisherSiteFilter"]);
    }
}

/// <summary>The answer of <c>claims:search</c>, in the shape of Google's FactCheckedClaimSearchResponse.</summary>
public sealed record FactCheckedClaimSearchResponse(
    [property: Description("The claims found, each with its reviews; absent when none is found, as in Google's API."),
               JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FactCheckedClaim>? Claims,
    [property: Description("Pass as pageToken for the next page; absent on the last."),
               JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextPageToken);

/// <summary>A claim with its reviews (Google's Claim).</summary>
public sealed record FactCheckedClaim(
    [property: Description("The claim's text.")] string Text,
    [property: Description("Who made the claim: the sources that assert or speculate it, comma-separated; absent when none does."),
               JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Claimant,
    [property: Description("When the claim was made: as set, else the earliest statedAt of its attributions."),
               JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ClaimDate,
    [property: Description("Its reviews that the filters keep, newest first.")] IReadOnlyList<FactCheckClaimReview> ClaimReview);

/// <summary>A review of a claim (Google's ClaimReview); title, as Google's API, only when known.</summary>
public sealed record FactCheckClaimReview(
    FactCheckPublisher Publisher,
    [property: Description("The review's url, else this API's URL of the review (/api/v1/reviews/{id}), as in the ClaimReview feed.")] string Url,
    [property: Description("When the review was published; its creation time when no date was given.")] DateTimeOffset ReviewDate,
    [property: Description("The verdict in the reviewer's words, else the rating's label (Mostly true).")] string TextualRating,
    [property: Description("The claim's language (BCP 47); absent when unknown."),
               JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LanguageCode,
    [property: Description("The fact-check's headline; absent when the review has no title, as in Google's API."),
               JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title = null);

/// <summary>Who published a review (Google's Publisher).</summary>
public sealed record FactCheckPublisher(
    [property: Description("The reviewer; absent when the review names none."),
               JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: Description("Host of the review's url without \"www.\" (this API's host for a review without one), e.g. factcheck.afp.com.")] string Site);
