using System.Data;
using Dapper;

namespace ClaimTracker.Api.Data.Postgres;

/// <summary>
/// Planner statistics on PostgreSQL: autovacuum keeps them current as rows change, but only after its naptime and
/// thresholds; a bulk import analyzes at once, so the reads right after it plan with the imported rows.
/// </summary>
internal sealed class PostgresStatistics(Db db) : IPlannerStatistics
{
    public async Task<IReadOnlyList<string>> RefreshAsync(CancellationToken cancellationToken = default)
    {
        // Text, said so: Dapper takes a statement without whitespace for a stored procedure's name (CALL ANALYZE()).
        await db.WriteAsync(WriteOrigin.System,
            (c, tx) => c.ExecuteAsync("ANALYZE", transaction: tx, commandType: CommandType.Text), cancellationToken);
        return ["ANALYZE"];
    }
}
