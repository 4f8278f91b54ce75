using System.ComponentModel;
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

/// <summary>What an NDJSON import did: lines read, records imported by type, lines failed and the first ones.</summary>
public sealed record NdjsonImportResult(
    int Lines, IReadOnlyDictionary<string, int> Imported,
    [property: Description("How many lines failed, all of them counted.")] int Failed,
    [property: Description("The first 100 lines that failed, in order; failed says how many there were in all.")]
    IReadOnlyList<NdjsonLineError> Errors);

/// <summary>
/// Restores NDJSON records with their ids and times, through the stores' own inserts and checks. Lines are
/// committed in batches of <see cref="BatchSize"/>, one write unit each; every line runs inside a savepoint,
/// so a bad line is rolled back whole and reported with its number while the others of its batch stand. A batch is
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
    /// How many failed lines an answer lists; the rest are only counted. Every line listed costs memory until the
    /// answer is sent: 3,000,000 bad lines once made a 683 MB answer. A client fixes the first hundred, sends again.
    /// </summary>
    public const int MaxErrors = 100;

    public async Task<NdjsonImportResult> ImportAsync(WriteOrigin origin, TextReader body, CancellationToken cancellationToken)
    {
        var imported = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var errors = new LineErrors();
        var batch = new List<ParsedLine>(BatchSize);
        var written = Task.CompletedTask;
        var lines = 0;
        try
        {
            while (await body.ReadLineAsync(cancellationToken) is { } text)
            {
                lines++;
                if (string.IsNullOrWhiteSpace(text)) continue;
                batch.Add(Parse(lines, text));
                if (batch.Count < BatchSize) continue;
                // One batch at a time in the writer, in order: a line may need a row that an earlier batch inserts.
                await written;
                written = WriteAsync(origin, batch, imported, errors);
                batch = new List<ParsedLine>(BatchSize);
            }
        }
        catch
        {
            // A body that fails mid-way (aborted, too large) is answered only once the batch under way is written or not.
            await Task.WhenAny(written);
            throw;
        }
        await written;
        if (batch.Count > 0) await WriteAsync(origin, batch, imported, errors);
        // Committed lines stay committed whatever the client does now, so the refresh is not the request's to cancel.
        if (imported.Count > 0) await statistics.RefreshAsync(CancellationToken.None);
        return new NdjsonImportResult(lines, imported, errors.Count, errors.First);
    }

    private Task WriteAsync(WriteOrigin origin, List<ParsedLine> batch, SortedDictionary<string, int> imported, LineErrors errors) =>
        db.WriteAsync(origin, async (c, tx) =>
        {
            var transaction = (DbTransaction)tx;
            var lookups = new InsertLookups();
            var retired = (await c.QueryAsync<(string Table, long LastId)>("SELECT table_name, last_id FROM retired_ids", transaction: tx))
                .ToDictionary(r => r.Table, r => r.LastId);
            await lookups.PreloadAsync(c, tx, batch.Where(line => line.Attribution is not null).Select(line => line.Attribution!.Value));
            foreach (var line in batch)
            {
                if (line.Error is not null)
                {
                    errors.Add(line.Error);
                    continue;
                }
                if (line.Restores is var (table, id) && id <= retired.GetValueOrDefault(table))
                {
                    errors.Add(new NdjsonLineError(line.Line, line.Type, line.Id, ApiProblem.TypeBase + "id-retired",
                        $"{line.Id} was deleted here, and an id is never issued twice; import into a database that never held it.", null));
                    continue;
                }
                await transaction.SaveAsync("line");
                try
                {
                    await line.Insert!(c, tx, lookups);
                    await transaction.ReleaseAsync("line");
                    imported[line.Type!] = imported.GetValueOrDefault(line.Type!) + 1;
                }
                catch (Exception e) when (e is ApiProblem || e is DbException d && db.Dialect.Refused(d) is not null)
                {
                    await transaction.RollbackAsync("line");
                    errors.Add(e is ApiProblem p
                        ? new NdjsonLineError(line.Line, line.Type, line.Id, p.Type, p.Message, p.Errors)
                        : new NdjsonLineError(line.Line, line.Type, line.Id, ApiProblem.TypeBase + "conflict",
                            StoreConflict.Describe(db.Dialect.Refused((DbException)e)!), null));
                }
            }
            return true;
        });

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
