using System.Data;
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
public sealed class ClaimStore(Db db, TimeProvider clock, AuditLog audit)
{
    private const string Columns = """
        c.id, c.text, c.language, c.claim_date AS ClaimDate, c.first_stated_at AS FirstStatedAt, c.status,
        c.created_at AS CreatedAt, c.updated_at AS UpdatedAt, c.version
        """;

    /// <summary>A claim with its attributions and reviews.</summary>
    public Task<Versioned<Claim>?> GetAsync(long id) => db.ReadAsync(async c =>
    {
        var row = await c.QuerySingleOrDefaultAsync<ClaimRow>($"SELECT {Columns} FROM claims c WHERE c.id = @Id", new { Id = id });
        if (row is null) return null;
        var claim = row.ToClaim(await TopicsAsync(c, null, id)) with
        {
            Attributions = await AttributionStore.ForClaimAsync(c, id),
            Reviews = await ReviewStore.ForClaimAsync(c, id),
        };
        return new Versioned<Claim>(claim, row.Id, row.Version);
    });

    /// <summary>The claim as its editable fields, with the claim date as set rather than as derived.</summary>
    public Task<ClaimInput> EditableAsync(long id) => db.ReadAsync(async c =>
    {
        var row = await c.QuerySingleAsync<ClaimRow>($"SELECT {Columns} FROM claims c WHERE c.id = @Id", new { Id = id });
        return new ClaimInput
        {
            Text = row.Text, Language = row.Language, Topics = [.. await TopicsAsync(c, null, id)],
            ClaimDate = Time.LoadOptional(row.ClaimDate), Status = Enum.Parse<ClaimStatus>(row.Status),
        };
    });

    public Task<Page<Claim>> ListAsync(ClaimFilter filter, PageQuery page) => db.ReadAsync(async c =>
    {
        var keyset = page.Keyset("c.id");
        var sources = filter.SourceId is null ? null : await SourceStore.FamilyAsync(c, filter.SourceId, filter.IncludeAffiliates ?? false);
        var byAttribution = new SqlWhere()
            .AndIf(sources is not null, "a.source_id IN (SELECT value FROM json_each(@Sources))")
            .AndIf(filter.DocumentId is not null, "a.document_id = @Document")
            .AndIf(filter.Stance is not null, "a.stance = @Stance");
        var where = new SqlWhere()
            .And(keyset.Condition)
            .AndIf(sources is not null || filter.DocumentId is not null || filter.Stance is not null,
                $"c.id IN (SELECT a.claim_id FROM attributions a {byAttribution})")
            .AndIf(filter.Status is not null, "c.status = @Status")
            .AndIf(filter.Rating is not null, "c.id IN (SELECT r.claim_id FROM reviews r WHERE r.rating = @Rating)")
            .AndIf(filter.Topic is not null, "c.id IN (SELECT t.claim_id FROM claim_topics t WHERE t.topic = @Topic)")
            .AndIf(filter.Language is not null, "c.language = @Language")
            .AndIf(filter.From is not null, "coalesce(c.claim_date, c.first_stated_at) >= @From")
            .AndIf(filter.To is not null, "coalesce(c.claim_date, c.first_stated_at) < @To")
            .AndIf(filter.Q is not null, "instr(lower(c.text), lower(@Q)) > 0");
        var rows = (await c.QueryAsync<ClaimRow>($"SELECT {Columns} FROM claims c {where} {keyset.OrderAndLimit}", new
        {
            Sources = JsonSerializer.Serialize(sources), Document = Ids.TryParse(Ids.Document, filter.DocumentId, out var d) ? d : -1,
            Stance = filter.Stance?.ToString(), Status = filter.Status?.ToString(), Rating = filter.Rating?.ToString(), filter.Topic,
            filter.Language, From = Time.Store(filter.From), To = Time.Store(filter.To), filter.Q, keyset.After, keyset.Fetch,
        })).ToList();
        var result = page.ToPage(rows, r => r.Id);
        var topics = await TopicsAsync(c, result.Items.Select(r => r.Id));
        return new Page<Claim>(result.Items.Select(r => r.ToClaim(topics[r.Id].ToList())).ToList(), result.NextCursor);
    });

