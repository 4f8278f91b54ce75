using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>A target of issue 8, as measured in this run: PASS, MISS, or n/a when the operation does not exist yet.</summary>
public sealed record Target(string Name, string Limit, string Measured, bool? Pass)
{
    public string Verdict => Pass switch { true => "PASS", false => "MISS", null => "n/a" };
}

/// <summary>One operation at one concurrency, HTTP beside raw SQL and the floor of the same run.</summary>
public sealed record Row(string Operation, int Concurrency, Measurement Http, Measurement? Raw, Measurement Floor)
{
    public double? HttpOverRaw => Raw is null ? null : Http.Throughput / Raw.Throughput;
    public double HttpOverFloor => Http.Throughput / Floor.Throughput;
}

/// <summary>The table on stdout and the same numbers as JSON.</summary>
public sealed class Report
{
    public required Dictionary<string, object?> Run { get; init; }
    public required GenerationResult? Generation { get; init; }
    public required Dictionary<string, object?> Server { get; init; }
    public required List<Row> Rows { get; init; }
    public required Dictionary<string, object?> Import { get; init; }
    public required Dictionary<string, object?> Checks { get; init; }
    public List<Target> Targets { get; } = [];

    public string Table()
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"{"operation",-30} {"c",3} | {"HTTP/s",8} {"p50 ms",7} {"p99 ms",7} | {"raw/s",8} {"p50 ms",7} {"p99 ms",7} | {"HTTP/raw",8} {"HTTP/floor",10} | {"CPU µs/call: server",19} {"client",6} {"raw",6}");
        s.AppendLine(new string('-', 145));
        foreach (var row in Rows)
        {
            var raw = row.Raw is { } r ? $"{r.Throughput,8:0} {r.P50Ms,7:0.00} {r.P99Ms,7:0.00}" : $"{"",8} {"",7} {"",7}";
            var ratio = row.HttpOverRaw is { } x ? $"{x,8:0.00}" : $"{"",8}";
            var rawCpu = row.Raw is { } rc ? $"{rc.ClientCpuUs,6:0}" : $"{"",6}";
            s.AppendLine(CultureInfo.InvariantCulture,
                $"{row.Operation,-30} {row.Concurrency,3} | {row.Http.Throughput,8:0} {row.Http.P50Ms,7:0.00} {row.Http.P99Ms,7:0.00} | {raw} | {ratio} {row.HttpOverFloor,10:0.00} | {row.Http.ServerCpuUs,19:0} {row.Http.ClientCpuUs,6:0} {rawCpu}");
        }
        var errors = Rows.SelectMany(r => new[] { r.Http, r.Raw }).Where(m => m is { Errors: > 0 }).ToList();
        foreach (var m in errors) s.AppendLine(CultureInfo.InvariantCulture, $"  ! {m!.Operation} {m.Mode} c={m.Concurrency}: {m.Errors} errors, first: {m.FirstError}");
        s.AppendLine();
        foreach (var t in Targets) s.AppendLine(CultureInfo.InvariantCulture, $"{t.Verdict,-4}  {t.Name,-52} {t.Limit,-26} measured {t.Measured}");
        return s.ToString();
    }

    public void Write(string path)
    {
        var options = new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
        var json = new
        {
            Run, Generation = Generation is { } g ? new
            {
                g.Rows, g.TotalRows, g.InsertSeconds, g.InsertRowsPerSecond, g.DerivedSeconds, g.SearchIndexSeconds, g.TotalSeconds, g.EndToEndRowsPerSecond,
                FileMegabytes = g.FileBytes / 1048576.0, AuditLogRows = 0,
            } : null,
            Server, Import, Checks,
            Results = Rows.Select(r => new
            {
                r.Operation, r.Concurrency, Http = Numbers(r.Http), Raw = r.Raw is null ? null : Numbers(r.Raw), Floor = Numbers(r.Floor),
                r.HttpOverRaw, r.HttpOverFloor,
            }),
            Targets = Targets.Select(t => new { t.Name, t.Limit, t.Measured, t.Verdict }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(json, options));
    }

    private static object Numbers(Measurement m) => new
    {
        m.Completed, m.Errors, m.Seconds, Throughput = Math.Round(m.Throughput, 1), P50Ms = Math.Round(m.P50Ms, 3), P99Ms = Math.Round(m.P99Ms, 3), m.FirstError,
        ServerCpuUs = Math.Round(m.ServerCpuUs, 1), ClientCpuUs = Math.Round(m.ClientCpuUs, 1),
    };
}
