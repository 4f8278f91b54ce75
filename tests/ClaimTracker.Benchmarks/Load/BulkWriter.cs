using Microsoft.Data.Sqlite;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// Writes rows through prepared INSERT statements that are bound anew for every row and never
/// re-parsed, inside large transactions (a commit every <see cref="RowsPerTransaction"/> rows), and
/// counts rows per table.
/// </summary>
public sealed class BulkWriter(SqliteConnection connection) : IDisposable
{
    private readonly SqliteConnection connection = connection;
    private const int RowsPerTransaction = 250_000;
    private readonly Dictionary<string, Insert> inserts = [];
    private SqliteTransaction? transaction;
    private int pending;

    public Dictionary<string, long> Rows { get; } = [];

    /// <summary>Time spent inside SQLite, to tell generating from writing.</summary>
    public long SqliteTicks { get; internal set; }

    /// <summary>One prepared statement: <c>INSERT INTO table (columns) VALUES ($0, $1, …)</c>.</summary>
    public sealed class Insert
    {
        private readonly BulkWriter writer;
        private readonly string table;
        private readonly SqliteCommand command;
        private readonly SqliteParameter[] parameters;

        internal Insert(BulkWriter writer, string table, string[] columns)
        {
            this.writer = writer;
            this.table = table;
            command = writer.connection.CreateCommand();
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$" + i))})";
            parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$" + i, null))).ToArray();
        }

        public void Row(params object?[] values)
        {
            writer.EnsureTransaction();
            command.Transaction = writer.transaction;
            for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            command.ExecuteNonQuery();
            writer.SqliteTicks += System.Diagnostics.Stopwatch.GetTimestamp() - started;
            writer.Rows[table] = writer.Rows.GetValueOrDefault(table) + 1;
            writer.Committed();
        }

        internal void Dispose() => command.Dispose();
    }

    public Insert Into(string table, params string[] columns)
    {
        var key = table + ":" + string.Join(",", columns);
        if (!inserts.TryGetValue(key, out var insert)) inserts[key] = insert = new Insert(this, table, columns);
        return insert;
    }

    public long Total => Rows.Values.Sum();

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
