using System.Data;
using System.Text.Json;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Exports;
using Dapper;

namespace ClaimTracker.Api.ImportJobs;

/// <summary>Import jobs and their progress, as rows: the runner writes them, the routes read them.</summary>
public sealed class ImportJobStore(Db db, TimeProvider clock)
{
    /// <summary>
    /// Failed lines kept per job; the rest are only counted. A million bad lines would otherwise store a million rows;
    /// a client fixes the first thousand and sends again.
    /// </summary>
    public const int MaxStoredErrors = 1000;

    private const string Columns = """
        j.id, j.format, j.state, j.actor, j.spool, j.bytes, j.lines, j.processed_through AS ProcessedThrough,
        j.committed, j.unchanged, j.failed, j.cancel_requested AS CancelRequested, j.problem, j.created_at AS CreatedAt,
        j.started_at AS StartedAt, j.finished_at AS FinishedAt,
        (SELECT json_group_object(type, count) FROM import_job_counts WHERE job_id = j.id) AS Imported
        """;

    /// <summary>
    /// Records a spooled body as a queued job. The request's origin carries its Idempotency-Key, which commits with the
    /// job and no later batch; the job's batches are written in the actor's name.
    /// </summary>
    public Task<ImportJobRow> CreateAsync(WriteOrigin origin, string format, ImportJobSpool.Spooled body) =>
        db.WriteAsync(origin, async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO import_jobs (format, state, actor, spool, bytes, lines, created_at)
                VALUES (@Format, 'queued', @Actor, @Spool, @Bytes, @Lines, @Now) RETURNING id
                """, new
            {
                Format = format, origin.Actor, Spool = body.Name, body.Bytes, body.Lines, Now = Time.Now(clock),
            }, tx);
            return await LoadAsync(c, tx, id) ?? throw new InvalidOperationException("The job just inserted is gone.");
        }, CancellationToken.None);

    public Task<ImportJobRow?> GetAsync(long id) => db.ReadAsync(c => LoadAsync(c, null, id));

    public async Task<Page<ImportJobRow>> ListAsync(PageQuery page)
    {
        var keyset = page.Keyset("j.id");
        var rows = await db.ReadAsync(async c => (await c.QueryAsync<ImportJobRow>(
            $"SELECT {Columns} FROM import_jobs j WHERE {keyset.Condition} {keyset.OrderAndLimit}",
            new { keyset.After, keyset.Fetch })).ToList());
        return page.ToPage(rows, r => r.Id);
    }

    public async Task<Page<NdjsonLineError>> ErrorsAsync(long id, PageQuery page)
    {
        var keyset = page.Keyset("line");
        var rows = await db.ReadAsync(async c => (await c.QueryAsync<ErrorRow>(
            $"""
            SELECT line, type, line_id AS LineId, problem, detail, errors FROM import_job_errors
            WHERE job_id = @Id AND {keyset.Condition} {keyset.OrderAndLimit}
            """, new { Id = id, keyset.After, keyset.Fetch })).ToList());
        var errors = rows.Select(r => new NdjsonLineError(r.Line, r.Type, r.LineId, r.Problem, r.Detail,
            r.Errors is null ? null : JsonSerializer.Deserialize<Dictionary<string, string[]>>(r.Errors))).ToList();
        return page.ToPage(errors, e => e.Line);
    }

    /// <summary>
    /// Jobs that never started or whose runner stopped or died (no live lease), oldest first, for a runner to take up.
    /// </summary>
    public Task<List<long>> UntakenAsync() => db.ReadAsync(async c =>
        (await c.QueryAsync<long>("""
            SELECT id FROM import_jobs
            WHERE state IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < @Now) ORDER BY id
            """, new { Now = Time.Now(clock) })).ToList(),
        CancellationToken.None);

    /// <summary>Spool files that unfinished jobs still need.</summary>
    public Task<List<string>> SpoolsInUseAsync() => db.ReadAsync(async c =>
        (await c.QueryAsync<string>("SELECT spool FROM import_jobs WHERE state IN ('queued', 'running')")).ToList(),
        CancellationToken.None);

    /// <summary>
    /// Takes the job for <paramref name="runner"/> until <paramref name="until"/> and marks it running; false when
    /// another runner's lease on it is still live, the job has finished meanwhile, or a runner's batch holds it now
    /// (<see cref="HoldAsync"/>: on PostgreSQL its row is skipped rather than waited for).
    /// </summary>
    public Task<bool> TakeAsync(long id, string runner, DateTimeOffset until) =>
        db.WriteAsync(WriteOrigin.System, async (c, tx) => await c.ExecuteAsync($"""
            UPDATE import_jobs SET state = 'running', started_at = coalesce(started_at, @Now), runner = @Runner,
                lease_until = @Until
            WHERE id IN (SELECT j.id FROM import_jobs j
                         WHERE j.id = @Id AND j.state IN ('queued', 'running')
                           AND (j.lease_until IS NULL OR j.lease_until < @Now OR j.runner = @Runner)
                         {db.Dialect.LockSkippingLocked("j")})
            """, new { Id = id, Runner = runner, Until = Time.Store(until), Now = Time.Now(clock) }, tx) == 1,
            CancellationToken.None);

    /// <summary>
    /// Inside a batch's unit, before its lines: whether <paramref name="runner"/> still holds the job, and if so keeps
    /// it from being taken over until the batch commits, however long it outlasts the lease. A cancel request still
    /// goes through meanwhile.
    /// </summary>
    public static async Task<bool> HoldAsync(IDbConnection c, IDbTransaction tx, long id, string runner) =>
        await c.QuerySingleOrDefaultAsync<long?>($"""
            SELECT j.id FROM import_jobs j WHERE j.id = @Id AND j.runner = @Runner
            {SqlDialect.Of(c).HoldAgainstTakeover("j")}
            """, new { Id = id, Runner = runner }, tx) is not null;

    /// <summary>
    /// Extends the runner's lease inside a batch's write unit; false when another runner took the job meanwhile, in
    /// which case the batch must not commit.
    /// </summary>
    public static async Task<bool> RenewAsync(IDbConnection c, IDbTransaction tx, long id, string runner,
        DateTimeOffset until) =>
        await c.ExecuteAsync("UPDATE import_jobs SET lease_until = @Until WHERE id = @Id AND runner = @Runner",
            new { Id = id, Runner = runner, Until = Time.Store(until) }, tx) == 1;

    /// <summary>Gives the job up at a stop, so that the next start (or another instance) resumes it at once.</summary>
    public Task ReleaseAsync(long id, string runner) => db.WriteAsync(WriteOrigin.System, (c, tx) => c.ExecuteAsync(
        "UPDATE import_jobs SET lease_until = NULL WHERE id = @Id AND runner = @Runner",
        new { Id = id, Runner = runner }, tx), CancellationToken.None);

    public Task FinishAsync(long id, ImportJobState state, string? problem = null) =>
        db.WriteAsync(WriteOrigin.System, (c, tx) => c.ExecuteAsync("""
            UPDATE import_jobs SET state = @State, problem = @Problem, finished_at = @Now,
                started_at = coalesce(started_at, @Now) WHERE id = @Id
            """, new { Id = id, State = state.ToString(), Problem = problem, Now = Time.Now(clock) }, tx),
            CancellationToken.None);

    /// <summary>
    /// Asks a job to stop. A queued job is cancelled at once; a running one is marked, and stops after its batch in the
    /// writer. Null when the job is not there; a finished job is returned as it is.
    /// </summary>
    public Task<ImportJobRow?> RequestCancelAsync(WriteOrigin origin, long id) => db.WriteAsync(origin, async (c, tx) =>
    {
        await c.ExecuteAsync("""
            UPDATE import_jobs SET cancel_requested = TRUE,
                state = CASE state WHEN 'queued' THEN 'cancelled' ELSE state END,
                finished_at = CASE state WHEN 'queued' THEN @Now ELSE finished_at END
            WHERE id = @Id AND state IN ('queued', 'running')
            """, new { Id = id, Now = Time.Now(clock) }, tx);
        return await LoadAsync(c, tx, id);
    });

    /// <summary>
    /// Records a batch's outcome inside the batch's own write unit, so the job's progress and the rows it imported
    /// commit together or not at all: a restart resumes after <c>processed_through</c>, never importing a line twice.
    /// </summary>
    public static async Task RecordBatchAsync(IDbConnection c, IDbTransaction tx, long id, NdjsonBatchOutcome batch)
    {
        var committed = batch.Imported.Values.Sum();
        await c.ExecuteAsync("""
            UPDATE import_jobs SET processed_through = @Through, committed = committed + @Committed,
                unchanged = unchanged + @Unchanged, failed = failed + @Failed
            WHERE id = @Id
            """, new
        {
            Id = id, Through = batch.ThroughLine, Committed = committed, batch.Unchanged, Failed = batch.Errors.Count,
        }, tx);
        foreach (var (type, count) in batch.Imported)
            await c.ExecuteAsync("""
                INSERT INTO import_job_counts (job_id, type, count) VALUES (@Id, @Type, @Count)
                ON CONFLICT (job_id, type) DO UPDATE SET count = import_job_counts.count + excluded.count
                """, new { Id = id, Type = type, Count = count }, tx);
        if (batch.Errors.Count == 0) return;
        var room = MaxStoredErrors - await c.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM import_job_errors WHERE job_id = @Id", new { Id = id }, tx);
        foreach (var error in batch.Errors.Take(Math.Max(room, 0)))
            await c.ExecuteAsync("""
                INSERT INTO import_job_errors (job_id, line, type, line_id, problem, detail, errors)
                VALUES (@Id, @Line, @Type, @LineId, @Problem, @Detail, @Errors)
                """, new
            {
                Id = id, error.Line, error.Type, LineId = error.Id, error.Problem, error.Detail,
                Errors = error.Errors is null ? null : JsonSerializer.Serialize(error.Errors),
            }, tx);
    }

    /// <summary>Whether a cancel was asked for, perhaps by another process: the server for a job the command line runs.
    /// </summary>
    public static Task<bool> CancelRequestedAsync(IDbConnection c, IDbTransaction tx, long id) =>
        c.ExecuteScalarAsync<bool>("SELECT cancel_requested FROM import_jobs WHERE id = @Id", new { Id = id }, tx);

    private static async Task<ImportJobRow?> LoadAsync(IDbConnection c, IDbTransaction? tx, long id) =>
        await c.QuerySingleOrDefaultAsync<ImportJobRow>(
            $"SELECT {Columns} FROM import_jobs j WHERE j.id = @Id", new { Id = id }, tx);

    private sealed class ErrorRow
    {
        public int Line { get; init; }
        public string? Type { get; init; }
        public string? LineId { get; init; }
        public string Problem { get; init; } = "";
        public string Detail { get; init; } = "";
        public string? Errors { get; init; }
    }
}
