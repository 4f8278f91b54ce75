using ClaimTracker.Api.Auth;
using ClaimTracker.Api.OpenApi;
using ClaimTracker.Api.Seed;
using ClaimTracker.Api.Data.Postgres;
using ClaimTracker.Api.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Data;

public static class DatabaseSetup
{
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Migrator>();
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        if (options.IsPostgres) AddPostgres(services, configuration);
        else AddSqlite(services);
        return services;
    }

    private static void AddPostgres(IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                ["Database:Provider 'postgres' needs ConnectionStrings:ClaimTracker."]);
        services.AddSingleton<Db>(_ => new PostgresDb(connectionString));
        services.AddSingleton<IPlannerStatistics, PostgresStatistics>();
        if (!OpenApiSetup.IsGeneratingDocument) services.AddHostedService<DatabaseStartup>();
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
            // One instance at a time: several started together on an empty database make one key and seed it once.
            await using (await db.LockForMigrationsAsync(cancellationToken))
            {
                await bootstrapKey.EnsureAsync();
                if (options.Value.Seed == "worked-example") await workedExample.SeedIfEmptyAsync();
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
