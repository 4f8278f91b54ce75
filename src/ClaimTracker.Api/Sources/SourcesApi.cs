using System.ComponentModel;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Sources;

/// <summary>The source registry: who speaks, under which names, and for whom.</summary>
public static class SourcesApi
{
    public static void MapSources(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/sources").WithTags("Sources");

        group.MapGet("/", List).Describe("ListSources", "List sources",
            "Pages through the registry, oldest first unless sort=newest; filter by kind, country, affiliation or words of the name or an alias.")
            .Problems();
        group.MapGet("/resolve", Resolve).Describe("ResolveSource", "Resolve a name to sources",
            "Finds the sources a text means by a name: \"Washington\" → the US government, \"Kcna\" → KCNA. Matches names, slugs and aliases, "
            + "ignoring case, accents and punctuation; exact matches come first, then names that start with it, then names that contain it.")
            .Problems();
        group.MapGet("/{sourceId}", Get).Describe("GetSource", "Get a source",
            "Reads one source by id (src_2) or slug (kcna). The ETag header carries its version for If-Match.")
            .Problems(404);
        group.MapPost("/", Create).Describe("CreateSource", "Create a source",
            "Adds a source to the registry. The slug is derived from the name when omitted; a slug already taken answers 409.")
            .Problems(409, 413, 415, 422);
        group.MapPatch("/{sourceId}", Update).Describe("UpdateSource", "Update a source",
            "Changes the fields sent (JSON Merge Patch, RFC 7396: null clears a field, aliases replace the whole list). "
            + "Send If-Match with the ETag you read to refuse the change (412) if someone else changed the source meanwhile.")
            .Accepts<SourceInput>(MergePatch.MediaType, "application/json")
            .Problems(404, 409, 412, 415, 422);
        group.MapDelete("/{sourceId}", Delete).Describe("DeleteSource", "Delete a source",
            "Deletes a source. While attributions, documents or affiliated sources refer to it the answer is 409 listing them; "
            + "with cascade=true its attributions are deleted too and the other references are cleared.")
            .Problems(404, 409, 412);
    }

    private static async Task<Ok<Page<Source>>> List([AsParameters] SourceFilter filter, [AsParameters] PageQuery page, SourceStore store, HttpContext context) =>
        PageResults.Ok(context, await store.ListAsync(filter, page));

    private static async Task<Ok<ResolveResult>> Resolve(
        [Description("The name as a text gives it, e.g. Washington or state media.")] string name,
        [Description("How many sources to return, 1 to 50 (default 10).")] int? limit,
        SourceStore store)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 300 || name.Any(char.IsControl))
            throw ApiProblem.Validation("name", "name must be 1 to 300 characters, without control characters.");
        if (limit is < 1 or > 50) throw ApiProblem.Validation("limit", "limit must be between 1 and 50.");
        return TypedResults.Ok(new ResolveResult(await store.ResolveAsync(name, limit ?? 10)));
    }

    private static async Task<Ok<Source>> Get([Description("Source id or slug.")] string sourceId, SourceStore store, HttpContext context)
    {
        var source = await Find(store, sourceId);
        ETags.Set(context, source.Version);
        return TypedResults.Ok(source.Resource);
    }

    private static async Task<Created<Source>> Create(SourceInput input, SourceStore store, HttpContext context)
    {
        var source = await store.CreateAsync(WriteOrigin.Of(context), input);
        ETags.Set(context, source.Version);
        return TypedResults.Created($"/api/v1/sources/{source.Resource.Id}", source.Resource);
    }

    private static async Task<Ok<Source>> Update([Description("Source id or slug.")] string sourceId, SourceStore store, HttpContext context)
    {
        var current = await Find(store, sourceId);
        ETags.Check(context.Request, current.Version);
        var input = await MergePatch.ApplyAsync(context.Request, ToInput(current.Resource));
        var updated = await store.UpdateAsync(WriteOrigin.Of(context), current, input);
        ETags.Set(context, updated.Version);
        return TypedResults.Ok(updated.Resource);
    }

    private static async Task<NoContent> Delete(
        [Description("Source id or slug.")] string sourceId,
        [Description("Also delete the attributions that name this source, and clear other references to it.")] bool? cascade,
        SourceStore store, HttpContext context)
    {
        var current = await Find(store, sourceId);
        ETags.Check(context.Request, current.Version);
        await store.DeleteAsync(WriteOrigin.Of(context), current, cascade ?? false);
        return TypedResults.NoContent();
    }

    private static async Task<Versioned<Source>> Find(SourceStore store, string sourceId) =>
        await store.GetAsync(sourceId) ?? throw ApiProblem.NotFound("source", sourceId);

    private static SourceInput ToInput(Source s) => new()
    {
        Slug = s.Slug, Name = s.Name, Kind = s.Kind, Country = s.Country, Aliases = [.. s.Aliases], AffiliationId = s.AffiliationId,
        Description = s.Description, Url = s.Url, WikidataId = s.WikidataId,
    };
}

/// <summary>The answer of <c>GET /sources/resolve</c>: matching sources, best first.</summary>
public sealed record ResolveResult(IReadOnlyList<SourceMatch> Items);
