using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests of this process: initdb and pg_ctl from Debian's postgresql package,
/// in a temporary directory, on a free loopback port, stopped and deleted when the process exits. The schema is
/// migrated once into a template; each test host gets a database copied from it (CREATE DATABASE … TEMPLATE).
/// </summary>
public static class PostgresCluster
{
    private const string Template = "claimtracker_template";
    private static readonly Lazy<Task<string>> Started = new(StartAsync);
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> ByPath = new();

    /// <summary>
    /// The database that stands for a test host's SQLite path: made (migrated, empty) on first use, the same one again
    /// for a host started anew on that path, until <see cref="DropDatabaseAsync"/>.
    /// </summary>
    public static Task<string> DatabaseForAsync(string databasePath) =>
        ByPath.GetOrAdd(databasePath, _ => new Lazy<Task<string>>(NewDatabaseAsync)).Value;

    /// <summary>A connection string to a new, migrated, empty database of its own.</summary>
    private static async Task<string> NewDatabaseAsync()
    {
        var server = await Started.Value;
        var name = $"ct_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {Template}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    /// <summary>Drops the database of a test host's path, closing what still uses it.</summary>
    public static async Task DropDatabaseAsync(string databasePath)
    {
        if (!ByPath.TryRemove(databasePath, out var made)) return;
        var connectionString = await made.Value;
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(await Started.Value);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartAsync()
    {
        var bin = BinDirectory();
        RemoveStoppedClusters();
        var root = Directory.CreateTempSubdirectory(Prefix).FullName;
        var data = Path.Combine(root, "data");
        // initdb refuses to run as root: the cluster then belongs to the postgres user.
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", "postgres", root);
        var port = FreePort();
        Run(bin, asRoot, "initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
            "--lc-collate=C", "--no-sync");
        // Up to 5 minutes to accept connections (pg_ctl's default is 60 s): a loaded machine took longer.
        Run(bin, asRoot, "pg_ctl", "-D", data, "-l", Path.Combine(root, "log"), "-w", "-t", "300", "-o",
            $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300", "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run(bin, asRoot, "pg_ctl", "-D", data, "-m", "immediate", "stop");
            Directory.Delete(root, recursive: true);
        };

        var server = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = false,
        }.ToString();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"CREATE DATABASE {Template} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'",
                connection);
            await command.ExecuteNonQueryAsync();
        }
        var template = new NpgsqlConnectionStringBuilder(server) { Database = Template }.ToString();
        await using (var db = new PostgresDb(template))
            await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        NpgsqlConnection.ClearAllPools();
        return server;
    }

    private const string Prefix = "claimtracker-pg-";

    /// <summary>
    /// Clusters of earlier runs that are stopped but still on disk: a test host killed at the end of a run stops its
    /// cluster (the exit handler's first step) but may not finish deleting it.
    /// </summary>
    private static void RemoveStoppedClusters()
    {
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            if (File.Exists(Path.Combine(stale, "data", "postmaster.pid"))) continue;
            try
            {
                Directory.Delete(stale, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Whether initdb and pg_ctl are there to start a cluster.</summary>
    public static bool IsInstalled => FindBinDirectory() is not null;

    private static string BinDirectory() => FindBinDirectory()
        ?? throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql, or set PG_BIN.");

    /// <summary>PG_BIN, else the newest of Debian's /usr/lib/postgresql/*/bin.</summary>
    private static string? FindBinDirectory() =>
        Environment.GetEnvironmentVariable("PG_BIN")
        ?? (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string bin, bool asPostgres, string tool, params string[] arguments) =>
        Run(asPostgres ? "runuser" : Path.Combine(bin, tool),
            asPostgres ? ["-u", "postgres", "--", Path.Combine(bin, tool), .. arguments] : arguments);

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {error}{output.Result}");
    }
}
