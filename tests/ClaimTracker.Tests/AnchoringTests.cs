using System.Net;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>Quotes are located in the document text and returned as W3C selectors counted in code points.</summary>
public sealed class AnchoringTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private async Task<HttpResponseMessage> AttributeAsync(string text, string quote, object? anchor = null)
    {
        var documentId = await Given.DocumentAsync(client, text);
        var claimId = await Given.ClaimAsync(client);
        return await client.PostJsonAsync($"/api/v1/claims/{claimId}/attributions",
            new { sourceId = "kcna", documentId, cue = "said", stance = "asserts", quote, anchor });
    }

    [Fact]
    public async Task Offsets_count_code_points_past_characters_outside_the_BMP()
    {
        var text = Given.Unique("🇰🇵😀 Officials — “quoted” — said 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 troops moved north.");
        var response = await AttributeAsync(text, "troops moved north");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var selector = (await response.JsonAsync())["selector"]!;
        var expectedStart = text[..text.IndexOf("troops", StringComparison.Ordinal)].EnumerateRunes().Count();
        Assert.Equal(expectedStart, selector["position"]!["start"]!.GetValue<int>());
        Assert.Equal(expectedStart + "troops moved north".Length, selector["position"]!["end"]!.GetValue<int>());
        Assert.EndsWith("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ", selector["quote"]!["prefix"]!.GetValue<string>());
        Assert.StartsWith(". ", selector["quote"]!["suffix"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_quote_absent_from_the_document_is_a_422()
    {
        var response = await AttributeAsync(Given.Unique("Nothing of the sort was said."), "troops moved north");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.EndsWith("quote-not-found", problem["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_ambiguous_quote_is_a_422_listing_the_candidate_offsets()
    {
        var response = await AttributeAsync(Given.Unique("He said yes. She said yes. They said yes."), "said yes");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.EndsWith("quote-ambiguous", problem["type"]!.GetValue<string>());
        var starts = problem["candidates"]!.AsArray().Select(c => c!["start"]!.GetValue<int>()).ToArray();
        Assert.Equal(3, starts.Length);
        Assert.Equal(starts.Select(s => s + 8), problem["candidates"]!.AsArray().Select(c => c!["end"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("prefix", "She ")]
    [InlineData("suffix", ". They")]
    public async Task Prefix_or_suffix_picks_one_occurrence(string field, string value)
    {
        var text = "He said yes. She said yes. They said no. " + Guid.NewGuid();
        var anchor = field == "prefix" ? (object)new { prefix = value } : new { suffix = value };
        var response = await AttributeAsync(text, "said yes", anchor);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(text.IndexOf("She said yes", StringComparison.Ordinal) + 4, (await response.JsonAsync())["selector"]!["position"]!["start"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_start_hint_picks_the_nearest_occurrence()
    {
        var text = "He said yes. She said yes. They said yes. " + Guid.NewGuid();
        var response = await AttributeAsync(text, "said yes", new { start = 30 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(32, (await response.JsonAsync())["selector"]!["position"]!["start"]!.GetValue<int>());
    }

    [Fact]
    public async Task Straight_quotes_and_hyphens_find_curly_quotes_and_em_dashes_and_store_the_documents_words()
    {
        var text = Given.Unique("The talks “went well — very well,” an aide said.");
        var response = await AttributeAsync(text, "\"went well - very well,\"");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("“went well — very well,”", body["quote"]!.GetValue<string>());
        Assert.Equal(10, body["selector"]!["position"]!["start"]!.GetValue<int>());
    }

    [Fact]
    public async Task Editing_an_attribution_keeps_its_occurrence_and_a_new_quote_is_anchored_again()
    {
        var text = "He said yes. She said yes. Later he said no. " + Guid.NewGuid();
        var created = await (await AttributeAsync(text, "said yes", new { prefix = "She " })).JsonAsync();
        var url = $"/api/v1/attributions/{created["id"]}";

        var edited = await (await client.PatchJsonAsync(url, new { stance = "denies" })).JsonAsync();
        Assert.Equal(17, edited["selector"]!["position"]!["start"]!.GetValue<int>());
        Assert.Equal("denies", edited["stance"]!.GetValue<string>());

        var requoted = await (await client.PatchJsonAsync(url, new { quote = "said no" })).JsonAsync();
        Assert.Equal(text.IndexOf("said no", StringComparison.Ordinal), requoted["selector"]!["position"]!["start"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_document_without_text_takes_the_quote_unanchored()
    {
        var response = await client.PostJsonAsync("/api/v1/documents", new { title = "A broadcast", url = $"https://example.org/{Guid.NewGuid()}" });
        var documentId = (await response.JsonAsync())["id"]!.GetValue<string>();
        var claimId = await Given.ClaimAsync(client);

        var attribution = await client.PostJsonAsync($"/api/v1/claims/{claimId}/attributions",
            new { sourceId = "kcna", documentId, stance = "asserts", quote = "as heard on air" });

        Assert.Equal(HttpStatusCode.Created, attribution.StatusCode);
        Assert.Null((await attribution.JsonAsync())["selector"]);
    }
}
