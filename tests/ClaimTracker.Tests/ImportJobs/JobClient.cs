using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ClaimTracker.Tests.ImportJobs;

/// <summary>An import job as a test reads it.</summary>
public sealed record JobView(string Id, string State, long Bytes, int Lines, int LinesRead, int ProcessedThrough, int Committed,
    Dictionary<string, int> Imported, int Unchanged, int Failed, double? LinesPerSecond, double? SecondsLeft,
    bool CancelRequested, string? Problem, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary>Starting import jobs over HTTP and following them to their end.</summary>
public static class JobClient
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>A claim line numbered <paramref name="n"/>, with a text unique to it.</summary>
    public static string Claim(int n, string text = "Imported claim") =>
        $$"""{"type":"claim","id":"clm_{{n}}","text":"{{text}} {{n}}","language":"en"}""";

    public static IEnumerable<string> Claims(int from, int count) => Enumerable.Range(from, count).Select(n => Claim(n));

    public static HttpRequestMessage Import(IEnumerable<string> lines, bool preferAsync = true, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/import.ndjson")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join('\n', lines)))
            {
                Headers = { { "Content-Type", "application/x-ndjson" } },
            },
        };
        if (preferAsync) request.Headers.Add("Prefer", "respond-async");
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>Posts the lines as a job and checks the 202: its Location and the queued job it describes.</summary>
    public static async Task<string> StartAsync(HttpClient client, IEnumerable<string> lines)
    {
        var response = await client.SendAsync(Import(lines));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/api/v1/import-jobs/imp_[0-9]+$", location);
        Assert.Equal("respond-async", response.Headers.GetValues("Preference-Applied").Single());
        var job = (await response.Content.ReadFromJsonAsync<JobView>(Web))!;
        Assert.Equal(location, $"/api/v1/import-jobs/{job.Id}");
        Assert.Equal("queued", job.State);
        return location;
    }

    public static async Task<JobView> GetAsync(HttpClient client, string location)
    {
        var response = await client.GetAsync(location);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JobView>(Web))!;
    }

    /// <summary>Polls the job until <paramref name="done"/> holds (by default: it has finished).</summary>
    public static async Task<JobView> WaitAsync(HttpClient client, string location, Func<JobView, bool>? done = null)
    {
        done ??= job => job.State is not ("queued" or "running");
        // A bound on a hang, not a speed test: 20,000 lines on PostgreSQL at load 50 ran at about 45 lines/s (8,000
        // lines in the 3 minutes this once allowed).
        var until = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            var job = await GetAsync(client, location);
            if (done(job)) return job;
            if (DateTime.UtcNow > until) throw new TimeoutException($"The job is still {job.State} at line {job.ProcessedThrough}.");
            await Task.Delay(20);
        }
    }
}
