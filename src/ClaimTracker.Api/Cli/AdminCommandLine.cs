using System.CommandLine;

namespace ClaimTracker.Api.Cli;

/// <summary>
/// The admin command line, in the same executable as the server: <c>ClaimTracker.Api &lt;command&gt; …</c>. Each command is
/// one factory in <see cref="Commands"/>; adding one is a file and a line there.
/// Exit codes: 0 done, 1 failed or refused (the message says why), 2 the command line itself is wrong.
/// </summary>
public static class AdminCommandLine
{
    public const int Done = 0, Failed = 1, Usage = 2;

    /// <summary>The option naming the database, on every command; read with <c>GetValue&lt;string?&gt;(DatabaseOption)</c>.</summary>
    public const string DatabaseOption = "--db";

    private static readonly Func<Command>[] Commands =
    [
        DatabaseCommands.Migrate, DatabaseCommands.Seed, KeysCommand.Create, BackupCommands.Backup, BackupCommands.Restore,
        TransferCommands.Import, TransferCommands.Export,
    ];

    private static readonly string[] HelpOptions = ["--help", "-h", "-?"];

    // Built only when needed: every server start asks Handles, and building the commands costs it start-up time.
    private static readonly Lazy<HashSet<string>> Names = new(() => [.. Commands.Select(c => c().Name)]);

    /// <summary>True when the first argument names a command: the process is then a command, not the server.</summary>
    public static bool Handles(string[] args) =>
        args.Length > 0 && (HelpOptions.Contains(args[0]) || !args[0].StartsWith('-') && Names.Value.Contains(args[0]));

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var database = new Option<string?>(DatabaseOption)
        {
            Description = "The SQLite database file (default: Database:Path from appsettings.json or Database__Path, as for the server).",
            HelpName = "path",
            Recursive = true,
        };
        var root = new RootCommand("ClaimTracker administration. Without a command, ClaimTracker.Api runs the server.") { database };
        foreach (var command in Commands) root.Subcommands.Add(command());

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var problem in parsed.Errors) await error.WriteLineAsync($"error: {problem.Message}");
            await error.WriteLineAsync($"See: ClaimTracker.Api {string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(2))} --help".Replace("  ", " "));
            return Usage;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (CliException refused)
        {
            await error.WriteLineAsync($"error: {refused.Message}");
            return Failed;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Data.Common.DbException
                                              or Microsoft.Extensions.Options.OptionsValidationException or InvalidOperationException)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return Failed;
        }
    }
}

/// <summary>A command that cannot do what was asked, with a message for the operator; exit code 1.</summary>
public sealed class CliException(string message) : Exception(message);
