using System.Text.Json.Nodes;
using ClaimTracker.Api.Common;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ClaimTracker.Api.OpenApi;

/// <summary>
/// Answers that middleware gives whatever the operation declares, found undeclared by the contract check: any POST under
/// /api/v1 takes an Idempotency-Key and can answer 422 idempotency-key-reused or 409 idempotency-key-in-use /
/// idempotency-response-lost; an operation that checks If-Match answers 428 when Web:RequireIfMatch is set and it is missing.
/// </summary>
public sealed class MiddlewareResponsesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var problem = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository);
        if (operation.Responses?.ContainsKey("412") == true)
            Add(operation, problem, "428", "Precondition Required: If-Match is missing and this server requires it (Web:RequireIfMatch).",
                "precondition-required", "If-Match required", "Send If-Match with the ETag of your last read of this resource.");
        if (!HttpMethods.IsPost(context.ApiDescription.HttpMethod ?? "") || context.ApiDescription.RelativePath?.StartsWith("api/v1") != true) return;
        Add(operation, problem, "409", "Conflict: also when the Idempotency-Key sent is still in use by a running request.",
            "idempotency-key-in-use", "Request still running", "A request with this Idempotency-Key is still running; retry after it finishes.");
        Add(operation, problem, "422", "Unprocessable: also when the Idempotency-Key sent was used for another request.",
            "idempotency-key-reused", "Idempotency-Key used for another request", "This Idempotency-Key was used for a different request.");
    }

    private static void Add(OpenApiOperation operation, IOpenApiSchema schema, string status, string description, string type, string title, string detail)
    {
        operation.Responses ??= [];
        if (operation.Responses.ContainsKey(status)) return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new()
                {
                    Schema = schema,
                    Example = new JsonObject
                    {
                        ["type"] = ApiProblem.TypeBase + type, ["title"] = title, ["status"] = int.Parse(status), ["detail"] = detail,
                    },
                },
            },
        };
    }
}
