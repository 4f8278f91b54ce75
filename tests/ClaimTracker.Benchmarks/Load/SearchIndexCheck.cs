using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// The search indexes of db/0002_search.sql built in bulk, and the proof that they equal what the
/// per-row triggers would have written: both read the same view, claim_search_content.
/// </summary>
public static class SearchIndexCheck
{
    private sealed record Row(long ClaimId, string Text, string Quotes, string Sources);

    public static void BuildInBulk(SqliteConnection connection)
    {
        // db/0010 leaves most merging to the server's idle time; a bulk build merges as it goes, with FTS5's defaults, so the
        // server does not start on an index it must spend minutes merging. The two leave the same shape: under 4 segments a level.
        var settings = Settings(connection);
        SetMerging(connection, automerge: 4, crisismerge: 16);
        // The view is computed once per claim and fed to both indexes in rowid order, which FTS5 appends fastest.
        connection.Execute("""
            CREATE TEMP TABLE bulk_search AS SELECT claim_id, text, quotes, sources FROM claim_search_content;
            INSERT INTO claim_words (rowid, text, quotes, sources) SELECT claim_id, text, quotes, sources FROM temp.bulk_search ORDER BY claim_id;
            INSERT INTO claim_grams (rowid, text, quotes, sources) SELECT claim_id, text, quotes, sources FROM temp.bulk_search ORDER BY claim_id;
            DROP TABLE temp.bulk_search;
            """, commandTimeout: 0);
        SetMerging(connection, settings.Automerge, settings.Crisismerge);
        if (Settings(connection) != settings) throw new InvalidOperationException("the bulk build changed the search indexes' merge settings");
    }

    private static (long Automerge, long Crisismerge) Settings(SqliteConnection connection) => connection.QuerySingle<(long, long)>("""
        SELECT (SELECT v FROM claim_words_config WHERE k = 'automerge'), (SELECT v FROM claim_words_config WHERE k = 'crisismerge')
        """);

    private static void SetMerging(SqliteConnection connection, long automerge, long crisismerge)
    {
        foreach (var table in new[] { "claim_words", "claim_grams" })
            connection.Execute($"""
                INSERT INTO {table} ({table}, rank) VALUES ('automerge', {automerge});
                INSERT INTO {table} ({table}, rank) VALUES ('crisismerge', {crisismerge});
                """);
    }

    public static void Verify(SqliteConnection connection, int seed, int claims)
    {
        var clock = Stopwatch.StartNew();
        foreach (var table in new[] { "claim_words", "claim_grams" })
        {
            var count = connection.ExecuteScalar<long>($"SELECT count(*) FROM {table}");
            if (count != claims) throw new InvalidOperationException($"{table} holds {count} rows for {claims} claims");
        }
        var rng = new Random(seed + 9);
        var sample = Enumerable.Range(0, 300).Select(_ => 1 + rng.NextInt64(claims)).Distinct().ToList();
        var words = Corpus.SearchableWords.OrderBy(_ => rng.Next()).Take(20).Select(w => $"\"{w}\"").ToList();
        var bulk = Snapshot(connection, null, sample, words);

        // Re-run the triggers' own refresh for the sample, compare, and leave no trace.
        using var transaction = connection.BeginTransaction();
        foreach (var id in sample) connection.Execute("INSERT INTO claim_search_refresh (claim_id) VALUES (@Id)", new { Id = id }, transaction);
        var triggered = Snapshot(connection, transaction, sample, words);
        transaction.Rollback();
        if (bulk != triggered) throw new InvalidOperationException("the bulk-built search index differs from what the triggers write");

        var checkedIntegrity = claims <= 200_000;
        if (checkedIntegrity)
        {
            // FTS5 re-tokenizes every stored row and compares with the index.
            connection.Execute("INSERT INTO claim_words (claim_words) VALUES ('integrity-check')", commandTimeout: 0);
            connection.Execute("INSERT INTO claim_grams (claim_grams) VALUES ('integrity-check')", commandTimeout: 0);
        }
        Console.WriteLine($"  verified: search indexes hold every claim; {sample.Count} claims and {words.Count} word queries identical after the "
            + $"triggers' own refresh{(checkedIntegrity ? "; FTS5 integrity-check passed" : "; FTS5 integrity-check skipped above 200,000 claims")} "
            + $"({clock.Elapsed.TotalSeconds:0.0} s)");
    }

    private static string Snapshot(SqliteConnection connection, SqliteTransaction? transaction, List<long> sample, List<string> words)
    {
        var ids = System.Text.Json.JsonSerializer.Serialize(sample);
        var parts = new List<string>();
        foreach (var table in new[] { "claim_words", "claim_grams" })
        {
            var rows = connection.Query<Row>($"""
                SELECT rowid AS ClaimId, text, quotes, sources FROM {table} WHERE rowid IN (SELECT value FROM json_each(@Ids)) ORDER BY rowid
                """, new { Ids = ids }, transaction);
            var expected = connection.Query<Row>("""
                SELECT claim_id AS ClaimId, text, quotes, sources FROM claim_search_content WHERE claim_id IN (SELECT value FROM json_each(@Ids)) ORDER BY claim_id
                """, new { Ids = ids }, transaction);
            if (!rows.SequenceEqual(expected)) throw new InvalidOperationException($"{table} does not hold what claim_search_content says");
            parts.Add(string.Join('\n', rows));
            foreach (var word in words)
                parts.Add(string.Join(',', connection.Query<long>($"""
                    SELECT rowid FROM {table} WHERE {table} MATCH @Word AND rowid IN (SELECT value FROM json_each(@Ids))
                    UNION ALL SELECT count(*) FROM {table} WHERE {table} MATCH @Word
                    """, new { Word = word, Ids = ids }, transaction)));
        }
        return string.Join('\n', parts);
    }
}
