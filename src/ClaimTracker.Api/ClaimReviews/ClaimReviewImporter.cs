using System.Data;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Documents;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Sources;

namespace ClaimTracker.Api.ClaimReviews;

/// <summary>What one imported ClaimReview became.</summary>
public sealed record ImportedClaimReview(
    string Path, string Url,
    [property: System.ComponentModel.Description("created, updated or unchanged (the same ClaimReview imported again).")] string Outcome,
    string ReviewId, string ClaimId, IReadOnlyList<string> SourceIds, IReadOnlyList<string> DocumentIds, IReadOnlyList<string> Warnings);

/// <summary>The answer of a ClaimReview import, one item per ClaimReview in the order sent.</summary>
public sealed record ClaimReviewImportResult(IReadOnlyList<ImportedClaimReview> Items);

/// <summary>
/// Stores imported ClaimReviews in one transaction through the feature stores: the review is found by its
/// url (so a second import updates it), the claim by the review or by its exact text, claimants through
/// source resolution (Wikidata item, then exact name, alias or slug) and appearances by document URL.
/// </summary>
public sealed class ClaimReviewImporter(Db db, SourceStore sources, DocumentStore documents, ClaimStore claims, AttributionStore attributions, ReviewStore reviews)
{
    public Task<ClaimReviewImportResult> ImportAsync(WriteOrigin origin, IReadOnlyList<ClaimReviewIn> items, string baseUrl) =>
        db.WriteAsync(origin, async (c, tx) =>
    {
        var results = new List<ImportedClaimReview>();
        foreach (var item in items) results.Add(await ImportAsync(c, tx, item, baseUrl));
        return new ClaimReviewImportResult(results);
    });

    private async Task<ImportedClaimReview> ImportAsync(IDbConnection c, IDbTransaction tx, ClaimReviewIn item, string baseUrl)
    {
        var warnings = item.Warnings.ToList();
        var existing = await ExistingReviewAsync(c, tx, item.Review.Url!, baseUrl);
        var claimId = existing is not null ? Ids.Parse(Ids.Claim, existing.Resource.ClaimId, "claim") : await ClaimStore.FindByTextAsync(c, tx, item.Claim.Text!);
        if (claimId is { } known) await UpdateClaimAsync(c, tx, known, item.Claim);
        else claimId = (await claims.InsertAsync(c, tx, item.Claim, Restored.New)).RowId;

        var sourceIds = new List<long>();
        foreach (var claimant in item.Claimants) sourceIds.Add(await ClaimantAsync(c, tx, claimant));
        var documentIds = new List<long>();
        foreach (var appearance in item.Appearances)
            documentIds.Add(await DocumentStore.FindByUrlAsync(c, tx, appearance.Url!) ?? (await documents.InsertAsync(c, tx, appearance, Restored.New)).RowId);
        if (sourceIds.Count == 0 && documentIds.Count > 0) warnings.Add("itemReviewed has no author: the appearances are stored but attributed to nobody.");
        if (sourceIds.Count > 0 && documentIds.Count == 0) warnings.Add("itemReviewed has no appearance: the claimants are stored but not attributed, since an attribution needs a document.");
        foreach (var documentId in documentIds) await AttributeAsync(c, tx, claimId.Value, sourceIds, documentId, item, warnings);

        var input = new ReviewInput
        {
            Rating = item.Review.Rating, RatingValue = item.Review.RatingValue, TextualRating = item.Review.TextualRating, Summary = item.Review.Summary, Title = item.Review.Title,
            Reviewer = item.Review.Reviewer, PublishedAt = item.Review.PublishedAt,
            // A review found through this API's own URL for it keeps having no url of its own; ClaimReview carries no evidence list.
            Url = existing is null ? item.Review.Url : existing.Resource.Url, Evidence = [.. existing?.Resource.Evidence ?? []],
        };
        var (outcome, review) = existing is null ? ("created", await reviews.InsertAsync(c, tx, claimId.Value, input, Restored.New))
            : Same(existing.Resource, input) ? ("unchanged", existing)
            : ("updated", await reviews.UpdateAsync(c, tx, existing, input));
        return new ImportedClaimReview(item.Path, item.Review.Url!, outcome, review.Resource.Id, Ids.Format(Ids.Claim, claimId.Value),
            sourceIds.Select(id => Ids.Format(Ids.Source, id)).ToList(), documentIds.Select(id => Ids.Format(Ids.Document, id)).ToList(), warnings);
    }

