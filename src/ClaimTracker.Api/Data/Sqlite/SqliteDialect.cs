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

    /// <summary>
    /// The larger of max(id) and the retired ids, plus one: max(id) + 1 alone would reissue a deleted newest row's id.
    /// Index seeks inside the INSERT, so a write costs no extra statement; the one writer makes them race-free.
    /// </summary>
    public override string NextId(string table) => $"""
        (coalesce((SELECT max(id) FROM (SELECT max(id) AS id FROM {table}
                   UNION ALL SELECT last_id FROM retired_ids WHERE table_name = '{table}') AS ids), 0) + 1)
        """;

    /// <summary>The next id computed once for the statement, each row adding its rank to it.</summary>
    public override string NextIdPerRow(string table, string orderBy) =>
        $"{NextId(table)} + row_number() OVER (ORDER BY {orderBy}) - 1";

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

    public override string Unindexed(string expression) => "+" + expression;

    public override bool RefusedText(DbException e) => false;

    // SQLite has no statement timeout: the request's own interrupts it (SqliteDb.RunReadAsync).
    public override bool TimedOut(DbException e) => false;

    [GeneratedRegex(@"UNIQUE constraint failed: (?<table>\w+)\.(?<columns>[\w., ]+?)'?\.?$")]
    private static partial Regex Unique();
}
