using System.Data;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Documents;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Sources;

namespace ClaimTracker.Api.ClaimReviews;

/// <summary>
/// Reviews published as ClaimReview JSON-LD, assembled from the claim, its attributions, their sources
/// and documents through the feature stores' own loaders.
/// </summary>
public sealed class ClaimReviewStore(Db db, ReviewStore reviews)
{
    /// <summary>The stances that put a claim forward: their sources are the claim's authors.</summary>
    private static readonly Stance[] Claiming = [Stance.asserts, Stance.speculates];

    /// <summary>Every review of a claim as JSON-LD; null when there is no such claim.</summary>
    public Task<IReadOnlyList<ClaimReviewLd>?> ForClaimAsync(long claimId, string baseUrl) => db.ReadAsync(async c =>
    {
        var claims = await ClaimStore.LoadAsync(c, null, [claimId]);
        if (claims.Count == 0) return null;
        return (IReadOnlyList<ClaimReviewLd>?)await BuildAsync(c, await ReviewStore.ForClaimAsync(c, claimId), baseUrl);
    });

    /// <summary>A page of all reviews, oldest first, optionally only those changed since a time.</summary>
    public async Task<ClaimReviewFeed> FeedAsync(DateTimeOffset? since, PageQuery page, string baseUrl)
    {
        var found = await reviews.ListAsync(new ReviewFilter { Since = since }, page);
        var items = await db.ReadAsync(c => BuildAsync(c, found.Items, baseUrl));
        return new ClaimReviewFeed(ClaimReviewLd.SchemaOrg, items, found.NextCursor);
    }

    /// <summary>Where this API publishes a review that has no url of its own: the review resource, which is stable and on this host.</summary>
    public static string OwnUrl(string baseUrl, string reviewId) => $"{baseUrl}/api/v1/reviews/{reviewId}";

    /// <summary>Reviews as ClaimReview JSON-LD, in the order given; claims:search answers from these too, so both say the same.</summary>
    internal static async Task<IReadOnlyList<ClaimReviewLd>> BuildAsync(IDbConnection c, IReadOnlyList<Review> found, string baseUrl)
    {
        var claimIds = found.Select(r => Ids.Parse(Ids.Claim, r.ClaimId, "claim")).Distinct().ToList();
        var claims = await ClaimStore.LoadAsync(c, null, claimIds);
        var attributions = new Dictionary<string, IReadOnlyList<Attribution>>();
        foreach (var id in claimIds) attributions[Ids.Format(Ids.Claim, id)] = await AttributionStore.ForClaimAsync(c, id);

        var all = attributions.Values.SelectMany(a => a).ToList();
        var documents = (await DocumentStore.LoadAsync(c, null, all.Select(a => RowId(Ids.Document, a.DocumentId)).Distinct().ToList()))
            .ToDictionary(d => d.Resource.Id, d => d.Resource);
        var sourceIds = all.Select(a => a.SourceId).Concat(documents.Values.Select(d => d.PublisherId).OfType<string>());
        var sources = (await SourceStore.LoadAsync(c, null, sourceIds.Select(id => RowId(Ids.Source, id)).Distinct().ToList()))
            .ToDictionary(s => s.Resource.Id, s => s.Resource);

        return found.Select(review =>
        {
            var claim = claims[review.ClaimId];
            var said = attributions[review.ClaimId];
            var authors = said.Where(a => Claiming.Contains(a.Stance)).Select(a => a.SourceId).Distinct().Select(id => Agent(sources[id])).ToList();
            var appearances = said.Select(a => documents[a.DocumentId]).DistinctBy(d => d.Id)
                .OrderBy(d => d.PublishedAt ?? DateTimeOffset.MaxValue).ThenBy(d => RowId(Ids.Document, d.Id))
                .Select(d => new LdCreativeWork("CreativeWork", d.Url, d.Title, d.PublishedAt, d.PublisherId is { } p ? Agent(sources[p]) : null))
                .ToList();
            var words = review.TextualRating ?? RatingTable.Label(review.Rating);
            return new ClaimReviewLd(ClaimReviewLd.SchemaOrg, "ClaimReview",
                review.Url ?? OwnUrl(baseUrl, review.Id),
                claim.Text,
                review.PublishedAt ?? review.CreatedAt,
                review.UpdatedAt > claim.UpdatedAt ? review.UpdatedAt : claim.UpdatedAt,
                review.Reviewer is { } reviewer ? new LdAgent("Organization", reviewer) : null,
                new LdRating("Rating", review.RatingValue, 5, 1, words, words),
                new LdClaim("Claim", authors.Count > 0 ? authors : null, claim.ClaimDate, appearances, appearances.FirstOrDefault()),
                review.Summary,
                claim.Language,
                review.Title);
        }).ToList();
    }

    private static LdAgent Agent(Source source) => new(
        source.Kind == SourceKind.person ? "Person" : "Organization",
        source.Name,
        source.WikidataId is { } q ? "https://www.wikidata.org/wiki/" + q : null,
        source.Url);

    private static long RowId(string prefix, string id) => Ids.Parse(prefix, id, prefix);
}
