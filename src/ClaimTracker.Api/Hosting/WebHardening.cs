using System.Globalization;
using System.Threading.RateLimiting;
using ClaimTracker.Api.Auth;
using ClaimTracker.Api.Common;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Hosting;

/// <summary>Rate limits per key, request timeouts, CORS for listed origins, and security headers.</summary>
public static class WebHardening
{
    private const string CorsPolicy = "newsroom-tools";

    public static IServiceCollection AddWebHardening(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.PublicBaseUrl is null || PublicUrls.Problem(o.PublicBaseUrl) is null,
                "Web:PublicBaseUrl must be an absolute http or https URL without credentials, query or fragment, e.g. https://claims.example.org.")
            .ValidateOnStart();
        services.AddSingleton<PublicUrls>();
        var options = configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();

        services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds),
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
            // Thrown, like the rate limiter's refusal, so that the one problem writer answers it.
            WriteTimeoutResponse = _ => throw ApiProblem.Timeout(
                $"The request did not finish within {options.RequestTimeoutSeconds} seconds and was cancelled; "
                + "what it had begun to change was rolled back."),
        });
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(options.CorsOrigins)
            .WithMethods("GET", "POST", "PATCH", "DELETE")
            .WithHeaders("Authorization", "X-Api-Key", "Content-Type", "If-Match", "Idempotency-Key")
            .WithExposedHeaders("ETag", "Location", "Link", "Retry-After", "Idempotency-Replayed")));
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value.RequestsPerMinute;
                if (perMinute == 0) return RateLimitPartition.GetNoLimiter("off");
                return RateLimitPartition.GetTokenBucketLimiter(RateLimitBucket.Of(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute, TokensPerPeriod = perMinute, ReplenishmentPeriod = TimeSpan.FromMinutes(1), QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                throw new ApiProblem(429, ApiProblem.TypeBase + "rate-limited", "Too many requests",
                    $"This key (or, without one, this address) has used its requests for now; "
                    + $"retry after {retryAfter} seconds.")
                { Headers = { ["Retry-After"] = retryAfter.ToString(CultureInfo.InvariantCulture) } };
            };
        });
        return services;
    }

    public static WebApplication UseWebHardening(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            // Swagger UI needs its own scripts, inline styles and data: images; nothing else loads from anywhere.
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            return next(context);
        });
        app.UseCors(CorsPolicy);
        return app;
    }
}
