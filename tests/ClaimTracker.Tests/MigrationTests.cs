using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Sqlite;
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
        Assert.Equal(Migrator.ScriptsOf(SqlDialect.Sqlite).Select(s => s.Version), journal);
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
        Assert.Equal(Migrator.ScriptsOf(SqlDialect.Sqlite).Count, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
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

        await Assert.ThrowsAsync<SqliteException>(() => migrator.MigrateAsync([.. Migrator.ScriptsOf(SqlDialect.Sqlite), broken]));

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
        var edited = Migrator.ScriptsOf(SqlDialect.Sqlite)[0] with { Checksum = "edited" };

        await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync([edited]));
    }

    [Fact]
    public async Task Review_urls_shared_before_0003_stay_on_the_oldest_review_and_the_later_ones_get_a_fragment()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ct-0003-{Guid.NewGuid():N}.db");
        await using var db = new SqliteDb(Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { Path = path }));
        var migrator = new Migrator(db, Microsoft.Extensions.Logging.Abstractions.NullLogger<Migrator>.Instance);
        var before0003 = Migrator.ScriptsOf(SqlDialect.Sqlite).TakeWhile(s => s.Version != "0003_interop").ToList();
        await migrator.MigrateAsync(before0003);
        await using (var c = await db.OpenForSchemaAsync())
        {
            await c.ExecuteAsync("INSERT INTO claims (id, text, created_at, updated_at) VALUES (1, 'A claim', 'x', 'x')");
            // 3,000 reviews, each URL shared by three of them, one without a URL.
            await c.ExecuteAsync("""
                WITH RECURSIVE n (value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 3000)
                INSERT INTO reviews (id, claim_id, rating, rating_value, url, created_at, updated_at)
                SELECT value, 1, 'false', 1, CASE WHEN value = 3000 THEN NULL ELSE 'https://fc.example/' || (value % 1000) END, 'x', 'x' FROM n
                """);
        }

        await migrator.MigrateAsync();

        await using var check = await db.OpenAsync();
        Assert.Equal("https://fc.example/1", await check.ExecuteScalarAsync<string>("SELECT url FROM reviews WHERE id = 1"));
        Assert.Equal("https://fc.example/1#rev_1001", await check.ExecuteScalarAsync<string>("SELECT url FROM reviews WHERE id = 1001"));
        Assert.Equal("https://fc.example/0#rev_2000", await check.ExecuteScalarAsync<string>("SELECT url FROM reviews WHERE id = 2000"));
        Assert.Null(await check.ExecuteScalarAsync<string>("SELECT url FROM reviews WHERE id = 3000"));
        Assert.Equal(1999, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM reviews WHERE url LIKE '%#rev_%'"));
    }

    [Fact]
    public async Task A_database_that_applied_an_earlier_wording_of_0003_is_current()
    {
        using var factory = new EmptyApiFactory();
        factory.CreateClient();
        using (var db = factory.OpenDatabase())
            await db.ExecuteAsync("UPDATE schema_migrations SET checksum = '950c7037ba6a9095ac5ef217878d4add4b99ec0d0e16ef9b165fb617661b9ad3' WHERE version = '0003_interop'");

        Assert.Equal(0, await factory.Services.GetRequiredService<Migrator>().MigrateAsync());
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

    [Fact]
    public async Task SQLite_memory_is_bounded_for_the_process_by_the_configured_budget()
    {
        using var factory = new EmptyApiFactory();
        factory.CreateClient();
        await using var connection = await factory.Services.GetRequiredService<Db>().OpenAsync();

        Assert.Equal(96L * 1024 * 1024, await connection.ExecuteScalarAsync<long>("PRAGMA soft_heap_limit"));
    }
}
