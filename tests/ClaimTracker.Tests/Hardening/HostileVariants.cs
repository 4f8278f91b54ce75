using System.Text;
using System.Text.Json.Nodes;

namespace ClaimTracker.Tests.Hardening;

/// <summary>One hostile request: a description for the failure message and how to build it.</summary>
public sealed record HostileRequest(string Description, Func<HttpRequestMessage> Build);

/// <summary>
/// Builds hostile variants of an operation from its OpenAPI description: bad ids in the path, bad values
/// for every query parameter, bad bodies derived from the request example (wrong types, nulls, huge and
/// negative numbers, over-long strings carrying SQL and FTS syntax, extra fields, invalid UTF-8, NUL
/// bytes, wrong content types), bad credentials and bad If-Match. Every variant must be refused.
/// </summary>
public static class HostileVariants
{
    private static readonly string Huge = new('x', 100_000);
    private const string Sql = "'; DROP TABLE claims; --";
    private const string Fts = "\"unbalanced NOT * OR (";
    private const string MergePatchType = "application/merge-patch+json";

    private static readonly string[] BadIds =
    [
        "nope", Sql, "clm_0", "src_-1", "doc_99999999999999999999", new string('a', 3000), "%E2%80%AE", "..%2F..%2Fetc%2Fpasswd",
        "att_1%20OR%201%3D1", "rev_1.0", "0x10", "clm_", "_1", "%20", "null", "undefined", "clm_1e3", "%F0%9F%98%80", "src_00", "-",
    ];

    private static readonly string[] PathJunk =
    [
        "/..%2F..%2Fetc%2Fpasswd", "%01", "/%2e%2e/admin", "/'%20OR%201=1", "/" + new string('z', 2000), ";jsessionid=1", "/%FF%FE", "//", "/.git/config",
        "~", "/%2e%2e%2e", "/.env", "/%252e%252e%252f", "/..;/", "/*", "/%20", "/%C3%A9", "/%E2%80%AE",
    ];

    private static readonly (string Name, string Value)[] BadAuthorization =
    [
        ("Authorization", "Bearer"), ("Authorization", "Bearer " + new string('k', 20_000)), ("Authorization", "Basic dXNlcjpwYXNz"),
        ("Authorization", "Bearer ' OR 1=1 --"), ("Authorization", "Bearer ct_aaaaaaaaaa_" + new string('A', 43)),
        ("Authorization", "Bearer ct_testadmin0_" + new string('B', 43)), ("Authorization", "Bearer ct_testadmin0_AAAA"),
        ("X-Api-Key", "garbage"), ("X-Api-Key", new string('k', 20_000)), ("X-Api-Key", Sql), ("Authorization", "Token abc"),
        ("Authorization", ""),
    ];

    private static readonly string[] BadQueryKeys =
    [
        "", "garbage", Sql, new string('k', 20_000), "ct_aaaaaaaaaa_" + new string('A', 43), "ct_testadmin0_" + new string('B', 43),
        "ct_testadmin0_AAAA", "Bearer ct_testadmin0_" + new string('A', 43), "%00", "ct_testadmin0_" + new string('A', 43) + "%00",
    ];

    /// <summary>Accept values that admit no JSON at all, malformed ones, and ones that refuse JSON outright.</summary>
    internal static readonly string[] HostileAccepts =
    [
        "text/html", "image/png", "garbage", "text/plain", "application/xml", "application/json;q=0", "*/*;q=0",
        "text/html, application/xhtml+xml, application/xml;q=0.9", "text/csv", ";;;",
    ];

