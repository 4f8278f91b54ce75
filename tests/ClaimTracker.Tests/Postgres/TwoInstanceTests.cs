using System.Net;
using System.Net.Http.Json;
using ClaimTracker.Tests.ImportJobs;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Tests.Webhooks;
using Dapper;
using Npgsql;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Postgres;

/// <summary>
/// Several API instances on one PostgreSQL database: what one acknowledges, the other sees; races between them end as
/// they would inside one process (no lost or doubled write, one winner of an If-Match, one row per idempotency key); the
/// webhook outbox and import jobs are worked by both without doing anything twice, and by the survivor when one is
/// killed.
/// </summary>
public sealed class TwoInstanceTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Writers_on_both_instances_lose_and_double_nothing()
    {
        await using var instances = await TwoInstances.StartAsync();
        var claimId = await Given.ClaimAsync(instances.FirstClient);
        const string quote = "the nuclear-armed North of sending more than 10,000 soldiers to help Russia fight Ukraine";

        // 16 writers, half on each instance, all adding to one claim: their units collide on the same rows and retry.
        var writers = Enumerable.Range(0, 16).Select(async writer =>
        {
            var client = instances.Client(writer);
            for (var i = 0; i < 20; i++)
            {
                var response = await client.PostJsonAsync($"/api/v1/claims/{claimId}/attributions",
                    new { sourceId = "us-government", documentId = "doc_1", cue = "said", stance = "asserts", quote, note = $"{writer}/{i}" });
                Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            }
        });
        await Task.WhenAll(writers);

        await using var db = new NpgsqlConnection(instances.ConnectionString);
        var notes = (await db.QueryAsync<string>("SELECT note FROM attributions WHERE claim_id = @Id",
            new { Id = long.Parse(claimId[4..]) })).ToList();
        Assert.Equal(320, notes.Count);
        Assert.Equal(320, notes.Distinct().Count());
        // One history entry per attribution in the database, the 12 of the seeded worked example included: a unit run
        // twice that committed twice would leave two entries for one attribution or an attribution too many.
        var history = await db.QuerySingleAsync<(long Attributions, long Creates, long Created)>("""
            SELECT (SELECT count(*) FROM attributions), count(*), count(DISTINCT resource_id)
            FROM audit_log WHERE resource = 'attribution' AND operation = 'create'
            """);
        Assert.Equal((history.Attributions, history.Attributions), (history.Creates, history.Created));
        var seen = await instances.SecondClient.GetJsonAsync($"/api/v1/claims/{claimId}/attributions?limit=200");
        Assert.Equal(200, seen["items"]!.AsArray().Count);
    }

    [PostgresFact]
    public async Task Racing_edits_with_one_etag_across_instances_have_one_winner()
    {
        await using var instances = await TwoInstances.StartAsync();
        var claimId = await Given.ClaimAsync(instances.FirstClient);
        var etag = (await instances.SecondClient.GetAsync($"/api/v1/claims/{claimId}")).Headers.ETag!.Tag;

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => instances.Client(i)
            .PatchJsonAsync($"/api/v1/claims/{claimId}", new { text = $"Edit number {i}" }, etag)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK),
            a => Assert.Equal(HttpStatusCode.PreconditionFailed, a.StatusCode));
        var winner = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
        var stored = await instances.FirstClient.GetJsonAsync($"/api/v1/claims/{claimId}");
        Assert.Equal((await winner.JsonAsync())["text"]!.GetValue<string>(), stored["text"]!.GetValue<string>());
    }

    [PostgresFact]
    public async Task An_idempotency_key_replays_on_the_other_instance_and_a_stampede_makes_one_row()
    {
        await using var instances = await TwoInstances.StartAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { text = Given.Unique("Retried through the other instance") };

        var first = await PostAsync(instances.FirstClient, key, body);
        var replay = await PostAsync(instances.SecondClient, key, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());

        var stampedeKey = Guid.NewGuid().ToString();
        var stampede = new { text = Given.Unique("Sent to both instances at once") };
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => PostAsync(instances.Client(i), stampedeKey, stampede)));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Created);
        var created = await Task.WhenAll(answers.Where(a => a.StatusCode == HttpStatusCode.Created)
            .Select(a => a.Content.ReadAsStringAsync()));
        Assert.Single(created.Distinct());

        await using var db = new NpgsqlConnection(instances.ConnectionString);
        foreach (var text in new[] { body.text, stampede.text })
            Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM claims WHERE text = @Text", new { Text = text }));
    }

    [PostgresFact]
    public async Task Webhook_events_go_out_once_each_in_order_per_claim_while_an_instance_is_killed_mid_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(150);
        await using var instances = await TwoInstances.StartAsync(
            "--Webhooks:AllowedTargets", "127.0.0.1", "--Webhooks:RetrySchedule", "200ms 200ms 500ms 1s 1s 2s 2s",
            "--Webhooks:PollMilliseconds", "50", "--Webhooks:TimeoutSeconds", "2", "--Webhooks:MaxConcurrency", "4");
        var (hook, secret) = await Hooks.SubscribeAsync(instances.FirstClient, receiver.Url(), "claim.*");

        // Ten claims, each created and edited twice, the writes spread over both instances: 30 events, 3 per claim.
        var written = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var claimId = await Given.ClaimAsync(instances.Client(i), $"Delivered claim {i}");
            await Hooks.UpdateClaimAsync(instances.Client(i + 1), claimId, $"Delivered claim {i}, edited");
            await Hooks.UpdateClaimAsync(instances.Client(i), claimId, $"Delivered claim {i}, edited twice");
            written.Add(claimId);
        }
        await Hooks.EventuallyAsync(() => Task.FromResult(receiver.Received.Count >= 8));
        var beforeKill = receiver.Received.ToList();
        instances.First.Kill();

        var deliveries = await Hooks.SettledAsync(instances.SecondClient, hook, 30, seconds: 90);
        Assert.All(deliveries, d => Assert.Equal("delivered", d["state"]!.GetValue<string>()));
        var received = receiver.Received.ToList();
        output.WriteLine($"30 events, {received.Count} POSTs ({beforeKill.Count} before the kill), "
            + $"{received.Count - received.DistinctBy(r => r.Id).Count()} sent again after the kill");

        // While both ran, no event went out twice; afterwards only what the killed instance had in flight (at most its
        // MaxConcurrency), since it died before recording the outcome.
        Assert.Equal(beforeKill.Count, beforeKill.DistinctBy(r => r.Id).Count());
        Assert.Equal(30, received.DistinctBy(r => r.Id).Count());
        Assert.InRange(received.Count - 30, 0, 4);
        Assert.All(received, r => Assert.True(WebhookReceiver.Verifies(secret, r)));
        for (var i = 0; i < written.Count; i++)
            Assert.Equal([$"Delivered claim {i}", $"Delivered claim {i}, edited", $"Delivered claim {i}, edited twice"],
                receiver.Events().Where(r => r.DataId == written[i]).Select(r => r.Json["data"]!["text"]!.GetValue<string>()));
    }

    [PostgresFact]
    public async Task An_import_job_whose_instance_is_killed_is_finished_by_the_other_with_each_line_once()
    {
        const int total = 20_000;
        await using var instances = await TwoInstances.StartAsync("--seed", "none", "--ImportJobs:LeaseSeconds", "4");
        var location = await JobClient.StartAsync(instances.FirstClient, JobClient.Claims(1, total));
        var started = await JobClient.WaitAsync(instances.SecondClient, location,
            job => job.ProcessedThrough >= 1000 || job.State is not ("queued" or "running"));
        Assert.True(started.State == "running", $"{started.State}: {started.Problem}\nfirst instance:\n"
            + $"{instances.First.RecentErrors}\nsecond instance:\n{instances.Second.RecentErrors}");
        instances.First.Kill();

        JobView finished;
        try
        {
            finished = await JobClient.WaitAsync(instances.SecondClient, location);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Second instance:\n{instances.Second.RecentErrors}", e);
        }
        output.WriteLine($"killed after line {started.ProcessedThrough}; finished: {finished}");
        // Seen failing once under load on "an unexpected fault": the second instance's errors name it next time.
        Assert.True(finished.State == "succeeded", $"{finished}\nsecond instance:\n{instances.Second.RecentErrors}");
        Assert.Equal(("succeeded", total, total, 0), (finished.State, finished.ProcessedThrough, finished.Committed, finished.Failed));
        await using var db = new NpgsqlConnection(instances.ConnectionString);
        Assert.Equal(total, await db.ExecuteScalarAsync<long>("SELECT count(DISTINCT text) FROM claims"));
        Assert.Equal(total, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM claims"));
        Assert.Equal(total, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE resource = 'claim'"));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/claims") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
