using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests;

/// <summary>Malformed and hostile input gets a 4xx problem, never a 500, and changes nothing.</summary>
public sealed class BadInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private const string ValidAttribution = """{"sourceId":"kcna","documentId":"doc_1","stance":"asserts","quote":"KCNA said"}""";

    public static TheoryData<string, string, HttpStatusCode> Bodies => new()
    {
        { "/api/v1/claims", "{\"text\": ", HttpStatusCode.BadRequest },
        { "/api/v1/claims", "not json at all", HttpStatusCode.BadRequest },
        { "/api/v1/claims", "[]", HttpStatusCode.BadRequest },
        { "/api/v1/claims", "null", HttpStatusCode.BadRequest },
        { "/api/v1/claims", "{}", HttpStatusCode.BadRequest },
        { "/api/v1/claims", """{"text": null}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims", """{"text": 42}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims", """{"text": "ok", "topics": "one"}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims", """{"text": "ok", "status": "finished"}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims", """{"text": "ok", "status": 1}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims", """{"text": "ok", "claimDate": "yesterday"}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims", """{"text": "ok", "claimDate": "2024-13-45"}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims", """{"text": "ok", "unknownField": true}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims", """{"text": "   "}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims", """{"text": "nul\u0000byte"}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims", """{"text": "bell\u0007"}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims", """{"text": "lone \ud800 surrogate"}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims", "{\"text\": \"" + new string('x', 2001) + "\"}", HttpStatusCode.BadRequest },
        { "/api/v1/claims", "{\"text\": \"ok\", \"topics\": [" + string.Join(",", Enumerable.Repeat("\"t\"", 21)) + "]}", HttpStatusCode.BadRequest },
        { "/api/v1/claims", """{"text": "'; DROP TABLE claims; --", "language": "en'--"}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims", new string('[', 100) + new string(']', 100), HttpStatusCode.BadRequest },
        { "/api/v1/claims/clm_1/reviews", """{"rating": "false", "ratingValue": 99999999999999999999}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims/clm_1/reviews", """{"rating": "false", "ratingValue": -1}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims/clm_1/reviews", """{"rating": "false", "ratingValue": 2.5}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims/clm_1/reviews", """{"rating": "pants_on_fire"}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims/clm_1/reviews", """{"rating": "false", "url": "javascript:alert(1)"}""", HttpStatusCode.BadRequest },
        { "/api/v1/sources", """{"name": "X", "kind": "alien"}""", HttpStatusCode.BadRequest },
        { "/api/v1/sources", """{"name": "X", "kind": "person", "slug": "Not A Slug"}""", HttpStatusCode.BadRequest },
        { "/api/v1/sources", """{"name": "X", "kind": "person", "country": "Korea"}""", HttpStatusCode.BadRequest },
        { "/api/v1/sources", """{"name": "X", "kind": "person", "aliases": [null]}""", HttpStatusCode.BadRequest },
        { "/api/v1/sources", """{"name": "X", "kind": "person", "aliases": null}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims/clm_1/reviews", """{"rating": "false", "evidence": null}""", HttpStatusCode.BadRequest },
        { "/api/v1/sources", """{"name": "X", "kind": "person", "wikidataId": "Q0; DROP"}""", HttpStatusCode.BadRequest },
        { "/api/v1/documents", """{"title": "T", "url": "not a url"}""", HttpStatusCode.BadRequest },
        { "/api/v1/documents", """{"title": "T", "language": "english please"}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims/clm_1/attributions", """{"sourceId":"kcna","documentId":"doc_1","stance":"shouts","quote":"KCNA said"}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims/clm_1/attributions", """{"sourceId":"kcna","documentId":"doc_1","stance":"asserts","quote":"KCNA said","anchor":{"start":-5}}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims/clm_1/attributions", """{"sourceId":"kcna","documentId":"doc_1","stance":"asserts","quote":"KCNA said","direct":"yes"}""", HttpStatusCode.BadRequest },
        { "/api/v1/claims/clm_1/attributions", """{"sourceId":"nobody","documentId":"doc_1","stance":"asserts","quote":"KCNA said"}""", HttpStatusCode.UnprocessableEntity },
        { "/api/v1/claims/clm_1/attributions", """{"sourceId":"kcna","documentId":"'; --","stance":"asserts","quote":"KCNA said"}""", HttpStatusCode.UnprocessableEntity },
        { "/api/v1/claims/clm_1/attributions", """{"sourceId":"kcna","documentId":"doc_1","stance":"asserts","quote":"KCNA said","via":["nobody"]}""", HttpStatusCode.UnprocessableEntity },
        { "/api/v1/claims/clm_x/attributions", ValidAttribution, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_bad_body_is_a_problem_and_stores_nothing(string url, string body, HttpStatusCode status)
    {
        var before = await CountRowsAsync();
        var response = await client.PostRawAsync(url, body);
        await response.AssertProblemAsync(status);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Theory]
    [InlineData("/api/v1/claims/clm_1; DROP TABLE claims")]
    [InlineData("/api/v1/claims/clm_99999999999999999999999")]
    [InlineData("/api/v1/claims/clm_-1")]
    [InlineData("/api/v1/claims/src_1")]
    [InlineData("/api/v1/attributions/att_%01")]
    [InlineData("/api/v1/reviews/rev_0")]
    [InlineData("/api/v1/documents/doc_1.5")]
    [InlineData("/api/v1/sources/%E2%80%AE")]
    public async Task A_bad_id_is_a_404_problem(string url) =>
        await (await client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);

    [Theory]
    [InlineData("/api/v1/claims?cursor=%%%")]
    [InlineData("/api/v1/claims?cursor=YWZ0ZXI6LTE")]
    [InlineData("/api/v1/claims?limit=0")]
    [InlineData("/api/v1/claims?limit=201")]
    [InlineData("/api/v1/claims?limit=abc")]
    [InlineData("/api/v1/claims?status=closed")]
    [InlineData("/api/v1/claims?from=2024-02-30")]
    [InlineData("/api/v1/claims?sort=random")]
    [InlineData("/api/v1/attributions?direct=maybe")]
    [InlineData("/api/v1/reviews?rating=4")]
    [InlineData("/api/v1/sources/resolve")]
    [InlineData("/api/v1/sources/resolve?name=x&limit=1000")]
    [InlineData("/api/v1/sources?kind=alien")]
    public async Task A_bad_query_is_a_400_problem(string url) =>
        await (await client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.BadRequest);

    [Fact]
    public async Task A_body_over_the_limit_is_a_413()
    {
        var body = "{\"title\":\"Big\",\"text\":\"" + new string('a', 5 * 1024 * 1024) + "\"}";
        await (await client.PostRawAsync("/api/v1/documents", body)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415()
    {
        var content = new StringContent("text=hello", Encoding.UTF8, "application/x-www-form-urlencoded");
        await (await client.PostAsync("/api/v1/claims", content)).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Invalid_utf8_is_a_400()
    {
        var content = new ByteArrayContent([.. "{\"text\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}"u8.ToArray()]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await (await client.PostAsync("/api/v1/claims", content)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{\"text\": 5}")]
    [InlineData("{\"status\": \"done\"}")]
    [InlineData("{\"bogus\": 1}")]
    [InlineData("{\"text\": \"\"}")]
    [InlineData("{")]
    public async Task A_bad_patch_is_a_400_and_changes_nothing(string patch)
    {
        var before = await client.GetJsonAsync("/api/v1/claims/clm_1");
        var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/claims/clm_1")
        {
            Content = new StringContent(patch, Encoding.UTF8, "application/merge-patch+json"),
        };
        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before.ToJsonString(), (await client.GetJsonAsync("/api/v1/claims/clm_1")).ToJsonString());
    }

    [Fact]
    public async Task A_malformed_if_match_is_a_412()
    {
        var response = await client.PatchJsonAsync("/api/v1/claims/clm_1", new { status = "in_review" }, "W/\"weak\"");
        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    private async Task<long> CountRowsAsync()
    {
        using var db = factory.OpenDatabase();
        return await db.ExecuteScalarAsync<long>("""
            SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM source_aliases) + (SELECT count(*) FROM documents)
                 + (SELECT count(*) FROM claims) + (SELECT count(*) FROM claim_topics) + (SELECT count(*) FROM attributions)
                 + (SELECT count(*) FROM attribution_via) + (SELECT count(*) FROM reviews)
            """);
    }
}
