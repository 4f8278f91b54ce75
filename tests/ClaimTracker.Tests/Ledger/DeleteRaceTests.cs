using System.Net;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests.Ledger;

/// <summary>
/// A delete compares the version inside its write unit, and audits the cascaded rows it reads there: the writer is held
/// while an edit and then the delete queue behind it, so the edit commits between the delete's read and its write.
/// The app runs without its search indexer, whose background writes would otherwise queue among them.
/// </summary>
public sealed class DeleteRaceTests(NoIndexerApiFactory factory) : IClassFixture<NoIndexerApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static HttpRequestMessage Delete(string url, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, url);
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    /// <summary>Queues the edit, then the delete (with the ETag both read), and lets the writer go.</summary>
    private async Task<(HttpResponseMessage Edit, HttpResponseMessage Delete)> EditThenDeleteAsync(
        Func<Task<HttpResponseMessage>> edit, string url)
    {
        var etag = (await client.GetAsync(url)).Headers.ETag!.Tag;
        await using var gate = await WriterGate.CloseAsync(factory);
        var edited = edit();
        await gate.WaitForQueuedAsync(1);
        var deleted = client.SendAsync(Delete(url, etag));
        await gate.WaitForQueuedAsync(2);
        await gate.OpenAsync();
        return (await edited, await deleted);
    }

    [Fact]
    public async Task A_claim_edited_between_the_deletes_read_and_its_write_is_not_deleted()
    {
        var claim = await Given.ClaimAsync(client);
        var url = $"/api/v1/claims/{claim}";

        var (edit, delete) = await EditThenDeleteAsync(() => client.PatchJsonAsync(url, new { text = "Edited meanwhile" }), url);

        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        await delete.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("Edited meanwhile", (await client.GetJsonAsync(url))["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_source_edited_between_the_deletes_read_and_its_write_is_not_deleted()
    {
        var source = await Given.SourceAsync(client, Given.Unique("Spokesperson"));
        var url = $"/api/v1/sources/{source}";

        var (edit, delete) = await EditThenDeleteAsync(() => client.PatchJsonAsync(url, new { description = "Edited meanwhile" }), url);

        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        await delete.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_document_changed_by_a_cascade_between_the_deletes_read_and_its_write_is_not_deleted()
    {
        var publisher = await Given.SourceAsync(client, Given.Unique("Publisher"));
        var document = await Given.DocumentAsync(client, Given.Unique("Published text"), publisherId: publisher);
        var url = $"/api/v1/documents/{document}";

        // Deleting the publisher clears the document's publisherId, which is a new version of the document.
        var (edit, delete) = await EditThenDeleteAsync(() => client.DeleteAsync($"/api/v1/sources/{publisher}?cascade=true"), url);

        Assert.Equal(HttpStatusCode.NoContent, edit.StatusCode);
        await delete.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task An_attribution_added_between_a_cascading_deletes_read_and_its_write_enters_the_history()
    {
        var source = await Given.SourceAsync(client, Given.Unique("Speaker"));
        var (claim, _) = await Given.AttributedClaimAsync(client, source);
        var quote = "Late words " + Guid.NewGuid().ToString("N");
        var document = await Given.DocumentAsync(client, $"She said {quote}.");
        var url = $"/api/v1/claims/{claim}?cascade=true";
        var etag = (await client.GetAsync($"/api/v1/claims/{claim}")).Headers.ETag!.Tag;

        await using var gate = await WriterGate.CloseAsync(factory);
        var added = client.PostJsonAsync($"/api/v1/claims/{claim}/attributions", new { sourceId = source, documentId = document, stance = "asserts", quote });
        await gate.WaitForQueuedAsync(1);
        var deleted = client.SendAsync(Delete(url, etag));
        await gate.WaitForQueuedAsync(2);
        await gate.OpenAsync();

        var created = await added;
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var attribution = (await created.JsonAsync())["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await deleted).StatusCode);
        var history = await client.GetJsonAsync($"/api/v1/attributions/{attribution}/history");
        Assert.Equal(["create", "delete"], history["items"]!.AsArray().Select(e => e!["operation"]!.GetValue<string>()).Order());
    }
}
