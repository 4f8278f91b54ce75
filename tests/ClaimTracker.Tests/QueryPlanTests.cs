using System.Diagnostics;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Contested;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Documents;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Search;
using ClaimTracker.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ClaimTracker.Tests;

/// <summary>
/// On 50,000 generated claims, the main list, filter and who-said-what statements — taken from the
/// stores, not copied — are planned as index searches: none walks the claims or attributions tables.
/// </summary>
[Trait(TestEngine.Trait, TestEngine.Sqlite)] // SQLite's files, plans, PRAGMAs or group commit
public sealed class QueryPlanTests(QueryPlanTests.LargeDatabase database, ITestOutputHelper output) : IClassFixture<QueryPlanTests.LargeDatabase>
{
    public const int Claims = 50_000;

    /// <summary>The app's database with the worked example and 50,000 more claims, each attributed once or twice.</summary>
    public sealed class LargeDatabase : ApiFactory
    {
        public LargeDatabase()
        {
            CreateClient().Dispose(); // Starts the app: migrated and seeded.
            var clock = Stopwatch.StartNew();
            using var connection = OpenDatabase();
            using var transaction = connection.BeginTransaction();
            connection.Execute(Generate, new { Claims }, transaction);
            transaction.Commit();
            // The triggers only noted the new claims for the search index (db/0008); index them as the server's indexer would.
            Services.GetRequiredService<SearchIndex>().CatchUpAsync().GetAwaiter().GetResult();
            GenerationTime = clock.Elapsed;
        }

        public TimeSpan GenerationTime { get; }

        private readonly Dictionary<Statistics, string> copies = [];

        /// <summary>A connection to a copy of the database whose planner statistics are as <paramref name="statistics"/> says.</summary>
        public SqliteConnection Open(Statistics statistics)
        {
            string path;
            lock (copies)
                if (!copies.TryGetValue(statistics, out path!)) copies[statistics] = path = Copy(statistics);
            var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            return connection;
        }

        private string Copy(Statistics statistics)
        {
            var path = $"{DatabasePath}.{statistics}.db";
            using (var connection = OpenDatabase()) connection.Execute("VACUUM INTO @path", new { path });
            using var copy = new SqliteConnection($"Data Source={path};Pooling=False");
            copy.Open();
            // The server analyzes at start-up, so the file holds statistics of the worked example alone: none is none.
            copy.Execute(statistics == Statistics.None ? "DROP TABLE IF EXISTS sqlite_stat1;" : "ANALYZE main;");
            // Lies of the kind a sample taken on other data tells: every stance nearly unique, every source very common.
            if (statistics == Statistics.Skewed)
                copy.Execute("""
                    UPDATE sqlite_stat1 SET stat = '1000000 1 1' WHERE idx IN ('attributions_by_stance', 'claims_by_status', 'claims_by_language');
                    UPDATE sqlite_stat1 SET stat = '1000000 500000 500000 500000' WHERE idx LIKE 'attributions_by_source%';
                    ANALYZE sqlite_schema;
                    """);
            return path;
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            foreach (var path in copies.Values) File.Delete(path);
        }

