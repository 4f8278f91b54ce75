using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// The ids and values the routes benchmark asks for, drawn from the imported archive before the server starts:
/// thousands of each, spread over the whole id range, so a run rotates across the file instead of reading a few hot
/// pages.
/// </summary>
public sealed class RouteIds
{
    private const int PoolSize = 20_000;

    public required long[] Claims { get; init; }
    public required long[] ReviewedClaims { get; init; }
    public required long[] Sources { get; init; }
    public required string[] SourceSlugs { get; init; }
    public required (long Source, string Stance)[] SourceStances { get; init; }
    public required long[] Documents { get; init; }
    public required string[] DocumentUrls { get; init; }
    public required long[] Attributions { get; init; }
    public required long[] Reviews { get; init; }
    public required string[] SourceNames { get; init; }
    public required string[] Countries { get; init; }

    public static RouteIds Load(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        long[] Spread(string table) => c.Query<long>($"SELECT id FROM {table} WHERE id % @Step = 0",
            new { Step = Math.Max(1, c.ExecuteScalar<long>($"SELECT count(*) FROM {table}") / PoolSize) }).ToArray();
        return new RouteIds
        {
            Claims = Spread("claims"),
            ReviewedClaims = c.Query<long>("SELECT DISTINCT claim_id FROM reviews LIMIT @PoolSize", new { PoolSize })
                .ToArray(),
            Sources = c.Query<long>("SELECT id FROM sources").ToArray(),
            SourceSlugs = c.Query<string>("SELECT slug FROM sources").ToArray(),
            SourceStances = c.Query<(long, string)>("SELECT DISTINCT source_id, stance FROM attributions").ToArray(),
            Documents = Spread("documents"),
            DocumentUrls = c.Query<string>("SELECT url FROM documents WHERE url IS NOT NULL LIMIT @PoolSize",
                new { PoolSize }).ToArray(),
            Attributions = Spread("attributions"),
            Reviews = Spread("reviews"),
            // The last word of a name is what a person types to find a source ("Morozov" for "Hiroshi Morozov").
            SourceNames = c.Query<string>("SELECT name FROM sources").Select(n => n.Split(' ')[^1]).Distinct()
                .ToArray(),
            Countries = c.Query<string>("SELECT DISTINCT country FROM sources WHERE country IS NOT NULL").ToArray(),
        };
    }

    public static T Pick<T>(Random rng, IReadOnlyList<T> pool) => pool[rng.Next(pool.Count)];
}
