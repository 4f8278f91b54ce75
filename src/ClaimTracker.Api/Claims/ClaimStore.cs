using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Audit;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Sources;
using Dapper;

namespace ClaimTracker.Api.Claims;

/// <summary>Claims in SQL, with their topics; single reads gather attributions and reviews too.</summary>
public sealed partial class ClaimStore(Db db, TimeProvider clock, AuditLog audit)
{
    private const string Columns = """
        c.id, c.text, c.language, c.claim_date AS ClaimDate, c.first_stated_at AS FirstStatedAt, c.status,
        c.created_at AS CreatedAt, c.updated_at AS UpdatedAt, c.version
        """;

    /// <summary>The claim's topics as a JSON array, in order: folded into the claim's row, they cost no statement of their own.</summary>
    private const string TopicsColumn = "(SELECT json_group_array(t.topic ORDER BY t.position) FROM claim_topics t WHERE t.claim_id = c.id) AS Topics";

    /// <summary>A claim's row with its topics, for the single read; the benchmark's raw scenario runs it as is.</summary>
    internal const string ByIdStatement = $"SELECT {Columns}, {TopicsColumn} FROM claims c WHERE c.id = @Id";

    /// <summary>A claim with its attributions and reviews.</summary>
    public Task<Versioned<Claim>?> GetAsync(long id) => db.ReadAsync(async c =>
    {
        var row = await c.QuerySingleOrDefaultAsync<ClaimRow>(ByIdStatement, new { Id = id });
        if (row is null) return null;
        var claim = row.ToClaim() with
        {
            Attributions = await AttributionStore.ForClaimAsync(c, id),
            Reviews = await ReviewStore.ForClaimAsync(c, id),
        };
        return new Versioned<Claim>(claim, row.Id, row.Version);
    });

    /// <summary>Whether a claim exists, without reading it: routes under a claim answer 404 for an unknown one.</summary>
    public Task<bool> ExistsAsync(long id) =>
        db.ReadAsync(c => c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM claims WHERE id = @Id)", new { Id = id }));

    /// <summary>The claim as its editable fields, with the claim date as set rather than as derived.</summary>
    public Task<ClaimInput> EditableAsync(long id) => db.ReadAsync(async c => (await EditableAsync(c, null, id))!.Value.Input);

    /// <summary>The editable fields and version of a claim on the caller's connection; null when there is no such claim.</summary>
    internal static async Task<(ClaimInput Input, long Version)?> EditableAsync(IDbConnection c, IDbTransaction? tx, long id)
    {
        var row = await c.QuerySingleOrDefaultAsync<ClaimRow>($"SELECT {Columns} FROM claims c WHERE c.id = @Id", new { Id = id }, tx);
        return row is null ? null : (row.ToInput(await TopicsAsync(c, tx, id)), row.Version);
    }

    public Task<Page<Claim>> ListAsync(ClaimFilter filter, PageQuery page) => db.ReadAsync(async c =>
    {
        var (sql, parameters) = ListStatement(db.Dialect, filter, await SourcesAsync(c, filter), page.Keyset("c.id"));
        var rows = (await c.QueryAsync<ClaimRow>(sql, parameters)).ToList();
        var result = page.ToPage(rows, r => r.Id);
        return new Page<Claim>(result.Items.Select(r => r.ToClaim()).ToList(), result.NextCursor);
    });

