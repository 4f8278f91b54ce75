namespace ClaimTracker.Api.FactCheckTools;

/// <summary>
/// A review's site as Google's API gives <c>publisher.site</c>: the host of the review's URL, lower case, without "www." and
/// without port ("factcheck.afp.com").
/// </summary>
public static class ReviewSite
{
    public static string Of(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Host(uri) : "";

    /// <summary>True when the URL is on the site or one of its subdomains: factcheck.afp.com is on afp.com.</summary>
    public static bool Matches(string url, string site)
    {
        var host = Of(url);
        return host == site || host.EndsWith("." + site, StringComparison.Ordinal);
    }

    /// <summary>The site a filter names, as people type one (afp.com, www.afp.com, https://www.afp.com/), or null when it names none.</summary>
    public static string? Normalize(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return null;
        var text = filter.Trim();
        if (!text.Contains("://", StringComparison.Ordinal)) text = "https://" + text;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && Host(uri) is { Length: > 0 } host ? host : null;
    }

    private static string Host(Uri uri)
    {
        var host = uri.Host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }
}
