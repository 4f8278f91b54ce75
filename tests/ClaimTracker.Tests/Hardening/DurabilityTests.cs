using System.Collections.Concurrent;
using System.Net;
using ClaimTracker.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Hardening;

/// <summary>Acknowledged writes survive concurrency and SIGKILL; no client ever sees SQLITE_BUSY.</summary>
[Trait(TestEngine.Trait, TestEngine.Sqlite)] // SQLite's files, plans, PRAGMAs or group commit
public sealed class DurabilityTests(ITestOutputHelper output)
{
    private static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), "claimtracker-tests", $"{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Thirty_two_writers_for_thirty_seconds_see_no_5xx_and_every_acknowledged_row_is_stored()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var claimId = await Given.ClaimAsync(client);
        var acknowledged = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        var until = DateTime.UtcNow.AddSeconds(30);

        await Task.WhenAll(Enumerable.Range(0, 32).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; DateTime.UtcNow < until; i++)
            {
                var note = $"{writer}/{i}";
                var response = writer % 2 == 0
                    ? await client.PostJsonAsync($"/api/v1/claims/{claimId}/attributions",
                        new { sourceId = "kcna", documentId = "doc_1", stance = "asserts", quote = "KCNA said", anchor = new { start = 340 }, note })
                    : await client.PostJsonAsync("/api/v1/claims", new { text = "Writer claim " + note });
                if (response.StatusCode == HttpStatusCode.Created) acknowledged.Add(note);
                else failures.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        })));

        using var db = factory.OpenDatabase();
        var stored = (await db.QueryAsync<string>("SELECT note FROM attributions WHERE note IS NOT NULL UNION ALL SELECT substr(text, 14) FROM claims WHERE text LIKE 'Writer claim %'"))
            .ToList();
        output.WriteLine($"{acknowledged.Count} writes acknowledged in 30 s by 32 writers; {stored.Count} stored; {failures.Count} refused");
        Assert.Empty(failures);
        Assert.Equal(acknowledged.Order(), stored.Order());
    }

    [Fact]
    public async Task A_server_killed_mid_stream_keeps_every_acknowledged_write_five_times_over()
    {
        var path = NewDatabasePath();
        try
        {
            for (var round = 1; round <= 5; round++)
            {
                var acknowledged = new ConcurrentBag<string>();
                using (var server = await ServerProcess.StartAsync(path, "--seed", "none"))
                {
                    using var client = server.CreateClient();
                    using var stop = new CancellationTokenSource();
                    var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
                    {
                        for (var i = 0; !stop.IsCancellationRequested; i++)
                        {
                            var text = $"Round {round} writer {writer} claim {i}";
                            try
                            {
                                var response = await client.PostJsonAsync("/api/v1/claims", new { text });
                                if (response.StatusCode == HttpStatusCode.Created) acknowledged.Add(text);
                            }
                            catch (HttpRequestException)
                            {
                                return; // the server is gone: anything unacknowledged may or may not be stored
                            }
                            catch (TaskCanceledException)
                            {
                                return;
                            }
                        }
                    })).ToList();
                    // The kill lands mid-stream: after the first acknowledgement (a loaded machine may take seconds to
                    // answer the first write), then a pause that differs per round.
                    for (var waited = 0; acknowledged.IsEmpty && waited < 600; waited++) await Task.Delay(50);
                    await Task.Delay(TimeSpan.FromMilliseconds(100 + 150 * round));
                    server.Kill();
                    stop.Cancel();
                    await Task.WhenAll(writers);
                }

                using (var restarted = await ServerProcess.StartAsync(path, "--seed", "none"))
                {
                    using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
                    connection.Open();
                    var stored = (await connection.QueryAsync<string>("SELECT text FROM claims WHERE text LIKE @Round", new { Round = $"Round {round} %" })).ToHashSet();
                    var lost = acknowledged.Where(a => !stored.Contains(a)).ToList();
                    var integrity = await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check");
                    output.WriteLine($"round {round}: {acknowledged.Count} acknowledged, {stored.Count} found after restart, {lost.Count} lost, integrity {integrity}");
                    Assert.True(acknowledged.Count > 0, "No write was acknowledged before the kill");
                    Assert.Empty(lost);
                    Assert.Equal("ok", integrity);
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }
}
