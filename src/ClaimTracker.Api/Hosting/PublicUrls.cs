using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Hosting;

/// <summary>
/// Where this API is reached from, for the URLs it publishes: a review's URL in ClaimReview and claims:search, and the
/// Link header of a page. Never the request's Host header, which any client sets as it likes (a reflected
/// <c>Host: evil.example</c> would put the attacker's host into published markup and into caches).
/// It is <c>Web:PublicBaseUrl</c> when set; otherwise links are relative and absolute URLs use the first address
/// the server listens on (http://localhost:5000 by default; a wildcard such as http://+:80 counts as localhost).
/// </summary>
public sealed class PublicUrls(IOptions<WebOptions> options, IServer server)
{
    private readonly Lazy<string> listening = new(() => FromAddresses(server));

    /// <summary>The configured base URL without a trailing slash, or null.</summary>
    public string? Configured { get; } = options.Value.PublicBaseUrl?.TrimEnd('/');

    /// <summary>Scheme, host, port and any path prefix for absolute URLs, without a trailing slash.</summary>
    public string BaseUrl => Configured ?? listening.Value;

    /// <summary>A link to <paramref name="query"/> on this request's path: absolute under the configured base, else relative.</summary>
    public string Link(HttpRequest request, QueryString query) => $"{Configured}{request.PathBase}{request.Path}{query}";

    public static string BaseUrlOf(HttpContext context) => context.RequestServices.GetRequiredService<PublicUrls>().BaseUrl;

    /// <summary>Why <paramref name="url"/> cannot be the public base URL, or null when it can.</summary>
    public static string? Problem(string url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") ? "must be an absolute http or https URL"
        : uri.UserInfo.Length > 0 ? "must not carry credentials"
        : uri.Query.Length > 0 || uri.Fragment.Length > 0 ? "must not have a query or a fragment"
        : null;

    private static string FromAddresses(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (address is null) return "http://localhost"; // the in-memory test server listens nowhere
        var scheme = address[..address.IndexOf("://", StringComparison.Ordinal)];
        var rest = address[(scheme.Length + 3)..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        var (host, port) = colon > 0 && !rest.EndsWith(']') ? (rest[..colon], rest[(colon + 1)..]) : (rest, "");
        // Kestrel reports a wildcard binding as http://[::]:5000, http://+:5000 or http://0.0.0.0:5000, which no client can dial.
        if (host is "+" or "*" or "[::]" or "0.0.0.0") host = "localhost";
        var defaultPort = scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? "443" : "80";
        return port.Length == 0 || port == defaultPort ? $"{scheme}://{host}" : $"{scheme}://{host}:{port}";
    }
}
