using System.ComponentModel.DataAnnotations;

namespace ClaimTracker.Api.Auth;

/// <summary>Who may call the API; bound from <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>When true, GET requests need no key. Writes always do.</summary>
    public bool AnonymousRead { get; set; }

    /// <summary>
    /// An admin key to create on first start instead of a random one (for automated deployments and tests);
    /// it must have the form of a key this service issues.
    /// </summary>
    [RegularExpression(ApiKeySecret.Pattern, ErrorMessage = "Auth:BootstrapKey must look like ct_<10 characters>_<43 characters>.")]
    public string? BootstrapKey { get; set; }
}
