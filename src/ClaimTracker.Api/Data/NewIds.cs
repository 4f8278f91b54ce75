namespace ClaimTracker.Api.Data;

/// <summary>
/// The id of a new row, never one issued before: above the table's highest id and above every id it retired
/// (<c>retired_ids</c>, kept by the delete triggers of db/0012). SQLite alone would give max(id) + 1, which after deleting
/// the newest row is that row's id again. Both are index seeks inside the INSERT, so a write costs no extra statement.
/// </summary>
public static class NewIds
{
    /// <summary>The next id of <paramref name="table"/>, as an SQL expression (uncorrelated: one value per statement).</summary>
    /// <remarks>The larger of the two is an aggregate over a union: SQLite's max(a, b) is greatest(a, b) on PostgreSQL.</remarks>
    public static string Next(string table) => $"""
        (coalesce((SELECT max(id) FROM (SELECT max(id) AS id FROM {table}
                   UNION ALL SELECT last_id FROM retired_ids WHERE table_name = '{table}') AS ids), 0) + 1)
        """;

    /// <summary>The parameter <c>@RowId</c> when an import restores an id, else the next id (see <see cref="Restored"/>).</summary>
    public static string RestoredOrNext(string table) => $"coalesce(@RowId, {Next(table)})";
}
