using System.Data;
using System.Text.Json;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Dapper;

namespace ClaimTracker.Api.Webhooks;

/// <summary>The outbox read and worked: deliveries with their tries, what is due, and the outcome of each try.</summary>
public sealed class DeliveryStore(Db db, TimeProvider clock)
{
    private const string Columns = """
        d.id, d.webhook_id AS WebhookId, d.event_id AS EventId, d.event_type AS EventType, d.resource_id AS ResourceId, d.payload,
        d.created_at AS CreatedAt, d.state, d.attempts, d.next_attempt_at AS NextAttemptAt, d.redelivery_of AS RedeliveryOf
        """;

    // The head of each (webhook, resource) queue only: a delivery waits while an earlier one for the same resource is pending.
    private const string Due = $"""
        SELECT {Columns}, w.url, w.secret, w.previous_secret AS PreviousSecret, w.previous_secret_until AS PreviousSecretUntil
        FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
        WHERE d.state = 'pending' AND d.next_attempt_at <= @Now AND w.enabled
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                          WHERE e.webhook_id = d.webhook_id AND e.resource_id = d.resource_id AND e.state = 'pending' AND e.id < d.id)
        ORDER BY d.next_attempt_at, d.id
        LIMIT @Limit
        """;

    public Task<Page<WebhookDelivery>> ListAsync(long webhookId, DeliveryFilter filter, PageQuery page) => db.ReadAsync(async c =>
    {
        var keyset = page.Keyset("d.id");
        var where = new SqlWhere().And("d.webhook_id = @WebhookId").And(keyset.Condition).AndIf(filter.State is not null, "d.state = @State");
        var rows = (await c.QueryAsync<DeliveryRow>($"SELECT {Columns} FROM webhook_deliveries d {where} {keyset.OrderAndLimit}",
            new { WebhookId = webhookId, State = filter.State?.ToString(), keyset.After, keyset.Fetch })).ToList();
        var result = page.ToPage(rows, r => r.Id);
        var attempts = await AttemptsAsync(c, result.Items.Select(r => r.Id));
        return new Page<WebhookDelivery>(result.Items.Select(r => r.ToDelivery(attempts[r.Id].ToList(), withPayload: false)).ToList(), result.NextCursor);
    });

    public Task<WebhookDelivery?> GetAsync(long webhookId, long id) => db.ReadAsync(c => LoadAsync(c, null, webhookId, id));

    /// <summary>Queues the event of a delivery again as a new delivery, after everything already queued for its resource.</summary>
    public Task<WebhookDelivery> RedeliverAsync(WriteOrigin origin, long webhookId, long id) =>
        db.WriteAsync(origin, async (c, tx) =>
    {
        var now = Time.Now(clock);
        var newId = await c.ExecuteScalarAsync<long>($"""
            INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_type, resource_id, payload, created_at, state, next_attempt_at,
                                            redelivery_of)
            SELECT {SqlDialect.Of(c).NextId("webhook_deliveries")}, webhook_id, event_id, event_type, resource_id, payload, @Now, 'pending', @Now, id
            FROM webhook_deliveries WHERE id = @Id AND webhook_id = @WebhookId
            RETURNING id
            """, new { Now = now, Id = id, WebhookId = webhookId }, tx);
        return (await LoadAsync(c, tx, webhookId, newId))!;
    });

