using System.Data;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Dapper;

namespace ClaimTracker.Api.Webhooks;

/// <summary>
/// Writes a change's event into the outbox, called by the audit log inside the change's own transaction: the event
/// commits with the change or not at all. It fans out here, one delivery per enabled subscription that asked for the
/// event type, because the subscriptions that count are those of the moment of the change: one created later, or
/// narrowed later, must not receive it, and each delivery then carries its own state, tries and order. With no
/// subscription nothing at all is written.
/// </summary>
public static class WebhookOutbox
{
    // One statement for every subscriber, each row with an id of its own (SqlDialect.NextIdPerRow). The events
    // column is a JSON array of validated patterns (letters, '.', '*': nothing escaped), so an element is in it exactly
    // when its quoted form is: a test both engines run the same way on the stored text.
    private const string Subscribers = """
        FROM webhooks w
        WHERE w.enabled
          AND (instr(w.events, @QuotedType) > 0 OR instr(w.events, @QuotedWildcard) > 0 OR instr(w.events, '"*"') > 0)
        """;

    private static string Enqueue(SqlDialect dialect) => $"""
        INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_type, resource_id, payload, created_at, state, next_attempt_at)
        SELECT {dialect.NextIdPerRow("webhook_deliveries", "w.id")},
               w.id, @EventId, @Type, @ResourceId, @Payload, @At, 'pending', @At
        {Subscribers}
        ORDER BY w.id
        """;

    /// <summary>
    /// Whether any subscription would receive an event of <paramref name="type"/> (such as <c>attribution.created</c>)
    /// now: when none would, a batch of history entries is written without a fan-out statement per entry.
    /// </summary>
    public static Task<bool> AnySubscriberAsync(IDbConnection c, IDbTransaction tx, string type) =>
        c.ExecuteScalarAsync<bool>($"SELECT EXISTS (SELECT 1 {Subscribers})", Quoted(type), tx);

    private static object Quoted(string type) =>
        new { QuotedType = QuotedType(type), QuotedWildcard = QuotedWildcard(type) };

    private static string QuotedType(string type) => $"\"{type}\"";

    private static string QuotedWildcard(string type) => $"\"{WebhookEvents.WildcardOf(type)}\"";

    /// <summary>
    /// Queues the event of audit entry <paramref name="auditId"/> for its subscribers. <paramref name="data"/> is the
    /// resource as the API shows it: after the change, or before it for a delete.
    /// </summary>
    public static Task<int> EnqueueAsync(IDbConnection c, IDbTransaction tx, long auditId, string resource, string resourceId, string operation, string at, string data)
    {
        var type = WebhookEvents.TypeOf(resource, operation);
        return c.ExecuteAsync(Enqueue(SqlDialect.Of(c)), new
        {
            EventId = Ids.Format(Ids.Message, auditId), Type = type, QuotedType = QuotedType(type),
            QuotedWildcard = QuotedWildcard(type),
            ResourceId = resourceId, At = at, Payload = Payload(type, at, data),
        }, tx);
    }

    /// <summary>
    /// The signed body, built here rather than by the database's JSON functions, which write it differently per
    /// engine (PostgreSQL spaces its objects). Type and time are plain ASCII tokens; <paramref name="data"/> is compact.
    /// </summary>
    private static string Payload(string type, string at, string data) =>
        $$"""{"type":"{{type}}","timestamp":"{{at}}","data":{{data}}}""";
}
