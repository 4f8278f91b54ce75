using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// The real app on a fresh database of its own (a SQLite file, or a PostgreSQL database under
/// <see cref="TestEngine.IsPostgres"/>), seeded with the worked example unless <see cref="Seed"/> says otherwise.
/// Each test class gets one through IClassFixture; tests that need a pristine database make their own.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; init; } = Path.Combine(Path.GetTempPath(), "claimtracker-tests", $"{Guid.NewGuid():N}.db");

    /// <summary>
    /// Leaves the database in place on dispose, for a test that starts the app again on it: a factory given the same
    /// <see cref="DatabasePath"/> then opens the same file, or on PostgreSQL the same database.
    /// </summary>
    public bool KeepDatabase { get; init; }

    /// <summary>Whether this host runs on PostgreSQL; by default as the suite's engine says.</summary>
    public bool OnPostgres { get; init; } = TestEngine.IsPostgres;

    /// <summary>The PostgreSQL database of this host's <see cref="DatabasePath"/>, made on first use; null on SQLite.</summary>
    private string? postgresDatabase;

    /// <summary>The admin key the app creates on first start; every client from <see cref="WebApplicationFactory{T}.CreateClient()"/> sends it.</summary>
    public const string AdminKey = "ct_testadmin0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    protected virtual string Seed => "worked-example";

    /// <summary>Further settings for a test's own app, e.g. Auth:AnonymousRead.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Path", DatabasePath);
        if (OnPostgres)
        {
            postgresDatabase ??= PostgresCluster.DatabaseForAsync(DatabasePath).GetAwaiter().GetResult();
            builder.UseSetting("Database:Provider", "postgres");
            builder.UseSetting("ConnectionStrings:ClaimTracker", postgresDatabase);
        }
        builder.UseSetting("Database:Seed", Seed);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Auth:BootstrapKey", AdminKey);
        builder.UseSetting("Web:RequestsPerMinute", "0");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        // Every response any test receives is checked against the committed OpenAPI document.
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ContractCheckStartup>());
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
    }

    /// <summary>A client that sends the given key, or none.</summary>
    public HttpClient CreateClient(string? key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = key is null ? null : new("Bearer", key);
        return client;
    }

    /// <summary>What starting the app with <paramref name="setting"/> set to <paramref name="value"/> throws.</summary>
    /// <remarks>
    /// When a start fails, WebApplicationFactory may read the host's services after the failed host disposed them, and
    /// throw ObjectDisposedException in place of the start's own exception (dotnet/aspnetcore#33494; seen in full runs):
    /// that answer says nothing about the setting, so the start is tried again, at most three times.
    /// </remarks>
    public static Exception StartRefusal(string setting, string value)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var factory = new ApiFactory { Settings = { [setting] = value } };
            var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            if (refused is not ObjectDisposedException || attempt == 3) return refused;
        }
    }

    /// <summary>A connection to the same database, for checking what a request did or did not store.</summary>
    public DbConnection OpenDatabase() => OpenDatabase(DatabasePath);

    /// <summary>A connection to the database of <paramref name="databasePath"/>, also after its host has stopped.</summary>
    public static DbConnection OpenDatabase(string databasePath)
    {
        DbConnection connection = TestEngine.IsPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(
                PostgresCluster.DatabaseForAsync(databasePath).GetAwaiter().GetResult()) { Pooling = false }.ToString())
            : new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (KeepDatabase) return;
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" }) File.Delete(DatabasePath + suffix);
        if (postgresDatabase is not null) PostgresCluster.DropDatabaseAsync(DatabasePath).GetAwaiter().GetResult();
        if (Directory.Exists(DatabasePath + ".imports")) Directory.Delete(DatabasePath + ".imports", recursive: true);
    }
}

/// <summary>The app on an empty database: migrated, not seeded.</summary>
public sealed class EmptyApiFactory : ApiFactory
{
    protected override string Seed => "none";
}
