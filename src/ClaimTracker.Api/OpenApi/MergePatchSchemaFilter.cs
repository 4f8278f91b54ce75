using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ClaimTracker.Api.OpenApi;

/// <summary>
/// A PATCH body is a JSON Merge Patch: any subset of the resource's input fields. Declared as the input type itself, its
/// required fields made every partial example (and every real patch) invalid against the document; the body's schema is
/// the input's fields without <c>required</c>, named <c>{Input}Patch</c>. The merged result is still validated as a POST body.
/// </summary>
public sealed class MergePatchSchemaFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!HttpMethods.IsPatch(context.ApiDescription.HttpMethod ?? "") || operation.RequestBody?.Content is not { } content) return;
        foreach (var media in content.Values.OfType<OpenApiMediaType>())
        {
            if (media.Schema is not OpenApiSchemaReference { Reference.Id: { } id }
                || !context.SchemaRepository.Schemas.TryGetValue(id, out var input) || input is not OpenApiSchema whole) continue;
            var name = id + "Patch";
            if (!context.SchemaRepository.Schemas.ContainsKey(name))
            {
                context.SchemaRepository.AddDefinition(name, new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = $"A JSON Merge Patch (RFC 7396) of {id}: the fields to change; null clears a field that may be empty.",
                    Properties = whole.Properties is null ? null : new Dictionary<string, IOpenApiSchema>(whole.Properties),
                    AdditionalPropertiesAllowed = whole.AdditionalPropertiesAllowed,
                    AdditionalProperties = whole.AdditionalProperties,
                });
            }
            media.Schema = new OpenApiSchemaReference(name, context.Document);
        }
    }
}