        private const string Generate = """
            WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @Claims)
            INSERT INTO claims (text, language, claim_date, status, created_at, updated_at)
            SELECT 'Generated claim ' || i || ': ' || (CASE i % 4 WHEN 0 THEN 'troops crossed the border' WHEN 1 THEN 'the minister visited Pyongyang'
                                                        WHEN 2 THEN 'exports rose by 10,000 tonnes' ELSE 'a delegation arrived in Moscow' END),
                   CASE i % 10 WHEN 0 THEN 'fr' ELSE 'en' END, printf('2023-%02d-%02dT00:00:00.000Z', i % 12 + 1, i % 28 + 1),
                   CASE i % 3 WHEN 0 THEN 'reviewed' ELSE 'unreviewed' END, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
            FROM n;

            -- 500 more documents, so that a document's attributions are a small part of the archive, as in a newsroom's.
            WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
            INSERT INTO documents (title, created_at) SELECT 'Generated document ' || i, '2026-01-01T00:00:00.000Z' FROM n;

            INSERT INTO attributions (claim_id, source_id, document_id, cue, stance, direct, quote, stated_at, created_at, updated_at)
            SELECT c.id, c.id % 9 + 1, CASE WHEN c.id % 10 = 0 THEN 1 ELSE (SELECT max(id) FROM documents) - c.id % 500 END, 'said', CASE c.id % 50 WHEN 0 THEN 'denies' WHEN 1 THEN 'retracts' ELSE 'asserts' END, 0,
                   'generated quote ' || c.id, c.claim_date, c.created_at, c.created_at
            FROM claims c WHERE c.id > 10;
            INSERT INTO attributions (claim_id, source_id, document_id, cue, stance, direct, quote, stated_at, created_at, updated_at)
            SELECT c.id, (c.id + 4) % 9 + 1, 1, 'said', 'speculates', 0, 'second quote ' || c.id, c.claim_date, c.created_at, c.created_at
            FROM claims c WHERE c.id > 10 AND c.id % 7 = 0;

            INSERT INTO reviews (claim_id, rating, rating_value, created_at, updated_at)
            SELECT c.id, 'false', 1, c.created_at, c.created_at FROM claims c WHERE c.id % 97 = 0;
            INSERT INTO claim_topics (claim_id, topic, position)
            SELECT c.id, 'topic-' || (c.id % 40), 0 FROM claims c WHERE c.id > 10;
            """;
    }

    private static readonly Keyset Oldest = new PageQuery().Keyset("c.id");
    private static readonly Keyset Newest = new PageQuery { Sort = SortOrder.newest }.Keyset("c.id");
    private static readonly long[] Kcna = [3];

    /// <summary>The planner statistics a plan is tried with: none (a fresh import), from ANALYZE, or misleading ones.</summary>
    public enum Statistics { None, Analyzed, Skewed }

    public static TheoryData<string, Statistics> Statements
    {
        get
        {
            var data = new TheoryData<string, Statistics>();
            foreach (var name in Plans.Keys)
                foreach (var statistics in Enum.GetValues<Statistics>()) data.Add(name, statistics);
            return data;
        }
    }

    public static TheoryData<Statistics> EveryStatistics => new(Enum.GetValues<Statistics>());

