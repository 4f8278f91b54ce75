using System.Data;
using System.Text.Json;
using ClaimTracker.Api.Audit;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Dapper;

namespace ClaimTracker.Api.Reviews;

/// <summary>
/// Reviews in SQL. A review moves its claim to <c>reviewed</c>; deleting the last one moves it
/// back to <c>in_review</c>, since someone looked at it but no verdict stands.
/// </summary>
public sealed class ReviewStore(Db db, TimeProvider clock, AuditLog audit)
{
    private const string Columns = """
        r.id, r.claim_id AS ClaimId, r.rating, r.rating_value AS RatingValue, r.textual_rating AS TextualRating, r.summary, r.reviewer, r.title,
        r.url, r.evidence, r.published_at AS PublishedAt, r.created_at AS CreatedAt, r.updated_at AS UpdatedAt, r.version
        """;

    public Task<Versioned<Review>?> GetAsync(long id) => db.ReadAsync(async c => (await LoadAsync(c, null, [id])).SingleOrDefault());

    /// <summary>Reviews by row id, in the order asked.</summary>
    internal static async Task<IReadOnlyList<Versioned<Review>>> LoadAsync(IDbConnection c, IDbTransaction? tx, IReadOnlyList<long> ids)
    {
        var rows = (await c.QueryAsync<ReviewRow>($"SELECT {Columns} FROM reviews r WHERE r.id IN (SELECT value FROM json_each(@Ids))",
            new { Ids = JsonSerializer.Serialize(ids) }, tx)).ToDictionary(r => r.Id);
        return ids.Where(rows.ContainsKey).Select(id => rows[id].ToVersioned()).ToList();
    }

    /// <summary>The row id of the review published at this URL, or null: URLs identify reviews on import.</summary>
    internal static Task<long?> FindByUrlAsync(IDbConnection c, IDbTransaction tx, string url) =>
        c.QuerySingleOrDefaultAsync<long?>("SELECT id FROM reviews WHERE url = @Url", new { Url = url }, tx);

    public Task<Page<Review>> ListAsync(ReviewFilter filter, PageQuery page) => db.ReadAsync(async c =>
    {
        var keyset = page.Keyset("r.id");
        var where = new SqlWhere()
            .And(keyset.Condition)
            .AndIf(filter.ClaimId is not null, "r.claim_id = @Claim")
            .AndIf(filter.Rating is not null, "r.rating = @Rating")
            .AndIf(filter.From is not null, "r.published_at >= @From")
            .AndIf(filter.To is not null, "r.published_at < @To")
            .AndIf(filter.Since is not null,
                "(r.updated_at >= @Since OR (SELECT c.updated_at FROM claims c WHERE c.id = r.claim_id) >= @Since)");
        var rows = (await c.QueryAsync<ReviewRow>($"SELECT {Columns} FROM reviews r {where} {keyset.OrderAndLimit}", new
        {
            Claim = Ids.TryParse(Ids.Claim, filter.ClaimId, out var claim) ? claim : -1, Rating = filter.Rating?.ToString(),
            From = Time.Store(filter.From), To = Time.Store(filter.To), Since = Time.Store(filter.Since), keyset.After, keyset.Fetch,
        })).ToList();
        var result = page.ToPage(rows, r => r.Id);
        return new Page<Review>(result.Items.Select(r => r.ToVersioned().Resource).ToList(), result.NextCursor);
    });

    internal static async Task<IReadOnlyList<Review>> ForClaimAsync(IDbConnection c, long claimId, IDbTransaction? tx = null) =>
        (await c.QueryAsync<ReviewRow>($"SELECT {Columns} FROM reviews r WHERE r.claim_id = @Id ORDER BY r.id", new { Id = claimId }, tx))
        .Select(r => r.ToVersioned().Resource).ToList();

    public Task<Versioned<Review>> CreateAsync(WriteOrigin origin, long claimId, ReviewInput input) =>
        db.WriteAsync(origin, (c, tx) => InsertAsync(c, tx, claimId, input, Restored.New));

