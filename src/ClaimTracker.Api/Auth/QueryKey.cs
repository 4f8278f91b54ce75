using System.Text.RegularExpressions;

namespace ClaimTracker.Api.Auth;

/// <summary>
/// Marks a route that also takes its key as <c>?key=</c>, the way Google's API clients send one. Only routes that must speak
/// another API's dialect carry it: a key in a URL travels into proxies' and browsers' histories, so the rest keep to headers.
/// </summary>
public sealed partial class QueryKey
{
    public const string Parameter = "key";

    /// <summary>
    /// The value of the literal <c>key</c> parameter of a query string, or null. The name is matched as written (in any case), not
    /// percent-decoded, so that every key accepted from a URL is one <see cref="Redact"/> finds there.
    /// </summary>
    public static string? From(QueryString query)
    {
        foreach (var pair in (query.Value ?? "").TrimStart('?').Split('&'))
        {
            var equals = pair.IndexOf('=');
            if (equals > 0 && pair.AsSpan(0, equals).Equals(Parameter, StringComparison.OrdinalIgnoreCase))
                return Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
        }
        return null;
    }

    /// <summary>The text with the value of every <c>key=</c> parameter of a URL in it replaced.</summary>
    public static string Redact(string text) =>
        text.Contains(Parameter + "=", StringComparison.OrdinalIgnoreCase) ? KeyValue().Replace(text, "${name}[redacted]") : text;

    [GeneratedRegex("(?<name>[?&]key=)[^&#\\s\"']*", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValue();
}
