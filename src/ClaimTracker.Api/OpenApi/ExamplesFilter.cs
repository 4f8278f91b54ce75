using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.FactCheckTools;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ClaimTracker.Api.OpenApi;

/// <summary>
/// Puts an example on every request body, response and path or query parameter, taken from the
/// seeded worked example, so that "Try it out" in Swagger UI works on a fresh start.
/// </summary>
public sealed class ExamplesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter p && Examples.Parameters.TryGetValue(p.Name ?? "", out var value))
                p.Example = JsonSerializer.SerializeToNode(value, Json.Options);
        }

        // A body bound by the handler, or the one declared with Accepts<T>() where the handler reads a merge patch itself.
        var requestType = context.ApiDescription.ParameterDescriptions.FirstOrDefault(d => d.Source.Id == "Body")?.Type
            ?? context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>().FirstOrDefault()?.RequestType;
        var name = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
        if (requestType is not null && operation.RequestBody?.Content is { } requestContent)
            foreach (var (mediaType, media) in requestContent)
                media.Example = name is not null && Examples.Patches.TryGetValue(name, out var patch)
                    ? JsonSerializer.SerializeToNode(patch, Json.Options)
                    : Text(name, mediaType) ?? Example(requestType);

        foreach (var response in context.ApiDescription.SupportedResponseTypes)
        {
            var status = response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses?.TryGetValue(status, out var documented) != true || documented?.Content is not { } content) continue;
            var example = response.Type == typeof(ProblemDetails) || response.Type == typeof(HttpValidationProblemDetails)
                ? Problem(response.StatusCode, context.ApiDescription.RelativePath ?? "")
                : response.Type == typeof(GoogleErrorResponse) ? JsonSerializer.SerializeToNode(GoogleErrors.Example(response.StatusCode), Json.Options)
                : response.Type is { } type ? Example(type) : null;
            foreach (var (mediaType, media) in content) media.Example = Text(name, mediaType) ?? example;
        }
    }

    /// <summary>A CSV or NDJSON body is text, not JSON: its example is the text itself, written for the operation.</summary>
    private static JsonNode? Text(string? operation, string mediaType) =>
        !mediaType.Contains("json", StringComparison.Ordinal) || mediaType.Contains("ndjson", StringComparison.Ordinal) || mediaType.Contains("jsonl", StringComparison.Ordinal)
            ? operation is not null && Examples.Texts.TryGetValue(operation, out var text) ? JsonValue.Create(text) : null
            : null;

    private static JsonNode? Example(Type type) =>
        Examples.Bodies.TryGetValue(type, out var value) ? JsonSerializer.SerializeToNode(value, value.GetType(), ExampleOptions) : null;

    // OpenAPI 3.0 cannot mark a referenced schema nullable, so examples leave null fields out rather than contradict their schemas.
    private static readonly JsonSerializerOptions ExampleOptions = new(Json.Options)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static JsonNode Problem(int status, string path) => JsonSerializer.SerializeToNode(Examples.Problem(status, "/" + path), Json.Options)!;
}