    /// <summary>The list statement for a filter, each row with its topics; the query-plan tests examine exactly this SQL.</summary>
    /// <remarks>
    /// With one source and a stance, the page walks <c>attributions_by_source (source_id, stance, claim_id)</c> in claim
    /// order, joins each claim by its key and stops at the LIMIT: a popular source costs one page, not its whole id set
    /// (the <c>c.id IN (…)</c> form builds that set before the LIMIT applies). GROUP BY keeps one row per claim when a
    /// source says the same thing of it twice; claims' columns are equal within a group.
    /// </remarks>
    internal static (string Sql, DynamicParameters Parameters) ListStatement(SqlDialect dialect, ClaimFilter filter,
        IReadOnlyList<long>? sources, Keyset keyset)
    {
        var parameters = FilterParameters(filter, sources).Also(new { keyset.After, keyset.Fetch });
        if (sources is [var source] && filter.Stance is not null)
        {
            var page = keyset.Over("c.id", "a.claim_id");
            var where = Conditions(new SqlWhere().And(page.Condition).And("a.source_id = @Source"), filter, sources, attributionsJoined: true);
            // CROSS JOIN: SQLite keeps the tables in the order written; PostgreSQL reads it as a plain join.
            return ($"""
                SELECT {Columns}, {TopicsColumn} FROM attributions a CROSS JOIN claims c
                {where.And("c.id = a.claim_id")} GROUP BY {dialect.GroupByJoined("a.claim_id", "c.id")} {page.OrderAndLimit}
                """,
                parameters.Also(new { Source = source }));
        }
        return ($"SELECT {Columns}, {TopicsColumn} FROM claims c {Conditions(new SqlWhere().And(keyset.Condition), filter, sources)} {keyset.OrderAndLimit}", parameters);
    }

    /// <summary>Every claim the filter selects, oldest first, read a chunk at a time in one snapshot: the CSV export streams these.</summary>
    public async IAsyncEnumerable<Claim> StreamAsync(ClaimFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var sources = await SourcesAsync(c, filter);
        await using var tx = await db.BeginSnapshotAsync(c, cancellationToken);
        if (sources is [_] && filter.Stance is not null)
        {
            var rows = BySourceAndStanceAsync(c, tx, db.Dialect, filter, sources);
            await foreach (var row in rows.WithCancellation(cancellationToken)) yield return row.ToClaim();
            yield break;
        }
        await foreach (var (row, topics) in RowsAsync(c, tx, Conditions(new SqlWhere(), filter, sources), FilterParameters(filter, sources))
                           .WithCancellation(cancellationToken))
            yield return row.ToClaim(topics);
    }

    /// <summary>
    /// Claim rows with their topics, in id order, read and completed with their topics a chunk of
    /// <see cref="StreamChunk"/> rows at a time, so memory stays flat however many rows follow.
    /// </summary>
    internal static async IAsyncEnumerable<(ClaimRow Row, IReadOnlyList<string> Topics)> RowsAsync(DbConnection c, DbTransaction? tx, SqlWhere where, object parameters)
    {
        await foreach (var chunk in KeysetChunks.ReadAsync<ClaimRow>(c, tx, $"SELECT {Columns} FROM claims c", where,
                           parameters, "c.id", r => r.Id, StreamChunk))
        {
            var topics = await TopicsAsync(c, tx, chunk.Select(r => r.Id));
            foreach (var row in chunk) yield return (row, topics[row.Id].ToList());
        }
    }

    internal const int StreamChunk = 100;

    /// <summary>
    /// One source's claims with a stance, a chunk at a time off <c>attributions_by_source</c> in claim order, as the
    /// list's pages are (<see cref="ListStatement"/>). The chunks of <see cref="RowsAsync"/> walked every claim in id
    /// order on PostgreSQL, probing each one's attributions: 1.4 s for the first chunk of one source at 1M claims.
    /// </summary>
    private static async IAsyncEnumerable<ClaimRow> BySourceAndStanceAsync(DbConnection c, DbTransaction tx,
        SqlDialect dialect, ClaimFilter filter, IReadOnlyList<long> sources)
    {
        for (var after = 0L; ;)
        {
            var keyset = new Keyset("c.id > @After", "ORDER BY c.id LIMIT @Fetch", after, StreamChunk);
            var (sql, parameters) = ListStatement(dialect, filter, sources, keyset);
            var chunk = (await c.QueryAsync<ClaimRow>(sql, parameters, tx)).ToList();
            foreach (var row in chunk) yield return row;
            if (chunk.Count < StreamChunk) yield break;
            after = chunk[^1].Id;
        }
    }

    /// <summary>The source rows a filter's sourceId covers (with affiliates when asked), or null when it names none.</summary>
    internal static async Task<IReadOnlyList<long>?> SourcesAsync(IDbConnection c, ClaimFilter filter) =>
        filter.SourceId is null ? null : await SourceStore.FamilyAsync(c, filter.SourceId, filter.IncludeAffiliates ?? false);

