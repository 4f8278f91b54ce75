using System.Diagnostics;
using System.Globalization;

namespace ClaimTracker.Api.Cli;

/// <summary>
/// A progress bar for long operations, drawn in place only when standard output is a terminal: redirected
/// output (a log, a pipe, a test) gets the final summary line and nothing else.
/// </summary>
public sealed class ConsoleProgress(TextWriter output, string label, string unit = "pages")
{
    private const int Width = 30;
    private readonly bool drawing = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    private readonly Stopwatch sinceDrawn = Stopwatch.StartNew();
    private bool drawn;

    public void Report(long done, long total)
    {
        if (!drawing || (drawn && done < total && sinceDrawn.ElapsedMilliseconds < 100)) return;
        var fraction = total == 0 ? 1 : (double)done / total;
        var filled = (int)Math.Round(fraction * Width);
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r{label} [{new string('#', filled)}{new string('-', Width - filled)}] {fraction * 100,3:0}% {done:N0}/{total:N0} {unit}"));
        drawn = true;
        sinceDrawn.Restart();
    }

    /// <summary>Ends the bar's line, so that what follows starts on its own.</summary>
    public void Finish()
    {
        if (drawn) output.WriteLine();
    }
}
