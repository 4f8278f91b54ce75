using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// One variant at one concurrency on one engine, with the load average when it ended (read the figures beside it).
/// </summary>
public sealed record RouteRow(
    RouteVariant Variant, int Concurrency, Measurement Measurement, string LoadAverage, string Engine)
{
    public double? DirectusRatio => Variant.Directus is { } d ? Measurement.Throughput / d.RequestsPerSecond : null;
}

/// <summary>
/// The routes table as markdown, the targets of issue 17 (item 3) with PASS/MISS, and the same as JSON. The targets:
/// no route's p99 above 50 ms at concurrency 16 (set at 1M claims), and at least 10x the Directus req/s at
/// concurrency 16 where the shared README gives a figure (set at 100k, where Directus was measured with wrk -c16).
/// With two engines, each row names its engine and a second table sets them side by side.
/// </summary>
public sealed class RouteReport(string archive, string db, string setup, int seconds, List<RouteRow> rows)
{
    private const double P99LimitMs = 50;
    private const double DirectusFactor = 10;
    private const int TargetConcurrency = 16;

    public static string Line(RouteRow r)
    {
        var m = r.Measurement;
        var errors = m.Errors > 0 ? $" | {m.Errors} errors, first: {m.FirstError}" : "";
        return Invariant($"  {r.Engine,-10} c={r.Concurrency,-3} {r.Variant.OperationId,-26} {r.Variant.Label,-34} ")
            + Invariant($"{m.Throughput,9:0.0}/s ")
            + Invariant($"p50 {m.P50Ms,8:0.00} p99 {m.P99Ms,8:0.00} ms | server CPU {m.ServerCpuUs,7:0} µs/call ")
            + Invariant($"| load {r.LoadAverage}{errors}");
    }

    public string Markdown()
    {
        var s = new StringBuilder();
        s.AppendLine(Invariant($"Archive: {archive} in {db}; {setup}; {seconds} s per measurement"));
        s.AppendLine();
        s.AppendLine("| engine | route | variant | c | req/s | p50 ms | p99 ms | server CPU µs/call | Directus req/s "
            + "| × Directus | load avg |");
        s.AppendLine("|---|---|---|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (var r in rows)
        {
            var m = r.Measurement;
            var directus = r.Variant.Directus is { } d ? Invariant($"{d.RequestsPerSecond:0}") : "";
            var ratio = r.DirectusRatio is { } x ? Invariant($"{x:0.0}×") : "";
            var errors = m.Errors > 0 ? Invariant($" ({m.Errors} errors)") : "";
            var label = r.Variant.Label + (r.Variant.WholeArchive ? " (one call)" : "") + errors;
            s.AppendLine(Invariant($"| {r.Engine} | {r.Variant.OperationId} | {label} | {r.Concurrency} ")
                + Invariant($"| {m.Throughput:0.0} ")
                + Invariant($"| {m.P50Ms:0.00} | {m.P99Ms:0.00} ")
                + Invariant($"| {m.ServerCpuUs:0} | {directus} | {ratio} | {r.LoadAverage} |"));
        }
        s.AppendLine();
        SideBySide(s);
        foreach (var t in Targets()) s.AppendLine($"{t.Verdict}  {t.Name}: {t.Limit}, measured {t.Measured}");
        return s.ToString();
    }

    /// <summary>Each variant on the second engine against the first, measured right after it.</summary>
    private void SideBySide(StringBuilder s)
    {
        var engines = rows.Select(r => r.Engine).Distinct().ToArray();
        if (engines.Length != 2) return;
        var (a, b) = (engines[0], engines[1]);
        s.AppendLine(Invariant($"| route | variant | c | {a} req/s | {b} req/s | {b}/{a} | {a} p99 ms | {b} p99 ms |"));
        s.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|");
        foreach (var first in rows.Where(r => r.Engine == a))
        {
            var second = rows.FirstOrDefault(r => r.Engine == b && r.Concurrency == first.Concurrency
                && r.Variant.OperationId == first.Variant.OperationId && r.Variant.Label == first.Variant.Label);
            if (second is null) continue;
            var (x, y) = (first.Measurement, second.Measurement);
            s.AppendLine(Invariant($"| {first.Variant.OperationId} | {first.Variant.Label} | {first.Concurrency} ")
                + Invariant($"| {x.Throughput:0.0} | {y.Throughput:0.0} | {y.Throughput / x.Throughput:0.00} ")
                + Invariant($"| {x.P99Ms:0.00} | {y.P99Ms:0.00} |"));
        }
        s.AppendLine();
    }

    /// <summary>Targets per variant measured at concurrency 16 (the whole-archive dump is one call at 1).</summary>
    public List<Target> Targets()
    {
        var targets = new List<Target>();
        foreach (var r in rows.Where(r => r.Concurrency == TargetConcurrency))
        {
            var name = $"{r.Engine}: {r.Variant.OperationId} {r.Variant.Label}, c={TargetConcurrency}";
            var m = r.Measurement;
            targets.Add(new Target(name, Invariant($"p99 ≤ {P99LimitMs} ms"), Invariant($"{m.P99Ms:0.00} ms"),
                m.Errors == 0 && m.P99Ms <= P99LimitMs));
            if (r.DirectusRatio is not { } ratio) continue;
            var needed = DirectusFactor * r.Variant.Directus!.RequestsPerSecond;
            targets.Add(new Target(name, Invariant($"≥ {DirectusFactor}× Directus ({needed:0}/s)"),
                Invariant($"{m.Throughput:0}/s = {ratio:0.0}×"), m.Errors == 0 && ratio >= DirectusFactor));
        }
        return targets;
    }

    public void Write(string path)
    {
        var json = new
        {
            Run = new
            {
                Archive = archive, Database = db, Setup = setup, SecondsPerMeasurement = seconds,
                Cores = Environment.ProcessorCount,
                At = DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            },
            Results = rows.Select(r => new
            {
                r.Engine, r.Variant.OperationId, r.Variant.Label, r.Variant.WholeArchive, r.Concurrency,
                r.Measurement.Completed,
                r.Measurement.Errors, r.Measurement.FirstError, Throughput = Math.Round(r.Measurement.Throughput, 1),
                P50Ms = Math.Round(r.Measurement.P50Ms, 3),
                P99Ms = Math.Round(r.Measurement.P99Ms, 3), ServerCpuUs = Math.Round(r.Measurement.ServerCpuUs, 1),
                DirectusRequestsPerSecond = r.Variant.Directus?.RequestsPerSecond,
                DirectusRatio = r.DirectusRatio is { } x ? Math.Round(x, 2) : (double?)null,
                r.LoadAverage,
            }),
            Targets = Targets().Select(t => new { t.Name, t.Limit, t.Measured, t.Verdict }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(json, new JsonSerializerOptions
        {
            WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