    /// <summary>A filter's conditions on <c>claims c</c>, shared by the claim list, the CSV export, search and contested claims.</summary>
    /// <remarks>
    /// With <paramref name="attributionsJoined"/>, the statement already joins <c>attributions a</c> to <c>claims c</c> and
    /// has narrowed it to the one source: the document and stance conditions then apply to <c>a</c> directly.
    /// With <paramref name="hits"/> (search: the index's hits drive the statement), the conditions that need only the
    /// claim's id test <see cref="HitsFilter.ClaimId"/> (see <see cref="ReadsClaimRow"/>), and a stance without a
    /// source or document is checked per hit off <c>attributions_by_claim</c>: collecting every attribution of a stance
    /// first read 70 % of them (asserts) for each statement of a search, 240 ms of CPU per search at 100k claims.
    /// </remarks>
    internal static SqlWhere Conditions(
        SqlWhere where, ClaimFilter filter, IReadOnlyList<long>? sources, bool attributionsJoined = false,
        HitsFilter? hits = null)
    {
        if (attributionsJoined)
            where.AndIf(filter.DocumentId is not null, "a.document_id = @Document")
                .AndIf(filter.Stance is not null, "a.stance = @Stance");
        var id = hits?.ClaimId ?? "c.id";
        var stancePerHit = hits is not null && sources is null && filter.DocumentId is null
            && filter.Stance is not null;
        var byAttribution = new SqlWhere()
            .AndIf(sources is not null, "a.source_id IN (SELECT value FROM json_each(@Sources))")
            .AndIf(filter.DocumentId is not null, "a.document_id = @Document")
            .AndIf(filter.Stance is not null, "a.stance = @Stance");
        return where
            .AndIf(stancePerHit,
                $"EXISTS (SELECT 1 FROM attributions a WHERE a.claim_id = {id} AND {hits?.Stance} = @Stance)")
            .AndIf(!attributionsJoined && !stancePerHit
                    && (sources is not null || filter.DocumentId is not null || filter.Stance is not null),
                $"{id} IN (SELECT a.claim_id FROM attributions a {byAttribution})")
            .AndIf(filter.Status is not null, "c.status = @Status")
            .AndIf(filter.Rating is not null, $"{id} IN (SELECT r.claim_id FROM reviews r WHERE r.rating = @Rating)")
            .AndIf(filter.Topic is not null, $"{id} IN (SELECT t.claim_id FROM claim_topics t WHERE t.topic = @Topic)")
            .AndIf(filter.Language is not null, "c.language = @Language")
            .AndIf(filter.From is not null, "coalesce(c.claim_date, c.first_stated_at) >= @From")
            .AndIf(filter.To is not null, "coalesce(c.claim_date, c.first_stated_at) < @To")
            .AndIf(filter.Q is not null, "instr(lower(c.text), lower(@Q)) > 0");
    }

    /// <summary>Whether <see cref="Conditions"/> reads a column of the claim's row, not only its id.</summary>
    internal static bool ReadsClaimRow(ClaimFilter filter) =>
        filter.Status is not null || filter.Language is not null || filter.From is not null || filter.To is not null
        || filter.Q is not null;

    /// <summary>
    /// How search's hits are filtered: by their claim id column <c>h.claim_id</c>, tested row by row (a seek by id
    /// would restart FTS5's MATCH once per id), and by a stance the engine weighs right
    /// (<see cref="SqlDialect.Unindexed"/>).
    /// </summary>
    internal sealed record HitsFilter(SqlDialect Dialect)
    {
        public string ClaimId => Dialect.Unindexed("h.claim_id");

        // SQLite would otherwise walk attributions_by_stance (70 % of it for asserts), not each hit's attributions.
        public string Stance => Dialect.Unindexed("a.stance");
    }

