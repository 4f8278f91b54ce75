using System.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Common;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the request's <c>Accept</c> says. The framework's
/// writer declines when Accept admits neither JSON nor problem+json (<c>text/html</c>, <c>image/png</c>, garbage), and
/// the error then escaped as a 500 with an empty body. RFC 9110 (section 12.5.1) lets a server disregard Accept rather
/// than answer 406, and that is what GitHub and Stripe do for errors: an error the client cannot read in its preferred
/// type is still better than none. Registered before the framework's writer, so it is the only one used.
/// </summary>
internal sealed class ProblemJsonWriter(
    IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public const string MediaType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        // As the framework's own writer does: TypedResults.Problem fills status, title and type from the status code
        // where they are missing, and the trace id ties the answer to the logs.
        context.ProblemDetails.Status ??= context.HttpContext.Response.StatusCode;
        _ = TypedResults.Problem(context.ProblemDetails);
        var traceId = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        context.ProblemDetails.Extensions.TryAdd("traceId", traceId);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            context.ProblemDetails, jsonOptions.Value.SerializerOptions, MediaType));
    }
}
