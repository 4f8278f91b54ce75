using ClaimTracker.Benchmarks.Load;

// Commands of the benchmark tool; each lives in its own folder.
return args switch
{
    ["load", .. var rest] => await LoadBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- load [--scale 1.0] [--seconds 5] [--out bench.json]");
    return 2;
}
