using ClaimTracker.Api.Seed;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Data;

/// <summary>
/// Brings the database up to date before the server accepts requests (hosted services start
/// first), then seeds an empty database with the worked example unless told not to.
/// </summary>
public sealed class DatabaseStartup(Migrator migrator, WorkedExample workedExample, IOptions<DatabaseOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        if (options.Value.Seed == "worked-example") await workedExample.SeedIfEmptyAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
