using ClaimTracker.Api.Data;

namespace ClaimTracker.Api.Common;

/// <summary>
/// A constraint the database refused, said as the API speaks: "SQLite Error 19: 'UNIQUE constraint failed: claims.id'"
/// names the engine, its tables and columns, none of which a client knows or should depend on.
/// </summary>
public static class StoreConflict
{
    public static string Describe(RefusedConstraint refused)
    {
        if (refused is { Kind: ConstraintKind.Unique, Table: { } table, Columns: { } columns })
        {
            var resource = table.EndsWith('s') ? table[..^1] : table;
            var fields = columns.Select(Camel);
            return $"The line conflicts with stored data: a {resource.Replace('_', ' ')} with this {string.Join(" and ", fields)} is already stored.";
        }
        return refused.Kind == ConstraintKind.ForeignKey
            ? "The line conflicts with stored data: it refers to something that is not stored."
            : "The line conflicts with stored data.";
    }

    private static string Camel(string column) =>
        string.Concat(column.Split('_').Select((part, i) => i == 0 || part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}
