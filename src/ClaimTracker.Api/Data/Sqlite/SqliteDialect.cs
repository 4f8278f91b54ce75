using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Api.Data.Sqlite;

/// <summary>SQLite's side of <see cref="SqlDialect"/>: a refused constraint is error 19, described only in its message.</summary>
internal sealed partial class SqliteDialect : SqlDialect
{
    private const int SqliteConstraint = 19;

    public override string Name => "sqlite";

    /// <summary>Nothing: one writer at a time holds the whole database, so no other unit can hold a row.</summary>
    public override string LockSkippingLocked(string alias) => "";

    /// <summary>Nothing, as for <see cref="LockSkippingLocked"/>.</summary>
    public override string HoldAgainstTakeover(string alias) => "";

    public override RefusedConstraint? Refused(DbException e)
    {
        if (e is not SqliteException { SqliteErrorCode: SqliteConstraint }) return null;
        if (Unique().Match(e.Message) is { Success: true } unique)
            return new(ConstraintKind.Unique, unique.Groups["table"].Value,
                unique.Groups["columns"].Value.Split(", ").Select(c => c.Split('.')[^1]).ToList());
        return new(e.Message.Contains("FOREIGN KEY", StringComparison.Ordinal) ? ConstraintKind.ForeignKey : ConstraintKind.Other);
    }

    public override string IndexedBy(string table, string index) => $"{table} INDEXED BY {index}";

    public override string GroupByJoined(string key, string joinedKey) => key;

    public override bool RefusedText(DbException e) => false;

    [GeneratedRegex(@"UNIQUE constraint failed: (?<table>\w+)\.(?<columns>[\w., ]+?)'?\.?$")]
    private static partial Regex Unique();
}
