using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// Writes rows through prepared INSERT statements that are bound anew for every row and never
/// re-parsed, inside large transactions (a commit every <see cref="RowsPerTransaction"/> rows), and
/// counts rows per table. Rows are bound and stepped through SQLitePCLRaw on the connection's own
/// handle: Microsoft.Data.Sqlite's per-execution reader, parameter inference and UTF-8 copies cost
/// more than SQLite's own append for rows this small.
/// </summary>
public sealed class BulkWriter(SqliteConnection connection) : IDisposable
{
    private readonly SqliteConnection connection = connection;
    private const int RowsPerTransaction = 250_000;
    private readonly Dictionary<string, Insert> inserts = [];
    private SqliteTransaction? transaction;
    private int pending;

    public Dictionary<string, long> Rows =>
        inserts.Values.GroupBy(i => i.Table).ToDictionary(g => g.Key, g => g.Sum(i => i.Count));

    /// <summary>Time spent inside SQLite, to tell generating from writing.</summary>
    public long SqliteTicks { get; private set; }

    /// <summary>One prepared statement: <c>INSERT INTO table (columns) VALUES (?, ?, …)</c>.</summary>
    public sealed class Insert
    {
        private readonly BulkWriter writer;
        private readonly sqlite3_stmt statement;
        private readonly int columns;

        public string Table { get; }
        public long Count { get; private set; }
        public long SqliteTicks { get; private set; }

        internal Insert(BulkWriter writer, string table, string[] columns)
        {
            this.writer = writer;
            Table = table;
            this.columns = columns.Length;
            var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
            Check(raw.sqlite3_prepare_v2(writer.connection.Handle, sql, out statement));
        }

        public void Row(params object?[] values)
        {
            if (values.Length != columns) throw new ArgumentException($"{Table}: {values.Length} values for {columns} columns");
            writer.EnsureTransaction();
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < values.Length; i++)
            {
                var rc = values[i] switch
                {
                    null => raw.sqlite3_bind_null(statement, i + 1),
                    string s => raw.sqlite3_bind_text16(statement, i + 1, s),
                    int n => raw.sqlite3_bind_int64(statement, i + 1, n),
                    long n => raw.sqlite3_bind_int64(statement, i + 1, n),
                    double d => raw.sqlite3_bind_double(statement, i + 1, d),
                    var other => throw new ArgumentException($"{Table}: cannot bind a {other.GetType().Name}"),
                };
                Check(rc);
            }
            var step = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (step != raw.SQLITE_DONE) Check(step);
            var spent = Stopwatch.GetTimestamp() - started;
            SqliteTicks += spent;
            writer.SqliteTicks += spent;
            Count++;
            writer.Committed();
        }

        private void Check(int rc)
        {
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, writer.connection.Handle);
        }

        internal void Dispose() => statement.Dispose();
    }

    public Insert Into(string table, params string[] columns)
    {
        var key = table + ":" + string.Join(",", columns);
        if (!inserts.TryGetValue(key, out var insert)) inserts[key] = insert = new Insert(this, table, columns);
        return insert;
    }

    public long Total => inserts.Values.Sum(i => i.Count);

    /// <summary>Seconds inside SQLite per table so far.</summary>
    public Dictionary<string, double> SqliteSeconds =>
        inserts.Values.GroupBy(i => i.Table).ToDictionary(g => g.Key, g => Stopwatch.GetElapsedTime(0, g.Sum(i => i.SqliteTicks)).TotalSeconds);

    private void EnsureTransaction() => transaction ??= connection.BeginTransaction();

    private void Committed()
    {
        if (++pending < RowsPerTransaction) return;
        Commit();
    }

    public void Commit()
    {
        transaction?.Commit();
        transaction?.Dispose();
        transaction = null;
        pending = 0;
    }

    public void Dispose()
    {
        Commit();
        foreach (var insert in inserts.Values) insert.Dispose();
    }
}
