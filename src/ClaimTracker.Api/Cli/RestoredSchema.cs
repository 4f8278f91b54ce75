using ClaimTracker.Api.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Api.Cli;

/// <summary>
/// Checks that a database to restore has exactly the schema our migrations make at its version: no table, index, view or
/// trigger more or less, and none worded differently. A backup is a file from elsewhere; one carrying, say, a trigger
/// that copies every new key's hash to a table of its own would otherwise be served as it came.
/// </summary>
public static class RestoredSchema
{
    private const string SchemaObjects = """
        SELECT type, name, tbl_name AS TableName, coalesce(sql, '') AS Sql FROM sqlite_schema
        WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\' AND tbl_name <> 'schema_migrations'
        ORDER BY type, name
        """;

    private sealed record SchemaObject(string Type, string Name, string TableName, string Sql);

    /// <summary>Throws <see cref="CliException"/> naming what differs from the migrations up to <paramref name="version"/>.</summary>
    public static async Task VerifyAsync(string path, string version)
    {
        var scripts = Migrator.ScriptsOf(SqlDialect.Sqlite).Where(s => string.CompareOrdinal(s.Version, version) <= 0).ToList();
        using var restored = SqliteCopy.Open(path, SqliteOpenMode.ReadOnly);
        var journal = (await restored.QueryAsync<(string Version, string Checksum)>(
            "SELECT version, checksum FROM schema_migrations ORDER BY version")).ToList();
        var unknown = journal.Where(j => !scripts.Any(s => s.Version == j.Version)).Select(j => j.Version).ToList();
        var missing = scripts.Where(s => journal.All(j => j.Version != s.Version)).Select(s => s.Version).ToList();
        if (unknown.Count > 0 || missing.Count > 0)
            throw new CliException($"{path} records migrations that do not match this program's: "
                + string.Join("; ", unknown.Select(v => $"{v} unknown").Concat(missing.Select(v => $"{v} missing"))) + ".");

        var actual = (await restored.QueryAsync<SchemaObject>(SchemaObjects)).ToList();
        var expected = await ExpectedAsync(scripts);
        var extra = actual.Except(expected).Select(o => $"{o.Type} {o.Name}").ToList();
        var absent = expected.Where(e => !actual.Any(a => a.Type == e.Type && a.Name == e.Name)).Select(o => $"{o.Type} {o.Name}").ToList();
        if (extra.Count == 0 && absent.Count == 0) return;
        var differences = extra.Select(e => absent.Contains(e) ? e : $"{e} (not made by the migrations, or worded differently)")
            .Concat(absent.Where(a => !extra.Contains(a)).Select(a => $"{a} missing")).Take(10);
        throw new CliException($"{path} does not have the schema of migrations up to {version}: {string.Join("; ", differences)}. "
            + "Restore a backup that ClaimTracker wrote.");
    }

    /// <summary>The schema objects the migrations make on an empty database, in memory.</summary>
    private static async Task<List<SchemaObject>> ExpectedAsync(IEnumerable<Migrator.Script> scripts)
    {
        using var reference = new SqliteConnection("Data Source=:memory:");
        await reference.OpenAsync();
        foreach (var script in scripts) await reference.ExecuteAsync(script.Sql);
        return (await reference.QueryAsync<SchemaObject>(SchemaObjects)).ToList();
    }
}
