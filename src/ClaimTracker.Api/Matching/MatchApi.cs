using ClaimTracker.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Matching;

/// <summary>Near-duplicate matching: has this statement been recorded before, in other words?</summary>
public static class MatchApi
{
    public static void MapMatching(this IEndpointRouteBuilder api)
    {
        api.MapPost("/claims/match", Match).WithTags("Claims")
            .Describe("MatchClaim", "Find claims a statement may duplicate",
                "Compares a new statement with the claims on record and returns the most alike, best first, scored 0 to 1 with the "
                + "terms they share and the reasons for the score. Case, accents, number formats (10,000 = 10k = ten thousand), "
                + "synonyms (troops = soldiers) and other names of the same actor (Pyongyang = North Korea) do not count as "
                + "differences; another figure, another actor, swapped roles or a negation do. A score at or above the threshold "
                + $"({ClaimMatcher.Threshold}) marks a likely duplicate; candidates under {ClaimMatcher.Floor} are not listed. "
                + "POST /claims?checkDuplicates=true runs the same check before creating a claim.")
            .Problems(413, 415);
    }

    private static async Task<Ok<MatchResult>> Match(MatchInput input, ClaimMatcher matcher) =>
        TypedResults.Ok(await matcher.MatchAsync(input.Text!, input.Limit ?? 5));
}
