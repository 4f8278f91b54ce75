using System.Data;
using System.Text.Json;
using ClaimTracker.Api.ClaimReviews;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Search;
using Dapper;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.FactCheckTools;

/// <summary>
/// claims:search: reviewed claims found by the search index (ranked as GET /search ranks them, within the same window of newest matches) or, with only a site filter,
/// newest review first; each with its reviews that the filters keep, told as the ClaimReview feed tells them.
/// </summary>
public sealed class FactCheckStore(Db db, SearchIndex index, TimeProvider clock, IOptions<SearchOptions> searchOptions)
{
    private const string SiteFunction = "site_matches";

    public async Task<FactCheckedClaimSearchResponse> SearchAsync(FactCheckQuery query, string baseUrl)
    {
        // The request is checked before the index catches up: a bad one is answered without waiting for a write.
        var expression = string.IsNullOrWhiteSpace(query.Query) ? null : FtsQuery.Translate(query.Query, "query");
        var filter = new Filter(query.Site, Language(query.LanguageCode), query.MaxAgeDays is int days and > 0 ? Time.Store(clock.GetUtcNow().AddDays(-days)) : null);
        var fingerprint = SearchCursor.Fingerprint("claims:search", expression, filter.Site, filter.Language, query.MaxAgeDays ?? 0);
        var offset = query.PageToken is { } token ? SearchCursor.Decode(token, fingerprint, "pageToken") : query.Offset ?? 0;
        if (expression is not null) await index.CatchUpAsync();
        return await db.ReadAsync(c => SearchAsync(c, expression, filter, fingerprint, offset, query.Take, baseUrl));
    }

    private async Task<FactCheckedClaimSearchResponse> SearchAsync(
        DbConnection c, string? expression, Filter filter, string fingerprint, int offset, int take, string baseUrl)
    {
        var parameters = new { filter.Site, BaseUrl = baseUrl, filter.Since, filter.Language, LanguageRange = filter.Language + "-%" };

        // SQLite has no URL parsing of its own: the site test runs in .NET, registered on the connection.
        ((SqliteConnection)c).CreateFunction<string, string, bool>(SiteFunction, ReviewSite.Matches, isDeterministic: true);
        var found = expression is null
            ? (await c.QueryAsync<long>($"""
                SELECT r.claim_id FROM reviews r JOIN claims c ON c.id = r.claim_id
                {Reviewed(filter).AndIf(filter.Language is not null, LanguageCondition)}
                GROUP BY r.claim_id
                ORDER BY max(coalesce(r.published_at, r.created_at)) DESC, r.claim_id DESC
                LIMIT @Fetch OFFSET @Offset
                """, new DynamicParameters(parameters).Also(new { Fetch = take + 1, Offset = offset }))).ToList()
            : await SearchStore.RankAsync(c, expression, Scope(filter), parameters, offset, take + 1, searchOptions.Value.RankWindow, "query");

        var claims = await ClaimsAsync(c, found.Take(take).ToList(), filter, parameters, baseUrl);
        var more = found.Count > take && offset + take <= SearchCursor.MaxOffset;
        return new FactCheckedClaimSearchResponse(claims.Count > 0 ? claims : null, more ? SearchCursor.Encode(offset + take, fingerprint) : null);
    }

    private sealed record Filter(string? Site, string? Language, string? Since);

    private const string LanguageCondition = "(lower(c.language) = @Language OR lower(c.language) LIKE @LanguageRange)";

    /// <summary>The reviews of <c>claims c</c> that count (reviews r): on the site, recent enough. A claim without one is not answered.</summary>
    private static SqlWhere Reviewed(Filter filter) => new SqlWhere()
        .And("r.claim_id = c.id")
        .AndIf(filter.Site is not null, $"{SiteFunction}(coalesce(r.url, @BaseUrl), @Site)")
        .AndIf(filter.Since is not null,
            "(coalesce(r.published_at, r.created_at) >= @Since OR coalesce(c.claim_date, c.first_stated_at) >= @Since)");

    /// <summary>The claims the search index may answer: reviewed (by a review that counts), in the language asked.</summary>
    private static SqlWhere Scope(Filter filter) => new SqlWhere()
        .And($"EXISTS (SELECT 1 FROM reviews r {Reviewed(filter)})")
        .AndIf(filter.Language is not null, LanguageCondition);

    /// <summary>The primary language subtag: Google's API, too, does not consider the region.</summary>
    private static string? Language(string? code) => code?.Split('-')[0].ToLowerInvariant();

    private static async Task<List<FactCheckedClaim>> ClaimsAsync(DbConnection c, IReadOnlyList<long> claimIds, Filter filter, object parameters, string baseUrl)
    {
        if (claimIds.Count == 0) return [];
        var reviewIds = (await c.QueryAsync<long>($"""
            SELECT r.id FROM reviews r JOIN claims c ON c.id = r.claim_id
            {Reviewed(filter).And("r.claim_id IN (SELECT value FROM json_each(@Ids))")}
            ORDER BY coalesce(r.published_at, r.created_at) DESC, r.id DESC
            """, new DynamicParameters(parameters).Also(new { Ids = JsonSerializer.Serialize(claimIds) }))).ToList();
        var reviews = (await ReviewStore.LoadAsync(c, null, reviewIds)).Select(r => r.Resource).ToList();
        var published = reviews.Zip(await ClaimReviewStore.BuildAsync(c, reviews, baseUrl)).ToLookup(p => p.First.ClaimId, p => p.Second);
        return claimIds.Select(id => published[Ids.Format(Ids.Claim, id)].ToList()).Where(l => l.Count > 0).Select(ToClaim).ToList();
    }

    private static FactCheckedClaim ToClaim(IReadOnlyList<ClaimReviewLd> reviews)
    {
        var claim = reviews[0].ItemReviewed;
        var claimants = claim.Author is { Count: > 0 } authors ? string.Join(", ", authors.Select(a => a.Name)) : null;
        return new FactCheckedClaim(reviews[0].ClaimReviewed, claimants, claim.DatePublished, reviews.Select(r => new FactCheckClaimReview(
            new FactCheckPublisher(r.Author?.Name, ReviewSite.Of(r.Url)), r.Url, r.DatePublished, r.ReviewRating.AlternateName, r.InLanguage, r.Headline)).ToList());
    }
}
