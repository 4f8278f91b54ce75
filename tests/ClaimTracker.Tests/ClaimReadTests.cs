using System.Net;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>
/// A claim's single read and the claim list run on connections that keep their prepared statements: what they show
/// must follow every change at once, whichever connection made it.
/// </summary>
public sealed class ClaimReadTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_claim_read_shows_its_topics_attributions_via_chains_and_reviews_after_each_change()
    {
        var speaker = await Given.SourceAsync(client);
        var relay = await Given.SourceAsync(client, kind: "organization");
        var claimId = await Given.ClaimAsync(client, topics: ["first", "second"]);
        var quote = Given.Unique("Words");
        var documentId = await Given.DocumentAsync(client, $"Someone said that {quote}.");
        var url = $"/api/v1/claims/{claimId}";

        var before = await client.GetStringAsync(url);
        var added = await client.PostJsonAsync($"{url}/attributions", new { sourceId = speaker, documentId, cue = "said", stance = "asserts", quote, via = new[] { relay } });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync($"{url}/reviews", new { rating = "false" })).StatusCode);

        var claim = await client.GetJsonAsync(url);
        Assert.NotEqual(before, claim.ToJsonString());
        Assert.Equal(["first", "second"], claim["topics"]!.AsArray().Select(t => t!.GetValue<string>()));
        var attribution = claim["attributions"]!.AsArray().Single()!;
        Assert.Equal(speaker, attribution["sourceId"]!.GetValue<string>());
        Assert.Equal([relay], attribution["via"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(relay, attribution["viaSources"]!.AsArray().Single()!["id"]!.GetValue<string>());
        Assert.Equal("false", claim["reviews"]!.AsArray().Single()!["rating"]!.GetValue<string>());
        Assert.Equal("reviewed", claim["status"]!.GetValue<string>());

        var patched = await client.PatchJsonAsync(url, new { topics = new[] { "third" }, text = "Reworded " + claimId });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        for (var i = 0; i < 3; i++)
        {
            var again = await client.GetJsonAsync(url);
            Assert.Equal(["third"], again["topics"]!.AsArray().Select(t => t!.GetValue<string>()));
            Assert.Equal("Reworded " + claimId, again["text"]!.GetValue<string>());
        }

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/attributions/{attribution["id"]!.GetValue<string>()}")).StatusCode);
        Assert.Empty((await client.GetJsonAsync(url))["attributions"]!.AsArray());
    }

    [Fact]
    public async Task The_claims_of_a_source_and_stance_follow_new_attributions()
    {
        var sourceId = await Given.SourceAsync(client);
        var list = $"/api/v1/claims?sourceId={sourceId}&stance=asserts&limit=50";
        Assert.Empty((await client.GetJsonAsync(list))["items"]!.AsArray());
        var (first, _) = await Given.AttributedClaimAsync(client, sourceId);
        var (second, _) = await Given.AttributedClaimAsync(client, sourceId);
        Assert.Equal([first, second], (await client.GetJsonAsync(list))["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
    }
}
