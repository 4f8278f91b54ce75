using System.Text.Json;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Dapper;

namespace ClaimTracker.Api.Webhooks;

/// <summary>Webhook subscriptions in SQL; secrets go in and out only through <see cref="WebhookSecrets"/>.</summary>
public sealed class WebhookStore(Db db, TimeProvider clock, WebhookSecrets secrets)
{
    private const string Columns = """
        id, url, description, events, enabled, disabled_reason AS DisabledReason, previous_secret_until AS PreviousSecretUntil,
        created_at AS CreatedAt, updated_at AS UpdatedAt, version
        """;

    public Task<Versioned<Webhook>?> GetAsync(long id) => db.ReadAsync(async c =>
        (await c.QuerySingleOrDefaultAsync<WebhookRow>($"SELECT {Columns} FROM webhooks WHERE id = @Id", new { Id = id }))?.ToVersioned());

    public Task<Page<Webhook>> ListAsync(PageQuery page) => db.ReadAsync(async c =>
    {
        var keyset = page.Keyset("id");
        var rows = (await c.QueryAsync<WebhookRow>($"SELECT {Columns} FROM webhooks WHERE {keyset.Condition} {keyset.OrderAndLimit}",
            new { keyset.After, keyset.Fetch })).ToList();
        var result = page.ToPage(rows, r => r.Id);
        return new Page<Webhook>(result.Items.Select(r => r.ToVersioned().Resource).ToList(), result.NextCursor);
    });

    public static WebhookInput Editable(Webhook webhook) => new()
    {
        Url = webhook.Url, Events = [.. webhook.Events], Description = webhook.Description, Enabled = webhook.Enabled,
    };

    public Task<(Versioned<Webhook> Webhook, string Secret)> CreateAsync(WriteOrigin origin, WebhookInput input) =>
        db.WriteAsync(origin, async (c, tx) =>
    {
        var secret = WebhookSecrets.Generate();
        var row = await c.QuerySingleAsync<WebhookRow>($"""
            INSERT INTO webhooks (id, url, description, events, enabled, secret, created_at, updated_at)
            VALUES ({SqlDialect.Of(c).NextId("webhooks")}, @Url, @Description, @Events, @Enabled, @Secret, @Now, @Now)
            RETURNING {Columns}
            """, new
        {
            input.Url, input.Description, Events = JsonSerializer.Serialize(input.Events.Distinct()), Enabled = input.Enabled ?? true,
            Secret = secrets.Protect(secret), Now = Time.Now(clock),
        }, tx);
        return (row.ToVersioned(), secret);
    });

    /// <summary>Applies an edit; enabling an endpoint again clears its run of failures and the reason it was disabled.</summary>
    public Task<Versioned<Webhook>> UpdateAsync(WriteOrigin origin, Versioned<Webhook> current, WebhookInput input) =>
        db.WriteAsync(origin, async (c, tx) =>
    {
        var row = await c.QuerySingleOrDefaultAsync<WebhookRow>($"""
            UPDATE webhooks SET url = @Url, description = @Description, events = @Events, enabled = @Enabled,
                disabled_reason = CASE WHEN @Enabled THEN NULL ELSE disabled_reason END,
                consecutive_failures = CASE WHEN @Enabled AND NOT enabled THEN 0 ELSE consecutive_failures END,
                updated_at = @Now, version = version + 1
            WHERE id = @Id AND version = @Version
            RETURNING {Columns}
            """, new
        {
            input.Url, input.Description, Events = JsonSerializer.Serialize(input.Events.Distinct()), Enabled = input.Enabled ?? true,
            Now = Time.Now(clock), Id = current.RowId, current.Version,
        }, tx);
        return row?.ToVersioned() ?? throw ApiProblem.PreconditionFailed(ETags.For(current.Version + 1));
    });

    /// <summary>Deletes a subscription with its deliveries and their tries.</summary>
    public Task DeleteAsync(WriteOrigin origin, Versioned<Webhook> current) => db.WriteAsync(origin, async (c, tx) =>
        await c.ExecuteAsync("DELETE FROM webhooks WHERE id = @Id AND version = @Version", new { Id = current.RowId, current.Version }, tx) == 1
            ? true : throw ApiProblem.PreconditionFailed(ETags.For(current.Version + 1)));

    /// <summary>
    /// Replaces the secret. The one replaced keeps signing beside the new one for <paramref name="overlap"/>, so receivers can
    /// switch without losing an event; a zero overlap retires it at once (for a leaked secret).
    /// </summary>
    public Task<(Versioned<Webhook> Webhook, string Secret)> RotateAsync(WriteOrigin origin, Versioned<Webhook> current, TimeSpan overlap) =>
        db.WriteAsync(origin, async (c, tx) =>
    {
        var secret = WebhookSecrets.Generate();
        var now = clock.GetUtcNow();
        var row = await c.QuerySingleOrDefaultAsync<WebhookRow>($"""
            UPDATE webhooks SET previous_secret = CASE WHEN @Keep THEN secret END, previous_secret_until = @Until, secret = @Secret,
                updated_at = @Now, version = version + 1
            WHERE id = @Id AND version = @Version
            RETURNING {Columns}
            """, new
        {
            Keep = overlap > TimeSpan.Zero, Until = overlap > TimeSpan.Zero ? Time.Store(now + overlap) : null, Secret = secrets.Protect(secret),
            Now = Time.Store(now), Id = current.RowId, current.Version,
        }, tx);
        return (row?.ToVersioned() ?? throw ApiProblem.PreconditionFailed(ETags.For(current.Version + 1)), secret);
    });

    private sealed class WebhookRow
    {
        public long Id { get; init; }
        public string Url { get; init; } = "";
        public string? Description { get; init; }
        public string Events { get; init; } = "[]";
        public bool Enabled { get; init; }
        public string? DisabledReason { get; init; }
        public string? PreviousSecretUntil { get; init; }
        public string CreatedAt { get; init; } = "";
        public string UpdatedAt { get; init; } = "";
        public long Version { get; init; }

        public Versioned<Webhook> ToVersioned() => new(
            new Webhook(Ids.Format(Ids.Webhook, Id), Url, JsonSerializer.Deserialize<List<string>>(Events)!, Description, Enabled, DisabledReason,
                Time.LoadOptional(PreviousSecretUntil), Time.Load(CreatedAt), Time.Load(UpdatedAt)),
            Id, Version);
    }
}
