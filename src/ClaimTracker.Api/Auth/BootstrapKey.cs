using Microsoft.Extensions.Options;
using ClaimTracker.Api.Data;

namespace ClaimTracker.Api.Auth;

/// <summary>
/// Makes sure someone can administer a new installation: with no key at all, creates an admin key,
/// either the configured <c>Auth:BootstrapKey</c> or a random one printed once to the console
/// (written to standard output directly, never through the logs).
/// </summary>
public sealed class BootstrapKey(ApiKeyStore keys, IOptions<AuthOptions> options)
{
    public async Task EnsureAsync()
    {
        if (await keys.CountAsync() > 0) return;
        var configured = string.IsNullOrEmpty(options.Value.BootstrapKey) ? null : options.Value.BootstrapKey;
        var created = await keys.CreateAsync(WriteOrigin.System, "bootstrap-admin", Scope.admin, configured);
        if (configured is not null) return;
        Console.WriteLine($"""

            ClaimTracker created the first API key, with admin scope. It is shown this once; store it now:

                {created.Key}

            Use it as "Authorization: Bearer <key>" (or in Swagger UI's Authorize button) and create other keys with POST /api/v1/keys.

            """);
    }
}
