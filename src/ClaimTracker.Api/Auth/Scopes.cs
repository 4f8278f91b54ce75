using ClaimTracker.Api.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Auth;

/// <summary>
/// The two authorization policies: <see cref="Api"/> needs <c>read</c> to read and <c>write</c> to change
/// anything (reads open to all when <c>Auth:AnonymousRead</c> is set); <see cref="Admin"/> needs <c>admin</c>.
/// </summary>
public static class Scopes
{
    public const string Api = "api";
    public const string Admin = "admin";

    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddKeyRedactingLogs();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<BootstrapKey>();
        services.AddSingleton<IAuthorizationHandler, ScopeHandler>();
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Api, policy => policy.AddRequirements(new ScopeRequirement(null)))
            .AddPolicy(Admin, policy => policy.AddRequirements(new ScopeRequirement(Scope.admin)));
        return services;
    }

    /// <summary>Marks a POST that changes nothing (a preview), so that it needs only the read scope.</summary>
    public sealed class ReadsOnly;

    /// <summary>A scope to hold: a fixed one, or (when null) read for safe methods and write for the others.</summary>
    public sealed record ScopeRequirement(Scope? Fixed) : IAuthorizationRequirement;

    private sealed class ScopeHandler(IOptions<AuthOptions> options) : AuthorizationHandler<ScopeRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
        {
            var http = context.Resource as HttpContext;
            var method = http?.Request.Method ?? HttpMethods.Get;
            var reading = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
                || http?.GetEndpoint()?.Metadata.GetMetadata<ReadsOnly>() is not null;
            var needed = requirement.Fixed ?? (reading ? Scope.read : Scope.write);
            var held = Enum.TryParse<Scope>(context.User.FindFirst(ApiKeyAuthentication.ScopeClaim)?.Value, out var scope) ? scope : (Scope?)null;

            if (held >= needed || (requirement.Fixed is null && reading && options.Value.AnonymousRead))
                context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}
