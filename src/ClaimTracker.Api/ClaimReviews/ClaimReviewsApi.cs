using System.ComponentModel;
using System.Text.Json;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.ClaimReviews;

/// <summary>Verdicts out and in as schema.org ClaimReview JSON-LD, the markup fact-checkers publish and Google reads.</summary>
public static class ClaimReviewsApi
{
    public static void MapClaimReviews(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("ClaimReview");

        group.MapGet("/claims/{claimId}/claimreview", ForClaim).Describe("GetClaimReview", "A claim's verdicts as ClaimReview JSON-LD",
            "The claim's reviews as schema.org ClaimReview (application/ld+json), ready to embed in a page as a JSON-LD script element: "
            + "one object, or an array when the claim has several reviews. The claim's authors are the sources that assert or speculate it "
            + "(Person or Organization by kind, sameAs their Wikidata item); appearance lists its documents, the earliest as firstAppearance. "
            + "url is the review's own url, else this API's URL of the review, under Web:PublicBaseUrl (else the address the server "
            + "listens on; never the request's Host header). A claim without a review answers 404.")
            .Produces<ClaimReviewLd>(StatusCodes.Status200OK, MediaTypes.JsonLd)
            .WithMetadata(new OpenApi.OneOrMany())
            .Problems(404);
        group.MapGet("/claimreview", Feed).Describe("ClaimReviewFeed", "All verdicts as a ClaimReview feed",
            "Pages through every review as ClaimReview JSON-LD in a @graph, oldest first. The next page is in the Link: rel=\"next\" header "
            + "(its URL carries the cursor); the body holds only @context and @graph, so JSON-LD and RDF readers see the reviews in the "
            + "default graph. "
            + "since keeps the reviews created or changed (or whose claim changed) at or after a time, for publishing what is new; each item's "
            + "dateModified says when it last changed. A page can be posted as is to POST /import/claimreview of another ClaimTracker.")
            .Produces<ClaimReviewFeed>(StatusCodes.Status200OK, MediaTypes.JsonLd)
            .Problems();
        group.MapPost("/import/claimreview", Import).Describe("ImportClaimReview", "Import ClaimReview JSON-LD",
            "Takes one ClaimReview, an array of them, or a page's {\"@graph\": […]} (other nodes of the graph are ignored) and, in one transaction, "
            + "creates or updates the claim, its claimants (found by Wikidata item, then by exact name, alias or slug; created when new, Person → person, "
            + "else organization), the appearance documents (by URL) and the review. The review's url identifies it: importing the same ClaimReview "
            + "again updates it (outcome updated or unchanged) and never duplicates it. Textual ratings map to the rating enum by a documented table "
            + "(False, Mostly false, Half true, Pants on Fire, Four Pinocchios…); otherwise ratingValue on its bestRating/worstRating scale is rescaled "
            + "to 1–5. Anything unusable answers 422 listing every problem by JSON path, and nothing is stored.")
            .Accepts<ClaimReviewLd>(MediaTypes.JsonLd, "application/json")
            .Problems(413, 415, 422);
    }

    private static async Task<Results<JsonHttpResult<ClaimReviewLd>, JsonHttpResult<IReadOnlyList<ClaimReviewLd>>>> ForClaim(
        [Description("Claim id, e.g. clm_3.")] string claimId, ClaimReviewStore store, HttpContext context)
    {
        var found = await store.ForClaimAsync(Ids.Parse(Ids.Claim, claimId, "claim"), Hosting.PublicUrls.BaseUrlOf(context))
            ?? throw ApiProblem.NotFound("claim", claimId);
        return found switch
        {
            [] => throw new ApiProblem(404, ApiProblem.TypeBase + "not-reviewed", "No review", $"The claim '{claimId}' has no review to publish yet."),
            [var one] => TypedResults.Json(one, Json.Options, MediaTypes.JsonLd),
            _ => TypedResults.Json(found, Json.Options, MediaTypes.JsonLd),
        };
    }

    private static async Task<JsonHttpResult<ClaimReviewFeed>> Feed(
        [Description("Only reviews created or changed, or whose claim changed, at or after this date or time (ISO 8601).")] DateTimeOffset? since,
        [AsParameters] PageQuery page, ClaimReviewStore store, HttpContext context)
    {
        var feed = await store.FeedAsync(since, page, Hosting.PublicUrls.BaseUrlOf(context));
        PageResults.LinkNext(context, feed.NextCursor);
        return TypedResults.Json(feed, Json.Options, MediaTypes.JsonLd);
    }

    private static async Task<Ok<ClaimReviewImportResult>> Import(ClaimReviewImporter importer, HttpContext context)
    {
        MediaTypes.Require(context.Request, MediaTypes.JsonLd, "application/json");
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(context.Request.Body, new JsonDocumentOptions { MaxDepth = 64 }, context.RequestAborted);
        }
        catch (JsonException json)
        {
            throw new ApiProblem(400, ApiProblem.TypeBase + "malformed-json", "The body is not valid JSON", $"The body could not be read as JSON: {JsonMessages.Plain(json)}");
        }
        using (body)
        {
            JsonText.Require(body.RootElement);
            var items = ClaimReviewReader.Read(body.RootElement);
            return TypedResults.Ok(await importer.ImportAsync(WriteOrigin.Of(context), items, Hosting.PublicUrls.BaseUrlOf(context)));
        }
    }
}
