using System.Net;
using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests;

/// <summary>An NDJSON import keeps its batch rule whatever a line holds; its answer stays small.</summary>
public sealed class NdjsonLimitsTests
{
    /// <summary>How many failed lines an answer lists, as the README documents.</summary>
    private const int ListedErrors = 100;

    private static string Claim(int id) =>
        $$"""{"type":"claim","id":"clm_{{id}}","text":"Imported claim number {{id}}"}""";

    [Fact]
    public async Task Lines_with_lone_surrogates_after_1500_good_ones_are_listed_and_every_good_line_goes_in()
    {
        using var factory = new EmptyApiFactory();
        var client = factory.CreateClient();
        var good = Enumerable.Range(1, 1500).Select(Claim);
        string[] bad =
        [
            """{"type":"\ud800","id":"clm_2001","text":"a claim"}""",
            """{"type":"claim","id":"clm_\udc00","text":"a claim"}""",
            """{"type":"claim","id":"clm_2003","text":"half a pair \ud800 here"}""",
            """{"type":"claim","id":"clm_2004","text":"a claim","\ud800":1}""",
        ];
        var after = Enumerable.Range(3001, 10).Select(Claim);

        var response = await NdjsonTests.ImportAsync(client, good.Concat(bad).Concat(after));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        var result = await response.JsonAsync();
        Assert.Equal(1510, result["imported"]!["claim"]!.GetValue<int>());
        Assert.Equal(4, result["failed"]!.GetValue<int>());
        var errors = result["errors"]!.AsArray();
        Assert.Equal([1501, 1502, 1503, 1504], errors.Select(e => e!["line"]!.GetValue<int>()));
        Assert.All(errors, e => Assert.EndsWith("/validation", e!["problem"]!.GetValue<string>()));
        using var db = factory.OpenDatabase();
        Assert.Equal(1510L, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM claims"));
        Assert.Equal(0L, await db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM claims WHERE id BETWEEN 2001 AND 2004"));
    }

    [Fact]
    public async Task The_answer_lists_the_first_100_failed_lines_and_counts_them_all()
    {
        using var factory = new EmptyApiFactory();
        var client = factory.CreateClient();
        var bad = Enumerable.Range(1, 5000)
            .Select(i => i % 2 == 0 ? "not json" : $$"""{"type":"claim","id":"clm_{{i}}","text":""}""");

        var response = await NdjsonTests.ImportAsync(client, bad.Append(Claim(9001)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.JsonAsync();
        Assert.Equal(5000, result["failed"]!.GetValue<int>());
        Assert.Equal(ListedErrors, result["errors"]!.AsArray().Count);
        Assert.Equal(Enumerable.Range(1, ListedErrors),
            result["errors"]!.AsArray().Select(e => e!["line"]!.GetValue<int>()));
        Assert.Equal(1, result["imported"]!["claim"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_body_of_only_bad_lines_is_a_422_that_lists_the_first_100_and_counts_them_all()
    {
        using var factory = new EmptyApiFactory();
        var client = factory.CreateClient();
        var id = new string('9', 100_000);

        var response = await NdjsonTests.ImportAsync(client,
            Enumerable.Range(1, 20_000).Select(i => $$"""{"type":"claim","id":"clm_{{(i == 1 ? id : "x")}}"}"""));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(20_000, problem["failed"]!.GetValue<int>());
        Assert.Equal(ListedErrors, problem["lines"]!.AsArray().Count);
        var size = (await response.Content.ReadAsStringAsync()).Length;
        Assert.True(size < 100_000, $"an answer of failed lines stays small, not {size} characters");
    }
}
