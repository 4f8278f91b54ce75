using ClaimTracker.Api.Data;

namespace ClaimTracker.Api.Hosting;

/// <summary>
/// Lets the request's cancellation (Web:RequestTimeoutSeconds, or the client leaving) reach the database work of the
/// handler: a read is interrupted inside SQLite, a write stops before its next statement and its savepoint rolls back,
/// and the request times out with a 504 problem.
/// </summary>
public sealed class RequestDeadlineFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        using var deadline = DatabaseCancellation.Use(context.HttpContext.RequestAborted);
        return await next(context);
    }
}
