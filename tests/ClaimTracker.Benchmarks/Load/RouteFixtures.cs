using System.Text.Json;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// What an imported archive lacks for some GET routes: a webhook with deliveries, documents with suggestions and an
/// import job with a failed line (one line of an unknown type: it writes nothing). Made
/// through the API before measuring, once per database (a second run finds and reuses them): a handful of writes beside
/// the archive's rows. Deliveries go to a closed loopback port, so they fail at once instead of holding connections.
/// </summary>
public sealed class RouteFixtures
{
    public const string WebhookDescription = "routes benchmark";
    public const string WebhookTarget = "127.0.0.1";
    private const int Events = 20;
    private const int SuggestedDocuments = 20;

    public required string WebhookId { get; init; }
    public required string[] DeliveryIds { get; init; }
    public required long[] DocumentsWithSuggestions { get; init; }
    public required string[] SuggestionIds { get; init; }
    public required string ImportJobId { get; init; }

    public static async Task<RouteFixtures> PrepareAsync(HttpScenarios http, RouteIds ids)
    {
        var webhookId = await WebhookAsync(http);
        var deliveries = await DeliveriesAsync(http, webhookId);
        if (deliveries.Length < Events)
        {
            for (var i = 0; i < Events; i++)
            {
                var source = new { name = $"Routes benchmark event {Guid.NewGuid():N}", kind = "organization" };
                await http.JsonAsync(HttpMethod.Post, "/api/v1/sources", source);
            }
            for (var wait = 0; wait < 100 && deliveries.Length < Events; wait++)
            {
                await Task.Delay(100);
                deliveries = await DeliveriesAsync(http, webhookId);
            }
        }

        var documents = ids.Documents.Take(SuggestedDocuments).ToArray();
        var suggestions = new List<string>();
        foreach (var document in documents)
        {
            var path = $"/api/v1/documents/doc_{document}/suggestions";
            var listed = Items(await http.JsonAsync(HttpMethod.Get, path + "?limit=100"));
            if (listed.Count == 0) listed = Items(await http.JsonAsync(HttpMethod.Post, path), "pending");
            suggestions.AddRange(listed.Select(s => s.GetProperty("id").GetString()!));
        }
        return new RouteFixtures
        {
            WebhookId = webhookId, DeliveryIds = deliveries, DocumentsWithSuggestions = documents,
            SuggestionIds = [.. suggestions], ImportJobId = await ImportJobAsync(http),
        };
    }

    /// <summary>The benchmark's webhook: the one an earlier run made, or a new one.</summary>
    private static async Task<string> WebhookAsync(HttpScenarios http)
    {
        var listed = Items(await http.JsonAsync(HttpMethod.Get, "/api/v1/webhooks?limit=100"));
        if (listed.FirstOrDefault(w => w.GetProperty("description").GetString() == WebhookDescription) is
            { ValueKind: JsonValueKind.Object } found) return found.GetProperty("id").GetString()!;
        var created = await http.JsonAsync(HttpMethod.Post, "/api/v1/webhooks", new
        {
            url = $"http://{WebhookTarget}:9/routes-benchmark", events = new[] { "source.*" },
            description = WebhookDescription,
        });
        return created.GetProperty("webhook").GetProperty("id").GetString()!;
    }

    /// <summary>The benchmark's import job: the first job an earlier run (or anyone) made, or a new one.</summary>
    private static async Task<string> ImportJobAsync(HttpScenarios http)
    {
        var listed = Items(await http.JsonAsync(HttpMethod.Get, "/api/v1/import-jobs?limit=1"));
        if (listed.Count > 0) return listed[0].GetProperty("id").GetString()!;
        var job = await http.ImportAsync("{\"type\":\"routes-benchmark\"}\n", asJob: true);
        return JsonDocument.Parse(job).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<string[]> DeliveriesAsync(HttpScenarios http, string webhookId) =>
        [.. Items(await http.JsonAsync(HttpMethod.Get, $"/api/v1/webhooks/{webhookId}/deliveries?limit=100"))
            .Select(d => d.GetProperty("id").GetString()!)];

    private static List<JsonElement> Items(JsonElement page, string property = "items") =>
        [.. page.GetProperty(property).EnumerateArray()];
}
