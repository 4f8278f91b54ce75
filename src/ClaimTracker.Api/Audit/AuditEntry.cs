using System.ComponentModel;
using System.Text.Json;

namespace ClaimTracker.Api.Audit;

/// <summary>One change to a resource: who made it, when, and the resource before and after, as the API showed it.</summary>
public sealed record AuditEntry(
    [property: Description("Position in the audit log, e.g. 42.")] long Id,
    DateTimeOffset At,
    [property: Description("Name of the API key that made the change, or system (seeding, start-up).")] string Actor,
    [property: Description("source, document, claim, attribution or review.")] string Resource,
    string ResourceId,
    [property: Description("create, update or delete.")] string Operation,
    [property: Description("The resource before the change; null for a create.")] JsonElement? Before,
    [property: Description("The resource after the change; null for a delete.")] JsonElement? After);

/// <summary>Filters of <c>GET /audit</c>.</summary>
public sealed class AuditFilter
{
    [Description("Only changes to this kind of resource: source, document, claim, attribution or review.")]
    public string? Resource { get; init; }

    [Description("Only changes to the resource with this id, e.g. clm_3.")]
    public string? ResourceId { get; init; }

    [Description("Only changes made with this API key name.")]
    public string? Actor { get; init; }

    [Description("Only creates, updates or deletes.")]
    public string? Operation { get; init; }

    [Description("Only changes at or after this time (ISO 8601).")]
    public DateTimeOffset? From { get; init; }

    [Description("Only changes before this time (ISO 8601).")]
    public DateTimeOffset? To { get; init; }
}

internal sealed class AuditRow
{
    public long Id { get; init; }
    public string At { get; init; } = "";
    public string Actor { get; init; } = "";
    public string Resource { get; init; } = "";
    public string ResourceId { get; init; } = "";
    public string Operation { get; init; } = "";
    public string? Before { get; init; }
    public string? After { get; init; }

    public AuditEntry ToEntry() => new(Id, Data.Time.Load(At), Actor, Resource, ResourceId, Operation, Parse(Before), Parse(After));

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