    private static readonly Dictionary<string, Func<(string Sql, object Parameters)>> Plans = new()
    {
        ["claims, oldest first"] = () => ClaimStore.ListStatement(SqlDialect.Sqlite, new ClaimFilter(), null, Oldest),
        ["claims, newest first"] = () => ClaimStore.ListStatement(SqlDialect.Sqlite, new ClaimFilter(), null, Newest),
        ["claims by source"] = () => ClaimStore.ListStatement(SqlDialect.Sqlite, new ClaimFilter { SourceId = "kcna" }, Kcna, Oldest),
        ["claims by source and stance"] = () => ClaimStore.ListStatement(SqlDialect.Sqlite, new ClaimFilter { SourceId = "kcna", Stance = Stance.denies }, Kcna, Oldest),
        ["claims by source and stance, newest first"] = () => ClaimStore.ListStatement(SqlDialect.Sqlite, new ClaimFilter { SourceId = "kcna", Stance = Stance.denies }, Kcna, Newest),
        ["claims by source, stance and status"] = () => ClaimStore.ListStatement(SqlDialect.Sqlite, new ClaimFilter { SourceId = "kcna", Stance = Stance.asserts, Status = ClaimStatus.reviewed }, Kcna, Oldest),
        ["claims by stance"] = () => ClaimStore.ListStatement(SqlDialect.Sqlite, new ClaimFilter { Stance = Stance.retracts }, null, Oldest),
        ["claims by document"] = () => ClaimStore.ListStatement(SqlDialect.Sqlite, new ClaimFilter { DocumentId = "doc_1" }, null, Oldest),
        ["claims by status"] = () => ClaimStore.ListStatement(SqlDialect.Sqlite, new ClaimFilter { Status = ClaimStatus.in_review }, null, Oldest),
        ["claims by rating"] = () => ClaimStore.ListStatement(SqlDialect.Sqlite, new ClaimFilter { Rating = Rating.@false }, null, Oldest),
        ["claims by topic"] = () => ClaimStore.ListStatement(SqlDialect.Sqlite, new ClaimFilter { Topic = "topic-7" }, null, Oldest),
        ["claims by language"] = () => ClaimStore.ListStatement(SqlDialect.Sqlite, new ClaimFilter { Language = "fr" }, null, Oldest),
        ["claims by date"] = () => ClaimStore.ListStatement(SqlDialect.Sqlite, new ClaimFilter { From = new(2023, 3, 1, 0, 0, 0, TimeSpan.Zero), To = new(2023, 3, 2, 0, 0, 0, TimeSpan.Zero) }, null, Oldest),
        ["what a source said (with affiliates)"] = () => AttributionStore.ListStatement(SqlDialect.Sqlite, new AttributionFilter { SourceId = "north-korea-government" }, [2, 3, 9], null, new PageQuery().Keyset("a.id")),
        ["who said a claim"] = () => AttributionStore.ListStatement(SqlDialect.Sqlite, new AttributionFilter { ClaimId = "clm_3" }, null, null, new PageQuery().Keyset("a.id")),
        ["what a source said with a stance"] = () => AttributionStore.ListStatement(SqlDialect.Sqlite, new AttributionFilter { SourceId = "kcna", Stance = Stance.denies }, Kcna, null, new PageQuery().Keyset("a.id")),
        ["a claim with its topics"] = () => (ClaimStore.ByIdStatement, new { Id = 3 }),
        ["a claim's attributions with their sources and via chains"] = () => (AttributionStore.ForClaimStatement, new { Id = 3 }),
        ["contested claims"] = () => ContestedStore.ListStatement(new ClaimFilter(), null, Oldest),
        ["contested claims by source"] = () => ContestedStore.ListStatement(new ClaimFilter { SourceId = "kcna" }, Kcna, Oldest),
        ["search with filters"] = () => SearchStore.RankStatement(Fts5Search.Instance, "(\"troops\")", new ClaimFilter { SourceId = "kcna", Language = "en" }, Kcna, 0, 51),
        ["search with filters, whole words only"] = () => SearchStore.RankStatement(Fts5Search.Instance, "(\"troops\")", new ClaimFilter { SourceId = "kcna", Language = "en" }, Kcna, 0, 51, substrings: false),
        ["search window with filters"] = () => SearchStore.WindowStatement(Fts5Search.Instance, substrings: false, "(\"troops\")", new ClaimFilter { SourceId = "kcna", Language = "en" }, Kcna, 2000),
        ["search by source"] = () => SearchStore.RankStatement(Fts5Search.Instance, "(\"troops\")", new ClaimFilter { SourceId = "kcna" }, Kcna, 0, 51),
        ["search window by source"] = () => SearchStore.WindowStatement(Fts5Search.Instance, substrings: false, "(\"troops\")", new ClaimFilter { SourceId = "kcna" }, Kcna, 2000),
        ["search by stance"] = () => SearchStore.RankStatement(Fts5Search.Instance, "(\"troops\")", new ClaimFilter { Stance = Stance.denies }, null, 0, 51),
        ["search window by stance"] = () => SearchStore.WindowStatement(Fts5Search.Instance, substrings: false, "(\"troops\")", new ClaimFilter { Stance = Stance.denies }, null, 2000),
        ["documents by title text"] = () => DocumentStore.ListStatement(SqlDialect.Sqlite, new DocumentFilter { Q = "troop" }, null, new PageQuery().Keyset("d.id"), texts: false),
        ["search window of substring hits with filters"] = () => SearchStore.WindowStatement(Fts5Search.Instance, substrings: true, "(\"troops\")", new ClaimFilter { SourceId = "kcna", Language = "en" }, Kcna, 2000),
    };

