using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ClaimTracker.Api.Common;

namespace ClaimTracker.Api.Auth;

/// <summary>What a key may do. Each scope includes the ones before it: admin can write, write can read.</summary>
public enum Scope { read, write, admin }

/// <summary>An API key as listed: never its secret, which is shown once at creation.</summary>
public sealed record ApiKey(
    [property: Description("Public id of the key, e.g. key_k3x9m2p7qa; the key itself starts ct_k3x9m2p7qa_.")] string Id,
    string Name,
    Scope Scope,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);

/// <summary>A key just created: the only time its secret is shown.</summary>
public sealed record CreatedApiKey(
    [property: Description("The secret. Send it as Authorization: Bearer <key> or X-Api-Key: <key>. It is not stored and cannot be shown again.")] string Key,
    ApiKey ApiKey);

/// <summary>The body of <c>POST /keys</c>.</summary>
public sealed class ApiKeyInput : IValidatedBody
{
    [Description("Who or what uses the key, e.g. cms-plugin or maria.silva; recorded as the actor in the audit history.")]
    [Required, StringLength(100), CleanText]
    public string? Name { get; init; }

    [Required]
    public Scope? Scope { get; init; }
}

/// <summary>A key as stored.</summary>
internal sealed class ApiKeyRow
{
    public long Id { get; init; }
    public string PublicId { get; init; } = "";
    public string Name { get; init; } = "";
    public string Scope { get; init; } = "";
    public string SecretHash { get; init; } = "";
    public string CreatedAt { get; init; } = "";
    public string? LastUsedAt { get; init; }
    public string? RevokedAt { get; init; }

    public ApiKey ToApiKey() => new("key_" + PublicId, Name, Enum.Parse<Scope>(Scope), Data.Time.Load(CreatedAt),
        Data.Time.LoadOptional(LastUsedAt), Data.Time.LoadOptional(RevokedAt));
}
