using System.Diagnostics;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests.Clients;

/// <summary>Skips a test when Node.js is not installed here; CI installs it, so there these tests always run.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (NodeScripts.Node is null) Skip = "node is not installed";
    }
}

/// <summary>
/// Runs a script of tests/clients (a Node project) against a started service. The project's packages are installed
/// from its lock file on first use (<c>npm ci</c>), so the README's plain <c>dotnet test</c> runs them on a fresh machine.
/// </summary>
public static class NodeScripts
{
    public static readonly string? Node = Find("node");
    public static readonly string Folder = Path.Combine(ContractDocument.RepositoryRoot(), "tests", "clients");
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    public static async Task<string> RunAsync(Uri service, params string[] arguments)
    {
        await Installed.Value;
        var start = new ProcessStartInfo(Node!) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["CLAIMTRACKER_URL"] = service.ToString().TrimEnd('/');
        start.Environment["CLAIMTRACKER_KEY"] = ApiFactory.AdminKey;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"node {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await output}\n{await errors}");
        return await output;
    }

    private static async Task InstallAsync()
    {
        if (Directory.Exists(Path.Combine(Folder, "node_modules"))) return;
        var npm = Find("npm") ?? throw new InvalidOperationException($"npm is needed to install {Folder}'s packages.");
        var start = new ProcessStartInfo(npm) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"npm ci in {Folder} exited {process.ExitCode}: {await errors}");
    }

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}

/// <summary>
/// Real third-party clients against the service on a loopback port (issue 19): Google's @googleapis/factchecktools,
/// the reference standardwebhooks verifier, and a client typed from openapi/ by openapi-typescript. The contract check
/// runs in this server too, so each of their requests is also held to the document.
/// </summary>
public sealed class ClientScriptTests
{
    [NodeFact]
    public async Task Googles_fact_check_tools_client_reads_claims_search_filters_pages_and_errors()
    {
        using var factory = new KestrelApiFactory();
        Assert.Contains("all checks passed", await NodeScripts.RunAsync(factory.Start(), "factchecktools.mjs"));
    }

    [NodeFact]
    public async Task The_reference_standard_webhooks_library_verifies_deliveries_before_and_after_rotation()
    {
        using var factory = new KestrelApiFactory();
        factory.Settings["Webhooks:PollMilliseconds"] = "50";
        factory.Settings["Webhooks:AllowedTargets"] = "127.0.0.1"; // the script's receiver listens on loopback
        Assert.Contains("2 deliveries verified", await NodeScripts.RunAsync(factory.Start(), "webhooks.mjs"));
    }

    [NodeFact]
    public async Task A_client_typed_from_the_document_compiles_and_drives_the_worked_example()
    {
        // The types are generated from the committed document and the client compiled with tsc --strict before it runs.
        using var factory = new KestrelApiFactory();
        var service = factory.Start();
        await NodeScripts.RunAsync(service, "node_modules/openapi-typescript/bin/cli.js", "../../openapi/claimtracker.v1.json",
            "-o", "generated/claimtracker.d.ts");
        await NodeScripts.RunAsync(service, "node_modules/typescript/bin/tsc", "-p", ".");
        Assert.Contains("worked example passed", await NodeScripts.RunAsync(service, "dist/src/worked-example.js"));
    }
}
