using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests.Webhooks;

/// <summary>Shared steps of the webhook tests: a fast-retrying app, subscriptions, and waiting for deliveries to settle.</summary>
public static class Hooks
{
    /// <summary>
    /// The app, seeded or not, with a retry schedule of milliseconds and a short poll, so that tests run in seconds. The test
    /// receivers listen on 127.0.0.1, which webhooks may reach only when Webhooks:AllowedTargets lists it, as it does here.
    /// </summary>
    public static ApiFactory Factory(string schedule = "100ms 200ms 300ms", int disableAfter = 5, bool seed = false) =>
        Fast(seed ? new ApiFactory() : new EmptyApiFactory(), schedule, disableAfter);

    public static ApiFactory Fast(ApiFactory factory, string schedule = "100ms 200ms 300ms", int disableAfter = 5, string? allowed = "127.0.0.1")
    {
        if (allowed is not null) factory.Settings["Webhooks:AllowedTargets"] = allowed;
        factory.Settings["Webhooks:RetrySchedule"] = schedule;
        factory.Settings["Webhooks:DisableAfterFailures"] = disableAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Webhooks:PollMilliseconds"] = "50";
        factory.Settings["Webhooks:TimeoutSeconds"] = "10";
        return factory;
    }

    public static async Task<(string Id, string Secret)> SubscribeAsync(HttpClient client, string url, params string[] events)
    {
        var response = await client.PostJsonAsync("/api/v1/webhooks", new { url, events, description = "test receiver" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        return (body["webhook"]!["id"]!.GetValue<string>(), body["secret"]!.GetValue<string>());
    }

    public static async Task<List<JsonNode>> DeliveriesAsync(HttpClient client, string webhookId)
    {
        var page = await client.GetJsonAsync($"/api/v1/webhooks/{webhookId}/deliveries?limit=200");
        return page["items"]!.AsArray().Select(d => d!).ToList();
    }

    /// <summary>Waits until the webhook has <paramref name="count"/> deliveries and none is pending; returns them.</summary>
    public static async Task<List<JsonNode>> SettledAsync(HttpClient client, string webhookId, int count, int seconds = 20)
    {
        List<JsonNode> deliveries = [];
        await EventuallyAsync(async () =>
        {
            deliveries = await DeliveriesAsync(client, webhookId);
            return deliveries.Count >= count && deliveries.All(d => d["state"]!.GetValue<string>() != "pending");
        }, seconds, () => $"{deliveries.Count} deliveries, states {string.Join(",", deliveries.Select(d => d["state"]))}");
        return deliveries;
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, int seconds = 20, Func<string>? describe = null)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline; await Task.Delay(50))
            if (await condition()) return;
        Assert.Fail($"Not reached within {seconds} s. {describe?.Invoke()}");
    }

    public static async Task<string> UpdateClaimAsync(HttpClient client, string claimId, string text)
    {
        var response = await client.PatchJsonAsync($"/api/v1/claims/{claimId}", new { text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return text;
    }
}
