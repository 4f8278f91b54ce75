using System.Diagnostics;
using System.Net;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Tests.Postgres;
using Dapper;
using Npgsql;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Hardening;

/// <summary>
/// Web:RequestTimeoutSeconds reaches the database: a slow read is interrupted inside SQLite (cancelled on the server on
/// PostgreSQL), a slow write stops and rolls back, and both answer a 504 problem. The slowness is made in SQL, beside
/// the schema.
/// </summary>
public sealed class RequestTimeoutTests(ITestOutputHelper output)
{
    private static ApiFactory TimingOutAfterOneSecond() => new() { Settings = { ["Web:RequestTimeoutSeconds"] = "1" } };

    /// <summary>A table of <paramref name="rows"/> numbers: a three-way join of it is as slow as needed.</summary>
    private static async Task NumbersAsync(ApiFactory factory, int rows)
    {
        using var db = factory.OpenDatabase();
        await db.ExecuteAsync($"""
            CREATE TABLE slow_numbers (n INTEGER);
            WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < {rows})
            INSERT INTO slow_numbers SELECT n FROM r;
            """);
    }

    [Fact]
    public async Task A_read_slower_than_the_request_timeout_is_interrupted_inside_SQLite_and_answers_a_504_problem()
    {
        using var factory = TimingOutAfterOneSecond();
        var client = factory.CreateClient();
        await NumbersAsync(factory, 1000);
        using (var db = factory.OpenDatabase())
        {
            // Reading sources now counts a billion rows first: most of a minute of work in one statement.
            await db.ExecuteAsync("""
                ALTER TABLE sources RENAME TO sources_stored;
                CREATE VIEW sources AS SELECT s.* FROM sources_stored s
                WHERE (SELECT count(*) FROM slow_numbers a, slow_numbers b, slow_numbers c) > 0;
                """);
        }

        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync("/api/v1/sources/kcna");

        output.WriteLine($"answered {(int)response.StatusCode} after {clock.Elapsed.TotalSeconds:F1} s");
        var problem = await response.AssertProblemAsync(HttpStatusCode.GatewayTimeout);
        Assert.EndsWith("/timeout", problem["type"]!.GetValue<string>());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"answered after {clock.Elapsed}: the statement ran on");
    }

    [Fact]
    public async Task A_write_slower_than_the_request_timeout_answers_a_504_problem_and_stores_nothing_of_it()
    {
        using var factory = TimingOutAfterOneSecond();
        var client = factory.CreateClient();
        await NumbersAsync(factory, 800);
        using var db = factory.OpenDatabase();
        // Each new claim first counts 512 million rows into a log: seconds of work inside the claim's insert even on an
        // idle machine, where 64 million took 0.9 s and the claim was stored before the timeout.
        await db.ExecuteAsync(TestEngine.IsPostgres
            ? """
              CREATE TABLE slow_log (rows bigint);
              CREATE FUNCTION slow_claim() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                  INSERT INTO slow_log SELECT count(*) FROM slow_numbers a, slow_numbers b, slow_numbers c;
                  RETURN NULL;
              END $$;
              CREATE TRIGGER slow_claim AFTER INSERT ON claims FOR EACH ROW EXECUTE FUNCTION slow_claim();
              """
            : """
              CREATE TABLE slow_log (rows INTEGER);
              CREATE TRIGGER slow_claim AFTER INSERT ON claims BEGIN
                  INSERT INTO slow_log SELECT count(*) FROM slow_numbers a, slow_numbers b, slow_numbers c;
              END;
              """);
        var before = await db.QuerySingleAsync<(long Claims, long Audit)>(
            "SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM audit_log)");

        var clock = Stopwatch.StartNew();
        var response = await client.PostJsonAsync("/api/v1/claims",
            new { text = "A claim that takes too long to store", language = "en" });
        output.WriteLine($"answered {(int)response.StatusCode} after {clock.Elapsed.TotalSeconds:F1} s");

        var problem = await response.AssertProblemAsync(HttpStatusCode.GatewayTimeout);
        Assert.EndsWith("/timeout", problem["type"]!.GetValue<string>());
        var after = await db.QuerySingleAsync<(long Claims, long Audit)>(
            "SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM audit_log)");
        Assert.Equal(before, after);
        Assert.Equal(0L, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM slow_log"));
    }

    [PostgresFact]
    public async Task A_statement_past_PostgreSQLs_command_timeout_answers_a_504_problem_not_a_500()
    {
        var path = Path.Combine(Path.GetTempPath(), "claimtracker-tests", $"{Guid.NewGuid():N}.db");
        var database = await PostgresCluster.DatabaseForAsync(path);
        var timingOut = new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 1 }.ToString();
        using var factory = new ApiFactory
        {
            DatabasePath = path, OnPostgres = true, Settings = { ["ConnectionStrings:ClaimTracker"] = timingOut },
        };
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sources/kcna")).StatusCode);

        // A lock held elsewhere keeps the read waiting past Npgsql's command timeout, well within the request's own.
        await using var locker = new NpgsqlConnection(database);
        await locker.OpenAsync();
        await using var tx = await locker.BeginTransactionAsync();
        await locker.ExecuteAsync("LOCK TABLE sources IN ACCESS EXCLUSIVE MODE", transaction: tx);
        var response = await client.GetAsync("/api/v1/sources/kcna");

        var problem = await response.AssertProblemAsync(HttpStatusCode.GatewayTimeout);
        Assert.EndsWith("/timeout", problem["type"]!.GetValue<string>());
        Assert.Contains("database statement", problem["detail"]!.GetValue<string>());
    }
}
