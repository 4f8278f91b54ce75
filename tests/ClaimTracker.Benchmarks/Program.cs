using ClaimTracker.Benchmarks;
using ClaimTracker.Benchmarks.Load;

// Benchmarks, one command each: dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- <command> [options].
// A new benchmark is a class implementing IBenchmark, added to this table; load reads its own options.
IBenchmark[] benchmarks =
    [new ExtractBenchmark(), new RegistryBenchmark(), new PolnearCommand(), new PolnearFitCommand(), new MatchFit(), new MatchBench(),
     new EmbedCost(), new RoutesBenchmark(), new PostgresCopy(), new WritesBenchmark()];
const string LoadUsage = "[--scale 1.0] [--db FILE] [--existing] [--seconds 5] [--warmup 3] [--out bench.json] [--reuse] [--only \"(c)\"] [--concurrency 1,16,64]";

if (args is ["load", .. var rest]) return await LoadBenchmark.RunAsync(rest);
var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Name.Equals(args[0], StringComparison.OrdinalIgnoreCase)) : null;
if (chosen is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- <command> [options]");
    Console.Error.WriteLine($"  {"load",-10} the HTTP and raw-SQL benchmark at newsroom-archive scale (issue 8)\n  {"",-10} options: {LoadUsage}");
    foreach (var benchmark in benchmarks) Console.Error.WriteLine($"  {benchmark.Name,-10} {benchmark.Description}\n  {"",-10} options: {benchmark.Usage}");
    return args.Length == 0 ? 0 : 2;
}
#if DEBUG
Console.WriteLine("warning: a Debug build; measure with -c Release");
#endif
return await chosen.RunAsync(Options.Parse(args[1..]));
