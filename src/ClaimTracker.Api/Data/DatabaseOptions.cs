using System.ComponentModel.DataAnnotations;

namespace ClaimTracker.Api.Data;

/// <summary>Which engine holds the data, where the SQLite file lives and how the service treats it; bound from <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The engine: <c>sqlite</c>, embedded, in the file at <see cref="Path"/>.</summary>
    [RegularExpression("^sqlite$", ErrorMessage = "Database:Provider must be 'sqlite', the one engine this build supports.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Path of the SQLite file, created with its schema on first start.</summary>
    [Required, MinLength(1)]
    public string Path { get; set; } = "data/claimtracker.db";

    /// <summary>How long a statement waits for another process's lock before failing.</summary>
    [Range(1, 600)]
    public int BusyTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// SQLite's heap budget for the whole process, in MiB: page caches shrink to stay under it. Each kept connection
    /// (a pool of readers and the writer) would otherwise hold its own cache and statements up to their maximum.
    /// </summary>
    [Range(8, 65_536)]
    public int SqliteMemoryMegabytes { get; set; } = 96;

    /// <summary>How often, in minutes, <see cref="Sqlite.PlannerStatistics"/> re-analyzes what has drifted (it also runs at start-up and after imports).</summary>
    [Range(1, 10_080)]
    public int StatisticsMinutes { get; set; } = 60;

    /// <summary><c>worked-example</c> seeds an empty database with the AFP dispatch; <c>none</c> leaves it empty.</summary>
    [RegularExpression("^(worked-example|none)$")]
    public string Seed { get; set; } = "worked-example";
}
