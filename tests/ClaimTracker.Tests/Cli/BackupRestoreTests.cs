using System.Collections.Concurrent;
using System.Net;
using ClaimTracker.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Cli;

/// <summary>backup while the server writes, restore into a working database, and no restore beneath a running server.</summary>
[Trait(TestEngine.Trait, TestEngine.Sqlite)] // SQLite's files, plans, PRAGMAs or group commit
public sealed class BackupRestoreTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "claimtracker-tests", $"backup-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_backup_taken_during_writes_restores_into_a_database_the_api_serves()
    {
        Directory.CreateDirectory(directory);
        var (live, backup, restored) = (Path.Combine(directory, "live.db"), Path.Combine(directory, "backup.db"), Path.Combine(directory, "restored.db"));
        var acknowledged = new ConcurrentQueue<string>();
        string[] beforeBackup;
        CommandRun backupRun;
        using (var server = await ServerProcess.StartAsync(live))
        {
            using var client = server.CreateClient();
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var text = $"Backup writer {writer} claim {i}";
                    var response = await client.PostJsonAsync("/api/v1/claims", new { text });
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    acknowledged.Enqueue(text);
                }
            })).ToList();
            await Task.Delay(1000);

            beforeBackup = [.. acknowledged];
            backupRun = await CommandLine.RunProcessAsync("backup", backup, "--db", live);
            var duringBackup = acknowledged.Count - beforeBackup.Length;
            await Task.Delay(300);
            stop.Cancel();
            await Task.WhenAll(writers);
            output.WriteLine($"$ ClaimTracker.Api backup {backup} --db {live}\n{backupRun}");
            output.WriteLine($"{beforeBackup.Length} claims acknowledged before the backup started, {duringBackup} while it ran, {acknowledged.Count} in all");
            Assert.Equal(0, backupRun.ExitCode);
            Assert.True(duringBackup > 0, "No write went on while the backup ran");
        }

        var restore = await CommandLine.RunProcessAsync("restore", backup, "--db", restored);
        output.WriteLine($"$ ClaimTracker.Api restore {backup} --db {restored}\n{restore}");
        Assert.Equal(0, restore.ExitCode);

        using (var server = await ServerProcess.StartAsync(restored))
        {
            using var client = server.CreateClient();
            var inBackup = await ClaimTextsAsync(restored);
            output.WriteLine($"restored database: {inBackup.Count} writer claims; the API answers /health and serves them");
            Assert.All(beforeBackup, text => Assert.Contains(text, inBackup));
            Assert.All(inBackup, text => Assert.Contains(text, acknowledged));
            var claims = await client.GetJsonAsync("/api/v1/claims?limit=1");
            Assert.NotEmpty(claims["items"]!.AsArray());
            Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/v1/claims", new { text = "Written after the restore" })).StatusCode);
        }
        using var check = new SqliteConnection($"Data Source={restored};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", command.ExecuteScalar());
    }

    [Fact]
    public async Task Restore_is_refused_while_a_server_uses_the_database_and_keeps_what_it_replaces()
    {
        Directory.CreateDirectory(directory);
        var backup = Path.Combine(directory, "backup.db");
        using (var factory = new ApiFactory())
        {
            var client = factory.CreateClient();
            Assert.Equal(0, (await CommandLine.RunAsync("backup", backup, "--db", factory.DatabasePath)).ExitCode);
            // A backup is a SQLite database, and no command overwrites one, --force or not (it could be a live database).
            var again = await CommandLine.RunAsync("backup", backup, "--db", factory.DatabasePath, "--force");
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("is a SQLite database", again.Error);

            var refused = await CommandLine.RunAsync("restore", backup, "--db", factory.DatabasePath, "--force");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("A server is using", refused.Error);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/claims/clm_3")).StatusCode);

            var target = Path.Combine(directory, "existing.db");
            Assert.Equal(0, (await CommandLine.RunAsync("migrate", "--db", target)).ExitCode);
            var withoutForce = await CommandLine.RunAsync("restore", backup, "--db", target);
            Assert.Equal(1, withoutForce.ExitCode);
            Assert.Contains("--force", withoutForce.Error);
            var replaced = await CommandLine.RunAsync("restore", backup, "--db", target, "--force");
            Assert.Equal(0, replaced.ExitCode);
            Assert.Single(Directory.GetFiles(directory, "existing.db.replaced-*"));
            Assert.Equal(10, await CommandLineTests.CountAsync(target, "claims"));
        }
    }

    private static async Task<HashSet<string>> ClaimTextsAsync(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT text FROM claims WHERE text LIKE 'Backup writer %'";
        var texts = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) texts.Add(reader.GetString(0));
        return texts;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
