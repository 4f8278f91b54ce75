using System.Diagnostics;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// One operation at one concurrency: completed calls per second, latency percentiles, and the CPU time each call cost the
/// server and this process (the client, or the whole call for raw SQL). Throughput on two shared cores moves with whatever
/// else runs; CPU per call moves far less, and says which side a call's cost is on.
/// </summary>
public sealed record Measurement(
    string Operation, string Mode, int Concurrency, long Completed, long Errors, double Seconds, double Throughput, double P50Ms, double P99Ms,
    string? FirstError, double ServerCpuUs, double ClientCpuUs);

/// <summary>
/// A closed loop: N workers, each sending its next call only when its last one has answered, for a
/// fixed time after a short warm-up. Every latency is kept, so percentiles are exact.
/// </summary>
public static class LoadGenerator
{
    public static async Task<Measurement> RunAsync(
        string operation, string mode, int concurrency, TimeSpan duration, TimeSpan warmup, int seed, Func<Random, Task> call, ServerProcess server)
    {
        await LoopAsync(concurrency, warmup, seed + 1000, call);
        var (serverCpu, clientCpu) = (server.CpuTime(), ClientCpuTime());
        var clock = Stopwatch.StartNew();
        var results = await LoopAsync(concurrency, duration, seed, call);
        var seconds = clock.Elapsed.TotalSeconds;
        (serverCpu, clientCpu) = (server.CpuTime() - serverCpu, ClientCpuTime() - clientCpu);
        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        var errors = results.Sum(r => r.Errors);
        var completed = latencies.Length - errors;
        double Percentile(double p) => latencies.Length == 0 ? double.NaN
            : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
        return new Measurement(operation, mode, concurrency, completed, errors, seconds, completed / seconds, Percentile(0.50), Percentile(0.99),
            results.Select(r => r.FirstError).FirstOrDefault(e => e is not null),
            serverCpu.TotalMicroseconds / Math.Max(1, completed), clientCpu.TotalMicroseconds / Math.Max(1, completed));
    }

    /// <summary>Calls without measuring, for <paramref name="duration"/>: the warm-up before the first measurement.</summary>
    public static Task WarmUpAsync(int concurrency, TimeSpan duration, int seed, Func<Random, Task> call) =>
        LoopAsync(concurrency, duration, seed + 2000, call);

    private static TimeSpan ClientCpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private sealed class Worker
    {
        public List<long> Latencies { get; } = new(4096);
        public long Errors { get; set; }
        public string? FirstError { get; set; }
    }

    private static async Task<Worker[]> LoopAsync(int concurrency, TimeSpan duration, int seed, Func<Random, Task> call)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(_ => new Worker()).ToArray();
        await Task.WhenAll(workers.Select((worker, i) => Task.Run(async () =>
        {
            var rng = new Random(seed * 1009 + i);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await call(rng);
                }
                catch (Exception e)
                {
                    worker.Errors++;
                    worker.FirstError ??= e.Message;
                }
                worker.Latencies.Add(Stopwatch.GetTimestamp() - started);
            }
        })));
        return workers;
    }
}
