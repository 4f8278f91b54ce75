using System.CommandLine;
using System.Globalization;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Api.Cli;

/// <summary>
/// <c>backup</c> copies the database while the server serves; <c>restore</c> puts a backup in its place, only while no
/// server uses it (the server holds <see cref="ServerLock"/>), and keeps the database it replaces beside it.
/// </summary>
public static class BackupCommands
{
    public static Command Backup()
    {
        var file = new Argument<string>("file") { Description = "Where to write the backup: one self-contained SQLite file." };
        var force = new Option<bool>("--force")
        {
            Description = "Replace the file if it exists; never a SQLite database, a link, or anything but a regular file.",
        };
        var command = new Command("backup", "Copy the database with SQLite's online backup API: consistent as of the start of the copy, "
            + "while the server goes on serving and writing.") { file, force };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var cli = CliHost.Open(result, mustExist: true);
            cli.RefuseOnPostgres("backup", "pg_dump (or the managed service's backups)");
            var target = Path.GetFullPath(result.GetValue(file)!);
            FileGuards.InputMayBeRead(cli.DatabasePath, "database");
            if (target == cli.DatabasePath) throw new CliException("The backup must go to another file than the database itself.");
            FileGuards.OutputMayGo(target, cli.DatabasePath, result.GetValue(force));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);

            var output = result.InvocationConfiguration.Output;
            var bar = new ConsoleProgress(output, "backup ");
            var started = DateTime.UtcNow;
            var copy = await SqliteCopy.CopyAsync(cli.DatabasePath, target, overwrite: true, bar.Report, cancellationToken);
            bar.Finish();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Backed up {cli.DatabasePath} to {target}: {copy.Pages:N0} pages, {copy.Bytes / 1024.0:N0} KiB, schema {copy.SchemaVersion ?? "none"}, in {(DateTime.UtcNow - started).TotalSeconds:N1} s."));
            return AdminCommandLine.Done;
        });
        return command;
    }

    public static Command Restore()
    {
        var file = new Argument<string>("file") { Description = "A backup written by 'backup' (any ClaimTracker SQLite database will do)." };
        var force = new Option<bool>("--force")
        {
            Description = "Replace an existing database; it is kept beside the new one as <database>.replaced-<UTC time>, with its -wal file.",
        };
        var command = new Command("restore", "Check a backup and make it the database (--db, or Database:Path). Refused while a server uses "
            + "that database: stop it, restore, start it again (it applies any newer migrations). The backup must be a regular file whose "
            + "schema is exactly what the migrations make at its version (no extra tables, indexes, views or triggers). The backup file "
            + "itself is not changed.") { file, force };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var cli = CliHost.Open(result, mustExist: false);
            cli.RefuseOnPostgres("restore", "pg_restore into a new database, or 'export' here and 'import' there");
            var backup = Path.GetFullPath(result.GetValue(file)!);
            var target = cli.DatabasePath;
            FileGuards.InputMayBeRead(backup, "backup");
            if (backup == target || FileGuards.SameFile(backup, target))
                throw new CliException("The backup is the database itself; nothing to restore.");
            FileGuards.DatabaseMayBeReplaced(target);
            var version = await CheckAsync(backup);

            using var held = ServerLock.TryExclusive(target)
                ?? throw new CliException($"A server is using {target}; stop it, then restore. (Replacing the file beneath a running server would lose writes.)");
            var exists = File.Exists(target);
            if (exists && !result.GetValue(force))
                throw new CliException($"{target} exists; pass --force to replace it (it is then kept as {Path.GetFileName(target)}.replaced-<time>).");

            var output = result.InvocationConfiguration.Output;
            var bar = new ConsoleProgress(output, "restore");
            var incoming = target + ".restoring";
            var copy = await SqliteCopy.CopyAsync(backup, incoming, overwrite: true, bar.Report, cancellationToken);
            bar.Finish();
            try
            {
                // Checked on the copy, not the backup: it is what will be served, and the backup may change meanwhile.
                await RestoredSchema.VerifyAsync(incoming, copy.SchemaVersion ?? version);
            }
            catch
            {
                SqliteConnection.ClearAllPools();
                File.Delete(incoming);
                throw;
            }
            string? keptAs = null;
            if (exists)
            {
                keptAs = $"{target}.replaced-{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
                // The -wal file may hold committed changes not yet in the main file: it moves with it, under the name SQLite looks for.
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                    if (File.Exists(target + suffix)) File.Move(target + suffix, keptAs + suffix);
            }
            File.Move(incoming, target);
            await output.WriteLineAsync($"Restored {backup} (schema {version}, {copy.Pages:N0} pages) to {target}."
                + (keptAs is null ? "" : $" The database it replaced is kept as {keptAs}."));
            return AdminCommandLine.Done;
        });
        return command;
    }

    /// <summary>Refuses a file that is not SQLite, damaged, not ClaimTracker's, or newer than this program.</summary>
    private static async Task<string> CheckAsync(string backup)
    {
        try
        {
            using (var connection = SqliteCopy.Open(backup, SqliteOpenMode.ReadOnly))
            {
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA integrity_check;";
                if (await command.ExecuteScalarAsync() is not "ok") throw new CliException($"{backup} is damaged: it fails SQLite's integrity check.");
            }
            var version = await SqliteCopy.SchemaVersionAsync(backup) ?? throw new CliException($"{backup} is not a ClaimTracker database (no schema_migrations).");
            if (string.CompareOrdinal(version, Migrator.ScriptsOf(SqlDialect.Sqlite)[^1].Version) > 0 && !Migrator.ScriptsOf(SqlDialect.Sqlite).Any(s => s.Version == version))
                throw new CliException($"{backup} is at schema {version}, newer than this program knows ({Migrator.ScriptsOf(SqlDialect.Sqlite)[^1].Version}); restore it with a newer ClaimTracker.");
            return version;
        }
        catch (SqliteException exception)
        {
            throw new CliException($"{backup} is not a readable SQLite database: {exception.Message}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
