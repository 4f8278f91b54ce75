using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>The search index follows every write at once: the next request already sees it.</summary>
public sealed class SearchIndexTests : IDisposable
{
    private readonly ApiFactory factory = new();
    private readonly HttpClient client;

    public SearchIndexTests() => client = factory.CreateClient();

    public void Dispose() => factory.Dispose();

    private async Task<List<string>> FoundAsync(string query) => SearchTests.ClaimIds(await SearchTests.HitsAsync(client, query));

    private async Task<JsonNode> CreatedAsync(string url, object body)
    {
        var response = await client.PostJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    [Fact]
    [Trait(TestEngine.Trait, TestEngine.Sqlite)] // SQLite's FTS5 tokenizers
    public async Task The_bundled_SQLite_is_new_enough_for_trigram_remove_diacritics()
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode); // 0002 applied: FTS5 and trigram exist.
        using var connection = factory.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var version = Version.Parse((string)command.ExecuteScalar()!);
        Assert.True(version >= new Version(3, 45), $"SQLite {version} lacks remove_diacritics for the trigram tokenizer (3.45+).");
    }

    [Fact]
    public async Task Creating_updating_and_deleting_a_claim_show_in_search_at_once()
    {
        var id = (await CreatedAsync("/api/v1/claims", new { text = "Zebras crossed the demilitarized zone" }))["id"]!.GetValue<string>();
        Assert.Equal([id], await FoundAsync("zebras"));

        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync($"/api/v1/claims/{id}", new { text = "Giraffes crossed the demilitarized zone" })).StatusCode);
        Assert.Empty(await FoundAsync("zebras"));
        Assert.Equal([id], await FoundAsync("giraffes"));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/claims/{id}")).StatusCode);
        Assert.Empty(await FoundAsync("giraffes"));
    }

    [Fact]
    public async Task Quotes_and_source_names_follow_their_attributions_and_sources()
    {
        var claim = (await CreatedAsync("/api/v1/claims", new { text = "An animal was seen near the border" }))["id"]!.GetValue<string>();
        var source = (await CreatedAsync("/api/v1/sources", new { name = "Savanna Herald", kind = "news_outlet", aliases = new[] { "The Herald" } }))["id"]!.GetValue<string>();
        var document = (await CreatedAsync("/api/v1/documents", new { title = "Sighting", text = "Rangers said an okapi was seen near the border." }))["id"]!.GetValue<string>();
        var attribution = (await CreatedAsync($"/api/v1/claims/{claim}/attributions",
            new { sourceId = source, documentId = document, stance = "asserts", quote = "an okapi was seen near the border" }))["id"]!.GetValue<string>();

        var hit = (await SearchTests.HitsAsync(client, "okapi")).Single()!;
        Assert.Equal(claim, hit["claim"]!["id"]!.GetValue<string>());
        Assert.Equal("quote", hit["snippetField"]!.GetValue<string>());
        Assert.Equal([claim], await FoundAsync("savanna"));

        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync($"/api/v1/sources/{source}", new { name = "Grassland Gazette" })).StatusCode);
        Assert.Empty(await FoundAsync("savanna"));
        Assert.Equal([claim], await FoundAsync("grassland"));
        Assert.Equal([claim], await FoundAsync("herald")); // the alias stayed

        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync($"/api/v1/attributions/{attribution}", new { quote = "was seen near the border" })).StatusCode);
        Assert.Empty(await FoundAsync("okapi"));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/attributions/{attribution}")).StatusCode);
        Assert.Empty(await FoundAsync("grassland"));
        Assert.Equal([claim], await FoundAsync("animal"));
    }
}
