using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ClaimTracker.Api.OpenApi;

/// <summary>
/// Query parameters bound from [AsParameters] classes are named after their C# properties
/// (Stance); the binder ignores case, so the document gives them the camelCase spelling that
/// JSON bodies use (stance).
/// </summary>
public sealed class CamelCaseQueryFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { In: ParameterLocation.Query, Name: [var first, ..] name } p && char.IsUpper(first))
                p.Name = char.ToLowerInvariant(first) + name[1..];
        }
    }
}
