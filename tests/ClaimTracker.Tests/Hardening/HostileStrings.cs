using System.Text.Json.Nodes;

namespace ClaimTracker.Tests.Hardening;

/// <summary>
/// Request bodies that carry hostile string content: each string in an operation's example (nested objects, arrays,
/// every line of NDJSON) replaced in turn by one of <see cref="Values"/>, and a field whose name is a lone surrogate.
/// Some of these are fine text (an RTL mark, a long string), so the answer may be a 2xx; it must never be a 5xx.
/// </summary>
public static class HostileStrings
{
    private const string Marker = "@@hostile-string@@";

    /// <summary>JSON string literals as sent: a lone surrogate cannot live in a .NET string that serialises.</summary>
    public static readonly (string Name, string Literal)[] Values =
    [
        ("a lone high surrogate", "\"\\ud800\""),
        ("a lone low surrogate", "\"x\\udfff\""),
        ("a reversed surrogate pair", "\"\\udc00\\ud800\""),
        ("a NUL", "\"a\\u0000b\""),
        ("RTL override marks", "\"\\u202eevil\\u202c text\""),
        ("zero-width and BOM characters", "\"\\ufeff\\u200b\\u2060word\""),
        ("non-characters", "\"\\uffff\\ufffe\""),
        ("500 combining marks", "\"e" + string.Concat(Enumerable.Repeat("\\u0301", 500)) + "\""),
        ("200,000 characters", "\"" + new string('\u05d0', 200_000) + "\""),
        ("an emoji pair", "\"\\ud83d\\ude00 claim\""),
    ];

    public static IEnumerable<(string Description, string Body)> Bodies(string mediaType, JsonNode example)
    {
        if (example is JsonValue raw && raw.TryGetValue<string>(out var text))
        {
            if (mediaType.Contains("ndjson", StringComparison.Ordinal)
                || mediaType.Contains("jsonl", StringComparison.Ordinal))
            {
                var lines = text.Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    if (string.IsNullOrWhiteSpace(lines[i])) continue;
                    foreach (var (description, line) in Variants(JsonNode.Parse(lines[i])!))
                        yield return ($"line {i + 1} {description}",
                            string.Join('\n', lines.Take(i).Append(line).Concat(lines.Skip(i + 1))));
                }
                yield break;
            }
            example = JsonNode.Parse(text)!;
        }
        foreach (var variant in Variants(example)) yield return variant;
    }

    private static IEnumerable<(string, string)> Variants(JsonNode json)
    {
        foreach (var path in StringPaths(json, "$"))
        {
            var copy = json.DeepClone();
            Replace(copy, path);
            var body = copy.ToJsonString();
            foreach (var (name, literal) in Values)
                yield return ($"{path} {name}", body.Replace($"\"{Marker}\"", literal, StringComparison.Ordinal));
        }
        if (json is JsonObject)
            yield return ("a field named by a lone surrogate", "{\"\\ud800\":\"x\"," + json.ToJsonString()[1..]);
    }

    /// <summary>The JSONPath-like address of every string value in <paramref name="node"/>.</summary>
    private static IEnumerable<string> StringPaths(JsonNode? node, string at) => node switch
    {
        JsonObject o => o.SelectMany(p => StringPaths(p.Value, $"{at}.{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => StringPaths(item, $"{at}[{i}]")),
        JsonValue v when v.TryGetValue<string>(out _) => [at],
        _ => [],
    };

    private static void Replace(JsonNode root, string path)
    {
        var node = root;
        var steps = path[1..].Split('.', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(step => step.Split('[').Select((part, i) => i == 0 ? part : "[" + part.TrimEnd(']')))
            .Where(step => step.Length > 0).ToList();
        for (var i = 0; i < steps.Count - 1; i++) node = Step(node, steps[i]);
        var last = steps[^1];
        if (last.StartsWith('[')) node.AsArray()[Index(last)] = Marker;
        else node.AsObject()[last] = Marker;
    }

    private static JsonNode Step(JsonNode node, string step) =>
        step.StartsWith('[') ? node.AsArray()[Index(step)]! : node.AsObject()[step]!;

    private static int Index(string step) => int.Parse(step[1..], System.Globalization.CultureInfo.InvariantCulture);
}
