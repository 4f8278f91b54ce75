using System.ComponentModel.DataAnnotations;

namespace ClaimTracker.Api.Hosting;

/// <summary>How the service meets the web: rate limits, timeouts, CORS, concurrency rules; bound from <c>Web</c>.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>
    /// Requests a key (or, without one, an address) may make per minute; 0 turns the limit off. Health checks count apart.
    /// </summary>
    [Range(0, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 1200;

    /// <summary>How long a request may run before it is answered 504.</summary>
    [Range(1, 3600)]
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Origins of newsroom tools allowed to call from a browser; none by default.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>
    /// The address clients reach this API at (scheme, host, port and any path prefix), e.g. https://claims.example.org,
    /// for the URLs the API publishes; unset, links are relative and the first listening address stands in.
    /// </summary>
    [StringLength(2000)]
    public string? PublicBaseUrl { get; set; }

    /// <summary>When true, PATCH and DELETE without If-Match are refused with 428.</summary>
    public bool RequireIfMatch { get; set; }
}
