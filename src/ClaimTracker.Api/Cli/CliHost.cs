using System.CommandLine;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Audit;
using ClaimTracker.Api.Auth;
using ClaimTracker.Api.ClaimReviews;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Documents;
using ClaimTracker.Api.Exports;
using ClaimTracker.Api.ImportJobs;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Seed;
using ClaimTracker.Api.Sources;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Cli;

/// <summary>
/// The services a command works with, configured as the server's are (appsettings.json, environment, then --db), and
/// writing through the same stores, so that the audit history and webhook events of a command's changes are the server's.
/// </summary>
public sealed class CliHost : IDisposable
{
    private readonly IHost host;

    /// <summary>The SQLite file (Database:Path); on PostgreSQL, what the commands that take files guard against.</summary>
    public string DatabasePath { get; }

    /// <summary>Whether the database is a PostgreSQL one (Database:Provider), named by ConnectionStrings:ClaimTracker.</summary>
    public bool IsPostgres { get; }

    /// <summary>The database as messages name it: the SQLite file, or PostgreSQL's database and server (no password).</summary>
    public string DatabaseName { get; }

    public IServiceProvider Services => host.Services;

    private CliHost(IHost host, IConfiguration configuration)
    {
        this.host = host;
        var options = Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        DatabasePath = Path.GetFullPath(options.Path);
        IsPostgres = options.IsPostgres;
        DatabaseName = IsPostgres ? PostgresName(configuration) : DatabasePath;
    }

    private static string PostgresName(IConfiguration configuration)
    {
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(
            configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));
        return $"PostgreSQL database {settings.Database} on {settings.Host}:{settings.Port}";
    }

    /// <summary>
    /// Refuses a command that works on the SQLite file itself; on PostgreSQL the server's own tools do that job.
    /// </summary>
    public void RefuseOnPostgres(string command, string instead)
    {
        if (IsPostgres) throw new CliException($"'{command}' copies a SQLite file; on PostgreSQL use {instead}.");
    }

    /// <summary>
    /// The host for a command; with <paramref name="mustExist"/>, refuses a SQLite file that is not there yet (a
    /// PostgreSQL database is made by its server's administrator, and a missing one fails on connecting).
    /// </summary>
    public static CliHost Open(ParseResult command, bool mustExist)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        if (command.GetValue<string?>(AdminCommandLine.DatabaseOption) is { } path) builder.Configuration["Database:Path"] = path;
        builder.Logging.ClearProviders();
        builder.Services.AddDatabase(builder.Configuration);
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        builder.Services.AddOptions<ImportJobOptions>().BindConfiguration(ImportJobOptions.Section);
        foreach (var store in new[] { typeof(SourceStore), typeof(DocumentStore), typeof(ClaimStore), typeof(AttributionStore), typeof(ReviewStore),
                     typeof(AuditLog), typeof(WorkedExample), typeof(ApiKeyStore), typeof(NdjsonImport), typeof(NdjsonExport), typeof(ClaimReviewImporter),
                     typeof(ImportJobStore), typeof(ImportJobSpool), typeof(BulkRestore), typeof(ImportWriterCache),
                     typeof(ImportJobEngine) })
            builder.Services.AddSingleton(store);

        var cli = new CliHost(builder.Build(), builder.Configuration);
        if (mustExist && !cli.IsPostgres && !File.Exists(cli.DatabasePath))
        {
            cli.Dispose();
            throw new CliException($"No database at {cli.DatabasePath}. Create one with 'migrate', or name another with --db.");
        }
        return cli;
    }

    /// <summary>Brings the schema up to date, as the server does when it starts; returns how many migrations were applied.</summary>
    public Task<int> MigrateAsync() => Services.GetRequiredService<Migrator>().MigrateAsync();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public void Dispose()
    {
        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
