using System.ComponentModel;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Matching;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Claims;

/// <summary>Claims: the checkable statements, worded once, whoever made them.</summary>
public static class ClaimsApi
{
    public static void MapClaims(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/claims").WithTags("Claims");

        group.MapGet("/", List).Describe("ListClaims", "List claims",
            "Pages through claims. Filter by who made them (sourceId, with includeAffiliates), where (documentId), how (stance), "
            + "workflow status, review rating, topic, language, claim date (from/to) or words of the text (q).")
            .Problems();
        group.MapGet("/{claimId}", Get).Describe("GetClaim", "Get a claim with who said it",
            "Reads one claim with every attribution (source, cue, stance, exact words anchored in the document, via chain) and every review.")
            .Problems(404);
        group.MapPost("/", Create).Describe("CreateClaim", "Create a claim",
            "Adds a claim, worded neutrally. Attribute it to sources with POST /claims/{claimId}/attributions. With checkDuplicates=true "
            + "the text is first compared with the claims on record (as POST /claims/match does); when one is a likely duplicate the answer "
            + "is 409 possible-duplicate, listing the candidates, with the best one's Location.")
            .Problems(409, 413, 415);
        group.MapPatch("/{claimId}", Update).Describe("UpdateClaim", "Update a claim",
            "Changes the fields sent (JSON Merge Patch, RFC 7396). If-Match with the ETag read guards against concurrent edits (412).")
            .Accepts<ClaimInput>(MergePatch.MediaType, "application/json")
            .Problems(404, 412, 415);
        group.MapDelete("/{claimId}", Delete).Describe("DeleteClaim", "Delete a claim",
            "Deletes a claim. While it has attributions or reviews the answer is 409; with cascade=true they are deleted with it.")
            .Problems(404, 409, 412);
    }

    private static async Task<Ok<Page<Claim>>> List([AsParameters] ClaimFilter filter, [AsParameters] PageQuery page, ClaimStore store, HttpContext context) =>
        PageResults.Ok(context, await store.ListAsync(filter, page));

    private static async Task<Ok<Claim>> Get([Description("Claim id, e.g. clm_3.")] string claimId, ClaimStore store, HttpContext context)
    {
        var claim = await Find(store, claimId);
        ETags.Set(context, claim.Version);
        return TypedResults.Ok(claim.Resource);
    }

    private static async Task<Created<Claim>> Create(
        ClaimInput input, [Description("Refuse with 409 when the text likely duplicates a claim on record.")] bool? checkDuplicates,
        ClaimStore store, ClaimMatcher matcher, HttpContext context)
    {
        if (checkDuplicates == true) await matcher.EnsureNoDuplicateAsync(input.Text!);
        var claim = await store.CreateAsync(WriteOrigin.Of(context), input);
        ETags.Set(context, claim.Version);
        return TypedResults.Created($"/api/v1/claims/{claim.Resource.Id}", claim.Resource);
    }

    private static async Task<Ok<Claim>> Update([Description("Claim id, e.g. clm_3.")] string claimId, ClaimStore store, HttpContext context)
    {
        var current = await Find(store, claimId);
        ETags.Check(context.Request, current.Version);
        var input = await MergePatch.ApplyAsync(context.Request, await store.EditableAsync(current.RowId));
        var updated = await store.UpdateAsync(WriteOrigin.Of(context), current, input);
        ETags.Set(context, updated.Version);
        return TypedResults.Ok(updated.Resource);
    }

    private static async Task<NoContent> Delete(
        [Description("Claim id, e.g. clm_3.")] string claimId,
        [Description("Also delete the claim's attributions and reviews.")] bool? cascade,
        ClaimStore store, HttpContext context)
    {
        var current = await Find(store, claimId);
        ETags.Check(context.Request, current.Version);
        await store.DeleteAsync(WriteOrigin.Of(context), current, cascade ?? false);
        return TypedResults.NoContent();
    }

    private static async Task<Versioned<Claim>> Find(ClaimStore store, string claimId) =>
        await store.GetAsync(Ids.Parse(Ids.Claim, claimId, "claim")) ?? throw ApiProblem.NotFound("claim", claimId);
}
