using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>A response that the committed OpenAPI document does not describe.</summary>
public sealed class ContractViolationException(string message) : Exception(message);

/// <summary>
/// The outermost middleware of every app a test starts (in-memory or Kestrel): checks each response to a documented
/// operation against openapi/claimtracker.v1.json. A JSON body is held back until it has been validated; on a mismatch
/// the middleware throws instead of answering, which the in-memory server rethrows from the test's own HTTP call, so
/// the test that caused it fails there with the reason. Other bodies (CSV, NDJSON) stream through; their status and
/// media type are checked before the first byte. Set CONTRACT_REPORT to a file path to list every mismatch of a run
/// there without failing (to survey a whole suite at once).
/// </summary>
public sealed partial class ContractCheck(RequestDelegate next)
{
    private static readonly string? ReportPath = Environment.GetEnvironmentVariable("CONTRACT_REPORT");
    private static readonly Lock ReportLock = new();

    /// <summary>
    /// A request header with which a test that provokes a server fault on purpose (a trigger refusing an insert) says
    /// so: that one answer is not checked. Every other 5xx still fails the test that caused it.
    /// </summary>
    public const string ProvokedFault = "X-Test-Provoked-Fault";

    public async Task InvokeAsync(HttpContext context)
    {
        var found = ContractDocument.Committed.Find(context.Request.Method, context.Request.Path.Value ?? "/");
        if (found is not { } operation || context.Request.Headers.ContainsKey(ProvokedFault))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        var held = new HeldBody(original, context, operation.Name, operation.Operation);
        context.Response.Body = held;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        await held.FinishAsync();
    }

    internal static void Fail(HttpContext context, string operation, List<string> errors)
    {
        if (errors.Count == 0) return;
        var message = $"{operation} ({context.Request.Method} {context.Request.Path}{context.Request.QueryString}) answered " +
                      $"{context.Response.StatusCode} {context.Response.ContentType}, which openapi/claimtracker.v1.json does not describe:\n  " +
                      string.Join("\n  ", errors);
        if (ReportPath is null) throw new ContractViolationException(message);
        lock (ReportLock) File.AppendAllText(ReportPath, message + "\n");
    }

    /// <summary>Holds a JSON body for validation; lets any other body through once its status and media type are checked.</summary>
    private sealed partial class HeldBody(Stream inner, HttpContext context, string name, System.Text.Json.Nodes.JsonObject operation) : Stream
    {
        private readonly MemoryStream buffer = new();
        private bool? holding;

        private bool Holding
        {
            get
            {
                if (holding is { } known) return known;
                holding = IsJson(MediaType(context));
                if (!holding.Value) Fail(context, name, ContractDocument.Committed.Check(operation, context.Response.StatusCode, MediaType(context), null));
                return holding.Value;
            }
        }

        public async Task FinishAsync()
        {
            if (holding == false) return;
            var body = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            var read = HttpMethods.IsHead(context.Request.Method) ? null : body;
            var errors = ContractDocument.Committed.Check(operation, context.Response.StatusCode, MediaType(context), read);
            // Issue 16/19: an error names no .NET type and quotes no SQLite message, whatever went wrong.
            if (context.Response.StatusCode >= 400 && Internals().Match(body) is { Success: true } leak)
                errors.Add($"the error body shows internals: \"{leak.Value}\"");
            Fail(context, name, errors);
            buffer.Position = 0;
            await buffer.CopyToAsync(inner);
        }

        [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:System|Microsoft|ClaimTracker)\.[A-Z]\w*(?:\.\w+)*|SQLite Error|constraint failed|`1\[")]
        private static partial System.Text.RegularExpressions.Regex Internals();

        private static string? MediaType(HttpContext context) =>
            MediaTypeHeaderValue.TryParse(context.Response.ContentType, out var parsed) ? parsed.MediaType : null;

        // application/json, application/problem+json, application/ld+json; not application/x-ndjson (a JSON value per line).
        private static bool IsJson(string? mediaType) =>
            mediaType is null or "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

        public override void Write(byte[] bytes, int offset, int count)
        {
            if (Holding) buffer.Write(bytes, offset, count);
            else inner.Write(bytes, offset, count);
        }

        public override Task WriteAsync(byte[] bytes, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(bytes.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
        {
            if (!Holding) return inner.WriteAsync(bytes, cancellationToken);
            buffer.Write(bytes.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
            if (holding == false) inner.Flush();
        }

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            holding == false ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] bytes, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

/// <summary>Puts <see cref="ContractCheck"/> in front of the app's own pipeline.</summary>
public sealed class ContractCheckStartup : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<ContractCheck>();
        next(app);
    };
}
