using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>A created attribution is answered from the values written, not read back: the answer must be what a read returns.</summary>
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
}
