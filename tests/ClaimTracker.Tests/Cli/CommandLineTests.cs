using System.Net;
using ClaimTracker.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Tests.Cli;

/// <summary>The admin command line: help on every command, exit codes, migrate, seed and keys.</summary>
[Trait(TestEngine.Trait, TestEngine.Sqlite)] // SQLite's files, plans, PRAGMAs or group commit
public sealed class CommandLineTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "claimtracker-tests", $"cli-{Guid.NewGuid():N}");

    private string NewPath(string name = "claimtracker.db") => Path.Combine(directory, name);

    [Theory]
    [InlineData("migrate")]
    [InlineData("seed")]
    [InlineData("keys")]
    [InlineData("keys create")]
    [InlineData("keys list")]
    [InlineData("keys revoke")]
    [InlineData("backup")]
    [InlineData("restore")]
    public async Task Every_command_explains_itself_with_help(string command)
    {
        var run = await CommandLine.RunAsync([.. command.Split(' '), "--help"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output);
        Assert.Contains("--db", run.Output);
    }

    [Theory]
    [InlineData("migrate", true)]
    [InlineData("keys create", true)]
    [InlineData("--help", true)]
    [InlineData("-h", true)]
    [InlineData("--urls http://127.0.0.1:5000", false)]
    [InlineData("--db claimtracker.db --seed none", false)]
    [InlineData("urls=http://127.0.0.1:5000", false)]
    [InlineData("", false)]
    public void Only_a_command_name_or_help_makes_the_process_a_command_rather_than_the_server(string args, bool command) =>
        Assert.Equal(command, ClaimTracker.Api.Cli.AdminCommandLine.Handles(args.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    [Theory]
    [InlineData("keys")]
    [InlineData("keys create --name ops")]
    [InlineData("keys create --name ops --scope superuser")]
    [InlineData("backup")]
    [InlineData("restore")]
    [InlineData("migrate --frobnicate")]
    [InlineData("keys revoke")]
    public async Task A_wrong_command_line_exits_2_and_says_what_is_wrong(string command)
    {
        var run = await CommandLine.RunAsync(command.Split(' '));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains("--help", run.Error);
    }

    [Fact]
    public async Task A_command_that_cannot_do_its_work_exits_1_with_the_reason()
    {
        var missing = NewPath("missing.db");
        var list = await CommandLine.RunAsync("keys", "list", "--db", missing);
        Assert.Equal(1, list.ExitCode);
        Assert.Contains("No database at", list.Error);
        Assert.False(File.Exists(missing));

        var restore = await CommandLine.RunAsync("restore", NewPath("no-such-backup.db"), "--db", NewPath());
        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("No backup at", restore.Error);

        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(NewPath("junk.db"), "not a database");
        var junk = await CommandLine.RunAsync("restore", NewPath("junk.db"), "--db", NewPath());
        Assert.Equal(1, junk.ExitCode);
        Assert.Contains("not a readable SQLite database", junk.Error);

        var revoke = await CommandLine.RunAsync("keys", "revoke", "key_nosuchkey0", "--db", await SeededAsync());
        Assert.Equal(1, revoke.ExitCode);
        Assert.Contains("No API key has the id", revoke.Error);
    }

    [Fact]
    public async Task Migrate_creates_and_updates_a_database_and_seed_fills_only_an_empty_one()
    {
        var path = NewPath();
        var migrate = await CommandLine.RunAsync("migrate", "--db", path);
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("Applied", migrate.Output);
        Assert.Contains("up to date", (await CommandLine.RunAsync("migrate", "--db", path)).Output);

        var seed = await CommandLine.RunAsync("seed", "--db", path);
        Assert.Equal(0, seed.ExitCode);
        Assert.Contains("10 claims", seed.Output);
        var again = await CommandLine.RunAsync("seed", "--db", path);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing seeded", again.Output);
        Assert.Equal(10, await CountAsync(path, "claims"));
    }

    [Fact]
    public async Task Keys_made_on_the_command_line_open_the_api_with_their_scope_and_are_listed_and_revoked()
    {
        using var factory = new ApiFactory();
        factory.CreateClient(); // starts the server on its database
        var create = await CommandLine.RunAsync("keys", "create", "--name", "night-desk", "--scope", "read", "--db", factory.DatabasePath);
        Assert.Equal(0, create.ExitCode);
        var key = create.Output.Split('\n')[0].Trim();
        Assert.StartsWith("ct_", key);

        var reader = factory.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/claims")).StatusCode);
        await (await reader.PostJsonAsync("/api/v1/claims", new { text = "not allowed" })).AssertProblemAsync(HttpStatusCode.Forbidden);

        var list = await CommandLine.RunAsync("keys", "list", "--db", factory.DatabasePath);
        Assert.Contains("night-desk", list.Output);
        Assert.DoesNotContain(key, list.Output);
        var id = list.Output.Split('\n').Single(l => l.Contains("night-desk")).Split(' ')[0];
        var revoke = await CommandLine.RunAsync("keys", "revoke", id, "--db", factory.DatabasePath);
        Assert.Equal(0, revoke.ExitCode);
        var revokedLine = (await CommandLine.RunAsync("keys", "list", "--db", factory.DatabasePath)).Output.Split('\n').Single(l => l.Contains("night-desk"));
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+night-desk", revokedLine);
    }

    private async Task<string> SeededAsync()
    {
        var path = NewPath($"seeded-{Guid.NewGuid():N}.db");
        Assert.Equal(0, (await CommandLine.RunAsync("seed", "--db", path)).ExitCode);
        return path;
    }

    internal static async Task<long> CountAsync(string path, string table)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
