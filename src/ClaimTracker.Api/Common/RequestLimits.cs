using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

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

    /// <summary>
    /// Refuses a declared oversize body at once, before reading it; Kestrel stops undeclared ones as they stream.
    /// A route may allow more with a <see cref="IRequestSizeLimitMetadata"/> (the NDJSON import takes whole exports).
    /// </summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBodyBytes;
            if (context.Request.ContentLength > limit)
                throw new ApiProblem(413, ApiProblem.TypeBase + "too-large", "Request body too large",
                    $"The body has {context.Request.ContentLength} bytes; at most {limit} are accepted.");
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
            return next(context);
        });
        return app;
    }
}
