namespace ClaimTracker.Api.Common;

public static class Endpoints
{
    /// <summary>
    /// Declares the problem responses an operation can answer, for the OpenAPI document: those given, and those
    /// every API operation can answer (400 bad input, 401 no key, 403 scope too narrow, 429 rate limited).
    /// </summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Concat([400, 401, 403, 429, 504]).Distinct().Order())
            builder.ProducesProblem(status);
        return builder;
    }

    /// <summary>Names, summarises and describes an operation in one call, as every route does.</summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder, string name, string summary, string description) =>
        builder.WithName(name).WithSummary(summary).WithDescription(description);
}
