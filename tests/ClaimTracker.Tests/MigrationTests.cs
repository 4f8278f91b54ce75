using ClaimTracker.Api.Data;
using ClaimTracker.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_in_WAL_with_strict_tables_and_are_journaled()
    {
        using var factory = new EmptyApiFactory();
        factory.CreateClient();

        using var db = factory.OpenDatabase();
        var journal = (await db.QueryAsync<string>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(Migrator.Scripts.Select(s => s.Version), journal);
        Assert.Equal("wal", await db.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        var tables = await db.QueryAsync<(string Name, long Strict)>("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'");
        Assert.All(tables, t => Assert.True(t.Strict == 1, $"{t.Name} is not STRICT"));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM claims"));
    }

    [Fact]
    public async Task A_restart_applies_nothing_and_keeps_the_data()
    {
        using var first = new ApiFactory();
        first.CreateClient();
        var path = first.DatabasePath;
        var migrator = first.Services.GetRequiredService<Migrator>();

        Assert.Equal(0, await migrator.MigrateAsync());
        using var db = first.OpenDatabase();
        Assert.Equal(Migrator.Scripts.Count, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(10, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM claims"));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task A_failing_migration_leaves_the_database_as_it_was()
    {
        using var factory = new EmptyApiFactory();
        factory.CreateClient();
        var migrator = factory.Services.GetRequiredService<Migrator>();
        var broken = new Migrator.Script("9999_broken", "CREATE TABLE half_done (id INTEGER) STRICT; INSERT INTO no_such_table VALUES (1);", "x");

        await Assert.ThrowsAsync<SqliteException>(() => migrator.MigrateAsync([.. Migrator.Scripts, broken]));

        using var db = factory.OpenDatabase();
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'"));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_migrations WHERE version = '9999_broken'"));
    }

    [Fact]
    public async Task A_migration_changed_after_it_was_applied_stops_the_start()
    {
        using var factory = new EmptyApiFactory();
        factory.CreateClient();
        var migrator = factory.Services.GetRequiredService<Migrator>();
        var edited = Migrator.Scripts[0] with { Checksum = "edited" };

        await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync([edited]));
    }

    [Fact]
    public async Task Foreign_keys_are_enforced_on_the_service_connections()
    {
        using var factory = new EmptyApiFactory();
        factory.CreateClient();
        await using var connection = await factory.Services.GetRequiredService<Db>().OpenAsync();

        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"));
    }
}
