using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// The Release build of the API as a child process on 127.0.0.1 and a free port, against the generated
/// file: how long it takes from process start to a 200 on /health (migrations checked, database
/// answering), and its peak resident memory (VmHWM) read from /proc.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string Key = "ct_benchadmin_BENCHMARK-key_0123456789abcdefghijklmnopqrs";

    private readonly Process process;
    private readonly StringBuilder output = new();

    public Uri BaseAddress { get; }
    public TimeSpan StartupTime { get; private set; }
    public string Configuration { get; }

    private ServerProcess(Process process, Uri baseAddress, string configuration)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Configuration = configuration;
    }

    /// <param name="apiDll">Another build of the API instead of this tree's (for a before/after).</param>
    /// <param name="settings">More configuration as <c>--Section:Key=value</c>, after the benchmark's own.</param>
    public static async Task<ServerProcess> StartAsync(
        string databasePath, string? apiDll = null, params string[] settings)
    {
        var (dll, configuration) = apiDll is null ? LocateApi() : (Path.GetFullPath(apiDll), "given build");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            dll, "--urls", $"http://127.0.0.1:{port}", "--db", Path.GetFullPath(databasePath), "--seed", "none",
            $"--Auth:BootstrapKey={Key}", "--Web:RequestsPerMinute=0", "--Web:RequestTimeoutSeconds=3600", "--Logging:LogLevel:Default=Warning",
            .. settings,
        ];
        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the API");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"), configuration);
        process.OutputDataReceived += (_, e) => server.Log(e.Data);
        process.ErrorDataReceived += (_, e) => server.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (process.HasExited) throw new InvalidOperationException("the API exited during start-up:\n" + server.Output);
            try
            {
                using var response = await probe.GetAsync(new Uri(server.BaseAddress, "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    server.StartupTime = clock.Elapsed;
                    return server;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too slow to answer on a loaded machine: ask again.
            }
            await Task.Delay(5);
        }
        await server.DisposeAsync(); // not left running behind the failed benchmark
        throw new TimeoutException("the API did not become ready:\n" + server.Output);
    }

    private void Log(string? line)
    {
        if (line is null) return;
        lock (output) if (output.Length < 100_000) output.AppendLine(line);
    }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <summary>Peak resident set size of the server so far, in bytes.</summary>
    public long PeakRssBytes() => ProcStatus("VmHWM:");

    public long RssBytes() => ProcStatus("VmRSS:");

    /// <summary>CPU time the server has used so far, user and system.</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private long ProcStatus(string field)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The API's own build output, of the configuration this benchmark was built in (Release for numbers that count).</summary>
    private static (string Dll, string Configuration) LocateApi()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClaimTracker.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("ClaimTracker.sln not found above " + AppContext.BaseDirectory);
        var dll = Path.Combine(dir.FullName, "src", "ClaimTracker.Api", "bin", configuration, "net10.0", "ClaimTracker.Api.dll");
        return File.Exists(dll) ? (dll, configuration) : throw new FileNotFoundException("build the API first", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool disposed;

    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        if (!process.HasExited) process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
