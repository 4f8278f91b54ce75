using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>The schema comes from the app's own migrations, applied by its own <see cref="Migrator"/>.</summary>
public static class Schema
{
    public static async Task MigrateAsync(string path)
    {
        // Disposed before the generator takes the file: the writer keeps its connection open until then.
        await using (var db = new SqliteDb(Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { Path = path })))
            await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        SqliteConnection.ClearAllPools();
    }
}
