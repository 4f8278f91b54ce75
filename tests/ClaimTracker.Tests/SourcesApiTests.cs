using System.Net;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

public sealed class SourcesApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Creating_a_source_answers_201_with_its_location_an_etag_and_a_derived_slug()
    {
        var response = await client.PostJsonAsync("/api/v1/sources", new
        {
            name = "Yonhap News Agency", kind = "news_agency", country = "KR", aliases = new[] { "Yonhap" }, affiliationId = "south-korea-government",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var source = await response.JsonAsync();
        Assert.Equal("yonhap-news-agency", source["slug"]!.GetValue<string>());
        Assert.Equal($"/api/v1/sources/{source["id"]}", response.Headers.Location!.ToString());
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal("src_6", source["affiliationId"]!.GetValue<string>());
        var bySlug = await client.GetJsonAsync("/api/v1/sources/yonhap-news-agency");
        Assert.Equal(source["id"]!.GetValue<string>(), bySlug["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_taken_slug_is_a_409()
    {
        var response = await client.PostJsonAsync("/api/v1/sources", new { slug = "kcna", name = "Another agency", kind = "news_agency" });
        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("washington", "us-government")]
    [InlineData("Kcna", "kcna")]
    [InlineData("Korean Central News Agency", "kcna")]
    [InlineData("KOREAN central news", "kcna")]
    [InlineData("U.S.", "us-government")]
    [InlineData("the west", "the-west")]
    [InlineData("south-korea-government", "south-korea-government")]
    public async Task Resolution_ignores_case_accents_and_punctuation(string name, string expected)
    {
        var result = await client.GetJsonAsync($"/api/v1/sources/resolve?name={Uri.EscapeDataString(name)}");
        Assert.Equal(expected, result["items"]![0]!["source"]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resolution_matches_accented_names_without_their_accents_and_puts_exact_matches_first()
    {
        await Given.SourceAsync(client, "Société Générale Analysts", "unnamed");
        await Given.SourceAsync(client, "Société", "organization");

        var result = await client.GetJsonAsync("/api/v1/sources/resolve?name=societe");

        var items = result["items"]!.AsArray();
        Assert.Equal(["Société", "Société Générale Analysts"], items.Select(i => i!["source"]!["name"]!.GetValue<string>()));
        Assert.True(items[0]!["exact"]!.GetValue<bool>());
        Assert.False(items[1]!["exact"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_unknown_name_resolves_to_nothing()
    {
        var result = await client.GetJsonAsync("/api/v1/sources/resolve?name=Atlantis%20Ministry");
        Assert.Empty(result["items"]!.AsArray());
    }

    [Fact]
    public async Task Patching_merges_fields_and_If_Match_refuses_a_stale_edit()
    {
        var id = await Given.SourceAsync(client, Given.Unique("Ministry"), "government_body", ["The Ministry"]);
        var read = await client.GetAsync($"/api/v1/sources/{id}");
        var etag = read.Headers.ETag!.Tag;

        var patched = await client.PatchJsonAsync($"/api/v1/sources/{id}", new { country = "KP", description = "Speaks for the cabinet." }, etag);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await patched.JsonAsync();
        Assert.Equal("KP", body["country"]!.GetValue<string>());
        Assert.Equal(["The Ministry"], body["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.NotEqual(etag, patched.Headers.ETag!.Tag);

        var stale = await client.PatchJsonAsync($"/api/v1/sources/{id}", new { country = "KR" }, etag);
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("KP", (await client.GetJsonAsync($"/api/v1/sources/{id}"))["country"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patching_null_clears_a_field()
    {
        var id = await Given.SourceAsync(client, Given.Unique("Clearable"), "organization");
        await client.PatchJsonAsync($"/api/v1/sources/{id}", new { description = "temporary" });

        var cleared = await (await client.PatchJsonAsync($"/api/v1/sources/{id}", new { description = (string?)null, aliases = (string[]?)null })).JsonAsync();
        Assert.Null(cleared["description"]);
        Assert.Empty(cleared["aliases"]!.AsArray());
    }

    [Fact]
    public async Task Deleting_a_source_that_attributions_name_is_a_409_until_cascade()
    {
        var sourceId = await Given.SourceAsync(client);
        var (claimId, attributionId) = await Given.AttributedClaimAsync(client, sourceId);

        var refused = await client.DeleteAsync($"/api/v1/sources/{sourceId}");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, problem["references"]!["attributions"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/sources/{sourceId}?cascade=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/sources/{sourceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/attributions/{attributionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/claims/{claimId}")).StatusCode);
    }

    [Fact]
    public async Task Deleting_an_unreferenced_source_answers_204_and_then_404()
    {
        var id = await Given.SourceAsync(client);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/sources/{id}")).StatusCode);
        await (await client.DeleteAsync($"/api/v1/sources/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Listing_filters_by_kind_and_affiliation_and_pages_with_a_link()
    {
        var governmentAffiliates = await client.GetJsonAsync("/api/v1/sources?affiliationId=north-korea-government");
        Assert.Equal(["kcna", "kim-jong-un"], governmentAffiliates["items"]!.AsArray().Select(s => s!["slug"]!.GetValue<string>()).Order());

        var first = await client.GetAsync("/api/v1/sources?kind=government&limit=2");
        var page = await first.JsonAsync();
        Assert.Equal(2, page["items"]!.AsArray().Count);
        Assert.All(page["items"]!.AsArray(), s => Assert.Equal("government", s!["kind"]!.GetValue<string>()));
        var next = first.Headers.GetValues("Link").Single();
        Assert.Contains("rel=\"next\"", next);

        var second = await client.GetJsonAsync(next[1..next.IndexOf('>')]);
        Assert.Equal("government", second["items"]![0]!["kind"]!.GetValue<string>());
        Assert.DoesNotContain(second["items"]![0]!["id"]!.GetValue<string>(), page["items"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_affiliation_is_a_422()
    {
        var response = await client.PostJsonAsync("/api/v1/sources", new { name = Given.Unique("Orphan"), kind = "person", affiliationId = "nobody" });
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }
}
