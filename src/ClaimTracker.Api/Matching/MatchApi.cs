using ClaimTracker.Api.Auth;
using ClaimTracker.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Matching;

/// <summary>Near-duplicate matching: has this statement been recorded before, in other words?</summary>
public static class MatchApi
{
    public static void MapMatching(this IEndpointRouteBuilder api)
    {
        api.MapPost("/claims/match", Match).WithTags("Claims")
            .WithMetadata(new Scopes.ReadsOnly())
            .Describe("MatchClaim", "Find claims a statement may duplicate",
                "Compares a new statement (a claim, a quote or a social post as posted) with the claims on record and returns the "
                + "most alike, best first. Candidates come from bm25 over the claim texts for any of the statement's words and from "
                + "the nearest claims by meaning (sentence embeddings of arctic-embed-xs, computed offline in the background), so "
                + "a paraphrase sharing no rare word is found. One score, 0 to 1, fuses the signals; each candidate says which "
                + "signals scored it, and the answer which were used (semantic only once claims are embedded: "
                + "claimsAwaitingEmbedding). likelyDuplicate is calibrated to be right 9 times in 10 on real posts (CLEF-2020 "
                + "CheckThat! Task 2). Matching writes nothing: a read key suffices. POST /claims?checkDuplicates=true makes the "
                + "same decision before creating a claim.")
            .Problems(413, 415);
    }

    private static async Task<Ok<MatchResult>> Match(MatchInput input, ClaimMatcher matcher) =>
        TypedResults.Ok(await matcher.MatchAsync(input.Text!, input.Limit ?? 5));
}
