using System.Net;
using ClaimTracker.Api.Search;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Tests.Ledger;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests;

/// <summary>
/// Search-index upkeep stays off the path of the writes clients wait for: the background re-indexing yields the writer to
/// any write waiting behind it, and takes large units only when none waits; a search still sees every acknowledged write.
/// </summary>
public sealed class SearchUpkeepTests
{
    [Fact]
    [Trait(TestEngine.Trait, TestEngine.Sqlite)] // SQLite's one writer, which WriterGate holds
    public async Task Background_reindexing_stops_after_one_step_when_a_write_waits_and_takes_the_rest_when_none_does()
    {
        // The test drives the background unit itself, so it knows what each one found waiting.
        using var factory = new NoIndexerApiFactory();
        var client = factory.CreateClient();
        const int backlog = 3 * SearchIndex.Step;
        await NoteClaimsBehindTheApiAsync(factory, backlog);
        // With the worked example's own notes, which nothing has indexed either.
        var noted = await PendingAsync(factory);
        var index = factory.Services.GetRequiredService<SearchIndex>();

        await using (var gate = await WriterGate.CloseAsync(factory))
        {
            var reindexing = index.RefreshInBackgroundAsync(CancellationToken.None);
            await gate.WaitForQueuedAsync(1);
            var write = client.PostJsonAsync("/api/v1/claims", new { text = "Capybaras queued behind the indexer" });
            await gate.WaitForQueuedAsync(2);
            await gate.OpenAsync();
            Assert.Equal(SearchIndex.Step, await reindexing);
            Assert.Equal(HttpStatusCode.Created, (await write).StatusCode);
        }
        Assert.Equal(noted - SearchIndex.Step + 1, await PendingAsync(factory));

        // Nothing waits now: one unit takes all that is left.
        Assert.Equal(noted - SearchIndex.Step + 1, await index.RefreshInBackgroundAsync(CancellationToken.None));
        Assert.Equal(0, await PendingAsync(factory));
        Assert.Single(SearchTests.ClaimIds(await SearchTests.HitsAsync(client, "capybaras")));
        Assert.Equal(backlog, await IndexedAsync(factory));
    }

    [Fact]
    public async Task A_search_right_after_a_burst_of_concurrent_writes_finds_every_one_of_them()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var created = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Given.ClaimAsync(client, $"Axolotl burst number {i} reached the lake")));

        Assert.Equal(created.Order(), SearchTests.ClaimIds(await SearchTests.HitsAsync(client, "axolotl&limit=100")).Order());
        Assert.Equal(created.Length, (await SearchTests.HitsAsync(client, "xolot&limit=100")).Count);
    }

    [Fact]
    public async Task The_background_indexer_works_off_a_backlog_on_its_own_and_leaves_a_sound_index()
    {
        using var factory = new ApiFactory();
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health")).StatusCode);
        await NoteClaimsBehindTheApiAsync(factory, 600);

        for (var deadline = DateTime.UtcNow.AddSeconds(60); await PendingAsync(factory) > 0 && DateTime.UtcNow < deadline;) await Task.Delay(100);
        Assert.Equal(0, await PendingAsync(factory));
        Assert.Equal(600, await IndexedAsync(factory));
        await AssertSoundIndexAsync(factory);
    }

    /// <summary>FTS5's integrity check; on PostgreSQL, the kept word counts and totals equal a recount of claim_search.</summary>
    internal static async Task AssertSoundIndexAsync(ApiFactory factory)
    {
        using var db = factory.OpenDatabase();
        if (!TestEngine.IsPostgres)
        {
            await db.ExecuteAsync("INSERT INTO claim_words (claim_words) VALUES ('integrity-check')");
            await db.ExecuteAsync("INSERT INTO claim_grams (claim_grams) VALUES ('integrity-check')");
            return;
        }
        Assert.Equal(await db.QuerySingleAsync<(long, long)>("SELECT count(*), coalesce(sum(tokens), 0) FROM claim_search"),
            await db.QuerySingleAsync<(long, long)>("SELECT documents, tokens FROM claim_search_totals"));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("""
            WITH recount AS (SELECT w.lexeme AS term, count(*) AS claims, count(*) FILTER (WHERE 'A' = ANY (w.weights)) AS text_claims
                             FROM claim_search s, unnest(s.words) AS w GROUP BY w.lexeme)
            SELECT count(*) FROM recount r FULL JOIN claim_word_counts k ON k.term = r.term
            WHERE r.claims IS DISTINCT FROM k.claims OR r.text_claims IS DISTINCT FROM k.text_claims
            """));
    }

    /// <summary>Claims written behind the API's back: their triggers note them for re-indexing, nothing indexes them yet.</summary>
    private static async Task NoteClaimsBehindTheApiAsync(ApiFactory factory, int count)
    {
        using var db = factory.OpenDatabase();
        await db.ExecuteAsync("""
            WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @Count)
            INSERT INTO claims (id, text, created_at, updated_at)
            SELECT 200000 + i, 'Upkeep backlog claim ' || i, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n
            """, new { Count = count });
    }

    /// <summary>Backlog claims found in both indexes.</summary>
    private static async Task<long> IndexedAsync(ApiFactory factory)
    {
        using var db = factory.OpenDatabase();
        var (words, grams) = TestEngine.IsPostgres
            ? await db.QuerySingleAsync<(long, long)>("""
                SELECT count(*) FILTER (WHERE words @@ to_tsquery('claim_words', 'upkeep')), count(*) FILTER (WHERE folded LIKE '%pkee%')
                FROM claim_search
                """)
            : (await db.ExecuteScalarAsync<long>("SELECT count(*) FROM claim_words WHERE claim_words MATCH 'upkeep'"),
                await db.ExecuteScalarAsync<long>("SELECT count(*) FROM claim_grams WHERE claim_grams MATCH 'pkee'"));
        return words == grams ? words : -1;
    }

    private static async Task<long> PendingAsync(ApiFactory factory)
    {
        using var db = factory.OpenDatabase();
        return await db.ExecuteScalarAsync<long>("SELECT count(*) FROM search_pending");
    }
}