    /// <summary>The review at this url, or the review whose own URL in this API it is (a ClaimReview this service published).</summary>
    private static async Task<Versioned<Review>?> ExistingReviewAsync(IDbConnection c, IDbTransaction tx, string url, string baseUrl)
    {
        var own = ClaimReviewStore.OwnUrl(baseUrl, "");
        var id = await ReviewStore.FindByUrlAsync(c, tx, url)
            ?? (url.StartsWith(own, StringComparison.Ordinal) && Ids.TryParse(Ids.Review, url[own.Length..], out var rowId) ? rowId : null);
        return id is null ? null : (await ReviewStore.LoadAsync(c, tx, [id.Value])).SingleOrDefault();
    }

    /// <summary>Brings the claim's wording, language and date in line with the ClaimReview; a claim already in line is left untouched.</summary>
    private async Task UpdateClaimAsync(IDbConnection c, IDbTransaction tx, long claimId, ClaimInput imported)
    {
        var (current, version) = (await ClaimStore.EditableAsync(c, tx, claimId))!.Value;
        var wanted = new ClaimInput
        {
            Text = imported.Text, Language = imported.Language ?? current.Language, Topics = current.Topics,
            ClaimDate = imported.ClaimDate ?? current.ClaimDate, Status = current.Status,
        };
        if (wanted.Text != current.Text || wanted.Language != current.Language || wanted.ClaimDate != current.ClaimDate)
            await claims.UpdateAsync(c, tx, claimId, version, wanted);
    }

    private async Task<long> ClaimantAsync(IDbConnection c, IDbTransaction tx, SourceInput claimant)
    {
        if (claimant.WikidataId is { } q && await SourceStore.FindByWikidataAsync(c, tx, q) is { } byItem) return byItem;
        if (await SourceStore.ResolveAsync(c, tx, claimant.Name!, 1) is [{ Exact: true } match]) return Ids.Parse(Ids.Source, match.Source.Id, "source");
        return (await sources.InsertAsync(c, tx, claimant, Restored.New)).RowId;
    }

    /// <summary>Records each claimant making the claim in the document, once; the quote is the claim as reviewed, since the markup carries no exact words.</summary>
    private async Task AttributeAsync(IDbConnection c, IDbTransaction tx, long claimId, List<long> sourceIds, long documentId, ClaimReviewIn item, List<string> warnings)
    {
        var document = (await DocumentStore.LoadAsync(c, tx, [documentId])).Single().Resource;
        foreach (var sourceId in sourceIds)
        {
            if (await AttributionStore.ExistsAsync(c, tx, claimId, sourceId, documentId)) continue;
            if (document.Text is not null)
            {
                warnings.Add($"{document.Id} has its text stored: attribute {Ids.Format(Ids.Source, sourceId)} there with a quote from it by hand.");
                continue;
            }
            await attributions.InsertAsync(c, tx, claimId, new AttributionInput
            {
                SourceId = Ids.Format(Ids.Source, sourceId), DocumentId = document.Id, Stance = Stance.asserts, Quote = item.Claim.Text,
                StatedAt = item.Claim.ClaimDate, Note = "Imported from the ClaimReview at " + item.Review.Url,
            }, Restored.New);
        }
    }

    private static bool Same(Review r, ReviewInput i) =>
        r.Rating == i.Rating && r.RatingValue == (i.RatingValue ?? ReviewInput.ValueOf(i.Rating!.Value)) && r.TextualRating == i.TextualRating
        && r.Summary == i.Summary && r.Title == i.Title && r.Reviewer == i.Reviewer && r.Url == i.Url && r.PublishedAt == i.PublishedAt;
}
