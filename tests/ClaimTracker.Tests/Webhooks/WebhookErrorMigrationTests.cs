using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Tests.Webhooks;

/// <summary>db/0016 keeps only "HTTP &lt;status&gt;" of what tries stored of receivers' answers before issue 16.</summary>
public sealed class WebhookErrorMigrationTests
{
    [Fact]
    public async Task Receivers_bodies_stored_before_0016_are_cut_to_the_status()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ct-0016-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new SqliteDb(Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { Path = path }));
            var migrator = new Migrator(db, Microsoft.Extensions.Logging.Abstractions.NullLogger<Migrator>.Instance);
            await migrator.MigrateAsync(Migrator.ScriptsOf(SqlDialect.Sqlite).TakeWhile(s => string.CompareOrdinal(s.Version, "0016") < 0).ToList());
            // Rows as an older server stored them, written around the writer (readers are read-only).
            await using (var c = await db.OpenForSchemaAsync())
            {
                await c.ExecuteAsync("""
                    INSERT INTO webhooks (id, url, events, enabled, disabled_reason, secret, created_at, updated_at)
                    VALUES (1, 'https://hooks.example.net/h', '["*"]', 0,
                            'Disabled at x after 5 deliveries in a row failed; the last: HTTP 500 Oops: password=hunter2', 's', 'x', 'x');
                    INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_type, resource_id, payload, created_at, state)
                    VALUES (1, 1, 'msg_1', 'claim.created', 'clm_1', '{}', 'x', 'failed');
                    INSERT INTO webhook_attempts (delivery_id, attempted_at, duration_ms, response_status, error, succeeded) VALUES
                        (1, 'x', 5, 500, 'HTTP 500 Oops: Traceback password=hunter2', 0),
                        (1, 'x', 5, 502, 'HTTP 502', 0),
                        (1, 'x', 5, NULL, 'Connection failed: Connection refused (hooks.example.net:443)', 0);
                    """);
            }

            await migrator.MigrateAsync();

            await using var check = await db.OpenAsync();
            Assert.Equal(["HTTP 500", "HTTP 502", "Connection failed: Connection refused (hooks.example.net:443)"],
                await check.QueryAsync<string>("SELECT error FROM webhook_attempts ORDER BY id"));
            Assert.Equal("Disabled at x after 5 deliveries in a row failed; the last: HTTP 500",
                await check.ExecuteScalarAsync<string>("SELECT disabled_reason FROM webhooks"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }
}
