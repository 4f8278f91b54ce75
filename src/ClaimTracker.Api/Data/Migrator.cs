using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace ClaimTracker.Api.Data;

/// <summary>
/// Applies the ordered scripts of the engine's folder, <c>db/sqlite/</c> or <c>db/postgres/</c> (embedded in the
/// assembly), each exactly once and
/// each in its own transaction with its journal row, so a failing script leaves no trace.
/// A script changed after it was applied stops the start: history is forward-only. The one exception is a
/// script reworded to the same effect, whose earlier wordings are listed in <see cref="EarlierWordings"/>.
/// </summary>
public sealed class Migrator(Db db, ILogger<Migrator> logger)
{
    public sealed record Script(string Version, string Sql, string Checksum);

    private static readonly Dictionary<string, IReadOnlyList<Script>> ScriptsByEngine = LoadScripts();

    /// <summary>The scripts of <paramref name="dialect"/>'s engine, in order.</summary>
    public static IReadOnlyList<Script> ScriptsOf(SqlDialect dialect) => ScriptsByEngine.GetValueOrDefault(dialect.Name, []);

    /// <summary>The scripts of the engine this service runs on.</summary>
    public IReadOnlyList<Script> Scripts => ScriptsOf(db.Dialect);

    /// <summary>
    /// Checksums of earlier wordings of a script that had the same effect: a database that applied one is current.
    /// 0003's first wording deduplicated review URLs by comparing every review with every other, which had not finished
    /// after 11 minutes on 100,000 reviews; the second sorts them once.
    /// </summary>
    private static readonly Dictionary<string, string[]> EarlierWordings = new()
    {
        ["0003_interop"] = ["950c7037ba6a9095ac5ef217878d4add4b99ec0d0e16ef9b165fb617661b9ad3"],
    };

    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) => MigrateAsync(Scripts, cancellationToken);

    internal async Task<int> MigrateAsync(IReadOnlyList<Script> scripts, CancellationToken cancellationToken = default)
    {
        await using var migrating = await db.LockForMigrationsAsync(cancellationToken);
        var applied = 0;
        foreach (var script in scripts)
        {
            var done = await db.WriteAsync(WriteOrigin.System, async (connection, transaction) =>
            {
                var checksum = await connection.QuerySingleOrDefaultAsync<string>(
                    "SELECT checksum FROM schema_migrations WHERE version = @Version", new { script.Version }, transaction);
                if (checksum == script.Checksum || EarlierWordings.GetValueOrDefault(script.Version, []).Contains(checksum)) return false;
                if (checksum is not null)
                    throw new InvalidOperationException($"Migration {script.Version} was changed after it was applied; add a new script instead.");

                await connection.ExecuteAsync(script.Sql, transaction: transaction);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, checksum, applied_at) VALUES (@Version, @Checksum, @AppliedAt)",
                    new { script.Version, script.Checksum, AppliedAt = Time.Store(DateTimeOffset.UtcNow) }, transaction);
                return true;
            }, cancellationToken);
            if (done)
            {
                applied++;
                logger.LogInformation("Applied migration {Version}", script.Version);
            }
        }
        return applied;
    }

    /// <summary>Versions recorded in the journal, for the readiness check.</summary>
    public async Task<bool> IsCurrentAsync(CancellationToken cancellationToken = default)
    {
        var recorded = await db.ReadAsync(c => c.QueryAsync<string>("SELECT version FROM schema_migrations"), cancellationToken);
        return Scripts.Select(s => s.Version).ToHashSet().SetEquals(recorded);
    }

    // Resources are named db/<engine>/<version>.sql.
    private static Dictionary<string, IReadOnlyList<Script>> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("db/", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                var sql = reader.ReadToEnd();
                var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
                var parts = name.Split('/');
                return (Engine: parts[1], Script: new Script(Path.GetFileNameWithoutExtension(parts[2]), sql, checksum));
            })
            .GroupBy(s => s.Engine, s => s.Script)
            .ToDictionary(g => g.Key, IReadOnlyList<Script> (g) => g.ToList());
    }
}
