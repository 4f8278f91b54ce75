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

    public string DatabasePath { get; }

    public IServiceProvider Services => host.Services;

    private CliHost(IHost host)
    {
        this.host = host;
        DatabasePath = Path.GetFullPath(Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Path);
    }

    /// <summary>The host for a command; with <paramref name="mustExist"/>, refuses a database file that is not there yet.</summary>
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
                     typeof(ImportJobStore), typeof(ImportJobSpool), typeof(ImportJobEngine) })
            builder.Services.AddSingleton(store);

        var cli = new CliHost(builder.Build());
        if (mustExist && !File.Exists(cli.DatabasePath))
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
