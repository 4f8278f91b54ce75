using System.Net;
using System.Text.Json;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests.Ledger;

/// <summary>An NDJSON import keeps ids, within bounds: it cannot push ids out of range, nor bring back a deleted one.</summary>
public sealed class ImportedIdTests
{
    private static string ClaimLine(string id, string text) => JsonSerializer.Serialize(new { type = "claim", id, text });

    [Fact]
    public async Task An_id_beyond_the_bounded_range_is_a_line_error_and_later_creates_stay_sequential()
    {
        using var factory = new EmptyApiFactory();
        var client = factory.CreateClient();

        var result = await (await NdjsonTests.ImportAsync(client,
            [ClaimLine("clm_5", "Restored claim"), ClaimLine("clm_9223372036854775807", "A claim at the end of the id space")])).JsonAsync();

        Assert.Equal(1, result["imported"]!["claim"]!.GetValue<int>());
        var error = result["errors"]!.AsArray().Single()!;
        Assert.Equal(2, error["line"]!.GetValue<int>());
        Assert.EndsWith("/validation", error["problem"]!.GetValue<string>());
        var first = await Given.ClaimAsync(client, "First after the import");
        var second = await Given.ClaimAsync(client, "Second after the import");
        Assert.Equal(("clm_6", "clm_7"), (first, second));
        var newest = await client.GetJsonAsync("/api/v1/claims?sort=newest&limit=2");
        Assert.Equal([second, first], newest["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_highest_id_in_range_is_accepted_and_creates_continue_above_it()
    {
        using var factory = new EmptyApiFactory();
        var client = factory.CreateClient();

        var result = await (await NdjsonTests.ImportAsync(client, [ClaimLine("clm_9007199254740991", "At the bound")])).JsonAsync();

        Assert.Equal(0, result["failed"]!.GetValue<int>());
        Assert.Equal("clm_9007199254740992", await Given.ClaimAsync(client));
    }

    [Fact]
    public async Task A_deleted_id_cannot_come_back_through_an_import()
    {
        using var factory = new EmptyApiFactory();
        var client = factory.CreateClient();
        var deleted = await Given.ClaimAsync(client, "Deleted claim");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/claims/{deleted}")).StatusCode);

        var refused = await NdjsonTests.ImportAsync(client, [ClaimLine(deleted, "Another claim under the old id")]);

        var problem = await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.EndsWith("/id-retired", problem["lines"]!.AsArray().Single()!["problem"]!.GetValue<string>());
        await (await client.GetAsync($"/api/v1/claims/{deleted}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
