using System.Net;
using ClaimTracker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Webhooks;

/// <summary>Deliveries to a real receiver on loopback: signed, only what was asked for, in order, retried, redelivered, disabled.</summary>
public sealed class WebhookDeliveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_change_is_delivered_signed_as_standard_webhooks_specifies()
    {
        using var factory = Hooks.Factory();
        var client = factory.CreateClient();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (hook, secret) = await Hooks.SubscribeAsync(client, receiver.Url(), "claim.created");

        var claimId = await Given.ClaimAsync(client, "The Kozlov visit was announced by KCNA", ["north-korea"]);
        await Hooks.SettledAsync(client, hook, 1);

        var delivery = Assert.Single(receiver.Events());
        output.WriteLine($"POST {delivery.Path}\ncontent-type: {delivery.ContentType}\nwebhook-id: {delivery.Id}\nwebhook-timestamp: {delivery.Timestamp}\n"
            + $"webhook-signature: {delivery.Signature}\n\n{delivery.Body}\n\nsecret: {secret}");
        Assert.True(WebhookReceiver.Verifies(secret, delivery), "The signature does not verify with the subscription's secret");
        Assert.False(WebhookReceiver.Verifies("whsec_" + Convert.ToBase64String(new byte[32]), delivery));
        Assert.False(WebhookReceiver.Verifies(secret, delivery with { Body = delivery.Body.Replace("Kozlov", "Kozlof") }));
        Assert.Matches("^msg_[0-9]+$", delivery.Id);
        Assert.InRange(long.Parse(delivery.Timestamp), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal("application/json", delivery.ContentType.Split(';')[0]);
        Assert.Equal("claim.created", delivery.Type);
        Assert.Equal(claimId, delivery.DataId);
        Assert.Equal("The Kozlov visit was announced by KCNA", delivery.Json["data"]!["text"]!.GetValue<string>());
        Assert.NotNull(delivery.Json["timestamp"]);

        var recorded = (await Hooks.DeliveriesAsync(client, hook)).Single();
        Assert.Equal("delivered", recorded["state"]!.GetValue<string>());
        Assert.Equal(204, recorded["attempts"]![0]!["responseStatus"]!.GetValue<int>());
    }

    [Fact]
    public async Task No_event_reaches_a_subscription_that_did_not_ask_for_it()
    {
        using var factory = Hooks.Factory();
        var client = factory.CreateClient();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (reviews, _) = await Hooks.SubscribeAsync(client, receiver.Url("/reviews"), "review.*");
        var (created, _) = await Hooks.SubscribeAsync(client, receiver.Url("/created"), "claim.created", "source.created");
        var (all, _) = await Hooks.SubscribeAsync(client, receiver.Url("/all"), "*");
        var (off, _) = await Hooks.SubscribeAsync(client, receiver.Url("/off"), "*");
        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync($"/api/v1/webhooks/{off}", new { enabled = false })).StatusCode);

        var sourceId = await Given.SourceAsync(client);
        var (claimId, _) = await Given.AttributedClaimAsync(client, sourceId);
        await Hooks.UpdateClaimAsync(client, claimId, "Edited claim text");
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync($"/api/v1/claims/{claimId}/reviews", new { rating = "false", reviewer = "desk" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/claims/{claimId}?cascade=true")).StatusCode);
        // source, document, claim, attribution created; claim updated; the review moves the claim to reviewed (claim.updated) and is
        // created; the claim is deleted with its attribution and review.
        var everything = await Hooks.SettledAsync(client, all, 10);
        var late = (await Hooks.SubscribeAsync(client, receiver.Url("/late"), "*")).Id;
        await Hooks.SettledAsync(client, reviews, 2);
        await Hooks.SettledAsync(client, created, 2);
        await Task.Delay(500); // room for anything wrongly queued to go out

        string[] TypesAt(string path) => receiver.Events(path).Select(r => r.Type).ToArray();
        Assert.Equal(["review.created", "review.deleted"], TypesAt("/reviews"));
        Assert.Equal(["claim.created", "source.created"], TypesAt("/created").Order()); // two resources: no order between them
        Assert.Empty(TypesAt("/off"));
        Assert.Empty(TypesAt("/late"));
        Assert.Empty(await Hooks.DeliveriesAsync(client, off));
        Assert.Empty(await Hooks.DeliveriesAsync(client, late));
        Assert.Equal(everything.Count, TypesAt("/all").Length);
        Assert.Contains("attribution.deleted", TypesAt("/all"));
        Assert.Equal(["claim.created", "claim.updated", "claim.updated", "claim.deleted"],
            receiver.Events("/all").Where(r => r.DataId == claimId).Select(r => r.Type));
    }

    [Fact]
    public async Task A_refused_change_queues_no_event()
    {
        using var factory = Hooks.Factory();
        var client = factory.CreateClient();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (hook, _) = await Hooks.SubscribeAsync(client, receiver.Url(), "*");
        var sourceId = await Given.SourceAsync(client);
        await Given.AttributedClaimAsync(client, sourceId);
        var before = (await Hooks.SettledAsync(client, hook, 4)).Count;

        await (await client.DeleteAsync($"/api/v1/sources/{sourceId}")).AssertProblemAsync(HttpStatusCode.Conflict); // still referenced
        await (await client.PostJsonAsync("/api/v1/claims", new { text = "" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await Task.Delay(300);
        Assert.Equal(before, (await Hooks.DeliveriesAsync(client, hook)).Count);
    }

    [Fact]
    public async Task A_receiver_that_is_down_and_comes_back_receives_every_event_in_order_per_resource()
    {
        using var factory = Hooks.Factory(schedule: "200ms 300ms 400ms 500ms 1s 1s 1s 1s 2s 2s 2s 2s");
        var client = factory.CreateClient();
        await using var receiver = await WebhookReceiver.StartAsync();
        await receiver.DownAsync();
        var (hook, secret) = await Hooks.SubscribeAsync(client, receiver.Url(), "claim.*");

        var claims = new[] { await Given.ClaimAsync(client, "first v0"), await Given.ClaimAsync(client, "second v0") };
        var expected = claims.ToDictionary(c => c, c => new List<string> { c == claims[0] ? "first v0" : "second v0" });
        for (var version = 1; version <= 3; version++)
            foreach (var claim in claims)
                expected[claim].Add(await Hooks.UpdateClaimAsync(client, claim, $"{(claim == claims[0] ? "first" : "second")} v{version}"));
        await Hooks.EventuallyAsync(async () => (await Hooks.DeliveriesAsync(client, hook)).Any(d => d["attempts"]!.AsArray().Count >= 2));
        Assert.Empty(receiver.Received);

        await receiver.UpAsync();
        var deliveries = await Hooks.SettledAsync(client, hook, 8);
        Assert.All(deliveries, d => Assert.Equal("delivered", d["state"]!.GetValue<string>()));
        Assert.All(receiver.Received, r => Assert.True(WebhookReceiver.Verifies(secret, r)));
        foreach (var claim in claims)
        {
            var seen = receiver.Received.Where(r => r.DataId == claim).Select(r => r.Json["data"]!["text"]!.GetValue<string>()).Distinct().ToList();
            Assert.Equal(expected[claim], seen);
        }
        var failed = deliveries.SelectMany(d => d["attempts"]!.AsArray()).Where(a => !a!["succeeded"]!.GetValue<bool>()).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, a => Assert.StartsWith("Connection failed", a!["error"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_event_waits_for_the_earlier_event_of_its_resource_to_succeed()
    {
        using var factory = Hooks.Factory(schedule: "300ms 300ms 300ms 300ms");
        var client = factory.CreateClient();
        await using var receiver = await WebhookReceiver.StartAsync();
        var failures = 0;
        receiver.Answer = r => r.Type == "claim.created" && Interlocked.Increment(ref failures) <= 2 ? 503 : 200;
        var (hook, _) = await Hooks.SubscribeAsync(client, receiver.Url(), "claim.*");

        var claimId = await Given.ClaimAsync(client, "v0");
        await Hooks.UpdateClaimAsync(client, claimId, "v1");
        var deliveries = await Hooks.SettledAsync(client, hook, 2);

        Assert.Equal(["claim.created", "claim.updated"], receiver.Received.Select(r => r.Type).Distinct());
        Assert.True(receiver.Received.Count(r => r.Type == "claim.created") >= 3);
        var first = deliveries.Single(d => d["eventType"]!.GetValue<string>() == "claim.created");
        Assert.Equal([503, 503, 200], first["attempts"]!.AsArray().Select(a => a!["responseStatus"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Redelivering_replays_the_same_event_with_the_same_webhook_id()
    {
        using var factory = Hooks.Factory();
        var client = factory.CreateClient();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (hook, secret) = await Hooks.SubscribeAsync(client, receiver.Url(), "claim.created");
        await Given.ClaimAsync(client);
        var original = (await Hooks.SettledAsync(client, hook, 1)).Single();
        var originalId = original["id"]!.GetValue<string>();

        var response = await client.PostAsync($"/api/v1/webhooks/{hook}/deliveries/{originalId}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var replay = await response.JsonAsync();
        Assert.Equal(originalId, replay["redeliveryOf"]!.GetValue<string>());
        Assert.Equal(response.Headers.Location!.OriginalString, $"/api/v1/webhooks/{hook}/deliveries/{replay["id"]}");
        await Hooks.SettledAsync(client, hook, 2);

        Assert.True(receiver.Received.Count >= 2);
        var (a, b) = (receiver.Received.First(), receiver.Received.Last());
        Assert.Equal(a.Id, b.Id);
        Assert.Equal(a.Body, b.Body);
        Assert.True(WebhookReceiver.Verifies(secret, b));
        var single = await client.GetJsonAsync($"/api/v1/webhooks/{hook}/deliveries/{replay["id"]}");
        Assert.Equal("claim.created", single["payload"]!["type"]!.GetValue<string>());
        await (await client.PostAsync($"/api/v1/webhooks/{hook}/deliveries/dlv_999999/redeliver", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_sign_and_after_an_immediate_one_only_the_new()
    {
        using var factory = Hooks.Factory();
        var client = factory.CreateClient();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (hook, oldSecret) = await Hooks.SubscribeAsync(client, receiver.Url(), "claim.created");
        var newSecret = (await (await client.PostAsync($"/api/v1/webhooks/{hook}/rotate-secret", null)).JsonAsync())["secret"]!.GetValue<string>();
        await Given.ClaimAsync(client);
        await Hooks.SettledAsync(client, hook, 1);

        var during = receiver.Events().Single();
        Assert.Equal(2, during.Signature.Split(' ').Length);
        Assert.True(WebhookReceiver.Verifies(oldSecret, during));
        Assert.True(WebhookReceiver.Verifies(newSecret, during));

        var newest = (await (await client.PostAsync($"/api/v1/webhooks/{hook}/rotate-secret?overlapSeconds=0", null)).JsonAsync())["secret"]!.GetValue<string>();
        await Given.ClaimAsync(client);
        await Hooks.SettledAsync(client, hook, 2);
        var after = receiver.Received.Last();
        Assert.Single(after.Signature.Split(' '));
        Assert.True(WebhookReceiver.Verifies(newest, after));
        Assert.False(WebhookReceiver.Verifies(newSecret, after));
    }

    [Fact]
    public async Task An_endpoint_is_disabled_after_a_run_of_failed_deliveries_and_resumes_when_enabled()
    {
        using var factory = Hooks.Factory(schedule: "50ms", disableAfter: 2);
        var client = factory.CreateClient();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 500;
        var (hook, _) = await Hooks.SubscribeAsync(client, receiver.Url(), "claim.created");

        await Given.ClaimAsync(client);
        await Given.ClaimAsync(client);
        var failed = await Hooks.SettledAsync(client, hook, 2);
        Assert.All(failed, d => Assert.Equal("failed", d["state"]!.GetValue<string>()));
        Assert.All(failed, d => Assert.Equal(2, d["attempts"]!.AsArray().Count)); // the first try and one retry
        var webhook = await client.GetJsonAsync($"/api/v1/webhooks/{hook}");
        Assert.False(webhook["enabled"]!.GetValue<bool>());
        Assert.Contains("2 deliveries in a row failed", webhook["disabledReason"]!.GetValue<string>());

        await Given.ClaimAsync(client); // a disabled endpoint is sent nothing
        Assert.Equal(2, (await Hooks.DeliveriesAsync(client, hook)).Count);
        await (await client.PostAsync($"/api/v1/webhooks/{hook}/deliveries/{failed[0]["id"]}/redeliver", null)).AssertProblemAsync(HttpStatusCode.Conflict);

        receiver.Answer = _ => 200;
        var enabled = await (await client.PatchJsonAsync($"/api/v1/webhooks/{hook}", new { enabled = true })).JsonAsync();
        Assert.Null(enabled["disabledReason"]);
        await client.PostAsync($"/api/v1/webhooks/{hook}/deliveries/{failed[0]["id"]}/redeliver", null);
        await Given.ClaimAsync(client);
        var after = await Hooks.SettledAsync(client, hook, 4);
        Assert.Equal(2, after.Count(d => d["state"]!.GetValue<string>() == "delivered"));
    }

    [Fact]
    public async Task A_client_error_from_the_receiver_is_final_and_not_retried()
    {
        using var factory = Hooks.Factory(schedule: "50ms 50ms 50ms");
        var client = factory.CreateClient();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 410;
        var (hook, _) = await Hooks.SubscribeAsync(client, receiver.Url(), "claim.created");
        await Given.ClaimAsync(client);

        var delivery = (await Hooks.SettledAsync(client, hook, 1)).Single();
        Assert.Equal("failed", delivery["state"]!.GetValue<string>());
        var attempt = Assert.Single(delivery["attempts"]!.AsArray());
        Assert.Equal(410, attempt!["responseStatus"]!.GetValue<int>());
        Assert.StartsWith("HTTP 410", attempt["error"]!.GetValue<string>());
    }
}
