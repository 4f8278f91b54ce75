using System.Collections.Concurrent;
using System.Reflection;

namespace ClaimTracker.Api.Common;

/// <summary>
/// Checks query values the binder lets through: no value may exceed <see cref="MaxLength"/> characters,
/// and enums must be spelled by name — the binder also takes numbers ("rating=4") and flag lists
/// ("1,2"), which would silently mean some other value.
/// </summary>
public sealed class QueryValuesFilter : IEndpointFilter
{
    public const int MaxLength = 2000;

    private static readonly ConcurrentDictionary<MethodInfo, Dictionary<string, Type>> EnumParameters = new();

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var (key, values) in context.HttpContext.Request.Query)
        {
            if (values.Any(v => v?.Length > MaxLength))
                throw ApiProblem.Validation(key, $"{key} must be at most {MaxLength} characters.");
        }
        var handler = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>();
        if (handler is not null)
        {
            var enums = EnumParameters.GetOrAdd(handler, Find);
            foreach (var (key, values) in context.HttpContext.Request.Query)
            {
                if (!enums.TryGetValue(key, out var type)) continue;
                var names = Enum.GetNames(type);
                if (values.FirstOrDefault(v => !names.Contains(v, StringComparer.Ordinal)) is { } bad)
                    throw ApiProblem.Validation(key, $"'{bad}' is not one of: {string.Join(", ", names)}.");
            }
        }
        return next(context);
    }

    /// <summary>The enum-typed query values of a handler, by name: its own parameters and those of its [AsParameters] objects.</summary>
    private static Dictionary<string, Type> Find(MethodInfo handler)
    {
        var found = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in handler.GetParameters())
        {
            if (EnumType(parameter.ParameterType) is { } type) found[parameter.Name!] = type;
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is null) continue;
            foreach (var property in parameter.ParameterType.GetProperties())
                if (EnumType(property.PropertyType) is { } propertyType) found[property.Name] = propertyType;
        }
        return found;
    }

    private static Type? EnumType(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } e ? e : null;
}
