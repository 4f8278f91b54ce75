using System.Net;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

public sealed class ReviewsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("true", 5)]
    [InlineData("mostly_true", 4)]
    [InlineData("mixed", 3)]
    [InlineData("unproven", 3)]
    [InlineData("mostly_false", 2)]
    [InlineData("misleading", 2)]
    [InlineData("false", 1)]
    public async Task The_rating_value_is_derived_from_the_rating(string rating, int value)
    {
        var claimId = await Given.ClaimAsync(client);
        var review = await (await client.PostJsonAsync($"/api/v1/claims/{claimId}/reviews", new { rating })).JsonAsync();
        Assert.Equal(value, review["ratingValue"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_review_marks_its_claim_reviewed_and_deleting_the_last_puts_it_back_in_review()
    {
        var claimId = await Given.ClaimAsync(client);
        var created = await client.PostJsonAsync($"/api/v1/claims/{claimId}/reviews",
            new { rating = "misleading", ratingValue = 1, textualRating = "Misleading", reviewer = "Desk", evidence = new[] { "https://example.org/a" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var review = await created.JsonAsync();
        Assert.Equal(1, review["ratingValue"]!.GetValue<int>());
        Assert.Equal("reviewed", (await client.GetJsonAsync($"/api/v1/claims/{claimId}"))["status"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(created.Headers.Location)).StatusCode);
        Assert.Equal("in_review", (await client.GetJsonAsync($"/api/v1/claims/{claimId}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_editors_patching_with_the_same_etag_cannot_both_win()
    {
        var claimId = await Given.ClaimAsync(client);
        var url = (await client.PostJsonAsync($"/api/v1/claims/{claimId}/reviews", new { rating = "mixed" })).Headers.Location!.ToString();
        var etag = (await client.GetAsync(url)).Headers.ETag!.Tag;

        var results = await Task.WhenAll(
            client.PatchJsonAsync(url, new { rating = "true" }, etag),
            client.PatchJsonAsync(url, new { rating = "false" }, etag));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], results.Select(r => r.StatusCode).OrderBy(s => (int)s));
        var winner = await results.Single(r => r.StatusCode == HttpStatusCode.OK).JsonAsync();
        Assert.Equal(winner["rating"]!.GetValue<string>(), (await client.GetJsonAsync(url))["rating"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_new_rating_rederives_the_value_and_reviews_list_by_claim_and_rating()
    {
        var claimId = await Given.ClaimAsync(client);
        var url = (await client.PostJsonAsync($"/api/v1/claims/{claimId}/reviews", new { rating = "false" })).Headers.Location!.ToString();

        var patched = await (await client.PatchJsonAsync(url, new { rating = "mostly_true" })).JsonAsync();
        Assert.Equal(4, patched["ratingValue"]!.GetValue<int>());

        var forClaim = await client.GetJsonAsync($"/api/v1/claims/{claimId}/reviews");
        Assert.Single(forClaim["items"]!.AsArray());
        var seeded = await client.GetJsonAsync("/api/v1/reviews?claimId=clm_3");
        Assert.Equal("rev_1", Assert.Single(seeded["items"]!.AsArray())!["id"]!.GetValue<string>());
        await (await client.GetAsync("/api/v1/claims/clm_404/reviews")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostJsonAsync("/api/v1/claims/clm_404/reviews", new { rating = "false" })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_rating_value_out_of_range_is_a_400_naming_the_field()
    {
        var claimId = await Given.ClaimAsync(client);
        var problem = await (await client.PostJsonAsync($"/api/v1/claims/{claimId}/reviews", new { rating = "false", ratingValue = 6 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["ratingValue"]);
    }
}