    /// <summary>
    /// Takes up to <paramref name="limit"/> due deliveries, each with its endpoint's URL and stored secrets, for one try:
    /// their next try moves <paramref name="lease"/> ahead, so no other instance (nor this one) takes them meanwhile, and
    /// a try whose instance dies before recording it is made again once the lease runs out. A read looks first, so an
    /// idle outbox costs no write.
    /// </summary>
    internal async Task<List<DueDelivery>> LeaseDueAsync(int limit, TimeSpan lease)
    {
        var any = await db.ReadAsync(c => c.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at <= @Now)",
            new { Now = Time.Now(clock) }));
        if (!any) return [];
        return await db.WriteAsync(WriteOrigin.System, async (c, tx) =>
        {
            var due = (await c.QueryAsync<DueDelivery>($"{Due} {db.Dialect.LockSkippingLocked("d")}",
                new { Now = Time.Now(clock), Limit = limit }, tx)).ToList();
            if (due.Count > 0)
                await c.ExecuteAsync(
                    "UPDATE webhook_deliveries SET next_attempt_at = @Until WHERE id IN (SELECT value FROM json_each(@Ids))",
                    new { Until = Time.Store(clock.GetUtcNow() + lease), Ids = JsonSerializer.Serialize(due.Select(d => d.Id)) },
                    tx);
            return due;
        });
    }

    /// <summary>
    /// Records one try and moves the delivery on: delivered; pending again at <paramref name="retryAt"/>; or failed, which adds to the
    /// endpoint's run of failures and disables it when the run reaches <paramref name="disableAfter"/>. A success ends the run.
    /// </summary>
    internal Task RecordAsync(DueDelivery delivery, DeliveryAttempt attempt, DateTimeOffset? retryAt, int disableAfter) =>
        db.WriteAsync(WriteOrigin.System, async (c, tx) =>
    {
        var state = attempt.Succeeded ? "delivered" : retryAt is null ? "failed" : "pending";
        var moved = await c.ExecuteAsync("""
            UPDATE webhook_deliveries SET state = @State, attempts = attempts + 1, next_attempt_at = @RetryAt WHERE id = @Id AND state = 'pending'
            """, new { State = state, RetryAt = Time.Store(retryAt), delivery.Id }, tx);
        if (moved == 0) return false; // deleted with its webhook meanwhile
        await c.ExecuteAsync("""
            INSERT INTO webhook_attempts (delivery_id, attempted_at, duration_ms, response_status, error, succeeded)
            VALUES (@Id, @At, @DurationMs, @ResponseStatus, @Error, @Succeeded)
            """, new { delivery.Id, At = Time.Store(attempt.At), attempt.DurationMs, attempt.ResponseStatus, attempt.Error, attempt.Succeeded }, tx);
        if (state == "delivered")
            await c.ExecuteAsync("UPDATE webhooks SET consecutive_failures = 0 WHERE id = @WebhookId AND consecutive_failures > 0", new { delivery.WebhookId }, tx);
        if (state == "failed")
            await c.ExecuteAsync("""
                UPDATE webhooks SET consecutive_failures = consecutive_failures + 1 WHERE id = @WebhookId;
                UPDATE webhooks SET enabled = FALSE, version = version + 1, updated_at = @Now,
                    disabled_reason = 'Disabled at ' || @Now || ' after ' || consecutive_failures || ' deliveries in a row failed; the last: ' || @Error
                WHERE id = @WebhookId AND enabled AND consecutive_failures >= @DisableAfter;
                """, new { delivery.WebhookId, Now = Time.Now(clock), DisableAfter = disableAfter, Error = attempt.Error ?? "" }, tx);
        return true;
    });

    private static async Task<WebhookDelivery?> LoadAsync(IDbConnection c, IDbTransaction? tx, long webhookId, long id)
    {
        var row = await c.QuerySingleOrDefaultAsync<DeliveryRow>(
            $"SELECT {Columns} FROM webhook_deliveries d WHERE d.id = @Id AND d.webhook_id = @WebhookId", new { Id = id, WebhookId = webhookId }, tx);
        return row?.ToDelivery((await AttemptsAsync(c, [id], tx))[id].ToList(), withPayload: true);
    }

    private static async Task<ILookup<long, DeliveryAttempt>> AttemptsAsync(IDbConnection c, IEnumerable<long> ids, IDbTransaction? tx = null) =>
        (await c.QueryAsync<AttemptRow>("""
            SELECT delivery_id AS DeliveryId, attempted_at AS AttemptedAt, duration_ms AS DurationMs, response_status AS ResponseStatus, error, succeeded
            FROM webhook_attempts WHERE delivery_id IN (SELECT value FROM json_each(@Ids)) ORDER BY delivery_id, id
            """, new { Ids = JsonSerializer.Serialize(ids) }, tx))
        .ToLookup(a => a.DeliveryId, a => new DeliveryAttempt(Time.Load(a.AttemptedAt), a.Succeeded, (int?)a.ResponseStatus, a.DurationMs, a.Error));

    internal class DeliveryRow
    {
        public long Id { get; init; }
        public long WebhookId { get; init; }
        public string EventId { get; init; } = "";
        public string EventType { get; init; } = "";
        public string ResourceId { get; init; } = "";
        public string Payload { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public string State { get; init; } = "";
        public long Attempts { get; init; }
        public string? NextAttemptAt { get; init; }
        public long? RedeliveryOf { get; init; }

        public WebhookDelivery ToDelivery(IReadOnlyList<DeliveryAttempt> attempts, bool withPayload) => new(
            Ids.Format(Ids.Delivery, Id), Ids.Format(Ids.Webhook, WebhookId), EventId, EventType, ResourceId, Enum.Parse<DeliveryState>(State),
            Time.Load(CreatedAt), Time.LoadOptional(NextAttemptAt), Ids.Format(Ids.Delivery, RedeliveryOf), attempts,
            withPayload ? JsonDocument.Parse(Payload).RootElement.Clone() : null);
    }

    /// <summary>A due delivery with what a try needs of its endpoint.</summary>
    internal sealed class DueDelivery : DeliveryRow
    {
        public string Url { get; init; } = "";
        public string Secret { get; init; } = "";
        public string? PreviousSecret { get; init; }
        public string? PreviousSecretUntil { get; init; }
    }

    private sealed class AttemptRow
    {
        public long DeliveryId { get; init; }
        public string AttemptedAt { get; init; } = "";
        public long DurationMs { get; init; }
        public long? ResponseStatus { get; init; }
        public string? Error { get; init; }
        public bool Succeeded { get; init; }
    }
}
