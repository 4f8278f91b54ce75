using System.Security.Claims;
using System.Text.Encodings.Web;
using ClaimTracker.Api.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c> (and, on routes marked <see cref="QueryKey"/>,
/// <c>?key=&lt;key&gt;</c>), and answers 401 (no valid key) and 403 (a key without the scope) as problems. Keys never reach a log.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";
    public const string KeyIdClaim = "key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null) return AuthenticateResult.NoResult();
        var key = await keys.AuthenticateAsync(presented);
        if (key is null) return AuthenticateResult.Fail("The API key is not valid.");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, key.Name), new Claim(ScopeClaim, key.Scope), new Claim(KeyIdClaim, "key_" + key.PublicId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var detail = Presented(Request) is null
            ? $"Send an API key as {(InQuery(Request) ? "?key=<key>, " : "")}Authorization: Bearer <key> or X-Api-Key: <key>."
            : "The API key is not valid: unknown, mistyped or revoked.";
        throw new ApiProblem(401, ApiProblem.TypeBase + "unauthorized", "Authentication required", detail) { Headers = { ["WWW-Authenticate"] = "Bearer" } };
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        throw new ApiProblem(403, ApiProblem.TypeBase + "forbidden", "Not allowed for this key",
            $"This key's scope is '{Context.User.FindFirstValue(ScopeClaim)}'; the operation needs a key with a wider scope.");

    private static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization[7..].Trim();
        var header = request.Headers["X-Api-Key"].ToString();
        if (header.Length > 0) return header.Trim();
        var query = InQuery(request) ? QueryKey.From(request.QueryString)?.Trim() : null;
        return string.IsNullOrEmpty(query) ? null : query;
    }

    private static bool InQuery(HttpRequest request) => request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<QueryKey>() is not null;
}