    /// <summary>Claims without attributions and reviews, by public id, for embedding in other answers.</summary>
    internal static async Task<Dictionary<string, Claim>> LoadAsync(IDbConnection c, IReadOnlyList<long> ids)
    {
        var rows = await c.QueryAsync<ClaimRow>(
            $"SELECT {Columns} FROM claims c WHERE c.id IN (SELECT value FROM json_each(@Ids))", new { Ids = JsonSerializer.Serialize(ids) });
        var topics = await TopicsAsync(c, ids);
        return rows.Select(r => r.ToClaim(topics[r.Id].ToList())).ToDictionary(claim => claim.Id);
    }

    public Task<Versioned<Claim>> CreateAsync(ClaimInput input) => db.WriteAsync((c, tx) => CreateAsync(c, tx, input));

    /// <summary>Creates a claim, with its history entry, inside a caller's transaction (accepting a suggestion makes one).</summary>
    internal async Task<Versioned<Claim>> CreateAsync(IDbConnection c, IDbTransaction tx, ClaimInput input)
    {
        var id = await c.ExecuteScalarAsync<long>("""
            INSERT INTO claims (text, language, claim_date, status, created_at, updated_at)
            VALUES (@Text, @Language, @ClaimDate, @Status, @Now, @Now)
            RETURNING id
            """, Parameters(input), tx);
        await WriteTopicsAsync(c, tx, id, input.Topics);
        var created = (await LoadOneAsync(c, tx, id))!;
        await audit.CreatedAsync(c, tx, "claim", created.Resource.Id, created.Resource);
        return created;
    }

    public Task<Versioned<Claim>> UpdateAsync(Versioned<Claim> current, ClaimInput input) => db.WriteAsync(async (c, tx) =>
    {
        var changed = await c.ExecuteAsync("""
            UPDATE claims SET text = @Text, language = @Language, claim_date = @ClaimDate, status = @Status,
                updated_at = @Now, version = version + 1
            WHERE id = @Id AND version = @Version
            """, new DynamicParameters(Parameters(input)).Also(new { Id = current.RowId, current.Version }), tx);
        if (changed == 0) throw ApiProblem.PreconditionFailed(ETags.For(current.Version + 1));
        await c.ExecuteAsync("DELETE FROM claim_topics WHERE claim_id = @Id", new { Id = current.RowId }, tx);
        await WriteTopicsAsync(c, tx, current.RowId, input.Topics);
        var updated = (await LoadOneAsync(c, tx, current.RowId))!;
        await audit.UpdatedAsync(c, tx, "claim", updated.Resource.Id, current.Resource with { Attributions = null, Reviews = null }, updated.Resource);
        return updated;
    });

    /// <summary>Deletes a claim; refuses while it has attributions or reviews unless <paramref name="cascade"/> is set.</summary>
    public Task DeleteAsync(Versioned<Claim> current, bool cascade) => db.WriteAsync(async (c, tx) =>
    {
        var id = new { Id = current.RowId };
        var uses = await c.QuerySingleAsync<(long Attributions, long Reviews)>(
            "SELECT (SELECT count(*) FROM attributions WHERE claim_id = @Id), (SELECT count(*) FROM reviews WHERE claim_id = @Id)", id, tx);
        if (!cascade && uses != (0, 0))
            throw Referenced.Problem("claim", current.Resource.Id, new() { ["attributions"] = uses.Attributions, ["reviews"] = uses.Reviews });
        await c.ExecuteAsync("""
            DELETE FROM attributions WHERE claim_id = @Id;
            DELETE FROM reviews WHERE claim_id = @Id;
            DELETE FROM claims WHERE id = @Id;
            """, id, tx);
        foreach (var a in current.Resource.Attributions ?? []) await audit.DeletedAsync(c, tx, "attribution", a.Id, a);
        foreach (var r in current.Resource.Reviews ?? []) await audit.DeletedAsync(c, tx, "review", r.Id, r);
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

    private static async Task<ILookup<long, string>> TopicsAsync(IDbConnection c, IEnumerable<long> ids) =>
        (await c.QueryAsync<(long ClaimId, string Topic)>(
            "SELECT claim_id, topic FROM claim_topics WHERE claim_id IN (SELECT value FROM json_each(@Ids)) ORDER BY claim_id, position",
            new { Ids = JsonSerializer.Serialize(ids) })).ToLookup(t => t.ClaimId, t => t.Topic);

    private static Task WriteTopicsAsync(IDbConnection c, IDbTransaction tx, long claimId, IEnumerable<string> topics) =>
        c.ExecuteAsync("INSERT INTO claim_topics (claim_id, topic, position) VALUES (@ClaimId, @Topic, @Position)",
            topics.Distinct().Select((topic, i) => new { ClaimId = claimId, Topic = topic, Position = i }), tx);
}
