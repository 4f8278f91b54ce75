using ClaimTracker.Api.Auth;
using ClaimTracker.Api.OpenApi;
using ClaimTracker.Api.Seed;
using ClaimTracker.Api.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Data;

public static class DatabaseSetup
{
    public static IServiceCollection AddDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Migrator>();
        AddSqlite(services);
        return services;
    }

    private static void AddSqlite(IServiceCollection services)
    {
        services.AddSingleton<SqliteDb>();
        services.AddSingleton<Db>(provider => provider.GetRequiredService<SqliteDb>());
        services.AddSingleton<PlannerStatistics>();
        services.AddSingleton<IPlannerStatistics>(provider => provider.GetRequiredService<PlannerStatistics>());
        // The build writes openapi/ by running the app without serving; the database stays untouched then.
        if (OpenApiSetup.IsGeneratingDocument) return;
        services.AddHostedService<ServerLock.Holder>();
        services.AddHostedService<DatabaseStartup>();
        // After DatabaseStartup: its first refresh covers the migrations just applied and a restored file.
        services.AddHostedService(provider => provider.GetRequiredService<PlannerStatistics>());
    }

    /// <summary>
    /// Brings the database up to date before the server accepts requests (hosted services start first),
    /// makes sure an admin key exists, then seeds an empty database with the worked example unless told not to.
    /// </summary>
    private sealed class DatabaseStartup(Db db, Migrator migrator, BootstrapKey bootstrapKey, WorkedExample workedExample,
        IOptions<DatabaseOptions> options) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await db.StartAsync(cancellationToken);
            await migrator.MigrateAsync(cancellationToken);
            await bootstrapKey.EnsureAsync();
            if (options.Value.Seed == "worked-example") await workedExample.SeedIfEmptyAsync();
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
