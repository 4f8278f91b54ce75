using System.ComponentModel.DataAnnotations;

namespace ClaimTracker.Api.ImportJobs;

/// <summary>Where job bodies wait and how long a runner's hold on a job lasts; bound from <c>ImportJobs</c>.</summary>
public sealed class ImportJobOptions
{
    public const string Section = "ImportJobs";

    /// <summary>
    /// The directory of bodies waiting for their job; by default <c>&lt;Database:Path&gt;.imports</c>. Several instances
    /// on one database need a directory they all reach (a shared volume): a job may resume on any of them.
    /// </summary>
    public string? SpoolDirectory { get; set; }

    /// <summary>
    /// How long a runner holds a job without committing a batch; after that another process may take the job up. Longer
    /// than a batch ever takes: a batch whose runner lost the hold meanwhile rolls back rather than run twice.
    /// </summary>
    [Range(2, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>
    /// Whether a job into a SQLite database that holds no records yet runs as a restore (<see cref="BulkRestore"/>):
    /// secondary indexes and the search index built once at the end, in larger batches; and whether any job's
    /// consecutive claim or attribution lines go in together (<see cref="Exports.NdjsonImportJournal.Together"/>).
    /// Off, it imports line by line into the full schema; both leave the same records and history.
    /// </summary>
    public bool BulkRestore { get; set; } = true;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}