    internal static DynamicParameters FilterParameters(ClaimFilter filter, IReadOnlyList<long>? sources) => new(new
    {
        Sources = JsonSerializer.Serialize(sources), Document = Ids.TryParse(Ids.Document, filter.DocumentId, out var d) ? d : -1,
        Stance = filter.Stance?.ToString(), Status = filter.Status?.ToString(), Rating = filter.Rating?.ToString(), filter.Topic,
        filter.Language, From = Time.Store(filter.From), To = Time.Store(filter.To), filter.Q,
    });

    /// <summary>Claims without attributions and reviews, by public id, for embedding in other answers.</summary>
    internal static async Task<Dictionary<string, Claim>> LoadAsync(IDbConnection c, IDbTransaction? tx, IReadOnlyList<long> ids) =>
        (await c.QueryAsync<ClaimRow>(LoadStatement, new { Ids = JsonSerializer.Serialize(ids) }, tx)).Select(r => r.ToClaim()).ToDictionary(claim => claim.Id);

    /// <summary>The claims of a JSON array of ids, each row with its topics; the benchmark's raw search scenario runs it as is.</summary>
    internal const string LoadStatement = $"SELECT {Columns}, {TopicsColumn} FROM claims c WHERE c.id IN (SELECT value FROM json_each(@Ids))";

    /// <summary>The oldest claim worded exactly so, or null: an imported verdict on a claim already tracked joins it.</summary>
    internal static Task<long?> FindByTextAsync(IDbConnection c, IDbTransaction tx, string text) =>
        c.QuerySingleOrDefaultAsync<long?>("SELECT id FROM claims WHERE text = @Text ORDER BY id LIMIT 1", new { Text = text }, tx);

    public Task<Versioned<Claim>> CreateAsync(WriteOrigin origin, ClaimInput input) =>
        db.WriteAsync(origin, (c, tx) => InsertAsync(c, tx, input, Restored.New));

    /// <summary>Inserts a claim inside the caller's transaction, with a new id or, on restore, the one it had.</summary>
    internal async Task<Versioned<Claim>> InsertAsync(IDbConnection c, IDbTransaction tx, ClaimInput input, Restored restored)
    {
        var id = await c.ExecuteScalarAsync<long>($"""
            INSERT INTO claims (id, text, language, claim_date, status, created_at, updated_at)
            VALUES ({SqlDialect.Of(c).RestoredOrNextId("claims")},
                    @Text, @Language, @ClaimDate, @Status, @CreatedAt, @UpdatedAt)
            RETURNING id
            """, new DynamicParameters(Parameters(input)).Also(restored.Parameters(Time.Now(clock))), tx);
        await WriteTopicsAsync(c, tx, id, input.Topics);
        var created = (await LoadOneAsync(c, tx, id))!;
        await audit.CreatedAsync(c, tx, "claim", created.Resource.Id, created.Resource);
        return created;
    }

    public Task<Versioned<Claim>> UpdateAsync(WriteOrigin origin, Versioned<Claim> current, ClaimInput input) =>
        db.WriteAsync(origin, (c, tx) => UpdateAsync(c, tx, current.RowId, current.Version, input));

    /// <summary>Updates a claim inside the caller's transaction; a version other than <paramref name="version"/> is a 412.</summary>
    internal async Task<Versioned<Claim>> UpdateAsync(IDbConnection c, IDbTransaction tx, long id, long version, ClaimInput input)
    {
        var before = await LoadOneAsync(c, tx, id) ?? throw ApiProblem.NotFound("claim", Ids.Format(Ids.Claim, id));
        var changed = await c.ExecuteAsync("""
            UPDATE claims SET text = @Text, language = @Language, claim_date = @ClaimDate, status = @Status,
                updated_at = @Now, version = version + 1
            WHERE id = @Id AND version = @Version
            """, new DynamicParameters(Parameters(input)).Also(new { Id = id, Version = version }), tx);
        if (changed == 0) throw ApiProblem.PreconditionFailed(ETags.For(version + 1));
        await c.ExecuteAsync("DELETE FROM claim_topics WHERE claim_id = @Id", new { Id = id }, tx);
        await WriteTopicsAsync(c, tx, id, input.Topics);
        var updated = (await LoadOneAsync(c, tx, id))!;
        await audit.UpdatedAsync(c, tx, "claim", updated.Resource.Id, before.Resource, updated.Resource);
        return updated;
    }

