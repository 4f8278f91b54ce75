using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Api.Common;

/// <summary>
/// The one place where errors become <c>application/problem+json</c>: refusals thrown as
/// <see cref="ApiProblem"/>, requests the framework could not bind (malformed JSON, wrong
/// types, bad query values, bodies over the limit), bare status codes, and anything else
/// (logged, answered as a 500 without internals).
/// </summary>
public static partial class ProblemHandling
{
    public static IServiceCollection AddProblemHandling(this IServiceCollection services)
    {
        // First of the writers, so problems never depend on Accept (see ProblemJsonWriter).
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.Remove("exception");
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<ApiProblemHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseProblemHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    private sealed partial class ApiProblemHandler(IProblemDetailsService problems, ILogger<ApiProblemHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var problem = exception switch
            {
                ApiProblem p => p,
                BadHttpRequestException bad => FromBadRequest(bad),
                System.Data.Common.DbException db
                    when context.RequestServices.GetRequiredService<Data.Db>().Dialect.RefusedText(db) =>
                    new ApiProblem(400, ApiProblem.TypeBase + "unstorable-text", "A string cannot be stored",
                        "A string in the request holds a NUL character (U+0000), which the database cannot store."),
                System.Data.Common.DbException db
                    when context.RequestServices.GetRequiredService<Data.Db>().Dialect.TimedOut(db) =>
                    ApiProblem.Timeout("A database statement of this request ran out of time and was cancelled; "
                        + "what the request had begun to change was rolled back. Narrow the request (filters, a "
                        + "smaller limit) or retry later."),
                _ => null,
            };
            if (problem is null)
            {
                logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
                problem = new ApiProblem(500, ApiProblem.TypeBase + "internal", "Internal error", "The server failed to answer; the error was logged.");
            }

            context.Response.StatusCode = problem.Status;
            foreach (var (name, value) in problem.Headers) context.Response.Headers[name] = value;
            var details = new ProblemDetails { Status = problem.Status, Type = problem.Type, Title = problem.Title, Detail = problem.Message };
            if (problem.Errors is not null) details.Extensions["errors"] = problem.Errors;
            foreach (var (key, value) in problem.Extensions) details.Extensions[key] = value;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
        }

        private static ApiProblem FromBadRequest(BadHttpRequestException bad)
        {
            if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
                return new ApiProblem(413, ApiProblem.TypeBase + "too-large", "Request body too large", bad.Message);
            if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
                return new ApiProblem(415, ApiProblem.TypeBase + "unsupported-media-type", "Unsupported media type", "Send the body as application/json.");
            if (bad.InnerException is JsonException json)
            {
                var field = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
                return new ApiProblem(400, ApiProblem.TypeBase + "malformed-json", "The body is not valid JSON for this operation",
                    $"The JSON at '{field}' could not be read: {Plain(json)}")
                { Errors = new Dictionary<string, string[]> { [field] = [Plain(json)] } };
            }
            if (UnboundParameter().Match(bad.Message) is { Success: true } unbound)
            {
                var name = unbound.Groups["name"].Value;
                var field = char.ToLowerInvariant(name[0]) + name[1..];
                return ApiProblem.Validation(field, $"'{unbound.Groups["value"].Value}' is not a valid value for {field}.");
            }
            return new ApiProblem(bad.StatusCode, ApiProblem.TypeBase + "bad-request", "Bad request", bad.Message);
        }

        [GeneratedRegex("^Failed to bind parameter \"[^\"]* (?<name>\\w+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
        private static partial Regex UnboundParameter();

        private static string Plain(JsonException json) => JsonMessages.Plain(json);
    }
}
