namespace ClaimTracker.Api.Data;

/// <summary>
/// The id of a new row, never one issued before: above the table's highest id and above every id it retired
/// (<c>retired_ids</c>, kept by the delete triggers of db/0012). SQLite alone would give max(id) + 1, which after deleting
/// the newest row is that row's id again. Both are index seeks inside the INSERT, so a write costs no extra statement.
/// </summary>
public static class NewIds
{
    /// <summary>The next id of <paramref name="table"/>, as an SQL expression (uncorrelated: one value per statement).</summary>
    public static string Next(string table) =>
        $"(max(ifnull((SELECT max(id) FROM {table}), 0), ifnull((SELECT last_id FROM retired_ids WHERE table_name = '{table}'), 0)) + 1)";

    /// <summary>The parameter <c>@RowId</c> when an import restores an id, else the next id (see <see cref="Restored"/>).</summary>
    public static string RestoredOrNext(string table) => $"coalesce(@RowId, {Next(table)})";
}
