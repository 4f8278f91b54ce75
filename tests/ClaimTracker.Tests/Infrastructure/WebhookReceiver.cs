using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>One POST as the receiver saw it.</summary>
public sealed record ReceivedWebhook(string Path, string Id, string Timestamp, string Signature, string ContentType, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
    public string Type => Json["type"]!.GetValue<string>();
    public string DataId => Json["data"]!["id"]!.GetValue<string>();
}

/// <summary>
/// A real HTTP receiver on a loopback port (Kestrel inside the test), which can be stopped and started again on the same
/// port to play an endpoint that is down, and told what to answer.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? app;

    public int Port { get; } = FreePort();

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The status to answer a request with; 204 unless a test says otherwise.</summary>
    public Func<ReceivedWebhook, int> Answer { get; set; } = _ => 204;

    /// <summary>How long the receiver takes before it answers: a slow endpoint keeps deliveries in flight.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>The body to answer with, if any: what a receiver's error page might say about itself.</summary>
    public string? AnswerBody { get; set; }

    public string Url(string path = "/hook") => $"http://127.0.0.1:{Port}{path}";

    /// <summary>
    /// What arrived, each event once, in order of first arrival: delivery is at least once, so a try that timed out on a slow
    /// machine may come again, and a receiver drops such duplicates by webhook-id, as this does.
    /// </summary>
    public IReadOnlyList<ReceivedWebhook> Events(string? path = null) =>
        Received.Where(r => path is null || r.Path == path).DistinctBy(r => r.Id).ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.UpAsync();
        return receiver;
    }

    public async Task UpAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Url(""));
        app = builder.Build();
        app.Run(async context =>
        {
            var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
            var headers = context.Request.Headers;
            var received = new ReceivedWebhook(context.Request.Path, headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(),
                headers["webhook-signature"].ToString(), context.Request.ContentType ?? "", body);
            Received.Enqueue(received);
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
            context.Response.StatusCode = Answer(received);
            if (AnswerBody is { } answer) await context.Response.WriteAsync(answer);
        });
        await app.StartAsync();
    }

    /// <summary>Stops listening: connections to the port are refused until <see cref="UpAsync"/>.</summary>
    public async Task DownAsync()
    {
        if (app is null) return;
        await app.StopAsync();
        await app.DisposeAsync();
        app = null;
    }

    public async ValueTask DisposeAsync() => await DownAsync();

    /// <summary>
    /// An independent check of a Standard Webhooks signature: HMAC-SHA256, keyed with the base64-decoded part of the secret
    /// after whsec_, over "{id}.{timestamp}.{body}", compared with each space-separated "v1,&lt;base64&gt;" of the header.
    /// </summary>
    public static bool Verifies(string secret, ReceivedWebhook webhook)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.{webhook.Body}"));
        return webhook.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Any(s => CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(s[3..]), expected));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
