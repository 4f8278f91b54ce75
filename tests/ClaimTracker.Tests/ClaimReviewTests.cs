using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests;

/// <summary>Verdicts published as schema.org ClaimReview JSON-LD, with what Google's fact-check guidance asks for.</summary>
public sealed class ClaimReviewTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private async Task<JsonNode> LdAsync(string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task The_worked_example_review_carries_every_field_Google_requires_or_recommends()
    {
        var ld = await LdAsync("/api/v1/claims/clm_3/claimreview");

        // Required: claimReviewed, reviewRating (with alternateName), url.
        Assert.Equal("https://schema.org", ld["@context"]!.GetValue<string>());
        Assert.Equal("ClaimReview", ld["@type"]!.GetValue<string>());
        Assert.Equal("North Korea has sent more than 10,000 soldiers to help Russia fight Ukraine", ld["claimReviewed"]!.GetValue<string>());
        Assert.Equal("http://localhost/api/v1/reviews/rev_1", ld["url"]!.GetValue<string>());
        var rating = ld["reviewRating"]!;
        Assert.Equal("Rating", rating["@type"]!.GetValue<string>());
        Assert.Equal("Mostly true", rating["alternateName"]!.GetValue<string>());
        // Recommended on Rating: name, ratingValue, bestRating, worstRating.
        Assert.Equal("Mostly true", rating["name"]!.GetValue<string>());
        Assert.Equal((4, 5, 1), (rating["ratingValue"]!.GetValue<int>(), rating["bestRating"]!.GetValue<int>(), rating["worstRating"]!.GetValue<int>()));
        // Recommended on ClaimReview: author, datePublished, itemReviewed.
        Assert.Equal("Organization", ld["author"]!["@type"]!.GetValue<string>());
        Assert.Equal("ClaimTracker demo desk", ld["author"]!["name"]!.GetValue<string>());
        Assert.Equal("2024-11-20T00:00:00Z", ld["datePublished"]!.GetValue<string>());
        // Recommended on Claim: author, datePublished, appearance, firstAppearance.
        var claim = ld["itemReviewed"]!;
        Assert.Equal("Claim", claim["@type"]!.GetValue<string>());
        var authors = claim["author"]!.AsArray();
        Assert.Equal(["United States government", "Government of South Korea"], authors.Select(a => a!["name"]!.GetValue<string>()));
        Assert.All(authors, a => Assert.Equal("Organization", a!["@type"]!.GetValue<string>()));
        Assert.Equal("https://www.wikidata.org/wiki/Q48525", authors[0]!["sameAs"]!.GetValue<string>());
        Assert.Null(authors[1]!["sameAs"]);
        Assert.Equal("2024-11-19T00:00:00Z", claim["datePublished"]!.GetValue<string>());
        var appearance = Assert.Single(claim["appearance"]!.AsArray())!;
        Assert.Equal("Kim Jong-un meets Russian natural resources minister in Pyongyang", appearance["headline"]!.GetValue<string>());
        Assert.Equal("Agence France-Presse", appearance["publisher"]!["name"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(appearance, claim["firstAppearance"]));
    }

    [Fact]
    public async Task A_claim_without_a_review_or_an_unknown_claim_is_a_404_problem()
    {
        var problem = await (await client.GetAsync("/api/v1/claims/clm_1/claimreview")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.EndsWith("/not-reviewed", problem["type"]!.GetValue<string>());
        await (await client.GetAsync("/api/v1/claims/clm_999/claimreview")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Several_reviews_answer_an_array_a_person_is_a_Person_and_a_review_url_is_published_as_given()
    {
        var person = await client.PostJsonAsync("/api/v1/sources", new { name = Given.Unique("Senator"), kind = "person", wikidataId = "Q42" });
        var personId = (await person.JsonAsync())["id"]!.GetValue<string>();
        var (claimId, _) = await Given.AttributedClaimAsync(client, personId, "speculates");
        await client.PostJsonAsync($"/api/v1/claims/{claimId}/reviews", new { rating = "false", url = "https://factcheck.example.org/a" });
        await client.PostJsonAsync($"/api/v1/claims/{claimId}/reviews", new { rating = "misleading", textualRating = "Cherry-picked" });

        var reviews = (await LdAsync($"/api/v1/claims/{claimId}/claimreview")).AsArray();

        Assert.Equal(2, reviews.Count);
        Assert.Equal("https://factcheck.example.org/a", reviews[0]!["url"]!.GetValue<string>());
        Assert.Equal(["False", "Cherry-picked"], reviews.Select(r => r!["reviewRating"]!["alternateName"]!.GetValue<string>()));
        var author = reviews[0]!["itemReviewed"]!["author"]!;
        Assert.Equal("Person", author["@type"]!.GetValue<string>());
        Assert.Equal("https://www.wikidata.org/wiki/Q42", author["sameAs"]!.GetValue<string>());
        Assert.Null(reviews[1]!["author"]);
    }

    [Fact]
    public async Task The_feed_pages_all_reviews_in_a_graph_and_since_keeps_only_recent_changes()
    {
        var first = await client.GetAsync("/api/v1/claimreview?limit=1");
        var page = await first.JsonAsync();
        Assert.Equal("application/ld+json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("rev_1", page["@graph"]![0]!["url"]!.GetValue<string>().Split('/')[^1]);
        // Only @context and @graph: any other member would make the page a node and each review a named graph (issue 19).
        Assert.Equal(["@context", "@graph"], page.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        await client.PostJsonAsync($"/api/v1/claims/{await Given.ClaimAsync(client)}/reviews", new { rating = "false" });
        var linked = await client.GetAsync("/api/v1/claimreview?limit=1");
        var next = linked.Headers.GetValues("Link").Single();
        Assert.Matches("^</api/v1/claimreview\\?[^>]*cursor=[^>]+>; rel=\"next\"$", next); // relative: no Host is trusted (issue 16)
        var second = await LdAsync(next[1..next.IndexOf('>')]);
        Assert.NotEqual("rev_1", second["@graph"]![0]!["url"]!.GetValue<string>().Split('/')[^1]);

        Assert.Empty((await LdAsync("/api/v1/claimreview?since=2100-01-01")).AsObject()["@graph"]!.AsArray());
        var claimId = await Given.ClaimAsync(client);
        var before = DateTimeOffset.UtcNow.ToString("O");
        await client.PostJsonAsync($"/api/v1/claims/{claimId}/reviews", new { rating = "true" });
        var recent = (await LdAsync($"/api/v1/claimreview?limit=200&since={Uri.EscapeDataString(before)}"))["@graph"]!.AsArray();
        Assert.Contains(recent, r => r!["claimReviewed"]!.GetValue<string>().StartsWith("Claim "));
        Assert.DoesNotContain(recent, r => r!["url"]!.GetValue<string>().EndsWith("/rev_1"));
    }

    [Fact]
    public async Task Two_reviews_cannot_share_a_url()
    {
        var url = "https://factcheck.example.org/" + Guid.NewGuid();
        await client.PostJsonAsync($"/api/v1/claims/{await Given.ClaimAsync(client)}/reviews", new { rating = "true", url });
        var problem = await (await client.PostJsonAsync($"/api/v1/claims/{await Given.ClaimAsync(client)}/reviews", new { rating = "false", url }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("/duplicate-review-url", problem["type"]!.GetValue<string>());
        using var db = factory.OpenDatabase();
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM reviews WHERE url = @Url", new { Url = url }));
    }
}
