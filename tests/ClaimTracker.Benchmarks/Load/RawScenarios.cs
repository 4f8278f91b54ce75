using System.Text.Json;
using ClaimTracker.Api.Anchoring;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Matching;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Search;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// The same operations as raw SQL through Dapper, in this process, on the same file: the statements the
/// stores run for each request, in the same order, without the HTTP layer, the JSON and the resource
/// mapping. Where a store exposes its statement (ClaimStore.ListStatement and ByIdStatement, AttributionStore.ForClaimStatement,
/// SearchStore.RankAsync, SearchHits.StatedByStatement, ClaimStore.LoadStatement, ClaimMatcher.BestAsync, AttributionStore.Columns) it is
/// used as is; the rest are copies.
/// </summary>
public sealed class RawScenarios(string path, Workload workload)
{
    public const string Note = "bench:raw";

    // A copy of ReviewStore.Columns (private there).
    private const string ReviewColumns = """
        r.id, r.claim_id AS ClaimId, r.rating, r.rating_value AS RatingValue, r.textual_rating AS TextualRating, r.summary, r.reviewer,
        r.url, r.evidence, r.published_at AS PublishedAt, r.created_at AS CreatedAt, r.updated_at AS UpdatedAt, r.version
        """;

    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path, Mode = SqliteOpenMode.ReadWrite, ForeignKeys = true, DefaultTimeout = 30, Pooling = true,
    }.ToString();
    private readonly SemaphoreSlim writeLock = new(1, 1);
    // (a) and (b) run on kept connections, as the app's reads do, so HTTP/raw compares like with like.
    private readonly Api.Data.Sqlite.ConnectionPool readers = new(new SqliteConnectionStringBuilder
    {
        DataSource = path, Mode = SqliteOpenMode.ReadWrite, ForeignKeys = true, DefaultTimeout = 30,
    }.ToString());
    private readonly ClaimMatcher matcher = Matcher(path);
    private long created;

    public long Created => Interlocked.Read(ref created);

    private static ClaimMatcher Matcher(string path)
    {
        var db = new Api.Data.Sqlite.SqliteDb(Microsoft.Extensions.Options.Options.Create(new Api.Data.DatabaseOptions { Path = path }));
        // Embeddings are not loaded here: the raw scenario measures the lexical path (match-bench measures both).
        return new ClaimMatcher(db, new Api.Search.SearchIndex(db), new EmbeddingIndex(db, new Embedder()));
    }

    private sealed class SourceColumns
    {
        public string SourceSlug { get; init; } = "";
        public string ViaSources { get; init; } = "";
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var c = new SqliteConnection(connectionString);
        await c.OpenAsync();
        return c;
    }

    public async Task ClaimById(Random rng)
    {
        var id = workload.ClaimId(rng);
        var c = await readers.RentAsync(CancellationToken.None);
        try
        {
            await c.QuerySingleAsync<ClaimRow>(ClaimStore.ByIdStatement, new { Id = id });
            await c.QueryAsync<AttributionRow, SourceColumns, AttributionRow>(AttributionStore.ForClaimStatement, (a, _) => a, new { Id = id }, splitOn: "SourceSlug");
            await c.QueryAsync<ReviewRow>($"SELECT {ReviewColumns} FROM reviews r WHERE r.claim_id = @Id ORDER BY r.id", new { Id = id });
        }
        finally
        {
            readers.Return(c);
        }
    }

    public async Task ClaimsBySourceAndStance(Random rng)
    {
        var (source, stance) = workload.SourceStance(rng);
        var c = await readers.RentAsync(CancellationToken.None);
        try
        {
            var id = await c.QuerySingleAsync<long>("SELECT id FROM sources WHERE id = @Id", new { Id = source });
            var filter = new ClaimFilter { SourceId = $"src_{source}", Stance = Enum.Parse<Stance>(stance) };
            var (sql, parameters) = ClaimStore.ListStatement(SqlDialect.Sqlite, filter, [id], new PageQuery { Limit = 50 }.Keyset("c.id"));
            (await c.QueryAsync<ClaimRow>(sql, parameters)).ToList();
        }
        finally
        {
            readers.Return(c);
        }
    }

    public async Task Search(Random rng)
    {
        var expression = FtsQuery.Translate(Workload.SearchQuery(rng));
        await using var c = await OpenAsync();
        var rows = (await SearchStore.RankAsync(c, expression, new ClaimFilter(), null, null, new { }, 0, PageQuery.DefaultLimit + 1,
            new SearchOptions().RankWindow, "q")).Rows.Take(PageQuery.DefaultLimit).ToList();
        if (rows.Count == 0) return;
        var ids = rows.Select(r => r.ClaimId).ToList();
        await c.QueryAsync<ClaimRow>(ClaimStore.LoadStatement, new { Ids = JsonSerializer.Serialize(ids) });
        foreach (var tier in new[] { 0L, 1L })
        {
            var tierIds = rows.Where(r => r.Tier == tier).Select(r => r.ClaimId).ToList();
            if (tierIds.Count > 0) await ISearchEngine.For(c).HighlightsAsync(c, substrings: tier == 1, expression, tierIds);
        }
        await c.QueryAsync<(long, long, string, string, string, string)>(SearchHits.StatedByStatement, new { Ids = JsonSerializer.Serialize(ids) });
    }

    public async Task Match(Random rng)
    {
        var best = (await matcher.CandidatesAsync(workload.Statement(rng))).All.OrderByDescending(s => s.Score).Take(5).ToList();
        await using var c = await OpenAsync();
        await c.QueryAsync<ClaimRow>(ClaimStore.LoadStatement, new { Ids = JsonSerializer.Serialize(best.Select(s => s.Id)) });
    }

    /// <summary>
    /// The create path's statements: claim exists, source, document text (the quote is anchored in it), and the INSERT
    /// with its triggers, in one IMMEDIATE transaction committed with synchronous = FULL; writes queue on one lock as the app's do.
    /// </summary>
    public async Task CreateAttribution(Random rng)
    {
        var a = workload.NewAttribution(rng);
        await writeLock.WaitAsync();
        try
        {
            await using var c = await OpenAsync();
            await c.ExecuteAsync("PRAGMA synchronous = FULL;");
            await using var tx = c.BeginTransaction(deferred: false);
            await c.ExecuteScalarAsync<long>("SELECT count(*) FROM claims WHERE id = @Id", new { Id = a.Claim }, tx);
            await c.QuerySingleAsync<long>("SELECT id FROM sources WHERE id = @Id", new { Id = a.Source }, tx);
            var text = await c.QuerySingleAsync<string>("SELECT text FROM documents WHERE id = @Id", new { Id = a.Document }, tx);
            if (QuoteAnchor.Locate(text, a.Quote, new AnchorHint(Start: (int)a.Start)) is not AnchorResult.Found { Selector: var s })
                throw new InvalidOperationException("quote not found");
            var now = Api.Data.Time.Now(TimeProvider.System);
            // The app's INSERT takes the next id above every id retired (SqlDialect.NextId), so this one does too.
            await c.ExecuteScalarAsync<long>($"""
                INSERT INTO attributions (id, claim_id, source_id, document_id, cue, stance, direct, quote, quote_start, quote_end,
                                          quote_prefix, quote_suffix, stated_at, note, created_at, updated_at)
                VALUES ({Api.Data.SqlDialect.Sqlite.NextId("attributions")}, @ClaimId, @SourceId, @DocumentId, 'said', @Stance, 0, @Quote, @QuoteStart, @QuoteEnd,
                        @QuotePrefix, @QuoteSuffix, NULL, @Note, @Now, @Now)
                RETURNING id
                """, new
            {
                ClaimId = a.Claim, SourceId = a.Source, DocumentId = a.Document, Stance = a.Stance.ToString(), Quote = s.Quote.Exact,
                QuoteStart = s.Position.Start, QuoteEnd = s.Position.End, QuotePrefix = s.Quote.Prefix, QuoteSuffix = s.Quote.Suffix, Note, Now = now,
            }, tx);
            await tx.CommitAsync();
            Interlocked.Increment(ref created);
        }
        finally
        {
            writeLock.Release();
        }
    }
}
