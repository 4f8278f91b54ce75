using System.Data;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Search;
using Dapper;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.ImportJobs;

/// <summary>
/// The fast path of an import job into a SQLite database that holds no records yet (a restore). Each line still goes
/// through the stores' own inserts, checks, savepoint and history entry; what changes is the work done per line that
/// can be done once at the end: the secondary (non-unique) indexes of the tables the load fills are dropped for it and
/// created again afterwards from their own definitions, sorted in one pass instead of updated at random places line by
/// line, and the search index is built for every claim at once instead of claim by claim by the background indexer.
/// Unique indexes, keys and foreign keys stay, so every constraint is checked as each line lands.
/// </summary>
/// <remarks>
/// The definitions are kept in deferred_indexes (db/sqlite/0022) in the unit that drops the indexes, so a crash leaves
/// them listed: the job resumes in the same mode, and its end, however it ends (done, cancelled, failed), puts them
/// back. Until then reads are right but slower; the database is being restored.
/// </remarks>
public sealed class BulkRestore(Db db, IOptions<ImportJobOptions> options, ILogger<BulkRestore> logger)
{
    /// <summary>The tables an NDJSON import fills, with the history and the notes it writes beside them.</summary>
    private static readonly string[] LoadedTables =
    [
        "sources", "source_aliases", "documents", "claims", "claim_topics", "attributions", "attribution_via",
        "reviews", "audit_log",
    ];

    private const string AnyRecord = """
        SELECT EXISTS (SELECT 1 FROM sources) OR EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM claims)
            OR EXISTS (SELECT 1 FROM attributions) OR EXISTS (SELECT 1 FROM reviews)
        """;

    /// <summary>
    /// Starts a restore's load: true when the indexes are deferred (now, the database holding no records, or by an
    /// earlier run of a restore that did not finish), false for an ordinary import.
    /// </summary>
    public async Task<bool> BeginAsync()
    {
        if (!options.Value.BulkRestore || db.Dialect != SqlDialect.Sqlite) return false;
        var deferred = await db.WriteAsync(WriteOrigin.System, async (c, tx) =>
        {
            if (await DeferredAsync(c, tx)) return -1;
            if (await c.ExecuteScalarAsync<bool>(AnyRecord, transaction: tx)) return 0;
            var indexes = (await c.QueryAsync<(string Name, string Sql)>("""
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %'
                  AND tbl_name IN (SELECT value FROM json_each(@Tables))
                ORDER BY rowid
                """, new { Tables = System.Text.Json.JsonSerializer.Serialize(LoadedTables) }, tx)).ToList();
            foreach (var (name, sql) in indexes)
            {
                await c.ExecuteAsync("INSERT INTO deferred_indexes (name, sql) VALUES (@Name, @Sql)",
                    new { Name = name, Sql = sql }, tx);
                await c.ExecuteAsync($"DROP INDEX \"{name}\"", transaction: tx);
            }
            return indexes.Count;
        });
        if (deferred > 0)
            logger.LogInformation("Restoring into an empty database: {Count} indexes deferred to the load's end.", deferred);
        return deferred != 0;
    }

    /// <summary>
    /// Ends a restore's load: creates the deferred indexes again, then builds the search index of every claim noted for
    /// it. Does nothing when nothing is deferred, so every end of a job may call it.
    /// </summary>
    public async Task FinishAsync()
    {
        if (db.Dialect != SqlDialect.Sqlite) return;
        var created = await db.WriteAsync(WriteOrigin.System, async (c, tx) =>
        {
            var indexes = (await c.QueryAsync<(string Name, string Sql)>(
                "SELECT name, sql FROM deferred_indexes ORDER BY rowid", transaction: tx)).ToList();
            foreach (var (name, sql) in indexes)
            {
                await c.ExecuteAsync(sql, transaction: tx, commandTimeout: 0);
                await c.ExecuteAsync("DELETE FROM deferred_indexes WHERE name = @Name", new { Name = name }, tx);
            }
            // The search build reads attributions by claim: after the indexes, in the same unit.
            if (indexes.Count > 0) await Fts5Search.BuildPendingInBulkAsync(c, tx);
            return indexes.Count;
        });
        if (created > 0)
            logger.LogInformation("Restore finished: {Count} indexes created and the search index built.", created);
    }

    private static Task<bool> DeferredAsync(IDbConnection c, IDbTransaction tx) =>
        c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM deferred_indexes)", transaction: tx);
}
