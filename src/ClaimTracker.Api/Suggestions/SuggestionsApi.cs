using System.ComponentModel;
using System.Security.Claims;
using ClaimTracker.Api.Audit;
using ClaimTracker.Api.Auth;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Extraction;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Suggestions;

/// <summary>Suggestions: who-said-what the extractor finds in a text, for a fact-checker to accept (with edits) or reject.</summary>
public static class SuggestionsApi
{
    public static void MapSuggestions(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Suggestions");

        group.MapPost("/extract", Preview).Describe("ExtractAttributions", "Preview the attributions in a text",
            "Runs the attribution extractor on a text and answers what it proposes, storing nothing: for each who-said-what, the source "
            + "mention, cue and content as W3C selectors (code points), the source resolved through the registry's names and aliases "
            + "(\"Washington\" → us-government) or a new source to add with a guessed kind, the stance, whether the words are quoted, "
            + "the relay chain, the layer and a confidence: the probability, calibrated on PolNeAR train, "
            + "that the proposal's spans are right. "
            + "minConfidence keeps only proposals at least that sure (0 shows every one; higher trades recall for precision); "
            + "without it, the hand-written constructions' proposals at 0.5 or more and learned cues' at 0.68 or more. "
            + "Offline and deterministic. A read key suffices.")
            .WithMetadata(new Scopes.ReadsOnly())
            .Problems(413, 415);
        group.MapPost("/documents/{documentId}/suggestions", Run).Describe("SuggestAttributions", "Suggest a document's attributions",
            "Runs the extractor on the stored document's text (the publisher's country and the dateline place \"state media\") and stores "
            + "its proposals as pending suggestions. Running again replaces the pending ones and keeps those already accepted or rejected, "
            + "never proposing their spans again. Answers what the run did and the pending suggestions; 422 when the document has no text.")
            .Problems(404, 422);
        group.MapGet("/documents/{documentId}/suggestions", List).Describe("ListSuggestions", "List a document's suggestions",
            "Pages through the suggestions for a document in text order; filter by status (pending, accepted, rejected).")
            .Problems(404);
        group.MapGet("/suggestions/{suggestionId}", Get).Describe("GetSuggestion", "Get a suggestion",
            "Reads one suggestion: the proposal, its status and, once decided, what became of it. The ETag guards accept and reject.")
            .Problems(404);
        group.MapPost("/suggestions/{suggestionId}/accept", Accept).Describe("AcceptSuggestion", "Accept a suggestion",
            "Makes an attribution of a pending suggestion, in one transaction with the claim and source when they are new: the claim is "
            + "claimId, or a new claim worded as claimText (default: the content); the source is sourceId, or the resolved one, or the "
            + "proposed new source (reusing a source of that name if one was added meanwhile). cue, stance, direct, quote and via can be "
            + "edited; the quote is anchored like any attribution's. Answers 201 with the attribution's Location. A suggestion already "
            + "accepted or rejected answers 409: accepting twice never makes a second attribution.")
            .Problems(404, 409, 412, 413, 415, 422);
        group.MapPost("/suggestions/{suggestionId}/reject", Reject).Describe("RejectSuggestion", "Reject a suggestion",
            "Records that a pending suggestion is wrong, with an optional reason. Later runs do not propose the same spans again. "
            + "A suggestion already decided answers 409.")
            .Problems(404, 409, 412, 413, 415);
    }

    private static async Task<Ok<ExtractionPreview>> Preview(ExtractInput input, SuggestionStore store)
    {
        var proposals = await store.PreviewAsync(input.Text!, new ExtractionContext(input.PublisherCountry, input.DatelineCountry), input.MinConfidence);
        return TypedResults.Ok(new ExtractionPreview(Anchoring.CodePoints.Length(input.Text!), proposals));
    }

    private static async Task<Ok<SuggestionRun>> Run(
        [Description("Document id, e.g. doc_1.")] string documentId, SuggestionStore store, WriteOrigin origin) =>
        TypedResults.Ok(await store.RunAsync(origin, Ids.Parse(Ids.Document, documentId, "document")));

    private static async Task<Ok<Page<Suggestion>>> List(
        [Description("Document id, e.g. doc_1.")] string documentId, [AsParameters] SuggestionFilter filter, [AsParameters] PageQuery page,
        SuggestionStore store, HttpContext context) =>
        PageResults.Ok(context, await store.ListAsync(Ids.Parse(Ids.Document, documentId, "document"), filter, page)
            ?? throw ApiProblem.NotFound("document", documentId));

    private static async Task<Ok<Suggestion>> Get([Description("Suggestion id, e.g. sug_5.")] string suggestionId, SuggestionStore store, HttpContext context)
    {
        var suggestion = await store.GetAsync(Ids.Parse(Ids.Suggestion, suggestionId, "suggestion")) ?? throw ApiProblem.NotFound("suggestion", suggestionId);
        ETags.Set(context, suggestion.Version);
        return TypedResults.Ok(suggestion.Resource);
    }

    private static async Task<Created<AcceptedSuggestion>> Accept(
        [Description("Suggestion id, e.g. sug_5.")] string suggestionId, AcceptInput? edits, SuggestionStore store, HttpContext context,
        WriteOrigin origin)
    {
        var (suggestion, attribution) = await store.AcceptAsync(
            origin, Ids.Parse(Ids.Suggestion, suggestionId, "suggestion"), edits ?? new AcceptInput(), ETags.Expected(context.Request));
        ETags.Set(context, suggestion.Version);
        return TypedResults.Created($"/api/v1/attributions/{attribution.Resource.Id}", new AcceptedSuggestion(suggestion.Resource, attribution.Resource));
    }

    private static async Task<Ok<Suggestion>> Reject(
        [Description("Suggestion id, e.g. sug_5.")] string suggestionId, RejectInput? input, SuggestionStore store, HttpContext context,
        WriteOrigin origin)
    {
        var suggestion = await store.RejectAsync(
            origin, Ids.Parse(Ids.Suggestion, suggestionId, "suggestion"), input?.Reason, ETags.Expected(context.Request));
        ETags.Set(context, suggestion.Version);
        return TypedResults.Ok(suggestion.Resource);
    }
}
