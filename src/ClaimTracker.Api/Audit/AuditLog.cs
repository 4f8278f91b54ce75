using System.Data;
using System.Security.Claims;
using System.Text.Json;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Dapper;

namespace ClaimTracker.Api.Audit;

/// <summary>
/// Records each change in the transaction that makes it, so a change and its history entry
/// commit or vanish together. The actor is the name of the API key the request used.
/// </summary>
public sealed class AuditLog(IHttpContextAccessor http, TimeProvider clock)
{
    public const string SystemActor = "system";

    public Task CreatedAsync(IDbConnection c, IDbTransaction tx, string resource, string id, object after) =>
        RecordAsync(c, tx, resource, id, "create", null, after);

    public Task UpdatedAsync(IDbConnection c, IDbTransaction tx, string resource, string id, object before, object after) =>
        RecordAsync(c, tx, resource, id, "update", before, after);

    public Task DeletedAsync(IDbConnection c, IDbTransaction tx, string resource, string id, object before) =>
        RecordAsync(c, tx, resource, id, "delete", before, null);

    private Task RecordAsync(IDbConnection c, IDbTransaction tx, string resource, string id, string operation, object? before, object? after) =>
        c.ExecuteAsync("""
            INSERT INTO audit_log (at, actor, resource, resource_id, operation, before, after)
            VALUES (@At, @Actor, @Resource, @Id, @Operation, @Before, @After)
            """, new
        {
            At = Time.Now(clock), Actor = http.HttpContext?.User.FindFirstValue(ClaimTypes.Name) ?? SystemActor, Resource = resource, Id = id,
            Operation = operation, Before = Serialize(before), After = Serialize(after),
        }, tx);

    private static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Json.Options);
}
