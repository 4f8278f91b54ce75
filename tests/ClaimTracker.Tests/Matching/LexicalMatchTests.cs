using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests.Matching;

/// <summary>Matching before any claim is embedded (the embedder is off here): lexical only, and the answer says so.</summary>
public sealed class LexicalMatchTests : IClassFixture<LexicalMatchTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        public Factory() => Settings["Matching:EmbedInBackground"] = "false";
    }

    private readonly HttpClient client;

    public LexicalMatchTests(Factory factory) => client = factory.CreateClient();

    [Fact]
    public async Task Without_embeddings_the_match_is_lexical_and_says_which_signals_it_used()
    {
        var result = await (await client.PostJsonAsync("/api/v1/claims/match",
            new { text = "North Korea sent over 10,000 troops to aid Russia against Ukraine" })).JsonAsync();

        Assert.Equal(["lexical", "wording"], result["signals"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(10, result["claimsAwaitingEmbedding"]!.GetValue<long>());
        var best = result["candidates"]![0]!;
        Assert.Equal("clm_3", best["claim"]!["id"]!.GetValue<string>());
        Assert.Equal(["lexical", "wording"], best["scoredBy"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Null(best["semantic"]);
        Assert.True(best["likelyDuplicate"]!.GetValue<bool>());
    }
}