    /// <summary>
    /// Inserts a review inside the caller's transaction. A new review marks its claim reviewed; a restored one
    /// (kept id and times) leaves the claim as its own exported line has it.
    /// </summary>
    internal async Task<Versioned<Review>> InsertAsync(IDbConnection c, IDbTransaction tx, long claimId, ReviewInput input, Restored restored)
    {
        var now = Time.Now(clock);
        // A restored review comes with its claim's status as it was; a new one moves the claim to reviewed.
        if (restored == Restored.New)
            await SetClaimStatusAsync(c, tx, claimId, "UPDATE claims SET status = 'reviewed', updated_at = @Now, version = version + 1 WHERE id = @ClaimId AND status <> 'reviewed'");
        else if (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM claims WHERE id = @Id", new { Id = claimId }, tx) == 0)
            throw ApiProblem.NotFound("claim", Ids.Format(Ids.Claim, claimId));
        await EnsureUrlFreeAsync(c, tx, input.Url, null);
        var id = await c.ExecuteScalarAsync<long>($"""
            INSERT INTO reviews (id, claim_id, rating, rating_value, textual_rating, summary, reviewer, title, url, evidence, published_at,
                                 created_at, updated_at)
            VALUES ({SqlDialect.Of(c).RestoredOrNextId("reviews")},
                    @ClaimId, @Rating, @RatingValue, @TextualRating, @Summary, @Reviewer, @Title, @Url, @Evidence, @PublishedAt, @CreatedAt, @UpdatedAt)
            RETURNING id
            """, new DynamicParameters(Parameters(input, now)).Also(new { ClaimId = claimId }).Also(restored.Parameters(now)), tx);
        var created = await LoadOneAsync(c, tx, id);
        await audit.CreatedAsync(c, tx, "review", created.Resource.Id, created.Resource);
        return created;
    }

    public Task<Versioned<Review>> UpdateAsync(WriteOrigin origin, Versioned<Review> current, ReviewInput input) =>
        db.WriteAsync(origin, (c, tx) => UpdateAsync(c, tx, current, input));

    /// <summary>Updates a review inside the caller's transaction; a stale version is a 412.</summary>
    internal async Task<Versioned<Review>> UpdateAsync(IDbConnection c, IDbTransaction tx, Versioned<Review> current, ReviewInput input)
    {
        await EnsureUrlFreeAsync(c, tx, input.Url, current.RowId);
        var changed = await c.ExecuteAsync("""
            UPDATE reviews SET rating = @Rating, rating_value = @RatingValue, textual_rating = @TextualRating, summary = @Summary,
                reviewer = @Reviewer, title = @Title, url = @Url, evidence = @Evidence, published_at = @PublishedAt, updated_at = @Now, version = version + 1
            WHERE id = @Id AND version = @Version
            """, new DynamicParameters(Parameters(input, Time.Now(clock))).Also(new { Id = current.RowId, current.Version }), tx);
        if (changed == 0) throw ApiProblem.PreconditionFailed(ETags.For(current.Version + 1));
        var updated = await LoadOneAsync(c, tx, current.RowId);
        await audit.UpdatedAsync(c, tx, "review", updated.Resource.Id, current.Resource, updated.Resource);
        return updated;
    }

    public Task DeleteAsync(WriteOrigin origin, Versioned<Review> current) => db.WriteAsync(origin, async (c, tx) =>
    {
        if (await c.ExecuteAsync("DELETE FROM reviews WHERE id = @Id AND version = @Version", new { Id = current.RowId, current.Version }, tx) == 0)
            throw ApiProblem.PreconditionFailed(ETags.For(current.Version + 1));
        await audit.DeletedAsync(c, tx, "review", current.Resource.Id, current.Resource);
        await SetClaimStatusAsync(c, tx, Ids.Parse(Ids.Claim, current.Resource.ClaimId, "claim"), """
            UPDATE claims SET status = 'in_review', updated_at = @Now, version = version + 1
            WHERE id = @ClaimId AND status = 'reviewed' AND NOT EXISTS (SELECT 1 FROM reviews WHERE claim_id = @ClaimId)
            """);
        return true;
    });

    /// <summary>Moves the claim's status as verdicts come and go, recording the change in its history.</summary>
    private async Task SetClaimStatusAsync(IDbConnection c, IDbTransaction tx, long claimId, string update)
    {
        var before = await ClaimStore.LoadOneAsync(c, tx, claimId) ?? throw ApiProblem.NotFound("claim", Ids.Format(Ids.Claim, claimId));
        if (await c.ExecuteAsync(update, new { ClaimId = claimId, Now = Time.Now(clock) }, tx) == 0) return;
        var after = (await ClaimStore.LoadOneAsync(c, tx, claimId))!;
        await audit.UpdatedAsync(c, tx, "claim", after.Resource.Id, before.Resource, after.Resource);
    }

    private static object Parameters(ReviewInput input, string now) => new
    {
        Rating = input.Rating!.Value.ToString(), RatingValue = input.RatingValue ?? ReviewInput.ValueOf(input.Rating.Value), input.TextualRating,
        input.Summary, input.Reviewer, input.Title, input.Url, Evidence = JsonSerializer.Serialize(input.Evidence), PublishedAt = Time.Store(input.PublishedAt),
        Now = now,
    };

    private static async Task<Versioned<Review>> LoadOneAsync(IDbConnection c, IDbTransaction tx, long id) => (await LoadAsync(c, tx, [id])).Single();

    // A review's URL identifies it (ClaimReview import updates the review at a URL), so two reviews may not share one.
    private static async Task EnsureUrlFreeAsync(IDbConnection c, IDbTransaction tx, string? url, long? self)
    {
        if (url is null || await FindByUrlAsync(c, tx, url) is not { } owner || owner == self) return;
        var id = Ids.Format(Ids.Review, owner);
        throw new ApiProblem(409, ApiProblem.TypeBase + "duplicate-review-url", "Review URL taken", $"The review {id} is already published at this url.")
        {
            Headers = { ["Location"] = $"/api/v1/reviews/{id}" }, Extensions = { ["existingId"] = id },
        };
    }
}
