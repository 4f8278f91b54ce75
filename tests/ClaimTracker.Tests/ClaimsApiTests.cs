using System.Net;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

public sealed class ClaimsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private async Task<string[]> ClaimIdsAsync(string query)
    {
        var page = await client.GetJsonAsync("/api/v1/claims?limit=200&" + query);
        return page["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToArray();
    }

    [Fact]
    public async Task A_claim_is_created_read_patched_and_deleted()
    {
        var created = await client.PostJsonAsync("/api/v1/claims", new { text = Given.Unique("Troops crossed the border"), topics = new[] { "border" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = created.Headers.Location!.ToString();
        var claim = await client.GetJsonAsync(url);
        Assert.Equal("unreviewed", claim["status"]!.GetValue<string>());
        Assert.Empty(claim["attributions"]!.AsArray());

        var patched = await (await client.PatchJsonAsync(url, new { status = "in_review", claimDate = "2024-11-01T10:00:00+09:00" })).JsonAsync();
        Assert.Equal("in_review", patched["status"]!.GetValue<string>());
        Assert.Equal("2024-11-01T01:00:00Z", patched["claimDate"]!.GetValue<string>());
        Assert.Equal(["border"], patched["topics"]!.AsArray().Select(t => t!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(url)).StatusCode);
        await (await client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_claim_date_defaults_to_the_earliest_statement()
    {
        var sourceId = await Given.SourceAsync(client);
        var (claimId, _) = await Given.AttributedClaimAsync(client, sourceId, statedAt: "2023-05-04");
        var claim = await client.GetJsonAsync($"/api/v1/claims/{claimId}");
        Assert.Equal("2023-05-04T00:00:00Z", claim["claimDate"]!.GetValue<string>());
        Assert.Contains(claimId, await ClaimIdsAsync("from=2023-05-01&to=2023-06-01"));
    }

    [Fact]
    public async Task Filters_by_source_include_affiliates_only_when_asked()
    {
        Assert.Empty(await ClaimIdsAsync("sourceId=north-korea-government"));
        var withAffiliates = await ClaimIdsAsync("sourceId=north-korea-government&includeAffiliates=true");
        Assert.Contains("clm_2", withAffiliates);
        Assert.Contains("clm_9", withAffiliates);
    }

    [Fact]
    public async Task Filters_by_stance_status_rating_topic_document_and_text()
    {
        Assert.Equal(["clm_5"], await ClaimIdsAsync("stance=speculates&documentId=doc_1"));
        Assert.Equal(["clm_3"], await ClaimIdsAsync("status=reviewed&documentId=doc_1"));
        Assert.Equal(["clm_3"], await ClaimIdsAsync("rating=mostly_true"));
        Assert.Equal(["clm_5"], await ClaimIdsAsync("topic=nuclear"));
        Assert.Equal(["clm_3"], await ClaimIdsAsync("q=10%2C000%20SOLDIERS"));
        Assert.Equal(["clm_3", "clm_6"], await ClaimIdsAsync("sourceId=us-government&stance=asserts"));
    }

    [Fact]
    public async Task Newest_first_sorting_and_cursor_paging_visit_every_claim_once()
    {
        var seen = new List<string>();
        string? url = "/api/v1/claims?limit=3&sort=newest&documentId=doc_1";
        while (url is not null)
        {
            var response = await client.GetAsync(url);
            var page = await response.JsonAsync();
            seen.AddRange(page["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
            url = response.Headers.TryGetValues("Link", out var link) ? link.Single()[1..link.Single().IndexOf('>')] : null;
            Assert.Equal(url is null, page["nextCursor"] is null);
        }
        Assert.Equal(Enumerable.Range(1, 10).Reverse().Select(i => $"clm_{i}"), seen);
    }

    [Fact]
    public async Task Deleting_a_claim_with_attributions_and_reviews_is_a_409_until_cascade()
    {
        var (claimId, attributionId) = await Given.AttributedClaimAsync(client, "kcna");
        await client.PostJsonAsync($"/api/v1/claims/{claimId}/reviews", new { rating = "false" });

        var problem = await (await client.DeleteAsync($"/api/v1/claims/{claimId}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, problem["references"]!["reviews"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/claims/{claimId}?cascade=true")).StatusCode);
        await (await client.GetAsync($"/api/v1/attributions/{attributionId}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_claims_attributions_list_and_an_unknown_claim_is_a_404()
    {
        var page = await client.GetJsonAsync("/api/v1/claims/clm_3/attributions");
        Assert.Equal(2, page["items"]!.AsArray().Count);
        await (await client.GetAsync("/api/v1/claims/clm_404/attributions")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostJsonAsync("/api/v1/claims/clm_404/attributions",
            new { sourceId = "kcna", documentId = "doc_1", stance = "asserts", quote = "KCNA said" })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task What_a_source_said_lists_stance_and_words_per_claim_and_counts_affiliates_when_asked()
    {
        var own = await client.GetJsonAsync("/api/v1/sources/north-korea-government/claims");
        Assert.Empty(own["items"]!.AsArray());

        var affiliated = await client.GetJsonAsync("/api/v1/sources/north-korea-government/claims?includeAffiliates=true&limit=200");
        var items = affiliated["items"]!.AsArray();
        Assert.Contains(items, i => i!["attribution"]!["source"]!["slug"]!.GetValue<string>() == "kim-jong-un");
        Assert.Contains(items, i => i!["claim"]!["id"]!.GetValue<string>() == "clm_2"
            && i["attribution"]!["quote"]!.GetValue<string>() == "proceeded in a friendly and sincere atmosphere");
        await (await client.GetAsync("/api/v1/sources/nobody/claims")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
