using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Health;

/// <summary>Health checks for orchestrators, outside <c>/api/v1</c>.</summary>
public static class HealthApi
{
    public sealed record HealthStatus(string Status, int? Migrations = null);

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("/", Ready).Describe("Ready", "Readiness",
            "200 when the database answers and every migration in db/ is applied; 503 otherwise.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/live", () => TypedResults.Ok(new HealthStatus("live"))).Describe("Live", "Liveness",
            "200 while the process serves requests. Touches no database, so it is also the floor for benchmarks.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<Ok<HealthStatus>> Ready(Db db, Migrator migrator)
    {
        try
        {
            await db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT 1"));
            if (await migrator.IsCurrentAsync())
                return TypedResults.Ok(new HealthStatus("ready", migrator.Scripts.Count));
        }
        catch (System.Data.Common.DbException)
        {
        }
        throw new ApiProblem(503, ApiProblem.TypeBase + "not-ready", "Not ready", "The database does not answer or its migrations are not current.");
    }
}
