using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>The operations of issue 8 through real HTTP: one pooled client, keep-alive, bodies read to the end, status checked.</summary>
public sealed class HttpScenarios(Uri baseAddress, Workload workload) : IDisposable
{
    public const string Note = "bench:http";
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient client = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = baseAddress,
        Timeout = Timeout.InfiniteTimeSpan, // per request instead: short for the load, long for the one import
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", ServerProcess.Key) },
    };

    /// <summary>Acknowledged attributions (201), counted to check against the rows afterwards.</summary>
    public long Created => Interlocked.Read(ref created);

    private long created;

    public Task Floor(Random rng) => GetAsync("/health/live");

    public Task ClaimById(Random rng) => GetAsync($"/api/v1/claims/clm_{workload.ClaimId(rng)}");

    public Task ClaimsBySourceAndStance(Random rng)
    {
        var (source, stance) = workload.SourceStance(rng);
        return GetAsync($"/api/v1/claims?sourceId=src_{source}&stance={stance}&limit=50");
    }

    public Task Search(Random rng) => GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(Workload.SearchQuery(rng)));

    public Task Match(Random rng) => SendAsync(HttpMethod.Post, "/api/v1/claims/match", new { text = workload.Statement(rng), limit = 5 }, HttpStatusCode.OK);

    public async Task CreateAttribution(Random rng)
    {
        var a = workload.NewAttribution(rng);
        await SendAsync(HttpMethod.Post, $"/api/v1/claims/clm_{a.Claim}/attributions", new
        {
            sourceId = $"src_{a.Source}", documentId = $"doc_{a.Document}", cue = "said", stance = a.Stance.ToString(), direct = false,
            quote = a.Quote, anchor = new { start = a.Start }, note = Note,
        }, HttpStatusCode.Created);
        Interlocked.Increment(ref created);
    }

    /// <summary>Whether POST /api/v1/import.ndjson exists on this build (it comes with issue 6).</summary>
    public async Task<bool> HasImportAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/import.ndjson") { Content = new StringContent("", Encoding.UTF8, "application/x-ndjson") };
        using var deadline = new CancellationTokenSource(RequestTimeout);
        using var response = await client.SendAsync(request, deadline.Token);
        return response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);
    }

    /// <summary>Imports <paramref name="ndjson"/>; <paramref name="asJob"/> asks for a job whatever the body's size.</summary>
    public async Task<string> ImportAsync(string ndjson, bool asJob = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/import.ndjson") { Content = new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson") };
        if (asJob) request.Headers.Add("Prefer", "respond-async");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        using var response = await client.SendAsync(request, timeout.Token);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"import answered {(int)response.StatusCode}: {body[..Math.Min(500, body.Length)]}");
        return response.StatusCode == HttpStatusCode.Accepted ? await FinishedJobAsync(response.Headers.Location!, timeout.Token) : body;
    }

    /// <summary>A large import answers 202 with its job (issue 17): the import ends when the job has.</summary>
    private async Task<string> FinishedJobAsync(Uri job, CancellationToken cancellationToken)
    {
        while (true)
        {
            var body = await client.GetStringAsync(job, cancellationToken);
            var state = JsonDocument.Parse(body).RootElement.GetProperty("state").GetString();
            if (state is not ("queued" or "running"))
                return state == "succeeded" ? body : throw new HttpRequestException($"import job {state}: {body[..Math.Min(500, body.Length)]}");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>A GET that must answer 200, its body read to the end (within a minute unless told otherwise).</summary>
    public async Task GetAsync(string path, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? RequestTimeout);
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, deadline.Token);
        if (response.StatusCode != HttpStatusCode.OK) throw await FailureAsync(response, path);
    }

    /// <summary>A call whose answer the caller reads (setting up data, not measured); any status but 2xx throws.</summary>
    public async Task<JsonElement> JsonAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        using var deadline = new CancellationTokenSource(RequestTimeout);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
        if (!response.IsSuccessStatusCode) throw await FailureAsync(response, path);
        return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
    }

    private async Task SendAsync(HttpMethod method, string path, object body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        using var deadline = new CancellationTokenSource(RequestTimeout);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
        if (response.StatusCode != expected) throw await FailureAsync(response, path);
    }

    private static async Task<Exception> FailureAsync(HttpResponseMessage response, string path)
    {
        var body = await response.Content.ReadAsStringAsync();
        return new HttpRequestException($"{path}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
    }

    public void Dispose() => client.Dispose();
}
