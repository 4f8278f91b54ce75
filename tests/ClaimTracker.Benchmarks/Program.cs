using ClaimTracker.Benchmarks;

// Benchmarks, one command each: dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- <command> [options].
// A new benchmark is a class implementing IBenchmark, added to this table.
IBenchmark[] benchmarks = [new ExtractBenchmark(), new RegistryBenchmark()];

var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Name.Equals(args[0], StringComparison.OrdinalIgnoreCase)) : null;
if (chosen is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- <command> [options]");
    foreach (var benchmark in benchmarks) Console.Error.WriteLine($"  {benchmark.Name,-10} {benchmark.Description}\n  {"",-10} options: {benchmark.Usage}");
    return args.Length == 0 ? 0 : 2;
}
#if DEBUG
Console.WriteLine("warning: a Debug build; measure with -c Release");
#endif
return await chosen.RunAsync(Options.Parse(args[1..]));
