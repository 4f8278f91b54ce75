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
/// to the API key that sent them and are kept 24 hours. A request that commits nothing keeps no record, and keys that
/// cannot write (read scope, anonymous) and read-only POSTs are not recorded at all.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store)
{
    public const string Header = "Idempotency-Key";

    /// <summary>
    /// The largest response kept for replay. Answers are small (a created claim is about 1 KB); a larger one (a long
    /// document, an import's error list) is not kept, and a retry learns that it was applied (409, with Location).
    /// </summary>
    public const int MaxKeptResponseBytes = 64 * 1024;

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
        if (!MayWrite(context))
        {
            await next(context);
            return;
        }

        var owner = context.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value ?? "anonymous";
        var hash = await HashAsync(context.Request);
        if (await store.ClaimAsync(owner, key, hash) is { } existing)
        {
            await AnswerExistingAsync(context, existing, hash);
            return;
        }

        // The key reaches the writer only through this request's WriteOrigin (WriteOrigin.Of reads it from here).
        var claimed = new IdempotencyKey(owner, key);
        context.Features.Set(claimed);
        var original = context.Response.Body;
        var capture = new ReplayCapture(original, MaxKeptResponseBytes);
        context.Response.Body = capture;
        var answered = false;
        try
        {
            await next(context);
            answered = context.Response.StatusCode < 500;
        }
        finally
        {
            context.Response.Body = original;
            await RecordAsync(context, claimed, answered, capture.Body);
            await capture.ReleaseAsync();
        }
    }

    /// <summary>
    /// Keeps the answer of a request that changed something; a request that changed nothing leaves no record, so its retry
    /// simply runs again. Answers marked <c>Cache-Control: no-store</c> (those showing an API key or a webhook secret) and
    /// answers over the cap are not kept: the record then says only that the request was applied.
    /// </summary>
    private async Task RecordAsync(HttpContext context, IdempotencyKey claimed, bool answered, byte[]? body)
    {
        if (!claimed.Committed)
        {
            await store.ReleaseAsync(claimed.Owner, claimed.Key);
            return;
        }
        if (!answered) return;
        var headers = ReplayedHeaders.Where(h => context.Response.Headers.ContainsKey(h))
            .ToDictionary(h => h, h => context.Response.Headers[h].ToString());
        var secret = context.Response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase);
        await store.CompleteAsync(claimed.Owner, claimed.Key, context.Response.StatusCode, JsonSerializer.Serialize(headers),
            secret ? null : body);
    }

    /// <summary>Only a key that may write can have a request to make safe: a read key's POSTs (previews) change nothing.</summary>
    private static bool MayWrite(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Scopes.ReadsOnly>() is null
        && Enum.TryParse<Scope>(context.User.FindFirst(ApiKeyAuthentication.ScopeClaim)?.Value, out var scope)
        && scope >= Scope.write;

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
        if (existing.State == "unkept")
            throw NotKept(existing);

        context.Response.StatusCode = (int)existing.Status!.Value;
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(existing.Headers!)!)
            context.Response.Headers[name] = value;
        context.Response.Headers["Idempotency-Replayed"] = "true";
        await context.Response.Body.WriteAsync(existing.Body ?? []);
    }

    /// <summary>An applied request whose answer was not kept (a secret, or over the cap): where it is, when it made something.</summary>
    private static ApiProblem NotKept(IdempotencyStore.Record existing)
    {
        var problem = ApiProblem.Conflict("idempotency-response-not-kept", "Request applied, response not kept",
            $"The request with this Idempotency-Key was applied (status {existing.Status}), but its answer is not kept for replay: "
            + $"it showed a secret, or was larger than {MaxKeptResponseBytes} bytes. Read the resource to see the result.");
        var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(existing.Headers ?? "{}")!;
        if (headers.TryGetValue("Location", out var location)) problem.Headers["Location"] = location;
        return problem;
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
