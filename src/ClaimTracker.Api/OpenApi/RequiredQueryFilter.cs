using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ClaimTracker.Api.OpenApi;

/// <summary>
/// A query parameter bound from an [AsParameters] class is nullable in C# (so that its absence reaches the validator
/// and answers a problem, not a binding failure), which Swashbuckle reads as optional; [Required] says it is not.
/// </summary>
public sealed class RequiredQueryFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var handler = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault();
        var required = (handler?.GetParameters() ?? [])
            .Where(p => p.GetCustomAttribute<AsParametersAttribute>() is not null)
            .SelectMany(p => p.ParameterType.GetProperties())
            .Where(p => p.GetCustomAttribute<RequiredAttribute>() is not null)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            if (parameter.In == ParameterLocation.Query && required.Contains(parameter.Name ?? "")) parameter.Required = true;
    }
}
