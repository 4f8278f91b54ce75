using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>A figure of Directus 12.4.1 on the same 100k archive (../shared/bench/README.md: wrk -t2 -c16).</summary>
public sealed record DirectusFigure(string Query, double RequestsPerSecond, double P50Ms, double P99Ms);

/// <summary>
/// One way to call a documented GET route: its path and query drawn afresh for each call. A whole-archive dump is timed
/// once (one call at concurrency 1), not looped.
/// </summary>
public sealed record RouteVariant(
    string OperationId, string Label, Func<Random, string> Path, DirectusFigure? Directus = null,
    bool WholeArchive = false);

/// <summary>
/// Every GET route of the API with its common filters, ids rotating over the archive. <see cref="Check"/> holds the
/// list against the OpenAPI document: a documented route without a variant, or a variant the document does not
/// describe (unknown operation, path or query parameter), stops the run.
/// </summary>
public static class RouteCatalog
{
    /// <summary>Words of the generated archive, for "search, 8 rotating terms" (Directus rotated eight too).</summary>
    public static readonly string[] RotatingTerms =
        ["soldiers", "wheat", "vaccines", "flood", "cholera", "inflation", "hospitals", "ceasefire"];

    public static List<RouteVariant> Build(RouteIds ids, RouteFixtures fixtures)
    {
        string Claim(Random r) => "clm_" + RouteIds.Pick(r, ids.Claims);
        string Reviewed(Random r) => "clm_" + RouteIds.Pick(r, ids.ReviewedClaims);
        string Source(Random r) => "src_" + RouteIds.Pick(r, ids.Sources);
        string Document(Random r) => "doc_" + RouteIds.Pick(r, ids.Documents);
        string Attribution(Random r) => "att_" + RouteIds.Pick(r, ids.Attributions);
        string Review(Random r) => "rev_" + RouteIds.Pick(r, ids.Reviews);
        string SourceStance(Random r) =>
            RouteIds.Pick(r, ids.SourceStances) is var (s, stance) ? $"sourceId=src_{s}&stance={stance}" : "";
        string Term(Random r) => Uri.EscapeDataString(RouteIds.Pick(r, RotatingTerms));
        var directus = Directus.ToDictionary(d => d.Query);
        var wh = $"/api/v1/webhooks/{fixtures.WebhookId}";
        string Suggested(Random r) =>
            $"/api/v1/documents/doc_{RouteIds.Pick(r, fixtures.DocumentsWithSuggestions)}/suggestions";
        return
        [
            new("Live", "no database", _ => "/health/live", directus["a route that touches no database"]),
            new("Ready", "readiness (database answers)", _ => "/health"),
            new("GetClaim", "by id, with attributions, sources, reviews", r => $"/api/v1/claims/{Claim(r)}",
                directus["a claim by id with its attributions and their sources"]),
            new("ListClaims", "first page", _ => "/api/v1/claims"),
            new("ListClaims", "sort=newest", _ => "/api/v1/claims?sort=newest"),
            new("ListClaims", "sourceId+stance, 50", r => $"/api/v1/claims?{SourceStance(r)}&limit=50"),
            new("ListClaims", "documentId", r => $"/api/v1/claims?documentId={Document(r)}"),
            new("ListClaims", "status=reviewed", _ => "/api/v1/claims?status=reviewed"),
            new("ListClaims", "rating", r => $"/api/v1/claims?rating={RouteIds.Pick(r, Ratings)}"),
            new("ListClaims", "language=en", _ => "/api/v1/claims?language=en"),
            new("ListClaims", "from/to (a month)", r => $"/api/v1/claims?{Month(r)}"),
            new("ListClaims", "q (text contains)", r => $"/api/v1/claims?q={Term(r)}"),
            new("ListContestedClaims", "first page", _ => "/api/v1/claims/contested"),
            new("ListContestedClaims", "sourceId", r => $"/api/v1/claims/contested?sourceId={Source(r)}"),
            new("ListSourceClaims", "stance=asserts, 50",
                r => $"/api/v1/sources/{Source(r)}/claims?stance=asserts&limit=50",
                directus["a source's claims with stance asserts, 50 a page"]),
            new("ListSourceClaims", "all stances", r => $"/api/v1/sources/{Source(r)}/claims"),
            new("ListSourceClaims", "sort=newest", r => $"/api/v1/sources/{Source(r)}/claims?sort=newest"),
            new("ListClaimAttributions", "claim", r => $"/api/v1/claims/{Claim(r)}/attributions"),
            new("ListDocumentAttributions", "document", r => $"/api/v1/documents/{Document(r)}/attributions"),
            new("ListAttributions", "first page", _ => "/api/v1/attributions"),
            new("ListAttributions", "claimId", r => $"/api/v1/attributions?claimId={Claim(r)}"),
            new("ListAttributions", "sourceId+stance", r => $"/api/v1/attributions?{SourceStance(r)}"),
            new("ListAttributions", "documentId", r => $"/api/v1/attributions?documentId={Document(r)}"),
            new("ListAttributions", "stance=retracts", _ => "/api/v1/attributions?stance=retracts"),
            new("GetAttribution", "by id", r => $"/api/v1/attributions/{Attribution(r)}"),
            new("Search", "\"soldiers\", 20",
                _ => "/api/v1/search?q=soldiers&limit=20", directus["search \"soldiers\", 20 a page"]),
            new("Search", "8 rotating terms, 20",
                r => $"/api/v1/search?q={Term(r)}&limit=20", directus["search, 8 rotating terms"]),
            new("Search", "words, pairs, phrases",
                r => "/api/v1/search?q=" + Uri.EscapeDataString(Workload.SearchQuery(r))),
            new("Search", "term + stance", r => $"/api/v1/search?q={Term(r)}&stance=asserts"),
            new("Search", "term + sourceId", r => $"/api/v1/search?q={Term(r)}&sourceId={Source(r)}"),
            new("SearchFactCheckedClaims", "query, languageCode",
                r => $"/v1alpha1/claims:search?query={Term(r)}&languageCode=en"),
            new("GetSource", "by id", r => $"/api/v1/sources/{Source(r)}"),
            new("GetSource", "by slug", r => $"/api/v1/sources/{RouteIds.Pick(r, ids.SourceSlugs)}"),
            new("ListSources", "first page", _ => "/api/v1/sources"),
            new("ListSources", "kind", r => $"/api/v1/sources?kind={RouteIds.Pick(r, SourceKinds)}"),
            new("ListSources", "country", r => $"/api/v1/sources?country={RouteIds.Pick(r, ids.Countries)}"),
            new("ListSources", "q (name)",
                r => $"/api/v1/sources?q={Uri.EscapeDataString(RouteIds.Pick(r, ids.SourceNames))}"),
            new("ResolveSource", "name",
                r => $"/api/v1/sources/resolve?name={Uri.EscapeDataString(RouteIds.Pick(r, ids.SourceNames))}"),
            new("GetDocument", "by id, with text", r => $"/api/v1/documents/{Document(r)}"),
            new("ListDocuments", "first page", _ => "/api/v1/documents"),
            new("ListDocuments", "q (title words)", r => $"/api/v1/documents?q={Term(r)}"),
            new("ListDocuments", "from/to (a month)", r => $"/api/v1/documents?{Month(r)}"),
            new("ListDocuments", "url (exact)",
                r => $"/api/v1/documents?url={Uri.EscapeDataString(RouteIds.Pick(r, ids.DocumentUrls))}"),
            new("ListDocuments", "include=text", _ => "/api/v1/documents?include=text"),
            new("GetReview", "by id", r => $"/api/v1/reviews/{Review(r)}"),
            new("ListReviews", "first page", _ => "/api/v1/reviews"),
            new("ListReviews", "claimId", r => $"/api/v1/reviews?claimId={Reviewed(r)}"),
            new("ListReviews", "rating", r => $"/api/v1/reviews?rating={RouteIds.Pick(r, Ratings)}"),
            new("ListReviews", "from/to (a month)", r => $"/api/v1/reviews?{Month(r)}"),
            new("ListClaimReviews", "claim", r => $"/api/v1/claims/{Reviewed(r)}/reviews"),
            new("GetClaimReview", "claim, ClaimReview JSON-LD", r => $"/api/v1/claims/{Reviewed(r)}/claimreview"),
            new("ClaimReviewFeed", "first page", _ => "/api/v1/claimreview"),
            new("ClaimReviewFeed", "since (a month)", r => $"/api/v1/claimreview?since={MonthStart(r)}"),
            new("GetClaimHistory", "claim", r => $"/api/v1/claims/{Claim(r)}/history"),
            new("GetSourceHistory", "source", r => $"/api/v1/sources/{Source(r)}/history"),
            new("GetDocumentHistory", "document", r => $"/api/v1/documents/{Document(r)}/history"),
            new("GetAttributionHistory", "attribution", r => $"/api/v1/attributions/{Attribution(r)}/history"),
            new("GetReviewHistory", "review", r => $"/api/v1/reviews/{Review(r)}/history"),
            new("ListAudit", "first page", _ => "/api/v1/audit"),
            new("ListAudit", "resource+resourceId", r => $"/api/v1/audit?resource=claim&resourceId={Claim(r)}"),
            new("ListAudit", "operation, newest", _ => "/api/v1/audit?operation=create&sort=newest"),
            new("ListAudit", "from/to (a month)", r => $"/api/v1/audit?{Month(r)}"),
            new("ExportClaimsCsv", "sourceId+stance", r => $"/api/v1/claims.csv?{SourceStance(r)}"),
            new("ExportClaimsCsv", "documentId", r => $"/api/v1/claims.csv?documentId={Document(r)}"),
            new("ExportAttributionsCsv", "claimId", r => $"/api/v1/attributions.csv?claimId={Claim(r)}"),
            new("ExportAttributionsCsv", "sourceId", r => $"/api/v1/attributions.csv?sourceId={Source(r)}"),
            new("ExportNdjson", "the whole archive", _ => "/api/v1/export.ndjson", WholeArchive: true),
            new("ListKeys", "first page", _ => "/api/v1/keys"),
            new("ListSuggestions", "document",
                Suggested),
            new("ListSuggestions", "status=pending",
                r => Suggested(r) + "?status=pending"),
            new("GetSuggestion", "by id", r => $"/api/v1/suggestions/{RouteIds.Pick(r, fixtures.SuggestionIds)}"),
            new("ListImportJobs", "first page", _ => "/api/v1/import-jobs"),
            new("GetImportJob", "by id", _ => $"/api/v1/import-jobs/{fixtures.ImportJobId}"),
            new("ListImportJobErrors", "job", _ => $"/api/v1/import-jobs/{fixtures.ImportJobId}/errors"),
            new("ListWebhooks", "first page", _ => "/api/v1/webhooks"),
            new("GetWebhook", "by id", _ => wh),
            new("ListWebhookDeliveries", "webhook", _ => $"{wh}/deliveries"),
            new("ListWebhookDeliveries", "state=failed", _ => $"{wh}/deliveries?state=failed"),
            new("GetWebhookDelivery", "by id", r => $"{wh}/deliveries/{RouteIds.Pick(r, fixtures.DeliveryIds)}"),
        ];
    }

