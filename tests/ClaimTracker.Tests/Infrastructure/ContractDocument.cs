using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// The committed openapi/claimtracker.v1.json as a checker of responses: finds the operation a request hit, and says
/// what is wrong with a response to it (undeclared status, undeclared media type, a body its schema refuses).
/// OpenAPI 3.0 schemas are translated to JSON Schema 2020-12 (<c>nullable</c> becomes a <c>null</c> type, refs
/// point into <c>$defs</c>) so that a standard validator, not hand-written checks, judges the bodies.
/// </summary>
public sealed class ContractDocument
{
    public static readonly ContractDocument Committed = new(File.ReadAllText(Path.Combine(RepositoryRoot(), "openapi", "claimtracker.v1.json")));

    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete", "head", "options"];
    private readonly JsonObject document;
    private readonly JsonObject definitions;
    private readonly List<(string Template, string[] Segments)> paths;
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new();

    public ContractDocument(string json)
    {
        document = JsonNode.Parse(json)!.AsObject();
        definitions = new JsonObject();
        foreach (var (name, schema) in document["components"]?["schemas"]?.AsObject() ?? [])
            definitions[name] = Translate(schema!);
        paths = document["paths"]!.AsObject()
            .Select(p => (p.Key, p.Key.Split('/')))
            // Literal segments win over parameters: /claims/match is not /claims/{claimId}.
            .OrderBy(p => p.Item2.Count(s => s.StartsWith('{')))
            .ToList();
    }

    /// <summary>The documented operation for a method and path, e.g. ("GET /api/v1/claims/{claimId}", its node); null if none.</summary>
    public (string Name, JsonObject Operation)? Find(string method, string path)
    {
        // Routing takes one trailing slash as none; "/claims//" is another path (a 404 no operation declares).
        var segments = (path.Length > 1 && path.EndsWith('/') ? path[..^1] : path).Split('/');
        foreach (var (template, parts) in paths)
        {
            if (parts.Length != segments.Length) continue;
            var matches = true;
            for (var i = 0; i < parts.Length && matches; i++)
                matches = parts[i].StartsWith('{') ? segments[i].Length > 0 : string.Equals(parts[i], Uri.UnescapeDataString(segments[i]), StringComparison.Ordinal);
            if (!matches) continue;
            var verb = method.ToLowerInvariant() == "head" ? "get" : method.ToLowerInvariant();
            return document["paths"]![template]![verb] is JsonObject operation ? ($"{method.ToUpperInvariant()} {template}", operation) : null;
        }
        return null;
    }

    /// <summary>What is wrong with a response to the operation, or an empty list. <paramref name="body"/> is null when not read.</summary>
    public List<string> Check(JsonObject operation, int status, string? mediaType, string? body)
    {
        var responses = operation["responses"]!.AsObject();
        var response = responses[status.ToString()] ?? responses[$"{status / 100}XX"] ?? responses["default"];
        if (response is null) return [$"status {status} is not declared (declared: {string.Join(", ", responses.Select(r => r.Key))})"];
        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0)
            return string.IsNullOrEmpty(body) ? [] : [$"status {status} declares no body, but one was sent ({mediaType})"];
        if (mediaType is null)
            return string.IsNullOrEmpty(body) ? [$"status {status} declares {string.Join(", ", content.Select(c => c.Key))}, but no body was sent"] : ["a body without Content-Type"];
        if (content[mediaType] is not JsonObject declared)
            return [$"status {status} sends {mediaType}, which is not declared (declared: {string.Join(", ", content.Select(c => c.Key))})"];
        if (body is null || declared["schema"] is not JsonNode schema) return [];

        JsonDocument instance;
        try
        {
            instance = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return [$"the {mediaType} body is not JSON: {e.Message}"];
        }
        using (instance) return Validate(schema, instance.RootElement);
    }

    /// <summary>Errors of a JSON value against an OpenAPI schema of this document (also used to check the examples).</summary>
    public List<string> Validate(JsonNode openApiSchema, JsonElement instance)
    {
        var key = openApiSchema.ToJsonString();
        var schema = schemas.GetOrAdd(key, _ =>
        {
            var root = Translate(openApiSchema).AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = definitions.DeepClone();
            return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        });
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is "" ? "$" : d.InstanceLocation.ToString())}: {e.Value} ({d.EvaluationPath})"))
            .Distinct()
            .Take(10)
            .ToList();
    }

    /// <summary>OpenAPI 3.0 schema object → JSON Schema 2020-12.</summary>
    private static JsonNode Translate(JsonNode node)
    {
        switch (node)
        {
            case JsonArray array:
                return new JsonArray(array.Select(item => item is null ? null : Translate(item)).ToArray());
            case JsonObject source:
                var target = new JsonObject();
                foreach (var (name, value) in source)
                {
                    if (name is "nullable" or "example" or "discriminator" or "xml" or "externalDocs") continue;
                    if (name == "$ref") target[name] = value!.GetValue<string>().Replace("#/components/schemas/", "#/$defs/");
                    // Property names and enum values are data, not schemas: copy them as they are.
                    else if (name is "enum" or "required" or "default" or "const") target[name] = value?.DeepClone();
                    else if (name == "properties")
                        target[name] = new JsonObject(value!.AsObject().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Translate(p.Value!))));
                    else target[name] = value is null ? null : value is JsonValue ? value.DeepClone() : Translate(value);
                }
                if (source["nullable"]?.GetValue<bool>() != true) return target;
                // Beside $ref or allOf/oneOf/anyOf, null must be an alternative: those subschemas do not allow it themselves.
                if (target["type"] is null || target["$ref"] is not null || target["allOf"] is not null || target["oneOf"] is not null || target["anyOf"] is not null)
                    return new JsonObject { ["anyOf"] = new JsonArray(target, new JsonObject { ["type"] = "null" }) };
                if (target["type"] is JsonValue type) target["type"] = new JsonArray(type.GetValue<string>(), "null");
                if (target["enum"] is JsonArray values && !values.Any(v => v is null)) values.Add(null);
                return target;
            default:
                return node.DeepClone();
        }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ClaimTracker.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("ClaimTracker.sln not found above the test binaries");
    }
}
