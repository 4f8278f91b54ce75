using ClaimTracker.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Webhooks;

/// <summary>The outbox survives the process: a server killed in the middle of retries delivers everything after its restart.</summary>
public sealed class WebhookRestartTests(ITestOutputHelper output)
{
    private static readonly string[] FastRetries =
        ["--seed", "none", "--Webhooks:RetrySchedule", "300ms 300ms 300ms 300ms 300ms 300ms 1s 1s 1s 2s 2s 2s", "--Webhooks:PollMilliseconds", "50",
         "--Webhooks:AllowedTargets", "127.0.0.1"];

    [Fact]
    public async Task A_server_killed_in_the_middle_of_retries_loses_no_event()
    {
        var path = Path.Combine(Path.GetTempPath(), "claimtracker-tests", $"{Guid.NewGuid():N}.db");
        await using var receiver = await WebhookReceiver.StartAsync();
        await receiver.DownAsync();
        try
        {
            string hook, secret;
            var written = new List<string>();
            using (var first = await ServerProcess.StartAsync(path, FastRetries))
            {
                using var client = first.CreateClient();
                (hook, secret) = await Hooks.SubscribeAsync(client, receiver.Url(), "claim.*");
                for (var i = 0; i < 5; i++)
                {
                    var claimId = await Given.ClaimAsync(client, $"Restart claim {i}");
                    written.Add($"{claimId} claim.created");
                    await Hooks.UpdateClaimAsync(client, claimId, $"Restart claim {i}, edited");
                    written.Add($"{claimId} claim.updated");
                }
                await Hooks.EventuallyAsync(async () => (await Hooks.DeliveriesAsync(client, hook)).Any(d => d["attempts"]!.AsArray().Count >= 2));
                first.Kill();
            }
            Assert.Empty(receiver.Received);

            await receiver.UpAsync();
            using (var second = await ServerProcess.StartAsync(path, FastRetries))
            {
                using var client = second.CreateClient();
                var deliveries = await Hooks.SettledAsync(client, hook, written.Count, seconds: 60);
                Assert.All(deliveries, d => Assert.Equal("delivered", d["state"]!.GetValue<string>()));
                output.WriteLine($"{written.Count} events, {receiver.Received.Count} POSTs received after the restart, "
                    + $"{deliveries.Sum(d => d["attempts"]!.AsArray().Count)} tries in all");
            }
            var received = receiver.Received.Select(r => $"{r.DataId} {r.Type}").ToHashSet();
            Assert.Equal(written.Order(), received.Order());
            Assert.All(receiver.Received, r => Assert.True(WebhookReceiver.Verifies(secret, r)));
            foreach (var claim in written.Select(w => w.Split(' ')[0]).Distinct())
                Assert.Equal(["claim.created", "claim.updated"], receiver.Received.Where(r => r.DataId == claim).Select(r => r.Type).Distinct());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" }) File.Delete(path + suffix);
        }
    }
}
