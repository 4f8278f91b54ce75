using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClaimTracker.Api.Auth;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;

namespace ClaimTracker.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on a POST makes retries safe: the same key with the same request gets the
/// first response again (with <c>Idempotency-Replayed: true</c>) and no second change; the same key
/// with another request is a 422; the same key while the first request runs is a 409. Keys belong
/// to the API key that sent them and are kept 24 hours.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store)
{
    public const string Header = "Idempotency-Key";
    private static readonly string[] ReplayedHeaders = ["Location", "ETag", "Content-Type"];

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0)
        {
            await next(context);
            return;
        }
        if (key.Length > 255 || key.Any(c => c is < ' ' or > '~'))
            throw ApiProblem.Validation(Header, "Idempotency-Key must be 1 to 255 printable ASCII characters; a UUID is a good choice.");

        var owner = context.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value ?? "anonymous";
        var hash = await HashAsync(context.Request);
        if (await store.ClaimAsync(owner, key, hash) is { } existing)
        {
            await AnswerExistingAsync(context, existing, hash);
            return;
        }

        Db.JoinNextWrite((c, tx) => IdempotencyStore.MarkCommittedAsync(c, tx, owner, key));
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var completed = false;
        try
        {
            await next(context);
            completed = context.Response.StatusCode < 500;
        }
        finally
        {
            context.Response.Body = original;
            if (completed)
            {
                var headers = ReplayedHeaders.Where(h => context.Response.Headers.ContainsKey(h))
                    .ToDictionary(h => h, h => context.Response.Headers[h].ToString());
                await store.CompleteAsync(owner, key, context.Response.StatusCode, JsonSerializer.Serialize(headers), captured.ToArray());
            }
            else
            {
                await store.ReleaseAsync(owner, key);
            }
            captured.Position = 0;
            await captured.CopyToAsync(original);
        }
    }

    private static async Task AnswerExistingAsync(HttpContext context, IdempotencyStore.Record existing, string requestHash)
    {
        if (existing.RequestHash != requestHash)
            throw ApiProblem.Unprocessable("idempotency-key-reused", "Idempotency-Key used for another request",
                "This Idempotency-Key was used with a different request; use a new key for a new request.");
        if (existing.State == "started")
            throw ApiProblem.Conflict("idempotency-key-in-use", "Request still running",
                "A request with this Idempotency-Key is still being processed; retry in a moment.");
        if (existing.State == "committed")
            throw ApiProblem.Conflict("idempotency-response-lost", "Request applied, response lost",
                "The request with this Idempotency-Key was applied, but the server stopped before recording its answer; read the resource to see the result.");

        context.Response.StatusCode = (int)existing.Status!.Value;
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(existing.Headers!)!)
            context.Response.Headers[name] = value;
        context.Response.Headers["Idempotency-Replayed"] = "true";
        await context.Response.Body.WriteAsync(existing.Body ?? []);
    }

    /// <summary>What makes two requests the same: method, path with query, and body bytes.</summary>
    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        request.Body.Position = 0;
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer)) > 0) sha.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
