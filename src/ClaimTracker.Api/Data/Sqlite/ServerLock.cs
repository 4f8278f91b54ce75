using ClaimTracker.Api.OpenApi;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Data.Sqlite;

/// <summary>
/// A lock file beside the database (<c>claimtracker.db.lock</c>) that tells a restore whether a server is using the
/// database. Each server holds it shared for its whole life; <c>restore</c> needs it exclusively. The operating system
/// drops the lock when the process ends, however it ends, so a crashed server never leaves a stale one.
/// </summary>
public static class ServerLock
{
    public static string PathFor(string databasePath) => Path.GetFullPath(databasePath) + ".lock";

    /// <summary>Held by a server; fails while a restore holds the lock exclusively.</summary>
    public static FileStream Share(string databasePath) => Open(databasePath, FileShare.ReadWrite);

    /// <summary>Held by a restore; null while any server holds the lock.</summary>
    public static FileStream? TryExclusive(string databasePath)
    {
        try
        {
            return Open(databasePath, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    // FileShare.None takes an exclusive flock on Unix and any other share a shared one; Windows enforces the same by sharing mode.
    private static FileStream Open(string databasePath, FileShare share)
    {
        var path = PathFor(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new FileStream(path, FileMode.OpenOrCreate, share == FileShare.None ? FileAccess.ReadWrite : FileAccess.Read, share);
    }

    /// <summary>Holds the shared lock while the server runs.</summary>
    internal sealed class Holder(IOptions<DatabaseOptions> options) : IHostedService, IDisposable
    {
        private FileStream? held;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (OpenApiSetup.IsGeneratingDocument) return Task.CompletedTask;
            try
            {
                held = Share(options.Value.Path);
            }
            catch (IOException)
            {
                throw new InvalidOperationException($"A restore is replacing {Path.GetFullPath(options.Value.Path)}; start the server when it has finished.");
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Dispose();
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            held?.Dispose();
            held = null;
        }
    }
}
