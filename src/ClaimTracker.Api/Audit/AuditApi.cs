using ClaimTracker.Api.Auth;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Sources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Audit;

/// <summary>The history of every resource, and the whole audit log for admins.</summary>
public static class AuditApi
{
    private static readonly string[] Resources = ["source", "document", "claim", "attribution", "review"];
    private static readonly string[] Operations = ["create", "update", "delete"];

    public static void MapAudit(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Audit");
        // One route per resource, so that each names its id parameter as the resource's other routes do.
        Describe(group.MapGet("/sources/{sourceId}/history", (string sourceId, [AsParameters] PageQuery page, AuditStore store, Db db, HttpContext context) =>
            History("source", Ids.Source, sourceId, page, store, db, context)), "source");
        Describe(group.MapGet("/documents/{documentId}/history", (string documentId, [AsParameters] PageQuery page, AuditStore store, Db db, HttpContext context) =>
            History("document", Ids.Document, documentId, page, store, db, context)), "document");
        Describe(group.MapGet("/claims/{claimId}/history", (string claimId, [AsParameters] PageQuery page, AuditStore store, Db db, HttpContext context) =>
            History("claim", Ids.Claim, claimId, page, store, db, context)), "claim");
        Describe(group.MapGet("/attributions/{attributionId}/history", (string attributionId, [AsParameters] PageQuery page, AuditStore store, Db db, HttpContext context) =>
            History("attribution", Ids.Attribution, attributionId, page, store, db, context)), "attribution");
        Describe(group.MapGet("/reviews/{reviewId}/history", (string reviewId, [AsParameters] PageQuery page, AuditStore store, Db db, HttpContext context) =>
            History("review", Ids.Review, reviewId, page, store, db, context)), "review");

        group.MapGet("/audit", List).RequireAuthorization(Scopes.Admin).Describe("ListAudit", "The audit log",
            "Every change to sources, documents, claims, attributions and reviews; filter by resource, id, actor, operation and time. Needs an admin key.")
            .Problems(401, 403);
    }

    private static void Describe(RouteHandlerBuilder route, string resource) => route
        .Describe($"Get{char.ToUpperInvariant(resource[0])}{resource[1..]}History", $"History of a {resource}",
            $"Every create, update and delete of this {resource}, oldest first: who (the API key's name), when, and the {resource} before "
            + $"and after, as the API showed it. A deleted {resource} can be read back here.")
        .Problems(401, 403, 404);

    private static async Task<Ok<Page<AuditEntry>>> History(string resource, string prefix, string id, PageQuery page, AuditStore store, Db db, HttpContext context)
    {
        // A live source can be named by slug; a deleted one only by its id.
        var resourceId = Ids.TryParse(prefix, id, out _) ? id
            : resource == "source" && await db.ReadAsync(c => SourceStore.FindIdAsync(c, null, id)) is { } row ? Ids.Format(Ids.Source, row)
            : throw ApiProblem.NotFound(resource, id);
        if (!await store.HasHistoryAsync(resource, resourceId)) throw ApiProblem.NotFound(resource, id);
        return PageResults.Ok(context, await store.ListAsync(new AuditFilter { Resource = resource, ResourceId = resourceId }, page));
    }

    private static async Task<Ok<Page<AuditEntry>>> List([AsParameters] AuditFilter filter, [AsParameters] PageQuery page, AuditStore store, HttpContext context)
    {
        if (filter.Resource is not null && !Resources.Contains(filter.Resource))
            throw ApiProblem.Validation("resource", "resource must be one of source, document, claim, attribution, review.");
        if (filter.Operation is not null && !Operations.Contains(filter.Operation))
            throw ApiProblem.Validation("operation", "operation must be one of create, update, delete.");
        return PageResults.Ok(context, await store.ListAsync(filter, page));
    }
}
