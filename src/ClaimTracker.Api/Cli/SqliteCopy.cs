using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ClaimTracker.Api.Cli;

/// <summary>
/// Copies a live SQLite database with SQLite's online backup API. <c>SqliteConnection.BackupDatabase</c> runs the
/// backup in a single step with no word of progress, so this drives the same API (sqlite3_backup_*) step by step
/// on the connection's handle. A read transaction held on the source for the whole copy pins one WAL snapshot: the
/// copy is consistent as of its start, the server keeps writing meanwhile, and the backup never restarts.
/// </summary>
public static class SqliteCopy
{
    private const int PagesPerStep = 128;

    public sealed record Result(long Pages, long Bytes, string? SchemaVersion);

    /// <summary>
    /// Copies <paramref name="source"/> into a new file at <paramref name="target"/>, written beside it and moved into place
    /// only once complete and checked, so that no half-written copy is ever left under the target's name.
    /// </summary>
    public static async Task<Result> CopyAsync(string source, string target, bool overwrite, Action<long, long>? progress, CancellationToken cancellationToken)
    {
        var temporary = $"{target}.{Guid.NewGuid():N}.partial";
        try
        {
            long pages;
            using (var from = Open(source, SqliteOpenMode.ReadWrite))
            using (var to = Open(temporary, SqliteOpenMode.ReadWriteCreate))
            {
                using var snapshot = from.BeginTransaction(deferred: true);
                await from.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_schema", transaction: snapshot); // starts the read
                pages = Step(from, to, progress, cancellationToken);
                snapshot.Rollback();
                // A backup is one self-contained file: no -wal beside it to lose. The server switches back to WAL when it opens it.
                await to.ExecuteAsync("PRAGMA journal_mode = DELETE;");
                var check = await to.ExecuteScalarAsync<string>("PRAGMA quick_check;");
                if (check != "ok") throw new CliException($"The copy failed its integrity check: {check}");
            }
            var version = await SchemaVersionAsync(temporary);
            File.Move(temporary, target, overwrite);
            return new Result(pages, new FileInfo(target).Length, version);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" }) File.Delete(temporary + suffix);
        }
    }

    /// <summary>The last migration recorded in a database file, or null when it has no journal (not a ClaimTracker database).</summary>
    public static async Task<string?> SchemaVersionAsync(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        var journal = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migrations'");
        return journal == 0 ? null : await connection.ExecuteScalarAsync<string?>("SELECT max(version) FROM schema_migrations");
    }

    public static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static long Step(SqliteConnection from, SqliteConnection to, Action<long, long>? progress, CancellationToken cancellationToken)
    {
        var backup = raw.sqlite3_backup_init(to.Handle, "main", from.Handle, "main")
            ?? throw new CliException($"The backup could not start: {raw.sqlite3_errmsg(to.Handle).utf8_to_string()}");
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rc = raw.sqlite3_backup_step(backup, PagesPerStep);
                var total = raw.sqlite3_backup_pagecount(backup);
                progress?.Invoke(total - raw.sqlite3_backup_remaining(backup), total);
                if (rc == raw.SQLITE_DONE) return total;
                if (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED) Thread.Sleep(20);
                else if (rc != raw.SQLITE_OK) throw new SqliteException($"The backup failed: {raw.sqlite3_errstr(rc).utf8_to_string()}", rc);
            }
        }
        finally
        {
            raw.sqlite3_backup_finish(backup);
        }
    }
}
