using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaimTracker.Api.Common;

/// <summary>
/// PATCH bodies are JSON Merge Patch (RFC 7396): fields present replace, <c>null</c> clears,
/// absent fields stay. The patch is applied to the resource's editable fields and the result
/// is read back as the same body a POST takes, so it meets exactly the same validation.
/// </summary>
public static class MergePatch
{
    public const string MediaType = "application/merge-patch+json";

    public static async Task<T> ApplyAsync<T>(HttpRequest request, T current) where T : IValidatedBody
    {
        if (request.ContentType is not { } type || !(type.StartsWith(MediaType, StringComparison.OrdinalIgnoreCase) || request.HasJsonContentType()))
            throw new ApiProblem(415, ApiProblem.TypeBase + "unsupported-media-type", "Unsupported media type",
                $"Send the changes as {MediaType} (or application/json).");
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException json)
        {
            throw ApiProblem.Validation("$", "The body is not valid JSON: " + JsonMessages.Plain(json));
        }
        JsonObject? patch;
        using (body)
        {
            JsonText.Require(body.RootElement);
            var root = body.RootElement;
            patch = root.ValueKind == JsonValueKind.Object ? JsonObject.Create(root.Clone()) : null;
        }
        if (patch is not { } changes)
            throw ApiProblem.Validation("$", "A merge patch must be a JSON object of the fields to change.");

        var merged = JsonSerializer.SerializeToNode(current, Json.Options)!.AsObject();
        Merge(merged, changes);
        T? result;
        try
        {
            result = merged.Deserialize<T>(Json.Options);
        }
        catch (JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
            throw ApiProblem.Validation(field, JsonMessages.Plain(json));
        }
        ValidationFilter.Check(result!);
        return result!;
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            // Clearing a list leaves it empty: lists are never null in this API.
            if (value is null) target[name] = target[name] is JsonArray ? new JsonArray() : null;
            else if (value is JsonObject inner && target[name] is JsonObject existing) Merge(existing, inner);
            else target[name] = value.DeepClone();
        }
    }
}