    [Fact]
    public void The_database_holds_the_generated_claims()
    {
        using var connection = database.OpenDatabase();
        output.WriteLine($"Generated {Claims} claims with attributions in {database.GenerationTime.TotalSeconds:0.0} s");
        Assert.True(connection.ExecuteScalar<long>("SELECT count(*) FROM claims") >= Claims);
        Assert.True(connection.ExecuteScalar<long>("SELECT count(*) FROM claim_words") >= Claims);
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void The_statement_searches_indexes_instead_of_scanning_claims_or_attributions(string name, Statistics statistics)
    {
        var (sql, parameters) = Plans[name]();
        using var connection = database.Open(statistics);
        KeptIdfBm25.Register(connection);
        var plan = connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters).ToList();
        output.WriteLine($"{name}:\n" + string.Join('\n', plan.Select(p => "  " + p.Detail)));
        var scans = plan.Where(p => p.Detail.StartsWith("SCAN ", StringComparison.Ordinal)
            && p.Detail.Split(' ')[1] is "c" or "a" or "d" or "p" or "r" or "t" or "s" or "v" or "vs" or "claims" or "attributions" or "reviews" or "claim_topics").ToList();
        Assert.True(scans.Count == 0, $"{name} scans: {string.Join("; ", scans.Select(s => s.Detail))}");
        Assert.Contains(plan, p => p.Detail.StartsWith("SEARCH ", StringComparison.Ordinal));
    }

