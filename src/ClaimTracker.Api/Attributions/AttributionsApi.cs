using System.ComponentModel;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Attributions;

/// <summary>Attributions: who made which claim, in which words, in which document, through whom.</summary>
public static class AttributionsApi
{
    public static void MapAttributions(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Attributions");

        group.MapGet("/attributions", List).Describe("ListAttributions", "List attributions",
            "Pages through attributions; filter by claim, source (with its affiliates), document, stance, direct quotes, relaying source or dates.")
            .Problems();
        group.MapGet("/claims/{claimId}/attributions", ListForClaim).Describe("ListClaimAttributions", "List a claim's attributions",
            "Who made this claim: every attribution with its source, cue, stance and anchored quote.")
            .Problems(404);
        group.MapGet("/documents/{documentId}/attributions", ListForDocument).Describe("ListDocumentAttributions", "List a document's attributions",
            "Every statement attributed in this document, in the order they were recorded.")
            .Problems(404);
        group.MapGet("/sources/{sourceId}/claims", ListForSource).Describe("ListSourceClaims", "What a source has said",
            "The claims a source made, one item per attribution with its stance and exact words. includeAffiliates=true counts "
            + "what affiliated sources said too: KCNA's statements for the North Korean government.")
            .Problems(404);
        group.MapGet("/attributions/{attributionId}", Get).Describe("GetAttribution", "Get an attribution",
            "Reads one attribution with its source, its via chain and the selectors anchoring its quote in the document text.")
            .Problems(404);
        group.MapPost("/claims/{claimId}/attributions", Create).Describe("CreateAttribution", "Attribute a claim to a source",
            "Records that a source made the claim in a document. The quote must occur in the document's text: it is anchored and returned "
            + "as W3C selectors (code-point offsets). A quote found nowhere answers 422 quote-not-found; one found more than once answers "
            + "422 quote-ambiguous listing the candidates, to be picked with anchor.prefix, anchor.suffix or anchor.start; a quote that "
            + "occurs, but never with the anchor.prefix or anchor.suffix sent, answers 422 quote-context-not-found with its candidates.")
            .Problems(404, 413, 415, 422);
        group.MapPatch("/attributions/{attributionId}", Update).Describe("UpdateAttribution", "Update an attribution",
            "Changes the fields sent (JSON Merge Patch). A changed quote is anchored again; If-Match guards against concurrent edits.")
            .Accepts<AttributionInput>(MergePatch.MediaType, "application/json")
            .Problems(404, 412, 415, 422);
        group.MapDelete("/attributions/{attributionId}", Delete).Describe("DeleteAttribution", "Delete an attribution",
            "Deletes one attribution; the claim, source and document stay.")
            .Problems(404, 412);
    }

    private static async Task<Ok<Page<Attribution>>> List([AsParameters] AttributionFilter filter, [AsParameters] PageQuery page, AttributionStore store, HttpContext context) =>
        PageResults.Ok(context, await store.ListAsync(filter, page));

    private static async Task<Ok<Page<Attribution>>> ListForClaim(
        [Description("Claim id, e.g. clm_3.")] string claimId, [AsParameters] PageQuery page, AttributionStore store, ClaimStore claims, HttpContext context)
    {
        if (!await claims.ExistsAsync(Ids.Parse(Ids.Claim, claimId, "claim"))) throw ApiProblem.NotFound("claim", claimId);
        return PageResults.Ok(context, await store.ListAsync(new AttributionFilter { ClaimId = claimId }, page));
    }

    private static async Task<Ok<Page<Attribution>>> ListForDocument(
        [Description("Document id, e.g. doc_1.")] string documentId, [AsParameters] PageQuery page, AttributionStore store,
        Documents.DocumentStore documents, HttpContext context)
    {
        if (!await documents.ExistsAsync(Ids.Parse(Ids.Document, documentId, "document"))) throw ApiProblem.NotFound("document", documentId);
        return PageResults.Ok(context, await store.ListAsync(new AttributionFilter { DocumentId = documentId }, page));
    }

    private static async Task<Ok<Page<SourceStatement>>> ListForSource(
        [Description("Source id or slug, e.g. kcna.")] string sourceId,
        [Description("Also list what sources affiliated with it said.")] bool? includeAffiliates,
        [Description("Only statements with this stance.")] Stance? stance,
        [Description("Only statements made at or after this date or time (ISO 8601).")] DateTimeOffset? from,
        [Description("Only statements made before this date or time (ISO 8601).")] DateTimeOffset? to,
        [AsParameters] PageQuery page, AttributionStore store, HttpContext context)
    {
        var filter = new AttributionFilter { SourceId = sourceId, IncludeAffiliates = includeAffiliates, Stance = stance, From = from, To = to };
        return PageResults.Ok(context, await store.StatementsAsync(filter, page) ?? throw ApiProblem.NotFound("source", sourceId));
    }

    private static async Task<Ok<Attribution>> Get([Description("Attribution id, e.g. att_1.")] string attributionId, AttributionStore store, HttpContext context)
    {
        var attribution = await Find(store, attributionId);
        ETags.Set(context, attribution.Version);
        return TypedResults.Ok(attribution.Resource);
    }

    private static async Task<Created<Attribution>> Create(
        [Description("Claim id, e.g. clm_3.")] string claimId, AttributionInput input, AttributionStore store, HttpContext context)
    {
        var attribution = await store.CreateAsync(WriteOrigin.Of(context), Ids.Parse(Ids.Claim, claimId, "claim"), input);
        ETags.Set(context, attribution.Version);
        return TypedResults.Created($"/api/v1/attributions/{attribution.Resource.Id}", attribution.Resource);
    }

    private static async Task<Ok<Attribution>> Update([Description("Attribution id, e.g. att_1.")] string attributionId, AttributionStore store, HttpContext context)
    {
        var current = await Find(store, attributionId);
        ETags.Check(context.Request, current.Version);
        var input = await MergePatch.ApplyAsync(context.Request, ToInput(current.Resource));
        var updated = await store.UpdateAsync(WriteOrigin.Of(context), current, input);
        ETags.Set(context, updated.Version);
        return TypedResults.Ok(updated.Resource);
    }

    private static async Task<NoContent> Delete([Description("Attribution id, e.g. att_1.")] string attributionId, AttributionStore store, HttpContext context)
    {
        var current = await Find(store, attributionId);
        ETags.Check(context.Request, current.Version);
        await store.DeleteAsync(WriteOrigin.Of(context), current);
        return TypedResults.NoContent();
    }

    private static async Task<Versioned<Attribution>> Find(AttributionStore store, string attributionId) =>
        await store.GetAsync(Ids.Parse(Ids.Attribution, attributionId, "attribution")) ?? throw ApiProblem.NotFound("attribution", attributionId);

    // The current occurrence's start is kept as the hint, so an edit elsewhere never moves a repeated quote.
    private static AttributionInput ToInput(Attribution a) => new()
    {
        SourceId = a.SourceId, DocumentId = a.DocumentId, Cue = a.Cue, Stance = a.Stance, Direct = a.Direct, Quote = a.Quote,
        Anchor = a.Selector is { } s ? new AnchorInput { Start = s.Position.Start } : null,
        Via = [.. a.Via], StatedAt = a.StatedAt, Note = a.Note,
    };
}
