using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Dapper;

namespace ClaimTracker.Api.Audit;

/// <summary>Reads the audit log: one resource's history, or every change, filtered.</summary>
public sealed class AuditStore(Db db)
{
    public Task<Page<AuditEntry>> ListAsync(AuditFilter filter, PageQuery page) => db.ReadAsync(async c =>
    {
        var keyset = page.Keyset("id");
        var where = new SqlWhere()
            .And(keyset.Condition)
            .AndIf(filter.Resource is not null, "resource = @Resource")
            .AndIf(filter.ResourceId is not null, "resource_id = @ResourceId")
            .AndIf(filter.Actor is not null, "actor = @Actor")
            .AndIf(filter.Operation is not null, "operation = @Operation")
            .AndIf(filter.From is not null, "at >= @From")
            .AndIf(filter.To is not null, "at < @To");
        var rows = (await c.QueryAsync<AuditRow>($"""
            SELECT id, at, actor, resource, resource_id AS ResourceId, operation, before, after
            FROM audit_log {where} {keyset.OrderAndLimit}
            """, new
        {
            filter.Resource, filter.ResourceId, filter.Actor, filter.Operation, From = Time.Store(filter.From), To = Time.Store(filter.To),
            keyset.After, keyset.Fetch,
        })).ToList();
        var result = page.ToPage(rows, r => r.Id);
        return new Page<AuditEntry>(result.Items.Select(r => r.ToEntry()).ToList(), result.NextCursor);
    });

    public Task<bool> HasHistoryAsync(string resource, string resourceId) => db.ReadAsync(async c =>
        await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM (SELECT 1 FROM audit_log WHERE resource = @Resource AND resource_id = @ResourceId LIMIT 1) AS hit",
            new { Resource = resource, ResourceId = resourceId }) > 0);
}
