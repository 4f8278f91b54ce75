using System.ComponentModel;
using System.Text.Json.Serialization;
using ClaimTracker.Api.Common;

namespace ClaimTracker.Api.FactCheckTools;

/// <summary>An error as Google's APIs answer one (google.rpc.Status in JSON): <c>{"error": {"code", "message", "status"}}</c>.</summary>
public sealed record GoogleErrorResponse(GoogleError Error);

public sealed record GoogleError(
    [property: Description("The HTTP status code.")] int Code,
    [property: Description("What was wrong, and what to do about it.")] string Message,
    [property: Description("The canonical error code: INVALID_ARGUMENT, UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND, RESOURCE_EXHAUSTED…")] string Status,
    [property: Description("For invalid arguments, a google.rpc.BadRequest naming each parameter and what was wrong with it."),
               JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<GoogleBadRequest>? Details = null);

/// <summary>google.rpc.BadRequest: the parameters that were not valid.</summary>
public sealed record GoogleBadRequest(
    [property: JsonPropertyName("@type"), JsonPropertyOrder(-1)] string Type,
    IReadOnlyList<GoogleFieldViolation> FieldViolations)
{
    public const string TypeUrl = "type.googleapis.com/google.rpc.BadRequest";
}

public sealed record GoogleFieldViolation(string Field, string Description);

/// <summary>How this API's problems read in Google's error shape, for the Fact Check Tools–compatible route.</summary>
public static class GoogleErrors
{
    /// <summary>The canonical code of an HTTP status, as google.rpc.Code maps them.</summary>
    public static string Status(int httpStatus) => httpStatus switch
    {
        400 or 413 or 414 or 415 or 431 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        405 or 501 => "UNIMPLEMENTED",
        409 => "ABORTED",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        >= 500 => "INTERNAL",
        _ => "FAILED_PRECONDITION",
    };

    /// <summary>
    /// A problem in Google's shape: the detail as message (for a validation problem, the field messages themselves, which say more
    /// than "see errors"), and the field errors as a google.rpc.BadRequest.
    /// </summary>
    public static GoogleErrorResponse From(int status, string? title, string? detail, IDictionary<string, string[]>? errors)
    {
        var violations = errors?.SelectMany(e => e.Value.Select(message => new GoogleFieldViolation(e.Key, message))).ToList();
        var message = violations is { Count: > 0 } ? string.Join(" ", violations.Select(v => v.Description))
            : detail ?? title ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        return new GoogleErrorResponse(new GoogleError(status, message, Status(status),
            violations is { Count: > 0 } ? [new GoogleBadRequest(GoogleBadRequest.TypeUrl, violations)] : null));
    }

    /// <summary>Declares, for the OpenAPI document, the errors an operation answers in Google's shape.</summary>
    public static RouteHandlerBuilder ProducesGoogleErrors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses) builder.Produces<GoogleErrorResponse>(status, "application/json");
        return builder;
    }

    /// <summary>The example of each error for the OpenAPI document.</summary>
    public static GoogleErrorResponse Example(int status) => status switch
    {
        400 => From(400, null, null, new Dictionary<string, string[]> { ["pageSize"] = ["pageSize must be between 0 and 100."] }),
        401 => From(401, null, "Send an API key as ?key=<key>, Authorization: Bearer <key> or X-Api-Key: <key>.", null),
        403 => From(403, null, "This key's scope is 'read'; the operation needs a key with a wider scope.", null),
        429 => From(429, null, "This key has used its requests for now; retry after 12 seconds.", null),
        _ => From(status, null, null, null),
    };
}

/// <summary>
/// Writes the problems of routes under <see cref="FactCheckToolsApi.Prefix"/> in Google's error shape instead of RFC 9457. Every
/// problem passes through <see cref="IProblemDetailsService"/> (refusals, bind errors, auth challenges, rate limits, bare status
/// codes, unhandled errors), so this one writer covers them all and the problem logic stays in <see cref="ProblemHandling"/>.
/// </summary>
internal sealed class GoogleErrorWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => context.HttpContext.Request.Path.StartsWithSegments(FactCheckToolsApi.Prefix);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var response = context.HttpContext.Response;
        var status = problem.Status ?? response.StatusCode;
        var errors = problem.Extensions.TryGetValue("errors", out var value) ? value as IDictionary<string, string[]> : null;
        response.StatusCode = status;
        return new ValueTask(response.WriteAsJsonAsync(GoogleErrors.From(status, problem.Title, problem.Detail, errors), Json.Options,
            "application/json; charset=utf-8", context.HttpContext.RequestAborted));
    }
}
