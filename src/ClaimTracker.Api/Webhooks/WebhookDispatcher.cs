using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using ClaimTracker.Api.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Webhooks;

/// <summary>
/// Works the outbox: posts each due delivery, signed as Standard Webhooks specifies, and records the outcome. Delivery is
/// at least once (a try whose outcome was not recorded, say because the process died, is made again) and in order per
/// resource and subscription. 5xx, 408, 429, timeouts and connection errors are retried on the schedule; other answers
/// are final, since sending the same bytes again cannot change them.
/// </summary>
public sealed partial class WebhookDispatcher(
    DeliveryStore deliveries, WebhookSecrets secrets, WebhookTargets targets, IOptions<WebhookOptions> options, TimeProvider clock,
    ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<long, Task> inFlight = new();
    private readonly SemaphoreSlim wake = new(0);

    private readonly HttpClient http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false, // a redirect could point back at this API, or anywhere the URL check would refuse
        UseProxy = false, // through a proxy, the address checked would be the proxy's, not the receiver's
        ConnectCallback = targets.ConnectAsync, // checks the address actually dialled, after this resolution, not the one at subscription
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var room = settings.MaxConcurrency - inFlight.Count;
                // A delivery still in flight when its lease ran out (a slow record) is left to the try under way.
                if (room > 0)
                    foreach (var delivery in (await deliveries.LeaseDueAsync(room, Lease)).Where(d => !inFlight.ContainsKey(d.Id)))
                        inFlight[delivery.Id] = Task.Run(() => TryDeliverAsync(delivery, stoppingToken), CancellationToken.None);
                await wake.WaitAsync(TimeSpan.FromMilliseconds(settings.PollMilliseconds), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogLoopFailed(exception);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
        await Task.WhenAll(inFlight.Values);
    }

    /// <summary>
    /// How long a taken delivery is this instance's: its try's timeout and a margin for recording the outcome. When the
    /// instance dies mid-try, the delivery is due again after this, on whichever instance looks first.
    /// </summary>
    private TimeSpan Lease => TimeSpan.FromSeconds(options.Value.TimeoutSeconds) + LeaseMargin;

    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(5);

    private async Task TryDeliverAsync(DeliveryStore.DueDelivery delivery, CancellationToken stoppingToken)
    {
        try
        {
            var attempt = await SendAsync(delivery, stoppingToken);
            if (stoppingToken.IsCancellationRequested && !attempt.Succeeded) return; // shutting down: tried again when its lease runs out
            var retryAt = attempt.Succeeded || !IsRetryable(attempt) ? null : NextTry(delivery.Attempts);
            await deliveries.RecordAsync(delivery, attempt, retryAt, options.Value.DisableAfterFailures);
        }
        catch (Exception exception)
        {
            LogDeliveryFailed(exception, delivery.Id);
        }
        finally
        {
            inFlight.TryRemove(delivery.Id, out _);
            wake.Release(); // the next delivery of this resource may now be due
        }
    }

    private async Task<DeliveryAttempt> SendAsync(DeliveryStore.DueDelivery delivery, CancellationToken stoppingToken)
    {
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        DeliveryAttempt Outcome(bool succeeded, int? status, string? error) => new(started, succeeded, status, watch.ElapsedMilliseconds, error);
        try
        {
            using var request = Sign(delivery, started);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return Outcome(true, status, null);
            // Our words only: the receiver's reason phrase and body are another service's data, and may hold its secrets.
            return Outcome(false, status, $"HTTP {status} {ReasonPhrases.GetReasonPhrase(status)}".TrimEnd());
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return Outcome(false, null, $"No answer within {options.Value.TimeoutSeconds} s.");
        }
        catch (HttpRequestException exception) when (exception.InnerException is WebhookTargetRefusedException refused)
        {
            return Outcome(false, null, $"Refused: {refused.Message}");
        }
        catch (HttpRequestException exception)
        {
            return Outcome(false, null, $"Connection failed: {exception.Message}");
        }
        catch (OperationCanceledException)
        {
            return Outcome(false, null, "The server stopped during the try.");
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return Outcome(false, null, exception.Message);
        }
    }

    /// <summary>The POST of one try: the stored body, and the headers of Standard Webhooks with one signature per live secret.</summary>
    private HttpRequestMessage Sign(DeliveryStore.DueDelivery delivery, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds();
        var signatures = new List<string> { WebhookSecrets.Sign(secrets.Unprotect(delivery.Secret), delivery.EventId, timestamp, delivery.Payload) };
        if (delivery.PreviousSecret is { } previous && delivery.PreviousSecretUntil is { } until && Time.Load(until) > now)
            signatures.Add(WebhookSecrets.Sign(secrets.Unprotect(previous), delivery.EventId, timestamp, delivery.Payload));

        var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", delivery.EventId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", string.Join(' ', signatures));
        request.Headers.UserAgent.ParseAdd("ClaimTracker-Webhooks/1.0");
        return request;
    }

    private static bool IsRetryable(DeliveryAttempt attempt) =>
        attempt.ResponseStatus is null or >= 500 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests;

    /// <summary>When to try again after try number <paramref name="triesBefore"/> + 1 failed, ±20%; null when the schedule is spent.</summary>
    private DateTimeOffset? NextTry(long triesBefore)
    {
        var schedule = options.Value.Retries;
        if (triesBefore >= schedule.Count) return null;
        var wait = schedule[(int)triesBefore] * (0.8 + 0.4 * Random.Shared.NextDouble());
        return clock.GetUtcNow() + wait;
    }

    public override void Dispose()
    {
        http.Dispose();
        wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhook dispatcher failed to look for due deliveries; it tries again shortly.")]
    private partial void LogLoopFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} could not be recorded; it is tried again when its lease runs out.")]
    private partial void LogDeliveryFailed(Exception exception, long deliveryId);
}
