namespace ClaimTracker.Api.Common;

/// <summary>The media types the interoperability routes speak, and the check of a body's type for routes that read the body themselves.</summary>
public static class MediaTypes
{
    public const string JsonLd = "application/ld+json";
    public const string Csv = "text/csv";
    public const string Ndjson = "application/x-ndjson";

    /// <summary>A 415 problem unless the request's Content-Type is one of <paramref name="accepted"/> (parameters such as charset aside).</summary>
    public static void Require(HttpRequest request, params string[] accepted)
    {
        var type = request.ContentType?.Split(';')[0].Trim();
        if (type is null || !accepted.Contains(type, StringComparer.OrdinalIgnoreCase))
            throw new ApiProblem(415, ApiProblem.TypeBase + "unsupported-media-type", "Unsupported media type",
                $"Send the body as {string.Join(" or ", accepted)}.");
    }
}
