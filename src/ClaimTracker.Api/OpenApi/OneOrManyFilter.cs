using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ClaimTracker.Api.OpenApi;

/// <summary>Marks an operation that answers one object, or an array of them when there are several (ClaimReview markup).</summary>
public sealed class OneOrMany;

/// <summary>Gives a <see cref="OneOrMany"/> operation's 200 schemas the shape they have: the object, or an array of it.</summary>
public sealed class OneOrManyFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<OneOrMany>().Any()) return;
        if (operation.Responses?.TryGetValue("200", out var ok) != true || ok?.Content is null) return;
        foreach (var media in ok.Content.Values.OfType<OpenApiMediaType>())
        {
            if (media.Schema is not { } one) continue;
            media.Schema = new OpenApiSchema
            {
                OneOf = [one, new OpenApiSchema { Type = JsonSchemaType.Array, Items = one, MinItems = 2 }],
            };
        }
    }
}

/// <summary>A property written by <see cref="ClaimReviews.OneOrManyConverter"/> is one object, or an array of two or more.</summary>
public sealed class OneOrManyPropertyFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties } || context.Type is null) return;
        foreach (var property in context.Type.GetProperties())
        {
            var converter = property.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonConverterAttribute), false)
                .OfType<System.Text.Json.Serialization.JsonConverterAttribute>().FirstOrDefault()?.ConverterType;
            var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (converter != typeof(ClaimReviews.OneOrManyConverter) || !properties.TryGetValue(name, out var documented)
                || documented is not OpenApiSchema { Items: { } one } list) continue;
            properties[name] = new OpenApiSchema
            {
                Description = list.Description,
                OneOf = [one, new OpenApiSchema { Type = JsonSchemaType.Array, Items = one, MinItems = 2 }],
            };
        }
    }
}
