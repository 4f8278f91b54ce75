using System.Net;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>Creates the resources a test needs through the API itself, each with a unique name or text.</summary>
public static class Given
{
    public static async Task<string> SourceAsync(HttpClient client, string? name = null, string kind = "person", string[]? aliases = null, string? affiliationId = null)
    {
        name ??= "Source " + Guid.NewGuid().ToString("N")[..8];
        var response = await client.PostJsonAsync("/api/v1/sources", new { name, kind, aliases = aliases ?? [], affiliationId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync())["id"]!.GetValue<string>();
    }

    public static async Task<string> DocumentAsync(HttpClient client, string text, string? url = null, string? publisherId = null)
    {
        var response = await client.PostJsonAsync("/api/v1/documents", new { title = "Test document", text, url, publisherId, language = "en" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync())["id"]!.GetValue<string>();
    }

    public static async Task<string> ClaimAsync(HttpClient client, string? text = null, string[]? topics = null)
    {
        var response = await client.PostJsonAsync("/api/v1/claims", new { text = text ?? "Claim " + Guid.NewGuid().ToString("N"), language = "en", topics = topics ?? [] });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync())["id"]!.GetValue<string>();
    }

    /// <summary>A claim attributed to a source in a fresh document whose text is the quote itself.</summary>
    public static async Task<(string ClaimId, string AttributionId)> AttributedClaimAsync(HttpClient client, string sourceId, string stance = "asserts", string? statedAt = null)
    {
        var quote = "Words " + Guid.NewGuid().ToString("N");
        var documentId = await DocumentAsync(client, $"Someone said that {quote}.");
        var claimId = await ClaimAsync(client);
        var response = await client.PostJsonAsync($"/api/v1/claims/{claimId}/attributions",
            new { sourceId, documentId, cue = "said", stance, quote, statedAt });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (claimId, (await response.JsonAsync())["id"]!.GetValue<string>());
    }

    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}";
}
