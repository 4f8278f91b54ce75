using System.ComponentModel;

namespace ClaimTracker.Api.ImportJobs;

/// <summary>Where a job is: waiting, importing, or finished one of three ways.</summary>
public enum ImportJobState { queued, running, succeeded, failed, cancelled }

/// <summary>An import running in the background: what it holds, how far it has got, and what it did.</summary>
public sealed record ImportJob(
    [property: Description("Opaque id, e.g. imp_1.")] string Id,
    [property: Description("The body's format: ndjson.")] string Format,
    [property: Description("queued, running, succeeded (every line read and committed, skipped or failed), "
        + "failed (stopped on a fault, see problem) or cancelled.")] ImportJobState State,
    [property: Description("Size of the body as stored, in bytes.")] long Bytes,
    [property: Description("Lines in the body.")] int Lines,
    [property: Description("Lines read so far, at most one batch ahead of processedThrough.")] int LinesRead,
    [property: Description("Every line up to this one is committed, unchanged or failed; after a cancel, a fault or "
        + "a restart, exactly lines 1 to processedThrough have been dealt with and the rest not at all.")]
    int ProcessedThrough,
    [property: Description("Lines whose record was stored.")] int Committed,
    [property: Description("Records stored, by type.")] IReadOnlyDictionary<string, int> Imported,
    [property: Description("Lines skipped because their record was already stored with the same content.")]
    int Unchanged,
    [property: Description("Lines refused; the first 1,000 are listed by GET …/errors.")] int Failed,
    [property: Description("Lines dealt with per second: over this run while running, over the whole job once "
        + "finished.")]
    double? LinesPerSecond,
    [property: Description("Estimated seconds until the job finishes, while it runs.")] double? SecondsLeft,
    [property: Description("True once a cancel was asked for: the job stops after the batch in the writer.")]
    bool CancelRequested,
    [property: Description("Why a failed job stopped.")] string? Problem,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);
