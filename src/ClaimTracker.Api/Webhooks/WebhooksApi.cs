using System.ComponentModel;
using ClaimTracker.Api.Auth;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Webhooks;

/// <summary>Webhook subscriptions, their secrets and their deliveries; admin only.</summary>
public static class WebhooksApi
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations()
            .Validate(o => WebhookAllowList.IsValid(o.AllowedTargets),
                "Webhooks:AllowedTargets must list host names, addresses or CIDR ranges (10.0.0.0/8), separated by commas or spaces.")
            .ValidateOnStart();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookDns>();
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<DeliveryStore>();
        // The build writes openapi/ by running the app without serving; nothing may be delivered then.
        if (!OpenApiSetup.IsGeneratingDocument) services.AddHostedService<WebhookDispatcher>();
        return services;
    }

    public static void MapWebhooks(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Scopes.Admin);

        group.MapPost("/", Create).Describe("CreateWebhook", "Subscribe to events",
            "Subscribes a URL to event types (claim.created, review.*, *). The answer carries the signing secret, shown this once; every "
            + "delivery is a POST of {type, timestamp, data} with the Standard Webhooks headers webhook-id, webhook-timestamp and "
            + "webhook-signature. The URL must be http(s), not this server's own API, and on the public internet: loopback, private, "
            + "link-local, CGNAT, unique-local, IPv4-mapped and cloud metadata addresses (by literal or by what the name resolves to) "
            + "are refused unless the setting Webhooks:AllowedTargets lists the host or its range, and each delivery checks the address "
            + "it dials again. Needs an admin key.")
            .Problems(401, 403, 413, 415);
        group.MapGet("/", List).Describe("ListWebhooks", "List webhook subscriptions",
            "Every subscription with its URL, events and whether it is enabled (and why not); never a secret. Needs an admin key.")
            .Problems(401, 403);
        group.MapGet("/{webhookId}", Get).Describe("GetWebhook", "Get a webhook subscription",
            "Reads one subscription, with its ETag. Needs an admin key.")
            .Problems(401, 403, 404);
        group.MapPatch("/{webhookId}", Update).Describe("UpdateWebhook", "Update a webhook subscription",
            "Changes the fields sent (JSON Merge Patch). Setting enabled to true resumes a disabled endpoint: its pending deliveries go out "
            + "in order and its run of failures starts again from zero. If-Match guards against concurrent edits (412). Needs an admin key.")
            .Accepts<WebhookInput>(MergePatch.MediaType, "application/json")
            .Problems(401, 403, 404, 412, 415);
        group.MapDelete("/{webhookId}", Delete).Describe("DeleteWebhook", "Delete a webhook subscription",
            "Deletes a subscription with its pending deliveries and its delivery history. Needs an admin key.")
            .Problems(401, 403, 404, 412);
        group.MapPost("/{webhookId}/rotate-secret", Rotate).Describe("RotateWebhookSecret", "Rotate a webhook's secret",
            "Issues a new secret, shown this once. Until the overlap ends (overlapSeconds, default Webhooks:SecretOverlap, 24 h) each "
            + "delivery carries two signatures, space-separated in webhook-signature, one per secret, so receivers switch without losing "
            + "an event; overlapSeconds=0 retires the old secret at once. Needs an admin key.")
            .Problems(401, 403, 404, 412);
        group.MapGet("/{webhookId}/deliveries", Deliveries).Describe("ListWebhookDeliveries", "List a webhook's deliveries",
            "Each event sent or to be sent to this subscription, newest last (sort=newest for the latest first), with every try: when, "
            + "how long, the receiver's status or the error, and when the next try is due. Filter by state. Needs an admin key.")
            .Problems(401, 403, 404);
        group.MapGet("/{webhookId}/deliveries/{deliveryId}", Delivery).Describe("GetWebhookDelivery", "Get a delivery",
            "One delivery with its tries and the exact body sent. Needs an admin key.")
            .Problems(401, 403, 404);
        group.MapPost("/{webhookId}/deliveries/{deliveryId}/redeliver", Redeliver).Describe("RedeliverWebhook", "Redeliver an event",
            "Queues the delivery's event again as a new delivery (same webhook-id, so receivers that drop duplicates still can), after "
            + "anything already queued for the same resource. 409 while the subscription is disabled. Needs an admin key.")
            .Problems(401, 403, 404, 409);
    }

    private static async Task<Created<WebhookSecret>> Create(WebhookInput input, WebhookStore store, WebhookTargets targets, HttpContext context)
    {
        await WebhookUrls.CheckAsync(input.Url!, targets, context);
        var (webhook, secret) = await store.CreateAsync(WriteOrigin.Of(context), input);
        ETags.Set(context, webhook.Version);
        // The secret is shown this once: no cache, and no Idempotency-Key record, may keep it.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/webhooks/{webhook.Resource.Id}", new WebhookSecret(secret, webhook.Resource));
    }

    private static async Task<Ok<Page<Webhook>>> List([AsParameters] PageQuery page, WebhookStore store, HttpContext context) =>
        PageResults.Ok(context, await store.ListAsync(page));

    private static async Task<Ok<Webhook>> Get([Description("Webhook id, e.g. wh_1.")] string webhookId, WebhookStore store, HttpContext context)
    {
        var webhook = await Find(store, webhookId);
        ETags.Set(context, webhook.Version);
        return TypedResults.Ok(webhook.Resource);
    }

    private static async Task<Ok<Webhook>> Update(
        [Description("Webhook id, e.g. wh_1.")] string webhookId, WebhookStore store, WebhookTargets targets, HttpContext context)
    {
        var current = await Find(store, webhookId);
        ETags.Check(context.Request, current.Version);
        var input = await MergePatch.ApplyAsync(context.Request, WebhookStore.Editable(current.Resource));
        await WebhookUrls.CheckAsync(input.Url!, targets, context);
        var updated = await store.UpdateAsync(WriteOrigin.Of(context), current, input);
        ETags.Set(context, updated.Version);
        return TypedResults.Ok(updated.Resource);
    }

    private static async Task<NoContent> Delete([Description("Webhook id, e.g. wh_1.")] string webhookId, WebhookStore store, HttpContext context)
    {
        var current = await Find(store, webhookId);
        ETags.Check(context.Request, current.Version);
        await store.DeleteAsync(WriteOrigin.Of(context), current);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<WebhookSecret>> Rotate(
        [Description("Webhook id, e.g. wh_1.")] string webhookId,
        [Description("How long the old secret keeps signing beside the new one, 0 to 604800 seconds; default Webhooks:SecretOverlap (24 h).")] int? overlapSeconds,
        WebhookStore store, IOptions<WebhookOptions> options, HttpContext context)
    {
        if (overlapSeconds is < 0 or > 604_800) throw ApiProblem.Validation("overlapSeconds", "overlapSeconds must be between 0 and 604800 (7 days).");
        var current = await Find(store, webhookId);
        ETags.Check(context.Request, current.Version);
        var overlap = overlapSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.Value.Overlap;
        var (webhook, secret) = await store.RotateAsync(WriteOrigin.Of(context), current, overlap);
        ETags.Set(context, webhook.Version);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new WebhookSecret(secret, webhook.Resource));
    }

    private static async Task<Ok<Page<WebhookDelivery>>> Deliveries(
        [Description("Webhook id, e.g. wh_1.")] string webhookId, [AsParameters] DeliveryFilter filter, [AsParameters] PageQuery page,
        WebhookStore store, DeliveryStore deliveries, HttpContext context)
    {
        var webhook = await Find(store, webhookId);
        return PageResults.Ok(context, await deliveries.ListAsync(webhook.RowId, filter, page));
    }

    private static async Task<Ok<WebhookDelivery>> Delivery(
        [Description("Webhook id, e.g. wh_1.")] string webhookId, [Description("Delivery id, e.g. dlv_12.")] string deliveryId,
        WebhookStore store, DeliveryStore deliveries) =>
        TypedResults.Ok(await FindDelivery(store, deliveries, webhookId, deliveryId));

    private static async Task<Accepted<WebhookDelivery>> Redeliver(
        [Description("Webhook id, e.g. wh_1.")] string webhookId, [Description("Delivery id, e.g. dlv_12.")] string deliveryId,
        WebhookStore store, DeliveryStore deliveries, WriteOrigin origin)
    {
        var webhook = await Find(store, webhookId);
        var original = await FindDelivery(store, deliveries, webhookId, deliveryId);
        if (!webhook.Resource.Enabled)
            throw ApiProblem.Conflict("webhook-disabled", "Webhook disabled",
                $"The webhook '{webhookId}' is disabled{(webhook.Resource.DisabledReason is { } why ? $" ({why})" : "")}; enable it with PATCH first.");
        Ids.TryParse(Ids.Delivery, original.Id, out var id);
        var queued = await deliveries.RedeliverAsync(origin, webhook.RowId, id);
        return TypedResults.Accepted($"/api/v1/webhooks/{webhook.Resource.Id}/deliveries/{queued.Id}", queued);
    }

    private static async Task<Common.Versioned<Webhook>> Find(WebhookStore store, string webhookId) =>
        await store.GetAsync(Ids.Parse(Ids.Webhook, webhookId, "webhook")) ?? throw ApiProblem.NotFound("webhook", webhookId);

    private static async Task<WebhookDelivery> FindDelivery(WebhookStore store, DeliveryStore deliveries, string webhookId, string deliveryId)
    {
        var webhook = await Find(store, webhookId);
        return await deliveries.GetAsync(webhook.RowId, Ids.Parse(Ids.Delivery, deliveryId, "delivery"))
            ?? throw ApiProblem.NotFound("delivery", deliveryId);
    }
}
