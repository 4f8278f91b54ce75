namespace ClaimTracker.Api.Common;

/// <summary>The size a request body may have: 4 MiB, room for a 1,000,000-character document in any script.</summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            kestrel.AddServerHeader = false;
        });
        return builder;
    }

    /// <summary>Refuses a declared oversize body at once, before reading it; Kestrel stops undeclared ones as they stream.</summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.Use((context, next) => context.Request.ContentLength > MaxBodyBytes
            ? throw new ApiProblem(413, ApiProblem.TypeBase + "too-large", "Request body too large",
                $"The body has {context.Request.ContentLength} bytes; at most {MaxBodyBytes} are accepted.")
            : next(context));
        return app;
    }
}
