namespace ClaimTracker.Api.Common;

public static class Endpoints
{
    /// <summary>Declares the problem responses an operation can answer, for the OpenAPI document.</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status400BadRequest).Distinct())
            builder.ProducesProblem(status);
        return builder;
    }

    /// <summary>Names, summarises and describes an operation in one call, as every route does.</summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder, string name, string summary, string description) =>
        builder.WithName(name).WithSummary(summary).WithDescription(description);
}
