using System.Net;
using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests.Matching;

/// <summary>POST /claims/match and POST /claims?checkDuplicates=true on the worked example, once its claims are embedded.</summary>
public sealed class MatchTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private readonly HttpClient client = factory.CreateClient();

    public async Task InitializeAsync() => await Embeddings.WaitAsync(client);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_paraphrase_of_the_worked_example_puts_the_10000_soldiers_claim_first_with_reasons()
    {
        var response = await client.PostJsonAsync("/api/v1/claims/match", new { text = "North Korea sent over 10,000 troops to aid Russia against Ukraine" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.JsonAsync();
        var best = result["candidates"]![0]!;
        Assert.Equal("clm_3", best["claim"]!["id"]!.GetValue<string>());
        Assert.True(best["likelyDuplicate"]!.GetValue<bool>());
        Assert.InRange(best["score"]!.GetValue<double>(), result["threshold"]!.GetValue<double>(), 1.0);
        var shared = best["sharedTerms"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.Contains("10000", shared);
        Assert.Contains("soldier", shared);
        Assert.Contains("north korea", shared);
        Assert.NotEmpty(best["reasons"]!.AsArray());
        Assert.Equal(["lexical", "semantic", "wording"], best["scoredBy"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(1, best["lexical"]!["rank"]!.GetValue<int>());
        Assert.InRange(best["semantic"]!["cosine"]!.GetValue<double>(), 0.7, 1.0);
        var scores = result["candidates"]!.AsArray().Select(c => c!["score"]!.GetValue<double>()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Theory]
    [InlineData("The European Central Bank raised interest rates by 0.25 percentage points")]
    [InlineData("North Korea has sent more than 1,000 soldiers to help Russia fight Ukraine")]
    [InlineData("South Korea has sent more than 10,000 soldiers to help Russia fight Ukraine")]
    public async Task Unrelated_statements_and_near_misses_score_below_the_threshold(string text)
    {
        var result = await (await client.PostJsonAsync("/api/v1/claims/match", new { text })).JsonAsync();
        Assert.All(result["candidates"]!.AsArray(), c =>
        {
            Assert.False(c!["likelyDuplicate"]!.GetValue<bool>());
            Assert.True(c["score"]!.GetValue<double>() < result["threshold"]!.GetValue<double>());
        });
    }

    [Theory]
    [InlineData("The talks between Kim and the Russian minister were cordial and sincere, per North Korean media")]
    public async Task A_paraphrase_sharing_no_rare_word_finds_the_friendly_and_sincere_atmosphere_claim(string text)
    {
        var result = await (await client.PostJsonAsync("/api/v1/claims/match", new { text })).JsonAsync();
        var best = result["candidates"]![0]!;
        Assert.Contains("friendly and sincere atmosphere", best["claim"]!["text"]!.GetValue<string>());
        Assert.Contains("semantic", best["scoredBy"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task A_social_post_is_read_for_its_words_not_its_links_handles_emoji_or_signature()
    {
        var post = "RT @KoreaWatch: #NorthKorea has sent over 10k troops to help #Russia fight #Ukraine 🇰🇵🇷🇺 https://t.co/AbC123xyZ "
            + "pic.twitter.com/q1w2e3r4 — Korea Watch (@KoreaWatch) November 19, 2024";
        var result = await (await client.PostJsonAsync("/api/v1/claims/match", new { text = post })).JsonAsync();
        Assert.Equal("clm_3", result["candidates"]![0]!["claim"]!["id"]!.GetValue<string>());
        Assert.True(result["candidates"]![0]!["likelyDuplicate"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_pasted_post_ranks_first_the_claim_naming_its_author_and_dating_it()
    {
        // The signature is not compared as words; who posted and when still tell the claim about this post from
        // another.
        var other = await CreateAsync("A 2012 letter said Tarnwick river ferry fares would rise");
        var about = await CreateAsync(
            "Councillor Odalys Brennick wrote in August 2019 that Tarnwick river ferry fares would rise");
        await Embeddings.WaitAsync(client);
        var post = "Tarnwick river ferry fares will rise, says my letter. "
            + "— Odalys Brennick (@OBrennick) August 16, 2019";

        var result = await (await client.PostJsonAsync("/api/v1/claims/match", new { text = post })).JsonAsync();

        var ranked = result["candidates"]!.AsArray().Select(c => c!["claim"]!["id"]!.GetValue<string>()).ToList();
        Assert.True(ranked.IndexOf(other) > 0, result.ToJsonString());
        Assert.Equal(about, ranked[0]);
    }

    private async Task<string> CreateAsync(string text)
    {
        var response = await client.PostJsonAsync("/api/v1/claims", new { text, language = "en" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync())["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_rare_word_the_claim_on_record_lacks_does_not_hide_it()
    {
        // "airport" is rarer than any word clm_3 has, and only clm_7 holds it: bm25 over every word still ranks clm_3 first.
        var result = await (await client.PostJsonAsync("/api/v1/claims/match",
            new { text = "North Korea sent over 10,000 troops by airport to aid Russia against Ukraine" })).JsonAsync();
        Assert.Equal("clm_3", result["candidates"]![0]!["claim"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_read_key_may_match_and_matching_writes_nothing()
    {
        var created = await client.PostJsonAsync("/api/v1/keys", new { name = Given.Unique("reader"), scope = "read" });
        var reader = factory.CreateClient((await created.JsonAsync())["key"]!.GetValue<string>());
        using var db = factory.OpenDatabase();
        var changes = await db.QuerySingleAsync<(long, long, long)>(Counts);

        var response = await reader.PostJsonAsync("/api/v1/claims/match", new { text = "Kim met Kozlov in Pyongyang" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(changes, await db.QuerySingleAsync<(long, long, long)>(Counts));
        await (await reader.PostJsonAsync("/api/v1/claims", new { text = "A reader cannot write" })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private const string Counts = "SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM audit_log), (SELECT count(*) FROM claim_embeddings)";

    [Fact]
    public async Task The_limit_caps_the_candidates()
    {
        var result = await (await client.PostJsonAsync("/api/v1/claims/match", new { text = "Kim Jong-un Kozlov Russia Pyongyang", limit = 2 })).JsonAsync();
        Assert.Equal(2, result["candidates"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"text\":\"   \"}")]
    [InlineData("{\"text\":\"troops\",\"limit\":0}")]
    [InlineData("{\"text\":\"troops\",\"limit\":51}")]
    [InlineData("{\"text\":\"troops\",\"limit\":\"five\"}")]
    [InlineData("{\"text\":\"troops\",\"extra\":1}")]
    [InlineData("not json")]
    public async Task Bad_match_bodies_are_a_400(string body)
    {
        await (await client.PostRawAsync("/api/v1/claims/match", body)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_text_over_2000_characters_is_a_400()
    {
        var problem = await (await client.PostJsonAsync("/api/v1/claims/match", new { text = new string('x', 2001) })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["text"]);
    }

    [Fact]
    public async Task Creating_a_likely_duplicate_with_checkDuplicates_is_a_409_listing_the_candidates()
    {
        var before = (await client.GetJsonAsync("/api/v1/claims?limit=200"))["items"]!.AsArray().Count;
        var response = await client.PostJsonAsync("/api/v1/claims?checkDuplicates=true", new { text = "Pyongyang has dispatched more than 10k troops to help Moscow fight Kyiv" });
        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("possible-duplicate", problem["type"]!.GetValue<string>());
        Assert.Equal("clm_3", problem["candidates"]![0]!["claim"]!["id"]!.GetValue<string>());
        Assert.Equal("/api/v1/claims/clm_3", response.Headers.Location?.ToString());
        Assert.Equal(before, (await client.GetJsonAsync("/api/v1/claims?limit=200"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Creating_a_new_claim_with_checkDuplicates_or_a_duplicate_without_it_succeeds()
    {
        Assert.Equal(HttpStatusCode.Created,
            (await client.PostJsonAsync("/api/v1/claims?checkDuplicates=true", new { text = "Japan has protested against a missile launch over Hokkaido" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await client.PostJsonAsync("/api/v1/claims", new { text = "North Korean troops have started combat operations alongside Russian forces" })).StatusCode);
    }
}
