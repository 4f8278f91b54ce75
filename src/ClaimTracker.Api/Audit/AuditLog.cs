using System.Data;
using System.Text.Json;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Webhooks;
using Dapper;

namespace ClaimTracker.Api.Audit;

/// <summary>
/// Records each change in the transaction that makes it, so a change and its history entry
/// commit or vanish together, and with the change's webhook event. The actor is the one of the write unit the change runs
/// in (<see cref="WriteUnit.Origin"/>): for a request, the name of the API key it used.
/// </summary>
public sealed class AuditLog(TimeProvider clock)
{
    public const string SystemActor = WriteOrigin.SystemActor;

    public Task CreatedAsync(IDbConnection c, IDbTransaction tx, string resource, string id, object after) =>
        RecordAsync(c, tx, resource, id, "create", null, after);

    /// <summary>
    /// Records the creation of many resources of one kind, in order, as <see cref="CreatedAsync"/> would one by one. On
    /// SQLite with no subscriber for their event, the entries go in as one statement over a JSON array of rows
    /// (<see cref="JsonRows"/>); otherwise each is recorded and fanned out on its own.
    /// </summary>
    public async Task CreatedManyAsync(IDbConnection c, IDbTransaction tx, string resource,
        IReadOnlyList<(string Id, object After)> created)
    {
        if (SqlDialect.Of(c) != SqlDialect.Sqlite
            || await WebhookOutbox.AnySubscriberAsync(c, tx, WebhookEvents.TypeOf(resource, "create")))
        {
            foreach (var (id, after) in created) await CreatedAsync(c, tx, resource, id, after);
            return;
        }
        var rows = JsonRows.Write(created, (row, entry) =>
        {
            row.WriteStringValue(Time.Now(clock));
            row.WriteStringValue(entry.Id);
            row.WriteStringValue(Serialize(entry.After));
        });
        await c.ExecuteAsync("""
            INSERT INTO audit_log (at, actor, resource, resource_id, operation, before, after)
            SELECT value ->> 0, @Actor, @Resource, value ->> 1, 'create', NULL, value ->> 2 FROM json_each(@Rows)
            """, new { Actor = WriteUnit.Of(tx).Origin.Actor, Resource = resource, Rows = rows }, tx);
    }

    public Task UpdatedAsync(IDbConnection c, IDbTransaction tx, string resource, string id, object before, object after) =>
        RecordAsync(c, tx, resource, id, "update", before, after);

    public Task DeletedAsync(IDbConnection c, IDbTransaction tx, string resource, string id, object before) =>
        RecordAsync(c, tx, resource, id, "delete", before, null);

    private async Task RecordAsync(IDbConnection c, IDbTransaction tx, string resource, string id, string operation, object? before, object? after)
    {
        var (at, beforeJson, afterJson) = (Time.Now(clock), Serialize(before), Serialize(after));
        var auditId = await c.ExecuteScalarAsync<long>("""
            INSERT INTO audit_log (at, actor, resource, resource_id, operation, before, after)
            VALUES (@At, @Actor, @Resource, @Id, @Operation, @Before, @After)
            RETURNING id
            """, new
        {
            At = at, Actor = WriteUnit.Of(tx).Origin.Actor, Resource = resource, Id = id,
            Operation = operation, Before = beforeJson, After = afterJson,
        }, tx);
        // Every change that is audited is also an event, in the same transaction: it exists if and only if the change committed.
        await WebhookOutbox.EnqueueAsync(c, tx, auditId, resource, id, operation, at, (afterJson ?? beforeJson)!);
    }

    private static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Json.Options);
}
