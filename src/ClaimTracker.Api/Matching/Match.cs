using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;

namespace ClaimTracker.Api.Matching;

/// <summary>The body of <c>POST /claims/match</c>: a new statement to compare with the claims on record.</summary>
public sealed class MatchInput : IValidatedBody
{
    [Description("The statement, as worded by whoever made it or as you would record it.")]
    [Required, StringLength(2000), CleanText]
    public string? Text { get; init; }

    [Description("How many candidates to return at most, 1 to 50 (default 5).")]
    [Range(1, 50)]
    public int? Limit { get; init; }
}

/// <summary>The claims most like a statement, best first, and the score from which one counts as a duplicate.</summary>
public sealed record MatchResult(
    [property: Description("Candidates scoring at or above this are likely the same claim (likelyDuplicate).")] double Threshold,
    IReadOnlyList<MatchCandidate> Candidates);

/// <summary>A claim on record that may say what the statement says.</summary>
public sealed record MatchCandidate(
    [property: Description("The claim, without its attributions and reviews.")] Claim Claim,
    [property: Description("0 to 1: shared terms weighted (actors and figures most) and word order, lowered for another figure, "
        + "another actor, swapped roles or a negation.")] double Score,
    [property: Description("True when the score reaches the threshold.")] bool LikelyDuplicate,
    [property: Description("Weighted share of terms the two have in common, 0 to 1.")] double Overlap,
    [property: Description("The terms both share, after synonyms and number formats are unified (\"10k\" and \"ten thousand\" are 10000).")]
    IReadOnlyList<string> SharedTerms,
    [property: Description("Why the score is what it is, in words.")] IReadOnlyList<string> Reasons);
