using System.Data.Common;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;

namespace ClaimTracker.Api.Exports;

public sealed partial class NdjsonImport
{
    /// <summary>
    /// Consecutive claim lines, and consecutive attribution lines, of a batch (most lines of an archive) inserted
    /// together on SQLite: each is checked and built as on its own (an attribution's claim, sources and document, its
    /// quote anchored), then up to <see cref="MaxTogether"/> of one type go in with their topics or relay chains and
    /// their history entries in three statements under one savepoint, instead of five or more statements and a
    /// savepoint each. When the database refuses any row, the lot is rolled back and its lines run again one by one, so
    /// each failing line is still reported with its number and nothing of it stored.
    /// </summary>
    private sealed class LinesTogether(AttributionStore attributions, ClaimStore claims, bool enabled, DbConnection c,
        DbTransaction transaction, InsertLookups lookups, BatchTally tally, Func<ParsedLine, Task> writeAlone)
    {
        /// <summary>Lines per statement: a refused row costs the others a second, single-line try.</summary>
        internal const int MaxTogether = 500;

        private readonly List<(ParsedLine Line, object Row)> held = [];
        private string? heldType;

        /// <summary>Holds a claim or attribution line that checks out; false leaves it to be written alone.</summary>
        public async Task<bool> TakeAsync(ParsedLine line)
        {
            if (!enabled || line.Row is not { } restored || line.Type is not ("claim" or "attribution")) return false;
            // Another type's lines go in first: an attribution's claim may be among the claims held.
            if (line.Type != heldType) await FlushAsync();
            object? row;
            try
            {
                row = line.Attribution is { } attribution
                    ? await attributions.PrepareAsync(c, transaction, attribution.ClaimId, attribution.Input, restored,
                        lookups)
                    : claims.Prepare((ClaimInput)line.Record!, restored);
            }
            catch (ApiProblem)
            {
                // Written on its own, the line meets the same problem and reports it.
                return false;
            }
            if (row is null) return false;
            heldType = line.Type;
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
                if (heldType == "claim") await claims.InsertManyAsync(c, transaction, Rows<ClaimStore.Prepared>());
                else await attributions.InsertManyAsync(c, transaction, Rows<AttributionStore.Prepared>());
                await transaction.ReleaseAsync("together");
                tally.Imported[heldType!] = tally.Imported.GetValueOrDefault(heldType!) + held.Count;
            }
            catch (DbException e) when (SqlDialect.Sqlite.Refused(e) is not null)
            {
                await transaction.RollbackAsync("together");
                await transaction.ReleaseAsync("together");
                foreach (var (line, _) in held) await writeAlone(line);
            }
            held.Clear();
        }

        private List<T> Rows<T>() => held.Select(h => (T)h.Row).ToList();
    }
}
