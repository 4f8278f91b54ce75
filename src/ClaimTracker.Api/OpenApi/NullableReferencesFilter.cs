using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ClaimTracker.Api.OpenApi;

/// <summary>
/// OpenAPI 3.0 cannot mark a bare <c>$ref</c> nullable, so Swashbuckle drops the null of a nullable object property
/// (Proposal.source, Suggestion.decision) and a typed client crashes on the null the API sends. Such a property becomes
/// <c>{"type": "object", "allOf": [$ref], "nullable": true}</c> — unless it is left out when null, in which case the bare reference is true.
/// </summary>
public sealed class NullableReferencesFilter : ISchemaFilter
{
    private static readonly NullabilityInfoContext Nullability = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties } || context.Type is null) return;
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (!properties.TryGetValue(name, out var documented) || documented is not OpenApiSchemaReference reference) continue;
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.WhenWritingNull }) continue;
            if (Nullability.Create(property).ReadState != NullabilityState.Nullable) continue;
            // Objects only: a wrapped enum would lose its name in generated clients (NSwag types it as string), and no
            // response sends a null enum. OpenAPI 3.0 allows nullable only beside a type, hence type: object.
            if (reference.Reference.Id is not { } id || !context.SchemaRepository.Schemas.TryGetValue(id, out var target)
                || target.Type is not { } type || !type.HasFlag(JsonSchemaType.Object)) continue;
            properties[name] = new OpenApiSchema { AllOf = [reference], Type = JsonSchemaType.Object | JsonSchemaType.Null, Description = reference.Description };
        }
    }
}
