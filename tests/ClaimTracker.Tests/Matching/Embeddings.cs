using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests.Matching;

/// <summary>Waiting for the background embedder, through the API: a match says which signals it used and what is left.</summary>
public static class Embeddings
{
    public static async Task<JsonNode> WaitAsync(HttpClient client, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(10));
        while (true)
        {
            var response = await client.PostJsonAsync("/api/v1/claims/match", new { text = "embedded yet?" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = await response.JsonAsync();
            var semantic = result["signals"]!.AsArray().Any(s => s!.GetValue<string>() == "semantic");
            if (semantic && result["claimsAwaitingEmbedding"]!.GetValue<long>() == 0) return result;
            Assert.True(DateTime.UtcNow < deadline, $"Claims still awaiting embedding: {result["claimsAwaitingEmbedding"]}");
            await Task.Delay(250);
        }
    }
}
