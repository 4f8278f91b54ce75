using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using ClaimTracker.Api.Common;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ClaimTracker.Api.OpenApi;

/// <summary>
/// Responses list every non-nullable property as required; request bodies list only what
/// [Required] demands, since lists such as aliases default to empty when left out.
/// </summary>
public sealed class RequiredInputsFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (!typeof(IValidatedBody).IsAssignableFrom(context.Type) || schema is not OpenApiSchema concrete) return;
        concrete.Required = context.Type.GetProperties()
            .Where(p => p.GetCustomAttribute<RequiredAttribute>() is not null)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .ToHashSet();
    }
}
