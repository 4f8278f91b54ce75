using ClaimTracker.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ClaimTracker.Api.OpenApi;

/// <summary>
/// Marks the operations that need an API key, so that Swagger UI sends the key given to its
/// Authorize button, and documents their 401 and 403 problems.
/// </summary>
public sealed class SecurityFilter : IOperationFilter
{
    public const string Bearer = "bearer";
    public const string HeaderKey = "x-api-key";
    public const string QueryKeyScheme = "key";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement()]; // said explicitly: no key needed
            return;
        }
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderKey, context.Document)] = [] },
        ];
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<QueryKey>().Any())
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(QueryKeyScheme, context.Document)] = [] });
    }

    public static void AddDefinitions(SwaggerGenOptions options)
    {
        options.AddSecurityDefinition(Bearer, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer",
            Description = "An API key (ct_…) as Authorization: Bearer <key>. The first start prints an admin key to the console.",
        });
        options.AddSecurityDefinition(HeaderKey, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
            Description = "The same API key, as an X-Api-Key header.",
        });
        options.AddSecurityDefinition(QueryKeyScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = QueryKey.Parameter,
            Description = "The same API key as ?key=<key>, the way Google's API clients send one; taken only by the Fact Check Tools–compatible route.",
        });
    }
}
