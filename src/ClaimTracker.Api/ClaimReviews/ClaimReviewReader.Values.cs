using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimTracker.Api.Common;

namespace ClaimTracker.Api.ClaimReviews;

/// <summary>Reading JSON-LD values as markup in the wild writes them: one value or an array, nodes by @id, numbers as strings.</summary>
public sealed partial class ClaimReviewReader
{
    private static readonly string[] SchemaOrgPrefixes = ["https://schema.org/", "http://schema.org/"];

    private static JsonElement? Prop(JsonElement node, string name) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A reference <c>{"@id": …}</c> to another node of the graph is that node.</summary>
    private JsonElement? Resolve(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v && v.EnumerateObject().Count() == 1 && Prop(v, "@id") is { ValueKind: JsonValueKind.String } id
            && nodes.TryGetValue(id.GetString()!, out var node) ? node : value;

    private List<JsonElement> Many(JsonElement? value) => value switch
    {
        null => [],
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => Resolve(e)!.Value).ToList(),
        { } one => [Resolve(one)!.Value],
    };

    private string? Text(JsonElement node, string path, string name, bool required = false)
    {
        if (Prop(node, name) is not { } value)
        {
            if (required) Error($"{path}.{name}", "is required.");
            return null;
        }
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        Error($"{path}.{name}", "must be a string.");
        return null;
    }

    private double? Number(JsonElement node, string path, string name)
    {
        switch (Prop(node, name))
        {
            case null: return null;
            case { ValueKind: JsonValueKind.Number } n: return n.GetDouble();
            case { ValueKind: JsonValueKind.String } s when double.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed): return parsed;
            default: Error($"{path}.{name}", "must be a number."); return null;
        }
    }

    private DateTimeOffset? Date(JsonElement node, string path, string name)
    {
        if (Prop(node, name) is not { } value) return null;
        try
        {
            var read = JsonSerializer.Deserialize<DateTimeOffset>(value.GetRawText(), Json.Options);
            if (IsoWithoutZone().IsMatch(value.GetString()!)) warnings.Add($"{path}.{name} '{value.GetString()}' has no time zone: read as UTC.");
            return read;
        }
        catch (JsonException)
        {
        }
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "";
        // Pages write dates as their CMS prints them: "2022-07-08 09:48", "July 8, 2022", RFC 1123.
        if (DateTimeOffset.TryParseExact(text, ZonedForms, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var zoned)) return zoned;
        if (DateTimeOffset.TryParseExact(text, LocalForms, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowInnerWhite, out var local))
        {
            warnings.Add(local.TimeOfDay == TimeSpan.Zero && !text.Contains(':')
                ? $"{path}.{name} '{text}' is not ISO 8601: read as {local:yyyy-MM-dd}."
                : $"{path}.{name} '{text}' has no time zone: read as {local:yyyy-MM-dd'T'HH:mm:ss'Z'} (UTC).");
            return local;
        }
        Error($"{path}.{name}", "must be a date or time such as 2024-11-20, 2024-11-20T09:48:00+01:00 or 2024-11-20 09:48.");
        return null;
    }

    private static readonly string[] ZonedForms =
        ["yyyy-MM-dd HH:mmzzz", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mm zzz", "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd'T'HH:mmzzz", "r"];

    private static readonly string[] LocalForms =
    [
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd H:mm", "yyyy/MM/dd", "yyyy/MM/dd HH:mm",
        "MMMM d, yyyy", "MMM d, yyyy", "d MMMM yyyy", "d MMM yyyy", "MMMM d, yyyy HH:mm",
    ];

    [GeneratedRegex(@"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")]
    private static partial Regex IsoWithoutZone();

    /// <summary>The names of the Persons or Organizations of a property; a plain string is taken as a name.</summary>
    private List<(JsonElement? Node, string Path, string Name)> Names(JsonElement node, string path, string property)
    {
        var values = Many(Prop(node, property));
        var found = new List<(JsonElement?, string, string)>();
        for (var i = 0; i < values.Count; i++)
        {
            var at = $"{path}.{property}" + (Prop(node, property)?.ValueKind == JsonValueKind.Array ? $"[{i}]" : "");
            if (values[i].ValueKind == JsonValueKind.String) found.Add((null, at, values[i].GetString()!));
            else if (values[i].ValueKind != JsonValueKind.Object) Error(at, "must be a Person or Organization.");
            else if ((Text(values[i], at, "name") ?? NameFromHost(values[i], at)) is { } name) found.Add((values[i], at, name));
        }
        return found;
    }

    /// <summary>A node's types without the schema.org prefix: "@type" is one name or an array of them.</summary>
    private static HashSet<string> Types(JsonElement node) => Prop(node, "@type") switch
    {
        { ValueKind: JsonValueKind.String } s => [Bare(s.GetString()!)],
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => Bare(t.GetString()!)).ToHashSet(),
        _ => [],
    };

    /// <summary>An Organization without a name, as pages publish it, is named after the host of its url or sameAs.</summary>
    private string? NameFromHost(JsonElement agent, string path)
    {
        var address = Text(agent, path, "url") ?? Many(Prop(agent, "sameAs")).Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!).FirstOrDefault(s => !Wikidata().IsMatch(s));
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            Error($"{path}.name", "is required (or a url or sameAs to name it after).");
            return null;
        }
        var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        warnings.Add($"{path} has no name: named '{host}' after its {(Prop(agent, "url") is null ? "sameAs" : "url")}.");
        return host;
    }

    private static bool IsClaimReview(JsonElement node) => node.ValueKind == JsonValueKind.Object && (Prop(node, "@type") switch
    {
        { ValueKind: JsonValueKind.Array } types => types.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && Bare(t.GetString()!) == "ClaimReview"),
        { ValueKind: JsonValueKind.String } type => Bare(type.GetString()!) == "ClaimReview",
        _ => false,
    });

    private static string Bare(string type) => SchemaOrgPrefixes.FirstOrDefault(p => type.StartsWith(p, StringComparison.Ordinal)) is { } p ? type[p.Length..] : type;

    private static bool IsSchemaOrg(JsonElement context) =>
        context.ValueKind == JsonValueKind.String && context.GetString()!.TrimEnd('/') is "https://schema.org" or "http://schema.org";

    /// <summary>Checks an input with the JSON routes' own rules, reporting each error under the JSON-LD property it came from.</summary>
    private void Validate(object input, string path, Dictionary<string, string> properties)
    {
        foreach (var (field, messages) in ValidationFilter.Errors(input) ?? [])
        foreach (var message in messages)
            Error($"{path}.{properties.GetValueOrDefault(field, field)}", message);
    }

    private void Error(string path, string message)
    {
        if (!errors.TryGetValue(path, out var list)) errors[path] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    private List<ClaimReviewIn> Fail(string path, string message)
    {
        Error(path, message);
        return [];
    }

    [GeneratedRegex(@"^https?://(?:www\.|m\.)?wikidata\.org/(?:wiki|entity)/(Q[1-9][0-9]*)$")]
    private static partial Regex Wikidata();
}
