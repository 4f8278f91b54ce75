using ClaimTracker.Api.Auth;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.FactCheckTools;

/// <summary>
/// Google's Fact Check Tools API <c>claims:search</c>, spoken by ClaimTracker: a tool written against Google's API works here by
/// changing its base URL and key. Outside /api/v1 because the path is Google's; errors are Google's shape, not RFC 9457.
/// </summary>
public static class FactCheckToolsApi
{
    public const string Prefix = "/v1alpha1";

    private const string Description =
        "Google Fact Check Tools API–compatible search: the parameters and answer of Google's GET /v1alpha1/claims:search, so a tool written "
        + "against it works by changing its base URL and key. The key may also be sent as ?key=<key>, as Google's clients send it (a read key "
        + "suffices; it is never logged). Answers reviewed claims only: query finds them as GET /api/v1/search does (text, quotes, source names; "
        + "best first); with only reviewPublisherSiteFilter, the newest review comes first. Each claim lists its reviews that the filters keep: "
        + "publisher.name is the reviewer, publisher.site the host of the review's url without \"www.\" (this API's host for a review without "
        + "one, whose url is then this API's URL of the review under Web:PublicBaseUrl, as in the ClaimReview feed), textualRating the reviewer's words else the rating's "
        + "label, languageCode the claim's language; claimant names the sources that assert or speculate the claim; title is the review's "
        + "title (a ClaimReview's headline or name), sent only when known, as Google's API does. Empty fields are left out, and an answer without claims is {}, "
        + "as Google's API does. Page with pageSize (default 10, at most 100) and nextPageToken, or offset. Errors are Google's "
        + "{\"error\": {\"code\", \"message\", \"status\"}} (400 INVALID_ARGUMENT with a google.rpc.BadRequest naming each bad parameter, "
        + "401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 429 RESOURCE_EXHAUSTED).";

    public static IServiceCollection AddFactCheckTools(this IServiceCollection services)
    {
        services.AddSingleton<FactCheckStore>();
        // First among the problem writers: the RFC 9457 writer that AddProblemDetails registers would otherwise answer for this route too.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, GoogleErrorWriter>());
        return services;
    }

    public static void MapFactCheckTools(this IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "/claims:search", Search).WithTags("Fact Check Tools")
            .RequireAuthorization(Scopes.Api)
            .WithMetadata(new QueryKey())
            .AddEndpointFilter<QueryValuesFilter>()
            .AddEndpointFilter<ValidationFilter>()
            .AddEndpointFilter<RequestDeadlineFilter>()
            .Describe("SearchFactCheckedClaims", "Search fact-checked claims, as Google's Fact Check Tools API does", Description)
            .ProducesGoogleErrors(400, 401, 403, 429, 504);
    }

    private static async Task<Ok<FactCheckedClaimSearchResponse>> Search([AsParameters] FactCheckQuery query, FactCheckStore store, HttpContext context) =>
        TypedResults.Ok(await store.SearchAsync(query, Hosting.PublicUrls.BaseUrlOf(context)));
}
