using System.Data.Common;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;

namespace ClaimTracker.Api.Exports;

public sealed partial class NdjsonImport
{
    /// <summary>
    /// Consecutive attribution lines of a batch (most lines of an archive) inserted together on SQLite: each is checked
    /// and built as on its own (claim, sources, document, quote anchored), then up to <see cref="MaxTogether"/> of them
    /// go in with their relay chains and history entries in three statements under one savepoint, instead of five or
    /// more statements and a savepoint each. When the database refuses any row, the lot is rolled back and its lines run
    /// again one by one, so each failing line is still reported with its number and nothing of it stored.
    /// </summary>
    private sealed class AttributionsTogether(AttributionStore attributions, bool enabled, DbConnection c,
        DbTransaction transaction, InsertLookups lookups, BatchTally tally, Func<ParsedLine, Task> writeAlone)
    {
        /// <summary>Lines per statement: a refused row costs the others a second, single-line try.</summary>
        internal const int MaxTogether = 500;

        private readonly List<(ParsedLine Line, AttributionStore.Prepared Row)> held = [];

        /// <summary>Holds an attribution line that checks out; false leaves the line to be written on its own.</summary>
        public async Task<bool> TakeAsync(ParsedLine line)
        {
            if (!enabled || line.Attribution is not { } attribution) return false;
            AttributionStore.Prepared? row;
            try
            {
                row = await attributions.PrepareAsync(c, transaction, attribution.ClaimId, attribution.Input,
                    attribution.Row, lookups);
            }
            catch (ApiProblem)
            {
                // Written on its own, the line meets the same problem and reports it.
                return false;
            }
            if (row is null) return false;
            held.Add((line, row));
            if (held.Count >= MaxTogether) await FlushAsync();
            return true;
        }

        /// <summary>Inserts the lines held, in their order.</summary>
        public async Task FlushAsync()
        {
            if (held.Count == 0) return;
            await transaction.SaveAsync("together");
            try
            {
                await attributions.InsertManyAsync(c, transaction, held.Select(h => h.Row).ToList());
                await transaction.ReleaseAsync("together");
                tally.Imported["attribution"] = tally.Imported.GetValueOrDefault("attribution") + held.Count;
            }
            catch (DbException e) when (SqlDialect.Sqlite.Refused(e) is not null)
            {
                await transaction.RollbackAsync("together");
                await transaction.ReleaseAsync("together");
                foreach (var (line, _) in held) await writeAlone(line);
            }
            held.Clear();
        }
    }
}
