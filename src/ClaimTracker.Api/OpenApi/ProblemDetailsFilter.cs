using ClaimTracker.Api.Anchoring;
using ClaimTracker.Api.Exports;
using ClaimTracker.Api.Matching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ClaimTracker.Api.OpenApi;

/// <summary>
/// The problem schema as the API sends it: type, title and status always, and every extension member some problem
/// carries, typed, so that a generated client can read them (RFC 9457 §3.2 lets a problem type define extensions).
/// </summary>
public sealed class ProblemDetailsFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(ProblemDetails) || schema is not OpenApiSchema problem) return;
        problem.Required = new HashSet<string> { "type", "title", "status" };
        foreach (var name in problem.Required)
            if (problem.Properties?[name] is OpenApiSchema always) always.Type &= ~JsonSchemaType.Null;

        OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
        var candidates = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "quote-ambiguous: where the quote occurs (code points); duplicate-claim: the existing claims it matches.",
            Items = new OpenApiSchema
            {
                AnyOf =
                [
                    context.SchemaGenerator.GenerateSchema(typeof(TextPositionSelector), context.SchemaRepository),
                    context.SchemaGenerator.GenerateSchema(typeof(MatchCandidate), context.SchemaRepository),
                ],
            },
        };
        problem.Properties!["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Validation: the messages for each field, by its JSON name or path.",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        };
        problem.Properties["candidates"] = candidates;
        problem.Properties["traceId"] = Text("The request's W3C trace id, to find it in the logs.");
        problem.Properties["existingId"] = Text("A duplicate: the id of the resource already stored (also in Location).");
        problem.Properties["references"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A refused delete: how many resources of each kind still refer to this one.",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
        };
        problem.Properties["lines"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "An NDJSON import where every line failed: each line's errors.",
            Items = context.SchemaGenerator.GenerateSchema(typeof(NdjsonLineError), context.SchemaRepository),
        };
        problem.Properties["suggestionStatus"] = Text("suggestion-decided: the decision already taken (accepted or rejected).");
        var attribution = Text("suggestion-decided: the attribution an accept made; null after a reject.");
        attribution.Type |= JsonSchemaType.Null;
        problem.Properties["attributionId"] = attribution;
    }
}