    public static readonly DirectusFigure[] Directus =
    [
        new("a claim by id with its attributions and their sources", 276, 56, 89),
        new("a source's claims with stance asserts, 50 a page", 185, 84, 173),
        new("search \"soldiers\", 20 a page", 271, 58, 92),
        new("search, 8 rotating terms", 227, 68, 97),
        new("a route that touches no database", 3687, 3.7, 12),
    ];

    private static readonly string[] Ratings =
        ["true", "mostly_true", "mixed", "mostly_false", "false", "misleading", "unproven"];
    private static readonly string[] SourceKinds =
        ["person", "government", "government_body", "state_media", "news_agency", "collective"];

    /// <summary>A month between 2019 and 2024, the span of the generated archive's dates.</summary>
    private static string Month(Random r)
    {
        var start = new DateTime(2019 + r.Next(6), 1 + r.Next(12), 1, 0, 0, 0, DateTimeKind.Utc);
        return $"from={Iso(start)}&to={Iso(start.AddMonths(1))}";
    }

    private static string MonthStart(Random r) =>
        Iso(new DateTime(2019 + r.Next(6), 1 + r.Next(12), 1, 0, 0, 0, DateTimeKind.Utc));

    private static string Iso(DateTime t) =>
        Uri.EscapeDataString(t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    /// <summary>Where the catalogue and the document disagree; empty when every documented GET route is in.</summary>
    public static List<string> Check(IReadOnlyList<DocumentedRoute> documented, IReadOnlyList<RouteVariant> variants)
    {
        var problems = documented.Where(d => variants.All(v => v.OperationId != d.OperationId))
            .Select(d => $"GET {d.Path} ({d.OperationId}) is documented but has no variant in RouteCatalog").ToList();
        var rng = new Random(1);
        foreach (var v in variants)
        {
            var route = documented.FirstOrDefault(d => d.OperationId == v.OperationId);
            if (route is null)
            {
                problems.Add($"{v.OperationId} ({v.Label}) is not a documented GET operation");
                continue;
            }
            var sample = v.Path(rng);
            var (path, query) = sample.IndexOf('?') is var q and >= 0 ? (sample[..q], sample[(q + 1)..]) : (sample, "");
            var template = "^" + Regex.Replace(Regex.Escape(route.Path), @"\\\{[^}]+}", "[^/]+") + "$";
            if (!Regex.IsMatch(path, template))
                problems.Add($"{v.OperationId} ({v.Label}): {path} is not {route.Path}");
            foreach (var name in query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]))
                if (!route.QueryParameters.Contains(name))
                    problems.Add($"{v.OperationId} ({v.Label}): query parameter '{name}' is not documented");
        }
        return problems;
    }
}
