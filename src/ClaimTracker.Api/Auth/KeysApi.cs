using System.ComponentModel;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Auth;

/// <summary>API keys: created, listed and revoked by an admin.</summary>
public static class KeysApi
{
    public static void MapKeys(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/keys").WithTags("Keys").RequireAuthorization(Scopes.Admin);

        group.MapPost("/", Create).Describe("CreateKey", "Create an API key",
            "Creates a key with a scope: read (GET only), write (also POST, PATCH, DELETE) or admin (also keys and the audit log). "
            + "The secret is in this response only: it is stored as a hash and cannot be shown again. Needs an admin key.")
            .Problems(401, 403, 413, 415);
        group.MapGet("/", List).Describe("ListKeys", "List API keys",
            "Every key with its name, scope, creation, last use (to the minute) and revocation; never a secret. Needs an admin key.")
            .Problems(401, 403);
        group.MapDelete("/{keyId}", Revoke).Describe("RevokeKey", "Revoke an API key",
            "Revokes a key at once: its next request is a 401. Revoking is permanent; the key stays listed. Needs an admin key.")
            .Problems(401, 403, 404);
    }

    private static async Task<Created<CreatedApiKey>> Create(ApiKeyInput input, ApiKeyStore keys, HttpContext context)
    {
        var created = await keys.CreateAsync(WriteOrigin.Of(context), input.Name!, input.Scope!.Value);
        // The key is shown this once: no cache, and no Idempotency-Key record, may keep it.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/keys/{created.ApiKey.Id}", created);
    }

    private static async Task<Ok<Page<ApiKey>>> List([AsParameters] PageQuery page, ApiKeyStore keys, HttpContext context) =>
        PageResults.Ok(context, await keys.ListAsync(page));

    private static async Task<NoContent> Revoke([Description("Key id, e.g. key_k3x9m2p7qa.")] string keyId, ApiKeyStore keys) =>
        await keys.RevokeAsync(keyId) is null ? throw ApiProblem.NotFound("API key", keyId) : TypedResults.NoContent();
}
