using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClaimTracker.Api.Common;

namespace ClaimTracker.Api.Webhooks;

/// <summary>A subscription as listed and read: never its secret, which is shown when created and when rotated.</summary>
public sealed record Webhook(
    [property: Description("Opaque id, e.g. wh_1.")] string Id,
    [property: Description("Where events are POSTed.")] string Url,
    [property: Description("The event types or patterns subscribed to: claim.created, review.*, *.")] IReadOnlyList<string> Events,
    string? Description,
    [property: Description("False when disabled by an admin or after a run of failed deliveries; PATCH enabled=true to resume.")] bool Enabled,
    [property: Description("Why the server disabled the endpoint, when it did.")] string? DisabledReason,
    [property: Description("After a rotation, until when the previous secret still signs beside the new one.")] DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A subscription with its signing secret: the answer of creation and of rotation, the only times the secret is shown.</summary>
public sealed record WebhookSecret(
    [property: Description("The signing secret, whsec_ and base64 of 32 random bytes; the key for HMAC-SHA256 is the base64-decoded part after whsec_. Store it now.")]
    string Secret,
    Webhook Webhook);

/// <summary>The fields of a subscription that clients write: the body of POST and, merged, of PATCH.</summary>
public sealed class WebhookInput : IValidatedBody
{
    [Description("An absolute http or https URL, at most 2000 characters; not this server's own API, and on the public internet "
        + "unless Webhooks:AllowedTargets lists its host or range.")]
    [Required, StringLength(2000), CleanText]
    public string? Url { get; init; }

    [Description("Event types (claim.created, claim.updated, claim.deleted, and the same for attribution, review, source, document), "
        + "a resource's wildcard (claim.*) or * for all; 1 to 20.")]
    [Required, MinLength(1), MaxLength(20), EventPatterns]
    public List<string> Events { get; init; } = [];

    [StringLength(500), CleanText]
    public string? Description { get; init; }

    [Description("Deliver events (default true). Setting it to true again clears the failure run of a disabled endpoint.")]
    public bool? Enabled { get; init; }
}

/// <summary>Where a delivery stands: waiting for its next try, delivered (a 2xx came back) or failed (tries exhausted, or refused with a 4xx).</summary>
public enum DeliveryState { pending, delivered, failed }

/// <summary>One event for one subscription, with every try made to deliver it.</summary>
public sealed record WebhookDelivery(
    [property: Description("Opaque id, e.g. dlv_12.")] string Id,
    string WebhookId,
    [property: Description("The webhook-id header: the same on every retry and redelivery, so receivers can drop duplicates.")] string EventId,
    [property: Description("e.g. claim.updated.")] string EventType,
    [property: Description("The resource the event is about, e.g. clm_3; deliveries of one resource arrive in order.")] string ResourceId,
    DeliveryState State,
    DateTimeOffset CreatedAt,
    [property: Description("When the next try is due, while pending.")] DateTimeOffset? NextAttemptAt,
    [property: Description("The delivery this one replays, for a redelivery.")] string? RedeliveryOf,
    IReadOnlyList<DeliveryAttempt> Attempts,
    [property: Description("The body sent: {type, timestamp, data} (single reads only)."), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    JsonElement? Payload = null);

/// <summary>One try: when, how long, what the receiver answered or what went wrong.</summary>
public sealed record DeliveryAttempt(
    DateTimeOffset At,
    bool Succeeded,
    [property: Description("The receiver's HTTP status; null when none came (timeout, connection refused).")] int? ResponseStatus,
    long DurationMs,
    [property: Description("What went wrong, in this server's words: the status and its standard reason, a timeout, a refused "
        + "connection or target. The receiver's answer body is never kept.")] string? Error);

/// <summary>Filters of <c>GET /webhooks/{webhookId}/deliveries</c>.</summary>
public sealed class DeliveryFilter
{
    [Description("Only deliveries in this state: pending, delivered or failed.")]
    public DeliveryState? State { get; init; }
}

/// <summary>Checks that each item of a list is an event type or pattern a subscription may ask for.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EventPatternsAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        foreach (var item in value as IEnumerable<string?> ?? [])
        {
            if (item is null || !WebhookEvents.IsPattern(item))
                return new ValidationResult(
                    $"'{Shorten(item)}' is not an event: use claim.created|updated|deleted (or attribution, review, source, document), claim.* or *.",
                    [context.MemberName!]);
        }
        return ValidationResult.Success;
    }

    private static string? Shorten(string? text) => text is { Length: > 60 } ? text[..60] + "…" : text;
}
