using System.Diagnostics;
using ClaimTracker.Api.Cli;

namespace ClaimTracker.Tests.Cli;

/// <summary>What a command printed and how it ended.</summary>
public sealed record CommandRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}{Error}";
}

/// <summary>Runs the admin command line in this process, or as the real executable in a child process.</summary>
public static class CommandLine
{
    public static async Task<CommandRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AdminCommandLine.RunAsync(args, output, error);
        return new CommandRun(exit, output.ToString(), error.ToString());
    }

    /// <summary><c>dotnet ClaimTracker.Api.dll …</c> from the test's output folder, as an operator would run it.</summary>
    public static async Task<CommandRun> RunProcessAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var argument in (string[])["ClaimTracker.Api.dll", .. args]) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CommandRun(process.ExitCode, await output, await error);
    }
}
