namespace ClaimTracker.Api.Webhooks;

/// <summary>
/// Event types are the audit log's changes seen from outside: <c>{resource}.{created|updated|deleted}</c>.
/// A subscription names types, a resource's wildcard (<c>claim.*</c>) or <c>*</c>.
/// </summary>
public static class WebhookEvents
{
    public static readonly string[] Resources = ["claim", "attribution", "review", "source", "document"];
    public static readonly string[] Actions = ["created", "updated", "deleted"];

    /// <summary>The event type of an audit entry: <c>claim</c> + <c>update</c> is <c>claim.updated</c>.</summary>
    public static string TypeOf(string resource, string operation) => $"{resource}.{operation}d";

    /// <summary>The pattern that takes every event of a type's resource: <c>claim.*</c> for <c>claim.updated</c>.</summary>
    public static string WildcardOf(string type) => type[..type.IndexOf('.')] + ".*";

    public static bool IsPattern(string pattern)
    {
        if (pattern == "*") return true;
        var parts = pattern.Split('.');
        return parts.Length == 2 && Resources.Contains(parts[0], StringComparer.Ordinal)
            && (parts[1] == "*" || Actions.Contains(parts[1], StringComparer.Ordinal));
    }

    /// <summary>Whether a subscription with these patterns asked for the event type (the outbox decides the same in SQL).</summary>
    public static bool Matches(IEnumerable<string> patterns, string type) =>
        patterns.Any(p => p == "*" || p == type || p == WildcardOf(type));
}
