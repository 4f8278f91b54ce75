using System.ComponentModel;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Reviews;

/// <summary>Reviews: the verdicts fact-checkers reach on claims.</summary>
public static class ReviewsApi
{
    public static void MapReviews(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Reviews");

        group.MapGet("/reviews", List).Describe("ListReviews", "List reviews",
            "Pages through verdicts; filter by claim, rating or publication date.")
            .Problems();
        group.MapGet("/claims/{claimId}/reviews", ListForClaim).Describe("ListClaimReviews", "List a claim's reviews",
            "Every verdict on this claim, oldest first.")
            .Problems(404);
        group.MapGet("/reviews/{reviewId}", Get).Describe("GetReview", "Get a review", "Reads one verdict.")
            .Problems(404);
        group.MapPost("/claims/{claimId}/reviews", Create).Describe("CreateReview", "Review a claim",
            "Records a verdict on the claim and sets the claim's status to reviewed. ratingValue (1–5) is derived from rating when omitted. "
            + "A url that another review already has answers 409 duplicate-review-url with that review's id and Location.")
            .Problems(404, 409, 413, 415);
        group.MapPatch("/reviews/{reviewId}", Update).Describe("UpdateReview", "Update a review",
            "Changes the fields sent (JSON Merge Patch). Two editors holding the same ETag cannot both win: with If-Match, the second gets 412. "
            + "A url that another review already has answers 409 duplicate-review-url.")
            .Accepts<ReviewInput>(MergePatch.MediaType, "application/json")
            .Problems(404, 409, 412, 415);
        group.MapDelete("/reviews/{reviewId}", Delete).Describe("DeleteReview", "Delete a review",
            "Deletes a verdict. When it was the claim's last, the claim goes back to in_review.")
            .Problems(404, 412);
    }

    private static async Task<Ok<Page<Review>>> List([AsParameters] ReviewFilter filter, [AsParameters] PageQuery page, ReviewStore store, HttpContext context) =>
        PageResults.Ok(context, await store.ListAsync(filter, page));

    private static async Task<Ok<Page<Review>>> ListForClaim(
        [Description("Claim id, e.g. clm_3.")] string claimId, [AsParameters] PageQuery page, ReviewStore store, ClaimStore claims, HttpContext context)
    {
        if (!await claims.ExistsAsync(Ids.Parse(Ids.Claim, claimId, "claim"))) throw ApiProblem.NotFound("claim", claimId);
        return PageResults.Ok(context, await store.ListAsync(new ReviewFilter { ClaimId = claimId }, page));
    }

    private static async Task<Ok<Review>> Get([Description("Review id, e.g. rev_1.")] string reviewId, ReviewStore store, HttpContext context)
    {
        var review = await Find(store, reviewId);
        ETags.Set(context, review.Version);
        return TypedResults.Ok(review.Resource);
    }

    private static async Task<Created<Review>> Create([Description("Claim id, e.g. clm_3.")] string claimId, ReviewInput input, ReviewStore store, HttpContext context)
    {
        var review = await store.CreateAsync(WriteOrigin.Of(context), Ids.Parse(Ids.Claim, claimId, "claim"), input);
        ETags.Set(context, review.Version);
        return TypedResults.Created($"/api/v1/reviews/{review.Resource.Id}", review.Resource);
    }

    private static async Task<Ok<Review>> Update([Description("Review id, e.g. rev_1.")] string reviewId, ReviewStore store, HttpContext context)
    {
        var current = await Find(store, reviewId);
        ETags.Check(context.Request, current.Version);
        var input = await MergePatch.ApplyAsync(context.Request, ToInput(current.Resource));
        var updated = await store.UpdateAsync(WriteOrigin.Of(context), current, input);
        ETags.Set(context, updated.Version);
        return TypedResults.Ok(updated.Resource);
    }

    private static async Task<NoContent> Delete([Description("Review id, e.g. rev_1.")] string reviewId, ReviewStore store, HttpContext context)
    {
        var current = await Find(store, reviewId);
        ETags.Check(context.Request, current.Version);
        await store.DeleteAsync(WriteOrigin.Of(context), current);
        return TypedResults.NoContent();
    }

    private static async Task<Versioned<Review>> Find(ReviewStore store, string reviewId) =>
        await store.GetAsync(Ids.Parse(Ids.Review, reviewId, "review")) ?? throw ApiProblem.NotFound("review", reviewId);

    // The stored ratingValue is kept only when it differs from the one the rating implies, so a new rating re-derives it.
    private static ReviewInput ToInput(Review r) => new()
    {
        Rating = r.Rating, RatingValue = r.RatingValue == ReviewInput.ValueOf(r.Rating) ? null : r.RatingValue, TextualRating = r.TextualRating,
        Summary = r.Summary, Reviewer = r.Reviewer, Url = r.Url, Evidence = [.. r.Evidence], PublishedAt = r.PublishedAt,
    };
}
