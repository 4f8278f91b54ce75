using ClaimTracker.Api.Data;
using ClaimTracker.Api.Matching;
using ClaimTracker.Api.Search;
using ClaimTracker.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Tests.Matching;

/// <summary>
/// The matcher as on a large archive, where the statement's terms reach more claims than the candidate budget (here 1):
/// candidates are the claims with its three rarest terms, or with any two of them when that finds no likely duplicate.
/// </summary>
public sealed class LargeArchiveMatchTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<MatchResult> MatchAsync(string text)
    {
        factory.CreateClient().Dispose(); // Starts the app: migrated and seeded.
        await using var db = new Db(Options.Create(new DatabaseOptions { Path = factory.DatabasePath }));
        var matcher = new ClaimMatcher(db, new SearchIndex(db), candidateBudget: 1);
        return await matcher.MatchAsync(text, 5);
    }

    [Fact]
    public async Task A_paraphrase_is_found_among_the_claims_with_its_rarest_terms()
    {
        var result = await MatchAsync("North Korea sent over 10,000 troops to aid Russia against Ukraine");
        Assert.Equal("clm_3", result.Candidates[0].Claim.Id);
        Assert.True(result.Candidates[0].LikelyDuplicate);
    }

    [Fact]
    public async Task A_rare_word_the_claim_on_record_lacks_does_not_hide_it()
    {
        // "airport" is the rarest term and only clm_7 has it: no claim has all three rarest terms, two of them find clm_3.
        var result = await MatchAsync("North Korea sent over 10,000 troops by airport to aid Russia against Ukraine");
        Assert.Equal("clm_3", result.Candidates[0].Claim.Id);
        Assert.True(result.Candidates[0].LikelyDuplicate);
    }
}
