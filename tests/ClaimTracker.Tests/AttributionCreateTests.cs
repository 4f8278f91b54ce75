using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>
/// What attribution inserts keep cheap: the answer is built from the values written, not read back, and the claim's date
/// follows its earliest statement by comparison with the stored one (db/0009); both must equal what a full read gives.
/// </summary>
public sealed class AttributionCreateTests : IDisposable
{
    private readonly ApiFactory factory = new();
    private readonly HttpClient client;

    public AttributionCreateTests() => client = factory.CreateClient();

    public void Dispose() => factory.Dispose();

    [Theory]
    [InlineData("""{"sourceId":"kcna","documentId":"doc_1","cue":"reported","stance":"denies","direct":true,"quote":"KCNA said","anchor":{"start":340},"via":["kns","afp"],"statedAt":"2024-11-19T08:30:00.1234567+09:00","note":"Relayed \u00e9"}""")]
    [InlineData("""{"sourceId":"src_1","documentId":"doc_1","stance":"asserts","quote":"KCNA said","anchor":{"start":340}}""")]
    [InlineData("""{"sourceId":"kcna","documentId":"doc_1","stance":"questions","quote":"KCNA said","anchor":{"start":340},"cue":"said \ud83d\ude00","note":"outside the BMP: a surrogate pair"}""")]
    public async Task The_answer_to_a_create_equals_the_attribution_read_back(string body)
    {
        var response = await client.PostRawAsync("/api/v1/claims/clm_1/attributions", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonAsync();
        var read = await client.GetJsonAsync($"/api/v1/attributions/{created["id"]!.GetValue<string>()}");
        Assert.True(JsonNode.DeepEquals(read, created), $"created {created.ToJsonString()}\nread    {read.ToJsonString()}");
        Assert.Equal(response.Headers.ETag?.Tag, (await client.GetAsync($"/api/v1/attributions/{created["id"]!.GetValue<string>()}")).Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_claim_without_its_own_date_is_dated_by_its_earliest_statement_through_inserts_and_deletes()
    {
        var claim = (await (await client.PostJsonAsync("/api/v1/claims", new { text = "A statement dated only by who made it" })).JsonAsync())["id"]!.GetValue<string>();
        async Task<string?> DateAsync() => (await client.GetJsonAsync($"/api/v1/claims/{claim}"))["claimDate"]?.GetValue<string>();
        async Task<string> AttributeAsync(string? statedAt)
        {
            var response = await client.PostJsonAsync($"/api/v1/claims/{claim}/attributions",
                new { sourceId = "kcna", documentId = "doc_1", stance = "asserts", quote = "KCNA said", anchor = new { start = 340 }, statedAt });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.JsonAsync())["id"]!.GetValue<string>();
        }

        await AttributeAsync(null);
        Assert.Null(await DateAsync());
        await AttributeAsync("2024-05-01T00:00:00Z");
        Assert.Equal("2024-05-01T00:00:00Z", await DateAsync());
        var earliest = await AttributeAsync("2024-03-01T00:00:00Z");
        Assert.Equal("2024-03-01T00:00:00Z", await DateAsync());
        await AttributeAsync("2024-07-01T00:00:00Z");
        await AttributeAsync(null);
        Assert.Equal("2024-03-01T00:00:00Z", await DateAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/attributions/{earliest}")).StatusCode);
        Assert.Equal("2024-05-01T00:00:00Z", await DateAsync());
    }
}
