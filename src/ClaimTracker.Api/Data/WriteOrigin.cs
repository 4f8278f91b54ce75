using System.Security.Claims;
using ClaimTracker.Api.Idempotency;

namespace ClaimTracker.Api.Data;

/// <summary>
/// Whom a write unit works for: the actor its history entries name, and the Idempotency-Key that commits with it.
/// It travels into <see cref="Db.WriteAsync{T}"/> as a value, so a write the request did not ask for (search catch-up,
/// webhook bookkeeping, another request's) can never take the request's key or its name.
/// </summary>
public sealed record WriteOrigin(string Actor, IdempotencyKey? Key = null)
{
    public const string SystemActor = "system";

    /// <summary>Work of the service itself: background jobs, start-up, the command line. It commits no Idempotency-Key.</summary>
    public static WriteOrigin System { get; } = new(SystemActor);

    /// <summary>The request's origin: the name of its API key, and the Idempotency-Key the middleware claimed for it.</summary>
    public static WriteOrigin Of(HttpContext context) =>
        new(context.User.FindFirstValue(ClaimTypes.Name) ?? SystemActor, context.Features.Get<IdempotencyKey>());

    /// <summary>Lets a route handler take the origin as a parameter (minimal APIs call this for each request).</summary>
    public static ValueTask<WriteOrigin?> BindAsync(HttpContext context) => ValueTask.FromResult<WriteOrigin?>(Of(context));
}
