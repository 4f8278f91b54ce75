using System.CommandLine;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Seed;
using Dapper;

namespace ClaimTracker.Api.Cli;

/// <summary><c>migrate</c> and <c>seed</c>: what the server does at start, on demand.</summary>
public static class DatabaseCommands
{
    public static Command Migrate()
    {
        var command = new Command("migrate", "Create the database if needed and apply the migrations of db/ it lacks, each once. Safe while the server runs.");
        command.SetAction(async (result, _) =>
        {
            using var cli = CliHost.Open(result, mustExist: false);
            var applied = await cli.MigrateAsync();
            var output = result.InvocationConfiguration.Output;
            await output.WriteLineAsync(applied == 0
                ? $"{cli.DatabaseName} is up to date ({cli.Get<Migrator>().Scripts[^1].Version})."
                : $"Applied {applied} migration(s) to {cli.DatabaseName}; it is at {cli.Get<Migrator>().Scripts[^1].Version}.");
            return AdminCommandLine.Done;
        });
        return command;
    }

    public static Command Seed()
    {
        var command = new Command("seed", "Migrate, then load the worked example (the AFP dispatch of 19 November 2024) into an empty database. "
            + "A database that already holds sources, documents or claims is left as it is.");
        command.SetAction(async (result, _) =>
        {
            using var cli = CliHost.Open(result, mustExist: false);
            await cli.MigrateAsync();
            var output = result.InvocationConfiguration.Output;
            var db = cli.Get<Db>();
            var rows = await db.ReadAsync(c => c.ExecuteScalarAsync<long>(
                "SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM documents) + (SELECT count(*) FROM claims)"));
            if (rows > 0)
            {
                await output.WriteLineAsync($"{cli.DatabaseName} already holds data ({rows} sources, documents and claims); nothing seeded.");
                return AdminCommandLine.Done;
            }
            await cli.Get<WorkedExample>().SeedIfEmptyAsync();
            var claims = await db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT count(*) FROM claims"));
            await output.WriteLineAsync($"Seeded {cli.DatabaseName} with the worked example: {claims} claims.");
            return AdminCommandLine.Done;
        });
        return command;
    }
}
