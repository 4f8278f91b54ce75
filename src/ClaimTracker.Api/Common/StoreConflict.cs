using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Api.Common;

/// <summary>
/// A constraint the database refused, said as the API speaks: "SQLite Error 19: 'UNIQUE constraint failed: claims.id'"
/// names the engine, its tables and columns, none of which a client knows or should depend on.
/// </summary>
public static partial class StoreConflict
{
    public static string Describe(SqliteException e)
    {
        if (Unique().Match(e.Message) is { Success: true } unique)
        {
            var table = unique.Groups["table"].Value;
            var resource = table.EndsWith('s') ? table[..^1] : table;
            var fields = unique.Groups["columns"].Value.Split(", ").Select(c => Camel(c.Split('.')[^1]));
            return $"The line conflicts with stored data: a {resource.Replace('_', ' ')} with this {string.Join(" and ", fields)} is already stored.";
        }
        return e.Message.Contains("FOREIGN KEY", StringComparison.Ordinal)
            ? "The line conflicts with stored data: it refers to something that is not stored."
            : "The line conflicts with stored data.";
    }

    private static string Camel(string column) =>
        string.Concat(column.Split('_').Select((part, i) => i == 0 || part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    [GeneratedRegex(@"UNIQUE constraint failed: (?<table>\w+)\.(?<columns>[\w., ]+?)'?\.?$")]
    private static partial Regex Unique();
}