    public static IEnumerable<HostileRequest> For(string method, string path, JsonObject operation, Func<string, JsonNode?> resolve, string validKey)
    {
        var parameters = operation["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
        var pathParameters = parameters.Where(p => p["in"]!.GetValue<string>() == "path").ToList();
        var queryParameters = parameters.Where(p => p["in"]!.GetValue<string>() == "query").ToList();
        var validPath = pathParameters.Aggregate(path, (p, param) => p.Replace($"{{{param["name"]}}}", param["example"]!.GetValue<string>()));
        var (bodyType, example) = Body(operation);

        HttpRequestMessage Request(string url, string? body = null, string? type = null, byte[]? bytes = null)
        {
            var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + validKey);
            if (bytes is not null) request.Content = new ByteArrayContent(bytes);
            else if (body is not null) request.Content = new StringContent(body, Encoding.UTF8);
            if (request.Content is not null)
            {
                request.Content.Headers.Remove("Content-Type");
                if (type is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
            return request;
        }
        var validBody = example is JsonValue v && v.TryGetValue<string>(out var rawBody) ? rawBody : example?.ToJsonString();

        foreach (var param in pathParameters)
        foreach (var bad in BadIds)
            yield return new($"path {param["name"]}={Shorten(bad)}", () => Request(validPath.Replace((string)param["example"]!, bad), validBody, bodyType));

        foreach (var junk in PathJunk)
            yield return new($"path suffix {junk}", () => Request(validPath + junk, validBody, bodyType));

        foreach (var param in queryParameters)
        foreach (var bad in BadQueryValues(param, resolve))
            yield return new($"query {param["name"]}={Shorten(bad)}", () => Request($"{validPath}?{param["name"]}={Uri.EscapeDataString(bad)}", validBody, bodyType));

        foreach (var (header, value) in BadAuthorization)
            yield return new($"header {header}: {Shorten(value)}", () =>
            {
                var request = Request(validPath, validBody, bodyType);
                request.Headers.Remove("Authorization");
                if (value.Length > 0) request.Headers.TryAddWithoutValidation(header, value);
                return request;
            });

        // Routes that take the key as ?key= (as Google's clients send it) get the bad keys there too, with no header to fall back on.
        if (operation["security"]?.AsArray().Any(s => s?["key"] is not null) == true)
            foreach (var bad in BadQueryKeys)
                yield return new($"query key={Shorten(bad)}", () =>
                {
                    var request = Request($"{validPath}?key={Uri.EscapeDataString(bad)}", validBody, bodyType);
                    request.Headers.Remove("Authorization");
                    return request;
                });

        if (method is "patch" or "delete")
            foreach (var etag in new[] { "\"999999\"", "W/\"1\"", "garbage", "\"-1\"" })
                yield return new($"If-Match {etag}", () =>
                {
                    var request = Request(validPath, validBody, bodyType);
                    request.Headers.TryAddWithoutValidation("If-Match", etag);
                    return request;
                });

        // Whatever Accept says, a refusal is still a problem (the API disregards Accept, as RFC 9110 allows, and never
        // answers 406): a refused key (401), a path no route has (404) and a bad body or query value (400).
        var firstQuery = queryParameters.FirstOrDefault();
        foreach (var accept in HostileAccepts)
        {
            HttpRequestMessage WithAccept(HttpRequestMessage request)
            {
                request.Headers.Remove("Accept");
                request.Headers.TryAddWithoutValidation("Accept", accept);
                return request;
            }
            yield return new($"Accept {accept}, no key", () =>
            {
                var request = Request(validPath, validBody, bodyType);
                request.Headers.Remove("Authorization");
                return WithAccept(request);
            });
            yield return new($"Accept {accept}, no such path",
                () => WithAccept(Request(validPath + "/%01", validBody, bodyType)));
            if (example is not null)
                yield return new($"Accept {accept}, body not JSON",
                    () => WithAccept(Request(validPath, "not json", bodyType)));
            else if (firstQuery is not null)
                yield return new($"Accept {accept}, bad {firstQuery["name"]}", () =>
                    WithAccept(Request($"{validPath}?{firstQuery["name"]}={Huge}", validBody, bodyType)));
        }

        if (example is null) yield break;
        var text = example is JsonValue textValue && textValue.TryGetValue<string>(out var raw) ? raw : example.ToJsonString();
        if (method == "post")
        {
            yield return new("Idempotency-Key over 255 characters", () =>
            {
                var request = Request(validPath, validBody, bodyType);
                request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('i', 300));
                return request;
            });
        }
        foreach (var (description, body) in Garbage(text))
            yield return new($"body {description}", () => Request(validPath, body, bodyType));
        // JSON-LD from the wild carries fields of its own; only our JSON bodies must refuse every unknown or mistyped field.
        if (example is JsonObject fields && bodyType is "application/json" or MergePatchType)
            foreach (var (description, body) in BadBodies(fields, Schema(operation, resolve), method == "patch"))
                yield return new($"body {description}", () => Request(validPath, body, bodyType));
        yield return new("body invalid UTF-8", () => Request(validPath, type: bodyType, bytes: [.. "{\"x\":\""u8.ToArray(), 0xC3, 0x28, 0xFF, .. "\"}"u8.ToArray()]));
        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x" })
            yield return new($"content type {type}", () => Request(validPath, validBody, type));
        yield return new("no content type", () => Request(validPath, validBody, null));
    }

    private static IEnumerable<string> BadQueryValues(JsonObject parameter, Func<string, JsonNode?> resolve)
    {
        var name = parameter["name"]!.GetValue<string>();
        var schema = parameter["schema"] is JsonObject s && s["$ref"] is { } reference ? resolve(reference.GetValue<string>())!.AsObject() : parameter["schema"]?.AsObject();
        yield return Huge;
        if (schema?["enum"] is not null) foreach (var v in new[] { "bogus", "1", Sql, "ASSERTS" }) yield return v;
        switch (schema?["type"]?.GetValue<string>(), schema?["format"]?.GetValue<string>())
        {
            case ("integer", _):
                foreach (var v in new[] { "-1", "0", "201", "99999999999999999999", "-99999999999", "abc", "1.5", " ", "1e3", "0x10", "+-1", "1,000", "٣", "NaN" })
                    yield return v;
                break;
            case ("boolean", _): foreach (var v in new[] { "maybe", "2", "yes" }) yield return v; break;
            case ("string", "date-time"): foreach (var v in new[] { "yesterday", "2024-13-01", "2024-02-30", Sql }) yield return v; break;
        }
        if (name == "cursor") foreach (var v in new[] { "!!!", "YWZ0ZXI6LTE", "YWZ0ZXI6YWJj", "after:5", "%FF" }) yield return v;
        if (name == "name") foreach (var v in new[] { "", "   ", "a\u0001b" }) yield return v;
    }

    /// <summary>Bodies no operation can take, whatever its format (JSON, JSON-LD, NDJSON).</summary>
    private static IEnumerable<(string, string)> Garbage(string example)
    {
        yield return ("not JSON", "not json at all");
        yield return ("truncated", example[..(example.Length / 2)]);
        yield return ("null", "null");
        yield return ("a string", "\"claim\"");
        yield return ("a number", "42");
        yield return ("true", "true");
        yield return ("an unclosed object", "{");
        yield return ("two broken objects", "}{");
        yield return ("nested 200 deep", new string('[', 200) + new string(']', 200));
        yield return ("only blank lines", "\n\n\n");
        yield return ("a NUL byte", "\u0000");
        yield return ("an unknown type", "{\"type\":\"alien\",\"id\":\"x_1\"}");
        yield return ("100k of garbage", Huge);
    }

    private static IEnumerable<(string, string)> BadBodies(JsonObject example, JsonNode? schema, bool patch)
    {
        yield return ("an array", "[]");
        yield return ("an extra field", With(example, "injected", JsonValue.Create(Sql)));
        if (!patch) yield return ("empty object", "{}");
        var properties = schema?["properties"]?.AsObject() ?? [];
        var required = schema?["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (name, property) in properties)
        {
            var type = property?["type"]?.GetValue<string>();
            var nullable = property?["nullable"]?.GetValue<bool>() == true;
            if (type == "string" && property?["enum"] is null && property?["format"] is null)
            {
                var overLong = new string('x', property?["maxLength"]?.GetValue<int>() ?? Huge.Length);
                yield return ($"{name} over-long with SQL", With(example, name, JsonValue.Create(Sql + overLong)));
                yield return ($"{name} over-long with FTS syntax", With(example, name, JsonValue.Create(Fts + overLong)));
                yield return ($"{name} with a NUL byte", With(example, name, JsonValue.Create("a\u0000b")));
                yield return ($"{name} a number", With(example, name, JsonValue.Create(12345)));
            }
            if (type == "integer")
            {
                yield return ($"{name} huge", With(example, name, JsonValue.Create(1e20)));
                yield return ($"{name} negative", With(example, name, JsonValue.Create(-1)));
                yield return ($"{name} a string", With(example, name, JsonValue.Create("abc")));
            }
            if (type == "boolean") yield return ($"{name} a string", With(example, name, JsonValue.Create("yes")));
            if (type == "array") yield return ($"{name} a string", With(example, name, JsonValue.Create("x")));
            if (type == "array") yield return ($"{name} with a null item", With(example, name, new JsonArray((JsonNode?)null)));
            if (property?["$ref"] is not null || property?["enum"] is not null) yield return ($"{name} unknown value", With(example, name, JsonValue.Create("bogus")));
            // In a merge patch, null clears: a list becomes empty, which is a valid change.
            if (required.Contains(name) || (type == "array" && !nullable && !patch)) yield return ($"{name} null", With(example, name, null));
            if (type == "string" && property?["format"]?.GetValue<string>() == "date-time") yield return ($"{name} not a date", With(example, name, JsonValue.Create("soon")));
        }
    }

    private static (string? Type, JsonNode? Example) Body(JsonObject operation)
    {
        if (operation["requestBody"]?["content"]?.AsObject() is not { Count: > 0 } content) return (null, null);
        var (type, media) = content.First();
        return (type, media!["example"]?.DeepClone());
    }

    private static JsonNode? Schema(JsonObject operation, Func<string, JsonNode?> resolve)
    {
        var schema = operation["requestBody"]?["content"]?.AsObject().First().Value?["schema"];
        return schema?["$ref"] is { } reference ? resolve(reference.GetValue<string>()) : schema;
    }

    private static string With(JsonObject example, string name, JsonNode? value)
    {
        var copy = example.DeepClone().AsObject();
        copy[name] = value;
        return copy.ToJsonString();
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + $"…({value.Length})" : value;
}
