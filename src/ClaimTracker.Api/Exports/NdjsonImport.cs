using System.ComponentModel;
using System.Data;
using System.Data.Common;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Documents;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Sources;
using Dapper;

namespace ClaimTracker.Api.Exports;

/// <summary>A line that was not imported, and why.</summary>
public sealed record NdjsonLineError(
    [property: Description("1-based line number in the body.")] int Line,
    string? Type, string? Id,
    [property: Description("The problem type, as in RFC 9457 problems.")] string Problem,
    string Detail,
    [property: Description("Field errors, for a line that fails validation.")] IDictionary<string, string[]>? Errors);

/// <summary>What an NDJSON import did: lines read, records imported by type, lines skipped or failed and the first failures.</summary>
public sealed record NdjsonImportResult(
    int Lines, IReadOnlyDictionary<string, int> Imported,
    [property: Description("Lines whose record was already stored with the same content, so skipped; a re-sent file lands once.")]
    int Unchanged,
    [property: Description("How many lines failed, all of them counted.")] int Failed,
    [property: Description("The first 100 lines that failed, in order; failed says how many there were in all.")]
    IReadOnlyList<NdjsonLineError> Errors);

/// <summary>What one committed batch did; an import job records it in the batch's own write unit.</summary>
public sealed record NdjsonBatchOutcome(
    int ThroughLine, IReadOnlyDictionary<string, int> Imported, int Unchanged, IReadOnlyList<NdjsonLineError> Errors);

/// <summary>
/// How a job runs the import: the lines already committed by an earlier run (skipped), what each batch's unit does
/// before its lines (<paramref name="BeginAsync"/>) and after them (<paramref name="RecordAsync"/>), how far the
/// reading has got, the lines per batch, what to do once the last batch has committed (a restore's deferred
/// indexes) before the planner statistics are refreshed, and whether consecutive claim or attribution lines go in
/// together (<paramref name="Together"/>, SQLite; see <c>NdjsonImport.LinesTogether</c>) rather than one by one.
/// </summary>
public sealed record NdjsonImportJournal(
    int ResumeAfterLine, Func<DbConnection, IDbTransaction, Task> BeginAsync,
    Func<DbConnection, IDbTransaction, NdjsonBatchOutcome, Task> RecordAsync, Action<int> OnRead,
    int BatchSize = NdjsonImport.BatchSize, Func<Task>? AfterLoadAsync = null, bool Together = false);

