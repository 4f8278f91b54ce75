using System.Diagnostics;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Postgres;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// <c>pg-copy</c>: the same archive on PostgreSQL, for the engines side by side. It copies the rows of an imported SQLite
/// archive table by table (binary COPY) into an empty PostgreSQL database that the API's own migrations made, then has
/// PostgreSQL build its search index from them (claim_search_refresh, as the server's indexer does) and its planner
/// statistics. Like <c>load</c>'s generator this bypasses the API's write path, which on PostgreSQL imports a few hundred
/// lines a second: the read benchmarks need the data, not the import.
/// </summary>
public sealed class PostgresCopy : IBenchmark
{
    public string Name => "pg-copy";
    public string Description => "copy an imported SQLite archive into an empty PostgreSQL database (for routes --pg)";
    public string Usage => "--from FILE.db --pg CONNECTION-STRING";

    /// <summary>What the search index derives: built by PostgreSQL from the copied rows, not copied.</summary>
    private static readonly HashSet<string> Derived =
        ["schema_migrations", "search_pending", "embedding_pending", "claim_embeddings", "claim_search",
         "claim_search_totals", "claim_word_counts"];

    public async Task<int> RunAsync(Options options)
    {
        var (from, pg) = (options.String("from"), options.String("pg"));
        if (from is null || !File.Exists(from) || pg is null)
        {
            Console.Error.WriteLine($"pg-copy needs an archive and a database. {Usage}");
            return 2;
        }
        await using (var db = new PostgresDb(pg))
        {
            var applied = await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
            Console.WriteLine($"migrations applied: {applied}");
        }

        await using var sqlite = new SqliteConnection($"Data Source={from};Mode=ReadOnly;Pooling=False");
        await sqlite.OpenAsync();
        await using var target = new NpgsqlConnection(pg);
        await target.OpenAsync();
        if (await target.ExecuteScalarAsync<long>("SELECT count(*) FROM claims") > 0)
        {
            Console.Error.WriteLine("pg-copy copies into an empty database; this one holds claims.");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        // As a replica applies rows: no triggers (the audit rows and search notes are copied or rebuilt) and no foreign
        // key checks (the rows come from a consistent database).
        await target.ExecuteAsync("SET session_replication_role = replica");
        var tables = await CommonTablesAsync(sqlite, target);
        // What the migrations put there (retired_ids' rows); no foreign key is checked in this role.
        foreach (var table in tables) await target.ExecuteAsync($"DELETE FROM {table.Name}");
        foreach (var table in tables)
        {
            var rows = await CopyAsync(sqlite, target, table);
            Console.WriteLine($"  {table.Name}: {rows:N0} rows ({clock.Elapsed.TotalSeconds:0} s)");
        }
        await target.ExecuteAsync("SET session_replication_role = origin");
        await AdvanceSequencesAsync(target);
        await IndexForSearchAsync(target, clock);
        await using (var analyze = new NpgsqlCommand("ANALYZE", target) { CommandTimeout = 0 })
            await analyze.ExecuteNonQueryAsync();
        Console.WriteLine($"copied, indexed and analysed in {clock.Elapsed.TotalSeconds:0} s");
        return 0;
    }

    private sealed record Table(string Name, (string Name, string Type)[] Columns);

    /// <summary>
    /// The tables both engines have, with the columns both have, typed as PostgreSQL's (an archive imported by an
    /// earlier build lacks the newest columns, which the server's migrations would add empty).
    /// </summary>
    private static async Task<List<Table>> CommonTablesAsync(SqliteConnection sqlite, NpgsqlConnection target)
    {
        var inArchive = (await sqlite.QueryAsync<(string, string)>("""
            SELECT t.name, c.name FROM sqlite_schema t, pragma_table_info(t.name) c WHERE t.type = 'table'
            """)).ToHashSet();
        var columns = await target.QueryAsync<(string Table, string Column, string Type)>("""
            SELECT c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c
            JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
            ORDER BY c.table_name, c.ordinal_position
            """);
        return [.. columns.GroupBy(c => c.Table)
            .Where(t => !Derived.Contains(t.Key))
            .Select(t => new Table(t.Key, [.. t.Where(c => inArchive.Contains((t.Key, c.Column))).Select(c => (c.Column, c.Type))]))
            .Where(t => t.Columns.Length > 0)];
    }

    private static async Task<long> CopyAsync(SqliteConnection sqlite, NpgsqlConnection target, Table table)
    {
        var names = string.Join(", ", table.Columns.Select(c => c.Name));
        await using var writer = await target.BeginBinaryImportAsync(
            $"COPY {table.Name} ({names}) FROM STDIN (FORMAT BINARY)");
        await using var command = sqlite.CreateCommand();
        command.CommandText = $"SELECT {names} FROM {table.Name}";
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0;
        while (await reader.ReadAsync())
        {
            await writer.StartRowAsync();
            for (var i = 0; i < table.Columns.Length; i++)
            {
                if (reader.IsDBNull(i)) await writer.WriteNullAsync();
                else await WriteAsync(writer, reader, i, table.Columns[i].Type);
            }
            rows++;
        }
        await writer.CompleteAsync();
        return rows;
    }

    private static Task WriteAsync(NpgsqlBinaryImporter writer, SqliteDataReader reader, int i, string type) =>
        type switch
        {
            "bigint" => writer.WriteAsync(reader.GetInt64(i), NpgsqlDbType.Bigint),
            "integer" => writer.WriteAsync(reader.GetInt32(i), NpgsqlDbType.Integer),
            "boolean" => writer.WriteAsync(reader.GetInt64(i) != 0, NpgsqlDbType.Boolean),
            "double precision" => writer.WriteAsync(reader.GetDouble(i), NpgsqlDbType.Double),
            "bytea" => writer.WriteAsync((byte[])reader.GetValue(i), NpgsqlDbType.Bytea),
            "text" => writer.WriteAsync(reader.GetString(i), NpgsqlDbType.Text),
            _ => throw new NotSupportedException($"column type {type}"),
        };

    /// <summary>Identity columns (audit_log's id) continue after the copied rows, not from 1.</summary>
    private static async Task AdvanceSequencesAsync(NpgsqlConnection target)
    {
        var sequences = await target.QueryAsync<(string Table, string Column, string Sequence)>("""
            SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name)
            FROM information_schema.columns
            WHERE table_schema = 'public' AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL
            """);
        foreach (var (table, column, sequence) in sequences)
            await target.ExecuteAsync(
                $"SELECT setval(@Sequence, coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)", new { Sequence = sequence });
    }

    /// <summary>Every claim noted and refreshed in chunks, as the server's indexer would, with progress.</summary>
    private static async Task IndexForSearchAsync(NpgsqlConnection target, Stopwatch clock)
    {
        const int Chunk = 5_000;
        await target.ExecuteAsync("INSERT INTO search_pending (claim_id) SELECT id FROM claims ON CONFLICT DO NOTHING");
        var ids = (await target.QueryAsync<long>("SELECT claim_id FROM search_pending ORDER BY claim_id")).ToArray();
        for (var start = 0; start < ids.Length; start += Chunk)
        {
            await target.ExecuteAsync("SELECT claim_search_refresh(@Ids)", new { Ids = ids[start..Math.Min(ids.Length, start + Chunk)] },
                commandTimeout: 0);
            if (start / Chunk % 20 == 19)
                Console.WriteLine($"  search index: {Math.Min(ids.Length, start + Chunk):N0} of {ids.Length:N0} claims "
                    + $"({clock.Elapsed.TotalSeconds:0} s)");
        }
    }
}
