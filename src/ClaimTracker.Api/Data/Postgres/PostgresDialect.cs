using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;

namespace ClaimTracker.Api.Data.Postgres;

/// <summary>PostgreSQL's side of <see cref="SqlDialect"/>: a refused constraint is SQLSTATE class 23, with its table.</summary>
internal sealed partial class PostgresDialect : SqlDialect
{
    /// <summary>The journal of applied scripts; the same columns as SQLite's, in PostgreSQL's types.</summary>
    internal const string MigrationJournal = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    text NOT NULL PRIMARY KEY,
            checksum   text NOT NULL,
            applied_at text NOT NULL
        );
        """;

    public override string Name => "postgres";

    public override string LockSkippingLocked(string alias) => $"FOR UPDATE OF {alias} SKIP LOCKED";

    /// <summary>FOR KEY SHARE conflicts with FOR UPDATE only: an UPDATE of no key column does not wait.</summary>
    public override string HoldAgainstTakeover(string alias) => $"FOR KEY SHARE OF {alias}";

    public override RefusedConstraint? Refused(DbException e) => e switch
    {
        // Detail "Key (url)=(https://…) already exists." names the columns of the key.
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique =>
            new(ConstraintKind.Unique, unique.TableName, KeyColumns().Match(unique.Detail ?? "") is { Success: true } key
                ? key.Groups["columns"].Value.Split(", ")
                : null),
        PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } => new(ConstraintKind.ForeignKey),
        PostgresException { SqlState: var state } when state.StartsWith("23", StringComparison.Ordinal) =>
            new(ConstraintKind.Other),
        _ => null,
    };

    public override string IndexedBy(string table, string index) => table;

    /// <summary>
    /// The table's sequence (db/postgres/0011, which starts it past the highest and the retired ids, and moves it past
    /// an id an import restores). max(id) + 1 read the index's last page in every writer: concurrent serializable
    /// writers then failed each other ("could not serialize", 828 retries for about 500 writes at c=16).
    /// </summary>
    public override string NextId(string table) => $"nextval('{table}_id_seq')";

    public override string NextIdPerRow(string table, string orderBy) => NextId(table);

    public override string GroupByJoined(string key, string joinedKey) => $"{key}, {joinedKey}";

    public override string Unindexed(string expression) => expression;

    public override bool RefusedText(DbException e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire };

    public override bool TimedOut(DbException e) =>
        e is NpgsqlException { InnerException: TimeoutException }
            or PostgresException { SqlState: PostgresErrorCodes.QueryCanceled };

    [GeneratedRegex(@"^Key \((?<columns>[\w, ]+)\)=")]
    private static partial Regex KeyColumns();
}
