using System.ComponentModel;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;

namespace ClaimTracker.Api.Contested;

/// <summary>A claim that one source asserts and another denies or retracts, with both sides.</summary>
public sealed record ContestedClaim(
    [property: Description("The claim, without its attributions and reviews.")] Claim Claim,
    [property: Description("The attributions asserting the claim.")] IReadOnlyList<Attribution> Asserting,
    [property: Description("The attributions denying or retracting it.")] IReadOnlyList<Attribution> Disputing);

/// <summary>Filters of <c>GET /claims/contested</c>.</summary>
public sealed class ContestedFilter
{
    [Description("Only claims this source (id or slug) took a side on, either side.")]
    public string? SourceId { get; init; }

    [Description("With sourceId: also count the sources affiliated with it (KCNA for the North Korean government).")]
    public bool? IncludeAffiliates { get; init; }

    [Description("Only claims made at or after this date or time (ISO 8601).")]
    public DateTimeOffset? From { get; init; }

    [Description("Only claims made before this date or time (ISO 8601).")]
    public DateTimeOffset? To { get; init; }

    internal ClaimFilter ToClaimFilter() => new() { SourceId = SourceId, IncludeAffiliates = IncludeAffiliates, From = From, To = To };
}
