using System.Net;
using System.Security.Cryptography;
using System.Text;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

public sealed class DocumentsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task The_text_is_kept_byte_for_byte_with_its_sha256()
    {
        var text = "Line one\r\n\tLine “two” — 𝔘𝔫𝔦 \u00A0end  " + Guid.NewGuid();
        var response = await client.PostJsonAsync("/api/v1/documents", new { title = "Exact", text, publishedAt = "2024-11-19" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var document = await client.GetJsonAsync(response.Headers.Location!.ToString());
        Assert.Equal(text, document["text"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), document["contentHash"]!.GetValue<string>());
        Assert.Equal("2024-11-19T00:00:00Z", document["publishedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_text_again_is_a_409_pointing_at_the_stored_document()
    {
        var text = Given.Unique("A dispatch");
        var first = await client.PostJsonAsync("/api/v1/documents", new { title = "One", text });
        var again = await client.PostJsonAsync("/api/v1/documents", new { title = "Two", text });

        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal((await first.JsonAsync())["id"]!.GetValue<string>(), problem["existingId"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_url_again_is_a_409()
    {
        var url = $"https://example.org/news/{Guid.NewGuid()}";
        await client.PostJsonAsync("/api/v1/documents", new { title = "One", url, text = Given.Unique("first") });
        var again = await client.PostJsonAsync("/api/v1/documents", new { title = "Two", url, text = Given.Unique("second") });

        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("URL", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_document_with_attributions_is_a_409_until_cascade()
    {
        var (_, attributionId) = await Given.AttributedClaimAsync(client, "kcna");
        var documentId = (await client.GetJsonAsync($"/api/v1/attributions/{attributionId}"))["documentId"]!.GetValue<string>();

        await (await client.DeleteAsync($"/api/v1/documents/{documentId}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/documents/{documentId}?cascade=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/attributions/{attributionId}")).StatusCode);
    }

    [Fact]
    public async Task Listing_filters_by_publisher_url_language_and_dates()
    {
        var byPublisher = await client.GetJsonAsync("/api/v1/documents?publisherId=afp");
        Assert.Equal("doc_1", byPublisher["items"]![0]!["id"]!.GetValue<string>());

        var url = $"https://example.org/{Guid.NewGuid()}";
        await Given.DocumentAsync(client, Given.Unique("findable"), url);
        var byUrl = await client.GetJsonAsync($"/api/v1/documents?url={Uri.EscapeDataString(url)}");
        Assert.Equal(url, Assert.Single(byUrl["items"]!.AsArray())!["url"]!.GetValue<string>());

        var inNovember = await client.GetJsonAsync("/api/v1/documents?from=2024-11-01&to=2024-12-01");
        Assert.Equal(["doc_1"], inNovember["items"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()));
        var before = await client.GetJsonAsync("/api/v1/documents?to=2024-11-01");
        Assert.Empty(before["items"]!.AsArray());
    }

    [Fact]
    public async Task A_list_leaves_texts_out_unless_include_text_asks_for_them_and_a_single_read_keeps_the_text()
    {
        var text = Given.Unique("A long dispatch") + new string('.', 50_000);
        var url = $"https://example.org/{Guid.NewGuid()}";
        var id = await Given.DocumentAsync(client, text, url);
        var query = $"/api/v1/documents?url={Uri.EscapeDataString(url)}";

        var listed = Assert.Single((await client.GetJsonAsync(query))["items"]!.AsArray())!;
        Assert.Null(listed["text"]);
        Assert.Equal(64, listed["contentHash"]!.GetValue<string>().Length);
        var withText = Assert.Single((await client.GetJsonAsync(query + "&include=text"))["items"]!.AsArray())!;
        Assert.Equal(text, withText["text"]!.GetValue<string>());
        Assert.Equal(text, (await client.GetJsonAsync($"/api/v1/documents/{id}"))["text"]!.GetValue<string>());
        var unknown = await client.GetAsync("/api/v1/documents?include=everything");
        await unknown.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_page_with_texts_holds_at_most_20_documents_and_its_cursor_goes_on()
    {
        for (var i = 0; i < 21; i++) await Given.DocumentAsync(client, Given.Unique("Paged text"));

        var first = await client.GetJsonAsync("/api/v1/documents?include=text&limit=200");
        var next = first["nextCursor"]!.GetValue<string>();
        var second = await client.GetJsonAsync($"/api/v1/documents?include=text&limit=200&cursor={next}");

        Assert.Equal(20, first["items"]!.AsArray().Count);
        Assert.NotEmpty(second["items"]!.AsArray());
        var withHash = first["items"]!.AsArray().Where(d => d!["contentHash"] is not null);
        Assert.All(withHash, d => Assert.NotNull(d!["text"]));
        Assert.True((await client.GetJsonAsync("/api/v1/documents?limit=200"))["items"]!.AsArray().Count > 20);
    }

    [Fact]
    public async Task A_documents_attributions_are_listed_and_an_unknown_document_is_a_404()
    {
        var page = await client.GetJsonAsync("/api/v1/documents/doc_1/attributions?limit=5");
        Assert.Equal(5, page["items"]!.AsArray().Count);
        Assert.NotNull(page["nextCursor"]);
        await (await client.GetAsync("/api/v1/documents/doc_999/attributions")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_publisher_is_a_422()
    {
        var response = await client.PostJsonAsync("/api/v1/documents", new { title = "Orphan", text = Given.Unique("x"), publisherId = "src_999" });
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    /// <summary>
    /// q finds titles containing the text, ASCII case aside, anywhere (across words too); % and _ are plain characters;
    /// fewer than three characters still count; a deleted document is gone (the trigram index follows every change).
    /// </summary>
    [Fact]
    public async Task Q_finds_the_documents_whose_title_contains_the_text()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        async Task<string> StoreAsync(string title) =>
            (await (await client.PostJsonAsync("/api/v1/documents", new { title, text = Given.Unique(title) })).JsonAsync())
            ["id"]!.GetValue<string>();
        var wheat = await StoreAsync($"Wheat prices {tag} rise");
        var shouting = await StoreAsync($"WHEAT PRICES {tag.ToUpperInvariant()} FALL");
        var percent = await StoreAsync($"Rice {tag} 100%_off");
        var quoted = await StoreAsync($"Minister says \"{tag}\" twice, zq");
        var deleted = await StoreAsync($"Deleted {tag}");
        async Task<List<string>> FoundAsync(string q) =>
            (await client.GetJsonAsync("/api/v1/documents?limit=200&q=" + Uri.EscapeDataString(q)))["items"]!.AsArray()
            .Select(d => d!["id"]!.GetValue<string>()).ToList();

        Assert.Equal([wheat, shouting, percent, quoted, deleted], await FoundAsync(tag));
        Assert.Equal([wheat, shouting], await FoundAsync($"heat prices {tag}"));
        Assert.Equal([shouting], await FoundAsync($"{tag} fall"));
        Assert.Equal([percent], await FoundAsync($"{tag} 100%_o"));
        Assert.Empty(await FoundAsync($"{tag} %"));
        Assert.Empty(await FoundAsync($"{tag}_"));
        Assert.Equal([quoted], await FoundAsync($"\"{tag}\""));
        Assert.Contains(quoted, await FoundAsync("zq"));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/documents/{deleted}")).StatusCode);
        Assert.Equal([wheat, shouting, percent, quoted], await FoundAsync(tag));
    }
}
