using System.Data;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;

namespace ClaimTracker.Api.Claims;

/// <summary>Restored claims inserted many at a time, as an import job's consecutive claim lines are.</summary>
public sealed partial class ClaimStore
{
    /// <summary>A claim built from its line, ready to go in with others by <see cref="InsertManyAsync"/>.</summary>
    internal sealed record Prepared(ClaimInput Input, IReadOnlyList<string> Topics, string? ClaimDate, string Status,
        string CreatedAt, string UpdatedAt, Versioned<Claim> Created);

    /// <summary>
    /// What <see cref="InsertAsync"/> would insert for a restored claim, and the resource it would read back: a new
    /// claim has no attributions yet, so no first statedAt, and version 1. Null when it must go in on its own (no id to
    /// restore, or text a JSON row does not keep).
    /// </summary>
    internal Prepared? Prepare(ClaimInput input, Restored restored)
    {
        var topics = input.Topics.Distinct().ToList();
        if (restored.Id is not { } id || !JsonRows.Keeps(input.Text) || !JsonRows.Keeps(input.Language)
            || !topics.All(JsonRows.Keeps))
            return null;
        var now = Time.Now(clock);
        var row = new ClaimRow
        {
            Id = id, Text = input.Text!, Language = input.Language, ClaimDate = Time.Store(input.ClaimDate),
            Status = (input.Status ?? ClaimStatus.unreviewed).ToString(),
            CreatedAt = Time.Store(restored.CreatedAt) ?? now, UpdatedAt = Time.Store(restored.UpdatedAt) ?? now,
            Version = 1,
        };
        return new Prepared(input, topics, row.ClaimDate, row.Status, row.CreatedAt, row.UpdatedAt,
            new Versioned<Claim>(row.ToClaim(topics), id, 1));
    }

    /// <summary>
    /// Inserts prepared claims, their topics and their history entries, a few statements for all of them (SQLite: rows
    /// as JSON, see <see cref="JsonRows"/>). A refused row fails the statement: the caller rolls the lot back.
    /// </summary>
    internal async Task InsertManyAsync(IDbConnection c, IDbTransaction tx, IReadOnlyList<Prepared> rows)
    {
        await JsonRows.InsertAsync(c, tx, """
            INSERT INTO claims (id, text, language, claim_date, status, created_at, updated_at)
            SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6
            FROM json_each(@Rows)
            """, rows, (json, row) =>
        {
            json.WriteNumberValue(row.Created.RowId);
            json.WriteStringValue(row.Input.Text);
            json.WriteTextOrNull(row.Input.Language);
            json.WriteTextOrNull(row.ClaimDate);
            json.WriteStringValue(row.Status);
            json.WriteStringValue(row.CreatedAt);
            json.WriteStringValue(row.UpdatedAt);
        });
        var topics = rows.SelectMany(r => r.Topics.Select((topic, position) => (r.Created.RowId, topic, position)))
            .ToList();
        await JsonRows.InsertAsync(c, tx, """
            INSERT INTO claim_topics (claim_id, topic, position)
            SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@Rows)
            """, topics, (json, t) =>
        {
            json.WriteNumberValue(t.RowId);
            json.WriteStringValue(t.topic);
            json.WriteNumberValue(t.position);
        });
        await audit.CreatedManyAsync(c, tx, "claim",
            rows.Select(r => (r.Created.Resource.Id, (object)r.Created.Resource)).ToList());
    }
}
