using System.Net;
using ClaimTracker.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClaimTracker.Tests.ImportJobs;

/// <summary>Jobs cancelled, interrupted by a stop and resumed, and files sent again.</summary>
public sealed class ImportJobLifecycleTests
{
    private const int Total = 20_000;

    [Fact]
    public async Task A_cancelled_job_stops_between_batches_and_keeps_exactly_what_committed()
    {
        using var factory = new EmptyApiFactory();
        var client = factory.CreateClient();
        var location = await JobClient.StartAsync(client, JobClient.Claims(1, Total));
        await JobClient.WaitAsync(client, location, job => job.ProcessedThrough >= 1000);

        // The writer held, so the job cannot finish before the cancel reaches it.
        await using (var gate = await WriterGate.CloseAsync(factory))
        {
            var queued = gate.QueuedWrites();
            var cancel = client.PostAsync($"{location}/cancel", null);
            // SQLite's one writer queues the cancel behind the gate; PostgreSQL commits it at once (it writes no audit
            // row, which the gate holds), and the batch held at the gate sees it when it commits.
            if (TestEngine.IsPostgres) Assert.Equal(HttpStatusCode.Accepted, (await cancel).StatusCode);
            else await gate.WaitForQueuedAsync(queued + 1);
            await gate.OpenAsync();
            Assert.Equal(HttpStatusCode.Accepted, (await cancel).StatusCode);
        }
        var cancelled = await JobClient.WaitAsync(client, location);

        Assert.Equal("cancelled", cancelled.State);
        Assert.True(cancelled.CancelRequested);
        Assert.InRange(cancelled.ProcessedThrough, 1000, Total - 1000);
        Assert.Equal(0, cancelled.ProcessedThrough % 1000);
        Assert.Equal((cancelled.ProcessedThrough, 0, 0), (cancelled.Committed, cancelled.Unchanged, cancelled.Failed));
        using var db = factory.OpenDatabase();
        Assert.Equal(cancelled.Committed, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM claims"));
        Assert.Equal(cancelled.ProcessedThrough, await db.ExecuteScalarAsync<int>("SELECT max(id) FROM claims"));
        Assert.Equal(cancelled.Committed, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE resource = 'claim'"));
        await (await client.PostAsync($"{location}/cancel", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Empty(Directory.EnumerateFiles(factory.DatabasePath + ".imports"));
    }

    [Fact]
    public async Task A_job_interrupted_by_a_stop_resumes_on_the_next_start_and_imports_each_line_exactly_once()
    {
        var (location, path, before) = await InterruptedJobAsync();

        using var second = new EmptyApiFactory { DatabasePath = path };
        var resumed = await JobClient.WaitAsync(second.CreateClient(), location);

        Assert.True(before < Total);
        await AssertImportedOnceAsync(second, resumed);
    }

    [Fact]
    public async Task A_job_another_runner_holds_is_left_to_it_until_its_lease_runs_out()
    {
        var (location, path, before) = await InterruptedJobAsync();
        // Another process's live lease: an API instance on the same database, or the command line's import.
        await using (var db = ApiFactory.OpenDatabase(path))
            await db.ExecuteAsync("UPDATE import_jobs SET runner = 'other-host/1/x', lease_until = '9999-12-31T00:00:00.000Z'");

        using var second = new EmptyApiFactory { DatabasePath = path };
        second.Settings["ImportJobs:LeaseSeconds"] = "4"; // scans for jobs no runner holds every second
        var client = second.CreateClient();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var held = await JobClient.GetAsync(client, location);
        Assert.Equal(("running", before), (held.State, held.ProcessedThrough));

        using (var db = second.OpenDatabase())
            await db.ExecuteAsync("UPDATE import_jobs SET lease_until = '2000-01-01T00:00:00.000Z'"); // the other died
        await AssertImportedOnceAsync(second, await JobClient.WaitAsync(client, location));
    }

    /// <summary>A job stopped by its host's stop with a batch in the writer: its location, database and lines done.</summary>
    private static async Task<(string Location, string Path, int ProcessedThrough)> InterruptedJobAsync()
    {
        string location, path;
        using (var first = new EmptyApiFactory { KeepDatabase = true })
        {
            path = first.DatabasePath;
            var client = first.CreateClient();
            location = await JobClient.StartAsync(client, JobClient.Claims(1, Total));
            await JobClient.WaitAsync(client, location, job => job.ProcessedThrough >= 1000);
            // The writer held while the host stops: the job stops with a batch in the writer, not at the end.
            var gate = await WriterGate.CloseAsync(first);
            var stopping = first.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            var stopped = Task.Run(first.Dispose);
            await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { });
            await gate.OpenAsync();
            await stopped;
        }
        await using var db = ApiFactory.OpenDatabase(path);
        var (state, through) = await db.QuerySingleAsync<(string, int)>("SELECT state, processed_through FROM import_jobs");
        Assert.Equal("running", state);
        Assert.InRange(through, 1000, Total - 1000);
        Assert.Equal(through, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM claims"));
        return (location, path, through);
    }

    private static async Task AssertImportedOnceAsync(ApiFactory factory, JobView job)
    {
        Assert.Equal(("succeeded", Total, Total), (job.State, job.ProcessedThrough, job.Committed));
        Assert.Equal((0, 0), (job.Unchanged, job.Failed));
        using var check = factory.OpenDatabase();
        Assert.Equal(Total, await check.ExecuteScalarAsync<int>("SELECT count(*) FROM claims"));
        Assert.Equal(Total, await check.ExecuteScalarAsync<int>("SELECT count(DISTINCT text) FROM claims"));
        Assert.Equal(Total, await check.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE resource = 'claim'"));
    }

    [Fact]
    public async Task A_file_sent_again_skips_the_lines_that_landed_unchanged_and_names_what_differs()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var export = await client.GetStringAsync("/api/v1/export.ndjson");
        var lines = export.TrimEnd('\n').Split('\n');
        var changed = lines.Select(l => l.Replace("\"id\":\"clm_5\",\"text\":\"", "\"id\":\"clm_5\",\"text\":\"Changed: ")).ToArray();

        var again = await (await NdjsonTests.ImportAsync(client, lines)).JsonAsync();
        var asJob = await JobClient.WaitAsync(client, await JobClient.StartAsync(client, changed));
        var errors = await client.GetJsonAsync($"/api/v1/import-jobs/{asJob.Id}/errors");

        Assert.Equal((lines.Length, 0), (again["unchanged"]!.GetValue<int>(), again["failed"]!.GetValue<int>()));
        Assert.Empty(again["imported"]!.AsObject());
        Assert.NotEqual(lines, changed);
        Assert.Equal((lines.Length - 1, 1, 0), (asJob.Unchanged, asJob.Failed, asJob.Committed));
        var error = errors["items"]![0]!;
        Assert.EndsWith("/id-taken", error["problem"]!.GetValue<string>());
        Assert.Equal("clm_5", error["id"]!.GetValue<string>());
        Assert.Contains("(text)", error["detail"]!.GetValue<string>());
        Assert.Equal(export, await client.GetStringAsync("/api/v1/export.ndjson"));
    }
}
