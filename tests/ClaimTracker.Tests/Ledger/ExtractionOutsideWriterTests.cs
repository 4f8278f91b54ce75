using System.Net;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests.Ledger;

/// <summary>
/// The extractor is CPU work (0.3 s for a 1,000,000-character text) and runs before the write unit, not inside the single
/// writer. Seen from outside: its proposals are made from the registry as it was when the request read it, not as the
/// writes queued ahead of it leave it.
/// </summary>
public sealed class ExtractionOutsideWriterTests(NoIndexerApiFactory factory) : IClassFixture<NoIndexerApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Suggestions_are_extracted_before_the_write_unit_from_the_registry_the_request_read()
    {
        var name = "Zorblax " + Guid.NewGuid().ToString("N")[..8] + " Ministry";
        var document = await Given.DocumentAsync(client, $"{name} said the dam would hold through the spring floods.");
        await client.GetAsync($"/api/v1/documents/{document}");

        HttpResponseMessage run;
        await using (var gate = await WriterGate.CloseAsync(factory))
        {
            // A source of that name, queued ahead of the run but not yet committed when the run reads the registry.
            var added = client.PostJsonAsync("/api/v1/sources", new { name, kind = "government_body" });
            await gate.WaitForQueuedAsync(1);
            var running = client.PostAsync($"/api/v1/documents/{document}/suggestions", null);
            // PostgreSQL has no single writer: the run writes no audit row, which the gate holds, so it commits while
            // the source still waits at the gate; on SQLite it queues behind the source.
            if (TestEngine.IsPostgres) await running;
            else await gate.WaitForQueuedAsync(2);
            await gate.OpenAsync();
            Assert.Equal(HttpStatusCode.Created, (await added).StatusCode);
            run = await running;
        }

        // Before, the extractor ran inside the writer, after the source's insert, and resolved the name to it.
        var proposal = (await run.JsonAsync())["pending"]!.AsArray().Single()!["proposal"]!;
        Assert.Null(proposal["source"]);
        Assert.Equal(name, proposal["newSource"]!["name"]!.GetValue<string>());
    }
}
