using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>
/// ClaimReview markup as fact-checkers' pages publish it (issue 19): details a reader would shrug at are read, and what
/// was guessed is said in the item's warnings; only what cannot make a review is refused. One fixture per shape.
/// </summary>
public sealed class ClaimReviewLenientImportTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private async Task<(JsonNode Item, JsonNode Review)> ImportAsync(string markup)
    {
        var body = markup.Replace("{URL}", "https://factcheck.example.org/" + Guid.NewGuid().ToString("N"))
            .Replace("{CLAIM}", Given.Unique("Lenient claim"));
        var response = await client.PostRawAsync("/api/v1/import/claimreview", body, "application/ld+json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var item = JsonNode.Parse(text)!["items"]![0]!;
        return (item, await client.GetJsonAsync($"/api/v1/reviews/{item["reviewId"]}"));
    }

    private static string[] Warnings(JsonNode item) => item["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToArray();

    [Fact]
    public async Task An_author_organisation_with_a_url_and_no_name_is_named_after_its_host()
    {
        var (item, review) = await ImportAsync("""
            {"@context": "https://schema.org", "@type": "ClaimReview", "url": "{URL}", "claimReviewed": "{CLAIM}",
             "author": {"@type": "Organization", "url": "https://www.factcheck.example.org/"},
             "reviewRating": {"@type": "Rating", "alternateName": "False"}}
            """);
        Assert.Equal("factcheck.example.org", review["reviewer"]!.GetValue<string>());
        Assert.Contains(Warnings(item), w => w.Contains("$.author has no name: named 'factcheck.example.org' after its url"));
    }

    [Fact]
    public async Task A_claimant_known_only_by_sameAs_is_named_after_that_host()
    {
        var (item, _) = await ImportAsync("""
            {"@context": "https://schema.org", "@type": "ClaimReview", "url": "{URL}", "claimReviewed": "{CLAIM}",
             "author": {"@type": "Organization", "name": "Desk"},
             "itemReviewed": {"@type": "Claim", "author": {"@type": "Organization", "sameAs": ["https://www.wikidata.org/wiki/Q1", "https://ministry.example.gov/"]},
                              "appearance": {"@type": "CreativeWork", "url": "{URL}/appearance"}},
             "reviewRating": {"@type": "Rating", "alternateName": "False"}}
            """);
        Assert.Contains(Warnings(item), w => w.Contains("named 'ministry.example.gov' after its sameAs"));
    }

    [Theory]
    [InlineData("2022-07-08 09:48", "2022-07-08T09:48:00Z", "has no time zone")]
    [InlineData("2022-07-08T09:48", "2022-07-08T09:48:00Z", "has no time zone")]
    [InlineData("2022-07-08 09:48:00+02:00", "2022-07-08T07:48:00Z", null)]
    [InlineData("2022-07-08T09:48:00+02:00", "2022-07-08T07:48:00Z", null)]
    [InlineData("July 8, 2022", "2022-07-08T00:00:00Z", "is not ISO 8601")]
    [InlineData("8 July 2022", "2022-07-08T00:00:00Z", "is not ISO 8601")]
    [InlineData("2022-07-08", "2022-07-08T00:00:00Z", null)]
    public async Task Common_date_and_time_forms_are_read_with_or_without_zone(string written, string stored, string? warning)
    {
        var (item, review) = await ImportAsync($$$"""
            {"@context": "https://schema.org", "@type": "ClaimReview", "url": "{URL}", "claimReviewed": "{CLAIM}",
             "datePublished": "{{{written}}}", "author": {"@type": "Organization", "name": "Desk"},
             "reviewRating": {"@type": "Rating", "alternateName": "False"}}
            """);
        Assert.Equal(stored, review["publishedAt"]!.GetValue<string>());
        if (warning is null) Assert.Empty(Warnings(item));
        else Assert.Contains(Warnings(item), w => w.Contains("$.datePublished") && w.Contains(warning));
    }

    [Fact]
    public async Task Type_arrays_are_read_and_the_most_specific_known_type_decides_the_kind()
    {
        var (item, _) = await ImportAsync("""
            {"@context": "https://schema.org", "@type": ["ClaimReview", "CreativeWork"], "url": "{URL}", "claimReviewed": "{CLAIM}",
             "author": {"@type": ["Organization", "NewsMediaOrganization"], "name": "Desk"},
             "itemReviewed": {"@type": ["Claim"], "author": {"@type": ["Organization", "GovernmentOrganization"], "name": "{CLAIM} ministry"},
                              "appearance": {"@type": "CreativeWork", "url": "{URL}/appearance"}},
             "reviewRating": {"@type": "Rating", "alternateName": "False"}}
            """);
        var source = await client.GetJsonAsync($"/api/v1/sources/{item["sourceIds"]![0]}");
        Assert.Equal("government", source["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_page_graph_with_other_nodes_imports_its_claimreview()
    {
        var (item, _) = await ImportAsync("""
            {"@context": "https://schema.org", "@graph": [
              {"@type": "WebPage", "@id": "{URL}#page", "name": "A page"},
              {"@type": "Organization", "@id": "{URL}#org", "name": "Graph desk"},
              {"@type": "ClaimReview", "url": "{URL}", "claimReviewed": "{CLAIM}", "author": {"@id": "{URL}#org"},
               "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1}}]}
            """);
        Assert.Equal("created", item["outcome"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"@type": "Rating", "ratingValue": "1", "bestRating": "5", "worstRating": "1"}""", "false")]
    [InlineData("""{"@type": "Rating", "ratingValue": 4, "bestRating": 5}""", "mostly_true")]
    [InlineData("""{"@type": "Rating", "name": "Mostly false"}""", "mostly_false")]
    [InlineData("\"Pants on Fire\"", "false")]
    public async Task Ratings_as_strings_numbers_names_or_plain_text_are_read(string rating, string expected)
    {
        var (_, review) = await ImportAsync($$$"""
            {"@context": "https://schema.org", "@type": "ClaimReview", "url": "{URL}", "claimReviewed": "{CLAIM}",
             "author": {"@type": "Organization", "name": "Desk"}, "reviewRating": {{{rating}}}}
            """);
        Assert.Equal(expected, review["rating"]!.GetValue<string>());
    }

    [Fact]
    public async Task What_cannot_make_a_review_is_still_refused_with_every_reason()
    {
        var response = await client.PostRawAsync("/api/v1/import/claimreview", """
            {"@context": "https://schema.org", "@type": "ClaimReview", "datePublished": "last Tuesday",
             "author": {"@type": "Organization"}, "reviewRating": {"@type": "Rating", "alternateName": "Spicy"}}
            """, "application/ld+json");
        var errors = (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["errors"]!.AsObject();
        Assert.Equal(["$.author.name", "$.claimReviewed", "$.datePublished", "$.reviewRating.alternateName", "$.url"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("\"headline\": \"Did it double? No\", \"name\": \"ignored\"", "Did it double? No")]
    [InlineData("\"name\": \"Did it double? No\"", "Did it double? No")]
    public async Task The_title_is_the_headline_else_the_name_and_is_published_as_google_sends_it(string fields, string title)
    {
        var token = Guid.NewGuid().ToString("N");
        var (item, review) = await ImportAsync($$$"""
            {"@context": "https://schema.org", "@type": "ClaimReview", "url": "{URL}", "claimReviewed": "Titled claim {{{token}}}", {{{fields}}},
             "author": {"@type": "Organization", "name": "Desk"}, "reviewRating": {"@type": "Rating", "alternateName": "False"}}
            """);
        Assert.Equal(title, review["title"]!.GetValue<string>());
        var markup = await client.GetJsonAsync($"/api/v1/claims/{item["claimId"]}/claimreview");
        Assert.Equal(title, markup["headline"]!.GetValue<string>());
        var google = await client.GetJsonAsync($"/v1alpha1/claims:search?query={token}");
        Assert.Equal(title, google["claims"]![0]!["claimReview"]![0]!["title"]!.GetValue<string>());
    }
}
