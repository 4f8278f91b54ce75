using System.Data;
using System.Text.Json;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;

namespace ClaimTracker.Api.Attributions;

/// <summary>Restored attributions inserted many at a time: an import job's consecutive attribution lines.</summary>
public sealed partial class AttributionStore
{
    /// <summary>An attribution checked and built, to go in with others by <see cref="InsertManyAsync"/>.</summary>
    internal sealed record Prepared(long ClaimId, StoredValues Values, IReadOnlyList<long> Via, string CreatedAt,
        string UpdatedAt, Versioned<Attribution> Created);

    /// <summary>
    /// Checks a restored attribution as <see cref="InsertAsync"/> does (a 422 or 404 for a bad one) and builds what it
    /// would insert, without writing; null when it must go in on its own (its text is not one a JSON row keeps).
    /// </summary>
    internal async Task<Prepared?> PrepareAsync(IDbConnection c, IDbTransaction tx, long claimId,
        AttributionInput input, Restored restored, InsertLookups lookups)
    {
        var (values, source, via, createdAt, updatedAt) = await CheckedAsync(c, tx, claimId, input, restored, lookups);
        string?[] texts = [values.Cue, values.Quote, values.Note, values.QuotePrefix, values.QuoteSuffix];
        if (restored.Id is not { } id || !texts.All(JsonRows.Keeps)) return null;
        var created = Written(id, claimId, values, source, via.Select(v => v.Ref).ToList(), createdAt, updatedAt);
        return created is null ? null
            : new Prepared(claimId, values, via.Select(v => v.Id).ToList(), createdAt, updatedAt, created);
    }

    /// <summary>
    /// Inserts prepared attributions, their relay chains and their history entries, a few statements for all of them
    /// (SQLite: rows as JSON, see <see cref="JsonRows"/>). A refused row fails the statement: the caller rolls the lot
    /// back.
    /// </summary>
    internal async Task InsertManyAsync(IDbConnection c, IDbTransaction tx, IReadOnlyList<Prepared> rows)
    {
        await JsonRows.InsertAsync(c, tx, """
            INSERT INTO attributions (id, claim_id, source_id, document_id, cue, stance, direct, quote,
                                      quote_start, quote_end, quote_prefix, quote_suffix, stated_at, note,
                                      created_at, updated_at)
            SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
                   value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 12, value ->> 13,
                   value ->> 14, value ->> 15
            FROM json_each(@Rows)
            """, rows, WriteRow);
        var via = rows.SelectMany(r => r.Via.Select((source, position) => (r.Created.RowId, position, source)))
            .ToList();
        await JsonRows.InsertAsync(c, tx, """
            INSERT INTO attribution_via (attribution_id, position, source_id)
            SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@Rows)
            """, via, (json, hop) =>
        {
            json.WriteNumberValue(hop.RowId);
            json.WriteNumberValue(hop.position);
            json.WriteNumberValue(hop.source);
        });
        await audit.CreatedManyAsync(c, tx, "attribution",
            rows.Select(r => (r.Created.Resource.Id, (object)r.Created.Resource)).ToList());
    }

    /// <summary>One attribution's columns, in the order of <see cref="InsertManyAsync"/>'s INSERT.</summary>
    private static void WriteRow(Utf8JsonWriter json, Prepared row)
    {
        var v = row.Values;
        json.WriteNumberValue(row.Created.RowId);
        json.WriteNumberValue(row.ClaimId);
        json.WriteNumberValue(v.SourceId);
        json.WriteNumberValue(v.DocumentId);
        json.WriteTextOrNull(v.Cue);
        json.WriteStringValue(v.Stance);
        json.WriteNumberValue(v.Direct ? 1 : 0);
        json.WriteStringValue(v.Quote);
        json.WriteNumberOrNull(v.QuoteStart);
        json.WriteNumberOrNull(v.QuoteEnd);
        json.WriteTextOrNull(v.QuotePrefix);
        json.WriteTextOrNull(v.QuoteSuffix);
        json.WriteTextOrNull(v.StatedAt);
        json.WriteTextOrNull(v.Note);
        json.WriteStringValue(row.CreatedAt);
        json.WriteStringValue(row.UpdatedAt);
    }
}