/// <summary>
/// Restores NDJSON records with their ids and times, through the stores' own inserts and checks. Lines are
/// committed in batches of <see cref="BatchSize"/>, one write unit each; every line runs inside a savepoint (or, in a
/// job, with the claim or attribution lines inserted together under one, which a refusal replays line by line: see
/// <see cref="LinesTogether"/>), so a bad line is rolled back whole and reported with its number while the others of
/// its batch stand. A batch is
/// parsed and validated before it reaches the writer, while the writer still inserts the one before, and its
/// attribution lines share one <see cref="InsertLookups"/>, filled for the whole batch in a few statements.
/// </summary>
public sealed partial class NdjsonImport(Db db, SourceStore sources, DocumentStore documents, ClaimStore claims, AttributionStore attributions, ReviewStore reviews,
    IPlannerStatistics statistics)
{
    /// <summary>
    /// Lines per write unit. A commit writes every index page its lines touched, and new attributions land at random
    /// places in three indexes (by claim, by source, by document), so a larger batch shares pages and commits less often. At the 0.2 scale, 1,000 lines hold
    /// the writer about as long (300-350 ms) as 500 did before lines were parsed ahead; 2,000 was not reliably faster
    /// (2,639 and 2,031/s in two runs, against 1,500-2,000/s) and raised the server's peak RSS from about 270 to 350 MB.
    /// </summary>
    public const int BatchSize = 1000;

    /// <summary>
    /// Characters of line text after which a batch ends before its line count: a restore's batches of documents with
    /// their full texts (5,000 lines of them at 1M claims) took the command line's import to 502 MB RSS.
    /// </summary>
    internal const int MaxBatchChars = 4_000_000;

    /// <summary>
    /// How many failed lines an answer lists; the rest are only counted. Every line listed costs memory until the
    /// answer is sent: 3,000,000 bad lines once made a 683 MB answer. A client fixes the first hundred, sends again.
    /// </summary>
    public const int MaxErrors = 100;

    /// <summary>
    /// Imports <paramref name="body"/>. With a <paramref name="journal"/> (an import job) it skips the lines an earlier run
    /// committed, records each batch's outcome in the batch's unit and writes even an empty last batch, so the record
    /// reaches the last line; cancelling stops the reading, and the batch already in the writer still commits.
    /// </summary>
    public async Task<NdjsonImportResult> ImportAsync(WriteOrigin origin, TextReader body, CancellationToken cancellationToken,
        NdjsonImportJournal? journal = null)
    {
        var totals = new Totals();
        var batchSize = journal?.BatchSize ?? BatchSize;
        var batch = new List<ParsedLine>(batchSize);
        var written = Task.CompletedTask;
        var (lines, batchChars) = (0, 0);
        try
        {
            while (await body.ReadLineAsync(cancellationToken) is { } text)
            {
                lines++;
                if (lines <= journal?.ResumeAfterLine || string.IsNullOrWhiteSpace(text)) continue;
                journal?.OnRead(lines);
                batch.Add(Parse(lines, text));
                batchChars += text.Length;
                if (batch.Count < batchSize && batchChars < MaxBatchChars) continue;
                // One batch at a time in the writer, in order: a line may need a row that an earlier batch inserts.
                await written;
                // A cancel stops here, between batches: the one in the writer has committed, the next does not start.
                cancellationToken.ThrowIfCancellationRequested();
                written = WriteAsync(origin, batch, lines, totals, journal);
                (batch, batchChars) = (new List<ParsedLine>(batchSize), 0);
            }
        }
        catch
        {
            // A body that fails mid-way (aborted, too large) is answered only once the batch under way is written or not.
            await Task.WhenAny(written);
            throw;
        }
        await written;
        cancellationToken.ThrowIfCancellationRequested();
        if (batch.Count > 0 || journal is not null) await WriteAsync(origin, batch, lines, totals, journal);
        if (journal?.AfterLoadAsync is { } afterLoad) await afterLoad();
        // Committed lines stay committed whatever the client does now, so the refresh is not the request's to cancel.
        if (totals.Imported.Count > 0) await statistics.RefreshAsync(CancellationToken.None);
        return new NdjsonImportResult(lines, totals.Imported, totals.Unchanged, totals.Errors.Count, totals.Errors.First);
    }

    private async Task WriteAsync(WriteOrigin origin, List<ParsedLine> batch, int throughLine, Totals totals,
        NdjsonImportJournal? journal)
    {
        var outcome = await db.WriteAsync(origin, async (c, tx) =>
        {
            var tally = new BatchTally();
            if (journal is not null) await journal.BeginAsync(c, tx);
            await WriteLinesAsync(c, (DbTransaction)tx, batch, tally, journal?.Together ?? false);
            var outcome = new NdjsonBatchOutcome(throughLine, tally.Imported, tally.Unchanged, tally.Errors);
            if (journal is not null) await journal.RecordAsync(c, tx, outcome);
            return outcome;
        });
        totals.Add(outcome);
    }

    private async Task WriteLinesAsync(DbConnection c, DbTransaction transaction, List<ParsedLine> batch,
        BatchTally tally, bool together)
    {
        var lookups = new InsertLookups();
        var retired = (await c.QueryAsync<(string Table, long LastId)>("SELECT table_name, last_id FROM retired_ids",
                transaction: transaction)).ToDictionary(r => r.Table, r => r.LastId);
        await lookups.PreloadAsync(c, transaction,
            batch.Where(line => line.Attribution is not null)
                .Select(line => (line.Attribution!.ClaimId, line.Attribution.Input)));
        var held = new LinesTogether(attributions, claims, together && db.Dialect == SqlDialect.Sqlite, c, transaction,
            lookups, tally, line => WriteLineAsync(c, transaction, line, lookups, retired, tally));
        foreach (var line in batch)
        {
            if (line.Error is null && !Retired(line, retired) && await held.TakeAsync(line)) continue;
            // Lines land in order: those held together go in before this one.
            await held.FlushAsync();
            await WriteLineAsync(c, transaction, line, lookups, retired, tally);
        }
        await held.FlushAsync();
    }

    private static bool Retired(ParsedLine line, Dictionary<string, long> retired) =>
        line.Restores is var (table, id) && id <= retired.GetValueOrDefault(table);

    /// <summary>One line alone, in a savepoint: rolled back whole and reported with its number when it fails.</summary>
    private async Task WriteLineAsync(DbConnection c, DbTransaction transaction, ParsedLine line, InsertLookups lookups,
        Dictionary<string, long> retired, BatchTally tally)
    {
        if (line.Error is not null)
        {
            tally.Errors.Add(line.Error);
            return;
        }
        if (Retired(line, retired))
        {
            tally.Errors.Add(new NdjsonLineError(line.Line, line.Type, line.Id, ApiProblem.TypeBase + "id-retired",
                $"{line.Id} was deleted here, and an id is never issued twice; "
                + "import into a database that never held it.",
                null));
            return;
        }
        await transaction.SaveAsync("line");
        try
        {
            await line.Insert!(c, transaction, lookups);
            await transaction.ReleaseAsync("line");
            tally.Imported[line.Type!] = tally.Imported.GetValueOrDefault(line.Type!) + 1;
        }
        catch (Exception e) when (e is ApiProblem || e is DbException d && db.Dialect.Refused(d) is not null)
        {
            await transaction.RollbackAsync("line");
            // A line whose id is already stored with the same content landed before (a re-sent file): skipped.
            var stored = await CompareStoredAsync(c, transaction, line);
            if (stored is { Count: 0 }) tally.Unchanged++;
            else tally.Errors.Add(stored is not null ? Differs(line, stored)
                : e is ApiProblem p ? new NdjsonLineError(line.Line, line.Type, line.Id, p.Type, p.Message, p.Errors)
                : new NdjsonLineError(line.Line, line.Type, line.Id, ApiProblem.TypeBase + "conflict",
                    StoreConflict.Describe(db.Dialect.Refused((DbException)e)!), null));
        }
    }

    private sealed class BatchTally
    {
        public SortedDictionary<string, int> Imported { get; } = new(StringComparer.Ordinal);
        public int Unchanged { get; set; }
        public List<NdjsonLineError> Errors { get; } = [];
    }

    /// <summary>The import's running totals, added up batch by batch once each has committed.</summary>
    private sealed class Totals
    {
        public SortedDictionary<string, int> Imported { get; } = new(StringComparer.Ordinal);
        public int Unchanged { get; private set; }
        public LineErrors Errors { get; } = new();

        public void Add(NdjsonBatchOutcome batch)
        {
            foreach (var (type, count) in batch.Imported) Imported[type] = Imported.GetValueOrDefault(type) + count;
            Unchanged += batch.Unchanged;
            foreach (var error in batch.Errors) Errors.Add(error);
        }
    }

    /// <summary>The first <see cref="MaxErrors"/> failed lines, and how many failed in all.</summary>
    private sealed class LineErrors
    {
        private readonly List<NdjsonLineError> first = [];

        public int Count { get; private set; }

        public IReadOnlyList<NdjsonLineError> First => first;

        public void Add(NdjsonLineError error)
        {
            Count++;
            if (first.Count < MaxErrors) first.Add(error);
        }
    }
}
