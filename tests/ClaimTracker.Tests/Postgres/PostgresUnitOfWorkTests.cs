using System.Diagnostics;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Postgres;
using ClaimTracker.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ClaimTracker.Tests.Postgres;

/// <summary>The unit of work on PostgreSQL: serializable units retried when they lose a race, cancellation on the server.</summary>
public sealed class PostgresUnitOfWorkTests : IAsyncLifetime
{
    private readonly string name = $"unit-of-work-{Guid.NewGuid():N}";
    private PostgresDb db = null!;

    public async Task InitializeAsync()
    {
        db = new PostgresDb(await PostgresCluster.DatabaseForAsync(name));
        await db.WriteAsync(WriteOrigin.System, (c, tx) => c.ExecuteAsync(
            "CREATE TABLE counters (id bigint PRIMARY KEY, n bigint NOT NULL, actor text); INSERT INTO counters VALUES (1, 0, NULL)",
            transaction: tx));
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await PostgresCluster.DropDatabaseAsync(name);
    }

    [PostgresFact]
    public async Task Concurrent_read_modify_write_units_lose_no_update()
    {
        // Each unit reads the count and writes it back plus one: without serializable units and retries, two units that
        // read the same count would store the same next value.
        const int units = 24;
        await Task.WhenAll(Enumerable.Range(0, units).Select(_ => Task.Run(() => db.WriteAsync<int>(WriteOrigin.System, async (c, tx) =>
        {
            var n = await c.ExecuteScalarAsync<long>("SELECT n FROM counters WHERE id = 1", transaction: tx);
            await Task.Delay(5);
            return await c.ExecuteAsync("UPDATE counters SET n = @Next WHERE id = 1", new { Next = n + 1 }, tx);
        }))));

        Assert.Equal(units, await db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT n FROM counters WHERE id = 1")));
    }

    [PostgresFact]
    public async Task A_unit_that_throws_leaves_nothing_and_a_unit_sees_its_origin()
    {
        await Assert.ThrowsAsync<InvalidTimeZoneException>(() => db.WriteAsync<int>(WriteOrigin.System, async (c, tx) =>
        {
            await c.ExecuteAsync("UPDATE counters SET n = 99 WHERE id = 1", transaction: tx);
            throw new InvalidTimeZoneException();
        }));
        Assert.Equal(0, await db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT n FROM counters WHERE id = 1")));

        await db.WriteAsync(new WriteOrigin("editor"), (c, tx) => c.ExecuteAsync(
            "UPDATE counters SET actor = @Actor WHERE id = 1", new { WriteUnit.Of(tx).Origin.Actor }, tx));
        Assert.Equal("editor", await db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT actor FROM counters")));
    }

    [PostgresFact]
    public async Task A_unit_cannot_start_another_and_reads_cannot_write()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.WriteAsync(WriteOrigin.System,
            (_, _) => db.WriteAsync(WriteOrigin.System, (_, _) => Task.FromResult(0))));

        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ReadAsync(c => c.ExecuteAsync("UPDATE counters SET n = 5")));
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);
    }

    [PostgresFact]
    public async Task A_cancelled_read_stops_its_statement_on_the_server()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            db.ReadAsync(c => c.ExecuteAsync("SELECT pg_sleep(60)"), cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"The read ran for {clock.Elapsed} after its cancellation.");
        Assert.Equal(0, await db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%' AND state = 'active'")));
    }

    [PostgresFact]
    public async Task Instances_migrating_at_once_apply_each_script_once()
    {
        var scripts = new[] { new Migrator.Script("0001_a", "CREATE TABLE a (id bigint PRIMARY KEY)", "a") };
        var database = await PostgresCluster.DatabaseForAsync(name);
        var engines = Enumerable.Range(0, 3).Select(_ => new PostgresDb(database)).ToList();

        var applied = await Task.WhenAll(engines.Select(engine =>
            Task.Run(() => new Migrator(engine, NullLogger<Migrator>.Instance).MigrateAsync(scripts))));

        Assert.Equal(1, applied.Sum());
        foreach (var engine in engines) await engine.DisposeAsync();
    }

    [PostgresFact]
    public async Task A_refused_unique_key_names_its_table_and_columns()
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.WriteAsync(WriteOrigin.System,
            (c, tx) => c.ExecuteAsync("INSERT INTO counters (id, n) VALUES (1, 0)", transaction: tx)));

        var constraint = db.Dialect.Refused(refused)!;
        Assert.Equal((ConstraintKind.Unique, "counters"), (constraint.Kind, constraint.Table));
        Assert.Equal(["id"], constraint.Columns!);
    }

    [PostgresFact]
    public async Task A_unit_counts_the_other_units_in_flight_as_waiting_writes_not_itself()
    {
        // Background upkeep goes on inside its unit while WritesWaiting is 0: counting its own unit stopped every
        // search re-indexing unit after its first step.
        var alone = await db.WriteAsync(WriteOrigin.System, (_, _) => Task.FromResult(db.WritesWaiting));

        var otherStarted = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var other = Task.Run(() => db.WriteAsync(WriteOrigin.System, async (_, _) =>
        {
            otherStarted.SetResult();
            await release.Task;
            return 0;
        }));
        await otherStarted.Task;
        var beside = await db.WriteAsync(WriteOrigin.System, (_, _) => Task.FromResult(db.WritesWaiting));
        var outside = db.WritesWaiting;
        release.SetResult();
        await other;

        Assert.Equal((0, 1, 1), (alone, beside, outside));
    }
}
