using System.Data.Common;
using ClaimTracker.Api.Data;
using Dapper;

namespace ClaimTracker.Api.ImportJobs;

/// <summary>
/// A larger page cache for SQLite's one writer while an import job runs, and the default again after it. In a large
/// archive each imported attribution lands at random places in four indexes; with the default cache (about 2 MB) the
/// writer read those pages again and again from the file, and kernel time for page reads and writes was over half of an
/// import's CPU. At 1M claims 64 MiB cut the CPU per imported line by about a fifth; the writer keeps the default
/// otherwise because ordinary writes gain little from it and the server's memory would stay that much larger.
/// </summary>
public sealed class ImportWriterCache(Db db, ILogger<ImportWriterCache> logger)
{
    /// <summary>SQLite's cache_size in KiB when negative: 64 MiB during an import, SQLite's default otherwise.</summary>
    internal const int ImportKibibytes = 65536, DefaultKibibytes = 2000;

    public Task RaiseAsync() => SetAsync(ImportKibibytes);

    public Task LowerAsync() => SetAsync(DefaultKibibytes);

    private async Task SetAsync(int kibibytes)
    {
        if (db.Dialect != SqlDialect.Sqlite) return;
        try
        {
            // A pragma's value cannot be a parameter; this one is one of the two constants above.
            await db.WriteAsync(WriteOrigin.System, (c, tx) => c.ExecuteAsync($"PRAGMA cache_size = -{kibibytes}",
                transaction: tx));
        }
        catch (DbException e)
        {
            // Only speed depends on it: the job goes on, or has ended, either way.
            logger.LogWarning(e, "The writer's page cache could not be set to {KiB} KiB.", kibibytes);
        }
    }
}