    /// <summary>
    /// One source with a stance pages in claim order straight off <c>attributions_by_source (source_id, stance, claim_id)</c>:
    /// no temporary b-tree (the whole id set of a popular source) is built before the LIMIT, in either order.
    /// </summary>
    [Theory]
    [InlineData(SortOrder.oldest, Statistics.None)]
    [InlineData(SortOrder.newest, Statistics.None)]
    [InlineData(SortOrder.oldest, Statistics.Analyzed)]
    [InlineData(SortOrder.newest, Statistics.Skewed)]
    public void Claims_by_source_and_stance_walk_the_source_index_in_claim_order_and_stop_at_the_limit(SortOrder sort, Statistics statistics)
    {
        var (sql, parameters) = ClaimStore.ListStatement(SqlDialect.Sqlite, new ClaimFilter { SourceId = "kcna", Stance = Stance.asserts }, Kcna,
            new PageQuery { Sort = sort, Limit = 5 }.Keyset("c.id"));
        using var connection = database.Open(statistics);
        var plan = Plan(connection, sql, parameters);
        Assert.Equal("SEARCH a USING COVERING INDEX attributions_by_source (source_id=? AND stance=? AND claim_id" + (sort == SortOrder.newest ? "<" : ">") + "?)", plan[0]);
        Assert.Contains(plan, p => p.StartsWith("SEARCH c USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
        // The one sort allowed puts a single claim's few topics in order (json_group_array ... ORDER BY position).
        Assert.DoesNotContain(plan, p => (p.Contains("TEMP B-TREE", StringComparison.Ordinal) && !p.Contains("json_group_array", StringComparison.Ordinal))
            || p.Contains("LIST SUBQUERY", StringComparison.Ordinal));

        var rows = connection.Query<long>($"SELECT id FROM ({sql})", parameters).ToList();
        var expected = connection.Query<long>(
            $"SELECT DISTINCT claim_id FROM attributions WHERE source_id = 3 AND stance = 'asserts' ORDER BY claim_id {(sort == SortOrder.newest ? "DESC" : "")} LIMIT 6").ToList();
        Assert.Equal(expected, rows);
    }

    /// <summary>
    /// What one source said, with or without a stance, pages in id order off <c>attributions_by_source_in_id_order</c>
    /// and stops at the LIMIT, with no sort, whatever the statistics: with none, and with ones that overrate stance,
    /// SQLite had walked <c>attributions_by_stance</c> across the archive (db/0017).
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryStatistics))]
    public void What_a_source_said_pages_in_id_order_off_the_source_index(Statistics statistics)
    {
        using var connection = database.Open(statistics);
        foreach (var stance in new Stance?[] { null, Stance.asserts, Stance.denies })
        {
            var (sql, parameters) = AttributionStore.ListStatement(SqlDialect.Sqlite, new AttributionFilter { SourceId = "kcna", Stance = stance }, Kcna, null,
                new PageQuery { Limit = 5 }.Keyset("a.id"));
            var plan = Plan(connection, sql, parameters);
            Assert.Equal("SEARCH a USING INDEX attributions_by_source_in_id_order (source_id=? AND id>?)", plan[0]);
            Assert.DoesNotContain(plan, p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));

            var rows = connection.Query<long>($"SELECT id FROM ({sql})", parameters).ToList();
            var expected = connection.Query<long>("SELECT id FROM attributions WHERE source_id = 3 AND (@Stance IS NULL OR stance = @Stance) ORDER BY id LIMIT 6",
                new { Stance = stance?.ToString() }).ToList();
            Assert.Equal(expected, rows);
        }
    }

    /// <summary>A source's family (with affiliates) reads each member's rows off the same index, never a walk of a stance.</summary>
    [Theory]
    [MemberData(nameof(EveryStatistics))]
    public void What_a_source_family_said_reads_each_member_off_the_source_index(Statistics statistics)
    {
        using var connection = database.Open(statistics);
        var (sql, parameters) = AttributionStore.ListStatement(SqlDialect.Sqlite, new AttributionFilter { SourceId = "north-korea-government", Stance = Stance.asserts },
            [2, 3, 9], null, new PageQuery().Keyset("a.id"));
        var plan = Plan(connection, sql, parameters);
        Assert.Equal("SEARCH a USING INDEX attributions_by_source_in_id_order (source_id=? AND id>?)", plan[0]);
    }

    /// <summary>
    /// A claim's attributions page in id order straight off <c>attributions_by_claim (claim_id, id, ...)</c>: a claim with
    /// thousands of attributions reads one page of them, not all of them into a sorter (db/0011 made that index wider).
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryStatistics))]
    public void A_claims_attributions_page_in_id_order_off_the_claim_index(Statistics statistics)
    {
        var (sql, parameters) = AttributionStore.ListStatement(SqlDialect.Sqlite, new AttributionFilter { ClaimId = "clm_3" }, null, null, new PageQuery().Keyset("a.id"));
        using var connection = database.Open(statistics);
        var plan = Plan(connection, sql, parameters);
        Assert.Equal("SEARCH a USING INDEX attributions_by_claim (claim_id=? AND id>?)", plan[0]);
        Assert.DoesNotContain(plan, p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    /// <summary>The sides of a page of contested claims are read by claim, not by walking every assertion of the archive.</summary>
    [Theory]
    [MemberData(nameof(EveryStatistics))]
    public void Contested_sides_are_read_by_claim_in_claim_and_id_order(Statistics statistics)
    {
        using var connection = database.Open(statistics);
        var plan = Plan(connection, ContestedStore.SidesStatement, new { Ids = "[3, 50, 100]" });
        Assert.Equal("SEARCH a USING INDEX attributions_by_claim (claim_id=?)", plan[0]);
        Assert.DoesNotContain(plan, p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    private List<string> Plan(SqliteConnection connection, string sql, object parameters)
    {
        var plan = connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters).Select(p => p.Detail).ToList();
        output.WriteLine(string.Join('\n', plan));
        return plan;
    }
}
