using ClaimTracker.Api.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ClaimTracker.Api.Common;

/// <summary>
/// ETags come from each row's version, bumped by every update, so <c>If-Match</c> on PATCH and
/// DELETE turns a lost update into a 412 instead of a silent overwrite.
/// </summary>
public static class ETags
{
    public static string For(long version) => $"\"{version}\"";

    public static void Set(HttpContext context, long version) => context.Response.Headers.ETag = For(version);

    /// <summary>The version the client expects, from <c>If-Match</c>; null when it sent none or <c>*</c>.</summary>
    public static long? Expected(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*") return null;
        if (EntityTagHeaderValue.TryParseList([header], out var tags) && tags.Count == 1 && !tags[0].IsWeak
            && long.TryParse(tags[0].Tag.AsSpan().Trim('"'), out var version))
            return version;
        return -1; // Present but matches no version we could have issued.
    }

    /// <summary>Refuses the change when <c>If-Match</c> names another version than the stored one.</summary>
    public static void Check(HttpRequest request, long storedVersion)
    {
        if (Expected(request) is { } expected && expected != storedVersion) throw ApiProblem.PreconditionFailed(For(storedVersion));
        if (request.Headers.IfMatch.Count == 0 && request.HttpContext.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value.RequireIfMatch)
            throw new ApiProblem(428, ApiProblem.TypeBase + "precondition-required", "If-Match required",
                $"This server requires If-Match on every change: read the resource and send its ETag (now {For(storedVersion)}).");
    }

    /// <summary>
    /// Inside a write unit, before a delete: the row must still be at the version the request read and checked If-Match
    /// against; gone is a 404, changed since (an edit that committed in between) a 412.
    /// </summary>
    public static void StillAt(long? storedVersion, long readVersion, string resource, string id)
    {
        if (storedVersion is not { } stored) throw ApiProblem.NotFound(resource, id);
        if (stored != readVersion) throw ApiProblem.PreconditionFailed(For(stored));
    }
}
