using ClaimTracker.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Contested;

/// <summary>Contested claims: where sources disagree.</summary>
public static class ContestedApi
{
    public static void MapContested(this IEndpointRouteBuilder api)
    {
        api.MapGet("/claims/contested", List).WithTags("Claims")
            .Describe("ListContestedClaims", "List contested claims",
                "Claims that at least one source asserts while another source denies or retracts them, each with both sides: the "
                + "asserting attributions and the denying or retracting ones. A source that asserts and later retracts a claim "
                + "contests it only when another source asserts it. Filter by a source on either side (with includeAffiliates) "
                + "and by claim date (from/to); paged like GET /claims.")
            .Problems();
    }

    private static async Task<Ok<Page<ContestedClaim>>> List(
        [AsParameters] ContestedFilter filter, [AsParameters] PageQuery page, ContestedStore store, HttpContext context) =>
        PageResults.Ok(context, await store.ListAsync(filter, page));
}
