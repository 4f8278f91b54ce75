using System.Globalization;

namespace ClaimTracker.Api.Common;

/// <summary>
/// Public ids are a type prefix and the row number (<c>clm_3</c>): short, readable in a URL,
/// and impossible to mistake for another resource's id. Anything else is simply not found.
/// </summary>
public static class Ids
{
    public const string Source = "src";
    public const string Document = "doc";
    public const string Claim = "clm";
    public const string Attribution = "att";
    public const string Review = "rev";
    public const string Suggestion = "sug";
    public const string Webhook = "wh";
    public const string Delivery = "dlv";
    public const string ImportJob = "imp";

    /// <summary>A webhook event, numbered by the audit entry of its change; sent as the webhook-id header.</summary>
    public const string Message = "msg";

    public static string Format(string prefix, long id) => $"{prefix}_{id.ToString(CultureInfo.InvariantCulture)}";

    public static string? Format(string prefix, long? id) => id is { } value ? Format(prefix, value) : null;

    public static bool TryParse(string prefix, string? text, out long id)
    {
        id = 0;
        return text is not null
            && text.Length > prefix.Length + 1
            && text.StartsWith(prefix, StringComparison.Ordinal)
            && text[prefix.Length] == '_'
            && text.AsSpan(prefix.Length + 1).IndexOfAnyExceptInRange('0', '9') < 0
            && long.TryParse(text.AsSpan(prefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && id > 0;
    }

    /// <summary>The row id for a route value, or a 404 problem naming what was asked for.</summary>
    public static long Parse(string prefix, string text, string resource) =>
        TryParse(prefix, text, out var id) ? id : throw ApiProblem.NotFound(resource, text);
}
