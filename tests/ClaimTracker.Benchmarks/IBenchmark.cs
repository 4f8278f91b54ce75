using System.Globalization;

namespace ClaimTracker.Benchmarks;

/// <summary>One benchmark command: its name on the command line, what it measures, its options, and the run.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    string Usage { get; }
    Task<int> RunAsync(Options options);
}

/// <summary>Command-line options as <c>--name value</c> pairs.</summary>
public sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Expected --name value, got '{args[i]}'.");
            values[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
        return new Options(values);
    }

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string? String(string name) => values.GetValueOrDefault(name);
}

/// <summary>Timings of repeated runs, sorted, with the figures the reports print.</summary>
public sealed class Timings(double[] milliseconds)
{
    private readonly double[] sorted = [.. milliseconds.Order()];

    public double Median => At(0.5);
    public double P90 => At(0.9);
    public double P99 => At(0.99);
    public double Min => sorted[0];
    public double Max => sorted[^1];

    private double At(double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];

    public static Timings Measure(int iterations, Action run)
    {
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            run();
            times[i] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return new Timings(times);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"median {Median:F3} ms, p90 {P90:F3} ms, p99 {P99:F3} ms, min {Min:F3} ms, max {Max:F3} ms");
}
