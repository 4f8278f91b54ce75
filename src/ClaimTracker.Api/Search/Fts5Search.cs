using System.Data;
using System.Data.Common;
using System.Text.Json;
using ClaimTracker.Api.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Api.Search;

/// <summary>
/// SQLite's search: the FTS5 indexes claim_words and claim_grams of db/sqlite/0002_search.sql, ranked by FTS5's bm25 with
/// weights 4, 2, 1 for text, quotes and sources, each phrase's IDF kept between requests (<see cref="KeptIdfBm25"/>).
/// </summary>
internal sealed class Fts5Search : ISearchEngine
{
    public static readonly Fts5Search Instance = new();

    internal const string Words = "claim_words";
    internal const string Grams = "claim_grams";

    /// <summary>
    /// Pages one merge step may write per index: a few milliseconds of the writer, so a write that arrives meanwhile waits
    /// little. On the scale-0.2 archive after 40,000 claims re-indexed, the merges left behind took 164 steps, 1.3 s in all.
    /// </summary>
    internal const int MergePages = 100;

    // Substring hits are those the word index does not also find.
    private const string NotWordHit = $"AND rowid NOT IN (SELECT rowid FROM {Words} WHERE {Words} MATCH @Match)";

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public Task RefreshAsync(IDbConnection c, IDbTransaction tx, IReadOnlyList<long> claims) =>
        c.ExecuteAsync("""
            INSERT INTO claim_search_refresh (claim_id) SELECT value FROM json_each(@Ids);
            DELETE FROM search_pending WHERE claim_id IN (SELECT value FROM json_each(@Ids));
            """, new { Ids = JsonSerializer.Serialize(claims) }, tx);

    /// <summary>
    /// Re-indexes every noted claim in one pass, for a restore's end (ImportJobs/BulkRestore.cs): the view is computed
    /// once per claim and fed to both indexes in rowid order, which FTS5 appends fastest, with FTS5's default merging
    /// (db/0010 leaves most of it to idle time, which would leave minutes of merging after a large load). The documents
    /// are those <see cref="RefreshAsync"/> writes, claim by claim through claim_search_refresh.
    /// </summary>
    internal static Task BuildPendingInBulkAsync(IDbConnection c, IDbTransaction tx) =>
        c.ExecuteAsync($"""
            CREATE TEMP TABLE kept_merging AS SELECT k AS name, v AS words,
                (SELECT v FROM {Grams}_config g WHERE g.k = w.k) AS grams
                FROM {Words}_config w WHERE k IN ('automerge', 'crisismerge');
            INSERT INTO {Words} ({Words}, rank) VALUES ('automerge', 4);
            INSERT INTO {Words} ({Words}, rank) VALUES ('crisismerge', 16);
            INSERT INTO {Grams} ({Grams}, rank) VALUES ('automerge', 4);
            INSERT INTO {Grams} ({Grams}, rank) VALUES ('crisismerge', 16);
            DELETE FROM {Words} WHERE rowid IN (SELECT claim_id FROM search_pending);
            DELETE FROM {Grams} WHERE rowid IN (SELECT claim_id FROM search_pending);
            CREATE TEMP TABLE bulk_search AS SELECT claim_id, text, quotes, sources FROM claim_search_content
                WHERE claim_id IN (SELECT claim_id FROM search_pending);
            INSERT INTO {Words} (rowid, text, quotes, sources)
                SELECT claim_id, text, quotes, sources FROM temp.bulk_search ORDER BY claim_id;
            INSERT INTO {Grams} (rowid, text, quotes, sources)
                SELECT claim_id, text, quotes, sources FROM temp.bulk_search ORDER BY claim_id;
            DELETE FROM search_pending;
            INSERT INTO {Words} ({Words}, rank) SELECT name, words FROM temp.kept_merging;
            INSERT INTO {Grams} ({Grams}, rank) SELECT name, grams FROM temp.kept_merging;
            DROP TABLE temp.bulk_search;
            DROP TABLE temp.kept_merging;
            """, transaction: tx, commandTimeout: 0);

    public bool Merges => true;

    /// <summary>Merges up to <see cref="MergePages"/> pages of each index where a level holds several segments (db/sqlite/0010).</summary>
    public async Task<bool> MergeAsync(IDbConnection c, IDbTransaction tx) =>
        await MergeAsync(c, tx, Words) | await MergeAsync(c, tx, Grams);

    // FTS5 reports no result for 'merge': a step that wrote nothing changes fewer than two rows (its documented test).
    private static async Task<bool> MergeAsync(IDbConnection c, IDbTransaction tx, string table)
    {
        var before = await c.ExecuteScalarAsync<long>("SELECT total_changes()", transaction: tx);
        await c.ExecuteAsync($"INSERT INTO {table} ({table}, rank) VALUES ('merge', {MergePages})", transaction: tx);
        return await c.ExecuteScalarAsync<long>("SELECT total_changes()", transaction: tx) - before >= 2;
    }

    public void Prepare(IDbConnection c) => KeptIdfBm25.Register((SqliteConnection)c);

    public string Prelude => "";

    public string Hits(string expression, bool substrings, bool scored, bool notWordHits = false)
    {
        var (table, tier, below) = substrings ? (Grams, 1, "@GramsBelow") : (Words, 0, "@WordsBelow");
        var hits = scored
            ? $"SELECT rowid, {tier}, {Bm25(table)} FROM {table} WHERE {table} MATCH @Match AND rowid > {below}"
            : $"SELECT rowid FROM {table} WHERE {table} MATCH @Match";
        return notWordHits ? $"{hits} {NotWordHit}" : hits;
    }

    // bm25 with weights 4, 2, 1 for text, quotes and sources; each phrase's IDF is kept between requests (KeptIdfBm25).
    private static string Bm25(string table) => $"{KeptIdfBm25.Name}({table}, @Match, {KeptIdfBm25.VersionOf(table)}, 4.0, 2.0, 1.0)";

    public string HintStatement => $"SELECT EXISTS (SELECT 1 FROM {Words} WHERE {Words} MATCH @Match)";

    public DynamicParameters Parameters(string expression) => new(new { Match = expression });

    public async Task<IEnumerable<SearchHits.HighlightRow>> HighlightsAsync(IDbConnection c, bool substrings, string expression,
        IReadOnlyList<long> ids)
    {
        var table = substrings ? Grams : Words;
        // With rowid IN as the index constraint, FTS5 restarts the MATCH once per id (half a millisecond each on a large index);
        // one pass over the hits between the lowest and highest id, keeping the page's ids (+rowid: a filter, not a seek), is faster.
        return await c.QueryAsync<SearchHits.HighlightRow>($"""
            SELECT rowid AS ClaimId, highlight({table}, 0, '{Snippet.Open}', '{Snippet.Close}') AS Text,
                   highlight({table}, 1, '{Snippet.Open}', '{Snippet.Close}') AS Quotes,
                   highlight({table}, 2, '{Snippet.Open}', '{Snippet.Close}') AS Sources
            FROM {table} WHERE {table} MATCH @Match AND rowid BETWEEN @Low AND @High AND +rowid IN (SELECT value FROM json_each(@Ids))
            """, new { Match = expression, Low = ids.Min(), High = ids.Max(), Ids = JsonSerializer.Serialize(ids) });
    }

    public string? Refused(DbException e) =>
        e is SqliteException && e.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase) ? e.Message.Split(": ")[^1] : null;
}
