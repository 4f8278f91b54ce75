using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests;

/// <summary>ClaimReview JSON-LD in: claims, claimants, appearances and reviews created or updated, idempotent on the review's url.</summary>
public sealed class ClaimReviewImportTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private Task<HttpResponseMessage> ImportAsync(object body) =>
        client.PostRawAsync("/api/v1/import/claimreview", System.Text.Json.JsonSerializer.Serialize(body), "application/ld+json");

    private static Dictionary<string, object?> Review(string url, string claim, object rating, object? itemReviewed = null) => new()
    {
        ["@context"] = "https://schema.org", ["@type"] = "ClaimReview", ["url"] = url, ["claimReviewed"] = claim,
        ["datePublished"] = "2024-11-21", ["author"] = new Dictionary<string, object> { ["@type"] = "Organization", ["name"] = "AFP Fact Check" },
        ["reviewRating"] = rating, ["itemReviewed"] = itemReviewed,
    };

    private static Dictionary<string, object> Rating(string words) => new() { ["@type"] = "Rating", ["alternateName"] = words };

    private static Dictionary<string, object?> ClaimBy(object author, params string[] appearances) => new()
    {
        ["@type"] = "Claim", ["author"] = author, ["datePublished"] = "2024-11-18",
        ["appearance"] = appearances.Select(u => new Dictionary<string, string> { ["@type"] = "CreativeWork", ["url"] = u, ["headline"] = "Where it was said" }).ToArray(),
    };

    private static string Url() => "https://factcheck.example.org/" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task An_import_creates_claim_claimant_appearance_and_review_and_a_second_import_updates_instead_of_duplicating()
    {
        var url = Url();
        var claimant = new Dictionary<string, object> { ["@type"] = "Person", ["name"] = Given.Unique("Jane Politician"), ["sameAs"] = "https://www.wikidata.org/wiki/Q987654321" };
        var appearance = Url();
        var body = Review(url, Given.Unique("Crime doubled"), Rating("Pants on Fire!"), ClaimBy(claimant, appearance));

        var first = await (await ImportAsync(body)).JsonAsync();
        var item = first["items"]![0]!;
        Assert.Equal("created", item["outcome"]!.GetValue<string>());
        var claim = await client.GetJsonAsync($"/api/v1/claims/{item["claimId"]}");
        Assert.Equal("reviewed", claim["status"]!.GetValue<string>());
        Assert.Equal("2024-11-18T00:00:00Z", claim["claimDate"]!.GetValue<string>());
        var attribution = Assert.Single(claim["attributions"]!.AsArray())!;
        Assert.Equal("person", attribution["source"]!["kind"]!.GetValue<string>());
        var source = await client.GetJsonAsync($"/api/v1/sources/{attribution["sourceId"]}");
        Assert.Equal("Q987654321", source["wikidataId"]!.GetValue<string>());
        Assert.Equal(appearance, (await client.GetJsonAsync($"/api/v1/documents/{attribution["documentId"]}"))["url"]!.GetValue<string>());
        var review = Assert.Single(claim["reviews"]!.AsArray())!;
        Assert.Equal(("false", 1, "Pants on Fire!", "AFP Fact Check"), (review["rating"]!.GetValue<string>(), review["ratingValue"]!.GetValue<int>(),
            review["textualRating"]!.GetValue<string>(), review["reviewer"]!.GetValue<string>()));

        var again = await (await ImportAsync(body)).JsonAsync();
        Assert.Equal("unchanged", again["items"]![0]!["outcome"]!.GetValue<string>());
        body["reviewRating"] = Rating("Mostly false");
        var changed = await (await ImportAsync(body)).JsonAsync();
        Assert.Equal("updated", changed["items"]![0]!["outcome"]!.GetValue<string>());
        Assert.Equal(item["reviewId"]!.ToString(), changed["items"]![0]!["reviewId"]!.ToString());

        using var db = factory.OpenDatabase();
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM reviews WHERE url = @Url", new { Url = url }));
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM attributions WHERE note LIKE '%' || @Url", new { Url = url }));
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM sources WHERE wikidata_id = 'Q987654321'"));
        Assert.Equal("mostly_false", (await client.GetJsonAsync($"/api/v1/reviews/{item["reviewId"]}"))["rating"]!.GetValue<string>());
    }

    [Fact]
    public async Task Claimants_are_resolved_through_aliases_and_a_graph_may_hold_other_nodes_and_references()
    {
        var url = Url();
        var graph = new Dictionary<string, object>
        {
            ["@context"] = "https://schema.org",
            ["@graph"] = new object[]
            {
                new Dictionary<string, object> { ["@type"] = "WebPage", ["@id"] = url + "#page" },
                new Dictionary<string, object> { ["@type"] = "Organization", ["@id"] = "#washington", ["name"] = "Washington" },
                new Dictionary<string, object?>
                {
                    ["@type"] = "ClaimReview", ["url"] = url, ["claimReviewed"] = Given.Unique("Troops deployed"),
                    ["reviewRating"] = new Dictionary<string, object> { ["@type"] = "Rating", ["ratingValue"] = "4", ["bestRating"] = "5", ["worstRating"] = "1" },
                    ["itemReviewed"] = ClaimBy(new Dictionary<string, string> { ["@id"] = "#washington" }, Url()),
                },
            },
        };

        var item = (await (await ImportAsync(graph)).JsonAsync())["items"]!.AsArray().Single()!;

        Assert.Equal("$.@graph[2]", item["path"]!.GetValue<string>());
        Assert.Equal("src_5", item["sourceIds"]![0]!.GetValue<string>());
        Assert.Equal("mostly_true", (await client.GetJsonAsync($"/api/v1/reviews/{item["reviewId"]}"))["rating"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("False", null, null, null, "false", 1)]
    [InlineData("Mostly false", null, null, null, "mostly_false", 2)]
    [InlineData("Misleading", null, null, null, "misleading", 2)]
    [InlineData("Half-True", null, null, null, "mixed", 3)]
    [InlineData("Mostly True", null, null, null, "mostly_true", 4)]
    [InlineData("TRUE", null, null, null, "true", 5)]
    [InlineData("Unproven", null, null, null, "unproven", 3)]
    [InlineData("Four Pinocchios", null, null, null, "false", 1)]
    [InlineData("Our own wording", 6.0, 6.0, 1.0, "true", 5)]
    [InlineData("Our own wording", 6.0, 1.0, 6.0, "false", 1)]
    [InlineData(null, 3.0, 10.0, 0.0, "mostly_false", 2)]
    public async Task Textual_ratings_map_by_the_table_and_numeric_scales_are_rescaled(string? words, double? value, double? best, double? worst, string rating, int ratingValue)
    {
        var given = new Dictionary<string, object?> { ["@type"] = "Rating", ["alternateName"] = words, ["ratingValue"] = value, ["bestRating"] = best, ["worstRating"] = worst };
        var response = await ImportAsync(Review(Url(), Given.Unique("Claim"), given.Where(p => p.Value is not null).ToDictionary()));
        var review = await client.GetJsonAsync($"/api/v1/reviews/{(await response.JsonAsync())["items"]![0]!["reviewId"]}");
        Assert.Equal((rating, ratingValue), (review["rating"]!.GetValue<string>(), review["ratingValue"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Republishing_a_review_this_service_published_updates_it_rather_than_copying_it()
    {
        var published = await client.GetJsonAsync("/api/v1/claims/clm_3/claimreview");
        var item = (await (await ImportAsync(published)).JsonAsync())["items"]![0]!;
        Assert.Equal(("rev_1", "clm_3", "unchanged"), (item["reviewId"]!.GetValue<string>(), item["claimId"]!.GetValue<string>(), item["outcome"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Unusable_json_ld_is_a_422_listing_every_problem_by_path_and_stores_nothing()
    {
        var bad = new object[]
        {
            new Dictionary<string, object> { ["@context"] = "https://example.org", ["@type"] = "ClaimReview", ["url"] = "not a url",
                ["reviewRating"] = Rating("Somewhat spicy"), ["datePublished"] = "yesterday" },
            new Dictionary<string, object> { ["@context"] = "https://schema.org", ["@type"] = "Recipe", ["url"] = Url(), ["claimReviewed"] = Given.Unique("x"),
                ["reviewRating"] = Rating("False"), ["itemReviewed"] = ClaimBy(new Dictionary<string, string> { ["@type"] = "Person" }, "not a url") },
        };
        using var db = factory.OpenDatabase();
        var before = await db.ExecuteScalarAsync<long>("SELECT (SELECT count(*) FROM reviews) + (SELECT count(*) FROM claims) + (SELECT count(*) FROM sources)");

        var problem = await (await ImportAsync(bad)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Subset(errors, new HashSet<string>
        {
            "$[0].@context", "$[0].url", "$[0].claimReviewed", "$[0].reviewRating.alternateName", "$[0].datePublished",
            "$[1].@type", "$[1].itemReviewed.author.name", "$[1].itemReviewed.appearance[0].url",
        });
        Assert.Equal(before, await db.ExecuteScalarAsync<long>("SELECT (SELECT count(*) FROM reviews) + (SELECT count(*) FROM claims) + (SELECT count(*) FROM sources)"));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_other_shapes_a_422_and_other_media_types_a_415()
    {
        await (await client.PostRawAsync("/api/v1/import/claimreview", "{\"@type\": ", "application/ld+json")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostRawAsync("/api/v1/import/claimreview", "42", "application/ld+json")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await client.PostRawAsync("/api/v1/import/claimreview", "[]", "application/json")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await client.PostRawAsync("/api/v1/import/claimreview", """{"@graph": [{"@type": "WebPage"}]}""", "application/ld+json"))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await client.PostRawAsync("/api/v1/import/claimreview", "{}", "text/plain")).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_review_whose_claimants_times_appearances_fan_out_too_far_is_refused_and_stores_nothing()
    {
        // Issue 16: 500 authors × 500 appearances made 250,000 attributions in one 46 s transaction.
        var authors = Enumerable.Range(0, 60).Select(i => new Dictionary<string, object> { ["@type"] = "Person", ["name"] = Given.Unique($"Fan {i}") }).ToArray();
        var appearances = Enumerable.Range(0, 120).Select(_ => Url()).ToArray();
        var claim = Given.Unique("Fan-out claim");
        var response = await ImportAsync(Review(Url(), claim, Rating("False"), ClaimBy(authors, appearances)));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("at most 50", errors["$.itemReviewed.author"]![0]!.GetValue<string>());
        Assert.Contains("at most 100", errors["$.itemReviewed.appearance"]![0]!.GetValue<string>());
        Assert.Contains("7,200 attributions", errors["$.itemReviewed"]![0]!.GetValue<string>());
        using var db = factory.OpenDatabase();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM claims WHERE text = @claim", new { claim }));

        // Within each cap, the product still counts: 40 × 40 would be 1,600 attributions from one review.
        var product = await ImportAsync(Review(Url(), claim, Rating("False"), ClaimBy(authors[..40], appearances[..40])));
        var productErrors = (await product.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["errors"]!.AsObject();
        Assert.Equal(["$.itemReviewed"], productErrors.Select(e => e.Key));
    }
}
