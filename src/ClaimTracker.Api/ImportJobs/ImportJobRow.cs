using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;

namespace ClaimTracker.Api.ImportJobs;

/// <summary>A job as stored; <see cref="ToJob"/> adds what only the process running it knows (read position, rate).
/// </summary>
public sealed class ImportJobRow
{
    public long Id { get; init; }
    public string Format { get; init; } = "";
    public string State { get; init; } = "";
    public string Actor { get; init; } = "";
    public string Spool { get; init; } = "";
    public long Bytes { get; init; }
    public int Lines { get; init; }
    public int ProcessedThrough { get; init; }
    public int Committed { get; init; }
    public int Unchanged { get; init; }
    public int Failed { get; init; }
    public bool CancelRequested { get; init; }
    public string? Problem { get; init; }
    public string CreatedAt { get; init; } = "";
    public string? StartedAt { get; init; }
    public string? FinishedAt { get; init; }
    public string Imported { get; init; } = "{}";

    public bool Unfinished => State is nameof(ImportJobState.queued) or nameof(ImportJobState.running);

    public ImportJob ToJob(ImportJobEngine.LiveRun? live, DateTimeOffset now)
    {
        // A job read just as it finishes is still in the engine's hands for a moment: its row has the last word.
        if (!Unfinished) live = null;
        var started = Time.LoadOptional(StartedAt);
        var finished = Time.LoadOptional(FinishedAt);
        double? rate = live is not null ? live.Rate(ProcessedThrough, now)
            : finished is { } end && started is { } start && end > start
                ? ProcessedThrough / (end - start).TotalSeconds : null;
        double? left = live is not null && rate > 0 ? Math.Round((Lines - ProcessedThrough) / rate.Value, 1) : null;
        return new ImportJob(Ids.Format(Ids.ImportJob, Id), Format, Enum.Parse<ImportJobState>(State), Bytes, Lines,
            Math.Max(live?.LinesRead ?? 0, ProcessedThrough), ProcessedThrough, Committed,
            System.Text.Json.JsonSerializer.Deserialize<SortedDictionary<string, int>>(Imported)!, Unchanged, Failed,
            rate is { } r ? Math.Round(r, 1) : null, left, CancelRequested, Problem, Time.Load(CreatedAt), started,
            finished);
    }
}