    /// <summary>
    /// Deletes a claim; refuses while it has attributions or reviews unless <paramref name="cascade"/> is set. The version
    /// of <paramref name="current"/> (what If-Match was checked against) is compared again inside the write unit, so an
    /// edit that committed since is a 412; the cascaded rows are read there too, so the history gets each one deleted.
    /// </summary>
    public Task DeleteAsync(WriteOrigin origin, Versioned<Claim> current, bool cascade) => db.WriteAsync(origin, async (c, tx) =>
    {
        var id = new { Id = current.RowId };
        var found = await c.QuerySingleAsync<(long? Version, long Attributions, long Reviews)>("""
            SELECT (SELECT version FROM claims WHERE id = @Id),
                   (SELECT count(*) FROM attributions WHERE claim_id = @Id), (SELECT count(*) FROM reviews WHERE claim_id = @Id)
            """, id, tx);
        ETags.StillAt(found.Version, current.Version, "claim", current.Resource.Id);
        if (!cascade && (found.Attributions, found.Reviews) != (0, 0))
            throw Referenced.Problem("claim", current.Resource.Id, new() { ["attributions"] = found.Attributions, ["reviews"] = found.Reviews });
        var attributions = found.Attributions == 0 ? [] : await AttributionStore.ForClaimAsync(c, current.RowId, tx);
        var reviews = found.Reviews == 0 ? [] : await ReviewStore.ForClaimAsync(c, current.RowId, tx);
        await c.ExecuteAsync("""
            DELETE FROM attributions WHERE claim_id = @Id;
            DELETE FROM reviews WHERE claim_id = @Id;
            DELETE FROM claims WHERE id = @Id;
            """, id, tx);
        foreach (var a in attributions) await audit.DeletedAsync(c, tx, "attribution", a.Id, a);
        foreach (var r in reviews) await audit.DeletedAsync(c, tx, "review", r.Id, r);
        await audit.DeletedAsync(c, tx, "claim", current.Resource.Id, current.Resource with { Attributions = null, Reviews = null });
        return true;
    });

    private object Parameters(ClaimInput input) => new
    {
        input.Text, input.Language, ClaimDate = Time.Store(input.ClaimDate), Status = (input.Status ?? ClaimStatus.unreviewed).ToString(),
        Now = Time.Now(clock),
    };

    /// <summary>A claim without attributions and reviews, inside a caller's transaction; null when there is none.</summary>
    internal static async Task<Versioned<Claim>?> LoadOneAsync(IDbConnection c, IDbTransaction tx, long id)
    {
        var row = await c.QuerySingleOrDefaultAsync<ClaimRow>($"SELECT {Columns} FROM claims c WHERE c.id = @Id", new { Id = id }, tx);
        return row is null ? null : new Versioned<Claim>(row.ToClaim(await TopicsAsync(c, tx, id)), row.Id, row.Version);
    }

    private static async Task<IReadOnlyList<string>> TopicsAsync(IDbConnection c, IDbTransaction? tx, long id) =>
        (await c.QueryAsync<string>("SELECT topic FROM claim_topics WHERE claim_id = @Id ORDER BY position", new { Id = id }, tx)).ToList();

    private static async Task<ILookup<long, string>> TopicsAsync(IDbConnection c, IDbTransaction? tx, IEnumerable<long> ids) =>
        (await c.QueryAsync<(long ClaimId, string Topic)>(
            "SELECT claim_id, topic FROM claim_topics WHERE claim_id IN (SELECT value FROM json_each(@Ids)) ORDER BY claim_id, position",
            new { Ids = JsonSerializer.Serialize(ids) }, tx)).ToLookup(t => t.ClaimId, t => t.Topic);

    private static Task WriteTopicsAsync(IDbConnection c, IDbTransaction tx, long claimId, IEnumerable<string> topics) =>
        c.ExecuteAsync("INSERT INTO claim_topics (claim_id, topic, position) VALUES (@ClaimId, @Topic, @Position)",
            topics.Distinct().Select((topic, i) => new { ClaimId = claimId, Topic = topic, Position = i }), tx);
}
