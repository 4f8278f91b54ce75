using ClaimTracker.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Mono.Unix.Native;

namespace ClaimTracker.Tests.Cli;

/// <summary>
/// The command line never writes onto a database (by any name: symbolic and hard links are compared by device and inode),
/// nor onto anything but a regular file; it reads a backup only from a regular file, and restores only the schema our
/// migrations make.
/// </summary>
[Trait(TestEngine.Trait, TestEngine.Sqlite)] // SQLite's files, plans, PRAGMAs or group commit
public sealed class FileGuardTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "claimtracker-tests", "guard-" + Guid.NewGuid().ToString("N"));

    public FileGuardTests() => Directory.CreateDirectory(folder);

    private string Path_(string name) => Path.Combine(folder, name);

    private async Task<string> SeededAsync(string name)
    {
        var path = Path_(name);
        var seeded = await CommandLine.RunAsync("seed", "--db", path);
        Assert.True(seeded.ExitCode == 0, seeded.ToString());
        return path;
    }

    [Fact]
    public async Task Exporting_onto_the_database_itself_is_refused_even_with_force()
    {
        var live = await SeededAsync("live.db");

        var refused = await CommandLine.RunAsync("export", live, "--db", live, "--force");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("the database", refused.Error);
        Assert.Equal(10, await CommandLineTests.CountAsync(live, "claims"));
    }

    [Theory]
    [InlineData("export")]
    [InlineData("backup")]
    public async Task No_command_overwrites_any_sqlite_database_or_a_link_to_the_database(string command)
    {
        var live = await SeededAsync("live.db");
        var other = await SeededAsync("other.db");
        var symbolic = Path_("symbolic.db");
        File.CreateSymbolicLink(symbolic, live);
        var hard = Path_("hard.db");
        Assert.Equal(0, Syscall.link(live, hard));

        foreach (var (target, database) in new[] { (other, live), (live, symbolic), (hard, live), (symbolic, live) })
        {
            var refused = await CommandLine.RunAsync(command, target, "--db", database, "--force");
            Assert.True(refused.ExitCode == 1, $"{command} {target} --db {database}: {refused}");
        }
        Assert.Equal(10, await CommandLineTests.CountAsync(live, "claims"));
        Assert.Equal(10, await CommandLineTests.CountAsync(other, "claims"));
        Assert.Equal(live, new FileInfo(symbolic).LinkTarget);
        Assert.True(SameInode(live, hard));
    }

    [Theory]
    [InlineData("export")]
    [InlineData("backup")]
    public async Task Fifos_devices_and_directories_are_never_replaced(string command)
    {
        var live = await SeededAsync("live.db");
        var fifo = Path_("pipe");
        Assert.Equal(0, Syscall.mkfifo(fifo, FilePermissions.DEFFILEMODE));
        var directory = Path_("folder");
        Directory.CreateDirectory(directory);
        // A private twin of /dev/full (character device 1:7), so that a failure here cannot replace the machine's own.
        var device = Path_("full");
        var haveDevice = Syscall.mknod(device, FilePermissions.S_IFCHR | FilePermissions.DEFFILEMODE, (1UL << 8) | 7) == 0;

        foreach (var target in haveDevice ? [fifo, directory, device] : new[] { fifo, directory })
        {
            var refused = await CommandLine.RunAsync(command, target, "--db", live, "--force");
            Assert.True(refused.ExitCode == 1, $"{command} {target}: {refused}");
        }
        Assert.Equal(FilePermissions.S_IFIFO, Kind(fifo));
        Assert.Equal(FilePermissions.S_IFDIR, Kind(directory));
        if (haveDevice) Assert.Equal(FilePermissions.S_IFCHR, Kind(device));
    }

    [Fact]
    public async Task Restoring_from_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer()
    {
        var fifo = Path_("backup.db");
        Assert.Equal(0, Syscall.mkfifo(fifo, FilePermissions.DEFFILEMODE));

        // On a thread of its own: opening a FIFO blocks the calling thread itself until a writer comes.
        var refused = await Task.Run(() => CommandLine.RunAsync("restore", fifo, "--db", Path_("restored.db"))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("FIFO", refused.Error);
        Assert.False(File.Exists(Path_("restored.db")));
    }

    [Theory]
    [InlineData("CREATE TABLE loot (hash TEXT)", "table loot")]
    [InlineData("CREATE TABLE loot (hash TEXT); CREATE TRIGGER steal AFTER INSERT ON api_keys BEGIN INSERT INTO loot VALUES (NEW.id); END",
        "trigger steal")]
    [InlineData("CREATE UNIQUE INDEX claims_by_text ON claims (text)", "index claims_by_text")]
    [InlineData("CREATE VIEW everything AS SELECT * FROM claims", "view everything")]
    [InlineData("DROP INDEX attributions_by_source", "index attributions_by_source missing")]
    public async Task Restore_refuses_a_database_whose_schema_the_migrations_did_not_make(string change, string named)
    {
        var backup = await SeededAsync("backup.db");
        using (var connection = new SqliteConnection($"Data Source={backup};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = change;
            command.ExecuteNonQuery();
        }
        var restored = Path_("restored.db");

        var refused = await CommandLine.RunAsync("restore", backup, "--db", restored);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains(named, refused.Error);
        Assert.False(File.Exists(restored));
        Assert.Empty(Directory.GetFiles(folder, "restored.db.restoring*"));
    }

    [Fact]
    public async Task A_backup_that_the_migrations_made_restores()
    {
        var backup = await SeededAsync("backup.db");
        var restored = await CommandLine.RunAsync("restore", backup, "--db", Path_("restored.db"));
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Equal(10, await CommandLineTests.CountAsync(Path_("restored.db"), "claims"));
    }

    private static FilePermissions Kind(string path)
    {
        Assert.Equal(0, Syscall.lstat(path, out var status));
        return status.st_mode & FilePermissions.S_IFMT;
    }

    private static bool SameInode(string one, string other) =>
        Syscall.stat(one, out var a) == 0 && Syscall.stat(other, out var b) == 0 && a.st_ino == b.st_ino;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
