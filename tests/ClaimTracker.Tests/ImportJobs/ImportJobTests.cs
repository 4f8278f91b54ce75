using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests.ImportJobs;

/// <summary>Imports as jobs: 202 with Location, polled to their end with exact counts, their failed lines paged.</summary>
public sealed class ImportJobTests
{
    [Fact]
    public async Task A_job_asked_for_with_Prefer_respond_async_is_202_and_polls_to_exact_counts_and_audit_entries()
    {
        using var factory = new EmptyApiFactory();
        var client = factory.CreateClient();
        var lines = JobClient.Claims(1, 2500).ToList();
        lines.Insert(10, """{"type":"claim","id":"clm_x","text":"A bad id"}""");
        lines.Insert(1500, "{ not json");
        lines.Insert(2000, """{"type":"alien","id":"aln_1"}""");

        var location = await JobClient.StartAsync(client, lines);
        var job = await JobClient.WaitAsync(client, location);

        Assert.Equal(("succeeded", 2503, 2503, 2503), (job.State, job.Lines, job.LinesRead, job.ProcessedThrough));
        Assert.Equal((2500, 0, 3), (job.Committed, job.Unchanged, job.Failed));
        Assert.Equal(new Dictionary<string, int> { ["claim"] = 2500 }, job.Imported);
        Assert.NotNull(job.LinesPerSecond);
        Assert.Null(job.SecondsLeft);
        Assert.True(job.FinishedAt >= job.StartedAt);
        using var db = factory.OpenDatabase();
        Assert.Equal(2500L, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM claims"));
        Assert.Equal(2500L, await db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE operation = 'create' AND resource = 'claim' AND actor = 'bootstrap-admin'"));
        Assert.Equal("Imported claim 2500", (await client.GetJsonAsync("/api/v1/claims/clm_2500"))["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_job_lists_its_failed_lines_in_pages_in_line_order()
    {
        using var factory = new EmptyApiFactory();
        var client = factory.CreateClient();
        var lines = JobClient.Claims(1, 5).Concat(Enumerable.Range(1, 3).Select(i => $$"""{"type":"claim","id":"clm_{{i}}x"}"""));
        var job = await JobClient.WaitAsync(client, await JobClient.StartAsync(client, lines));

        var first = await client.GetAsync($"/api/v1/import-jobs/{job.Id}/errors?limit=2");
        var page = await first.JsonAsync();
        var next = first.Headers.GetValues("Link").Single();
        var rest = await client.GetJsonAsync($"/api/v1/import-jobs/{job.Id}/errors?limit=2&cursor={page["nextCursor"]!.GetValue<string>()}");

        Assert.Equal((5, 3), (job.Committed, job.Failed));
        Assert.Equal([6, 7], page["items"]!.AsArray().Select(e => e!["line"]!.GetValue<int>()));
        Assert.Contains("rel=\"next\"", next);
        Assert.Equal([8], rest["items"]!.AsArray().Select(e => e!["line"]!.GetValue<int>()));
        Assert.EndsWith("/validation", rest["items"]![0]!["problem"]!.GetValue<string>());
        var listed = await client.GetJsonAsync("/api/v1/import-jobs?sort=newest");
        Assert.Equal(job.Id, listed["items"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_over_4_MiB_becomes_a_job_without_being_asked()
    {
        using var factory = new EmptyApiFactory();
        var client = factory.CreateClient();
        var text = new string('x', 1900);
        var lines = Enumerable.Range(1, 2300).Select(n => JobClient.Claim(n, text)).ToList();
        Assert.True(Encoding.UTF8.GetByteCount(string.Join('\n', lines)) > 4 * 1024 * 1024);

        var response = await client.SendAsync(JobClient.Import(lines, preferAsync: false));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(response.Headers.Contains("Preference-Applied"));
        var job = await JobClient.WaitAsync(client, response.Headers.Location!.ToString());
        Assert.Equal(("succeeded", 2300, 0), (job.State, job.Committed, job.Failed));
    }

    [Fact]
    public async Task A_small_body_without_Prefer_is_still_imported_before_the_answer()
    {
        using var factory = new EmptyApiFactory();
        var response = await factory.CreateClient().SendAsync(JobClient.Import(JobClient.Claims(1, 3), preferAsync: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.JsonAsync())["imported"]!["claim"]!.GetValue<int>());
        Assert.Empty(Directory.EnumerateFiles(factory.DatabasePath + ".imports"));
    }

    [Fact]
    public async Task Malformed_job_requests_are_4xx_problems()
    {
        using var factory = new EmptyApiFactory();
        var client = factory.CreateClient();

        await (await client.SendAsync(JobClient.Import([]))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.SendAsync(JobClient.Import(["", "  "]))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/import-jobs/imp_x")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/import-jobs/clm_1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/import-jobs/imp_999")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/import-jobs/imp_999/errors")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/v1/import-jobs/imp_999/cancel", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/import-jobs?cursor=nonsense")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/import-jobs?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty((await client.GetJsonAsync("/api/v1/import-jobs"))["items"]!.AsArray());
    }

    [Fact]
    public async Task A_read_only_key_cannot_start_a_job_but_can_follow_one()
    {
        using var factory = new EmptyApiFactory();
        var admin = factory.CreateClient();
        var created = await (await admin.PostJsonAsync("/api/v1/keys", new { name = "reader", scope = "read" })).JsonAsync();
        var reader = factory.CreateClient(created["key"]!.GetValue<string>());
        var location = await JobClient.StartAsync(admin, JobClient.Claims(1, 3));

        await (await reader.SendAsync(JobClient.Import(JobClient.Claims(10, 3)))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.PostAsync($"{location}/cancel", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("succeeded", (await JobClient.WaitAsync(reader, location)).State);
        Assert.Single((await admin.GetJsonAsync("/api/v1/import-jobs"))["items"]!.AsArray());
        Assert.Empty(Directory.EnumerateFiles(factory.DatabasePath + ".imports"));
    }

    [Fact]
    public async Task The_same_Idempotency_Key_replays_the_202_and_starts_no_second_job()
    {
        using var factory = new EmptyApiFactory();
        var client = factory.CreateClient();
        var lines = JobClient.Claims(1, 10).ToList();

        var first = await client.SendAsync(JobClient.Import(lines, idempotencyKey: "job-key-1"));
        var second = await client.SendAsync(JobClient.Import(lines, idempotencyKey: "job-key-1"));
        var other = await client.SendAsync(JobClient.Import(JobClient.Claims(20, 1), idempotencyKey: "job-key-1"));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal("true", second.Headers.GetValues("Idempotency-Replayed").Single());
        await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var job = await JobClient.WaitAsync(client, first.Headers.Location!.ToString());
        Assert.Equal((10, 0), (job.Committed, job.Unchanged));
        Assert.Single((await client.GetJsonAsync("/api/v1/import-jobs"))["items"]!.AsArray());
    }
}
