using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// The API as a real child process on a loopback port (Kestrel, not the in-memory test server), for
/// tests that must kill it as a crash would.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> errors;

    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(120);

    public Uri BaseAddress { get; }

    /// <summary>The last lines the server logged (its warnings and errors), for a failure message.</summary>
    public string RecentErrors => string.Join('\n', errors);

    private ServerProcess(Process process, Uri baseAddress, ConcurrentQueue<string> errors)
    {
        this.process = process;
        BaseAddress = baseAddress;
        this.errors = errors;
    }

    public static async Task<ServerProcess> StartAsync(string databasePath, params string[] settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["ClaimTracker.Api.dll", "--urls", $"http://127.0.0.1:{port}", "--Database:Path", databasePath,
                     "--Auth:BootstrapKey", ApiFactory.AdminKey, "--Web:RequestsPerMinute", "0", "--Logging:LogLevel:Default", "Warning", .. settings])
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        // The console logger writes warnings and errors (the level is Warning) to standard output, crashes go to standard
        // error: the last lines of both say why a start or a background job failed.
        var errors = new ConcurrentQueue<string>();
        DataReceivedEventHandler keep = (_, e) =>
        {
            if (e.Data is null) return;
            errors.Enqueue(e.Data);
            while (errors.Count > 60) errors.TryDequeue(out string? _);
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"), errors);
        using var probe = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        // Two instances starting at once on a loaded machine (load 20-30 on two cores) missed 60 s three times in five
        // starts, with nothing logged: start-up was slow, not stuck.
        for (var deadline = DateTime.UtcNow.Add(ReadyWithin); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // drains the error stream
                throw new InvalidOperationException(
                    $"The server exited with code {process.ExitCode} during start-up: {server.RecentErrors}");
            }
            try
            {
                if ((await probe.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
        }
        server.Dispose();
        throw new TimeoutException(
            $"The server did not become ready within {ReadyWithin.TotalSeconds} s: {server.RecentErrors}");
    }

    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.AdminKey);
        return client;
    }

    /// <summary>Ends the process with SIGKILL: no shutdown code runs, as in a crash or power cut of the process.</summary>
    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
