using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>Problems say what was wrong in the API's own words: allowed values, the constraint that failed, no .NET or SQLite.</summary>
public sealed class ProblemMessageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static string Messages(JsonNode problem) =>
        string.Join(" | ", problem["errors"]!.AsObject().SelectMany(e => e.Value!.AsArray().Select(m => $"{e.Key}: {m}")));

    [Fact]
    public async Task An_unknown_enum_value_lists_the_allowed_names()
    {
        var response = await client.PostRawAsync("/api/v1/claims/clm_3/attributions",
            """{"sourceId":"kcna","documentId":"doc_1","stance":"agrees","quote":"KCNA"}""");
        var messages = Messages(await response.AssertProblemAsync(HttpStatusCode.BadRequest));
        Assert.Contains("'agrees' is not one of: asserts, denies, speculates, questions, retracts", messages);
        Assert.DoesNotContain("System", messages);
    }

    [Fact]
    public async Task An_enum_in_a_patch_lists_the_allowed_names_too()
    {
        var response = await client.PatchJsonAsync("/api/v1/claims/clm_3", new { status = 3 });
        var messages = Messages(await response.AssertProblemAsync(HttpStatusCode.BadRequest));
        Assert.Contains("a number is not one of: ", messages);
        Assert.Contains("reviewed", messages);
    }

    [Theory]
    [InlineData("""{"text": 42}""", "The value must be a string.")]
    [InlineData("""{"text": "ok", "topics": "one"}""", "The value must be a list.")]
    [InlineData("""{"text": "ok", "unknownField": true}""", "'unknownField' is not a field of this body.")]
    public async Task A_wrong_json_type_is_said_without_dotnet_names(string body, string expected)
    {
        var problem = await (await client.PostRawAsync("/api/v1/claims", body)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(expected, Messages(problem));
    }

    [Fact]
    public async Task A_prefix_that_no_occurrence_has_is_not_reported_as_an_absent_quote()
    {
        var response = await client.PostRawAsync("/api/v1/claims/clm_6/attributions",
            """{"sourceId":"us-government","documentId":"doc_1","stance":"asserts","quote":"North Korea","anchor":{"prefix":"zzz "}}""");
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("https://claimtracker.dev/problems/quote-context-not-found", problem["type"]!.GetValue<string>());
        Assert.Contains("anchor.prefix 'zzz '", problem["detail"]!.GetValue<string>());
        Assert.Equal(6, problem["candidates"]!.AsArray().Count);

        var absent = await client.PostRawAsync("/api/v1/claims/clm_6/attributions",
            """{"sourceId":"us-government","documentId":"doc_1","stance":"asserts","quote":"South Pole","anchor":{"prefix":"zzz "}}""");
        Assert.Equal("https://claimtracker.dev/problems/quote-not-found",
            (await absent.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_import_line_whose_id_is_taken_says_so_without_sqlite()
    {
        var line = """{"type":"claim","id":"clm_3","text":"Taken id","language":"en","topics":[],"status":"unreviewed"}""";
        var response = await client.PostRawAsync("/api/v1/import.ndjson", line + "\n", "application/x-ndjson");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Contains("already stored"), body);
        Assert.DoesNotContain("SQLite", body);
        Assert.DoesNotContain("constraint", body);
        Assert.Contains("already stored", body);
    }
}
