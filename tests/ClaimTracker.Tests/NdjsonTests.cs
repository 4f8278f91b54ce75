using System.Net;
using System.Text;
using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests;

/// <summary>The whole ledger out as NDJSON and back in, ids and times kept, line by line.</summary>
public sealed class NdjsonTests
{
    private static async Task<byte[]> ExportAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/export.ndjson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] body) =>
        client.PostAsync("/api/v1/import.ndjson", new ByteArrayContent(body) { Headers = { { "Content-Type", "application/x-ndjson" } } });

    /// <summary>POSTs the lines, one per line, to the import.</summary>
    internal static Task<HttpResponseMessage> ImportAsync(HttpClient client, IEnumerable<string> lines) =>
        ImportAsync(client, Encoding.UTF8.GetBytes(string.Join('\n', lines)));

    [Fact]
    public async Task Export_then_import_into_an_empty_database_then_export_again_is_byte_identical()
    {
        using var source = new ApiFactory();
        var client = source.CreateClient();
        // Beyond the worked example: a source affiliated with one created after it, a claim date set by hand, a review with a url.
        var early = await Given.SourceAsync(client);
        var late = await Given.SourceAsync(client, kind: "government");
        await client.PatchJsonAsync($"/api/v1/sources/{early}", new { affiliationId = late });
        await client.PatchJsonAsync("/api/v1/claims/clm_5", new { claimDate = "2024-11-01" });
        await client.PostJsonAsync("/api/v1/claims/clm_6/reviews", new { rating = "unproven", url = "https://factcheck.example.org/troops", evidence = new[] { "https://example.org/e" } });
        var first = await ExportAsync(client);

        using var target = new EmptyApiFactory();
        var targetClient = target.CreateClient();
        var result = await (await ImportAsync(targetClient, first)).JsonAsync();
        var second = await ExportAsync(targetClient);

        Assert.Equal(0, result["failed"]!.GetValue<int>());
        Assert.Equal(11, result["imported"]!["source"]!.GetValue<int>());
        Assert.Equal(12, result["imported"]!["attribution"]!.GetValue<int>());
        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
        Assert.Equal(first, second);
        var claim = await targetClient.GetJsonAsync("/api/v1/claims/clm_3");
        Assert.Equal(1008, claim["attributions"]![0]!["selector"]!["position"]!["start"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_lines_are_reported_by_number_and_rolled_back_while_good_lines_go_in()
    {
        using var factory = new EmptyApiFactory();
        var client = factory.CreateClient();
        var lines = new[]
        {
            """{"type":"source","id":"src_1","name":"Agence France-Presse","kind":"news_agency","aliases":["AFP"]}""",
            """{"type":"source","id":"src_2","name":"Nobody","kind":"alien"}""",
            "",
            """{"type":"claim","id":"clm_7","text":"A claim kept with its id","topics":["a"]}""",
            """{"type":"claim","id":"clm_7","text":"The same id again"}""",
            "not json",
            """{"type":"review","id":"rev_1","claimId":"clm_404","rating":"false"}""",
            """{"type":"attribution","id":"att_1","claimId":"clm_7","sourceId":"src_1","documentId":"doc_9","stance":"asserts","quote":"q"}""",
            """{"type":"planet","id":"x_1"}""",
            """{"type":"claim","id":"src_3","text":"Wrong prefix","colour":"blue"}""",
        };

        var result = await (await ImportAsync(client, Encoding.UTF8.GetBytes(string.Join('\n', lines)))).JsonAsync();

        Assert.Equal(10, result["lines"]!.GetValue<int>());
        Assert.Equal(7, result["failed"]!.GetValue<int>());
        Assert.Equal([2, 5, 6, 7, 8, 9, 10], result["errors"]!.AsArray().Select(e => e!["line"]!.GetValue<int>()));
        Assert.NotNull(result["errors"]![0]!["errors"]!["$.kind"]);
        Assert.Equal("clm_7", result["errors"]![1]!["id"]!.GetValue<string>());
        Assert.Equal(1, result["imported"]!["source"]!.GetValue<int>());
        Assert.Equal("A claim kept with its id", (await client.GetJsonAsync("/api/v1/claims/clm_7"))["text"]!.GetValue<string>());
        using var db = factory.OpenDatabase();
        Assert.Equal((1L, 1L, 0L, 0L, 1L), await db.QuerySingleAsync<(long, long, long, long, long)>("""
            SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM claims), (SELECT count(*) FROM reviews),
                   (SELECT count(*) FROM attributions), (SELECT count(*) FROM claim_topics)
            """));
    }

    [Fact]
    public async Task Importing_an_export_over_itself_skips_every_line_as_unchanged_and_changes_nothing()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var export = await ExportAsync(client);

        var result = await (await ImportAsync(client, export)).JsonAsync();

        Assert.Equal((33, 0), (result["unchanged"]!.GetValue<int>(), result["failed"]!.GetValue<int>()));
        Assert.Equal(export, await ExportAsync(client));
    }

    [Fact]
    public async Task Import_takes_only_ndjson()
    {
        using var factory = new EmptyApiFactory();
        await (await factory.CreateClient().PostRawAsync("/api/v1/import.ndjson", "{}")).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
